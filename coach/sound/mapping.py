"""Which cue, if any, a moment of the routine should sound.

The engine hands back the events of one moment together, e.g. a step ending, the next one
starting and, between the sides of a stretch, a switch. Two cues at the same instant would
cut each other off, so a moment sounds at most one: the most important of those enabled.

- ``switch`` beats ``start``: the switch pause is a step too, and "change sides" is the
  news. ``start`` beats ``end``: when the next step begins at once, the rising start cue
  already marks the change, and a falling end cue just before it would blur the two.
  ``end`` is heard only when a step ends and nothing starts with it.
- ``done`` beats everything: the last step's end is the routine's end.
- ``tick`` beats ``halfway``: in a short step the halfway point can fall on a countdown
  second, and the countdown's even beat matters more then.
- A routine stopped or interrupted by the runner ends silently: they are at the keyboard.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from coach.play.events import (
    Countdown,
    EndStatus,
    Event,
    Halfway,
    RoutineEnded,
    StepEnded,
    StepStarted,
    SwitchSide,
)
from coach.sound.cues import CUES

PRIORITY: tuple[str, ...] = ("done", "switch", "start", "end", "tick", "halfway")
"""Event kinds, most important first; a moment sounds the first one present and enabled."""


def cue_for(events: Iterable[Event], enabled: Collection[str] = CUES) -> str | None:
    """The cue for one moment's events, or None for silence.

    ``enabled`` holds event kinds (``start``, ``tick``…) from the settings. A step's own
    ``sound`` replaces the ``start`` cue but is still governed by ``start`` being enabled.
    """
    found: dict[str, str] = {}
    for event in events:
        if isinstance(event, StepStarted):
            sound = event.step.sound  # the last one started is current (a stall spans steps)
            found["start"] = sound if sound is not None and sound in CUES else "start"
        elif isinstance(event, Countdown):
            found["tick"] = "tick"
        elif isinstance(event, Halfway):
            found["halfway"] = "halfway"
        elif isinstance(event, SwitchSide):
            found["switch"] = "switch"
        elif isinstance(event, StepEnded):
            found["end"] = "end"
        elif isinstance(event, RoutineEnded):
            if event.status is not EndStatus.COMPLETED:
                return None
            found["done"] = "done"
    for kind in PRIORITY:
        if kind in found and kind in enabled:
            return found[kind]
    return None
