"""How many runs a question needs, and how often a given number of runs answers it.

One planner for every screen and command: "about N more runs to see a 1-point difference"
on the what-helps screen, in ``coach insights`` and in ``coach experiment status`` is
:func:`more_runs`, and "12 runs find a 1-point difference about N % of the time" when an
experiment starts is :func:`power`. Both take the same realistic minimum spread
(:data:`coach.insights.stats.MIN_SPREAD`): a runner whose first ratings were 2, 2, 2 and
3, 3, 3 is not told those six runs can already show a 1-point difference.

Both are honest about what the verdict will have to survive: the comparisons judged
together (``family``: a verdict needs p below 0.05 / family, Holm's first step and the
hardest) and runs close in time (``inflation``, :func:`coach.insights.stats.serial_inflation`).
The power uses the usual normal-shift approximation with Student's t quantiles.
"""

from __future__ import annotations

import math
from typing import Final

from coach.insights.stats import CONFIDENCE, MAX_PLAN, MIN_SPREAD, POWER, t_cdf, t_quantile

TARGET: Final = 1.0
"""The planner's question: a 1-point difference on the 0–10 scale."""
TYPICAL_SPREAD: Final = 1.5
"""The day-to-day standard deviation assumed before a runner's own can be measured."""


def _split(n_with: int, n_without: int, added: int) -> tuple[int, int]:
    """Added runs go where fewer are (the quickest way to narrow an interval), then evenly."""
    small, large = sorted((max(n_with, 0), max(n_without, 0)))
    fill = min(added, large - small)
    rest = added - fill
    return small + fill + rest // 2, large + rest - rest // 2


def power(n_with: int, n_without: int, *, difference: float = TARGET,
          spread: float = TYPICAL_SPREAD, family: int = 1, inflation: float = 1.0) -> float:
    """How often ``n_with`` and ``n_without`` runs show a true ``difference`` (the interval
    clear of 0, after the correction for ``family`` comparisons), at this day-to-day
    ``spread``. 0 with fewer than two runs a side."""
    if n_with < 2 or n_without < 2:
        return 0.0
    spread = max(spread, MIN_SPREAD)
    se = spread * math.sqrt((1 / n_with + 1 / n_without) * inflation)
    df = round((n_with + n_without - 2) / inflation, 1)  # a plan needs no finer degrees
    alpha = (1 - CONFIDENCE) / max(family, 1)
    critical = t_quantile(1 - alpha / 2, df)
    # The far tail (an interval clear of 0 on the wrong side) is left out: it is
    # negligible wherever the answer matters, and no "helps" comes from it.
    return t_cdf(abs(difference) / se - critical, df)


def more_runs(n_with: int, n_without: int, spread: float, *, difference: float = TARGET,
              family: int = 1, inflation: float = 1.0, wanted: float = POWER) -> int:
    """How many more runs, added where fewer are, until a true ``difference`` would show
    in ``wanted`` (4 in 5) of histories. Capped at :data:`MAX_PLAN`."""

    def enough(added: int) -> bool:
        a, b = _split(n_with, n_without, added)
        return power(a, b, difference=difference, spread=spread, family=family,
                     inflation=inflation) >= wanted

    if enough(0):
        return 0
    if not enough(MAX_PLAN):
        return MAX_PLAN
    low, high = 0, MAX_PLAN  # enough(low) is False, enough(high) is True
    while high - low > 1:
        middle = (low + high) // 2
        if enough(middle):
            high = middle
        else:
            low = middle
    return high


def power_words(runs: int, *, difference: float = TARGET, spread: float = TYPICAL_SPREAD
                ) -> str:
    """"12 runs find a 1-point difference about 15 % of the time" (half with, half
    without, at a typical spread): said before an experiment starts."""
    share = power(runs // 2, runs - runs // 2, difference=difference, spread=spread)
    percent = max(1, min(99, round(share * 100)))
    return f"{runs} runs find a {difference:g}-point difference about {percent} % of the time"
