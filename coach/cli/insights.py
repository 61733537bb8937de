"""``coach insights``: what helps your legs, as readable lines or as JSON.

Each comparison is next-day soreness with a habit minus without it, with its 95 % interval,
the runs on each side and a verdict (:mod:`coach.insights.estimates`), judged together with
every comparison shown beside it (:mod:`coach.insights.family`). The overall rows come
first, one short line per habit; each body region's rows only with ``--regions`` (which also
makes the family they are judged in larger). An experiment's result follows, marked
randomised. Reads only, never creates a database, never imports Textual or Rich.
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
                          help='print {"comparisons": [...]} instead of the lines')
    insights.add_argument("--regions", action="store_true",
                          help="also compare each body region (judged together with the "
                          "overall rows, so each verdict must clear a higher bar)")
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
    from coach.insights.family import shown

    estimates = shown(read_estimates(), regions=args.regions)
    if args.json:
        import json

        document = {
            "comparisons": [estimate.to_json() for estimate in estimates],
            "regions_shown": args.regions,
            "family_size": max((e.family for e in estimates if not e.randomised), default=0),
            "correction": "Holm",
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(page(estimates, regions=args.regions))
    return 0


def _region(estimate: Estimate) -> str:
    from coach.record.scales import REGION_LABELS

    if estimate.region is None:
        return "overall"
    return REGION_LABELS.get(estimate.region, estimate.region)


def _line(estimate: Estimate, label: str) -> str:
    """One short line: what, the verdict in words, the runs on each side."""
    return (f"{label}: {estimate.sentence}; {estimate.n_with} with, "
            f"{estimate.n_without} without")


def page(estimates: Sequence[Estimate], regions: bool = False) -> str:
    """The readable page: the overall rows as one short line per habit, then each region's
    (``regions``), the experiments', the plan and how it was worked out."""
    import textwrap

    from coach.insights.factors import factor_words

    observed = [e for e in estimates if not e.randomised]
    overall = [e for e in observed if e.region is None]
    runs = max((e.n_with + e.n_without for e in overall), default=0)
    out = [f"What helps you: next-day soreness (0-10) with a habit minus without it; "
           f"{runs} run{'s' if runs != 1 else ''} rated the day after."]
    if not estimates:
        out.append("No runs rated the next day yet. After a run with your after-run routine, "
                   "rate your legs the next day; once a few runs have both, coach compares "
                   "them here.")
        return _wrap(out, [])
    family = max((e.family for e in observed), default=0)
    if family > 1:
        out.append(f"A verdict counts only if it holds with all {family} comparisons shown "
                   "together (Holm's correction): with many rows, one looks good by chance.")
    lines: list[str] = []
    if overall:
        lines.append("")
        lines.append("Your runs (observational)")
        lines += [_line(e, "  " + factor_words(e.factor, capital=True)) for e in overall]
    if regions:
        by_region = [e for e in observed if e.region is not None]
        if by_region:
            lines += ["", "By body region"]
            lines += [_line(e, f"  {_region(e)} · {factor_words(e.factor)}") for e in by_region]
    randomised = [e for e in estimates if e.randomised]
    if randomised:
        lines += ["", "Experiments (randomised)"]
        lines += [_line(e, "  " + factor_words(e.factor, capital=True)) for e in randomised]
    plans: dict[str, list[str]] = {}  # one line per plan, naming every habit it is for
    for e in overall + randomised:
        plans.setdefault(e.plan, []).append(factor_words(e.factor, capital=not plans.get(e.plan)))
    if plans:
        lines += ["", "To tell more"] + [f"  {', '.join(names)}: {words}."
                                         for words, names in plans.items()]
    methods: list[str] = []
    for estimate in estimates:
        if estimate.method not in methods:
            methods.append(estimate.method)
    lines += ["", "How"] + [f"  {method}." for method in methods]
    if family:
        lines.append(f"  Verdicts of your runs: the {family} comparison{'s' if family != 1 else ''}"
                     " with an interval judged together (Holm's correction); an experiment "
                     "is judged alone, its one question asked before its runs.")
    if not regions:
        lines += ["", "Each body region too: coach insights --regions"]
    wrapped = []
    for text in lines:
        indent = "    " if text.startswith("  ") else "  "
        wrapped += textwrap.wrap(text, WIDTH, subsequent_indent=indent) or [""]
    return _wrap(out, wrapped)


def _wrap(paragraphs: list[str], lines: list[str]) -> str:
    import textwrap

    out: list[str] = []
    for paragraph in paragraphs:
        out += textwrap.wrap(paragraph, WIDTH)
    return "\n".join(out + lines) + "\n"
