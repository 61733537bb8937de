"""FIT activities as a watch records them after following a coach workout, for the tests.

Written with Garmin's FIT SDK encoder: a file_id of type activity, the workout and its steps
the watch copies into the activity, one lap per step (its workout step index and intensity),
the run's own laps, and the session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from garmin_fit_sdk import Encoder, Profile

from coach.routine.model import Routine
from coach.watch.fit_workout import workout_name, workout_steps
from coach.watch.plan import watch_plan


@dataclass(frozen=True)
class LapSpec:
    seconds: float
    step: int | None = None
    """The workout step index, None for a lap of the run itself."""
    intensity: str = "active"
    metres: float = 0.0


def activity(start: datetime, laps: Sequence[LapSpec], routine: Routine | None = None,
             sport: str = "running", renamed: Mapping[str, str] | None = None) -> bytes:
    """``renamed``: step names as an older export wrote them, in place of today's."""
    number = Profile["mesg_num"]
    encoder = Encoder()
    encoder.on_mesg(number["FILE_ID"], {"type": "activity", "manufacturer": "garmin",
                                        "product": 1, "time_created": start})
    if routine is not None:
        steps = workout_steps(watch_plan(routine))
        encoder.on_mesg(number["WORKOUT"], {"wkt_name": workout_name(routine.name),
                                            "sport": "running",
                                            "num_valid_steps": len(steps)})
        for step in steps:
            name = step["wkt_step_name"]
            step = {**step, "wkt_step_name": (renamed or {}).get(name, name)}
            encoder.on_mesg(number["WORKOUT_STEP"], step)
    moment = start
    total = metres = 0.0
    for index, lap in enumerate(laps):
        end = moment + timedelta(seconds=lap.seconds)
        message = {
            "message_index": index, "timestamp": end, "start_time": moment,
            "total_elapsed_time": lap.seconds, "total_timer_time": lap.seconds,
            "total_distance": lap.metres, "intensity": lap.intensity, "sport": sport,
        }
        if lap.step is not None:
            message["wkt_step_index"] = lap.step
        encoder.on_mesg(number["RECORD"], {"timestamp": moment, "distance": metres})
        encoder.on_mesg(number["LAP"], message)
        moment, total, metres = end, total + lap.seconds, metres + lap.metres
    encoder.on_mesg(number["SESSION"], {
        "timestamp": moment, "start_time": start, "total_elapsed_time": total,
        "total_timer_time": total, "total_distance": metres, "sport": sport,
        "sub_sport": "street", "num_laps": len(laps),
    })
    encoder.on_mesg(number["ACTIVITY"], {"timestamp": moment, "num_sessions": 1,
                                         "total_timer_time": total})
    return bytes(encoder.close())
