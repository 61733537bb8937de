"""``coach experiment start|status|stop``: a fair test of one habit on your own legs.

``start cool-down|warm-up|stretch|massage [--runs N]`` draws a balanced random schedule
(permuted blocks of two and four) and stores it; ``status [--json]`` shows today's assignment
and, once enough runs are rated, the result; ``stop`` ends it, keeping its runs. A bad value
is one line naming the argument and its range, exit status 2. Never imports Textual or Rich.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from coach.cli import short_errors
from coach.cli.database import open_history

if TYPE_CHECKING:
    from coach.insights.experiment import State

WIDTH: Final = 78
FACTORS: Final = ("cool-down", "warm-up", "stretch", "massage")
"""As :data:`coach.store.experiments.FACTORS` (a test keeps them equal); spelled out here so
``--help`` does not import the store."""


def _now() -> datetime:
    from coach.record.models import utc_now

    return utc_now()


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the ``experiment`` command and its sub-commands."""
    experiment = commands.add_parser(
        "experiment",
        help="a fair test on yourself: does the cool-down (or warm-up, ...) help your legs?",
        description="Run a randomised experiment on one habit: coach tells you before each "
        "run whether to do it or skip it (half the runs each, in a fair random order) and "
        "compares how your legs feel the next day. A run flagged hard (effort 8 or more) or "
        "a warning sign pauses it: nothing is held back that day.",
    )
    short_errors(experiment)
    experiment.set_defaults(handler=run_status, json=False)
    actions = experiment.add_subparsers(title="actions", metavar="ACTION")
    start = actions.add_parser(
        "start", help="start an experiment on one habit",
        description="Start an experiment: a balanced random schedule of N runs, half with "
        "the habit and half without. One experiment at a time.",
    )
    start.add_argument("factor", metavar="FACTOR",
                       help=f"what to test: {', '.join(FACTORS)}")
    start.add_argument("--runs", metavar="N", default="12",
                       help="how many runs, an even number from 6 to 100 (default 12)")
    short_errors(start)
    start.set_defaults(handler=run_start)
    status = actions.add_parser("status", help="today's assignment, the runs so far, the result")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    short_errors(status)
    status.set_defaults(handler=run_status)
    stop = actions.add_parser("stop", help="stop the running experiment (its runs are kept)")
    short_errors(stop)
    stop.set_defaults(handler=run_stop)


def _words(factor: str) -> str:
    from coach.insights.factors import factor_words

    return factor_words(factor)


def _shown(value: str) -> str:
    from coach.text import one_line

    text = one_line(value)
    return text if len(text) <= 40 else text[:39] + "…"


def run_start(args: argparse.Namespace) -> int:
    from coach.cli import UserError
    from coach.insights import experiment
    from coach.store import StoreError

    factor = str(args.factor).strip()
    if factor not in FACTORS:
        raise UserError(f"FACTOR {_shown(args.factor)}: use one of {', '.join(FACTORS)}, "
                        "e.g. coach experiment start cool-down")
    text = str(args.runs).strip()
    runs = int(text) if text.isascii() and text.isdigit() else -1
    try:
        experiment.check_runs(runs)
    except ValueError as error:
        raise UserError(f"--runs {_shown(args.runs)}: {error}, e.g. --runs 12") from None
    store = open_history(create=True)
    assert store is not None
    moment = _now()
    try:
        with store:
            started = experiment.start(store, factor, moment, runs)
            first = experiment.today(store, moment)
    except experiment.ExperimentError as error:
        raise UserError(str(error), exit_code=1) from error
    except StoreError as error:
        raise UserError(str(error)) from error
    from coach.insights.plan import power_words

    out = [f"Started an experiment on the {_words(factor)}: {started.planned} runs, half "
           "with it and half without, in a fair random order; each run's assignment is told "
           "on its day, never ahead.",
           f"{power_words(started.planned)} (at a typical day-to-day spread); more runs "
           "find smaller differences more often (coach experiment start --runs N)."]
    if first is not None:
        out.append(first.sentence)
    out.append("See it any time with `coach experiment status`.")
    sys.stdout.write(_wrap(out))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from coach.cli import UserError
    from coach.insights import experiment
    from coach.store import StoreError

    store = open_history(create=False)
    state = None
    latest = None
    if store is not None:
        try:
            with store:
                moment = _now()
                state = experiment.status(store, moment)
                latest = experiment.run_note(store, moment) if state is not None else None
        except StoreError as error:
            raise UserError(str(error)) from error
    if args.json:
        import json

        document = state.to_json() if state is not None else {
            "factor": None, "planned": None, "done": 0, "schedule": [], "today": None,
            "result": None, "power": None,
        }
        sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    elif state is None:
        sys.stdout.write("No experiment yet. Start one with `coach experiment start "
                         "cool-down` (or warm-up, stretch, massage).\n")
    else:
        sys.stdout.write(describe(state, latest=latest))
    return 0


def run_stop(args: argparse.Namespace) -> int:
    from coach.cli import UserError
    from coach.insights import experiment
    from coach.store import StoreError

    store = open_history(create=False)
    if store is None:
        raise UserError("no experiment is running; nothing to stop", exit_code=1)
    try:
        with store:
            state = experiment.stop(store, _now())
    except experiment.ExperimentError as error:
        raise UserError(str(error), exit_code=1) from error
    except StoreError as error:
        raise UserError(str(error)) from error
    if state is None:
        sys.stdout.write("Stopped the running experiment: it was damaged in the database. "
                         "A new one can start.\n")
        return 0
    sys.stdout.write(_wrap([
        f"Stopped the experiment on the {_words(state.experiment.factor)} after {state.done} of "
        f"{state.experiment.planned} runs; its runs are kept."
    ]) + describe(state, heading=False))
    return 0


def _wrap(paragraphs: list[str]) -> str:
    import textwrap

    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, WIDTH, subsequent_indent="  ") or [""]
    return "\n".join(lines) + "\n"


def describe(state: State, heading: bool = True, latest: str | None = None) -> str:
    """The experiment in words: what, how far, today (``latest``: the word on a run just
    recorded, which takes the place of the day's instruction), the runs so far, the result."""
    from coach.insights.estimates import MIN_GROUP
    from coach.record.models import to_local

    experiment = state.experiment
    started = to_local(experiment.started_at)
    words = {"active": "running", "completed": "complete", "stopped": "stopped"}
    out: list[str] = []
    if heading:
        out.append(f"Experiment on the {_words(experiment.factor)}, {experiment.planned} runs, "
                   f"started {started.day} {started:%b %Y}: {words[experiment.status]}.")
    detail = f"Done: {state.done} of {experiment.planned} runs"
    extras = []
    if state.not_followed:
        extras.append(f"{state.not_followed} not as assigned")
    if state.skipped:
        extras.append(f"{len(state.skipped)} skipped for safety")
    out.append(detail + (f" ({', '.join(extras)})." if extras else "."))
    if latest is not None:
        out.append(f"Latest: {latest}")
    elif state.today is not None:
        out.append(f"Today: {state.today.sentence}")
    marks = [f"{day.number}:{day.arm}{'✓' if day.followed else '✗'}"
             for day in state.days if day.number is not None and day.arm is not None]
    if marks:  # the runs so far; the schedule ahead is never shown
        out.append("Runs so far: " + " ".join(marks))
    for day in state.skipped:
        moment = to_local(day.anchor_at)
        out.append(f"Skipped {moment.day} {moment:%b}: {day.skipped_reason}.")
    result = state.result
    counts = f"{state.estimate.n_with} with, {state.estimate.n_without} without"
    if result is None and experiment.status == "active":
        out.append(f"Result: not yet; it appears once both sides have {MIN_GROUP} runs rated "
                   f"the next day ({counts} so far).")
    elif result is None:
        out.append(f"Result: none; fewer than {MIN_GROUP} runs a side were rated the next "
                   f"day ({counts}).")
    else:
        out.append(f"Result (randomised, {result.n_with} runs with and {result.n_without} "
                   f"without): {result.sentence}.")
        out.append(f"Method: {result.method}.")
    if experiment.status != "stopped":
        out.append(state.estimate.plan[0].upper() + state.estimate.plan[1:] + ".")
    return _wrap(out)
