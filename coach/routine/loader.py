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

import os
import re
import stat
from pathlib import Path

from coach.files import FileProblem, kind_of, read_bytes
from coach.routine import tomlsafe
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
from coach.routine.problems import Problem, RoutineError, shown
from coach.text import one_line

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
    "parse_bytes",
    "parse_routine",
]

MAX_FILE_BYTES = 512 * 1024
"""The largest routine file read. The most a routine may hold, 500 steps each with the
longest name and cue in two-byte characters, its keys and a comment line, is about 400 KB;
a real one is a few KB."""

_BARE_VALUE = r"^\s*([A-Za-z0-9_-]+)\s*=\s*([^\"'\[{\s][^#]*?)\s*(?:#.*)?$"


def load_routine(path: Path, *, builtin: bool = False) -> Routine:
    """Read and validate one routine file; its id is the file name without ``.toml``.

    Only a regular file is read, without blocking and up to :data:`MAX_FILE_BYTES`: a named
    pipe, a device or a folder is a problem like any other, never a hang.
    """
    try:
        return parse_bytes(_read(path), source=path, routine_id=path.stem, builtin=builtin)
    except RoutineError as error:
        if not builtin:
            raise
        # A shipped file's path is deep in the installation; its id says which one it is.
        raise RoutineError(path, error.problems, label=f"built-in {path.stem}") from None


def parse_bytes(data: bytes, *, source: Path, routine_id: str,
                builtin: bool = False) -> Routine:
    """Validate a routine file's bytes: UTF-8 text, then as :func:`parse_routine`."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RoutineError(
            source,
            [
                Problem(
                    source,
                    f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                    "save it as UTF-8 in your editor",
                    line=line,
                    column=column,
                )
            ],
        ) from None
    return parse_routine(text, source=source, routine_id=routine_id, builtin=builtin)


def _read(path: Path) -> bytes:
    def fail(message: str) -> RoutineError:
        return RoutineError(path, [Problem(path, message)])

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise fail("is a link to a file that does not exist; fix the link or remove it") \
                from None
        raise fail("no such file; `coach routines list` shows the routines there are") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except (OSError, ValueError) as exc:
        raise fail(f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if stat.S_ISDIR(mode):
        raise fail("is a folder, not a routine file; name a .toml file inside it")
    if not stat.S_ISREG(mode):
        raise fail(f"is {kind_of(mode)}, not a routine file; a routine is a plain text "
                   "file, so replace it with one or remove it")
    try:
        return read_bytes(path, MAX_FILE_BYTES, "routine file")
    except FileProblem as problem:
        message = str(problem).removeprefix(f"{one_line(path)}: ")
        if "too big" in message:
            message += "; a routine file is a few KB, so this is probably not a routine"
        elif "Permission denied" in message:
            message = "cannot be read: permission denied"
        raise fail(message) from None


def parse_routine(
    text: str, *, source: Path, routine_id: str, builtin: bool = False
) -> Routine:
    """Validate a routine file's text; ``source`` is only used to name it in problems.

    Whatever the text holds, the outcome is a routine or a :class:`RoutineError`.
    """
    text = text.removeprefix("\ufeff")
    try:
        raw = tomlsafe.loads(text)
    except tomlsafe.TomlProblem as exc:
        raise RoutineError(source, [_syntax_problem(source, text, exc)]) from None
    return Checker(source).routine(raw, routine_id, builtin)


def _syntax_problem(path: Path, text: str, error: tomlsafe.TomlProblem) -> Problem:
    line, column, message = error.line, error.column, error.message
    message = "is not valid TOML: " + message[:1].lower() + message[1:]
    example = ""
    lines = text.splitlines()
    source_line = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    bare = re.match(_BARE_VALUE, source_line[:1000])
    if bare and not _is_toml_literal(bare.group(2)):
        message += "; text needs quotes"
        example = f'{bare.group(1)} = "{shown(bare.group(2).strip())}"'
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

