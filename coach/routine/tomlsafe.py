"""Parsing TOML that came from outside, without the parser's own ways of failing.

``tomllib`` is safe in that it never runs code, but a hostile file can still make it fail
in ways its callers don't expect: nested lists or inline tables raise ``RecursionError``,
an integer of more than 4300 digits raises a bare ``ValueError``, and a key of many dotted
parts (``a.a.a.…= 1``) costs memory quadratic in its length (20,000 parts take 1.5 GB).
:func:`loads` turns every one of these into a :class:`TomlProblem` with a line where it can
tell, and refuses keys of more dotted parts than any routine or config needs before the
parser sees them. Routine files and the config file are both read through it.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any, Final

MAX_KEY_PARTS: Final = 32
"""Dotted parts a key may have; the deepest key coach knows is ``steps.steps.steps``."""

_POSITION: Final = r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$"
_PART: Final = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
_LONG_KEY: Final = (
    rf"(?m)(?:^|[{{,])[ \t]*+\[*+[ \t]*+(?:{_PART}[ \t]*+\.[ \t]*+){{{MAX_KEY_PARTS}}}"
)
_LONG_NUMBER: Final = r"[0-9_]{4000,}"
"""Patterns, compiled (and cached by ``re``) only when a text needs them: most never do."""


class TomlProblem(ValueError):
    """Text that is not TOML coach will read; ``message`` has no position in it."""

    def __init__(self, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        where = f"line {self.line}" if self.column is None else \
            f"line {self.line}, column {self.column}"
        return f"{where}: {self.message}"


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads``, raising only :class:`TomlProblem` whatever the text holds."""
    if text.count(".") >= MAX_KEY_PARTS:
        match = re.search(_LONG_KEY, text)
        if match is not None:
            raise TomlProblem(
                f"a key has more than {MAX_KEY_PARTS} dotted parts; keys here have a few at "
                "most, e.g. [[steps.steps]]", _line_of(text, match.start()))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, line, column = str(error), None, None
        found = re.search(_POSITION, message)
        if found:
            message = message[: found.start()]
            if found.group(1):
                line, column = int(found.group(1)), int(found.group(2))
        raise TomlProblem(message, line, column) from None
    except RecursionError:
        raise TomlProblem("lists or tables are nested too deeply to read") from None
    except ValueError:
        match = re.search(_LONG_NUMBER, text)
        line = _line_of(text, match.start()) if match else None
        raise TomlProblem("a number has thousands of digits; write a short number",
                          line) from None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
