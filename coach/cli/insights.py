"""``coach insights``: what helps your legs, as a table or as JSON.

Each comparison is next-day soreness with a habit minus without it, with its 95 % interval,
the runs on each side and a verdict (:mod:`coach.insights.estimates`); an experiment's
result follows, marked randomised. Reads only, never creates a database, never imports
Textual or Rich.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from coach.cli import short_errors

if TYPE_CHECKING:
    from coach.insights.estimates import Estimate

WIDTH: Final = 78
def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``insights`` command."""
    insights = commands.add_parser(
        "insights",
        help="what helps your legs: next-day soreness with and without each habit",
        description="Compare next-day soreness after runs with and without the cool-down "
        "walk, the warm-up, post-run stretching and self-massage (overall and per body "
        "region), each with a 95 % interval and the runs on each side. Your own runs are "
        "an observational comparison; an experiment's result is randomised.",
    )
    insights.add_argument("--json", action="store_true",
                          help='print {"comparisons": [...]} instead of a table')
    short_errors(insights)  # argparse's own errors too: one line, status 2
    insights.set_defaults(handler=run_insights)


def read_estimates(now: Callable[[], datetime] | None = None) -> list[Estimate]:
    """Every comparison from the data folder's database (none yet: the empty ones)."""
    from coach import locations
    from coach.cli import UserError
    from coach.insights.overview import estimates_for
    from coach.record.models import utc_now
    from coach.store import Store, StoreError

    path = locations.database_file()
    try:
        store = Store.open(path) if path.exists() else Store.memory()
        with store:
            return estimates_for(store, (now or utc_now)())
    except StoreError as error:
        raise UserError(str(error)) from error


def run_insights(args: argparse.Namespace) -> int:
    estimates = read_estimates()
    if args.json:
        import json

        document = {"comparisons": [estimate.to_json() for estimate in estimates]}
        sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(table(estimates))
    return 0


def _region(estimate: Estimate) -> str:
    from coach.record.scales import REGION_LABELS

    if estimate.region is None:
        return "overall"
    return REGION_LABELS.get(estimate.region, estimate.region)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _interval(estimate: Estimate) -> str:
    from coach.insights.estimates import signed

    if estimate.low is None or estimate.high is None:
        return ""
    return f"{signed(estimate.low)} to {signed(estimate.high)}"


def table(estimates: Sequence[Estimate]) -> str:
    """The readable page: a small table per factor, then the plain words and the methods."""
    import textwrap

    from coach.insights.estimates import signed
    from coach.insights.factors import factor_words

    lines = ["What helps you: next-day soreness (0-10), with minus without; below 0 means",
             "less sore with it.", ""]
    methods: list[str] = []
    blocks: dict[tuple[bool, str], list[Estimate]] = {}
    for estimate in estimates:
        blocks.setdefault((estimate.randomised, estimate.factor), []).append(estimate)
    for (randomised, factor), group in blocks.items():
        kind = "experiment (randomised)" if randomised else "your runs (observational)"
        marks = []
        for estimate in group:
            if estimate.method not in methods:
                methods.append(estimate.method)
            mark = "*" * (methods.index(estimate.method) + 1)
            if mark not in marks:
                marks.append(mark)
        lines += [f"{_cut(factor_words(factor, capital=True), 40)}, {kind}{' '.join(marks)}",
                  f"  {'region':<17} {'with':>4} {'w/o':>4} {'diff':>6}   "
                  f"{'95 % interval':<14}  verdict"]
        for estimate in group:
            difference = "" if estimate.difference is None else signed(estimate.difference)
            lines.append(
                f"  {_cut(_region(estimate), 17):<17} {estimate.n_with:>4} "
                f"{estimate.n_without:>4} {difference:>6}   {_interval(estimate):<14}  "
                f"{estimate.verdict}"
            )
        lines.append("")
    lines.append("In plain words:")
    for estimate in estimates:
        if estimate.region is not None:
            continue
        kind = "experiment" if estimate.randomised else "your runs"
        text = (f"{factor_words(estimate.factor)} ({kind}): {estimate.sentence}; "
                f"{estimate.plan}.")
        lines += textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="    ")
    lines.append("")
    for number, method in enumerate(methods, 1):
        lines += textwrap.wrap(f"{'*' * number} {method}.", WIDTH, subsequent_indent="  ")
    return "\n".join(lines) + "\n"
