"""How much a habit changes next-day soreness, with an honest 95 % interval.

Each comparison is the mean next-day rating with a part of the routine done minus the mean
without it (negative: less sore with it), a 95 % interval by Welch's t (each side keeps its
own spread, never below a realistic minimum, :data:`coach.insights.stats.MIN_SPREAD`), the
counts on each side and a verdict: "helps" when the whole interval lies below 0, "hurts"
when it lies above, "no difference shown" when it holds 0, and "too few" with fewer than
:data:`MIN_GROUP` runs on either side. When imported runs are linked to the sessions, run
length and effort enter a small least-squares model instead, and the method says so.

Runs close in time are not independent (habits come in streaks, soreness carries over):
every interval is widened by :func:`coach.insights.stats.serial_inflation`, estimated from
the runs in time order. The verdict here is the comparison's own; what is *shown* is judged
with everything shown beside it (:mod:`coach.insights.family`).

Comparisons of the runner's own history are observational: the days with a cool-down may
also be the easy, dry, well-slept ones. Only an experiment's result is randomised; each
estimate says which it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from coach.insights import plan, stats
from coach.record.judgements import is_downhill
from coach.store.observations import PARTS, Observation, RunFacts

Verdict = Literal["helps", "hurts", "no difference shown", "too few"]
VERDICTS: Final[tuple[Verdict, ...]] = ("helps", "hurts", "no difference shown", "too few")
OUTCOME: Final = "next-day soreness"
MIN_GROUP: Final = 3
"""Fewer runs than this on either side and no interval is claimed."""
TARGET: Final = plan.TARGET
TYPICAL_SPREAD: Final = plan.TYPICAL_SPREAD
FLOOR: Final = stats.MIN_SPREAD ** 2
"""The smallest variance a side of a comparison is taken to have."""
OBSERVED: Final = (
    "observational: your own runs, not an experiment (other things differ between those days)"
)
SERIAL: Final = " allowing for runs close in time"
"""Said of every interval: habits in streaks and soreness carried over widen it."""
COVARIATES: Final = ("minutes", "distance_km", "effort")
ADJUST_SHARE: Final = 2 / 3
"""The model uses only runs with an imported run: below this share of them, leaving the
others out would cost more than adjusting gains."""
_COVARIATE_WORDS: Final = {"minutes": "minutes", "distance_km": "distance",
                           "effort": "effort"}


@dataclass(frozen=True)
class Estimate:
    """One comparison: next-day soreness with a factor minus without it."""

    factor: str
    region: str | None
    """A key of :data:`coach.record.scales.REGION_KEYS`, or None for the overall rating."""
    n_with: int
    n_without: int
    difference: float | None
    """Mean with minus mean without; None unless both sides have a run."""
    low: float | None
    high: float | None
    verdict: Verdict
    method: str
    randomised: bool
    spread: float
    """The day-to-day standard deviation the planner used."""
    spread_measured: bool
    """False while there are too few runs to measure it (:data:`TYPICAL_SPREAD` is used)."""
    more: int
    """More runs needed to see a :data:`TARGET`-point difference (0: these already can),
    from :func:`coach.insights.plan.more_runs`."""
    outcome: str = OUTCOME
    p_value: float | None = None
    """Two-sided p of this comparison alone; None without an interval."""
    alone: Verdict | None = None
    """The verdict this comparison would get on its own; :attr:`verdict` is the one that
    survived the correction for the comparisons shown with it (equal until judged)."""
    family: int = 1
    """How many comparisons it was judged with (itself included)."""
    inflation: float = 1.0
    """How much runs close in time widened its variance (1: as if independent)."""

    @property
    def sentence(self) -> str:
        """The verdict in plain words: "helps: about 1.9 points lower (1.1 to 2.7)"."""
        if self.verdict == "too few" or self.low is None or self.high is None:
            return f"too few runs yet: need about {self.to_minimum} more"
        difference = self.difference or 0.0
        if self.verdict != (self.alone or self.verdict):
            return (f"no difference shown once the {self.family} comparisons shown together "
                    f"are counted ({signed(self.low)} to {signed(self.high)}; could be chance)")
        if self.verdict == "helps":
            return (f"helps: about {abs(difference):.1f} points lower "
                    f"({_edge(-self.high)} to {_edge(-self.low)})")
        if self.verdict == "hurts":
            return (f"hurts: about {difference:.1f} points higher "
                    f"({_edge(self.low)} to {_edge(self.high)})")
        return f"no difference shown ({signed(self.low)} to {signed(self.high)})"

    @property
    def to_minimum(self) -> int:
        """More runs before an interval is given at all."""
        return max(0, MIN_GROUP - self.n_with) + max(0, MIN_GROUP - self.n_without)

    @property
    def plan(self) -> str:
        """The sample-size planner in one sentence."""
        whose = "your day-to-day spread" if self.spread_measured else "a typical day-to-day spread"
        if self.more == 0:
            return f"with {whose}, these runs can already show a {TARGET:g}-point difference"
        more = f"more than {stats.MAX_PLAN}" if self.more >= stats.MAX_PLAN else f"{self.more}"
        return f"with {whose}, about {more} more runs to see a {TARGET:g}-point difference"

    def to_json(self) -> dict[str, Any]:
        """The comparison as ``coach insights --json`` prints it."""
        return {
            "factor": self.factor, "region": self.region, "outcome": self.outcome,
            "n_with": self.n_with, "n_without": self.n_without,
            "difference": _rounded(self.difference), "low": _rounded(self.low),
            "high": _rounded(self.high), "verdict": self.verdict, "method": self.method,
            "randomised": self.randomised,
            "p_value": None if self.p_value is None else round(self.p_value, 4),
            "verdict_alone": self.alone or self.verdict, "family_size": self.family,
            "serial_inflation": round(self.inflation, 3), "more_runs": self.more,
        }


def _edge(value: float) -> str:
    """An interval's edge to one decimal, or two where one would read 0.0 for an edge that
    is not 0: "helps" must never seem to touch 0."""
    text = f"{value:.1f}"
    return f"{value:.2f}" if text in ("0.0", "-0.0") and value != 0 else text


def signed(value: float) -> str:
    """A difference with its sign, a real minus: "−0.6", "+0.9", "0.0"."""
    text = f"{abs(value):.1f}"
    if text == "0.0":
        return text
    return ("−" if value < 0 else "+") + text


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def verdict_of(low: float, high: float) -> Verdict:
    if high < 0:
        return "helps"
    if low > 0:
        return "hurts"
    return "no difference shown"


def estimate(
    factor: str, with_: Sequence[float], without: Sequence[float], *,
    region: str | None = None, randomised: bool = False, design: str = OBSERVED,
    note: str = "not adjusted for run length or effort", inflation: float = 1.0,
) -> Estimate:
    """Welch's comparison of two groups of next-day ratings.

    ``design`` says where the groups come from (observational or the experiment), ``note``
    anything the reader should know about adjustment; ``inflation`` what runs close in time
    do to the variance (:func:`serial_of`).
    """
    n1, n2 = len(with_), len(without)
    difference = stats.mean(with_) - stats.mean(without) if n1 and n2 else None
    spread, measured = _spread(with_, without)
    method = f"{design}; Welch's t 95 % interval{SERIAL}; {note}"
    if n1 < MIN_GROUP or n2 < MIN_GROUP:
        return Estimate(factor, region, n1, n2, difference, None, None, "too few", method,
                        randomised, spread, measured,
                        plan.more_runs(n1, n2, spread, inflation=inflation),
                        inflation=inflation)
    interval = stats.welch(with_, without, floor=FLOOR, inflation=inflation)
    return _from_interval(factor, region, n1, n2, interval, method, randomised)


def serial_of(rows: Sequence[tuple[bool, float]]) -> float:
    """The variance inflation of a with-minus-without comparison of ``rows`` (present,
    rating) in time order: residuals are each rating less its side's mean."""
    with_ = [y for x, y in rows if x]
    without = [y for x, y in rows if not x]
    if not with_ or not without:
        return 1.0
    centre = {True: stats.mean(with_), False: stats.mean(without)}
    return stats.serial_inflation([1.0 if x else 0.0 for x, _ in rows],
                                  [y - centre[x] for x, y in rows])


def _spread(with_: Sequence[float], without: Sequence[float]) -> tuple[float, bool]:
    if len(with_) >= 2 or len(without) >= 2:
        return max(stats.pooled_spread(with_, without), stats.MIN_SPREAD), True
    values = list(with_) + list(without)
    if len(values) >= 2:
        return max(math.sqrt(stats.variance(values)), stats.MIN_SPREAD), True
    return TYPICAL_SPREAD, False


def _from_interval(factor: str, region: str | None, n1: int, n2: int,
                   interval: stats.Interval, method: str, randomised: bool) -> Estimate:
    verdict = verdict_of(interval.low, interval.high)
    return Estimate(
        factor, region, n1, n2, interval.difference, interval.low, interval.high,
        verdict, method, randomised, interval.spread, True,
        plan.more_runs(n1, n2, interval.spread, inflation=interval.inflation),
        p_value=interval.p_value, alone=verdict, inflation=interval.inflation,
    )


def adjusted(
    factor: str, rows: Sequence[tuple[bool, RunFacts | None, float]], *,
    region: str | None = None,
) -> Estimate:
    """An observational comparison adjusted for run length and effort where the runs allow.

    ``rows`` are (factor present, linked run or None, next-day rating). The model uses the
    runs with an imported run (when they are at least :data:`ADJUST_SHARE` of all) and
    every covariate those runs all have; with too few such runs (or covariates that say the
    same thing) it falls back to Welch on every run, and says why.
    """
    linked = [(x, run, y) for x, run, y in rows if run is not None]
    names = [name for name in COVARIATES
             if linked and all(getattr(run, name) is not None for _, run, _ in linked)
             and len({getattr(run, name) for _, run, _ in linked}) > 1]
    with_ = [y for x, _, y in rows if x]
    without = [y for x, _, y in rows if not x]
    inflation = serial_of([(x, y) for x, _, y in rows])
    if not linked:
        return estimate(factor, with_, without, region=region, inflation=inflation,
                        note="not adjusted for run length or effort (no imported runs linked)")
    n1 = sum(1 for x, _, _ in linked if x)
    n2 = len(linked) - n1
    if len(linked) < ADJUST_SHARE * len(rows):
        reason = f"only {len(linked)} of {len(rows)} runs have an imported run"
    elif not names:
        reason = "the linked runs do not all record a varying length or effort"
    elif n1 < MIN_GROUP or n2 < MIN_GROUP:
        reason = (f"too few runs on one side to adjust: of {len(linked)} with an imported "
                  f"run, {n1} with and {n2} without")
    else:
        # Distance and minutes often say the same thing: drop the last until it fits.
        for count in range(len(names), 0, -1):
            used = names[:count]
            design = [[1.0 if x else 0.0] + [float(getattr(run, name)) for name in used]
                      for x, run, _ in linked]
            interval = stats.least_squares(design, [y for _, _, y in linked], floor=FLOOR)
            if interval is not None:
                words = ", ".join(_COVARIATE_WORDS[name] for name in used)
                method = (f"{OBSERVED}; least squares adjusted for run {words}, t 95 % "
                          f"interval{SERIAL} ({len(linked)} of {len(rows)} runs linked)")
                return _from_interval(factor, region, n1, n2, interval, method, False)
        reason = "run length and effort vary too little to model"
    return estimate(factor, with_, without, region=region, inflation=inflation,
                    note=f"not adjusted for run length or effort ({reason})")


def _outcomes(observations: Iterable[Observation], region: str | None
              ) -> list[tuple[Observation, float]]:
    if region is None:
        return [(o, float(o.overall)) for o in observations]
    return [(o, float(o.regions[region])) for o in observations if region in o.regions]


def _regions(observations: Sequence[Observation]) -> list[str | None]:
    from coach.record.scales import REGION_KEYS

    rated = {key for o in observations for key in o.regions}
    return [None, *(key for key in REGION_KEYS if key in rated)]


RunTest = Callable[[RunFacts], "bool | None"]
"""Whether a run has a factor: True with, False without, None unknown."""


def _is(attribute: str, value: str) -> RunTest:
    def test(run: RunFacts) -> bool | None:
        have = getattr(run, attribute)
        return None if have is None else bool(have == value)

    return test


def _downhill(run: RunFacts) -> bool | None:
    return is_downhill(run.descent_m)


def run_factors(observations: Sequence[Observation]) -> dict[str, RunTest]:
    """Factors only imported runs can tell: each surface, each shoe, downhill runs."""
    runs = [o.run for o in observations if o.run is not None]
    tests: dict[str, RunTest] = {}
    for surface in sorted({run.surface for run in runs if run.surface}):
        tests[f"surface:{surface}"] = _is("surface", surface)
    for shoe in sorted({run.shoe for run in runs if run.shoe}):
        tests[f"shoe:{shoe}"] = _is("shoe", shoe)
    if any(run.descent_m is not None for run in runs):
        tests["downhill"] = _downhill
    return tests


def comparisons(observations: Sequence[Observation]) -> list[Estimate]:
    """Every observational comparison: each routine part, overall and for each region rated,
    then (with imported runs) each surface, shoe and downhill runs."""
    found: list[Estimate] = []
    regions = _regions(observations)
    rows: list[tuple[bool, RunFacts | None, float]]
    for part in PARTS:
        for region in regions:
            rows = [(o.parts[part], o.run, y) for o, y in _outcomes(observations, region)]
            found.append(adjusted(part, rows, region=region))
    for factor, test in run_factors(observations).items():
        for region in regions:
            rows = []
            for o, y in _outcomes(observations, region):
                present = None if o.run is None else test(o.run)
                if present is not None:
                    rows.append((bool(present), o.run, y))
            if rows:
                found.append(adjusted(factor, rows, region=region))
    return found
