"""Checking single values of an import file, each problem named by its place.

An import file is outside data: hand-edited, truncated, or made to hurt. Every value is
checked against what coach itself writes (its type, its range, its length, its characters)
before a row is built from it, so nothing reaches SQLite that this coach would not have put
there: no 80-digit integer, no ``inf`` seconds, no terminal escape in a step name. A problem
is an :class:`Invalid` whose message starts with the place (``sessions[3].steps[2].kind``)
and shows the offending value in short, escaped form, so the message is always one line.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from coach.record.models import from_iso, to_iso
from coach.text import first_unsafe, is_blank

MAX_SECONDS: Final = 7 * 24 * 60 * 60
"""No step or session lasts a week of exercise: a larger time is a damaged file."""
MAX_PID: Final = 2**32 - 1
"""Process ids are unsigned 32-bit numbers on every system coach runs on."""
MAX_HOST_LENGTH: Final = 255
"""The longest host name a system reports."""
EARLIEST: Final = datetime(1970, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(3000, 1, 1, tzinfo=UTC)
"""Times coach writes come from the computer's clock; outside these years a time is
damaged, and one near year 9999 would overflow the first date arithmetic done on it."""
_SHOWN_CHARACTERS: Final = 40
_SHOWN_WHOLE: Final = 10**20


class Invalid(Exception):
    """A problem at one place in the file; the message is one line."""


class HugeNumber:
    """A JSON integer too long to be anything coach writes, kept as its digit count.

    The parser hands these out instead of converting the digits: Python refuses to convert
    more than 4300 of them, and SQLite takes at most 64 bits. The checks then refuse it at
    its place like any other wrong value.
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


class Duplicated(dict[str, Any]):
    """An object in which a key appeared more than once (JSON allows it; coach never
    writes it, and which of the values was meant cannot be known)."""

    duplicate: str = ""


def show(value: object) -> str:
    """A value in short, for a message: escaped, on one line, never huge."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if abs(value) < _SHOWN_WHOLE else "a huge whole number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        # repr escapes every non-printable character: controls, bidi marks, surrogates.
        if len(value) > _SHOWN_CHARACTERS:
            return repr(value[:_SHOWN_CHARACTERS]) + f"… ({len(value):,} characters)"
        return repr(value)
    if isinstance(value, HugeNumber):
        return f"a number {value.digits:,} digits long"
    if isinstance(value, list):
        if not value:
            return "an empty list"
        return f"a list of {len(value):,} {'item' if len(value) == 1 else 'items'}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def key_place(where: str, key: str) -> str:
    """``where.key``, with an odd key escaped so the place stays one readable line."""
    if key.isidentifier() and key.isascii():
        return f"{where}.{key}" if where else key
    return f"{where}[{show(key)}]"


def obj(value: Any, where: str, keys: Collection[str]) -> dict[str, Any]:
    """``value`` as an object whose keys are all among ``keys``."""
    if not isinstance(value, dict):
        raise Invalid(f"{where}: expected an object, not {show(value)}")
    for key in value:
        if key not in keys:
            raise Invalid(f"{key_place(where, key)}: unknown key; the keys here are "
                          + ", ".join(keys))
    return value


def items(data: dict[str, Any], key: str, where: str, limit: int,
          least: int = 0) -> list[Any]:
    """The list at ``key``, with ``least`` to ``limit`` items."""
    place = key_place(where, key)
    if key not in data:
        raise Invalid(f"{place}: missing")
    value = data[key]
    if not isinstance(value, list):
        raise Invalid(f"{place}: expected a list, not {show(value)}")
    if len(value) < least:
        raise Invalid(f"{place}: is empty; coach writes at least {least}")
    if len(value) > limit:
        raise Invalid(f"{place}: {len(value):,} items, more than the {limit:,} coach writes")
    return value


def _present(data: dict[str, Any], key: str, where: str, nullable: bool) -> Any:
    if key not in data and not nullable:
        raise Invalid(f"{key_place(where, key)}: missing")
    return data.get(key)


def text(data: dict[str, Any], key: str, where: str, limit: int, *, nullable: bool = False,
         blank: bool = True, lines: bool = False) -> Any:
    """The text at ``key`` (see :func:`text_value`)."""
    value = _present(data, key, where, nullable)
    if value is None and nullable:
        return None
    return text_value(value, key_place(where, key), limit, blank=blank, lines=lines)


def text_value(value: Any, place: str, limit: int, *, blank: bool = True,
               lines: bool = False) -> str:
    """Text of at most ``limit`` characters, free of control characters and lone
    surrogates; tabs and newlines only with ``lines``, nothing but spaces only with
    ``blank``."""
    if not isinstance(value, str):
        raise Invalid(f"{place}: expected text, not {show(value)}")
    if len(value) > limit:
        raise Invalid(f"{place}: {len(value):,} characters, more than the {limit} "
                      "coach allows")
    if value.isprintable():  # the common case, at C speed: nothing unsafe, no line breaks
        bad = None
    else:
        bad = first_unsafe(value)
        if bad is None and not lines:
            bad = next((char for char in value if char in "\t\n"), None)
    if bad is not None:
        what = "a lone surrogate" if "\ud800" <= bad <= "\udfff" else "a control character"
        raise Invalid(f"{place}: contains {what} ({show(bad)}), which coach never writes")
    if not blank and is_blank(value):
        raise Invalid(f"{place}: is empty; coach always writes a name here")
    return value


def choice(data: dict[str, Any], key: str, where: str, choices: Sequence[str], *,
           nullable: bool = False) -> Any:
    value = _present(data, key, where, nullable)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(f'"{option}"' for option in choices)
        raise Invalid(f"{key_place(where, key)}: expected one of {options}, not {show(value)}")
    return value


def flag(data: dict[str, Any], key: str, where: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise Invalid(f"{key_place(where, key)}: expected true or false, not {show(value)}")
    return value


def whole(data: dict[str, Any], key: str, where: str, low: int, high: int, *,
          nullable: bool = False) -> Any:
    """A whole number from ``low`` to ``high`` (never a bool, never 3.0)."""
    value = _present(data, key, where, nullable)
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Invalid(f"{key_place(where, key)}: expected a whole number from {low:,} to "
                      f"{high:,}, not {show(value)}")
    return value


def number(data: dict[str, Any], key: str, where: str, *, high: float = MAX_SECONDS,
           nullable: bool = False) -> float | None:
    """A finite number from 0 to ``high`` (seconds, unless said otherwise), as the float
    the database keeps."""
    value = _present(data, key, where, nullable)
    if value is None and nullable:
        return None
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not (math.isfinite(value) and 0 <= value <= high)):
        raise Invalid(f"{key_place(where, key)}: expected a number from 0 to {high:,}, "
                      f"not {show(value)}")
    return float(value)


def uuid_text(data: dict[str, Any], key: str, where: str, *, nullable: bool = False) -> Any:
    """A UUID in the canonical form coach writes."""
    value = text(data, key, where, 45, nullable=nullable)
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Invalid(f"{key_place(where, key)}: {show(value)} is not a UUID") from None


def moment(data: dict[str, Any], key: str, where: str, *, nullable: bool = False) -> Any:
    """A time with a zone, as the fixed-width UTC text the database keeps."""
    value = text(data, key, where, 40, nullable=nullable)
    if value is None:
        return None
    place = key_place(where, key)
    try:
        parsed = from_iso(value)
    except (ValueError, OverflowError):
        raise Invalid(f'{place}: {show(value)} is not a UTC time like '
                      '"2024-06-01T07:30:00.000Z"') from None
    if not EARLIEST <= parsed < LATEST:
        raise Invalid(f"{place}: {show(value)} is not between the years "
                      f"{EARLIEST.year} and {LATEST.year - 1}")
    return to_iso(parsed)
