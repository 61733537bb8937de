"""The ``coach`` command line.

Every command module registers its own sub-commands. Commands that need no screen never
import Textual, so ``coach --help`` and ``coach routines validate`` start fast; the ones that
open the app import it lazily.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from coach import __version__

COMMAND_MODULES = (
    "coach.cli.app_commands",
    "coach.cli.routines",
    "coach.cli.sounds",
    "coach.cli.data",
)


class UserError(Exception):
    """A mistake the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description="A terminal warm-up and cool-down coach for runners.",
        epilog="Run `coach` with no command to open the app. Set COACH_HOME=DIR to keep "
        "all of coach's files under DIR.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.set_defaults(handler=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = args.handler
    if handler is None:
        from coach.cli.app_commands import open_home

        handler = open_home
    try:
        result: int = handler(args)
    except UserError as error:
        print(f"coach: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    return result
