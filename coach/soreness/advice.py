"""Recovery advice that fits a runner's soreness check: safe first, then true, then short.

The rules are data — a tuple of :class:`Rule` — so every tip can be listed, tested and
reached. Advice comes in three parts:

- **the specialist message**, first and alone when a warning sign or soreness that will not
  ease calls for one (:mod:`coach.soreness.escalation`), the most pressing first (an
  emergency, then the same day, then soon), with at most two gentle tips (rest, fluids) that
  never contradict it, and none beside an emergency: its one job is the call;
- **Today**: recovery, at most :data:`MAX_TODAY` tips — one line that says whether this is
  normal, a region where runners get hurt, a remedy for the sore part, then the whole-body
  remedies that fit (bath, bike, contrast shower, food, water), taking turns so each gets
  its chance;
- **Next run**: prevention, at most :data:`MAX_NEXT_RUN` — load first (a run much longer
  than the longest of the last 30 days, several days in a row, a very hard effort), then the
  sorest regions, then habits. Imported runs count as runs here (the longest recent run, the
  days with a run), never as ratings: they say nothing about how the legs felt.

Every tip carries its why (:attr:`Tip.why`). Nothing here is a diagnosis.

Longer than most modules: every rule sits beside the few lines it looks at, so a rule and
its condition are read together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal, TypeAlias

from coach.record.judgements import is_downhill
from coach.record.load import SPIKE, SPIKE_WINDOW, in_spike_window, spike_over
from coach.record.scales import REGION_KEYS
from coach.soreness import escalation as esc
from coach.soreness import tips as t
from coach.soreness.escalation import Urgency
from coach.soreness.inputs import (
    OVERALL,
    SESSION_PARTS,
    AdviceInput,
    PastRating,
    PastRun,
    SessionPart,
)
from coach.soreness.tips import Tip, TipKind
from coach.soreness.words import region_words

__all__ = [
    "DISCLAIMER", "MAX_NEXT_RUN", "MAX_TODAY", "MAX_WITH_SPECIALIST", "OVERALL", "RULES",
    "SESSION_PARTS", "SORE", "SPIKE", "SPIKE_WINDOW", "Advice", "AdviceInput", "PastRating",
    "PastRun", "Rule", "SessionPart", "Tier", "Tip", "TipKind", "Urgency", "advice_dict",
    "advise", "region_words",
]

Tier: TypeAlias = Literal[
    "specialist", "gentle", "lead", "load", "region", "targeted", "remedy", "habit"
]

MAX_TODAY: Final = 3
"""Recovery tips for today: more than a handful after a run is a lecture, not help."""
MAX_NEXT_RUN: Final = 2
MAX_WITH_SPECIALIST: Final = 2
"""Beside a specialist message only rest and fluids: nothing that reads as "carry on"."""
SORE: Final = 3
"""From "mild" upwards a region is worth a specific tip."""
HARD_EFFORT: Final = esc.VERY_HARD
"""CR10 "very hard" and above."""
LONG_RUN_MINUTES: Final = esc.LONG_EFFORT_MINUTES
"""A run this long earns the whole-body remedies even when the legs feel fine."""
NEXT_DAY: Final = timedelta(hours=12)
"""A rating this long after a run is the next day's: soreness has had time to show."""
LONG_BREAK: Final = timedelta(days=14)
"""A gap since the last check-in long enough that the legs have lost some of their habit."""
DAYS_IN_A_ROW: Final = 4
"""Run days in a row, with sore legs, after which a rest day is due."""
MORNING: Final = range(4, 12)
"""Local hours when "the first steps of the day" are recent."""

DISCLAIMER: Final = (
    "Not a diagnosis. See a sports doctor or physiotherapist for sharp pain, swelling, pain "
    "at rest or at night, pain that worsens as you run or a limp, numbness or tingling, a "
    "tender spot on a bone, or a knee that locks or gives way; a swollen, warm, red calf, or "
    "extreme muscle pain or dark urine after a hard effort, needs a doctor today; call "
    "emergency services now for a swollen calf with breathlessness or chest pain, or back "
    "pain with numbness between the legs or new bladder or bowel trouble."
)

TIER_ORDER: Final[dict[Tier, int]] = {
    "specialist": 0, "gentle": 1, "lead": 2, "load": 3, "region": 4, "targeted": 5,
    "remedy": 6, "habit": 7,
}


@dataclass(frozen=True)
class Rule:
    """When a tip fits. Several rules may share one tip; it is shown once."""

    id: str
    applies: Callable[[AdviceInput], bool]
    tip: Tip
    tier: Tier
    where: Callable[[AdviceInput], Sequence[str]] | None = None
    """The region keys (or warning signs) the rule is about, to name them in the tip."""
    region: str | None = None
    """The region a region rule is for (else the ones ``where`` names): the sorer region's
    tip comes first."""
    first_when: Callable[[AdviceInput], bool] | None = None
    """When this holds, the tip goes before the others of its tier, however sore."""

    def preferred(self, inp: AdviceInput) -> bool:
        return self.first_when is not None and self.first_when(inp)

    def soreness(self, inp: AdviceInput) -> int:
        """How sore this rule's region is, to put the sorest region's tip first."""
        if self.region is not None:
            return inp.region(self.region)
        keys = self.where(inp) if self.where is not None else ()
        return max((inp.region(key) for key in keys), default=0)

    @property
    def section(self) -> t.Section:
        return self.tip.section


@dataclass(frozen=True)
class Advice:
    specialist: Tip | None
    """Shown first, alone at the top, when one is needed."""
    today: list[Tip]
    next_run: list[Tip]
    disclaimer: str = DISCLAIMER

    @property
    def tips(self) -> list[Tip]:
        """Today's tips, then the next run's."""
        return [*self.today, *self.next_run]

    @property
    def ids(self) -> list[str]:
        """Every id shown, the specialist message first: what an entry saves."""
        head = [self.specialist.id] if self.specialist is not None else []
        return [*head, *(tip.id for tip in self.tips)]


# --- what the rules look at --------------------------------------------------------------


def _sore_in(inp: AdviceInput, keys: Sequence[str], level: int = SORE) -> list[str]:
    return [key for key in keys if inp.region(key) >= level]


def _sore(key: str) -> Callable[[AdviceInput], bool]:
    return lambda inp: inp.region(key) >= SORE


def _is_sore(inp: AdviceInput) -> bool:
    return inp.peak >= SORE


def recent_run_minutes(inp: AdviceInput) -> list[float]:
    """The lengths of the runs of the 30 days before this one: logged with a rating or
    imported from the watch (one run may be both; only the longest matters)."""
    rated = [past.run_minutes for past in inp.past()
             if past.run_minutes is not None and in_spike_window(past.at, inp.now)]
    imported = [run.minutes for run in inp.past_runs()
                if run.minutes is not None and in_spike_window(run.at, inp.now)]
    return rated + imported


def load_spike(inp: AdviceInput) -> bool:
    """This run was more than 10 % longer than the longest of the previous 30 days
    (:func:`coach.record.load.spike_over`, the rule the trends use too)."""
    minutes = inp.run_minutes
    return minutes is not None and spike_over(minutes, recent_run_minutes(inp)) is not None


def _hard_effort(inp: AdviceInput) -> bool:
    return inp.effort is not None and inp.effort >= HARD_EFFORT


def _big_run(inp: AdviceInput) -> bool:
    """Long or hard enough for the whole-body remedies, however the legs feel."""
    long = inp.run_minutes is not None and inp.run_minutes >= LONG_RUN_MINUTES
    return long or _hard_effort(inp) or load_spike(inp)


def run_days_in_a_row(inp: AdviceInput) -> int:
    """Days in a row with a run, back from today (or from yesterday, before today's run)."""
    days = {inp.day(past.at) for past in inp.past() if past.ran}
    days.update(inp.day(run.at) for run in inp.past_runs())
    today = inp.day(inp.now)
    if inp.has_run:
        days.add(today)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _downhill_run(inp: AdviceInput) -> bool:
    """The rated run went far enough downhill to make quads sore (its imported descent)."""
    return bool(is_downhill(inp.run_descent_m))


def _first_check_in(inp: AdviceInput) -> bool:
    return not inp.past() and inp.peak > 0


def _after_long_break(inp: AdviceInput) -> bool:
    past = inp.past()
    return bool(past) and inp.now - past[0].at >= LONG_BREAK and inp.peak > 0


def _morning(inp: AdviceInput) -> bool:
    return inp.local(inp.now).hour in MORNING


def _no_rubbing_or_heat(inp: AdviceInput) -> bool:
    """Muscle pain of 9–10: never rubbed or heated, in case it is muscle breakdown."""
    return bool(esc.extreme_muscle_regions(inp))


def _shin_check(inp: AdviceInput) -> bool:
    """Sore shins get the bone check, which says not to rub the bone: no "rub your legs"
    beside it."""
    return inp.region("shins") >= SORE


def _keep_it_up(inp: AdviceInput) -> bool:
    """No soreness the next day after a run (not right after it, when soreness has not had
    time to show, and so never beside a warning about the run just done)."""
    if inp.peak != 0 or inp.has_run:
        return False
    last_run = next(iter(inp.run_starts()), None)
    return last_run is not None and NEXT_DAY <= inp.now - last_run <= esc.NOT_EASING_AFTER


def _sore_muscles(inp: AdviceInput) -> list[str]:
    """Muscles a runner can rub warm, or the legs overall when no region is named."""
    muscles = _sore_in(inp, esc.MUSCLES[:-1])
    if muscles:
        return muscles
    if inp.overall >= SORE and not _sore_in(inp, REGION_KEYS):
        return [OVERALL]
    return []


def _massage_where(inp: AdviceInput) -> list[str]:
    return _sore_muscles(inp) or [OVERALL]


def _massage(inp: AdviceInput) -> bool:
    """Sore muscles, or a big run, with nothing that rules rubbing out (the legs overall are
    never rubbed beside the shin check)."""
    if _no_rubbing_or_heat(inp):
        return False
    return bool(_sore_muscles(inp)) or (_big_run(inp) and not _shin_check(inp))


def _warm_bath(inp: AdviceInput) -> bool:
    """Sore or after a big run; after a very hard one the cool soak has the evidence."""
    wanted = _is_sore(inp) or _big_run(inp)
    return wanted and not _hard_effort(inp) and not _no_rubbing_or_heat(inp)


def _strength_where(inp: AdviceInput) -> list[str]:
    return _sore_in(inp, ("hips", "hamstrings", "lower_back"))


def _no_warm_up(inp: AdviceInput) -> bool:
    """A warm-up skipped, or an after-run routine with none before it."""
    return _is_sore(inp) and (
        inp.warmup == "skipped" or (inp.warmup == "none" and inp.cooldown != "none")
    )


def _specialist(rule_id: str, found: Callable[[AdviceInput], Sequence[str]], tip: Tip) -> Rule:
    """A specialist rule: it applies when ``found`` names a sign or region, and the tip names
    them."""
    return Rule(rule_id, lambda inp: bool(found(inp)), tip, "specialist", found)


# --- the rules, in priority order within each tier ---------------------------------------

RULES: Final[tuple[Rule, ...]] = (
    # The specialist message: the first that applies is shown, the most pressing first.
    _specialist("emergency-sign", esc.emergency_signs, t.SPECIALIST_EMERGENCY),
    _specialist("urgent-sign", esc.clot_signs, t.SPECIALIST_URGENT),
    _specialist("muscle-breakdown", esc.breakdown_signs, t.SPECIALIST_BREAKDOWN),
    _specialist("warning-sign", esc.warning_signs, t.SPECIALIST_SIGN),
    _specialist("severe-joint", esc.severe_joint_regions, t.SPECIALIST_SEVERE),
    _specialist("rising", esc.rising_regions, t.SPECIALIST_RISING),
    _specialist("still-sore", esc.still_sore_regions, t.SPECIALIST_STILL_SORE),
    _specialist("not-easing", esc.not_easing_regions, t.SPECIALIST_NOT_EASING),
    # Beside a specialist message, only these.
    Rule("gentle-rest", esc.needs_specialist, t.REST_UNTIL_CHECKED, "gentle"),
    Rule("gentle-water", esc.needs_specialist, t.DRINK_WATER, "gentle"),
    # Today: one lead line, the most important first.
    Rule("severe-muscles", lambda i: bool(esc.severe_muscle_regions(i)), t.REST_SEVERE,
         "lead", esc.severe_muscle_regions),
    Rule("first-check-in", _first_check_in, t.FIRST_CHECK_IN, "lead"),
    Rule("long-break", _after_long_break, t.BACK_AFTER_A_BREAK, "lead"),
    Rule("normal-soreness", _is_sore, t.NORMAL_SORENESS, "lead"),
    Rule("mild-soreness", lambda i: 0 < i.peak < SORE, t.MILD_IS_NORMAL, "lead"),
    Rule("keep-it-up", _keep_it_up, t.KEEP_IT_UP, "lead"),
    Rule("no-soreness", lambda i: i.peak == 0, t.ALL_GOOD, "lead"),
    # Today: regions where runners get hurt.
    Rule("shins-sore", _sore("shins"), t.SHIN_BONE_CHECK, "region", region="shins"),
    Rule("morning-heel", lambda i: _sore("feet")(i) and _morning(i), t.MORNING_HEEL,
         "region", region="feet"),
    Rule("lower-back-sore", _sore("lower_back"), t.BACK_KEEP_MOVING, "region",
         region="lower_back"),
    # Today: a remedy for the sore part, then the whole-body remedies that fit, in turns.
    Rule("sore-muscles-massage", _massage, t.SELF_MASSAGE, "targeted", _massage_where),
    Rule("sore-feet-gel", _sore("feet"), t.COOLING_GEL, "targeted"),
    Rule("contrast-shower", lambda i: (_is_sore(i) or _big_run(i)) and not _no_rubbing_or_heat(i),
         t.CONTRAST_SHOWER, "remedy"),
    Rule("cold-water", _hard_effort, t.COLD_WATER, "remedy"),
    Rule("warm-bath", _warm_bath, t.WARM_BATH, "remedy"),
    Rule("easy-bike", _is_sore, t.EASY_BIKE, "remedy"),
    Rule("refuel", lambda i: _big_run(i) or i.peak >= SORE + 1, t.POTASSIUM_CALCIUM, "remedy"),
    Rule("fluids", lambda i: _big_run(i) or i.overall >= SORE + 2, t.DRINK_WATER, "remedy"),
    # Next run: load first.
    Rule("load-spike", load_spike, t.LOAD_SPIKE, "load"),
    Rule("days-in-a-row", lambda i: _is_sore(i) and run_days_in_a_row(i) >= DAYS_IN_A_ROW,
         t.REST_DAY, "load"),
    Rule("hard-effort", _hard_effort, t.EASY_DAY, "load"),
    # Next run: the sorest region first.
    Rule("quads-downhill", _sore("quads"), t.DOWNHILL_QUADS, "region", region="quads",
         first_when=_downhill_run),
    Rule("knees-steps", _sore("knees"), t.KNEE_STEPS, "region", region="knees"),
    Rule("shins-build-up", _sore("shins"), t.SHIN_BUILD_UP, "region", region="shins"),
    Rule("achilles-raises", _sore("ankles"), t.ACHILLES_RAISES, "region", region="ankles"),
    Rule("feet-shoes", _sore("feet"), t.FEET_SHOES, "region", region="feet"),
    Rule("hips-back-strength", lambda i: bool(_strength_where(i)), t.HIP_STRENGTH, "region",
         _strength_where),
    # Next run: habits.
    Rule("warmup-missed", _no_warm_up, t.WARM_UP_FIRST, "habit"),
    Rule("cooldown-skipped", lambda i: i.cooldown == "skipped", t.WALK_BEFORE_YOU_STOP,
         "habit"),
    Rule("hard-surface", lambda i: bool(_sore_in(i, ("feet", "shins", "knees"))),
         t.SOFTER_GROUND, "habit"),
    Rule("stretch-comfort", _is_sore, t.STRETCH_FOR_COMFORT, "habit"),
)
"""Every rule coach knows. Within a section, tips are ordered by tier, then as below."""

REMEDIES: Final[tuple[str, ...]] = tuple(r.tip.id for r in RULES if r.tier == "remedy")


# --- choosing ------------------------------------------------------------------------------


def _fill(rule: Rule, inp: AdviceInput) -> Tip:
    if rule.where is None:
        return rule.tip
    return rule.tip.filled(region_words(rule.where(inp)))


def _last_shown(inp: AdviceInput) -> dict[str, datetime]:
    shown: dict[str, datetime] = {}
    for past in inp.past():
        for tip_id in past.advice:
            shown.setdefault(tip_id, past.at)
    return shown


def _order(inp: AdviceInput, rules: list[Rule]) -> list[Rule]:
    """Tier first; a rule preferred for this run first (:attr:`Rule.first_when`); the sorer
    region first; remedies least recently shown first, and among those never shown, a turn
    that moves on each day."""
    shown = _last_shown(inp)
    turn = inp.day(inp.now).toordinal()
    never = datetime.min.replace(tzinfo=UTC)

    def key(numbered: tuple[int, Rule]) -> tuple[Any, ...]:
        number, rule = numbered
        region = -rule.soreness(inp) if rule.tier == "region" else 0
        if rule.tier == "remedy":
            place = REMEDIES.index(rule.tip.id)
            rotation = (place - turn) % len(REMEDIES)
            return (TIER_ORDER[rule.tier], shown.get(rule.tip.id, never), rotation, number)
        return (TIER_ORDER[rule.tier], not rule.preferred(inp), region, number)

    return [rule for _, rule in sorted(enumerate(rules), key=key)]


def _pick(inp: AdviceInput, rules: list[Rule], limit: int) -> list[Tip]:
    chosen: list[Tip] = []
    seen: set[str] = set()
    lead = False
    for rule in _order(inp, rules):
        if rule.tip.id in seen or (rule.tier == "lead" and lead):
            continue
        seen.add(rule.tip.id)
        lead = lead or rule.tier == "lead"
        chosen.append(_fill(rule, inp))
        if len(chosen) == limit:
            break
    return chosen


def advise(inp: AdviceInput) -> Advice:
    """The specialist message when one is needed, then Today's and the next run's tips."""
    applying = [rule for rule in RULES if rule.applies(inp)]
    specialist = next((r for r in applying if r.tier == "specialist"), None)
    if specialist is not None:
        gentle = [r for r in applying if r.tier == "gentle"]
        if specialist.tip.urgency == "emergency":
            gentle = []
        return Advice(_fill(specialist, inp), _pick(inp, gentle, MAX_WITH_SPECIALIST), [])
    today = [r for r in applying if r.section == "today" and r.tier != "gentle"]
    next_run = [r for r in applying if r.section == "next_run"]
    return Advice(None, _pick(inp, today, MAX_TODAY), _pick(inp, next_run, MAX_NEXT_RUN))


def _tip_dict(tip: Tip) -> dict[str, str]:
    """One tip for scripts; its ``why`` is the finding and its source, one sentence."""
    return {"id": tip.id, "title": tip.title, "text": tip.text, "why": tip.why}


def advice_dict(advice: Advice, entry_id: str | None) -> dict[str, Any]:
    """The advice as plain data: ``{"id", "specialist", "today", "next_run"}``, for scripts.

    The specialist's ``urgency`` is ``"emergency"`` (call emergency services now),
    ``"urgent"`` (a doctor today) or ``"soon"``."""
    specialist = advice.specialist
    return {
        "id": entry_id,
        "specialist": None if specialist is None else {
            "urgency": specialist.urgency or "soon", "reason": specialist.reason,
        },
        "today": [_tip_dict(tip) for tip in advice.today],
        "next_run": [_tip_dict(tip) for tip in advice.next_run],
    }
