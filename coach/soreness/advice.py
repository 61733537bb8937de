"""Recovery tips that fit a runner's soreness check.

The rules are data — a tuple of :class:`Rule` — so every tip can be listed, tested and
reached, and changing advice never means untangling nested ``if`` statements. Rule order is
priority: the first tips are the ones most tied to what happened in this session, and only
:data:`MAX_TIPS` are shown so the list stays readable on a tired evening.

Nothing here is a diagnosis. The one thing coach insists on is the specialist message: strong
soreness, or soreness in the same place that does not fade over several check-ins, gets a
plain "see a sports doctor or physiotherapist" that names where it hurts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final, Literal, TypeAlias

from coach.scales import REGION_KEYS, SORENESS_MAX, run_load

SessionPart: TypeAlias = Literal["done", "skipped", "none"]
"""Whether a part of the session (warm-up or cool-down walk) was done, skipped or cut short,
or was not in the routine at all."""
TipKind: TypeAlias = Literal["tip", "specialist"]

SESSION_PARTS: Final[tuple[SessionPart, ...]] = ("done", "skipped", "none")

MAX_TIPS: Final = 5
"""More than a handful of tips after a run is a lecture, not help."""
SORE: Final = 3
"""From "mild" upwards a region is worth a specific tip."""
HIGH: Final = 6
"""Overall soreness from "quite sore" upwards calls for whole-body recovery."""
SEVERE: Final = 8
""""Severe" on the scale: more than normal post-run soreness."""
PERSISTENT: Final = 5
"""Soreness at this level that keeps coming back is worth a specialist's look."""
IN_A_ROW: Final = 3
"""Check-ins in a row (this one included) at :data:`PERSISTENT` or more."""
LINGERING: Final = timedelta(hours=72)
"""Normal muscle soreness peaks 24–72 h after effort; still there after that is not normal."""
HARD_EFFORT: Final = 8
"""CR10 "very hard" and above."""
HIGH_LOAD: Final = 480.0
"""Session-RPE load (effort × minutes), e.g. effort 6 for 80 minutes or 4 for two hours."""
LONG_BREAK: Final = timedelta(days=14)
"""A gap since the last check-in long enough that the legs have lost some of their habit."""

LEG_KEYS: Final[tuple[str, ...]] = ("shins", "calves", "quads", "hamstrings", "hips")
"""Muscles a runner can rub warm by hand."""
OVERALL: Final = "overall"
"""Stands in for a region when only the overall rating is high."""

_WORDS: Final[dict[str, str]] = {
    "feet": "feet",
    "ankles": "ankles",
    "shins": "shins",
    "calves": "calves",
    "knees": "knees",
    "quads": "quads",
    "hamstrings": "hamstrings",
    "hips": "hips",
    "lower_back": "lower back",
    OVERALL: "legs",
}
"""Region names as they read inside a sentence ("your calves and knees")."""

DISCLAIMER: Final = (
    "These are general tips, not a diagnosis: if pain is strong or doesn't fade, "
    "see a sports doctor or physiotherapist."
)


@dataclass(frozen=True)
class PastRating:
    """An earlier soreness check-in, used to notice soreness that doesn't go away."""

    at: datetime
    """When it was rated, in UTC."""
    overall: int
    regions: Mapping[str, int] = field(default_factory=dict)
    """A region left out counts as 0."""


@dataclass(frozen=True, kw_only=True)
class AdviceInput:
    """Everything the rules may look at: the answers just given and a little history."""

    overall: int
    regions: Mapping[str, int] = field(default_factory=dict)
    """Keys from :data:`coach.scales.REGION_KEYS`, 0–10; a region left out counts as 0."""
    cooldown: SessionPart = "none"
    warmup: SessionPart = "none"
    effort: int | None = None
    """Borg CR10 session-RPE, 0–10."""
    run_minutes: float | None = None
    history: Sequence[PastRating] = ()
    now: datetime

    def __post_init__(self) -> None:
        _check_rating("overall", self.overall)
        _check_regions(self.regions)
        for name, part in (("cooldown", self.cooldown), ("warmup", self.warmup)):
            if part not in SESSION_PARTS:
                raise ValueError(f"{name} must be one of {', '.join(SESSION_PARTS)}, not {part!r}")
        if self.effort is not None:
            _check_rating("effort", self.effort)
        if self.run_minutes is not None and self.run_minutes < 0:
            raise ValueError(f"run_minutes cannot be negative, got {self.run_minutes}")
        _check_aware("now", self.now)
        for past in self.history:
            _check_aware("history time", past.at)
            _check_rating("history overall", past.overall)
            _check_regions(past.regions)

    def region(self, key: str) -> int:
        """The rating for one region key, or the overall rating for :data:`OVERALL`."""
        return self.overall if key == OVERALL else self.regions.get(key, 0)

    @property
    def load(self) -> float | None:
        return run_load(self.effort, self.run_minutes)


@dataclass(frozen=True)
class Tip:
    id: str
    title: str
    text: str
    """One or two short sentences; ``{where}`` is filled with the regions the rule is about."""
    kind: TipKind = "tip"


@dataclass(frozen=True)
class Rule:
    """When a tip fits. Several rules may share one tip; it is shown once."""

    id: str
    applies: Callable[[AdviceInput], bool]
    tip: Tip
    where: Callable[[AdviceInput], Sequence[str]] | None = None
    """The region keys the rule is about, to name them in the tip."""


@dataclass(frozen=True)
class Advice:
    tips: list[Tip]
    """Ordered by priority, at most :data:`MAX_TIPS`, each shown once."""
    specialist: Tip | None
    disclaimer: str = DISCLAIMER


# --- input checks ------------------------------------------------------------------------


def _check_rating(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SORENESS_MAX:
        raise ValueError(f"{name} must be a whole number from 0 to {SORENESS_MAX}, got {value!r}")


def _check_regions(regions: Mapping[str, int]) -> None:
    for key, value in regions.items():
        if key not in REGION_KEYS:
            raise ValueError(f"unknown region {key!r}; use one of {', '.join(REGION_KEYS)}")
        _check_rating(key, value)


def _check_aware(name: str, moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone (UTC), got {moment.isoformat()}")


# --- what the rules look at --------------------------------------------------------------


def _sore_in(inp: AdviceInput, keys: Sequence[str], level: int = SORE) -> list[str]:
    return [key for key in keys if inp.region(key) >= level]


def _peak(inp: AdviceInput) -> int:
    return max([inp.overall, *inp.regions.values()])


def _is_sore(inp: AdviceInput) -> bool:
    return _peak(inp) >= SORE


def _past(inp: AdviceInput) -> list[PastRating]:
    """Earlier check-ins, newest first; anything not before ``now`` is ignored."""
    earlier = [past for past in inp.history if past.at < inp.now]
    return sorted(earlier, key=lambda past: past.at, reverse=True)


def _past_value(past: PastRating, key: str) -> int:
    return past.overall if key == OVERALL else past.regions.get(key, 0)


def _prefer_regions(keys: list[str]) -> list[str]:
    """Name regions when any qualify; fall back to "legs" only when overall alone does."""
    regions = [key for key in keys if key != OVERALL]
    return regions or keys


def severe_regions(inp: AdviceInput) -> list[str]:
    """Where soreness is severe right now."""
    return _prefer_regions(_sore_in(inp, (*REGION_KEYS, OVERALL), SEVERE))


def persistent_regions(inp: AdviceInput) -> list[str]:
    """Where soreness was :data:`PERSISTENT` or more in the last three check-ins, this one too."""
    recent = _past(inp)[: IN_A_ROW - 1]
    if len(recent) < IN_A_ROW - 1:
        return []
    keys = [
        key
        for key in (*REGION_KEYS, OVERALL)
        if inp.region(key) >= PERSISTENT
        and all(_past_value(past, key) >= PERSISTENT for past in recent)
    ]
    return _prefer_regions(keys)


def lingering_regions(inp: AdviceInput) -> list[str]:
    """Where soreness has stayed at :data:`PERSISTENT` or more for longer than 72 hours.

    It must be that sore now and in a check-in more than :data:`LINGERING` ago, with no
    check-in in between where it dropped below.
    """
    keys: list[str] = []
    past = _past(inp)
    for key in (*REGION_KEYS, OVERALL):
        if inp.region(key) < PERSISTENT:
            continue
        for rating in past:
            if _past_value(rating, key) < PERSISTENT:
                break
            if inp.now - rating.at > LINGERING:
                keys.append(key)
                break
    return _prefer_regions(keys)


def needs_specialist(inp: AdviceInput) -> bool:
    return bool(severe_regions(inp) or persistent_regions(inp) or lingering_regions(inp))


def _after_long_break(inp: AdviceInput) -> bool:
    past = _past(inp)
    return (
        bool(past)
        and inp.now - past[0].at >= LONG_BREAK
        and _peak(inp) > 0
        and not needs_specialist(inp)
    )


def _sore_regions(inp: AdviceInput) -> list[str]:
    """Sore regions of any kind; when one is named, tips for it beat a general leg rub."""
    return _sore_in(inp, REGION_KEYS)


def _sore_legs(inp: AdviceInput) -> list[str]:
    return _sore_in(inp, LEG_KEYS)


def _legs_or_overall(inp: AdviceInput) -> list[str]:
    return _sore_legs(inp) or [OVERALL]


def _hard_effort(inp: AdviceInput) -> bool:
    return inp.effort is not None and inp.effort >= HARD_EFFORT


def _high_load(inp: AdviceInput) -> bool:
    load = inp.load
    return load is not None and load >= HIGH_LOAD


# --- the tips ----------------------------------------------------------------------------

ALL_GOOD = Tip(
    "all-good",
    "Legs feel good",
    "No soreness at all. Whatever you did before and after this run is working: keep it up.",
)
MILD_IS_NORMAL = Tip(
    "mild-is-normal",
    "A little soreness is normal",
    "Light soreness after a run is normal and usually fades within a day or two.",
)
BACK_AFTER_A_BREAK = Tip(
    "back-after-a-break",
    "Back after a break",
    "It's been a while since your last check-in. Some soreness after the first runs back is "
    "normal and passes within a few days.",
)
WALK_IT_OFF = Tip(
    "walk-it-off",
    "Walk it off next time",
    "Don't stop dead at the end of a run: slow to an easy walk for 5–10 minutes, then stretch. "
    "Legs usually complain less the next day.",
)
EASY_DAY = Tip(
    "easy-day",
    "Take an easy day",
    "That was a hard session. Rest or run easy next, and add distance or pace a little at a time.",
)
WARM_UP_FIRST = Tip(
    "warm-up-first",
    "Warm up first",
    "Loosen joints and muscles before you set off next time. Early in the day the body is "
    "stiffer, so take longer: the morning warm-up is made for that.",
)
DRINK_WATER = Tip(
    "drink-water",
    "Drink plenty",
    "Top up on water today. Being short of fluid can make legs ache all by itself.",
)
SELF_MASSAGE = Tip(
    "self-massage",
    "Rub them warm",
    "Rub your {where} briskly with both hands, one muscle at a time, until the skin feels warm.",
)
CUSHIONED_SHOES = Tip(
    "cushioned-shoes",
    "Cushioned running shoes",
    "Run in shoes made for running, with a sole that soaks up the impact, above all on "
    "hard ground.",
)
SOFTER_GROUND = Tip(
    "softer-ground",
    "Pick softer ground",
    "When you can, run on a rubber track or a park path: both are kinder to heels and joints "
    "than asphalt.",
)
TECHNIQUE = Tip(
    "technique",
    "Check your form",
    "Land softly and roll from heel to toe, lean slightly forward, and keep your arms bent, "
    "working in front of you.",
)
ARCH_SUPPORT = Tip(
    "arch-support",
    "Support your arches",
    "If your feet are flat or your arches tire quickly, insoles with arch support take load "
    "off them. The foot-care routine helps too.",
)
COOLING_GEL = Tip(
    "cooling-gel",
    "Soothe tired feet",
    "Spread a cooling gel on your soles and heels and massage them gently.",
)
DOWNHILLS = Tip(
    "downhills",
    "Go easy downhill",
    "Take slopes with short, controlled steps and don't let gravity speed you up: heels and "
    "knees pay for it.",
)
ELASTIC_BANDAGE = Tip(
    "elastic-bandage",
    "Support an old injury",
    "If a sore knee or ankle was sprained or injured before, an elastic bandage on it gives "
    "support while you run.",
)
WARM_BATH = Tip(
    "warm-bath",
    "Warm bath or sauna",
    "Soak in a warm bath or spend a while in a sauna: heat relaxes tight, tired muscles.",
)
EASY_BIKE = Tip(
    "easy-bike",
    "Easy bike ride",
    "A short, relaxed bike ride loosens sore legs without adding much load.",
)
POTASSIUM_CALCIUM = Tip(
    "potassium-calcium",
    "Eat for recovery",
    "Choose foods rich in potassium and calcium, such as bananas, dried apricots, almonds, "
    "beans, oats or potatoes.",
)
CONTRAST_SHOWER = Tip(
    "contrast-shower",
    "Contrast shower",
    "Switch between warm and cool water a few times in the shower. Many runners feel fresher "
    "afterwards.",
)

SPECIALIST_SEVERE = Tip(
    "specialist-severe",
    "See a specialist about your {where}",
    "Soreness this strong is more than normal tiredness after a run. Rest, and have a sports "
    "doctor or physiotherapist check your {where}.",
    kind="specialist",
)
SPECIALIST_PERSISTENT = Tip(
    "specialist-persistent",
    "See a specialist about your {where}",
    "Soreness in your {where} has lasted through three check-ins in a row. A sports doctor "
    "or physiotherapist can find out why; ease off until then.",
    kind="specialist",
)
SPECIALIST_LINGERING = Tip(
    "specialist-lingering",
    "See a specialist about your {where}",
    "Soreness in your {where} has lasted more than three days without easing. A sports "
    "doctor or physiotherapist can find out why; ease off until then.",
    kind="specialist",
)


# --- the rules, highest priority first ---------------------------------------------------

RULES: Final[tuple[Rule, ...]] = (
    Rule("severe-now", lambda i: bool(severe_regions(i)), SPECIALIST_SEVERE, severe_regions),
    Rule(
        "sore-three-in-a-row",
        lambda i: bool(persistent_regions(i)),
        SPECIALIST_PERSISTENT,
        persistent_regions,
    ),
    Rule(
        "sore-beyond-72h",
        lambda i: bool(lingering_regions(i)),
        SPECIALIST_LINGERING,
        lingering_regions,
    ),
    Rule("no-soreness", lambda i: _peak(i) == 0, ALL_GOOD),
    Rule("first-run-after-break", _after_long_break, BACK_AFTER_A_BREAK),
    Rule("mild-soreness", lambda i: 0 < _peak(i) < SORE, MILD_IS_NORMAL),
    Rule("cooldown-missed", lambda i: i.cooldown != "done" and _is_sore(i), WALK_IT_OFF),
    Rule("hard-effort", _hard_effort, EASY_DAY),
    Rule("high-load", _high_load, EASY_DAY),
    Rule("warmup-missed", lambda i: i.warmup != "done" and _is_sore(i), WARM_UP_FIRST),
    Rule("high-overall-water", lambda i: i.overall >= HIGH, DRINK_WATER),
    Rule(
        "sore-legs-massage",
        lambda i: bool(_sore_legs(i)) or (i.overall >= SORE + 1 and not _sore_regions(i)),
        SELF_MASSAGE,
        _legs_or_overall,
    ),
    Rule("sore-feet-shoes", lambda i: i.region("feet") >= SORE, CUSHIONED_SHOES),
    Rule(
        "sore-shins-knees-shoes",
        lambda i: bool(_sore_in(i, ("shins", "knees"))),
        CUSHIONED_SHOES,
    ),
    Rule(
        "hard-surface",
        lambda i: bool(_sore_in(i, ("feet", "shins", "knees"))),
        SOFTER_GROUND,
    ),
    Rule(
        "joint-technique",
        lambda i: bool(_sore_in(i, ("knees", "ankles"))),
        TECHNIQUE,
    ),
    Rule("flat-feet", lambda i: i.region("feet") >= SORE, ARCH_SUPPORT),
    Rule("tired-feet", lambda i: i.region("feet") >= SORE, COOLING_GEL),
    Rule(
        "downhill-control",
        lambda i: bool(_sore_in(i, ("knees", "feet"))),
        DOWNHILLS,
    ),
    Rule(
        "old-sprain",
        lambda i: bool(_sore_in(i, ("ankles", "knees"))),
        ELASTIC_BANDAGE,
    ),
    Rule("high-overall-heat", lambda i: i.overall >= HIGH, WARM_BATH),
    Rule("high-overall-bike", lambda i: i.overall >= HIGH, EASY_BIKE),
    Rule("high-overall-food", lambda i: i.overall >= HIGH, POTASSIUM_CALCIUM),
    Rule("sore-contrast-shower", lambda i: i.overall >= SORE + 1, CONTRAST_SHOWER),
    Rule("sore-keep-moving", _is_sore, EASY_BIKE),
)
"""Every rule coach knows, in priority order. Specialist rules come first; the first one that
applies gives :attr:`Advice.specialist`, the rest give :attr:`Advice.tips`."""


def region_words(keys: Sequence[str]) -> str:
    """``["calves", "knees"]`` → ``calves and knees``, for use inside a sentence."""
    words = [_WORDS[key] for key in keys]
    if not words:
        return _WORDS[OVERALL]
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _fill(rule: Rule, inp: AdviceInput) -> Tip:
    if rule.where is None:
        return rule.tip
    where = region_words(rule.where(inp))
    return Tip(
        rule.tip.id,
        rule.tip.title.replace("{where}", where),
        rule.tip.text.replace("{where}", where),
        rule.tip.kind,
    )


def advise(inp: AdviceInput) -> Advice:
    """The tips that fit these answers, best first, plus a specialist message when needed."""
    tips: list[Tip] = []
    seen: set[str] = set()
    specialist: Tip | None = None
    for rule in RULES:
        if rule.tip.kind == "specialist":
            if specialist is None and rule.applies(inp):
                specialist = _fill(rule, inp)
            continue
        if rule.tip.id in seen or len(tips) >= MAX_TIPS or not rule.applies(inp):
            continue
        seen.add(rule.tip.id)
        tips.append(_fill(rule, inp))
    return Advice(tips=tips, specialist=specialist)
