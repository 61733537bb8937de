"""When coach says "see a specialist", and how soon.

Normal delayed soreness peaks 24–72 h after a run and then eases, so escalation is judged
by days, on the dated history of one region, never by counting check-ins:

- any warning sign (sharp pain, swelling, pain at night...) → a specialist; a swollen, warm
  calf → today;
- 8 or more in a joint, the feet or the shins → a specialist now;
- 5 or more that has not eased by 2 points from its peak 72 h after it began, or is still 5
  or more after 5 days → a specialist;
- 8 or more in muscles only → rest, and get it checked if it is not clearly easing in 2–3
  days (which the rule above then catches).

Each function returns the region keys (or sign names) it is about, in a fixed order, so the
message can name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal, TypeAlias

from coach.record.scales import REGION_KEYS, URGENT_SIGNS, WARNING_SIGN_KEYS
from coach.soreness.inputs import OVERALL, AdviceInput, prefer_regions

Urgency: TypeAlias = Literal["urgent", "soon"]

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

JOINT_AND_BONE: Final[tuple[str, ...]] = ("feet", "ankles", "shins", "knees", "hips", "lower_back")
"""Where strong pain can hide an injury: joints, the spine, feet and shins (stress fractures)."""
MUSCLES: Final[tuple[str, ...]] = ("calves", "quads", "hamstrings", OVERALL)
"""Muscles, where strong soreness is usually overload that rest mends. Overall soreness with
no region named counts here."""


def warning_signs(inp: AdviceInput) -> list[str]:
    """The signs reported, in the order coach lists them."""
    return [key for key in WARNING_SIGN_KEYS if key in inp.flags]


def urgent_signs(inp: AdviceInput) -> list[str]:
    """Every sign reported, the urgent ones first, when any of them is urgent."""
    signs = warning_signs(inp)
    if not URGENT_SIGNS.intersection(signs):
        return []
    return sorted(signs, key=lambda key: key not in URGENT_SIGNS)


def _at_least(inp: AdviceInput, keys: tuple[str, ...], level: int) -> list[str]:
    return [key for key in keys if inp.region(key) >= level]


def severe_joint_regions(inp: AdviceInput) -> list[str]:
    """Joints, feet or shins rated 8 or more: a specialist now."""
    return _at_least(inp, JOINT_AND_BONE, SEVERE)


def severe_muscle_regions(inp: AdviceInput) -> list[str]:
    """Muscles (or the legs overall) rated 8 or more: rest, and watch that it eases."""
    return prefer_regions(_at_least(inp, MUSCLES, SEVERE))


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


def episode(inp: AdviceInput, key: str) -> Episode | None:
    """The spell ``key`` is in now: ratings back from now while they stay at
    :data:`PERSISTENT` or more, with no gap longer than :data:`EPISODE_GAP`."""
    current = inp.region(key)
    if current < PERSISTENT:
        return None
    onset, peak, newer = inp.now, current, inp.now
    for past in inp.past():
        value = past.value(key)
        if value < PERSISTENT or newer - past.at > EPISODE_GAP:
            break
        onset, peak, newer = past.at, max(peak, value), past.at
    return Episode(key, onset, peak, current)


def _episodes(inp: AdviceInput) -> list[Episode]:
    found = [episode(inp, key) for key in (*REGION_KEYS, OVERALL)]
    return [spell for spell in found if spell is not None]


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
        warning_signs(inp) or severe_joint_regions(inp) or still_sore_regions(inp)
        or not_easing_regions(inp)
    )


def urgency(inp: AdviceInput) -> Urgency | None:
    """How soon a specialist should look, or None when nothing calls for one."""
    if urgent_signs(inp):
        return "urgent"
    return "soon" if needs_specialist(inp) else None
