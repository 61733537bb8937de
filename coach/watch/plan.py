"""A routine as a watch follows it: the one translation both export formats write out.

A watch knows timed steps, lap-button steps and repeats, and shows a step name of about
fifteen characters. Each rule of that translation lives here once — a flexible walk becomes
its minimum then a lap-button step, a per-side hold a step per side with the switch pause
between, a step's kind its intensity — so the FIT file and the intervals.icu text can't
drift apart, and reading the laps back knows which intensities a coach workout uses.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from coach.frozen import Record
from coach.routine.model import Entry, Group, Routine, Step
from coach.routine.timeline import side_cue
from coach.text import one_line

WATCH_NAME_CHARS = 15
"""Characters of a step name most watches show on one line; longer names are cut."""
NOTES_CHARS = 100
"""A step's notes are its cue, cut here: the watch shows them on a small screen."""
HOME_NOTE = "press lap when you are home"
"""The note on the open step after a flexible cool-down walk's minimum."""
READY_NOTE = "press lap when you are ready"
"""The same note in any other routine: the flexible step ends when the runner says so."""
FLEXIBLE_NAMES = {HOME_NOTE: "Lap when home", READY_NOTE: "Lap when ready"}
"""The open step's name, which says the same within a watch's line."""

Intensity = Literal["warmup", "cooldown", "active", "rest"]
"""FIT's names for how hard a step is; a watch colours and counts laps by it."""


class WatchStep(Record):
    """One step as the watch shows it."""

    name: str
    """In full, one line; a watch shows :attr:`short`."""
    seconds: int | None
    """None: the step lasts until the lap button is pressed."""
    intensity: Intensity
    notes: str = ""
    estimate: int | None = None
    """A lap-button step's likely length, for the services that show one: what is left of
    a flexible step's longest time."""
    side: Literal["left", "right"] | None = None

    @property
    def title(self) -> str:
        """``Calf stretch, left``: the name where there is room for it."""
        return f"{self.name}, {self.side}" if self.side else self.name

    @property
    def short(self) -> str:
        """``Calf stretch L``: cut to a watch's line, keeping the side."""
        return watch_name(self.name, f" {self.side[0].upper()}" if self.side else "")


class WatchRepeat(Record):
    """Repeat ``steps`` ``count`` times (a repeat step after them, on a watch)."""

    name: str
    count: int
    steps: tuple[WatchItem, ...]

    @property
    def short(self) -> str:
        return watch_name(self.name)


WatchItem: TypeAlias = WatchStep | WatchRepeat


def watch_name(name: str, suffix: str = "") -> str:
    """``name`` cut so that it and ``suffix`` (a side, `` L``) fit on a watch's line.

    A watch shows the name at a glance mid-stretch, so a cut word ("Hamstring stret") reads
    worse than a shorter name of whole words ("Hamstring"): the cut falls at the last space
    that keeps at least half the room, and dangling punctuation goes with what was cut. Only
    a name with no such space (one long word) is cut inside a word. The suffix is never cut:
    it tells two steps of the same name apart. Every step name on a watch passes through
    here, so they all read the same way.
    """
    room = WATCH_NAME_CHARS - len(suffix)
    text = " ".join(one_line(name).split())
    if len(text) > room:
        words = text[: room + 1]  # a space just past the room still ends a whole word
        space = words.rfind(" ")
        cut = words[:space] if space >= room // 2 else text[:room]
        text = cut.rstrip(_DANGLING) or cut
    return f"{text}{suffix}"


_DANGLING = " ,.;:/&-\u2013\u2014([{"
"""What a cut name does not end in: a separator or an opening bracket whose rest was cut."""


def same_step_name(written: str, expected: str) -> bool:
    """Whether ``written``, a step name read back from a watch, is ``expected`` cut another way.

    A workout stays on a watch long after it was exported, and an older coach cut long names
    inside a word ("Hamstring str L" where it now writes "Hamstring L"). Both are the start
    of the same name with the same side label, so one is the start of the other: such a run
    still comes back as its routine.
    """
    if written == expected:
        return True
    side = expected[-2:] if expected[-2:] in (" L", " R") else ""
    if not written.endswith(side):
        return False
    old, new = written[: len(written) - len(side)], expected[: len(expected) - len(side)]
    return bool(old and new) and (old.startswith(new) or new.startswith(old))


def watch_notes(text: str) -> str:
    """The cue on one line, cut at a word near :data:`NOTES_CHARS`."""
    line = " ".join(one_line(text).split())
    if len(line) <= NOTES_CHARS:
        return line
    cut = line[: NOTES_CHARS - 1]
    if " " in cut[NOTES_CHARS // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def intensity(step: Step, routine: Routine) -> Intensity:
    """A rest is a rest; anything else is the routine's warm-up or cool-down, so the run's
    laps say which part of the day they were (and coach can read them back)."""
    if step.kind == "rest":
        return "rest"
    if routine.kind == "warm-up":
        return "warmup"
    if routine.kind == "cool-down":
        return "cooldown"
    return "active"


def watch_plan(routine: Routine) -> tuple[WatchItem, ...]:
    """The routine's steps as a watch follows them, repeats kept as repeats."""
    flexible_note = HOME_NOTE if routine.kind == "cool-down" else READY_NOTE

    def steps_for(step: Step) -> list[WatchItem]:
        level = intensity(step, routine)
        notes = watch_notes(step.cue)
        time = step.time
        name = " ".join(one_line(step.name).split())
        if step.sides:
            seconds = time.minimum if time.maximum is not None else None
            # Each side's notes name its leg, as the player's cue does ("left leg back").
            left = WatchStep(name, seconds, level, watch_notes(side_cue(step.cue, "left")),
                             side="left")
            right = WatchStep(name, seconds, level, watch_notes(side_cue(step.cue, "right")),
                              side="right")
            if routine.switch <= 0:
                return [left, right]
            pause = WatchStep("Switch sides", routine.switch, "rest",
                              watch_notes(f"Get ready: {step.name.lower()}, right side."))
            return [left, pause, right]
        if time.maximum is None:
            return [WatchStep(name, None, level, notes)]
        if time.maximum > time.minimum:
            more = WatchStep(FLEXIBLE_NAMES[flexible_note], None, level, flexible_note,
                             estimate=time.maximum - time.minimum)
            if time.minimum == 0:
                return [more]
            return [WatchStep(name, time.minimum, level, notes), more]
        return [WatchStep(name, time.minimum, level, notes)]

    def items(entries: tuple[Entry, ...]) -> tuple[WatchItem, ...]:
        out: list[WatchItem] = []
        for entry in entries:
            if isinstance(entry, Group):
                group = " ".join(one_line(entry.name).split())
                out.append(WatchRepeat(group, entry.repeat, items(entry.steps)))
            else:
                out.extend(steps_for(entry))
        return tuple(out)

    return items(routine.steps)
