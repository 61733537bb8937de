"""Comparisons shown together are judged together: Holm's correction on the shown family.

A runner never reads one interval: the what-helps screen and ``coach insights`` show every
habit side by side (and, on request, every body region too). If each comparison had its own
5 % chance of a false "helps" or "hurts", four habits would fool about one runner in five,
sixteen rows with regions about one in two. So a verdict is given only when it survives a
correction for everything shown with it.

Why Holm (1979): it keeps the chance of *any* false verdict among the shown comparisons at
5 %, whatever their dependence (the same runs feed every row, the regions go with the
overall rating), needs no model of how big effects usually are, and can be checked by hand:
sort the p-values, compare the smallest with 0.05 / m, the next with 0.05 / (m − 1), and stop
at the first that fails. It is uniformly more powerful than Bonferroni and gives up little
when, as here, only one or two habits truly matter. False-discovery control would allow a
share of false verdicts, which a single runner with a handful of rows cannot tell apart from
none; a shrinkage model would need a prior on effect sizes that no runner's history can
check.

The family is what is shown together: the overall comparisons by default, the overall and
every region's with regions shown (the screen's ``r``, ``--regions``). Rows with too few
runs draw no interval and are no test, so they are not counted. An experiment is its own
family of one: its single question was asked before any of its runs, so nothing was picked
after looking. The interval shown stays the comparison's own 95 % interval (it is the one
whose coverage is checked); a row whose interval clears 0 but does not survive says so in
words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from coach.insights import plan
from coach.insights.estimates import Estimate
from coach.insights.stats import CONFIDENCE

ALPHA: Final = 1 - CONFIDENCE


def holm(p_values: Sequence[float], alpha: float = ALPHA) -> list[bool]:
    """Which hypotheses Holm's step-down procedure rejects, in the order given."""
    order = sorted(range(len(p_values)), key=lambda index: p_values[index])
    rejected = [False] * len(p_values)
    m = len(p_values)
    for rank, index in enumerate(order):
        if p_values[index] > alpha / (m - rank):
            break
        rejected[index] = True
    return rejected


def judge(estimates: Sequence[Estimate]) -> list[Estimate]:
    """The estimates as shown together: each observational verdict kept only if Holm's
    correction over every observational comparison with an interval lets it stand; each
    experiment judged alone. Plans ("about N more runs") count the same family."""
    tested = [index for index, e in enumerate(estimates)
              if not e.randomised and e.p_value is not None]
    survived = holm([estimates[index].p_value or 1.0 for index in tested])
    keep = {index for index, ok in zip(tested, survived, strict=True) if ok}
    size = len(tested)
    judged = []
    for index, e in enumerate(estimates):
        if e.randomised:
            judged.append(e)
            continue
        alone = e.alone or e.verdict
        verdict = alone
        if alone in ("helps", "hurts") and index not in keep:
            verdict = "no difference shown"
        more = plan.more_runs(e.n_with, e.n_without, e.spread, family=max(size, 1),
                              inflation=e.inflation)
        judged.append(replace(e, verdict=verdict, alone=alone, family=size, more=more))
    return judged


def shown(estimates: Sequence[Estimate], regions: bool) -> list[Estimate]:
    """What a page shows, judged as one family: overall rows first, then (with ``regions``)
    each region's rows."""
    overall = [e for e in estimates if e.region is None]
    chosen = overall + ([e for e in estimates if e.region is not None] if regions else [])
    return judge(chosen)
