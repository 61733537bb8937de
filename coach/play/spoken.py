"""What coach says aloud as a routine plays: the step, how to do it, what comes next, the
last seconds.

The runner is at the door or on the way home, not looking at a screen, so each phrase must
stand on its own and be short: the step's name (with its side), the first sentence of its
cue cut to a few words, then what comes next; at a change of sides, which side; then
"three, two, one" as the step ends. One pure function turns a moment's engine events into
these phrases; the speaker says them on its own thread (newest first), so speaking never
holds up the countdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from coach.play.events import (
    Countdown,
    EndStatus,
    Event,
    MinimumReached,
    RoutineEnded,
    StepStarted,
    SwitchSide,
)
from coach.routine.timeline import Timeline, TimelineStep

HOW_WORDS: Final = 12
"""Words of a cue spoken: its first sentence, cut here."""
SPOKEN_COUNTDOWN: Final = 3
"""The last seconds said aloud."""
NUMBERS: Final = {1: "one", 2: "two", 3: "three"}


def _title(step: TimelineStep) -> str:
    """``Calf stretch, left side``: a dash reads badly aloud."""
    if step.side and not step.switch:
        return f"{step.name}, {step.side} side"
    return step.name


def how(cue: str) -> str:
    """The cue's first sentence, at most :data:`HOW_WORDS` words (ending at a comma when
    it must be cut)."""
    sentence = cue.strip()
    for stop in (". ", "! ", "? ", "; "):
        sentence = sentence.split(stop, 1)[0]
    words = sentence.rstrip(".!?;").split()
    if len(words) <= HOW_WORDS:
        return " ".join(words)
    kept = words[:HOW_WORDS]
    # End at the last comma within reach, so what is said is a whole phrase.
    for end in range(len(kept) - 1, 1, -1):
        if kept[end].endswith(","):
            return " ".join(kept[: end + 1]).rstrip(",")
    return " ".join(kept)


def _next(timeline: Timeline | None, step: TimelineStep) -> str:
    if timeline is None:
        return ""
    for later in timeline.steps[step.index + 1:]:
        if later.switch:
            continue
        if later.name == step.name and later.side and step.side:
            return f"Then the {later.side} side."
        return f"Next: {_title(later)}."
    return "Last step."


def phrases(events: Sequence[Event], timeline: Timeline | None = None) -> list[str]:
    """What to say for one moment's events, in order (the speaker keeps only the newest
    when they come faster than they can be said)."""
    said: list[str] = []
    for event in events:
        if isinstance(event, StepStarted) and not event.step.switch:
            parts = [f"{_title(event.step)}."]
            manner = how(event.step.cue)
            if manner:
                parts.append(f"{manner}.")
            following = _next(timeline, event.step)
            if following:
                parts.append(following)
            said.append(" ".join(parts))
        elif isinstance(event, SwitchSide):
            said.append(f"Switch to the {event.side} side.")
        elif isinstance(event, Countdown) and event.seconds_left in NUMBERS:
            said.append(NUMBERS[event.seconds_left])
        elif isinstance(event, MinimumReached):
            said.append("Minimum done. Carry on, or finish when you are ready.")
        elif isinstance(event, RoutineEnded) and event.status == EndStatus.COMPLETED:
            said.append("Routine done. Well done.")
    return said


class Voice:
    """Speaks a played routine's moments through ``say`` (a speaker's queue, which returns
    at once); knows the timeline, so it can say what comes next."""

    def __init__(self, say: Callable[[str], None], timeline: Timeline | None = None) -> None:
        self.say = say
        self.timeline = timeline

    def moment(self, events: Sequence[Event]) -> None:
        for text in phrases(events, self.timeline):
            self.say(text)
