"""Today's assignment of an experiment: what to do or skip, and how each screen words it.

Which run it is and whether a day is paused come from :mod:`coach.insights.experiment`;
this holds only what the runner is told, so the home screen, the player and the command
line say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from coach.insights.factors import factor_words
from coach.record.judgements import MASSAGE, STRETCH, WALK
from coach.store.experiments import Arm, Factor

_DO: Final[dict[str, tuple[str, str]]] = {
    "cool-down": ("do the cool-down walk after your run today — 5 to 10 minutes, easy",
                  "skip the cool-down walk today — walk home easy, no routine"),
    "warm-up": ("warm up before your run today — the whole warm-up routine",
                "skip the warm-up today — start the run slowly instead, no routine"),
    "stretch": ("stretch after your run today — the walk as usual, then the stretches",
                "skip the stretches after your run today — the walk as usual, no stretches"),
    "massage": ("rub or roll your legs after your run today — the self-massage steps",
                "skip the self-massage after your run today — everything else as usual"),
}
"""What each assignment asks, "with" then "without"."""
_PART_STEP: Final = {"cool-down": WALK, "stretch": STRETCH, "massage": MASSAGE}
"""The step kind that makes an after-run routine hold the part (the store's judgements)."""


@dataclass(frozen=True)
class Assignment:
    """What today's run should do for the experiment."""

    experiment_id: str
    factor: Factor
    number: int
    """The run this is, 1-based."""
    planned: int
    arm: Arm
    """What the schedule says for this run."""
    paused: str | None
    """Why nothing is held back today (a warning sign, a hard run); None when the
    schedule applies."""

    @property
    def withholds(self) -> bool:
        """Whether the runner is asked to leave the part out today."""
        return self.arm == "without" and self.paused is None

    @property
    def shown(self) -> Arm:
        """What to do today: a paused day never withholds anything."""
        return "with" if self.paused is not None else self.arm

    @property
    def sentence(self) -> str:
        """"Experiment, run 5 of 12: skip the cool-down walk today — walk home easy, no
        routine"."""
        if self.paused is not None:
            return (f"Experiment paused today: {self.paused}. Do your {factor_words(self.factor)} "
                    f"as usual; this run does not count, and run {self.number} of "
                    f"{self.planned} waits for the next one.")
        words = _DO[self.factor][self.arm != "with"]
        return f"Experiment, run {self.number} of {self.planned}: {words}"

    @property
    def home_line(self) -> str:
        """The sentence, and how the run gets recorded: after it, a routine or a rating
        logged with the run's effort and minutes (on a day without the cool-down, only
        the rating)."""
        if self.paused is not None:
            return self.sentence
        if self.withholds and self.factor == "cool-down":
            after = "After the run, log it (l: effort and minutes) so it counts."
        else:
            after = ("After the run, your after-run routine records it, or log it (l: effort "
                     "and minutes).")
        return f"{self.sentence}. {after}"

    def after_warm_up(self) -> str:
        """The home screen's line once a warm-up was just played: what is left to do."""
        done = "warm-up done" + (", though today was to be without it" if self.withholds
                                 else ", as assigned")
        return (f"Experiment, run {self.number} of {self.planned}: {done}. After the run, "
                "your after-run routine records it, or log it (l: effort and minutes).")

    def against(self, phase: str | None, step_kinds: Iterable[str]) -> bool:
        """Whether playing a routine (its phase, its steps' kinds) does what today holds
        back: a warm-up before a run, or an after-run routine with the walk, stretch or
        self-massage steps the experiment is about."""
        if not self.withholds:
            return False
        if self.factor == "warm-up":
            return phase == "before"
        return phase == "after" and _PART_STEP[self.factor] in set(step_kinds)

    def player_line(self, phase: str | None, step_kinds: Iterable[str]) -> str:
        """What the player says: the assignment, and whether this routine goes against it."""
        if self.against(phase, step_kinds):
            return (f"Experiment, run {self.number} of {self.planned}: today is without the "
                    f"{factor_words(self.factor)}. Playing this routine, this run does not follow "
                    "its assignment (q stops).")
        return self.home_line
