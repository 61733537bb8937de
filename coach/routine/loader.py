"""Reading routine files: TOML in, a validated :class:`~coach.routine.model.Routine` out.

Routine files are written by hand, often by people who have never seen TOML, and shared
between runners. So the loader never stops at the first mistake: it reports every problem in
one go, each naming the file, the step, the key, what is wrong and what right looks like.
Nothing in a file can run code, name a command or point at a path: values are plain text,
numbers and booleans, and ``sound`` only picks one of the known cue names.

This module is the way in: it reads the file and turns TOML syntax errors into problems.
The wording of problems lives in :mod:`coach.routine.problems`, the rules and checks of
single keys in :mod:`coach.routine.fields`, and the walk over steps and groups in
:mod:`coach.routine.checks`. Their public names are re-exported here, so callers import
everything about loading a routine from one place.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from coach.routine.checks import Checker
from coach.routine.fields import (
    AMOUNT_PATTERN,
    DEFAULT_ROUTINE_KIND,
    DEFAULT_STEP_KIND,
    DEFAULTS_KEYS,
    DURATION_PATTERN,
    GROUP_KEYS,
    MAX_COUNTDOWN,
    MAX_CUE_LENGTH,
    MAX_DEPTH,
    MAX_EXPANDED_STEPS,
    MAX_NAME_LENGTH,
    MAX_REPEAT,
    MAX_SUMMARY_LENGTH,
    MAX_SWITCH_SECONDS,
    STEP_KEYS,
    TOP_KEYS,
    cue_names,
)
from coach.routine.model import Routine
from coach.routine.problems import Problem, RoutineError

__all__ = [
    "AMOUNT_PATTERN",
    "DEFAULTS_KEYS",
    "DEFAULT_ROUTINE_KIND",
    "DEFAULT_STEP_KIND",
    "DURATION_PATTERN",
    "GROUP_KEYS",
    "MAX_COUNTDOWN",
    "MAX_CUE_LENGTH",
    "MAX_DEPTH",
    "MAX_EXPANDED_STEPS",
    "MAX_FILE_BYTES",
    "MAX_NAME_LENGTH",
    "MAX_REPEAT",
    "MAX_SUMMARY_LENGTH",
    "MAX_SWITCH_SECONDS",
    "STEP_KEYS",
    "TOP_KEYS",
    "Problem",
    "RoutineError",
    "cue_names",
    "load_routine",
    "parse_routine",
]

MAX_FILE_BYTES = 1024 * 1024
"""A routine is a few kilobytes; anything near a megabyte is the wrong file."""

_TOML_POSITION = r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$"
_BARE_VALUE = r"^\s*([A-Za-z0-9_-]+)\s*=\s*([^\"'\[{\s][^#]*?)\s*(?:#.*)?$"


def load_routine(path: Path, *, builtin: bool = False) -> Routine:
    """Read and validate one routine file; its id is the file name without ``.toml``."""
    data = _read(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineError(
            path,
            [
                Problem(
                    path,
                    f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                    "save it as UTF-8 in your editor",
                    line=line,
                    column=column,
                )
            ],
        ) from None
    return parse_routine(text, source=path, routine_id=path.stem, builtin=builtin)


def _read(path: Path) -> bytes:
    def fail(message: str, example: str = "") -> RoutineError:
        return RoutineError(path, [Problem(path, message, example=example)])

    try:
        if path.is_dir():
            raise fail("is a folder, not a routine file; name a .toml file inside it")
        size = path.stat().st_size
    except FileNotFoundError:
        raise fail(
            "no such file; `coach routines list` shows the routines there are"
        ) from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise fail(
            f"is {size // 1024:,} KB; a routine file is a few KB (the limit is 1 MB), so "
            "this is probably not a routine"
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except IsADirectoryError:
        raise fail("is a folder, not a routine file; name a .toml file inside it") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail("is over 1 MB; a routine file is a few KB, so this is probably not a routine")
    return data


def parse_routine(
    text: str, *, source: Path, routine_id: str, builtin: bool = False
) -> Routine:
    """Validate a routine file's text; ``source`` is only used to name it in problems."""
    text = text.removeprefix("\ufeff")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(source, [_syntax_problem(source, text, str(exc))]) from None
    return Checker(source).routine(raw, routine_id, builtin)


def _syntax_problem(path: Path, text: str, message: str) -> Problem:
    line = column = None
    match = re.search(_TOML_POSITION, message)
    if match:
        message = message[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    message = "is not valid TOML: " + message[:1].lower() + message[1:]
    example = ""
    lines = text.splitlines()
    source_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    bare = re.match(_BARE_VALUE, source_line)
    if bare and not _is_toml_literal(bare.group(2)):
        message += "; text needs quotes"
        example = f'{bare.group(1)} = "{bare.group(2).strip()}"'
    elif "illegal character '\\n'" in message or "unterminated string" in message.lower():
        message += "; a text value is missing its closing quote"
        example = 'name = "Brisk walk"'
    elif "overwrite" in message or "twice" in message:
        message += "; a key or table appears twice"
        example = "each key once per table, and every step starts with its own [[steps]] line"
    elif "expected '='" in message.lower():
        example = 'name = "Brisk walk"'
    return Problem(path, message, example=example, line=line, column=column)


def _is_toml_literal(value: str) -> bool:
    value = value.strip()
    if value in ("true", "false", "inf", "nan", "+inf", "-inf"):
        return True
    return re.fullmatch(r"[+-]?[\d_]+(\.[\d_]+)?([eE][+-]?\d+)?", value) is not None

