"""A routine as a FIT workout file, the format Garmin (and most running watches) load.

Written with Garmin's own FIT SDK encoder, so types, sizes and CRCs are the vendor's, not
ours. The file holds a file_id (type workout), one workout message and one workout_step per
step of :func:`~coach.watch.plan.watch_plan`; a repeat group's steps are followed by a
repeat step pointing back at its first step. Imported only when a workout is exported: the
SDK's profile is large.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from coach.routine.model import Routine
from coach.text import one_line
from coach.watch.plan import WatchItem, WatchRepeat, WatchStep, watch_plan

WORKOUT_NAME_CHARS = 32
"""Watches list workouts by name; a longer one is cut."""


def workout_steps(items: tuple[WatchItem, ...]) -> list[dict[str, Any]]:
    """The workout_step messages for ``items``, numbered from 0 in file order."""
    steps: list[dict[str, Any]] = []

    def add(item: WatchItem) -> None:
        if isinstance(item, WatchRepeat):
            first = len(steps)
            for inner in item.steps:
                add(inner)
            steps.append({
                "message_index": len(steps),
                "wkt_step_name": item.short,
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": first,
                "target_type": "open",
                "target_value": item.count,
            })
            return
        steps.append(_step(len(steps), item))

    for item in items:
        add(item)
    return steps


def _step(index: int, step: WatchStep) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_index": index,
        "wkt_step_name": step.short,
        "target_type": "open",
        "intensity": step.intensity,
    }
    if step.seconds is None:
        message["duration_type"] = "open"
    else:
        message["duration_type"] = "time"
        message["duration_value"] = step.seconds * 1000  # the FIT unit is milliseconds
    if step.notes:
        message["notes"] = step.notes
    return message


def fit_workout(routine: Routine, *, created: datetime | None = None) -> bytes:
    """The routine as the bytes of a FIT workout file."""
    from garmin_fit_sdk import Encoder, Profile

    mesg_num = Profile["mesg_num"]
    steps = workout_steps(watch_plan(routine))
    encoder = Encoder()
    encoder.on_mesg(mesg_num["FILE_ID"], {
        "type": "workout",
        "manufacturer": "development",
        "product": 0,
        "time_created": created or datetime.now(UTC),
    })
    encoder.on_mesg(mesg_num["WORKOUT"], {
        "wkt_name": workout_name(routine.name),
        "sport": "running",
        "num_valid_steps": len(steps),
    })
    for step in steps:
        encoder.on_mesg(mesg_num["WORKOUT_STEP"], step)
    data: bytes = encoder.close()
    return bytes(data)


def workout_name(name: str) -> str:
    """The routine's name as the workout is called on the watch (and found again)."""
    text = one_line(name).strip()
    return text[:WORKOUT_NAME_CHARS].rstrip() or "coach routine"
