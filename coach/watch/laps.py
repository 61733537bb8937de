"""The laps of a FIT activity and the workout the watch followed, read in one quick pass.

Reading a watch's file back for its laps must not double the cost of an import (a year of
hour-long runs is mostly one record a second), so this pass decodes no record at all: it
walks the file's messages by the sizes their definitions give and decodes only the few
fields of laps, the workout and its steps. The file was read and its checksums verified
by the activity reader before this runs; a file this pass cannot follow gives no laps,
never an error.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

from coach.frozen import Record

FIT_EPOCH: Final = datetime(1989, 12, 31, tzinfo=UTC)
LAP: Final = 19
WORKOUT: Final = 26
WORKOUT_STEP: Final = 27
MAX_LAPS: Final = 10_000
"""More laps than this is no watch workout; the rest are not read."""
INTENSITIES: Final = {0: "active", 1: "rest", 2: "warmup", 3: "cooldown", 4: "recovery",
                      5: "interval", 6: "other"}
_LAP_FIELDS: Final = {2: "start", 7: "elapsed", 8: "timer", 9: "distance", 21: "ascent",
                      22: "descent", 23: "intensity", 71: "step"}
_STEP_FIELDS: Final = {254: "index", 0: "name", 1: "duration_type", 2: "duration_value",
                       4: "target_value"}
_WORKOUT_FIELDS: Final = {8: "name"}
_WANTED: Final = {LAP: _LAP_FIELDS, WORKOUT: _WORKOUT_FIELDS, WORKOUT_STEP: _STEP_FIELDS}
_INVALID: Final = {1: 0xFF, 2: 0xFFFF, 4: 0xFFFFFFFF}
_STRING: Final = 0x07


class Lap(Record):
    """One lap as the watch closed it."""

    start: datetime
    elapsed: float
    """Seconds from its start to its end, pauses included."""
    timer: float
    """Seconds of timer time: pauses left out."""
    intensity: str | None = None
    """FIT's word: ``warmup``, ``cooldown``, ``active``, ``rest``…"""
    step: int | None = None
    """The index of the workout step the watch was on, when it was following a workout."""
    distance_m: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)


class WorkoutStep(Record):
    index: int
    name: str
    duration_type: int | None
    """FIT's number: 0 time, 5 open, 6 repeat until steps complete…"""
    duration_value: int | None
    target_value: int | None


class WatchFile(Record):
    laps: tuple[Lap, ...]
    workout_name: str | None = None
    steps: tuple[WorkoutStep, ...] = ()


def read_laps(data: bytes) -> WatchFile:
    """The laps and workout in a FIT file; empty when it holds none or cannot be followed."""
    try:
        return _read(data)
    except (IndexError, ValueError, KeyError, OverflowError):
        return WatchFile(())


def _read(data: bytes) -> WatchFile:
    if len(data) < 12 or data[8:12] != b".FIT":
        return WatchFile(())
    header = data[0]
    end = min(len(data), header + int.from_bytes(data[4:8], "little"))
    definitions: dict[int, tuple[int, str, list[tuple[int, int, int]], int]] = {}
    laps: list[Lap] = []
    steps: list[WorkoutStep] = []
    name: str | None = None
    at = header
    while at < end:
        head = data[at]
        at += 1
        if head & 0x80:  # a compressed timestamp header: a data message
            local = (head >> 5) & 0x03
        elif head & 0x40:
            local = head & 0x0F
            order = "big" if data[at + 1] == 1 else "little"
            number = int.from_bytes(data[at + 2:at + 4], order)  # type: ignore[arg-type]
            count = data[at + 4]
            at += 5
            fields = [(data[at + 3 * n], data[at + 3 * n + 1], data[at + 3 * n + 2])
                      for n in range(count)]
            at += 3 * count
            size = sum(field[1] for field in fields)
            if head & 0x20:  # developer fields: only their sizes matter here
                extra = data[at]
                at += 1
                size += sum(data[at + 3 * n + 1] for n in range(extra))
                at += 3 * extra
            definitions[local] = (number, order, fields, size)
            continue
        else:
            local = head & 0x0F
        number, order, fields, size = definitions[local]
        wanted = _WANTED.get(number)
        if wanted is not None:
            values = _decode(data, at, order, fields, wanted)
            if number == LAP and len(laps) < MAX_LAPS:
                lap = _lap(values)
                if lap is not None:
                    laps.append(lap)
            elif number == WORKOUT and name is None:
                found = values.get("name")
                name = found if isinstance(found, str) and found else None
            elif number == WORKOUT_STEP and len(steps) < MAX_LAPS:
                steps.append(_step(values, len(steps)))
        at += size
    return WatchFile(tuple(laps), name, tuple(steps))


def _decode(data: bytes, at: int, order: str, fields: list[tuple[int, int, int]],
            wanted: dict[int, str]) -> dict[str, int | str]:
    values: dict[str, int | str] = {}
    for number, size, base in fields:
        key = wanted.get(number)
        if key is not None:
            raw = data[at:at + size]
            if base & 0x1F == _STRING:
                values[key] = raw.split(b"\0", 1)[0].decode("utf-8", "replace")
            elif size in _INVALID:
                value = int.from_bytes(raw, order)  # type: ignore[arg-type]
                if value != _INVALID[size]:
                    values[key] = value
        at += size
    return values


def _number(values: dict[str, int | str], key: str, scale: float = 1.0) -> float | None:
    value = values.get(key)
    return value / scale if isinstance(value, int) else None


def _lap(values: dict[str, int | str]) -> Lap | None:
    start = values.get("start")
    elapsed = _number(values, "elapsed", 1000)
    timer = _number(values, "timer", 1000)
    if not isinstance(start, int) or elapsed is None:
        return None
    intensity = values.get("intensity")
    step = values.get("step")
    return Lap(
        start=FIT_EPOCH + timedelta(seconds=start), elapsed=elapsed,
        timer=timer if timer is not None else elapsed,
        intensity=INTENSITIES.get(intensity) if isinstance(intensity, int) else None,
        step=step if isinstance(step, int) else None,
        distance_m=_number(values, "distance", 100), ascent_m=_number(values, "ascent"),
        descent_m=_number(values, "descent"),
    )


def _step(values: dict[str, int | str], position: int) -> WorkoutStep:
    index = values.get("index")
    name = values.get("name")
    kind = values.get("duration_type")
    value = values.get("duration_value")
    target = values.get("target_value")
    return WorkoutStep(
        index=index if isinstance(index, int) else position,
        name=name if isinstance(name, str) else "",
        duration_type=kind if isinstance(kind, int) else None,
        duration_value=value if isinstance(value, int) else None,
        target_value=target if isinstance(target, int) else None,
    )
