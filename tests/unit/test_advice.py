"""Recovery advice over dated histories: normal soreness is reassured, warning signs and
soreness that will not ease go to a specialist first, and every tip says why."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from coach.record.scales import REGION_KEYS, WARNING_SIGN_KEYS, WARNING_SIGN_LABELS
from coach.soreness.advice import (
    DISCLAIMER,
    MAX_NEXT_RUN,
    MAX_TODAY,
    MAX_WITH_SPECIALIST,
    RULES,
    Advice,
    AdviceInput,
    PastRating,
    advice_dict,
    advise,
    region_words,
)
from coach.soreness.tips import CATALOG, TIPS
from coach.soreness.words import WORDS

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)
SEEN = (PastRating(NOW - timedelta(days=3), 0),)
"""One quiet check-in three days ago: not a first check-in, not after a break."""


def make(**values: Any) -> AdviceInput:
    """An input where the session went by the book, changed only where a test says so."""
    fields: dict[str, Any] = {
        "overall": 0, "cooldown": "done", "warmup": "done", "now": NOW, "zone": UTC,
        "history": SEEN,
    }
    fields.update(values)
    return AdviceInput(**fields)


def past(hours_ago: float, overall: int = 0, *, minutes: float | None = None,
         ran: bool = False, advice: Sequence[str] = (), **regions: int) -> PastRating:
    return PastRating(NOW - timedelta(hours=hours_ago), overall, regions, run_minutes=minutes,
                      ran=ran, advice=tuple(advice))


def ids(tips: Sequence[Any]) -> list[str]:
    return [tip.id for tip in tips]


@dataclass(frozen=True)
class Case:
    inp: AdviceInput
    specialist: str | None = None
    urgency: str | None = None
    today: Sequence[str] = ()
    """Tip ids that must be among Today's."""
    next_run: Sequence[str] = ()
    absent: Sequence[str] = field(default=())
    """Tip ids that must not be shown at all."""


DATED: dict[str, Case] = {
    "normal DOMS at its peak (5/6/5 over two days)": Case(
        make(overall=4, regions={"quads": 5},
             history=[past(48, 4, quads=5), past(24, 5, quads=6)]),
        today=["normal-soreness"], next_run=["downhill-quads"],
    ),
    "easing over four days (7, 6, 5)": Case(
        make(overall=4, regions={"quads": 5},
             history=[past(96, 6, quads=7), past(48, 5, quads=6)]),
        today=["normal-soreness"],
    ),
    "eased to mild": Case(
        make(overall=2, regions={"calves": 2},
             history=[past(72, 5, calves=6), past(24, 3, calves=4)]),
        today=["mild-is-normal"],
    ),
    "eased by 2 after 72 h": Case(
        make(overall=4, regions={"calves": 5}, history=[past(80, 6, calves=7)]),
        today=["normal-soreness"],
    ),
    "not easing after 72 h": Case(
        make(overall=5, regions={"calves": 6},
             history=[past(80, 5, calves=6), past(40, 5, calves=6)]),
        specialist="specialist-not-easing", urgency="soon",
    ),
    "not easing for a week": Case(
        make(overall=5, regions={"quads": 6},
             history=[past(24 * d, 5, quads=6) for d in (7, 5, 3, 1)]),
        specialist="specialist-still-sore", urgency="soon",
    ),
    "still 5 after 5 days though easing": Case(
        make(overall=4, regions={"hamstrings": 5},
             history=[past(24 * 5, 6, hamstrings=8), past(24 * 3, 5, hamstrings=6)]),
        specialist="specialist-still-sore", urgency="soon",
    ),
    "legs overall, not easing": Case(
        make(overall=6, history=[past(90, 6), past(45, 6)]),
        specialist="specialist-not-easing",
    ),
    "a dip in between is a new spell": Case(
        make(overall=5, regions={"calves": 6},
             history=[past(100, 5, calves=6), past(50, 2, calves=2)]),
        today=["normal-soreness"],
    ),
    "weeks apart is a new spell": Case(
        make(overall=5, regions={"knees": 6}, history=[past(24 * 20, 5, knees=6)]),
        today=["back-after-a-break"],
    ),
    "first check-in": Case(
        make(overall=3, history=()), today=["first-check-in"], absent=["normal-soreness"],
    ),
    "first check-in, nothing sore": Case(
        make(overall=0, history=()), today=["all-good"], absent=["first-check-in"],
    ),
    "long break": Case(
        make(overall=3, history=[past(24 * 20, 1)]), today=["back-after-a-break"],
    ),
    "downhill quads": Case(
        make(overall=3, regions={"quads": 4}), next_run=["downhill-quads"],
    ),
    "shins: check the bone, build up slowly": Case(
        make(overall=3, regions={"shins": 4}),
        today=["shin-bone-check"], next_run=["shin-build-up"],
    ),
    "Achilles: slow calf raises": Case(
        make(overall=3, regions={"ankles": 4}), next_run=["achilles-raises"],
    ),
    "knees: shorter steps": Case(
        make(overall=3, regions={"knees": 4}), next_run=["knee-steps"],
    ),
    "lower back: keep moving": Case(
        make(overall=3, regions={"lower_back": 4}), today=["back-keep-moving"],
    ),
    "heel pain in the morning": Case(
        make(overall=3, regions={"feet": 4}, now=NOW.replace(hour=7)),
        today=["morning-heel"], next_run=["cushioned-shoes"],
    ),
    "sore feet in the evening": Case(
        make(overall=3, regions={"feet": 4}), today=["cooling-gel"], absent=["morning-heel"],
    ),
    "several days in a row": Case(
        make(overall=4, ran=True,
             history=[past(24 * d, 2, ran=True) for d in (1, 2, 3)]),
        next_run=["rest-day"],
    ),
    "a single-run spike": Case(
        make(overall=2, run_minutes=70, effort=4,
             history=[past(24 * 10, 1, minutes=60, ran=True)]),
        next_run=["load-spike"],
    ),
    "a very hard run": Case(make(overall=2, effort=8, run_minutes=40), next_run=["easy-day"]),
}

SEVERE_JOINTS = ("feet", "ankles", "shins", "knees", "lower_back")
SEVERE_MUSCLES = ("calves", "quads", "hamstrings", "hips")
"""Hips/glutes are rated as the glute muscles: 8 there is rest, like any muscle."""


def check(case: Case, advice: Advice) -> None:
    shown = advice.ids
    if case.specialist is None:
        assert advice.specialist is None, advice.specialist
    else:
        assert advice.specialist is not None and advice.specialist.id == case.specialist
        if case.urgency is not None:
            assert advice.specialist.urgency == case.urgency
    for tip_id in case.today:
        assert tip_id in ids(advice.today), (tip_id, shown)
    for tip_id in case.next_run:
        assert tip_id in ids(advice.next_run), (tip_id, shown)
    for tip_id in case.absent:
        assert tip_id not in shown, (tip_id, shown)


@pytest.mark.parametrize("name", list(DATED))
def test_dated_history(name: str) -> None:
    case = DATED[name]
    check(case, advise(case.inp))


@pytest.mark.parametrize("region", SEVERE_JOINTS)
def test_severe_in_a_joint_the_feet_or_the_shins_means_a_specialist(region: str) -> None:
    advice = advise(make(overall=5, regions={region: 8}))
    assert advice.specialist is not None
    assert (advice.specialist.id, advice.specialist.urgency) == ("specialist-severe", "soon")
    assert WORDS[region] in advice.specialist.title
    assert len(advice.tips) <= MAX_WITH_SPECIALIST and not advice.next_run


@pytest.mark.parametrize("region", SEVERE_MUSCLES)
def test_severe_in_muscles_means_rest_and_watch(region: str) -> None:
    advice = advise(make(overall=5, regions={region: 9}))
    assert advice.specialist is None
    assert advice.today[0].id == "rest-severe"
    assert WORDS[region] in advice.today[0].text
    assert "2–3 days" in advice.today[0].text


def test_severe_muscles_not_easing_in_three_days_go_to_a_specialist() -> None:
    history = [past(76, 7, quads=9), past(50, 7, quads=8)]
    advice = advise(make(overall=7, regions={"quads": 8}, history=history))
    assert advice.specialist is not None and advice.specialist.id == "specialist-not-easing"


def test_severe_overall_alone_is_rest_for_the_legs() -> None:
    advice = advise(make(overall=9))
    assert advice.specialist is None
    assert advice.today[0].id == "rest-severe" and "legs" in advice.today[0].text


@pytest.mark.parametrize("sign", WARNING_SIGN_KEYS)
def test_each_warning_sign_alone_goes_to_a_specialist_first(sign: str) -> None:
    advice = advise(make(overall=1, flags=[sign]))
    assert advice.specialist is not None
    named = "dark, cola-coloured urine" if sign == "dark-urine" else WORDS[sign]
    assert named in advice.specialist.text
    expected = {"calf-swollen-warm": "urgent", "dark-urine": "urgent",
                "saddle-numbness": "emergency"}.get(sign, "soon")
    assert advice.specialist.urgency == expected
    assert len(advice.today) <= MAX_WITH_SPECIALIST and advice.next_run == []
    assert set(ids(advice.today)) <= {"rest-until-checked", "drink-water"}
    assert advice.ids[0] == advice.specialist.id


def test_an_urgent_calf_names_the_other_signs_too() -> None:
    advice = advise(make(overall=3, flags=["sharp-pain", "calf-swollen-warm"]))
    assert advice.specialist is not None and advice.specialist.urgency == "urgent"
    text = advice.specialist.text
    assert "today" in text and "massage" in text
    assert text.index("calf") < text.index("sharp")


def test_a_specialist_comes_with_at_most_two_gentle_tips() -> None:
    noisy = make(overall=9, regions={"knees": 9, "feet": 6, "calves": 7}, cooldown="skipped",
                 warmup="skipped", effort=10, run_minutes=150,
                 history=[past(24 * 8, 2, minutes=60, ran=True)])
    advice = advise(noisy)
    assert advice.specialist is not None
    assert 1 <= len(advice.tips) <= MAX_WITH_SPECIALIST
    assert {tip.id for tip in advice.tips} <= {"rest-until-checked", "drink-water"}
    contradicting = {"easy-bike", "contrast-shower", "walk-it-off", "self-massage"}
    assert not contradicting & set(advice.ids)


@pytest.mark.parametrize(
    "inp",
    [
        make(overall=6, regions={key: 6 for key in ("calves", "quads", "feet", "shins",
                                                      "knees", "hips", "lower_back")},
             effort=8, run_minutes=100, cooldown="skipped", warmup="skipped",
             history=[past(24 * 8, 1, minutes=60, ran=True)]),
        make(overall=4, regions={"quads": 5, "calves": 5, "hamstrings": 4}, run_minutes=70),
    ],
)
def test_sections_stay_short_with_one_lead_line(inp: AdviceInput) -> None:
    advice = advise(inp)
    assert advice.specialist is None
    assert len(advice.today) == MAX_TODAY and len(advice.next_run) == MAX_NEXT_RUN
    leads = {"rest-severe", "first-check-in", "back-after-a-break", "normal-soreness",
             "mild-is-normal", "all-good"}
    assert len(leads & set(ids(advice.today))) == 1
    assert len(set(advice.ids)) == len(advice.ids)


def test_the_sorer_region_gets_the_next_run_tip_first() -> None:
    advice = advise(make(overall=4, regions={"quads": 3, "knees": 6, "shins": 4}))
    assert ids(advice.next_run) == ["knee-steps", "shin-build-up"]


def test_remedies_take_turns_from_day_to_day() -> None:
    seen: set[str] = set()
    for day in range(14):
        advice = advise(make(overall=6, now=NOW + timedelta(days=day),
                             history=[past(-24 * day + 24 * 3, 0)]))
        seen.update(advice.ids)
    for remedy in ("warm-bath", "easy-bike", "contrast-shower", "potassium-calcium",
                   "drink-water", "self-massage"):
        assert remedy in seen, remedy


def test_a_remedy_shown_yesterday_waits_its_turn() -> None:
    plain = advise(make(overall=5))
    remedy = next(tip.id for tip in plain.today[2:])
    history = [past(24, 2, advice=[remedy])]
    assert remedy not in advise(make(overall=5, history=history)).ids


def test_a_long_or_hard_run_earns_remedies_even_when_nothing_hurts() -> None:
    advice = advise(make(overall=0, run_minutes=95, effort=5))
    assert ids(advice.today)[0] == "all-good"
    remedies = {"warm-bath", "contrast-shower", "potassium-calcium", "drink-water",
                "self-massage"}
    assert remedies & set(ids(advice.today))


def test_spike_needs_a_run_in_the_previous_30_days() -> None:
    old = [past(24 * 40, 1, minutes=30, ran=True)]
    assert "load-spike" not in advise(make(overall=1, run_minutes=90, history=old)).ids
    close = [past(24 * 10, 1, minutes=60, ran=True)]
    assert "load-spike" not in advise(make(overall=1, run_minutes=66, history=close)).ids
    assert "load-spike" in advise(make(overall=1, run_minutes=66.5, history=close)).ids


def test_cool_down_tip_only_when_the_walk_was_skipped() -> None:
    assert "walk-it-off" in advise(make(overall=4, cooldown="skipped")).ids
    assert "walk-it-off" not in advise(make(overall=4, cooldown="done")).ids


# --- every rule, every tip -------------------------------------------------------------------


REACH: dict[str, AdviceInput] = {
    "emergency-sign": make(flags=["saddle-numbness"]),
    "urgent-sign": make(flags=["calf-swollen-warm"]),
    "muscle-breakdown": make(overall=9, effort=8, run_minutes=50),
    "rising": make(overall=5, history=[past(100, 3, ran=True), past(76, 2)]),
    "keep-it-up": make(overall=0, history=[past(20, 3, ran=True)]),
    "cold-water": make(overall=4, effort=8, run_minutes=40),
    "warning-sign": make(flags=["swelling"]),
    "severe-joint": make(overall=4, regions={"knees": 8}),
    "still-sore": DATED["not easing for a week"].inp,
    "not-easing": DATED["not easing after 72 h"].inp,
    "gentle-rest": make(flags=["swelling"]),
    "gentle-water": make(flags=["swelling"]),
    "severe-muscles": make(overall=8),
    "first-check-in": make(overall=2, history=()),
    "long-break": DATED["long break"].inp,
    "normal-soreness": make(overall=4),
    "mild-soreness": make(overall=2),
    "no-soreness": make(overall=0),
    "shins-sore": make(overall=3, regions={"shins": 4}),
    "morning-heel": DATED["heel pain in the morning"].inp,
    "lower-back-sore": make(overall=3, regions={"lower_back": 4}),
    "sore-muscles-massage": make(overall=3, regions={"calves": 4}),
    "sore-feet-gel": make(overall=3, regions={"feet": 4}),
    "contrast-shower": make(overall=4),
    "warm-bath": make(overall=4),
    "easy-bike": make(overall=4),
    "refuel": make(overall=4),
    "fluids": make(overall=5),
    "load-spike": DATED["a single-run spike"].inp,
    "days-in-a-row": DATED["several days in a row"].inp,
    "hard-effort": make(overall=1, effort=9),
    "quads-downhill": make(overall=3, regions={"quads": 4}),
    "knees-steps": make(overall=3, regions={"knees": 4}),
    "shins-build-up": make(overall=3, regions={"shins": 4}),
    "achilles-raises": make(overall=3, regions={"ankles": 4}),
    "feet-shoes": make(overall=3, regions={"feet": 4}),
    "hips-back-strength": make(overall=3, regions={"hips": 4}),
    "warmup-missed": make(overall=3, warmup="skipped"),
    "cooldown-skipped": make(overall=2, cooldown="skipped"),
    "hard-surface": make(overall=3, regions={"knees": 4}),
    "stretch-comfort": make(overall=3),
}
"""For every rule, answers it applies to."""


def test_rule_ids_are_unique_and_every_rule_is_listed_here() -> None:
    rule_ids = [rule.id for rule in RULES]
    assert len(rule_ids) == len(set(rule_ids))
    assert set(rule_ids) == set(REACH)


@pytest.mark.parametrize("rule_id", list(REACH))
def test_every_rule_applies_somewhere(rule_id: str) -> None:
    rule = next(r for r in RULES if r.id == rule_id)
    assert rule.applies(REACH[rule_id])


def test_every_tip_a_rule_gives_is_in_the_catalog() -> None:
    for rule in RULES:
        assert CATALOG[rule.tip.id] == rule.tip
    assert {rule.tip.id for rule in RULES} == set(CATALOG)


@pytest.mark.parametrize("tip", TIPS, ids=lambda tip: tip.id)
def test_every_tip_has_a_why_and_a_source(tip: Any) -> None:
    assert tip.finding.strip() and tip.source.strip()
    assert tip.source in tip.why and tip.finding in tip.why
    assert "\n" not in tip.why
    assert ". " not in tip.finding and not tip.finding.endswith("."), "one sentence of why"
    assert re.search(r"\b(19|20)\d\d\b|\w\.(uk|org|gov)\b|source article", tip.source)


@pytest.mark.parametrize("tip", TIPS, ids=lambda tip: tip.id)
def test_no_tip_claims_more_than_the_evidence(tip: Any) -> None:
    words = f"{tip.title} {tip.text} {tip.finding}".lower()
    for claim in ("lactic", "complain less", "injuries come easier", "heel to toe",
                  "danger zone", "easy week", "prevents soreness", "so legs"):
        assert claim not in words, claim
    if "stretch" in tip.id or tip.id == "walk-it-off":
        assert "soreness" in words  # says plainly what it does not do for soreness


def test_specialist_messages_name_a_doctor_or_physiotherapist() -> None:
    for tip in TIPS:
        if tip.kind == "specialist":
            assert tip.urgency in ("emergency", "urgent", "soon")
            assert "doctor" in tip.text or "physiotherapist" in tip.text or (
                tip.urgency == "emergency" and "call emergency services" in tip.text)


def test_the_disclaimer_lists_every_sign_in_one_line() -> None:
    assert "\n" not in DISCLAIMER and "diagnosis" in DISCLAIMER
    for phrase in ("sharp pain", "swelling", "at night", "worsens as you run", "limp",
                   "numbness", "tender spot on a bone", "locks or gives way",
                   "swollen, warm, red calf", "today", "dark urine", "breathlessness or chest pain",
                   "numbness between the legs", "bladder or bowel", "call emergency services now"):
        assert phrase in DISCLAIMER, phrase
    assert len(WARNING_SIGN_LABELS) == 10


def test_advice_as_data_has_exactly_the_promised_keys() -> None:
    data = advice_dict(advise(make(overall=4, regions={"knees": 4})), "abc")
    assert list(data) == ["id", "specialist", "today", "next_run"]
    assert data["id"] == "abc" and data["specialist"] is None
    for tip in [*data["today"], *data["next_run"]]:
        assert list(tip) == ["id", "title", "text", "why"]
        assert all(isinstance(value, str) and value for value in tip.values())
    urgent = advice_dict(advise(make(flags=["calf-swollen-warm"])), None)
    assert list(urgent["specialist"]) == ["urgency", "reason"]
    assert urgent["specialist"]["urgency"] == "urgent"
    assert urgent["next_run"] == []


def test_filled_tips_leave_no_placeholder() -> None:
    for inp in REACH.values():
        for tip in [*advise(inp).tips, *filter(None, [advise(inp).specialist])]:
            assert "{" not in tip.title + tip.text, tip.id


# --- words and input checks ----------------------------------------------------------------


def test_every_region_and_sign_has_words_for_a_sentence() -> None:
    for key in (*REGION_KEYS, *WARNING_SIGN_KEYS):
        assert region_words([key])


def test_region_words_join_like_a_sentence() -> None:
    assert region_words([]) == "legs"
    assert region_words(["calves"]) == "calves"
    assert region_words(["calves", "knees"]) == "calves and knees"
    assert region_words(["shins", "calves", "lower_back"]) == "shins, calves and lower back"


@pytest.mark.parametrize(
    "values",
    [
        {"overall": 11},
        {"overall": -1},
        {"overall": True},
        {"regions": {"elbows": 3}},
        {"regions": {"calves": 12}},
        {"flags": ["sore"]},
        {"effort": 11},
        {"run_minutes": -5.0},
        {"run_minutes": float("nan")},
        {"cooldown": "maybe"},
        {"now": datetime(2024, 5, 10, 18, 0)},
        {"history": [PastRating(at=datetime(2024, 5, 9), overall=3)]},
    ],
)
def test_impossible_answers_are_refused(values: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        make(**values)


def test_advice_never_imports_textual() -> None:
    code = "import sys, coach.soreness.advice; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
