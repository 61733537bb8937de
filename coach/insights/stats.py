"""The arithmetic behind an honest interval: Student's t, Welch's test, least squares, and
how many runs a question needs.

Standard library only: the t quantile comes from the regularized incomplete beta function
(a continued fraction, as in Numerical Recipes), inverted by safeguarded Newton steps. It
agrees with published tables to the digits shown (t₀.₉₇₅ = 12.706 at 1 degree of freedom,
2.228 at 10, 1.960 without limit), also at the fractional degrees of freedom Welch's test
gives.
"""

from __future__ import annotations

import functools
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
MIN_SPREAD: Final = 1.0
"""A realistic minimum day-to-day standard deviation of a 0–10 soreness rating, in points.
Legs never feel exactly the same two days running; a handful of identical ratings (2, 2, 2)
says the runner rounds, not that the legs are that steady. No interval, verdict or plan is
narrower than this spread allows."""
MAX_SERIAL: Final = 0.9
"""The largest run-to-run correlation the interval takes from the data: beyond it a few
runs cannot tell a drift from an effect, and the interval is that wide anyway."""

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


@functools.lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The t with P(T ≤ t) = p; ``df`` may be fractional (Welch) or infinite. Remembered:
    the planner asks for the same few quantiles many times."""
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
    p_value: float = 1.0
    """Two-sided: how often a difference this far from 0 would appear by chance alone."""
    inflation: float = 1.0
    """How much runs close in time widened the variance (1: as if independent)."""


def welch(with_: Sequence[float], without: Sequence[float],
          confidence: float = CONFIDENCE, *, floor: float = RATING_FLOOR,
          inflation: float = 1.0) -> Interval:
    """Mean of ``with_`` minus mean of ``without``, with Welch's t interval (each side
    keeps its own variance: a habit may change how much soreness varies, not only its
    level). Needs at least two values a side.

    ``floor`` is the smallest variance a side is taken to have; ``inflation`` (see
    :func:`serial_inflation`) widens the variance for runs that are not independent and
    shrinks the degrees of freedom by as much: correlated runs carry less information."""
    if len(with_) < 2 or len(without) < 2:
        raise ValueError("Welch's interval needs at least two values on each side")
    v1 = max(variance(with_), floor) / len(with_)
    v2 = max(variance(without), floor) / len(without)
    se2 = v1 + v2
    df = se2 ** 2 / (v1 ** 2 / (len(with_) - 1) + v2 ** 2 / (len(without) - 1)) / inflation
    se = math.sqrt(se2 * inflation)
    half = t_quantile(0.5 + confidence / 2, df) * se
    difference = mean(with_) - mean(without)
    spread = max(pooled_spread(with_, without), math.sqrt(floor))
    return Interval(difference, difference - half, difference + half, df, spread,
                    two_sided_p(difference / se, df), inflation)


def two_sided_p(t: float, df: float) -> float:
    """P(|T| ≥ |t|) for Student's t."""
    return min(1.0, 2.0 * t_cdf(-abs(t), df))


def lag_one(values: Sequence[float]) -> float:
    """The lag-1 autocorrelation of a series (about its own mean); 0 when it cannot vary."""
    if len(values) < 3:
        return 0.0
    centre = mean(values)
    centred = [value - centre for value in values]
    total = math.fsum(value * value for value in centred)
    if total == 0.0:
        return 0.0
    return math.fsum(a * b for a, b in zip(centred, centred[1:], strict=False)) / total


def _unbiased(estimate: float, n: int) -> float:
    """A lag-1 autocorrelation corrected for its small-sample bias, −(1 + 3ρ)/n."""
    return (n * estimate + 1.0) / (n - 3.0)


def serial_inflation(factor: Sequence[float], residuals: Sequence[float]) -> float:
    """How much a difference's variance grows when runs close in time are alike.

    Two things must both hold for it to matter: the habit comes in streaks (the with/without
    series is correlated from one run to the next, ``r``) and so does what the habit does not
    explain (soreness carried over, ``ρ`` of the ``residuals``). For first-order (AR(1))
    correlation in both, the variance of a difference of means grows by
    (1 + ρr) / (1 − ρr) (Bayley & Hammersley 1946; the "effective sample size" of
    climatology). ρ is estimated from the residuals in time order and corrected for its
    known small-sample bias (it reads about (1 + 3ρ)/n too low; Marriott & Pope 1954), and
    so is r; both are kept within 0 and :data:`MAX_SERIAL`. Never below 1: runs are never
    taken as *more* informative than independent ones. The spread is measured from the same
    runs and reads too small when they are alike; that bias is put back as well. Both series
    in time order, oldest first.
    """
    n = len(residuals)
    if n < 4:
        return 1.0
    # ρ is taken one standard error (1/√n) above its estimate: a plug-in ρ from a few dozen
    # runs is noisy, and the interval must hold when the carry-over is stronger than it read.
    rho = min(max(_unbiased(lag_one(residuals), n) + 1.0 / math.sqrt(n), 0.0), MAX_SERIAL)
    r = min(max(_unbiased(lag_one(factor), n), 0.0), MAX_SERIAL)
    product = rho * r
    # The spread itself is measured from the same correlated runs, and reads too small by
    # about 2ρ / ((n − 1)(1 − ρ)): put that back too.
    spread_bias = 1.0 - 2.0 * rho / ((n - 1) * (1.0 - rho))
    return max(1.0, (1.0 + product) / (1.0 - product) / max(spread_bias, 0.5))


def pooled_spread(with_: Sequence[float], without: Sequence[float]) -> float:
    """The pooled day-to-day standard deviation of two groups (one with two or more
    values is enough)."""
    groups = [group for group in (with_, without) if len(group) >= 2]
    if not groups:
        raise ValueError("a spread needs two values in one group")
    total = math.fsum((len(group) - 1) * variance(group) for group in groups)
    return math.sqrt(total / sum(len(group) - 1 for group in groups))


def least_squares(rows: Sequence[Sequence[float]], outcome: Sequence[float],
                  confidence: float = CONFIDENCE, *, floor: float = RATING_FLOOR
                  ) -> Interval | None:
    """The coefficient of the first column, adjusted for the others, with its t interval.

    ``rows`` hold the factor (1 with, 0 without) then the covariates; an intercept is
    added. Covariates are centred and scaled first, so minutes and metres sit on one
    footing. None when the model cannot be fitted (too few rows, or a covariate that says
    the same as another). Rows in time order: the residuals' run-to-run correlation widens
    the interval (:func:`serial_inflation`); ``floor`` is the smallest residual variance.
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
    inflation = serial_inflation(columns[0], residuals)
    df = (n - p) / inflation
    s2 = max(math.fsum(r * r for r in residuals) / (n - p), floor)
    se = math.sqrt(s2 * inverse[1][1] * inflation)
    half = t_quantile(0.5 + confidence / 2, df) * se
    return Interval(beta[1], beta[1] - half, beta[1] + half, df, math.sqrt(s2),
                    two_sided_p(beta[1] / se, df), inflation)


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
