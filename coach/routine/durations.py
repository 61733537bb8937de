"""Step durations as written in routine files: ``45s``, ``2m``, ``1m30s``, ``5m..10m``, ``open``."""

from __future__ import annotations

import re

from coach.frozen import Record
from coach.routine.problems import shown

MAX_STEP_SECONDS = 2 * 60 * 60
"""No single step may be planned longer than this: a longer one is surely a typo."""

_PART = re.compile(r"(\d+)\s*([hms])")
_WHOLE = re.compile(r"^\s*(?:\d+\s*[hms]\s*)+$")
_SCALE = {"h": 3600, "m": 60, "s": 1}
_MAX_DIGITS = 7
"""Digits an amount may have: even ``9999999s`` is months, and ``int()`` of thousands of
digits is refused by Python itself."""


class DurationError(ValueError):
    """The text is not a duration; the message says what a right one looks like."""


class StepTime(Record):
    """How long a step lasts.

    Fixed: ``minimum == maximum``. Flexible: may be finished after ``minimum`` and ends by itself
    at ``maximum``. Open: ``maximum is None``; it waits for the runner to say it is done.
    """

    minimum: int
    maximum: int | None

    @property
    def is_open(self) -> bool:
        return self.maximum is None

    @property
    def is_flexible(self) -> bool:
        return self.maximum is not None and self.maximum > self.minimum

    @property
    def is_fixed(self) -> bool:
        return self.maximum is not None and self.maximum == self.minimum

    def text(self) -> str:
        """The duration as a routine file would write it."""
        if self.maximum is None:
            return "open"
        if self.maximum == self.minimum:
            return format_seconds(self.minimum)
        return f"{format_seconds(self.minimum)}..{format_seconds(self.maximum)}"


def format_seconds(seconds: int) -> str:
    """``90`` → ``1m30s``; the inverse of :func:`parse_seconds`."""
    seconds = int(seconds)
    if seconds == 0:
        return "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = ""
    if hours:
        text += f"{hours}h"
    if minutes:
        text += f"{minutes}m"
    if secs:
        text += f"{secs}s"
    return text


def format_clock(seconds: float) -> str:
    """Seconds as ``M:SS`` (or ``H:MM:SS``) for countdowns and totals."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_elapsed(seconds: float) -> str:
    """A time that was measured (a run's moving time, a session's length), to the nearest
    second, as :func:`format_clock` writes it: every screen and command shows the same."""
    return format_clock(round(seconds))


def parse_seconds(text: str) -> int:
    """Parse one amount of time with units, such as ``1m30s``."""
    if not _WHOLE.match(text):
        raise DurationError(
            f'"{shown(text)}" is not a duration; write a number with a unit, e.g. "45s", '
            '"2m" or "1m30s"'
        )
    total = 0
    seen: list[str] = []
    for amount, unit in _PART.findall(text):
        if unit in seen:
            raise DurationError(f'"{shown(text)}" names "{unit}" twice; write e.g. "1m30s"')
        if len(amount.lstrip("0")) > _MAX_DIGITS:
            raise DurationError(f'"{shown(text)}" is far too long for a step; write e.g. '
                                '"45s", "2m" or "1m30s"')
        seen.append(unit)
        total += int(amount.lstrip("0") or "0") * _SCALE[unit]
    return total


def parse_step_time(text: str) -> StepTime:
    """Parse a step's ``time``: an amount, a range ``MIN..MAX`` or ``open``."""
    cleaned = text.strip().lower()
    if cleaned == "open":
        return StepTime(0, None)
    if ".." in cleaned:
        low_text, _, high_text = cleaned.partition("..")
        low, high = parse_seconds(low_text), parse_seconds(high_text)
        if low <= 0:
            raise DurationError(
                f'range "{shown(text)}" must start above zero, e.g. "5m..10m"'
            )
        if high <= low:
            raise DurationError(
                f'range "{shown(text)}" must end after it starts, e.g. "5m..10m"'
            )
        _check_limit(high, text)
        return StepTime(low, high)
    seconds = parse_seconds(cleaned)
    if seconds <= 0:
        raise DurationError(f'"{shown(text)}" is zero; a step needs some time, e.g. "30s"')
    _check_limit(seconds, text)
    return StepTime(seconds, seconds)


def _check_limit(seconds: int, text: str) -> None:
    if seconds > MAX_STEP_SECONDS:
        raise DurationError(
            f'"{shown(text)}" is longer than the 2h a step may last; split it or use e.g. '
            '"10m"'
        )
