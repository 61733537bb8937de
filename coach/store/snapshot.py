"""A session's timeline snapshot from an import file, checked as the routine loader would.

The history screens rebuild every snapshot with :meth:`Timeline.from_dict` and show its
names and cues, so a snapshot is held to the routine format's own rules: the kinds of the
routine model, the loader's lengths and limits, times the duration parser reads, step
positions that count from 0. What comes out is the canonical text coach itself stores.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Final, get_args

from coach.frozen import fields
from coach.routine.durations import DurationError, StepTime, parse_step_time
from coach.routine.fields import (
    MAX_COUNTDOWN,
    MAX_CUE_LENGTH,
    MAX_EXPANDED_STEPS,
    MAX_NAME_LENGTH,
    MAX_REPEAT,
    cue_names,
)
from coach.routine.model import ROUTINE_KINDS, STEP_KINDS
from coach.routine.timeline import Side, Timeline, TimelineStep
from coach.store import sessions
from coach.store.values import Invalid, choice, flag, items, obj, show, text, whole

SIDES: Final[tuple[str, ...]] = get_args(Side)
MAX_ID_LENGTH: Final = 255
"""A routine's id is its file name without ``.toml``; file names stop at 255 bytes."""
TIMELINE_KEYS: Final = ("routine_id", "routine_name", "routine_kind", "steps")
STEP_KEYS: Final = fields(TimelineStep)


class Snapshot:
    """A checked timeline: the text to store, and what the session rows are checked
    against."""

    __slots__ = ("json", "planned", "routine_id", "routine_kind", "routine_name", "steps")

    def __init__(self, timeline: Timeline) -> None:
        self.json = sessions.timeline_json(timeline)
        self.planned = sessions.planned_steps(timeline)
        self.routine_id = timeline.routine_id
        self.routine_name = timeline.routine_name
        self.routine_kind = timeline.routine_kind
        self.steps = timeline.steps


def snapshot(value: Any, where: str) -> Snapshot:
    """Check the snapshot of the session at ``where``; raises :class:`Invalid` naming the
    first problem."""
    try:
        key = json.dumps(value, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        key = None  # not plain JSON values: the full check names the problem
    if key is None:
        return _build(value, f"{where}.timeline")
    try:
        return _cached(key)
    except Invalid as error:
        raise Invalid(f"{where}.{error}") from None


@functools.lru_cache(maxsize=256)
def _cached(key: str) -> Snapshot:
    """Sessions of one routine share a timeline: checking each once keeps a decade of
    history quick to import. The caller puts the session's place before the message."""
    return _build(json.loads(key), "timeline")


def _build(value: Any, place: str) -> Snapshot:
    data = obj(value, place, TIMELINE_KEYS)
    routine_id = text(data, "routine_id", place, MAX_ID_LENGTH, blank=False)
    name = text(data, "routine_name", place, MAX_NAME_LENGTH, blank=False)
    kind = choice(data, "routine_kind", place, ROUTINE_KINDS)
    raw = items(data, "steps", place, MAX_EXPANDED_STEPS, least=1)
    steps = tuple(_step(item, f"{place}.steps[{number}]", number)
                  for number, item in enumerate(raw))
    return Snapshot(Timeline(routine_id, name, kind, steps))


def _step(item: Any, where: str, number: int) -> TimelineStep:
    data = obj(item, where, STEP_KEYS)
    index = whole(data, "index", where, 0, MAX_EXPANDED_STEPS - 1)
    if index != number:
        raise Invalid(f"{where}.index: {index}, but this is step {number} of the timeline "
                      "(coach numbers them from 0)")
    values: dict[str, Any] = {
        "index": index,
        "name": text(data, "name", where, MAX_NAME_LENGTH, blank=False),
        "kind": choice(data, "kind", where, STEP_KINDS),
        "time": _time(data, where),
    }
    if "cue" in data:
        values["cue"] = text(data, "cue", where, MAX_CUE_LENGTH)
    if "side" in data:
        values["side"] = choice(data, "side", where, SIDES, nullable=True)
    if "switch" in data:
        values["switch"] = flag(data, "switch", where)
    rounds = values["rounds"] = whole(data, "rounds", where, 1, MAX_REPEAT, nullable=True)
    round_ = values["round"] = whole(data, "round", where, 1, MAX_REPEAT, nullable=True)
    if (round_ is None) != (rounds is None) or (rounds is not None and round_ > rounds):
        raise Invalid(f"{where}.round: round {show(round_)} of {show(rounds)} is not one "
                      "coach counts (from 1 up to the group's rounds)")
    if "group" in data:
        values["group"] = text(data, "group", where, MAX_NAME_LENGTH, nullable=True,
                               blank=False)
    if "entry" in data:
        values["entry"] = whole(data, "entry", where, 0, MAX_EXPANDED_STEPS)
    if "sound" in data:
        values["sound"] = choice(data, "sound", where, cue_names(), nullable=True)
    if "countdown" in data:
        values["countdown"] = whole(data, "countdown", where, 0, MAX_COUNTDOWN)
    try:
        return TimelineStep(**values)
    except TypeError as error:  # a field the routine model gained that this check missed
        raise Invalid(f"{where}: not a timeline step ({error})") from None


def _time(data: dict[str, Any], where: str) -> StepTime:
    value = text(data, "time", where, 40)
    try:
        return parse_step_time(value)
    except DurationError as error:
        raise Invalid(f"{where}.time: {error}") from None
