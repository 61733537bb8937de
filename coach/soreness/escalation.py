"""When coach says "see a specialist", and how soon.

Normal delayed soreness peaks 24–72 h after a run and then eases, so escalation is judged
by days, on the dated history of one region, never by counting check-ins. A **spell** of
soreness belongs to one run: a new run (rated with its minutes or right after it, from the
watch, or known from a routine played around it) ends the spell and begins the next, so two
sore legs after two separate runs are two normal spells, never one that "has stayed".

- numbness between the legs or new bladder or bowel trouble → emergency services now;
- a swollen, warm calf → a doctor today (with breathlessness or chest pain: emergency
  services now); dark urine, or 9–10 muscle pain after a long or very hard effort → today;
- any other warning sign (sharp pain, swelling, pain at night...) → a specialist;
- 8 or more in a joint, the feet or the shins → a specialist now;
- soreness that rises again 72 h or more after the spell began → a specialist;
- 5 or more that has not eased by 2 points from its peak 72 h after it began, or is still 5
  or more after 5 days, within one spell → a specialist;
- 8 or more in muscles only → rest, and get it checked if it is not clearly easing in 2–3
  days (which the rules above then catch).

Each function returns the region keys (or sign names) it is about, in a fixed order, so the
message can name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal, TypeAlias

from coach.record.scales import EMERGENCY_SIGNS, REGION_KEYS, URGENT_SIGNS, WARNING_SIGN_KEYS
from coach.soreness.inputs import OVERALL, AdviceInput, PastRating, prefer_regions

Urgency: TypeAlias = Literal["emergency", "urgent", "soon"]
"""Most pressing first: call emergency services now, a doctor today, a specialist soon."""

SEVERE: Final = 8
""""Severe" on the scale: more than normal post-run soreness."""
PERSISTENT: Final = 5
"""Soreness from this level that will not ease is worth a specialist's look."""
EASED_BY: Final = 2
"""Points below its peak that count as clearly easing."""
NOT_EASING_AFTER: Final = timedelta(hours=72)
"""By now normal soreness has peaked and is easing."""
STILL_SORE_AFTER: Final = timedelta(days=5)
"""By now normal soreness is gone or nearly gone (the 5–7 day mark, at its safe end)."""
EPISODE_GAP: Final = timedelta(days=7)
"""Ratings further apart than this belong to different spells of soreness."""
RISING_FROM: Final = 4
"""Soreness that rises again late is worth a look from "moderate" up..."""
ROSE_BY: Final = 2
"""...when it is this many points above where it had settled: less is a rater's noise."""
EXTREME: Final = 9
"""Muscle pain this strong after a long or very hard effort can be muscle breakdown."""
LONG_EFFORT_MINUTES: Final = 60
"""A run this long is a long effort, for muscle breakdown, however easy it felt."""
VERY_HARD: Final = 7
"""CR10 "very hard" and above."""
BREAKDOWN_WINDOW: Final = timedelta(hours=72)
"""Muscle breakdown shows within about three days of the effort that caused it."""
CLOT_SIGN: Final = "calf-swollen-warm"
BREAKDOWN_SIGN: Final = "dark-urine"

JOINT_AND_BONE: Final[tuple[str, ...]] = ("feet", "ankles", "shins", "knees", "lower_back")
"""Where strong pain can hide an injury: joints, the spine, feet and shins (stress fractures)."""
MUSCLES: Final[tuple[str, ...]] = ("calves", "quads", "hamstrings", "hips", OVERALL)
"""Muscles, where strong soreness is usually overload that rest mends: hips/glutes count here
(the glutes are the big muscle a runner rates there). Overall soreness with no region named
counts here too."""


def warning_signs(inp: AdviceInput) -> list[str]:
    """The signs reported, in the order coach lists them."""
    return [key for key in WARNING_SIGN_KEYS if key in inp.flags]


def _first(signs: list[str], pressing: frozenset[str] | set[str]) -> list[str]:
    """Every sign reported, the pressing ones first, when any of them is pressing."""
    if not pressing.intersection(signs):
        return []
    return sorted(signs, key=lambda key: key not in pressing)


def emergency_signs(inp: AdviceInput) -> list[str]:
    """Every sign reported, the emergencies first, when any is one (cauda equina)."""
    return _first(warning_signs(inp), EMERGENCY_SIGNS)


def clot_signs(inp: AdviceInput) -> list[str]:
    """Every sign reported, the swollen, warm calf first, when it is reported."""
    return _first(warning_signs(inp), {CLOT_SIGN})


def urgent_signs(inp: AdviceInput) -> list[str]:
    """Every sign reported, the most pressing first, when any of them needs a doctor today
    or sooner."""
    signs = warning_signs(inp)
    pressing = EMERGENCY_SIGNS | URGENT_SIGNS
    if not pressing.intersection(signs):
        return []
    return sorted(signs, key=lambda key: (key not in EMERGENCY_SIGNS, key not in pressing))


def _long_or_very_hard(minutes: float | None, effort: float | None) -> bool:
    return ((minutes is not None and minutes >= LONG_EFFORT_MINUTES)
            or (effort is not None and effort >= VERY_HARD))


def long_or_hard_effort_lately(inp: AdviceInput) -> bool:
    """This rating's run, or a run of the 72 h before, was long or very hard."""
    if inp.has_run and _long_or_very_hard(inp.run_minutes, inp.effort):
        return True
    recent = [past for past in inp.past() if inp.now - past.at <= BREAKDOWN_WINDOW]
    if any(past.ran and _long_or_very_hard(past.run_minutes, past.effort) for past in recent):
        return True
    return any(inp.now - run.at <= BREAKDOWN_WINDOW and _long_or_very_hard(run.minutes, run.effort)
               for run in inp.past_runs())


def extreme_muscle_regions(inp: AdviceInput) -> list[str]:
    """Muscles (or the legs overall) rated 9 or 10."""
    return prefer_regions(_at_least(inp, MUSCLES, EXTREME))


def breakdown_signs(inp: AdviceInput) -> list[str]:
    """What points to muscle breakdown (rhabdomyolysis): dark urine, or muscle pain of 9–10
    after a long or very hard effort. The sign or the muscles, to name them."""
    if BREAKDOWN_SIGN in inp.flags:
        return [BREAKDOWN_SIGN]
    extreme = extreme_muscle_regions(inp)
    return extreme if extreme and long_or_hard_effort_lately(inp) else []


def _at_least(inp: AdviceInput, keys: tuple[str, ...], level: int) -> list[str]:
    return [key for key in keys if inp.region(key) >= level]


def severe_joint_regions(inp: AdviceInput) -> list[str]:
    """Joints, feet or shins rated 8 or more: a specialist now."""
    return _at_least(inp, JOINT_AND_BONE, SEVERE)


def severe_muscle_regions(inp: AdviceInput) -> list[str]:
    """Muscles (or the legs overall) rated 8 or more: rest, and watch that it eases."""
    return prefer_regions(_at_least(inp, MUSCLES, SEVERE))


@dataclass(frozen=True)
class Spell:
    """The ratings since the run that began this spell of soreness, up to now."""

    began: datetime
    """When the run that began it started, or its first rating when no run is known."""
    ratings: tuple[PastRating, ...]
    """Earlier ratings of the spell, oldest first (the one given now is not among them)."""
    after_run: bool
    """Whether a known run began it: without one, a run nobody logged may explain a rise."""


def spell(inp: AdviceInput) -> Spell:
    """The spell the rating given now belongs to.

    A rating right after a run begins a new spell. Otherwise the spell reaches back through
    the earlier ratings while no run started between them, and no gap is longer than
    :data:`EPISODE_GAP`; a rating of a run just done is the first of its spell.
    """
    if inp.has_run:
        return Spell(inp.now, (), after_run=True)
    starts = inp.run_starts()
    ratings: list[PastRating] = []
    newer = inp.now
    for past in inp.past():
        run_between = any(past.at < start <= newer for start in starts)
        if run_between or newer - past.at > EPISODE_GAP:
            break
        ratings.append(past)
        newer = past.at
        if past.ran:
            return Spell(past.at, tuple(reversed(ratings)), after_run=True)
    run = next((start for start in starts if start <= newer), None)
    if run is not None and newer - run <= EPISODE_GAP:
        return Spell(run, tuple(reversed(ratings)), after_run=True)
    return Spell(newer, tuple(reversed(ratings)), after_run=False)


@dataclass(frozen=True)
class Episode:
    """One spell of soreness at :data:`PERSISTENT` or more in one region, up to now."""

    key: str
    onset: datetime
    """The first rating of the spell."""
    peak: int
    current: int

    def lasted(self, now: datetime) -> timedelta:
        return now - self.onset

    @property
    def eased(self) -> bool:
        return self.peak - self.current >= EASED_BY


def episode(inp: AdviceInput, key: str, within: Spell | None = None) -> Episode | None:
    """How long ``key`` has stayed at :data:`PERSISTENT` or more: the ratings of this spell
    back from now while they stay there (a run in between ends it: :func:`spell`)."""
    current = inp.region(key)
    if current < PERSISTENT:
        return None
    onset, peak = inp.now, current
    for past in reversed((within or spell(inp)).ratings):
        value = past.value(key)
        if value < PERSISTENT:
            break
        onset, peak = past.at, max(peak, value)
    return Episode(key, onset, peak, current)


def _episodes(inp: AdviceInput) -> list[Episode]:
    within = spell(inp)
    found = [episode(inp, key, within) for key in (*REGION_KEYS, OVERALL)]
    return [one for one in found if one is not None]


def rising_regions(inp: AdviceInput) -> list[str]:
    """Soreness that rises again 72 h or more after the run that began the spell, with no
    run since: :data:`ROSE_BY` points above where it had settled (the lowest rating from
    72 h on, or the last one before), and :data:`RISING_FROM` or more. Normal soreness eases
    by then. With no run known, a run nobody logged may explain it: not judged."""
    within = spell(inp)
    if not within.after_run or not within.ratings or inp.now - within.began < NOT_EASING_AFTER:
        return []
    settled_from = within.began + NOT_EASING_AFTER
    keys: list[str] = []
    for key in (*REGION_KEYS, OVERALL):
        current = inp.region(key)
        if current < RISING_FROM:
            continue
        late = [past.value(key) for past in within.ratings if past.at >= settled_from]
        settled = min(late) if late else within.ratings[-1].value(key)
        if current - settled >= ROSE_BY:
            keys.append(key)
    return prefer_regions(keys)


def still_sore_regions(inp: AdviceInput) -> list[str]:
    """Still 5 or more, 5 days or longer after the spell began."""
    keys = [e.key for e in _episodes(inp) if e.lasted(inp.now) >= STILL_SORE_AFTER]
    return prefer_regions(keys)


def not_easing_regions(inp: AdviceInput) -> list[str]:
    """5 or more, 72 h or longer after the spell began, and not 2 points below its peak."""
    keys = [
        e.key for e in _episodes(inp)
        if e.lasted(inp.now) >= NOT_EASING_AFTER and not e.eased
    ]
    return prefer_regions(keys)


def needs_specialist(inp: AdviceInput) -> bool:
    return bool(
        warning_signs(inp) or breakdown_signs(inp) or severe_joint_regions(inp)
        or rising_regions(inp) or still_sore_regions(inp) or not_easing_regions(inp)
    )


def urgency(inp: AdviceInput) -> Urgency | None:
    """How soon someone should look, or None when nothing calls for it."""
    if emergency_signs(inp):
        return "emergency"
    if urgent_signs(inp) or breakdown_signs(inp):
        return "urgent"
    return "soon" if needs_specialist(inp) else None
