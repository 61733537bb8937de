"""The arithmetic behind an honest interval: Student's t, Welch's test, least squares, and
how many runs a question needs.

Standard library only: the t quantile comes from the regularized incomplete beta function
(a continued fraction, as in Numerical Recipes), inverted by safeguarded Newton steps. It
agrees with published tables to the digits shown (t₀.₉₇₅ = 12.706 at 1 degree of freedom,
2.228 at 10, 1.960 without limit), also at the fractional degrees of freedom Welch's test
gives.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Final

CONFIDENCE: Final = 0.95
POWER: Final = 0.8
"""The planner's "to see": a true difference that size shows in 4 runs of 5."""
RATING_FLOOR: Final = 1 / 12
"""Ratings are whole numbers: no group is taken as more precise than its rounding (the
variance of a uniform rounding error), so ties (every rating the same) give an honest
interval instead of none."""
MAX_PLAN: Final = 999
"""Beyond this many more runs a plan says nothing useful."""

_EPS: Final = 3e-16
_TINY: Final = 1e-300


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)),
                   -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + aa / c
            c = c if abs(c) > _TINY else _TINY
            step = d * c
            h *= step
        if abs(step - 1.0) < _EPS:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with ``df`` (> 0, may be fractional) degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def _t_pdf(t: float, df: float) -> float:
    return math.exp(
        math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
        - (df + 1) / 2 * math.log1p(t * t / df)
    )


def t_quantile(p: float, df: float) -> float:
    """The t with P(T ≤ t) = p; ``df`` may be fractional (Welch) or infinite."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be between 0 and 1, not {p!r}")
    if df <= 0 or math.isnan(df):
        raise ValueError(f"degrees of freedom must be positive, not {df!r}")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    z = NormalDist().inv_cdf(p)
    if math.isinf(df) or df > 1e7:
        return z
    if p == 0.5:
        return 0.0
    # Cornish-Fisher start, then Newton steps kept inside a shrinking bracket.
    guess = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
    low, high = 0.0, max(guess * 2.0, 1.0)
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    t = min(max(guess, low), high)
    for _ in range(100):
        error = t_cdf(t, df) - p
        if error > 0:
            high = t
        else:
            low = t
        step = error / max(_t_pdf(t, df), _TINY)
        candidate = t - step
        if not low < candidate < high:
            candidate = (low + high) / 2.0
        if abs(candidate - t) <= 1e-12 * max(1.0, abs(t)):
            return candidate
        t = candidate
    return t


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def variance(values: Sequence[float]) -> float:
    """The sample variance (n − 1); at least :data:`RATING_FLOOR`."""
    centre = mean(values)
    raw = math.fsum((value - centre) ** 2 for value in values) / (len(values) - 1)
    return max(raw, RATING_FLOOR)


@dataclass(frozen=True)
class Interval:
    """A difference with its confidence interval and what it rests on."""

    difference: float
    low: float
    high: float
    df: float
    spread: float
    """The day-to-day standard deviation behind it (pooled, or the model's residual)."""


def welch(with_: Sequence[float], without: Sequence[float],
          confidence: float = CONFIDENCE) -> Interval:
    """Mean of ``with_`` minus mean of ``without``, with Welch's t interval (each side
    keeps its own variance: a habit may change how much soreness varies, not only its
    level). Needs at least two values a side."""
    if len(with_) < 2 or len(without) < 2:
        raise ValueError("Welch's interval needs at least two values on each side")
    v1, v2 = variance(with_) / len(with_), variance(without) / len(without)
    se2 = v1 + v2
    df = se2 ** 2 / (v1 ** 2 / (len(with_) - 1) + v2 ** 2 / (len(without) - 1))
    half = t_quantile(0.5 + confidence / 2, df) * math.sqrt(se2)
    difference = mean(with_) - mean(without)
    return Interval(difference, difference - half, difference + half, df,
                    pooled_spread(with_, without))


def pooled_spread(with_: Sequence[float], without: Sequence[float]) -> float:
    """The pooled day-to-day standard deviation of two groups (one with two or more
    values is enough)."""
    groups = [group for group in (with_, without) if len(group) >= 2]
    if not groups:
        raise ValueError("a spread needs two values in one group")
    total = math.fsum((len(group) - 1) * variance(group) for group in groups)
    return math.sqrt(total / sum(len(group) - 1 for group in groups))


def least_squares(rows: Sequence[Sequence[float]], outcome: Sequence[float],
                  confidence: float = CONFIDENCE) -> Interval | None:
    """The coefficient of the first column, adjusted for the others, with its t interval.

    ``rows`` hold the factor (1 with, 0 without) then the covariates; an intercept is
    added. Covariates are centred and scaled first, so minutes and metres sit on one
    footing. None when the model cannot be fitted (too few rows, or a covariate that says
    the same as another).
    """
    n = len(rows)
    p = (len(rows[0]) if rows else 0) + 1
    if n - p < 2:
        return None
    columns = list(zip(*rows, strict=True))
    design: list[list[float]] = [[1.0] + [0.0] * (p - 1) for _ in range(n)]
    for j, column in enumerate(columns):
        centre = mean(column) if j else 0.0
        scale = math.sqrt(math.fsum((v - centre) ** 2 for v in column) / n) if j else 1.0
        if scale == 0.0:
            return None
        for i, value in enumerate(column):
            design[i][j + 1] = (value - centre) / scale
    gram = [[math.fsum(row[a] * row[b] for row in design) for b in range(p)] for a in range(p)]
    right = [math.fsum(row[a] * y for row, y in zip(design, outcome, strict=True))
             for a in range(p)]
    inverse = _invert(gram)
    if inverse is None:
        return None
    beta = [math.fsum(inverse[a][b] * right[b] for b in range(p)) for a in range(p)]
    residuals = [y - math.fsum(b * x for b, x in zip(beta, row, strict=True))
                 for row, y in zip(design, outcome, strict=True)]
    df = n - p
    s2 = max(math.fsum(r * r for r in residuals) / df, RATING_FLOOR)
    se = math.sqrt(s2 * inverse[1][1])
    half = t_quantile(0.5 + confidence / 2, df) * se
    return Interval(beta[1], beta[1] - half, beta[1] + half, float(df), math.sqrt(s2))


def _invert(matrix: list[list[float]]) -> list[list[float]] | None:
    """Gauss-Jordan with partial pivoting; None for a (nearly) singular matrix."""
    size = len(matrix)
    work = [list(row) + [1.0 if i == j else 0.0 for j in range(size)]
            for i, row in enumerate(matrix)]
    scale = max(abs(value) for row in matrix for value in row) or 1.0
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(work[r][column]))
        if abs(work[pivot][column]) < 1e-9 * scale:
            return None
        work[column], work[pivot] = work[pivot], work[column]
        lead = work[column][column]
        work[column] = [value / lead for value in work[column]]
        for r in range(size):
            if r != column and work[r][column] != 0.0:
                factor = work[r][column]
                work[r] = [a - factor * b for a, b in zip(work[r], work[column], strict=True)]
    return [row[size:] for row in work]


def more_runs(n_with: int, n_without: int, spread: float, difference: float = 1.0,
              confidence: float = CONFIDENCE, power: float = POWER) -> int:
    """How many more runs, added where fewer are, until a true ``difference`` would show
    (its interval clear of 0) with the given power, at this day-to-day ``spread``.

    Capped at :data:`MAX_PLAN`.
    """
    base_a, base_b = max(n_with, 0), max(n_without, 0)

    def enough(added: int) -> bool:
        # Added runs go where fewer are: the quickest way to narrow the interval.
        small, large = sorted((base_a, base_b))
        fill = min(added, large - small)
        a = small + fill + (added - fill) // 2
        b = large + (added - fill) - (added - fill) // 2
        if a < 2 or b < 2:
            return False
        df = a + b - 2
        need = t_quantile(0.5 + confidence / 2, df) + t_quantile(power, df)
        return need * spread * math.sqrt(1 / a + 1 / b) <= difference

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
