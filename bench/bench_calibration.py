"""Calibration of the 95 % intervals: how often do they cover the true effect?

Simulates runners whose cool-down truly changes next-day soreness by a known amount, with
day-to-day noise, and counts how often the interval coach reports holds the true value.
Target: 93–97 % of 1,000 histories (one binomial standard error is about 0.7 %).

Scenarios:
- ``experiment``: a 12-run experiment (6 with, 6 without; the schedule drawn from a seed as
  coach draws it), true effect −2, noise SD 1.5, continuous ratings.
- ``unbalanced``: an observational history, 14 with and 5 without, a spread that differs
  between the sides (SD 1.0 with, 2.0 without): what Welch's test is for.
- ``whole numbers``: ratings as runners give them, rounded to 0–10 (true mean 5 without,
  3 with, SD 1.5); the true effect is the exact difference of the rounded, clipped means.
- ``no effect``: true effect 0, 6 and 6: the interval must not invent one.
- ``store`` (with ``--store N``): N whole experiments played through coach's own store and
  experiment code — schedule, sessions, next-day ratings, result — to check the pipeline
  gives the interval the arithmetic does.

    python bench/bench_calibration.py [--histories 1000] [--seed 2026] [--store 100]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.insights.estimates import estimate  # noqa: E402
from coach.store.experiments import schedule  # noqa: E402

Draw = Callable[[random.Random], tuple[list[float], list[float]]]


def _normal(rng: random.Random, mean: float, sd: float, n: int) -> list[float]:
    return [rng.gauss(mean, sd) for _ in range(n)]


def _rounded(value: float) -> float:
    return float(min(10, max(0, math.floor(value + 0.5))))


def _expected_rounded(mean: float, sd: float) -> float:
    """E[clip(round(N(mean, sd)))] over 0–10, exactly (sum over the integers)."""
    from statistics import NormalDist

    dist = NormalDist(mean, sd)
    total = 0.0
    for k in range(11):
        low = -math.inf if k == 0 else k - 0.5
        high = math.inf if k == 10 else k + 0.5
        total += k * (dist.cdf(high) - dist.cdf(low))
    return total


def experiment_draw(effect: float) -> Draw:
    def draw(rng: random.Random) -> tuple[list[float], list[float]]:
        arms = schedule(rng.getrandbits(31), 12)
        with_ = [5 + effect + rng.gauss(0, 1.5) for arm in arms if arm == "with"]
        without = [5 + rng.gauss(0, 1.5) for arm in arms if arm == "without"]
        return with_, without

    return draw


def unbalanced(rng: random.Random) -> tuple[list[float], list[float]]:
    return _normal(rng, 3.0, 1.0, 14), _normal(rng, 5.0, 2.0, 5)


def whole_numbers(rng: random.Random) -> tuple[list[float], list[float]]:
    return ([_rounded(v) for v in _normal(rng, 3.0, 1.5, 6)],
            [_rounded(v) for v in _normal(rng, 5.0, 1.5, 6)])


def coverage(draw: Draw, truth: float, histories: int, rng: random.Random) -> tuple[float, int]:
    """Share of intervals holding ``truth``, and how many excluded 0."""
    covered = excluded = 0
    for _ in range(histories):
        with_, without = draw(rng)
        found = estimate("cool-down", with_, without)
        assert found.low is not None and found.high is not None
        covered += found.low <= truth <= found.high
        excluded += not found.low <= 0 <= found.high
    return covered / histories, excluded


def store_coverage(histories: int, rng: random.Random) -> tuple[float, int]:
    """Whole experiments through the store: the result's interval against the truth."""
    from datetime import UTC, datetime, timedelta

    from coach.insights import experiment
    from coach.store import Store
    from tests.support.seed import cool_down_timeline

    timeline = cool_down_timeline()
    covered = 0
    t0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    for _ in range(histories):
        with Store.memory(clock=lambda: t0) as store:
            experiment.start(store, "cool-down", t0, 12, seed=rng.getrandbits(31))
            for day in range(12):
                moment = t0 + timedelta(days=day, hours=2)
                assignment = experiment.today(store, moment)
                assert assignment is not None
                session = store.start_session(timeline, "after", moment)
                walked = assignment.arm == "with"
                store.record_step(session, timeline[0], "done" if walked else "skipped",
                                  300, 300 if walked else 1, moment + timedelta(minutes=5))
                store.end_session(session, "completed", 300, moment + timedelta(minutes=6))
                rating = _rounded(5 - (2 if walked else 0) + rng.gauss(0, 1.5))
                store.add_soreness(int(rating), timing="next day", session_id=session,
                                   recorded_at=moment + timedelta(hours=22))
            state = experiment.status(store, t0 + timedelta(days=14))
            assert state is not None and state.result is not None
            low, high = state.result.low, state.result.high
            assert low is not None and high is not None
            truth = _expected_rounded(3, 1.5) - _expected_rounded(5, 1.5)
            covered += low <= truth <= high
    return covered / histories, histories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--store", type=int, default=0,
                        help="also play this many experiments through the store")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    scenarios: list[tuple[str, Draw, float]] = [
        ("experiment (6+6, effect -2, SD 1.5)", experiment_draw(-2.0), -2.0),
        ("unbalanced (14+5, SD 1.0 vs 2.0)", unbalanced, -2.0),
        ("whole numbers 0-10 (6+6)", whole_numbers,
         _expected_rounded(3, 1.5) - _expected_rounded(5, 1.5)),
        ("no effect (6+6)", experiment_draw(0.0), 0.0),
    ]
    se = math.sqrt(0.95 * 0.05 / args.histories)
    print(f"{args.histories} simulated histories per scenario; target 93-97 % "
          f"(binomial SE {se:.1%})")
    failed = False
    for name, draw, truth in scenarios:
        began = time.perf_counter()
        share, excluded = coverage(draw, truth, args.histories, rng)
        ok = 0.93 <= share <= 0.97
        failed |= not ok
        print(f"  {name:<38} covers the true effect {share:6.1%}   "
              f"interval excludes 0: {excluded / args.histories:5.1%}   "
              f"{'ok' if ok else 'OUT OF RANGE'}  ({time.perf_counter() - began:.1f} s)")
    if args.store:
        began = time.perf_counter()
        share, count = store_coverage(args.store, rng)
        print(f"  {'through the store (' + str(count) + ' experiments)':<38} "
              f"covers the true effect {share:6.1%}   ({time.perf_counter() - began:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
