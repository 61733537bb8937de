"""Recovery advice: every rule can fire, the list stays short, and worrying soreness is named."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from coach.scales import REGION_KEYS
from coach.soreness.advice import (
    DISCLAIMER,
    MAX_TIPS,
    RULES,
    Advice,
    AdviceInput,
    PastRating,
    Rule,
    advise,
    region_words,
)

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)


def make(**values: Any) -> AdviceInput:
    """An input where the session went by the book, changed only where a test says so."""
    fields: dict[str, Any] = {"overall": 0, "cooldown": "done", "warmup": "done", "now": NOW}
    fields.update(values)
    return AdviceInput(**fields)


def past(hours_ago: float, overall: int = 0, **regions: int) -> PastRating:
    return PastRating(at=NOW - timedelta(hours=hours_ago), overall=overall, regions=regions)


def tip_ids(advice: Advice) -> list[str]:
    return [tip.id for tip in advice.tips]


def rule(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


CASES: Mapping[str, AdviceInput] = {
    "severe-now": make(overall=5, regions={"calves": 8}),
    "sore-three-in-a-row": make(
        overall=4, regions={"knees": 5}, history=[past(24, knees=5), past(48, knees=6)]
    ),
    "sore-beyond-72h": make(overall=4, regions={"shins": 6}, history=[past(80, shins=5)]),
    "no-soreness": make(overall=0),
    "first-run-after-break": make(overall=3, history=[past(24 * 20, overall=1)]),
    "mild-soreness": make(overall=2),
    "cooldown-missed": make(overall=4, cooldown="skipped"),
    "hard-effort": make(overall=1, effort=9, run_minutes=20),
    "high-load": make(overall=2, effort=6, run_minutes=90),
    "warmup-missed": make(overall=3, warmup="none"),
    "high-overall-water": make(overall=6),
    "sore-legs-massage": make(overall=3, regions={"calves": 4}),
    "sore-feet-shoes": make(overall=3, regions={"feet": 4}),
    "sore-shins-knees-shoes": make(overall=3, regions={"shins": 4}),
    "hard-surface": make(overall=3, regions={"feet": 4}),
    "joint-technique": make(overall=3, regions={"ankles": 4}),
    "flat-feet": make(overall=3, regions={"feet": 4}),
    "tired-feet": make(overall=3, regions={"feet": 4}),
    "downhill-control": make(overall=3, regions={"knees": 4}),
    "old-sprain": make(overall=3, regions={"ankles": 4}),
    "high-overall-heat": make(overall=6),
    "high-overall-bike": make(overall=6),
    "high-overall-food": make(overall=6),
    "sore-contrast-shower": make(overall=4),
    "sore-keep-moving": make(overall=2, regions={"lower_back": 4}),
}
"""For every rule, answers that make it fire and its tip show."""


# --- the rules as data -------------------------------------------------------------------


def test_rule_ids_are_unique() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


def test_every_rule_has_a_case_that_triggers_it() -> None:
    assert {r.id for r in RULES} == set(CASES)


def test_tips_sharing_an_id_are_the_same_tip() -> None:
    by_id: dict[str, Any] = {}
    for r in RULES:
        assert by_id.setdefault(r.tip.id, r.tip) == r.tip


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_fires_and_its_tip_is_shown(rule_id: str) -> None:
    r = rule(rule_id)
    inp = CASES[rule_id]
    assert r.applies(inp)
    advice = advise(inp)
    if r.tip.kind == "specialist":
        assert advice.specialist is not None
        assert advice.specialist.id == r.tip.id
    else:
        assert r.tip.id in tip_ids(advice)


@pytest.mark.parametrize("rule_id", list(CASES))
def test_shown_text_is_short_and_filled_in(rule_id: str) -> None:
    advice = advise(CASES[rule_id])
    shown = [*advice.tips, *([advice.specialist] if advice.specialist else [])]
    for tip in shown:
        assert "{" not in tip.title + tip.text
        assert 0 < len(tip.title) <= 60
        assert 0 < len(tip.text) <= 200
        assert tip.text.count(". ") + tip.text.count("! ") <= 1, "one or two sentences"


def test_specialist_tips_never_land_in_the_tip_list() -> None:
    for inp in CASES.values():
        assert all(tip.kind == "tip" for tip in advise(inp).tips)


# --- ordering, cap, de-duplication -------------------------------------------------------


def test_tips_follow_rule_priority() -> None:
    inp = make(overall=6, cooldown="skipped", warmup="skipped", effort=8, run_minutes=70)
    order: dict[str, int] = {}
    for position, r in enumerate(RULES):
        order.setdefault(r.tip.id, position)
    ids = tip_ids(advise(inp))
    assert ids == sorted(ids, key=order.__getitem__)
    assert ids[:3] == ["walk-it-off", "easy-day", "warm-up-first"]


def test_no_more_than_the_cap_even_when_everything_applies() -> None:
    inp = make(
        overall=7,
        regions={key: 7 for key in REGION_KEYS},
        cooldown="skipped",
        warmup="skipped",
        effort=9,
        run_minutes=120,
    )
    applying = {r.tip.id for r in RULES if r.tip.kind == "tip" and r.applies(inp)}
    assert len(applying) > MAX_TIPS
    assert len(advise(inp).tips) == MAX_TIPS


def test_a_tip_from_two_rules_is_shown_once() -> None:
    inp = make(overall=1, effort=9, run_minutes=60)
    assert rule("hard-effort").applies(inp) and rule("high-load").applies(inp)
    assert tip_ids(advise(inp)).count("easy-day") == 1


def test_shoes_tip_for_feet_and_shins_is_shown_once() -> None:
    inp = make(overall=3, regions={"feet": 4, "shins": 4})
    assert rule("sore-feet-shoes").applies(inp) and rule("sore-shins-knees-shoes").applies(inp)
    assert tip_ids(advise(inp)).count("cushioned-shoes") == 1


def test_shown_tips_are_always_distinct() -> None:
    for inp in CASES.values():
        ids = tip_ids(advise(inp))
        assert len(ids) == len(set(ids))


def test_massage_names_the_sore_muscles() -> None:
    advice = advise(make(overall=3, regions={"calves": 5, "hamstrings": 4}))
    massage = next(tip for tip in advice.tips if tip.id == "self-massage")
    assert "calves and hamstrings" in massage.text


def test_massage_for_overall_soreness_talks_about_legs() -> None:
    advice = advise(make(overall=4))
    massage = next(tip for tip in advice.tips if tip.id == "self-massage")
    assert "your legs" in massage.text


def test_named_sore_feet_get_foot_tips_rather_than_a_leg_rub() -> None:
    ids = tip_ids(advise(make(overall=4, regions={"feet": 5})))
    assert "self-massage" not in ids
    assert "cooling-gel" in ids


# --- soreness levels ---------------------------------------------------------------------


def test_zero_soreness_gets_only_the_positive_note() -> None:
    advice = advise(make(overall=0, cooldown="skipped", warmup="none"))
    assert tip_ids(advice) == ["all-good"]
    assert advice.specialist is None


def test_zero_soreness_after_a_very_hard_run_still_suggests_an_easy_day() -> None:
    assert tip_ids(advise(make(overall=0, effort=9, run_minutes=40))) == ["all-good", "easy-day"]


def test_zero_means_every_region_too() -> None:
    assert "all-good" not in tip_ids(advise(make(overall=0, regions={"knees": 3})))


def test_skipped_cool_down_without_soreness_gets_no_lecture() -> None:
    assert "walk-it-off" not in tip_ids(advise(make(overall=2, cooldown="skipped")))


def test_cool_down_absent_from_the_routine_counts_like_skipped() -> None:
    assert "walk-it-off" in tip_ids(advise(make(overall=5, cooldown="none")))
    assert "walk-it-off" not in tip_ids(advise(make(overall=5, cooldown="done")))


def test_whole_body_recovery_starts_at_quite_sore() -> None:
    assert "warm-bath" not in tip_ids(advise(make(overall=5)))
    assert "warm-bath" in tip_ids(advise(make(overall=6)))


def test_some_tips_even_for_soreness_no_rule_names() -> None:
    assert tip_ids(advise(make(overall=3, regions={"lower_back": 5}))) == ["easy-bike"]


# --- effort and load ---------------------------------------------------------------------


def test_missing_effort_or_minutes_never_guesses_a_load() -> None:
    for inp in (
        make(overall=3, effort=None, run_minutes=240),
        make(overall=3, effort=7, run_minutes=None),
        make(overall=3),
    ):
        assert "easy-day" not in tip_ids(advise(inp))


def test_very_hard_effort_counts_without_minutes() -> None:
    assert "easy-day" in tip_ids(advise(make(overall=3, effort=8, run_minutes=None)))


def test_long_easy_run_is_a_high_load() -> None:
    assert "easy-day" in tip_ids(advise(make(overall=2, effort=4, run_minutes=120)))
    assert "easy-day" not in tip_ids(advise(make(overall=2, effort=4, run_minutes=60)))


# --- specialist --------------------------------------------------------------------------


def test_severe_overall_names_the_legs() -> None:
    advice = advise(make(overall=9))
    assert advice.specialist is not None
    assert advice.specialist.id == "specialist-severe"
    assert "legs" in advice.specialist.title
    assert "physiotherapist" in advice.specialist.text


def test_severe_region_is_named_rather_than_legs() -> None:
    advice = advise(make(overall=8, regions={"knees": 9, "calves": 8}))
    assert advice.specialist is not None
    assert "calves and knees" in advice.specialist.title
    assert "legs" not in advice.specialist.title


def test_just_below_severe_needs_no_specialist() -> None:
    assert advise(make(overall=7, regions={"calves": 7})).specialist is None


def test_three_check_ins_in_a_row_at_five_or_more() -> None:
    advice = advise(CASES["sore-three-in-a-row"])
    assert advice.specialist is not None
    assert advice.specialist.id == "specialist-persistent"
    assert "knees" in advice.specialist.title


def test_two_in_a_row_is_not_yet_a_pattern() -> None:
    inp = make(overall=4, regions={"knees": 5}, history=[past(24, knees=5)])
    assert advise(inp).specialist is None


def test_three_in_a_row_must_be_the_same_region() -> None:
    inp = make(overall=4, regions={"knees": 5}, history=[past(24, calves=5), past(48, knees=5)])
    assert advise(inp).specialist is None


def test_three_in_a_row_uses_the_latest_check_ins_whatever_their_order() -> None:
    history = [past(100, knees=5), past(30, knees=6), past(10, knees=5), past(60, knees=0)]
    advice = advise(make(overall=4, regions={"knees": 5}, history=history))
    assert advice.specialist is not None
    assert advice.specialist.id == "specialist-persistent"


def test_a_low_check_in_breaks_three_in_a_row() -> None:
    history = [past(10, knees=5), past(20, knees=2), past(30, knees=6)]
    assert advise(make(overall=4, regions={"knees": 5}, history=history)).specialist is None


def test_fading_now_breaks_three_in_a_row() -> None:
    inp = make(overall=3, regions={"knees": 4}, history=[past(24, knees=6), past(48, knees=6)])
    assert advise(inp).specialist is None


def test_sore_for_more_than_72_hours() -> None:
    advice = advise(CASES["sore-beyond-72h"])
    assert advice.specialist is not None
    assert advice.specialist.id == "specialist-lingering"
    assert "shins" in advice.specialist.text


def test_72_hours_exactly_is_not_more_than_72() -> None:
    inp = make(overall=4, regions={"shins": 6}, history=[past(72, shins=5)])
    assert advise(inp).specialist is None


def test_a_low_check_in_between_breaks_the_72_hours() -> None:
    history = [past(90, shins=6), past(40, shins=3)]
    assert advise(make(overall=4, regions={"shins": 6}, history=history)).specialist is None


def test_sore_check_ins_between_keep_the_72_hours_going() -> None:
    history = [past(90, shins=6), past(40, shins=5)]
    assert rule("sore-beyond-72h").applies(make(overall=4, regions={"shins": 6}, history=history))


def test_a_region_left_out_of_a_check_in_counts_as_zero() -> None:
    history = [past(90, shins=6), past(40, overall=3)]
    assert advise(make(overall=4, regions={"shins": 6}, history=history)).specialist is None


def test_overall_soreness_that_lingers_names_the_legs() -> None:
    advice = advise(make(overall=5, history=[past(80, overall=6)]))
    assert advice.specialist is not None
    assert "legs" in advice.specialist.text


def test_check_ins_after_now_are_ignored() -> None:
    future = PastRating(at=NOW + timedelta(hours=1), overall=0, regions={"shins": 0})
    history = [past(90, shins=6), future]
    advice = advise(make(overall=4, regions={"shins": 6}, history=history))
    assert advice.specialist is not None


def test_severe_comes_before_persistence() -> None:
    inp = make(overall=8, regions={"knees": 8}, history=[past(24, knees=6), past(48, knees=6)])
    advice = advise(inp)
    assert advice.specialist is not None
    assert advice.specialist.id == "specialist-severe"


def test_specialist_does_not_replace_the_tips() -> None:
    advice = advise(make(overall=9, cooldown="skipped"))
    assert advice.specialist is not None
    assert "walk-it-off" in tip_ids(advice)


# --- long break --------------------------------------------------------------------------


def test_no_history_is_not_a_long_break() -> None:
    assert "back-after-a-break" not in tip_ids(advise(make(overall=3)))


def test_a_recent_check_in_is_not_a_long_break() -> None:
    inp = make(overall=3, history=[past(24 * 3, overall=1)])
    assert "back-after-a-break" not in tip_ids(advise(inp))


def test_long_break_never_plays_down_soreness_that_needs_a_specialist() -> None:
    inp = make(overall=9, history=[past(24 * 30, overall=1)])
    assert "back-after-a-break" not in tip_ids(advise(inp))


# --- the wording around the tips ---------------------------------------------------------


def test_disclaimer_is_one_plain_line() -> None:
    advice = advise(make(overall=3))
    assert advice.disclaimer == DISCLAIMER
    assert "\n" not in DISCLAIMER
    assert "diagnosis" in DISCLAIMER
    assert "physiotherapist" in DISCLAIMER or "specialist" in DISCLAIMER


def test_every_region_has_words_for_a_sentence() -> None:
    for key in REGION_KEYS:
        assert region_words([key])


def test_region_words_join_like_a_sentence() -> None:
    assert region_words([]) == "legs"
    assert region_words(["calves"]) == "calves"
    assert region_words(["calves", "knees"]) == "calves and knees"
    assert region_words(["shins", "calves", "lower_back"]) == "shins, calves and lower back"


# --- input checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"overall": 11},
        {"overall": -1},
        {"regions": {"elbows": 3}},
        {"regions": {"calves": 12}},
        {"effort": 11},
        {"run_minutes": -5.0},
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
