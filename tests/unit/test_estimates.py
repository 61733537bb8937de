"""Estimates with honest uncertainty: the t quantile, Welch's interval, verdicts in plain
words, the planner, and synthetic histories of known effect read back from a real store."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from coach.insights import stats
from coach.insights.estimates import Estimate, adjusted, comparisons, estimate, signed
from coach.record.judgements import massage_done, stretch_done
from coach.store import Store
from coach.store.observations import RunFacts, linked_runs, read
from tests.support.seed import cool_down_timeline

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: T0) as opened:
        yield opened


# ------------------------------------------------------------------------ the arithmetic


@pytest.mark.parametrize(("df", "expected"), [
    (1, 12.7062), (2, 4.3027), (3, 3.1824), (5, 2.5706), (10, 2.2281), (30, 2.0423),
    (120, 1.9799), (float("inf"), 1.9600),
])
def test_t_quantile_matches_the_tables(df: float, expected: float) -> None:
    assert stats.t_quantile(0.975, df) == pytest.approx(expected, abs=5e-5)
    assert stats.t_quantile(0.025, df) == pytest.approx(-expected, abs=5e-5)


def test_t_quantile_inverts_the_cdf_at_fractional_degrees_of_freedom() -> None:
    for df in (1.3, 4.7, 9.25, 57.5):
        for p in (0.6, 0.8, 0.975, 0.999):
            assert stats.t_cdf(stats.t_quantile(p, df), df) == pytest.approx(p, abs=1e-10)
    assert stats.t_quantile(0.8, 10) == pytest.approx(0.8791, abs=5e-5)


def test_welch_interval_by_hand() -> None:
    with_, without = [2.0, 3.0, 1.0, 2.0], [5.0, 4.0, 6.0, 7.0, 4.0]
    found = stats.welch(with_, without)
    v1, v2 = (2 / 3) / 4, 1.7 / 5
    df = (v1 + v2) ** 2 / (v1 ** 2 / 3 + v2 ** 2 / 4)
    half = stats.t_quantile(0.975, df) * (v1 + v2) ** 0.5
    assert found.difference == pytest.approx(2.0 - 5.2)
    assert found.df == pytest.approx(df)
    assert (found.low, found.high) == pytest.approx((-3.2 - half, -3.2 + half))


def test_planner_needs_fewer_runs_for_a_steadier_runner() -> None:
    from coach.insights import plan

    steady, jumpy = plan.more_runs(6, 6, 1.2), plan.more_runs(6, 6, 2.0)
    assert 0 < steady < jumpy
    assert plan.more_runs(40, 40, 1.0) == 0
    assert plan.more_runs(0, 0, 50.0) == stats.MAX_PLAN
    # The numbers behave: with the runs it names, a true 1-point difference shows 4 in 5
    # times, and with one fewer it does not.
    a = b = 6 + steady // 2
    assert plan.power(a, b, spread=1.2) >= 0.8 > plan.power(a - 1, b - 1, spread=1.2)


# ---------------------------------------------------------------- verdicts in plain words


def noisy(rng: random.Random, centre: float, n: int, sd: float = 1.0) -> list[float]:
    return [centre + rng.gauss(0, sd) for _ in range(n)]


def test_a_true_two_point_effect_is_found() -> None:
    rng = random.Random(11)
    found = estimate("cool-down", noisy(rng, 3, 15), noisy(rng, 5, 15))
    assert found.verdict == "helps"
    assert found.low is not None and found.high is not None
    assert found.high < 0 and found.low <= -2 <= found.high
    assert found.sentence.startswith("helps: about ")
    assert not found.randomised and found.method.startswith("observational")


def test_no_effect_is_not_invented() -> None:
    rng = random.Random(5)
    found = estimate("cool-down", noisy(rng, 4, 12), noisy(rng, 4, 12))
    assert found.verdict == "no difference shown"
    assert found.low is not None and found.high is not None
    assert found.low <= 0 <= found.high
    assert found.sentence == f"no difference shown ({signed(found.low)} to {signed(found.high)})"


def test_two_runs_a_side_are_too_few() -> None:
    found = estimate("cool-down", [1.0, 2.0], [6.0, 7.0])
    assert found.verdict == "too few"
    assert (found.low, found.high) == (None, None)
    assert found.difference == pytest.approx(-5.0)
    assert found.sentence == "too few runs yet: need about 2 more"
    assert "more runs to see a 1-point difference" in found.plan
    assert estimate("cool-down", [], []).difference is None


def test_ties_give_an_interval_not_a_crash() -> None:
    same = estimate("cool-down", [3.0] * 5, [3.0] * 5)
    assert same.verdict == "no difference shown"
    assert same.low is not None and same.high is not None and same.low < 0 < same.high
    apart = estimate("cool-down", [2.0] * 5, [5.0] * 5)
    assert apart.verdict == "helps" and apart.difference == pytest.approx(-3.0)
    assert apart.low is not None and apart.low < -3 < (apart.high or 0)


def test_sentences_read_like_the_issue_says() -> None:
    def made(difference: float, low: float, high: float) -> Estimate:
        from coach.insights.estimates import verdict_of

        return Estimate("cool-down", None, 10, 10, difference, low, high,
                        verdict_of(low, high), "m", False, 1.0, True, 0)

    assert made(-1.9, -2.7, -1.1).sentence == "helps: about 1.9 points lower (1.1 to 2.7)"
    assert made(0.8, 0.2, 1.4).sentence == "hurts: about 0.8 points higher (0.2 to 1.4)"
    assert made(0.1, -0.6, 0.9).sentence == "no difference shown (−0.6 to +0.9)"
    assert made(0.0, -0.6, 0.9).plan.endswith("can already show a 1-point difference")
    # An edge that rounds to 0.0 but is not 0 keeps a second decimal: "helps" never
    # seems to touch 0.
    assert made(-1.9, -3.8, -0.042).sentence == "helps: about 1.9 points lower (0.04 to 3.8)"


def test_json_has_exactly_the_contract_fields() -> None:
    document = estimate("warm-up", [1.0, 2.0, 3.0], [4.0, 5.0, 4.0], region="calves").to_json()
    assert set(document) == {"factor", "region", "outcome", "n_with", "n_without",
                             "difference", "low", "high", "verdict", "method", "randomised",
                             "p_value", "verdict_alone", "family_size", "serial_inflation",
                             "more_runs"}
    assert document["outcome"] == "next-day soreness" and document["region"] == "calves"
    assert document["verdict"] in ("helps", "hurts", "no difference shown", "too few")


# ------------------------------------------------------------- histories in a real store


def run(store: Store, start: datetime, next_day: int | None, *, walk: bool = True,
        stretch: bool = True, regions: dict[str, int] | None = None,
        speed: float = 1.0) -> str:
    """An after-run cool-down: walk, stretches and massage done or skipped."""
    timeline = cool_down_timeline()
    session = store.start_session(timeline, "after", start, speed=speed)
    for step in timeline.steps:
        if step.kind == "walk":
            outcome = "done" if walk else "skipped"
        elif step.kind == "stretch":
            outcome = "done" if stretch else "skipped"
        else:
            outcome = "done"
        store.record_step(session, step, outcome, 30, 30 if outcome == "done" else 1,
                          start + timedelta(seconds=30 * (step.index + 1)))
    store.end_session(session, "completed", 400, start + timedelta(minutes=8))
    if next_day is not None:
        store.add_soreness(next_day, timing="next day", session_id=session,
                           regions=regions or {}, recorded_at=start + timedelta(hours=22))
    return session


def by_factor(found: list[Estimate], factor: str, region: str | None = None) -> Estimate:
    return next(e for e in found if e.factor == factor and e.region == region)


def test_known_effect_read_from_the_store(store: Store) -> None:
    rng = random.Random(3)
    for day in range(30):
        walk = day % 2 == 0
        level = 3 if walk else 5
        rating = min(10, max(0, round(level + rng.gauss(0, 1))))
        run(store, T0 + timedelta(days=day), rating, walk=walk,
            regions={"calves": min(10, rating + 1)})
    run(store, T0 + timedelta(days=40), None, walk=False)  # no next-day rating: left out
    run(store, T0 + timedelta(days=41), 10, walk=False, speed=20)  # a preview: left out
    with store.snapshot() as conn:
        found = comparisons(read(conn))
    cool = by_factor(found, "cool-down")
    assert (cool.n_with, cool.n_without) == (15, 15)
    assert cool.verdict == "helps"
    assert cool.low is not None and cool.high is not None and cool.low <= -2 <= cool.high
    assert by_factor(found, "cool-down", "calves").n_with == 15
    assert by_factor(found, "stretch").verdict == "too few"  # stretched every time
    assert {e.region for e in found} == {None, "calves"}


def test_missing_next_day_ratings_are_not_zeros(store: Store) -> None:
    for day in range(4):
        run(store, T0 + timedelta(days=day), 4, walk=True)
        run(store, T0 + timedelta(days=day, hours=6), None, walk=False)
    with store.snapshot() as conn:
        cool = by_factor(comparisons(read(conn)), "cool-down")
    assert (cool.n_with, cool.n_without) == (4, 0)
    assert cool.verdict == "too few"


def test_stretch_and_massage_judgements_agree_in_sql_and_python(store: Store) -> None:
    session = run(store, T0, 3, stretch=False)
    detail = store.get_session(session)
    assert stretch_done("after", detail.steps) is False
    assert massage_done("after", detail.steps) is True
    assert stretch_done("before", detail.steps) is None
    with store.snapshot() as conn:
        (observation,) = read(conn)
    assert observation.parts == {"cool-down": True, "warm-up": False, "stretch": False,
                                 "massage": True}


# ---------------------------------------------------------- adjusting for imported runs


@dataclass(frozen=True)
class ImportedRun:
    """What a watch file reader hands the store (see :class:`coach.store.runs.RunValues`)."""

    start: datetime
    end: datetime
    seconds: float
    distance_m: float | None
    effort: float | None
    surface: str | None
    elapsed_seconds: float = 0.0
    ascent_m: float | None = None
    descent_m: float | None = None
    sport: str = "running"
    sub_sport: str | None = None
    feel: int | None = None
    average_hr: float | None = None
    shoe: str | None = None
    source: str = "fit"


def imported(store: Store, cool_down_at: datetime, minutes: float, km: float,
             effort: float | None) -> None:
    """A run that ended 5 minutes before the cool-down: the store links them."""
    end = cool_down_at - timedelta(minutes=5)
    run = ImportedRun(end - timedelta(minutes=minutes), end, minutes * 60, km * 1000, effort,
                      "trail" if minutes > 60 else "road", elapsed_seconds=minutes * 60)
    assert store.add_run(run, [f"test:{uuid.uuid4()}"])[0] == "added"


def test_run_length_confounding_is_adjusted_away(store: Store) -> None:
    """Long runs hurt more and come without the cool-down: the raw comparison says it
    helps; adjusted for run length, it does not."""
    rng = random.Random(8)
    links = []
    for day in range(24):
        long = day % 2 == 1
        walk = not long if day % 6 else long  # mostly: a cool-down after short runs
        minutes = 90.0 + rng.uniform(-10, 10) if long else 30.0 + rng.uniform(-5, 5)
        rating = round(1 + minutes / 20 + rng.gauss(0, 0.5))
        run(store, T0 + timedelta(days=day), rating, walk=walk)
        links.append((T0 + timedelta(days=day), minutes, minutes / 6, 3 + int(long) * 3 + day % 2))
    with store.snapshot() as conn:
        raw = by_factor(comparisons(read(conn)), "cool-down")
    assert raw.verdict == "helps"
    for at, minutes, km, effort in links:
        imported(store, at, minutes, km, effort)
    with store.snapshot() as conn:
        assert len(linked_runs(conn)) == 24
        found = comparisons(read(conn))
    fair = by_factor(found, "cool-down")
    assert fair.verdict == "no difference shown"
    assert "least squares adjusted for run minutes" in fair.method
    assert "24 of 24 runs linked" in fair.method
    assert any(e.factor == "surface:trail" for e in found)


def test_adjustment_falls_back_and_says_why() -> None:
    rows = [(i % 2 == 0, RunFacts(minutes=30.0, effort=5.0) if i < 2 else None, float(i % 3))
            for i in range(10)]
    found = adjusted("cool-down", rows)
    assert "not adjusted for run length or effort" in found.method
    assert found.n_with == 5 and found.n_without == 5


def test_sessions_without_an_imported_run_have_no_link(store: Store) -> None:
    run(store, T0, 3)
    imported(store, T0 - timedelta(hours=5), 40, 8, 5)  # ended too long before
    with store.snapshot() as conn:
        assert linked_runs(conn) == {}
