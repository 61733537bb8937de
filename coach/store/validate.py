"""Checking an export file before any of it is imported.

Every problem is reported with its place in the file (``sessions[3].steps[2].outcome``) and
what was expected, so a hand-edited or truncated file can be fixed, not guessed at. Values
come out normalised (canonical UUIDs, UTC times in the stored format, canonical timeline
snapshots) so an imported row is byte for byte what this coach would have written.
"""

from __future__ import annotations

import functools
import json
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from coach.routine.timeline import Timeline
from coach.store import sessions, soreness
from coach.store.models import (
    END_STATUSES,
    OUTCOMES,
    PHASES,
    STATUSES,
    SorenessEntry,
    from_iso,
    to_iso,
)

FORMAT: Final = "coach-export"
VERSION: Final = 1
"""Export format version; bumped when a change would confuse an older coach."""


class Invalid(Exception):
    """A problem at one place in the file."""


@dataclass(frozen=True)
class ParsedSession:
    """A checked session, as the rows to insert."""

    row: tuple[Any, ...]
    steps: list[tuple[Any, ...]]
    dismissed_at: str | None


def validate(document: Any) -> tuple[list[ParsedSession], list[SorenessEntry]]:
    """Check a whole parsed export; raises :class:`Invalid` at the first problem."""
    if not isinstance(document, dict):
        raise Invalid("the top level must be an object with format, version, sessions, soreness")
    if document.get("format") != FORMAT:
        raise Invalid(f'"format" must be "{FORMAT}"; is this a coach export?')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Invalid(f'"version" must be a whole number, not {version!r}')
    if version > VERSION:
        raise Invalid(f"written by a newer coach (export version {version}, this coach "
                      f"reads {VERSION}); upgrade coach to import it")
    found = [_session(item, f"sessions[{n}]")
             for n, item in enumerate(_list(document, "sessions", "the file"))]
    entries = [_entry(item, f"soreness[{n}]")
               for n, item in enumerate(_list(document, "soreness", "the file"))]
    _unique([session.row[0] for session in found], "sessions")
    _unique([entry.id for entry in entries], "soreness")
    return found, entries


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for number, item in enumerate(ids):
        if item in seen:
            raise Invalid(f"{what}[{number}].id: {item} appears twice")
        seen.add(item)


def _session(item: Any, where: str) -> ParsedSession:
    data = _object(item, where)
    session_id = _uuid(data, "id", where)
    phase = _choice(data, "phase", where, PHASES, nullable=True)
    status = _choice(data, "status", where, STATUSES)
    ended_at = _time(data, "ended_at", where, nullable=True)
    elapsed = _number_field(data, "elapsed_seconds", where, nullable=True)
    snapshot, planned = _timeline(_object(data.get("timeline"), f"{where}.timeline"), where)
    pid = _whole(data, "pid", where, nullable=True)
    host = _text(data, "host", where, nullable=True)
    row = (
        session_id, _text(data, "routine_id", where), _text(data, "routine_name", where),
        _text(data, "routine_kind", where), phase, _time(data, "started_at", where), ended_at,
        status, elapsed, pid, host, snapshot, planned,
    )
    if status in END_STATUSES and elapsed is None:
        raise Invalid(f"{where}.elapsed_seconds: a {status} session needs its elapsed time")
    steps = [_step(step, f"{where}.steps[{n}]", session_id)
             for n, step in enumerate(_list(data, "steps", where))]
    _unique_seq(steps, where)
    return ParsedSession(row, steps, _time(data, "follow_up_dismissed_at", where, nullable=True))


@functools.lru_cache(maxsize=256)
def _checked_timeline(text: str) -> tuple[str, int]:
    """Canonical snapshot text and planned step count; cached since sessions of one
    routine share a timeline, and rebuilding one per session dominates a big import."""
    timeline = Timeline.from_dict(json.loads(text))
    return sessions.timeline_json(timeline), sessions.planned_steps(timeline)


def _timeline(data: dict[str, Any], where: str) -> tuple[str, int]:
    try:
        return _checked_timeline(dump(data))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise Invalid(f"{where}.timeline: not a routine timeline ({error})") from error


def _unique_seq(steps: list[tuple[Any, ...]], where: str) -> None:
    seen: set[int] = set()
    for number, step in enumerate(steps):
        if step[1] in seen:
            raise Invalid(f"{where}.steps[{number}].seq: {step[1]} appears twice")
        seen.add(step[1])


def _step(item: Any, where: str, session_id: str) -> tuple[Any, ...]:
    data = _object(item, where)
    switch = data.get("switch", False)
    if not isinstance(switch, bool):
        raise Invalid(f"{where}.switch: expected true or false, not {switch!r}")
    return (
        session_id, _whole(data, "seq", where), _whole(data, "position", where),
        _text(data, "name", where), _text(data, "kind", where),
        _text(data, "side", where, nullable=True), int(switch),
        _whole(data, "round", where, nullable=True), _whole(data, "rounds", where, nullable=True),
        _choice(data, "outcome", where, OUTCOMES), _number_field(data, "planned_seconds", where),
        _number_field(data, "actual_seconds", where), _time(data, "ended_at", where),
    )


def _entry(item: Any, where: str) -> SorenessEntry:
    data = _object(item, where)
    advice = data.get("advice")
    if advice is not None and (not isinstance(advice, list)
                               or not all(isinstance(tip, str) for tip in advice)):
        raise Invalid(f"{where}.advice: expected a list of texts or null, not {advice!r}")
    regions = _object(data.get("regions", {}), f"{where}.regions")
    entry = SorenessEntry(
        id=_uuid(data, "id", where), session_id=_uuid(data, "session_id", where, nullable=True),
        recorded_at=from_iso(_time(data, "recorded_at", where)),
        timing=data.get("timing"),  # type: ignore[arg-type]  # checked below
        overall=data.get("overall"),  # type: ignore[arg-type]
        regions=regions, effort=data.get("effort"), run_minutes=data.get("run_minutes"),
        note=data.get("note", ""), advice=tuple(advice) if advice is not None else None,
        updated_at=from_iso(_time(data, "updated_at", where)),
    )
    try:
        soreness.check_entry(entry)
    except ValueError as error:
        raise Invalid(f"{where}: {error}") from error
    return entry


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(f"{where}: expected an object, not {_kind(value)}")
    return value


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise Invalid(f'{where}: "{key}" must be a list, not {_kind(value)}')
    return value


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _get(data: dict[str, Any], key: str, where: str, nullable: bool,
         check: Callable[[Any], bool], expected: str) -> Any:
    if key not in data and not nullable:
        raise Invalid(f"{where}.{key}: missing")
    value = data.get(key)
    if value is None and nullable:
        return None
    if not check(value):
        raise Invalid(f"{where}.{key}: expected {expected}, not {value!r}")
    return value


def _text(data: dict[str, Any], key: str, where: str, nullable: bool = False) -> Any:
    return _get(data, key, where, nullable, lambda v: isinstance(v, str), "text")


def _whole(data: dict[str, Any], key: str, where: str, nullable: bool = False) -> Any:
    return _get(data, key, where, nullable,
                lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number")


def _number_field(data: dict[str, Any], key: str, where: str,
                  nullable: bool = False) -> float | None:
    value = _get(data, key, where, nullable, lambda v: isinstance(v, int | float)
                 and not isinstance(v, bool) and math.isfinite(v) and v >= 0,
                 "a number of 0 or more")
    return None if value is None else float(value)


def _choice(data: dict[str, Any], key: str, where: str, choices: tuple[str, ...],
            nullable: bool = False) -> Any:
    return _get(data, key, where, nullable, lambda v: v in choices,
                "one of " + ", ".join(f'"{c}"' for c in choices))


def _uuid(data: dict[str, Any], key: str, where: str, nullable: bool = False) -> Any:
    value = _text(data, key, where, nullable)
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Invalid(f"{where}.{key}: {value!r} is not a UUID") from None


def _time(data: dict[str, Any], key: str, where: str, nullable: bool = False) -> Any:
    value = _text(data, key, where, nullable)
    if value is None:
        return None
    try:
        return to_iso(from_iso(value))
    except ValueError:
        raise Invalid(f'{where}.{key}: {value!r} is not a UTC time like '
                      '"2024-06-01T07:30:00.000Z"') from None


def dump(value: Any) -> str:
    """Canonical JSON for one value: sorted keys, real UTF-8, no NaN."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)
