"""Can a runner believe a "helps"? False verdicts, interval coverage and power of "what helps
you", on simulated histories run through coach's own comparisons and family judgement.

Each history is a runner's rated runs in time order: four habits (cool-down walk, warm-up,
post-run stretch, self-massage), next-day soreness as whole numbers 0–10 overall and for
three body regions (each the overall feeling plus its own noise). Two worlds:

- ``independent``: each habit done or not at random each run, soreness independent from run
  to run (day-to-day SD 1.5).
- ``streaks``: habits in streaks (each run repeats the last run's choice with probability
  0.8) and soreness carried over (AR(1), ρ = 0.6, same SD 1.5): what real life looks like.

Reported, per world:

- the share of runners with **no true effect** who see any "helps" or "hurts" (target at most
  10 %), both as ``coach insights`` shows by default and with ``--regions``;
- how often the cool-down's 95 % interval holds the true difference, 0 (target 93–97 %);
- with a **true 1.5-point benefit** of the cool-down over 40 runs, the share of histories
  where the cool-down shows "helps" (target at least 60 % for independent runs; in streaks
  forty runs hold far less information, and the figure is reported as it is).

    python bench/bench_insights.py [--histories 1000] [--runs 40] [--seed 2026]

Public tools only: coach's estimates (:func:`coach.insights.estimates.comparisons`) and
family judgement (:func:`coach.insights.family.shown`), on in-memory observations.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coach.insights.estimates import comparisons  # noqa: E402
from coach.insights.family import shown  # noqa: E402
from coach.store.observations import PARTS, Observation  # noqa: E402

REGIONS = ("calves", "quads", "hamstrings")
SD = 1.5
SHARES = {"cool-down": 0.5, "warm-up": 0.6, "stretch": 0.4, "massage": 0.3}
T0 = datetime(2026, 1, 1, 7, 0, tzinfo=UTC)


def _rating(value: float) -> int:
    return int(min(10, max(0, math.floor(value + 0.5))))


def history(rng: random.Random, runs: int, *, streaks: bool, effect: float = 0.0
            ) -> list[Observation]:
    """One runner's rated runs; ``effect`` is the cool-down's true change in soreness."""
    stay, rho = (0.8, 0.6) if streaks else (0.0, 0.0)
    parts = {part: rng.random() < share for part, share in SHARES.items()}
    carried = rng.gauss(0, SD)
    found = []
    for index in range(runs):
        if index:
            for part, share in SHARES.items():
                if rng.random() >= stay:
                    parts[part] = rng.random() < share
            carried = rho * carried + math.sqrt(1 - rho * rho) * rng.gauss(0, SD)
        level = 4.5 + carried + (effect if parts["cool-down"] else 0.0)
        regions = {region: _rating(level + rng.gauss(0, 1.0)) for region in REGIONS}
        found.append(Observation(f"s{index}", T0 + timedelta(days=index), dict(parts),
                                 _rating(level), regions))
    assert set(found[0].parts) == set(PARTS)
    return found


def world(rng: random.Random, histories: int, runs: int, streaks: bool) -> dict[str, float]:
    """The three figures for one world."""
    any_default = any_regions = covered = 0
    helps = 0
    truth = 0.0  # no true effect: the rounded means are equal too
    for _ in range(histories):
        estimates = comparisons(history(rng, runs, streaks=streaks))
        default = shown(estimates, regions=False)
        every = shown(estimates, regions=True)
        any_default += any(e.verdict in ("helps", "hurts") for e in default)
        any_regions += any(e.verdict in ("helps", "hurts") for e in every)
        cool = next(e for e in default if e.factor == "cool-down")
        if cool.low is not None and cool.high is not None:
            covered += cool.low <= truth <= cool.high
        benefit = shown(comparisons(history(rng, runs, streaks=streaks, effect=-1.5)),
                        regions=False)
        helps += next(e for e in benefit if e.factor == "cool-down").verdict == "helps"
    return {"false_default": any_default / histories, "false_regions": any_regions / histories,
            "coverage": covered / histories, "power": helps / histories}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    ok = True
    print(f"{args.histories} histories of {args.runs} runs each, seed {args.seed}")
    for name, streaks in (("independent", False), ("streaks", True)):
        begin = time.perf_counter()
        found = world(random.Random(f"{args.seed}-{name}"), args.histories, args.runs, streaks)
        seconds = time.perf_counter() - begin
        checks = [
            ("any false verdict, overall rows", found["false_default"],
             found["false_default"] <= 0.10),
            ("any false verdict, with regions", found["false_regions"],
             found["false_regions"] <= 0.10),
            ("cool-down 95 % interval covers 0", found["coverage"],
             0.93 <= found["coverage"] <= 0.97),
            # Streaks carry less information per run: their power is reported, not a target.
            ("true 1.5-point benefit shows helps", found["power"],
             found["power"] >= 0.60 or streaks),
        ]
        print(f"\n{name} ({seconds:.1f} s)")
        for label, value, passed in checks:
            ok &= passed
            print(f"  {label:<36} {value * 100:5.1f} %  {'ok' if passed else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
