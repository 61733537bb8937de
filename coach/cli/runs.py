"""``coach runs``: real runs from watch files and exports, without a screen.

    coach runs import ~/Downloads/export_12345.zip ~/Garmin/Activities
    coach runs list --json
    coach runs set 3f2a --surface trail --shoe "Pegasus 40" --effort 6

Every bad file is one line on standard error naming it and its problem; the summary goes to
standard output. Exit status: 0 all well, 1 some files could not be read (the others were
imported), 2 a mistake on the command line. Never imports Textual or Rich.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from coach.cli.database import open_history

if TYPE_CHECKING:

    from coach.store import Store
    from coach.store.runs import StoredRun



def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``runs`` and its actions."""
    runs = commands.add_parser(
        "runs", help="import runs from watch files and exports; list, show, correct them",
        description="Runs from FIT, GPX and TCX files (also .gz), folders of them, and the "
        "bulk export zips of Strava and Garmin, each linked to its warm-up and cool-down.",
    )
    runs.set_defaults(handler=lambda _args: _usage(runs))
    actions = runs.add_subparsers(title="actions", metavar="ACTION")

    add = actions.add_parser(
        "import", help="read files, folders and export zips",
        description="Read activity files (FIT, GPX, TCX, plain or .gz), folders of them "
        "(recursively) and Strava or Garmin export zips. Every activity in a file is its "
        "own run (each leg of a multisport file too); importing again adds nothing; "
        "rides, swims and other sports are skipped; an activity that moves like a car or "
        "a swim is left out with a line; bad files and the parts of files that could not "
        "be read are named, one line each, as they are found. See docs/runs.md.",
    )
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--json", action="store_true", help="print the summary as JSON")
    add.add_argument(
        "--not-a-run-check", choices=("on", "off"), default="on", metavar="on|off",
        help="off: import every activity a file calls a run (or names no sport for), even "
        "one faster than 25 km/h or slower than 3 km/h on average, which are left out "
        "by default as a drive, a ride or a swim (default: on)")
    add.set_defaults(handler=run_import)

    listing = actions.add_parser("list", help="every run, newest first")
    listing.add_argument("--json", action="store_true",
                         help='print {"runs": [...]} for scripts')
    listing.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="one run and its linked sessions")
    show.add_argument("id", metavar="ID", help="a run's id (or its first characters)")
    show.add_argument("--json", action="store_true", help="print the run as JSON")
    show.set_defaults(handler=run_show)

    delete = actions.add_parser("delete", help="delete a run (a watched folder leaves it out)")
    delete.add_argument("id", metavar="ID")
    delete.set_defaults(handler=run_delete)

    change = actions.add_parser(
        "set", help="correct a run's surface, shoe or effort",
        description="Set or correct what the file did not say. Give none to clear a value, "
        'e.g. --surface none, --shoe "".',
    )
    change.add_argument("id", metavar="ID")
    change.add_argument("--surface", metavar="SURFACE",
                        help="road, trail, track, treadmill, or none")
    change.add_argument("--shoe", metavar="NAME", help='the shoe run in ("" for none)')
    change.add_argument("--effort", metavar="N", help="how hard it was, 0-10, or none")
    change.set_defaults(handler=run_set)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("coach runs: choose an action: import, list, show, delete or set", file=sys.stderr)
    return 2


def store_error(error: Exception) -> Exception:
    from coach.cli import UserError

    return UserError(str(error), exit_code=1)


# ---------------------------------------------------------------------------- import


def run_import(args: argparse.Namespace) -> int:
    """``coach runs import``, run from :mod:`coach.cli.runs_import`."""
    from coach.cli.runs_import import run_import as run

    return run(args)


# ---------------------------------------------------------------------------- list, show


def as_json(run: StoredRun) -> dict[str, Any]:
    """A run as ``coach runs list --json`` prints it."""
    from coach.record.models import to_iso

    def text(value: str | None) -> str | None:
        return None if value is None else shown(value)

    return {
        "id": run.id, "start": to_iso(run.start), "seconds": run.seconds,
        "distance_m": run.distance_m, "ascent_m": run.ascent_m, "descent_m": run.descent_m,
        "sport": shown(run.sport), "surface": text(run.surface), "effort": run.effort,
        "shoe": text(run.shoe), "source": shown(run.source), "sessions": list(run.sessions),
    }


def duration(seconds: float) -> str:
    """``58:20`` or ``1:02:10``, to the nearest second."""
    from coach.routine.durations import format_elapsed

    return format_elapsed(seconds)


def _km(metres: float | None) -> str:
    return "—" if metres is None else f"{metres / 1000:.2f} km"


def _metres(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} m"


def _effort(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def _local(run: StoredRun) -> str:
    return f"{run.start.astimezone():%Y-%m-%d %H:%M}"


def run_list(args: argparse.Namespace) -> int:
    from coach.store import StoreError

    store = open_history(create=False)
    found: list[StoredRun] = []
    if store is not None:
        try:
            with store:
                found = store.list_runs()
        except StoreError as error:
            raise store_error(error) from None
    if args.json:
        import json

        print(json.dumps({"runs": [as_json(run) for run in found]}, ensure_ascii=False))
        return 0
    if not found:
        print("No runs yet: import your watch's files with `coach runs import PATH`.")
        return 0
    rows = [("ID", "DATE", "DISTANCE", "TIME", "DESCENT", "SURFACE", "SHOE", "EFFORT",
             "SESSIONS")]
    rows.extend(
        (run.id[:8], _local(run), _km(run.distance_m), duration(run.seconds),
         _metres(run.descent_m), shown(run.surface), cut(shown(run.shoe), 24),
         _effort(run.effort), str(len(run.sessions)))
        for run in found
    )
    from coach.cli.table import table

    print("\n".join(table(rows)))
    return 0


def shown(text: str | None) -> str:
    """Text from the database as printed: cleaned again of terminal controls (C1 ones such
    as U+009B too), whatever program wrote it; ``—`` for none."""
    from coach.text import clean

    return "—" if text is None else clean(text, newlines=False)


def cut(text: str, length: int) -> str:
    text = shown(text)
    return text if len(text) <= length else text[:length - 1] + "…"


def _find(store: Store, run_id: str) -> StoredRun:
    from coach.cli import UserError
    from coach.store import NotFoundError
    from coach.text import one_line

    try:
        return store.get_run(run_id.strip())
    except NotFoundError as error:
        raise UserError(one_line(error)) from None


def _no_runs(run_id: str) -> Exception:
    from coach.cli import UserError
    from coach.text import one_line

    return UserError(f'no run has the id "{one_line(run_id)}": there are no runs yet; import '
                     "some with `coach runs import PATH`")


def run_show(args: argparse.Namespace) -> int:
    from coach.store import StoreError

    store = open_history(create=False)
    if store is None:
        raise _no_runs(args.id)
    try:
        with store:
            run = _find(store, args.id)
            linked = [(role, store.get_session(session_id).summary)
                      for role, ids in (("warm-up", run.warm_ups), ("cool-down", run.cool_downs))
                      for session_id in ids]
    except StoreError as error:
        raise store_error(error) from None
    if args.json:
        import json

        print(json.dumps(as_json(run), ensure_ascii=False))
        return 0
    lines = [
        f"Run {run.id}",
        f"  start       {_local(run)}",
        f"  distance    {_km(run.distance_m)}",
        f"  time        {duration(run.seconds)} moving"
        + (f" ({duration(run.elapsed_seconds)} in all)"
           if run.elapsed_seconds - run.seconds >= 1 else ""),
        f"  ascent      {_metres(run.ascent_m)}",
        f"  descent     {_metres(run.descent_m)}",
        f"  surface     {shown(run.surface)}",
        f"  shoe        {shown(run.shoe)}",
        f"  effort      {_effort(run.effort)}" + (" of 10" if run.effort is not None else ""),
    ]
    if run.feel is not None:
        lines.append(f"  feel        {run.feel} of 100")
    if run.average_hr is not None:
        lines.append(f"  heart rate  {run.average_hr:.0f} bpm on average")
    lines.append(f"  source      {shown(run.source)}")
    for role, summary in linked:
        lines.append(f"  {role:<11} {summary.started_at.astimezone():%Y-%m-%d %H:%M}  "
                     f"{cut(summary.routine_name, 40)}  ({summary.id})")
    if not linked:
        lines.append("  sessions    none linked (a warm-up within 2 hours before, or a "
                     "cool-down within 2 hours after)")
    print("\n".join(lines))
    return 0


# ---------------------------------------------------------------------------- change


def run_delete(args: argparse.Namespace) -> int:
    from coach.store import StoreError

    store = open_history(create=False)
    if store is None:
        raise _no_runs(args.id)
    try:
        with store:
            run = _find(store, args.id)
            store.delete_run(run.id)
    except StoreError as error:
        raise store_error(error) from None
    print(f"Deleted the run of {_local(run)} ({_km(run.distance_m)}).")
    return 0


def says_none(text: str | None) -> bool:
    return text is not None and text.strip().lower() in ("none", "null", "-")


def run_set(args: argparse.Namespace) -> int:
    from coach.cli import UserError
    from coach.record.runs import SURFACES
    from coach.store import StoreError
    from coach.text import one_line

    changes: dict[str, Any] = {}
    if args.surface is not None:
        surface = args.surface.strip().lower()
        if says_none(surface) or surface == "":
            changes["surface"] = None
        elif surface in SURFACES:
            changes["surface"] = surface
        else:
            raise UserError(f'--surface "{one_line(args.surface)[:30]}": use one of '
                            f"{', '.join(SURFACES)} or none, e.g. --surface trail")
    if args.shoe is not None:
        changes["shoe"] = args.shoe or None
    if args.effort is not None:
        changes["effort"] = None if says_none(args.effort) else _effort_value(args.effort)
    if not changes:
        raise UserError("give --surface, --shoe or --effort, e.g. coach runs set ID "
                        "--surface trail")
    store = open_history(create=False)
    if store is None:
        raise _no_runs(args.id)
    try:
        with store:
            run = store.update_run(_find(store, args.id).id, **changes)
    except StoreError as error:
        raise store_error(error) from None
    print(f"Run of {_local(run)}: surface {shown(run.surface)}, shoe {shown(run.shoe)}, "
          f"effort {_effort(run.effort)}")
    return 0


def _effort_value(text: str) -> float:
    from coach.cli import UserError
    from coach.text import one_line

    try:
        value = float(text.strip())
    except ValueError:
        value = -1.0
    if not 0 <= value <= 10:  # also refuses NaN
        raise UserError(f'--effort "{one_line(text)[:30]}": a number from 0 (rest) to 10 '
                        "(maximal), e.g. --effort 6")
    return round(value, 1)
