""""What helps you" as a picture: each estimate's 95 % interval as a bar on one scale.

Every comparison is next-day soreness with a habit minus without it, so all of them share
one axis: left of 0 is less sore with it, right of 0 more sore. The bar spans the interval
and the dot marks the difference; the words beside it are the estimate's own sentence, so
the numbers read are the numbers drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coach.insights.estimates import Estimate
from coach.insights.factors import factor_words
from coach.record.scales import REGION_LABELS
from coach.ui.literal import rich_literal

BAR: Final = 25
"""Cells of the axis every interval is drawn on."""
MOST: Final = 10
"""The axis never runs past ±10 points: the whole 0–10 scale."""
VERDICT_STYLES: Final = {"helps": "success", "hurts": "error",
                         "no difference shown": "accent", "too few": "text-muted"}
"""Theme colour names for each verdict."""


def axis_limit(estimates: Sequence[Estimate]) -> int:
    """The half-width of the common axis in whole points: every interval fits, at least 2."""
    ends = [abs(value) for e in estimates for value in (e.low, e.high, e.difference)
            if value is not None and e.verdict != "too few"]
    return max(2, min(MOST, math.ceil(max(ends, default=0.0))))


def _column(value: float, limit: int, width: int) -> int:
    clamped = max(-limit, min(limit, value))
    return round((clamped + limit) / (2 * limit) * (width - 1))


def interval_bar(estimate: Estimate, limit: int, colours: dict[str, str],
                 width: int = BAR) -> Text:
    """``──━━━●━━│────``: the interval and the difference on the axis, 0 marked."""
    cells = ["─"] * width
    zero = _column(0.0, limit, width)
    cells[zero] = "│"
    text = Text()
    if estimate.verdict == "too few" or estimate.low is None or estimate.high is None:
        text.append("".join(cells), style=colours.get("text-disabled", "dim"))
        return text
    low, high = _column(estimate.low, limit, width), _column(estimate.high, limit, width)
    style = colours.get(VERDICT_STYLES[estimate.verdict], "")
    middle = _column(estimate.difference or 0.0, limit, width)
    for column in range(width):
        if low <= column <= high:
            char = "●" if column == middle else "━"
            text.append(char, style=f"bold {style}")
        else:
            text.append(cells[column], style=colours.get("text-muted", "dim"))
    return text


def axis_line(limit: int, width: int = BAR) -> Text:
    """The scale under the header: ``−3 less sore   0   more sore +3``."""
    left, right = f"−{limit}", f"+{limit}"
    zero = _column(0.0, limit, width)
    line = [" "] * width
    for offset, char in enumerate(left):
        line[offset] = char
    for offset, char in enumerate(right):
        line[width - len(right) + offset] = char
    line[zero] = "0"
    return Text("".join(line), style="dim")


def _label(estimate: Estimate, by_region: bool) -> Text:
    words = factor_words(estimate.factor, capital=True)
    if by_region:
        region = REGION_LABELS.get(estimate.region or "", estimate.region or "")
        words = f"{region} · {words[:1].lower()}{words[1:]}"
    if estimate.randomised:
        words = f"{words} (experiment)"
    return rich_literal(words, "bold" if not by_region else "", newlines=False)


def _words(estimate: Estimate, plan: bool) -> Text:
    text = Text()
    text.append(rich_literal(estimate.sentence, "italic" if estimate.verdict == "too few" else ""))
    counts = (f"{estimate.n_with} {'run' if estimate.n_with == 1 else 'runs'} with, "
              f"{estimate.n_without} without")
    text.append(f"\n{counts}" + (f"; {estimate.plan}" if plan else ""), style="dim")
    return text


def estimates_table(estimates: Sequence[Estimate], limit: int, colours: dict[str, str],
                    *, by_region: bool = False) -> Table:
    """One row per estimate: what, the bar on the common axis, the words."""
    table = Table(box=None, show_header=True, header_style="dim", padding=(0, 1),
                  show_edge=False, expand=True)
    table.add_column("", no_wrap=False, ratio=2, min_width=24)
    table.add_column(axis_line(limit), no_wrap=True, width=BAR)
    table.add_column("", ratio=4)
    for estimate in estimates:
        table.add_row(_label(estimate, by_region), interval_bar(estimate, limit, colours),
                      _words(estimate, plan=not by_region))
    return table


def helps_view(estimates: Sequence[Estimate], colours: dict[str, str]) -> RenderableType:
    """The overall comparisons, then each body region's, on one axis."""
    overall = [e for e in estimates if e.region is None]
    regions = [e for e in estimates if e.region is not None and e.n_with + e.n_without > 0]
    limit = axis_limit([*overall, *regions])
    parts: list[RenderableType] = [estimates_table(overall, limit, colours)]
    if regions:
        parts += [Text(), Text("By region", style="bold"),
                  estimates_table(regions, limit, colours, by_region=True)]
    return Group(*parts)


def methods(estimates: Sequence[Estimate]) -> list[tuple[str, list[str]]]:
    """How the comparisons were made, each once, in the order first used, with the
    factors (overall comparisons) each way was used for."""
    found: dict[str, list[str]] = {}
    for estimate in estimates:
        names = found.setdefault(estimate.method, [])
        if estimate.region is None:
            names.append(factor_words(estimate.factor, capital=not names))
    return list(found.items())
