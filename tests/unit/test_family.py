"""Comparisons shown together are judged together; intervals allow for runs close in time;
one planner; tiny samples with no spread never give a verdict."""

from __future__ import annotations

import random

import pytest

from coach.insights import plan, stats
from coach.insights.estimates import estimate, serial_of
from coach.insights.family import holm, judge, shown


def test_holm_steps_down_and_stops_at_the_first_failure() -> None:
    # m = 4: 0.01 <= 0.05/4, 0.015 <= 0.05/3, 0.03 > 0.05/2: stop; 0.04 is not tested.
    assert holm([0.03, 0.01, 0.04, 0.015]) == [False, True, False, True]
    assert holm([0.001, 0.02, 0.03, 0.04]) == [True, False, False, False]
    assert holm([0.01, 0.02, 0.03, 0.04], alpha=0.2) == [True, True, True, True]
    assert holm([]) == []


def _rows(effect: float, n: int, seed: int) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    return ([4 + effect + rng.gauss(0, 1.5) for _ in range(n)],
            [4 + rng.gauss(0, 1.5) for _ in range(n)])


def test_a_verdict_that_does_not_survive_the_family_says_so() -> None:
    with_ = [2.0, 3.0, 3.0, 3.0, 2.0, 2.0, 4.0, 2.0]
    without = [4.0, 3.0, 5.0, 3.0, 4.0, 4.0, 3.0, 5.0]
    alone = estimate("cool-down", with_, without)
    assert alone.verdict == "helps" and alone.p_value is not None
    assert 0.05 / 4 < alone.p_value < 0.05
    others = [estimate(part, *_rows(0.0, 8, seed))
              for seed, part in enumerate(("warm-up", "stretch", "massage"))]
    judged = judge([alone, *others])
    cool = judged[0]
    assert cool.alone == "helps" and cool.verdict == "no difference shown"
    assert cool.family == 4 and cool.to_json()["family_size"] == 4
    assert cool.sentence.startswith("no difference shown once the 4 comparisons shown")
    assert (cool.low, cool.high) == (alone.low, alone.high)  # its own 95 % interval
    assert judge([alone])[0].verdict == "helps"  # alone, it stands


def test_regions_join_the_family_only_when_shown() -> None:
    overall = estimate("cool-down", *_rows(-2.0, 10, 1))
    region = estimate("cool-down", *_rows(0.0, 10, 2), region="calves")
    assert [e.region for e in shown([overall, region], regions=False)] == [None]
    both = shown([region, overall], regions=True)
    assert [e.region for e in both] == [None, "calves"]  # overall rows first
    assert {e.family for e in both} == {2}


def test_an_experiment_is_judged_alone() -> None:
    observed = [estimate(p, *_rows(0.0, 10, s)) for s, p in enumerate(("warm-up", "stretch"))]
    trial = estimate("cool-down", *_rows(-1.2, 6, 9), randomised=True)
    judged = judge([*observed, trial])
    assert judged[-1] == trial


def test_tiny_samples_with_no_spread_give_no_verdict() -> None:
    found = estimate("cool-down", [2.0, 2.0, 2.0], [3.0, 3.0, 3.0])
    assert found.verdict == "no difference shown"
    assert found.low is not None and found.low < 0 < (found.high or 0)
    assert found.spread >= stats.MIN_SPREAD
    assert found.more > 0 and "can already show" not in found.plan


def test_streaks_and_carry_over_widen_the_interval() -> None:
    rng = random.Random(3)
    habit, carried, rows = True, 0.0, []
    for _ in range(60):
        if rng.random() < 0.2:
            habit = not habit
        carried = 0.7 * carried + rng.gauss(0, 1.0)
        rows.append((habit, 4 + carried))
    factor = serial_of(rows)
    assert factor > 1.5
    shuffled = rows[:]
    random.Random(4).shuffle(shuffled)
    assert serial_of(shuffled) < factor
    with_ = [y for x, y in rows if x]
    without = [y for x, y in rows if not x]
    plain = stats.welch(with_, without)
    wide = stats.welch(with_, without, inflation=factor)
    assert wide.high - wide.low > (plain.high - plain.low) * factor ** 0.5 * 0.99
    assert wide.p_value > plain.p_value


def test_inflation_is_never_below_one_and_is_deterministic() -> None:
    alternating = [float(i % 2) for i in range(30)]
    assert stats.serial_inflation(alternating, [(-1.0) ** i for i in range(30)]) == 1.0
    assert stats.serial_inflation([1.0, 0.0], [0.5, -0.5]) == 1.0
    rows = [(i % 5 < 2, float((i * 7) % 11)) for i in range(40)]
    assert serial_of(rows) == serial_of(list(rows))


def test_the_planner_is_one_function_with_a_realistic_minimum_spread() -> None:
    # A runner who seems perfectly steady is planned for at the minimum spread.
    assert plan.more_runs(3, 3, 0.1) == plan.more_runs(3, 3, stats.MIN_SPREAD)
    assert plan.more_runs(3, 3, 0.1) > 0
    # More comparisons judged together, or runs close in time, need more runs.
    base = plan.more_runs(10, 10, 1.5)
    assert plan.more_runs(10, 10, 1.5, family=4) > base
    assert plan.more_runs(10, 10, 1.5, inflation=2.0) > base
    assert plan.power(20, 20, difference=1.5, spread=1.5) == pytest.approx(0.86, abs=0.02)
    assert plan.power_words(12) == "12 runs find a 1-point difference about 15 % of the time"
    assert plan.power(1, 5) == 0.0
