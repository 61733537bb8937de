"""Commands that open the app: the home screen, ``coach run``, ``log`` and ``history``.

They draw a screen, so they need a terminal on both standard input and output: without
one (``coach history </dev/null``, ``coach | head``, a cron job) the app would wait for keys
that never come, or draw into a pipe. Each refuses in one line instead, naming the
screen-less command that does the job in a script, before Textual is even imported.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

NO_TERMINAL_EXIT = 2

FOR_SCRIPTS = {
    "coach": "for scripts use coach routines list or coach export",
    "coach run": "to check a routine in a script use coach routines validate or "
                 "coach routines show",
    "coach log": "for scripts use coach log --overall N (see coach log --help)",
    "coach history": "for scripts use coach export",
}
"""What each screen's command tells a script to use instead."""


def register(commands: argparse._SubParsersAction[Any]) -> None:
    run = commands.add_parser("run", help="play a routine now", description="Play a routine.")
    run.add_argument("routine", metavar="ID|PATH", help="a routine id or a .toml file")
    run.add_argument(
        "--speed",
        type=float,
        default=1.0,
        metavar="X",
        help="run time X times faster, to preview or demonstrate a routine (e.g. 30)",
    )
    run.set_defaults(handler=run_routine)

    history = commands.add_parser(
        "history",
        help="review past sessions, trends, and what helps you",
        description="Browse sessions, soreness trends and what seems to help your legs.",
    )
    history.set_defaults(handler=review_history)


def has_terminal() -> bool:
    """Whether standard input and output are both a terminal, as a screen needs, or coach
    was started by ``coach serve`` to draw in a browser (see :func:`served_screen`)."""
    if served_screen():
        return True
    try:
        return os.isatty(sys.stdin.fileno()) and os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or replaced by a non-file
        return False


def served_screen() -> bool:
    """Whether ``coach serve`` started this coach to draw in a browser."""
    from coach.serve import served_here

    return served_here()


def refuse_without_terminal(command: str) -> int | None:
    """Print why ``command`` cannot run here and return its exit status; None if it can."""
    if has_terminal():
        return None
    print(f"{command} needs a terminal; {FOR_SCRIPTS[command]}", file=sys.stderr)
    return NO_TERMINAL_EXIT


def open_home(args: argparse.Namespace | None) -> int:
    return _run_app("coach")


def run_routine(args: argparse.Namespace) -> int:
    from coach.cli import UserError
    from coach.routine.catalog import UnknownRoutineError, resolve
    from coach.routine.loader import RoutineError

    if not 0 < args.speed <= 1000:
        raise UserError(f"--speed {args.speed:g}: use a number above 0 and up to 1000, e.g. 30")
    try:
        routine = resolve(args.routine)
    except (UnknownRoutineError, RoutineError) as error:
        raise UserError(str(error), exit_code=1) from None
    return _run_app("coach run", routine=routine, speed=args.speed)


def log_soreness(args: argparse.Namespace) -> int:
    return _run_app("coach log", log=True)


def review_history(args: argparse.Namespace) -> int:
    return _run_app("coach history", history=True)


def _run_app(command: str, **options: Any) -> int:
    refused = refuse_without_terminal(command)
    if refused is not None:
        return refused
    from coach.ui.app import make_app
    from coach.ui.terminal import private_terminal

    with private_terminal():
        app = make_app(**options)
        app.run()
    return app.return_code or 0
