"""``coach export`` and ``coach import``: the history in and out of coach.db.

These never open a screen, so they never import Textual. Every problem (a missing file, a
malformed export, a damaged or locked database) is one line from :class:`UserError`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from coach.cli import UserError


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's sub-commands."""
    export = commands.add_parser(
        "export",
        help="write the session history and soreness log as JSON or CSV",
        description="Write the session history and soreness log. JSON keeps everything and "
        "can be imported on another computer; CSV has one row per session for spreadsheets.",
    )
    export.add_argument(
        "--format", choices=("json", "csv"), default="json",
        help="json (complete, for `coach import`) or csv (for spreadsheets); default json",
    )
    export.add_argument(
        "--out", metavar="FILE", type=Path,
        help="write to FILE instead of the standard output",
    )
    export.set_defaults(handler=run_export)

    import_ = commands.add_parser(
        "import",
        help="add the sessions of a JSON export to this computer's history",
        description="Add the sessions and soreness entries of a `coach export` JSON file. "
        "Entries already present are skipped, so importing a file twice adds nothing; a "
        "malformed file is refused as a whole.",
    )
    import_.add_argument("file", metavar="FILE", help="a JSON file from `coach export` (- reads "
                         "the standard input)")
    import_.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from coach import locations
    from coach.store import Store, StoreError
    from coach.store.exchange import export_csv, export_json

    path = locations.database_file()
    try:
        # No database yet: export an empty history rather than create one.
        store = Store.open(path) if path.exists() else Store.memory()
        with store:
            text = export_csv(store) if args.format == "csv" else export_json(store)
            count = store.count_sessions()
    except StoreError as error:
        raise UserError(str(error)) from error
    if args.out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    _write_file(args.out, text)
    print(f"Exported {count} sessions to {args.out}", file=sys.stderr)
    return 0


def _write_file(target: Path, text: str) -> None:
    """Write all of ``text`` or leave ``target`` as it was: a temporary file is renamed."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        import tempfile

        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise UserError(
            f"cannot write {target}: {error.strerror or error}; choose another --out"
        ) from error
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(
            f"cannot write {target}: {error.strerror or error}; choose another --out"
        ) from error


def run_import(args: argparse.Namespace) -> int:
    from coach.store import Store, StoreError
    from coach.store.exchange import import_json

    name: str = args.file
    text = _read_input(name)
    try:
        with Store.open() as store:
            result = import_json(store, text, source=name if name != "-" else "the input")
    except StoreError as error:
        raise UserError(str(error)) from error
    print(f"Imported {name}: {result.text()}")
    return 0


def _read_input(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{name} is a folder; give the JSON file made by `coach export`") from None
    except UnicodeDecodeError:
        raise UserError(
            f"{name} is not UTF-8 text; give the JSON file made by `coach export`"
        ) from None
    except OSError as error:
        raise UserError(f"cannot read {name}: {error.strerror or error}") from None
