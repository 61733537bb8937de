"""Checking an export file before any of it is imported.

An import file is held to what this coach writes: the enums of the store and the routine
model, the ranges coach produces, the lengths the routine loader and the soreness screen
allow, and steps that point into their session's timeline and agree with it. Every problem
is reported with its place in the file (``sessions[3].steps[2].outcome``) and what was
expected, so a hand-edited or truncated file can be fixed, not guessed at. Values come out
normalised (canonical UUIDs, UTC times in the stored format, canonical timeline snapshots),
so an imported row is byte for byte what this coach would have written.

A session still in progress in the file is finished as far as this database is concerned:
no coach here is playing it. It is stored as interrupted, with the end time and elapsed
time coach gives any session whose player went away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from coach.record.models import (
    MAX_RUN_MINUTES,
    OUTCOMES,
    PHASES,
    STATUSES,
    TIMINGS,
    SorenessEntry,
    from_iso,
    to_iso,
)
from coach.record.scales import REGION_KEYS, SORENESS_MAX, WARNING_SIGN_KEYS
from coach.routine.fields import MAX_EXPANDED_STEPS, MAX_NAME_LENGTH, MAX_REPEAT
from coach.routine.model import STEP_KINDS
from coach.routine.timeline import TimelineStep
from coach.store import soreness
from coach.store.reading import NotAnExport, decode, parse
from coach.store.sessions import MAX_SPEED
from coach.store.snapshot import MAX_ID_LENGTH, SIDES, Snapshot, snapshot
from coach.store.values import (
    MAX_HOST_LENGTH,
    MAX_PID,
    MAX_SECONDS,
    Invalid,
    choice,
    flag,
    items,
    key_place,
    moment,
    number,
    obj,
    show,
    text,
    text_value,
    uuid_text,
    whole,
)

__all__ = ["FORMAT", "MAX_FILE_BYTES", "VERSION", "Invalid", "NotAnExport", "ParsedSession",
           "dump", "read", "validate"]

FORMAT: Final = "coach-export"
VERSION: Final = 4
"""Export format version; bumped when a change would confuse an older coach. Version 2
added each session's ``speed`` and each soreness entry's ``flags``; a version 1 file reads
as sessions played at 1x and entries without warning signs. Version 4 added
``experiments``; an older file reads as one without any."""
MAX_FILE_BYTES: Final = 200 * 1024 * 1024
"""Largest import: a decade of daily warm-ups and cool-downs is about 50 MB, and parsing
takes several times a file's size in memory."""
MAX_VISITS: Final = 10_000
"""Steps ended in one session: a timeline has at most 500, each visited a few times."""
MAX_NOTE_LENGTH: Final = 500
"""The longest note the soreness screen takes."""
MAX_TIPS: Final = 20
"""Tips kept with one soreness entry; coach shows a handful."""
MAX_TIP_LENGTH: Final = 200

TOP_KEYS: Final = ("format", "version", "sessions", "soreness", "runs", "shoes",
                   "experiments")
SESSION_KEYS: Final = (
    "id", "routine_id", "routine_name", "routine_kind", "phase", "started_at", "ended_at",
    "status", "elapsed_seconds", "pid", "host", "timeline", "steps", "follow_up_dismissed_at",
    "speed", "source",
)
STEP_KEYS: Final = (
    "seq", "position", "name", "kind", "side", "switch", "round", "rounds", "outcome",
    "planned_seconds", "actual_seconds", "ended_at",
)
ENTRY_KEYS: Final = (
    "id", "session_id", "recorded_at", "timing", "overall", "regions", "effort",
    "run_minutes", "note", "advice", "updated_at", "flags",
)
_MATCHED: Final = ("name", "kind", "side", "switch", "round", "rounds")
"""Step fields coach copies from the timeline step, so they must agree with it."""


@dataclass(frozen=True)
class ParsedSession:
    """A checked session, as the rows to insert."""

    row: tuple[Any, ...]
    steps: list[tuple[Any, ...]]
    dismissed_at: str | None
    was_running: bool = False
    """In progress in the file; stored as interrupted."""


def read(data: bytes | str) -> tuple[list[ParsedSession], list[SorenessEntry], Any]:
    """Decode, parse and check a whole import file: its sessions, soreness entries, and
    its runs (a ``coach.store.runs_exchange.ParsedRuns``) with its experiments (parsed by
    ``coach.store.experiments_exchange``); raises :class:`Invalid`."""
    if len(data) > MAX_FILE_BYTES:
        raise NotAnExport(f"is over {MAX_FILE_BYTES // (1024 * 1024)} MB, more than a coach "
                          "export holds even after decades of use")
    document = parse(decode(data) if isinstance(data, bytes) else data)
    found, entries = validate(document)
    # Loaded only here: the store does not load the run readers when it is imported.
    from coach.store.experiments_exchange import check_experiments
    from coach.store.runs_exchange import check_runs

    return found, entries, (check_runs(document), check_experiments(document))


def validate(document: Any) -> tuple[list[ParsedSession], list[SorenessEntry]]:
    """Check a whole parsed export; raises :class:`Invalid` at the first problem."""
    if not isinstance(document, dict):
        raise Invalid("the top level must be an object with format, version, sessions, "
                      f"soreness, not {show(document)}")
    if document.get("format") != FORMAT:
        raise Invalid(f'"format" must be "{FORMAT}", not {show(document.get("format"))}; '
                      "is this a coach export?")
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise Invalid(f'"version" must be a whole number from 1, not {show(version)}')
    if version > VERSION:
        raise Invalid(f"written by a newer coach (export version {version:,}, this coach "
                      f"reads {VERSION}); upgrade coach to import it")
    obj(document, "", TOP_KEYS)
    found = [_session(item, f"sessions[{n}]")
             for n, item in enumerate(items(document, "sessions", "", 10**9))]
    entries = [_entry(item, f"soreness[{n}]")
               for n, item in enumerate(items(document, "soreness", "", 10**9))]
    _unique([session.row[0] for session in found], "sessions")
    _unique([entry.id for entry in entries], "soreness")
    starts = {session.row[0]: session.row[5] for session in found}
    for n, entry in enumerate(entries):
        start = starts.get(entry.session_id or "")
        if start is not None and to_iso(entry.recorded_at) < start:
            raise Invalid(f"soreness[{n}].recorded_at: before its session started ({start})")
    return found, entries


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for number_, item in enumerate(ids):
        if item in seen:
            raise Invalid(f"{what}[{number_}].id: {item} appears twice")
        seen.add(item)


def _session(item: Any, where: str) -> ParsedSession:
    data = obj(item, where, SESSION_KEYS)
    session_id = uuid_text(data, "id", where)
    if "timeline" not in data:
        raise Invalid(f"{where}.timeline: missing")
    checked = snapshot(data["timeline"], where)
    names = {"routine_id": MAX_ID_LENGTH, "routine_name": MAX_NAME_LENGTH,
             "routine_kind": MAX_NAME_LENGTH}
    for key, limit in names.items():
        value = text(data, key, where, limit, blank=False)
        expected = getattr(checked, key)
        if value != expected:
            raise Invalid(f"{where}.{key}: {show(value)}, but its timeline says "
                          f"{show(expected)}; coach writes the same in both")
    phase = choice(data, "phase", where, PHASES, nullable=True)
    status = choice(data, "status", where, STATUSES)
    started_at = moment(data, "started_at", where)
    ended_at = moment(data, "ended_at", where, nullable=True)
    elapsed = number(data, "elapsed_seconds", where, nullable=True)
    pid = whole(data, "pid", where, 0, MAX_PID, nullable=True)
    host = text(data, "host", where, MAX_HOST_LENGTH, nullable=True, blank=False)
    steps = [_step(step, f"{where}.steps[{n}]", session_id, checked)
             for n, step in enumerate(items(data, "steps", where, MAX_VISITS))]
    _unique_seq(steps, where)
    running = status == "in progress"
    if running:
        # As coach marks a session whose player is gone: ended with its last step.
        status = "interrupted"
        ended_at = max((step[-1] for step in steps), default=started_at)
        elapsed = min(sum(step[-2] for step in steps), float(MAX_SECONDS))
    elif ended_at is None:
        raise Invalid(f"{where}.ended_at: a {status} session needs its end time")
    elif elapsed is None:
        raise Invalid(f"{where}.elapsed_seconds: a {status} session needs its elapsed time")
    # Times run forward: coach writes no step, and no end, before the session began.
    if ended_at is not None and ended_at < started_at:
        raise Invalid(f"{where}.ended_at: {ended_at} is before its start {started_at}")
    for n, step in enumerate(steps):
        if step[-1] < started_at:
            raise Invalid(f"{where}.steps[{n}].ended_at: {step[-1]} is before the session's "
                          f"start {started_at}")
    row = (
        session_id, checked.routine_id, checked.routine_name, checked.routine_kind, phase,
        started_at, ended_at, status, elapsed, pid, host, checked.json, checked.planned,
        _speed(data, where), _source(data, where),
    )
    dismissed = moment(data, "follow_up_dismissed_at", where, nullable=True)
    return ParsedSession(row, steps, dismissed, running)


def _source(data: dict[str, Any], where: str) -> str:
    """Where the session was recorded; ``coach`` unless the file says ``watch``."""
    if "source" not in data:
        return "coach"
    from coach.store.sessions import SOURCES

    return str(choice(data, "source", where, SOURCES))


def _speed(data: dict[str, Any], where: str) -> float:
    """How much faster than real time the session was played (1 unless a preview)."""
    if "speed" not in data:
        return 1.0
    speed = number(data, "speed", where, high=MAX_SPEED)
    if not speed:
        raise Invalid(f"{where}.speed: expected a number above 0, not 0")
    return speed


def _flags(data: dict[str, Any], where: str) -> tuple[str, ...]:
    """The warning signs reported with an entry: known names, each once."""
    if "flags" not in data:
        return ()
    found: list[str] = []
    for number_, flag_ in enumerate(items(data, "flags", where, len(WARNING_SIGN_KEYS))):
        place = f"{where}.flags[{number_}]"
        if not isinstance(flag_, str) or flag_ not in WARNING_SIGN_KEYS:
            raise Invalid(f"{place}: expected one of " + ", ".join(
                f'"{key}"' for key in WARNING_SIGN_KEYS) + f", not {show(flag_)}")
        if flag_ in found:
            raise Invalid(f"{place}: {show(flag_)} appears twice")
        found.append(flag_)
    return tuple(found)


def _unique_seq(steps: list[tuple[Any, ...]], where: str) -> None:
    seen: set[int] = set()
    for number_, step in enumerate(steps):
        if step[1] in seen:
            raise Invalid(f"{where}.steps[{number_}].seq: {step[1]} appears twice")
        seen.add(step[1])


def _step(item: Any, where: str, session_id: str, checked: Snapshot) -> tuple[Any, ...]:
    data = obj(item, where, STEP_KEYS)
    seq = whole(data, "seq", where, 0, MAX_VISITS - 1)
    count = len(checked.steps)
    position = whole(data, "position", where, 0, MAX_EXPANDED_STEPS - 1)
    if position >= count:
        raise Invalid(f"{where}.position: {position}, but the timeline has {count} steps "
                      f"(positions 0 to {count - 1})")
    planned = checked.steps[position]
    values = {key: _matched(data, key, where, planned, position) for key in _MATCHED}
    return (
        session_id, seq, position, values["name"], values["kind"], values["side"],
        int(values["switch"]), values["round"], values["rounds"],
        choice(data, "outcome", where, OUTCOMES), number(data, "planned_seconds", where),
        number(data, "actual_seconds", where), moment(data, "ended_at", where),
    )


def _matched(data: dict[str, Any], key: str, where: str, planned: TimelineStep,
             position: int) -> Any:
    """A field coach copies from the timeline step the visit is of: it must agree."""
    expected = getattr(planned, key)
    value = data.get(key, False if key == "switch" else None)
    if type(value) is type(expected) and value == expected:
        return value  # the common case: the timeline's value, already checked
    if key == "name":
        text(data, key, where, MAX_NAME_LENGTH, blank=False)
    elif key == "kind":
        choice(data, key, where, STEP_KINDS)
    elif key == "side":
        choice(data, key, where, SIDES, nullable=True)
    elif key == "switch":
        flag(data, key, where)
    else:
        whole(data, key, where, 1, MAX_REPEAT, nullable=True)
    raise Invalid(f"{key_place(where, key)}: {show(value)}, but step {position} of the "
                  f"timeline has {show(expected)}; coach copies it from there")


def _entry(item: Any, where: str) -> SorenessEntry:
    data = obj(item, where, ENTRY_KEYS)
    place = f"{where}.regions"
    raw_regions = obj(data.get("regions", {}), place, REGION_KEYS)
    regions = {key: whole(raw_regions, key, place, 0, SORENESS_MAX) for key in raw_regions}
    advice = None
    if data.get("advice") is not None:
        tips = items(data, "advice", where, MAX_TIPS)
        advice = tuple(text_value(tip, f"{where}.advice[{n}]", MAX_TIP_LENGTH)
                       for n, tip in enumerate(tips))
    note = text(data, "note", where, MAX_NOTE_LENGTH, lines=True) if "note" in data else ""
    entry = SorenessEntry(
        id=uuid_text(data, "id", where),
        session_id=uuid_text(data, "session_id", where, nullable=True),
        recorded_at=from_iso(moment(data, "recorded_at", where)),
        timing=choice(data, "timing", where, TIMINGS),
        overall=whole(data, "overall", where, 0, SORENESS_MAX),
        regions=regions,
        effort=whole(data, "effort", where, 0, SORENESS_MAX, nullable=True),
        run_minutes=number(data, "run_minutes", where, high=MAX_RUN_MINUTES, nullable=True),
        note=note, advice=advice,
        updated_at=from_iso(moment(data, "updated_at", where)),
        flags=_flags(data, where),
    )
    try:
        soreness.check_entry(entry)
    except ValueError as error:
        raise Invalid(f"{where}: {error}") from error
    if entry.updated_at is not None and entry.updated_at < entry.recorded_at:
        raise Invalid(f"{where}.updated_at: before it was recorded "
                      f"({to_iso(entry.recorded_at)})")
    if entry.timing == "standalone" and entry.session_id is not None:
        raise Invalid(f'{where}.session_id: a "standalone" rating belongs to no session; '
                      'use "after" or "next day", or null')
    return entry


def dump(value: Any) -> str:
    """Canonical JSON for one value: sorted keys, real UTF-8, no NaN."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)

