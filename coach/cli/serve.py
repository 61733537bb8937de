"""``coach serve``: the app in a browser, on this computer or (``--lan``) the home network."""

from __future__ import annotations

import argparse
import sys
from typing import Any

DEFAULT_PORT = 8080


def register(commands: argparse._SubParsersAction[Any]) -> None:
    from coach.cli import short_errors

    serve = commands.add_parser(
        "serve",
        help="open coach in a browser (a phone on your home network with --lan)",
        description="Serve coach to a browser. Only a browser given the printed address "
        "(it holds a secret token) gets in. Sound plays on this computer.",
    )
    where = serve.add_mutually_exclusive_group()
    where.add_argument("--lan", action="store_true",
                       help="listen on the home network too (plain HTTP: trusted networks "
                       "only), so a phone can open it")
    where.add_argument("--host", metavar="ADDR", default=None,
                       help="listen on this address only (default 127.0.0.1, this computer)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N",
                       help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.set_defaults(handler=run_serve)
    short_errors(serve)


def run_serve(args: argparse.Namespace) -> int:
    import asyncio

    from coach.cli import UserError
    from coach.serve.address import EVERYWHERE, LOOPBACK, lan_address, listen, print_qr, url_host
    from coach.serve.guard import Guard, host_names, new_token
    from coach.text import one_line

    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: use a port from 1 to 65535 (or 0 for any free one)")
    host = EVERYWHERE if args.lan else (args.host or LOOPBACK).strip()
    lan = lan_address() if host == EVERYWHERE else None
    try:
        listening = listen(host, args.port)
    except (OSError, OverflowError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UserError(f"cannot listen on {one_line(host)} port {args.port}: {reason}; "
                        "pick another with --port or --host", exit_code=1) from None
    port = listening.getsockname()[1]
    shown = lan or (LOOPBACK if host == EVERYWHERE else host)
    guard = Guard(new_token(), host_names(host, port, lan), port)
    url = f"http://{url_host(shown)}:{port}/?token={guard.token}"

    def ready() -> None:
        print(f"coach is served at {url}")
        if host == EVERYWHERE and lan is None:
            print("No home network found: only this computer can open it.")
        elif host == LOOPBACK:
            print("Only this computer can open it; coach serve --lan opens it to your "
                  "home network.")
        if sys.stdout.isatty():
            print_qr(url, sys.stdout)
        print("Keep the address private: it is the key. Sound plays on this computer. "
              "Ctrl+C stops.", flush=True)

    from coach.serve.server import CoachServer, serve

    try:
        asyncio.run(serve(CoachServer(guard), listening, ready))
    finally:
        listening.close()
    print("coach serve stopped.")
    return 0
