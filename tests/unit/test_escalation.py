"""Escalation is judged by days on one region's dated ratings, never by counting check-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from coach.soreness import escalation as esc
from coach.soreness.inputs import OVERALL, AdviceInput, PastRating, PastRun

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)


def at(hours_ago: float, **regions: int) -> PastRating:
    return PastRating(NOW - timedelta(hours=hours_ago), regions.pop("overall", 0), regions)


def make(**values: Any) -> AdviceInput:
    fields: dict[str, Any] = {"overall": 0, "now": NOW, "zone": UTC}
    fields.update(values)
    return AdviceInput(**fields)


def test_many_check_ins_within_two_days_are_not_persistent() -> None:
    history = [at(hours, quads=6) for hours in (46, 40, 30, 20, 10, 2)]
    inp = make(overall=5, regions={"quads": 6}, history=history)
    assert esc.urgency(inp) is None


@pytest.mark.parametrize(("hours", "expected"), [(71.9, []), (72.0, ["calves"])])
def test_not_easing_starts_at_72_hours(hours: float, expected: list[str]) -> None:
    inp = make(overall=3, regions={"calves": 6}, history=[at(hours, calves=6)])
    assert esc.not_easing_regions(inp) == expected


@pytest.mark.parametrize(("peak", "expected"), [(7, []), (6, ["calves"])])
def test_easing_means_two_points_below_the_peak(peak: int, expected: list[str]) -> None:
    inp = make(overall=3, regions={"calves": 5}, history=[at(90, calves=peak)])
    assert esc.not_easing_regions(inp) == expected


@pytest.mark.parametrize(("days", "expected"), [(4.9, []), (5.0, ["knees"])])
def test_still_sore_starts_at_five_days(days: float, expected: list[str]) -> None:
    history = [at(24 * days, knees=8), at(24 * 2, knees=6)]
    inp = make(overall=3, regions={"knees": 5}, history=history)
    assert esc.still_sore_regions(inp) == expected


def test_a_spell_begins_at_its_first_rating_of_five_or_more() -> None:
    history = [at(100, hips=3), at(70, hips=6), at(30, hips=7)]
    spell = esc.episode(make(overall=2, regions={"hips": 6}, history=history), "hips")
    assert spell is not None
    assert (spell.onset, spell.peak, spell.current) == (NOW - timedelta(hours=70), 7, 6)
    assert not spell.eased


def test_a_long_gap_starts_a_new_spell() -> None:
    history = [at(24 * 9, shins=6)]
    spell = esc.episode(make(overall=2, regions={"shins": 6}, history=history), "shins")
    assert spell is not None and spell.onset == NOW


def test_ratings_after_now_are_ignored() -> None:
    history = [at(-24, calves=9), at(-100, calves=9)]
    assert esc.urgency(make(overall=2, regions={"calves": 6}, history=history)) is None


def test_overall_stands_in_only_when_no_region_qualifies() -> None:
    history = [at(80, overall=6, quads=6)]
    inp = make(overall=6, regions={"quads": 6}, history=history)
    assert esc.not_easing_regions(inp) == ["quads"]
    only_overall = make(overall=6, history=[at(80, overall=6)])
    assert esc.not_easing_regions(only_overall) == [OVERALL]


@pytest.mark.parametrize("region", esc.JOINT_AND_BONE)
def test_eight_in_a_joint_or_bone_is_severe_now(region: str) -> None:
    assert esc.severe_joint_regions(make(overall=2, regions={region: 8})) == [region]
    assert esc.severe_joint_regions(make(overall=2, regions={region: 7})) == []
    assert esc.urgency(make(overall=2, regions={region: 8})) == "soon"


@pytest.mark.parametrize("region", ["calves", "quads", "hamstrings"])
def test_eight_in_muscles_is_not_a_specialist_at_once(region: str) -> None:
    inp = make(overall=2, regions={region: 10})
    assert esc.severe_muscle_regions(inp) == [region]
    assert esc.urgency(inp) is None


def test_a_swollen_warm_calf_is_urgent() -> None:
    assert esc.urgency(make(flags=["calf-swollen-warm"])) == "urgent"
    assert esc.urgency(make(flags=["bone-tender", "swelling"])) == "soon"
    assert esc.urgent_signs(make(flags=["swelling", "calf-swollen-warm"])) == [
        "calf-swollen-warm", "swelling",
    ]
    assert esc.warning_signs(make(flags=["swelling", "sharp-pain"])) == [
        "sharp-pain", "swelling",
    ]


def test_a_run_between_ratings_ends_the_spell() -> None:
    history = [at(24 * 6, calves=6), at(24 * 3, calves=6)]
    joined = make(overall=3, regions={"calves": 6}, history=history)
    assert esc.still_sore_regions(joined) == ["calves"]
    run_between = make(overall=3, regions={"calves": 6}, history=history,
                       runs=[PastRun(NOW - timedelta(days=4), 40)])
    assert esc.still_sore_regions(run_between) == []
    assert esc.spell(run_between).began == NOW - timedelta(days=4)


def test_a_rating_right_after_a_run_begins_a_new_spell() -> None:
    history = [at(24 * 6, calves=6), at(24 * 3, calves=6)]
    inp = make(overall=3, regions={"calves": 6}, history=history, run_minutes=40)
    assert esc.spell(inp).ratings == () and esc.urgency(inp) is None


def test_a_rise_is_judged_only_after_a_known_run() -> None:
    history = [at(24 * 4, calves=3), at(24 * 1, calves=2)]
    unknown = make(overall=3, regions={"calves": 5}, history=history)
    assert esc.rising_regions(unknown) == []
    after_run = make(overall=3, regions={"calves": 5}, history=history,
                     runs=[PastRun(NOW - timedelta(days=4, hours=1), 40)])
    assert esc.rising_regions(after_run) == ["calves"]
    small = make(overall=3, regions={"calves": 3}, history=history,
                 runs=[PastRun(NOW - timedelta(days=4, hours=1), 40)])
    assert esc.rising_regions(small) == []


def test_emergency_signs_come_before_urgent_ones() -> None:
    inp = make(flags=["calf-swollen-warm", "saddle-numbness", "swelling"])
    assert esc.urgency(inp) == "emergency"
    assert esc.urgent_signs(inp) == ["saddle-numbness", "calf-swollen-warm", "swelling"]
