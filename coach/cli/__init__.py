"""The ``coach`` command line.

Every command module registers its own sub-commands. Commands that need no screen never
import Textual, so ``coach --help`` and ``coach routines validate`` start fast; the ones that
open the app import it lazily. A run that names its command imports only that command's
module: scripts call ``coach routines validate`` after every save, and should not wait for
the others.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from coach import __version__

COMMAND_MODULES = (
    "coach.cli.app_commands",
    "coach.cli.routines",
    "coach.cli.sounds",
    "coach.cli.data",
    "coach.cli.log",
    "coach.cli.insights",
    "coach.cli.experiment",
    "coach.cli.runs",
    "coach.cli.shoes",
    "coach.cli.completion",
    "coach.cli.serve",
)

COMMANDS = {
    "run": "coach.cli.app_commands",
    "log": "coach.cli.log",
    "insights": "coach.cli.insights",
    "experiment": "coach.cli.experiment",
    "runs": "coach.cli.runs",
    "shoes": "coach.cli.shoes",
    "history": "coach.cli.app_commands",
    "routines": "coach.cli.routines",
    "sounds": "coach.cli.sounds",
    "export": "coach.cli.data",
    "import": "coach.cli.data",
    "completion": "coach.cli.completion",
    "serve": "coach.cli.serve",
}
"""The module that registers each command. A command missing here, or listed under the
wrong module, still works (every module is then registered); the map only spares the
commands it lists the other modules' start-up cost."""


class UserError(Exception):
    """A mistake the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _terminal_columns() -> int:
    """The width ``shutil.get_terminal_size()`` would report: ``$COLUMNS``, else the width
    of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    stdout = sys.__stdout__
    if columns <= 0 and stdout is not None:
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own formatter, sized without importing ``shutil``.

    argparse makes a formatter for every argument added, to check its metavar, and the
    stock one imports ``shutil`` (and the compression modules it loads) to learn the
    terminal's width: the slowest part of building the parser, on every run, for help that
    is seldom printed. The width, and so the help, is the same either way.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def short_errors(parser: argparse.ArgumentParser) -> None:
    """Make ``parser``'s usage errors one line naming the command and where its help is,
    with whatever was typed made safe to print; exit status 2."""
    def error(message: str) -> NoReturn:
        from coach.text import one_line

        print(f"{parser.prog}: {one_line(message)}; see {parser.prog} --help", file=sys.stderr)
        raise SystemExit(2)

    parser.error = error  # type: ignore[method-assign]


class _VersionAction(argparse.Action):
    """``--version``: the version, then where this coach keeps its files.

    Asked after an install (``pipx install .``, ``uv tool install .``), the first question is
    which coach answered and which history it reads; the folders follow ``COACH_HOME``.
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> NoReturn:
        print(version_text())
        parser.exit()


def version_text() -> str:
    """What ``coach --version`` prints: the version and the folders coach reads and writes."""
    from coach import locations

    return "\n".join((
        f"coach {__version__}",
        f"history:           {locations.database_file()}",
        f"settings:          {locations.config_file()}",
        f"your routines:     {locations.user_routines_dir()}",
        f"built-in routines: {locations.builtin_routines_dir()}",
    ))


class _Parser(argparse.ArgumentParser):
    """A parser using :class:`_HelpFormatter`; the parsers of its sub-commands are too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """argparse's usage error, with whatever was typed made safe to print."""
        from coach.text import one_line

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``, or for any command line when it is None.

    When ``argv`` starts with a known command only that command's module registers its
    sub-commands, through its ``register_for(commands, rest_of_argv)`` if it has one (to
    build only what the rest needs), else its ``register(commands)``. Anything else (no
    command, ``--help``, a typo) registers every module in full, so help and "invalid
    choice" errors list every command.
    """
    parser = _Parser(
        prog="coach",
        description="A terminal warm-up and cool-down coach for runners.",
        epilog="Run `coach` with no command to open the app. Set COACH_HOME=DIR to keep "
        "all of coach's files under DIR.",
    )
    parser.add_argument("--version", action=_VersionAction,
                        help="show coach's version and where it keeps your files, and exit")
    parser.set_defaults(handler=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    command = argv[0] if argv else ""
    needed = COMMANDS.get(command)
    if needed is not None:
        module = _command_module(needed)
        register_for = getattr(module, "register_for", None)
        if register_for is None:
            module.register(commands)
        else:
            register_for(commands, argv[1:] if argv else ())
    if needed is None or command not in commands.choices:
        for name in COMMAND_MODULES:
            if name != needed:
                _command_module(name).register(commands)
    return parser


def _command_module(name: str) -> Any:
    """The command module ``name``; ``importlib`` would be imported for this alone."""
    return __import__(name, fromlist=("register",))


def _usable_time_zone() -> None:
    """A local zone Python cannot represent (``TZ=UTC+999999999``: an offset of a day or more)
    would make every local time a traceback; coach says so once and keeps time in UTC."""
    import time
    from datetime import datetime

    try:
        datetime.now().astimezone()
    except (ValueError, OverflowError, OSError):
        zone = os.environ.get("TZ", "")
        os.environ["TZ"] = "UTC"
        if hasattr(time, "tzset"):
            time.tzset()
        named = f"TZ={zone}" if zone else "the computer's time zone"
        shown = named.encode("ascii", "replace").decode()[:60]
        print(f"coach: {shown} is not a time zone coach can use (an offset of a day or "
              "more); times are shown in UTC", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line; every outcome is an exit status, never a traceback.

    A reader that goes away (``coach routines list | head -1``) ends the command quietly
    with status 1, and a full disk under standard output (``> /dev/full``) is one line.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if sys.stderr is None:
        return 1  # started with standard error closed (``2>&-``): nowhere to say anything
    if sys.stdout is None:
        # Started with standard output closed (``>&-``): writing to it fails in one line.
        sys.stdout = ClosedOutput()
    _usable_time_zone()
    if not arguments:
        # Plain `coach` opens the app: no parser to build, so the first frame comes sooner.
        from coach.cli.app_commands import open_home

        return open_home(None)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    handler = args.handler
    if handler is None:
        from coach.cli.app_commands import open_home

        handler = open_home
    try:
        result: int = handler(args)
        sys.stdout.flush()  # a full disk shows here, not in the interpreter's exit
    except UserError as error:
        print(f"coach: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return 1
    except OSError as error:
        if error.errno == errno.EBADF:
            print("coach: standard output is closed; nothing was written", file=sys.stderr)
            return 1
        if error.errno not in _FULL:
            raise
        _drop_stdout()
        print(f"coach: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return 1
    return result


_FULL = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, name)}
"""Errors that mean the disk (or quota) under the output is full."""


class ClosedOutput(io.TextIOBase):
    """Stands in for a standard output the shell closed: every write fails as EBADF."""

    closed_output = True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass


def _drop_stdout() -> None:
    """Point standard output at the null device, so what is still buffered in it does not
    fail again, as an "Exception ignored" message, when the interpreter exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
