"""``coach runs import``: watch files, folders and exports into the history, a line a file.

Apart from the other ``coach runs`` commands because it is the one that reads many files and
may take a while: each file's line is printed as soon as it is read, with a progress bar on
a terminal. Never imports Textual or Rich.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Final

from coach.cli.database import open_history
from coach.cli.runs import store_error

PROGRESS_FROM: Final = 20
"""Files after which an import to a terminal shows how far it has got."""


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from coach.runs.importer import import_paths
    from coach.runs.sources import Bad
    from coach.store import StoreError

    store = open_history(create=True)
    assert store is not None
    stream = sys.stderr
    showing = bool(getattr(stream, "isatty", lambda: False)())

    paths = [Path(path) for path in args.paths]
    expected = expected_files(paths) if showing else None
    shown = [""]

    def progress(count: int) -> None:
        if showing and count >= PROGRESS_FROM and count % 10 == 0:
            shown[0] = progress_text(count, expected)
            stream.write(f"\r{shown[0]}")
            stream.flush()

    def said(line: Bad) -> None:
        if shown[0]:
            stream.write("\r\033[K")
        print(line.line(), file=stream, flush=True)
        if shown[0]:
            stream.write(shown[0])
            stream.flush()

    try:
        with store:
            summary = import_paths(paths, store,
                                   progress=progress, said=said,
                                   check_runs=args.not_a_run_check == "on")
    except StoreError as error:
        raise store_error(error) from None
    finally:
        if showing:
            stream.write("\r\033[K")
    if args.json:
        import json

        print(json.dumps({
            "added": summary.added, "already": summary.already,
            "skipped": dict(sorted(summary.skipped.items())),
            "bad": [{"file": bad.name, "problem": bad.problem} for bad in summary.bad],
            "notes": [{"file": note.name, "note": note.problem} for note in summary.notes],
        }, ensure_ascii=False))
    else:
        print(summary.line())
    return summary.exit_code


BAR_WIDTH: Final = 24


def expected_files(paths: list[Path]) -> int | None:
    """How many activity files an import of ``paths`` will read, when that is cheap to
    know (plain files and folders); None with an archive among them."""
    from coach.runs.containers import Folder
    from coach.runs.sources import kind_of_name

    total = 0
    for path in paths:
        if path.is_dir():
            kinds = [kind_of_name(name) for name in Folder(path).names()]
            if "zip" in kinds or any(name.lower().endswith(".csv")
                                     for name in Folder(path).names()):
                return None
            total += sum(kind is not None for kind in kinds)
        elif kind_of_name(path.name) in ("fit", "gpx", "tcx"):
            total += 1
        else:
            return None
    return total or None


def progress_text(count: int, expected: int | None) -> str:
    """``reading ██████░░░░ 120/300 files``, or a count when the total is not known."""
    if expected is None or count > expected:
        return f"reading… {count:,} files"
    filled = round(BAR_WIDTH * count / expected)
    return f"reading {'█' * filled}{'░' * (BAR_WIDTH - filled)} {count:,}/{expected:,} files"
