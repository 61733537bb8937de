"""The command-line reference, written from the parsers the commands run with.

The documentation site's reference page is this module's output, made at every build, so it
lists exactly the commands, arguments and choices ``coach`` accepts today: a new flag is
documented the day it exists, a removed one disappears. Never imports Textual.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from coach.cli.completion import expanded_help, help_of, subcommands


def markdown() -> str:
    """Every command of ``coach``, in the order ``coach --help`` lists them, as Markdown."""
    from coach.cli import build_parser

    return "\n".join(_section(build_parser(None), ("coach",), "")) + "\n"


def command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command as its words, e.g. ``("coach", "runs", "import")``."""
    from coach.cli import build_parser

    found: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        found.append(path)
        for name, child in subcommands(parser).items():
            walk(child, path + (name,))

    walk(build_parser(None), ("coach",))
    return found


def _section(parser: argparse.ArgumentParser, path: tuple[str, ...],
             summary: str) -> Iterator[str]:
    depth = min(len(path) + 1, 4)
    yield f"{'#' * depth} `{' '.join(path)}`"
    yield ""
    about = parser.description or (_sentence(summary) if summary else "")
    if about:
        yield _escape(about)
        yield ""
    yield "```text"
    yield " ".join(parser.format_usage().split()).replace("usage: ", "", 1)
    yield "```"
    yield ""
    rows = list(_argument_rows(parser))
    if rows:
        yield from rows
        yield ""
    if parser.epilog:
        yield _escape(parser.epilog)
        yield ""
    for name, child in subcommands(parser).items():
        yield from _section(child, path + (name,), help_of(parser, name))


def _argument_rows(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        if action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            names = ", ".join(action.option_strings)
            if action.nargs != 0:
                names += f" {_metavar(action)}"
        else:
            names = _metavar(action)
        meaning = expanded_help(action)
        if action.choices and not isinstance(action.choices, dict):
            choices = ", ".join(f"`{choice}`" for choice in action.choices)
            meaning = f"{meaning} (one of {choices})" if meaning else f"one of {choices}"
        yield f"- `{names}`" + (f": {_escape(meaning)}" if meaning else "")


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return str(action.metavar)
    if action.choices:
        return "{" + ",".join(str(choice) for choice in action.choices) + "}"
    return action.dest.upper()


def _sentence(text: str) -> str:
    text = _escape(text.strip())
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _escape(text: str) -> str:
    """Help text as one line of Markdown prose, with no HTML in it."""
    return " ".join(text.split()).replace("<", "&lt;")
