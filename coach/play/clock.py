"""Clocks for the engine, and a watch that notices when the computer was asleep.

The engine never counts ticks: it asks a clock for the time and derives everything from it.
The app gives it :func:`time.monotonic` (or a :class:`ScaledClock` for ``--speed``); tests
give it a :class:`FakeClock` they move by hand, so no test sleeps.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

Clock = Callable[[], float]
"""Seconds from an arbitrary start, never going backwards."""


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock never goes backwards")
        self.now += seconds


class ScaledClock:
    """Runs ``speed`` times faster than ``base``, to preview or demonstrate a routine."""

    def __init__(self, speed: float, base: Clock = time.monotonic) -> None:
        if speed <= 0:
            raise ValueError("speed must be above zero")
        self.speed = speed
        self._base = base
        self._origin = base()

    def __call__(self) -> float:
        return self._origin + (self._base() - self._origin) * self.speed


def _boottime() -> float | None:
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None:
        return None
    try:
        return time.clock_gettime(clock_id)
    except OSError:
        return None


class SuspendWatch:
    """Reports how long the computer slept since the last check.

    On Linux ``CLOCK_MONOTONIC`` stops while the system is suspended and ``CLOCK_BOOTTIME``
    does not, so the gap between their advances is the sleep. Elsewhere the wall clock stands
    in for ``CLOCK_BOOTTIME``; a jump of the wall clock (an NTP correction, a time-zone
    change) could look like a sleep, so only gaps above ``threshold`` count.
    """

    def __init__(
        self,
        *,
        threshold: float = 5.0,
        monotonic: Clock = time.monotonic,
        reference: Clock | None = None,
    ) -> None:
        self.threshold = threshold
        self._monotonic = monotonic
        if reference is None:
            reference = (
                time.time
                if sys.platform != "linux" or _boottime() is None
                else (lambda: _boottime() or 0.0)
            )
        self._reference = reference
        self._last = (monotonic(), reference())

    def check(self) -> float:
        """Seconds slept since the previous check, or 0.0 when there was no sleep."""
        now = (self._monotonic(), self._reference())
        gap = (now[1] - self._last[1]) - (now[0] - self._last[0])
        self._last = now
        return gap if gap > self.threshold else 0.0
