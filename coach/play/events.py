"""What the engine reports as a routine plays.

The engine returns these from every command and from :meth:`Engine.update`; the app hands
each one to the screen, the recorder and the cue player. They are plain frozen records
so every consumer can be tested without the others.
"""

from __future__ import annotations

from enum import StrEnum

from coach.frozen import Record
from coach.routine.timeline import Side, TimelineStep


class Outcome(StrEnum):
    """How one visit of a step ended: the record's vocabulary, in the store, the export,
    the summary, history and the README alike."""

    DONE = "done"
    """Ran its planned time (or, for a flexible or open step, was finished by the runner)."""
    SKIPPED = "skipped"
    """Left before it started counting in earnest (under half of its planned time)."""
    EXTENDED = "extended"
    """Time was added and the step ran to its new end."""
    CUT_SHORT = "cut short"
    """Left after half of its planned time or more, but before its end."""
    RESTARTED = "restarted"
    """Left by going back to its own start (the step then runs again)."""
    WENT_BACK = "went back"
    """Left by going back to the previous step."""
    STOPPED = "stopped"
    """The routine was stopped during it."""
    INTERRUPTED = "interrupted"
    """coach ended during it (the terminal closed, the process was killed)."""


class EndStatus(StrEnum):
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"


class StepStarted(Record):
    step: TimelineStep


class Halfway(Record):
    step: TimelineStep


class Countdown(Record):
    """One of the last seconds of a step: ``seconds_left`` is 3, 2, 1…"""

    step: TimelineStep
    seconds_left: int


class SwitchSide(Record):
    """Time to change to ``side`` (the switch pause, or the second hold, has begun)."""

    step: TimelineStep
    side: Side


class MinimumReached(Record):
    """A flexible step may be finished now; it ends by itself at its maximum."""

    step: TimelineStep


class StepEnded(Record):
    step: TimelineStep
    outcome: Outcome
    planned_seconds: float
    """The routine's plan (time added is not in it: the outcome and the actual seconds show
    it); for a flexible step its minimum, for an open step 0."""
    actual_seconds: float
    """Time spent in the step, pauses excluded."""


class Paused(Record):
    asleep_seconds: float = 0.0
    """0 when the runner paused; how long the computer slept when coach paused by itself
    (a closed lid is not exercise). The screen words it."""


class Resumed(Record):
    pass


class RoutineEnded(Record):
    status: EndStatus
    elapsed_seconds: float


Event = (
    StepStarted
    | Halfway
    | Countdown
    | SwitchSide
    | MinimumReached
    | StepEnded
    | Paused
    | Resumed
    | RoutineEnded
)
