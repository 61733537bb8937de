"""Commands that open the app: the home screen and ``coach run``."""

from __future__ import annotations

import argparse
from typing import Any


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

    log = commands.add_parser(
        "log",
        help="record how sore your legs are, without a routine",
        description="Rate soreness (overall and by region), the run's effort and a note.",
    )
    log.set_defaults(handler=log_soreness)

    history = commands.add_parser(
        "history",
        help="review past sessions, trends, and what helps you",
        description="Browse sessions, soreness trends and what seems to help your legs.",
    )
    history.set_defaults(handler=review_history)


def open_home(args: argparse.Namespace | None) -> int:
    return _run_app()


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
    return _run_app(routine=routine, speed=args.speed)


def log_soreness(args: argparse.Namespace) -> int:
    return _run_app(log=True)


def review_history(args: argparse.Namespace) -> int:
    return _run_app(history=True)


def _run_app(**options: Any) -> int:
    from coach.ui.app import make_app
    from coach.ui.terminal import private_terminal

    with private_terminal():
        app = make_app(**options)
        app.run()
    return app.return_code or 0
