"""``coach routines export``: a routine as a watch workout (FIT) or intervals.icu text.

Kept apart from the read-only routine commands because it writes a file (atomically, under a
plain name a watch's drive takes) and loads the watch encoders, which no other command needs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.routines import _report, _resolve, _user_error


def export_routine(args: argparse.Namespace) -> int:
    from coach.routine.loader import RoutineError

    try:
        routine = _resolve(args.routine)
    except RoutineError as error:
        return _report(error)
    data: bytes
    if args.format == "fit":
        from coach.watch.fit_workout import fit_workout

        data = fit_workout(routine)
    else:
        from coach.watch.icu import icu_workout

        data = icu_workout(routine).encode("utf-8")
    # A routine's id comes from its file name, which can hold anything: the file written
    # for it has a plain name a watch's drive takes, never a hidden one or one like -rf.
    from coach.cli.routines_files import slugify

    file_name = f"{slugify(routine.id) or 'routine'}.{'fit' if args.format == 'fit' else 'txt'}"
    out = args.out if args.out is not None else (file_name if args.format == "fit" else "-")
    if out == "-":
        if args.format == "fit" and sys.stdout.isatty():
            raise _user_error("a FIT file is binary and would garble the terminal; give --out "
                              f"FILE (e.g. --out {file_name}) or redirect it: > {file_name}")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    from coach.files import FileProblem, write_bytes_atomic
    from coach.text import one_line

    target = Path(out).expanduser()
    if target.is_dir():  # --out GARMIN/NewFiles: the file goes inside, as cp would put it
        target = target / file_name
    try:
        written = write_bytes_atomic(target, data)
    except FileProblem as problem:
        raise _user_error(str(problem)) from None
    print(f"Wrote {one_line(written)}", file=sys.stderr)
    if args.format == "fit":
        print("On a Garmin watch: connect it by USB and copy the file into its GARMIN/NewFiles "
              "folder; the workout appears under Training > Workouts.", file=sys.stderr)
    return 0
