"""``coach export`` and ``coach import``: the history in and out of coach.db.

These never open a screen, so they never import Textual. Every problem (a missing file, a
malformed export, a damaged or locked database, a full disk, a closed pipe) is one line
from :class:`UserError`. An import file is read as outside data: regular files only, never
blocking, with a size cap, and checked whole before the database is even opened.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any

from coach.cli import UserError
from coach.text import one_line

EXPORT_MODE = 0o600
"""An export is readable only by its owner, whatever an old file it replaces allowed: it
holds health notes."""


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add this module's sub-commands."""
    export = commands.add_parser(
        "export",
        help="write the session history and soreness log as JSON or CSV",
        description="Write the session history and soreness log. JSON keeps everything and "
        "can be imported on another computer; CSV (for spreadsheets) has a table of sessions, "
        "one of soreness logged on its own and one of imported runs.",
    )
    export.add_argument(
        "--format", choices=("json", "csv"), default="json",
        help="json (complete, for `coach import`) or csv (for spreadsheets); default json",
    )
    export.add_argument(
        "--out", metavar="FILE", type=Path,
        help="write to FILE instead of the standard output: a new file, or a regular file "
        "replaced whole (never a link, pipe or device)",
    )
    export.set_defaults(handler=run_export)

    import_ = commands.add_parser(
        "import",
        help="add the sessions of a JSON export to this computer's history",
        description="Add the sessions and soreness entries of a `coach export` JSON file. "
        "Entries already present are skipped, so importing a file twice adds nothing; a "
        "malformed file is refused as a whole, naming the place to fix. A session still in "
        "progress when it was exported is kept as interrupted.",
    )
    import_.add_argument("file", metavar="FILE", help="a JSON file from `coach export` (- reads "
                         "the standard input)")
    import_.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from coach import locations
    from coach.store import Store, StoreError
    from coach.store.exchange import export

    if args.out is not None:
        _check_target(args.out)
    path = locations.database_file()
    try:
        # No database yet: export an empty history rather than create one.
        store = Store.open(path) if path.exists() else Store.memory()
        with store:
            result = export(store, csv_format=args.format == "csv")
    except StoreError as error:
        raise UserError(str(error)) from error
    if args.out is None:
        written = _to_standard_output(result.text)
        if written == 0 and args.format == "csv":  # JSON stays quiet: it is for `coach import`
            print(f"Exported {result.held()}", file=sys.stderr)
        return written
    _write_file(args.out, result.text)
    print(f"Exported {result.held()} to {one_line(args.out)}", file=sys.stderr)
    return 0


def _to_standard_output(text: str) -> int:
    """Write the export to the standard output: a reader that stops early (``| head``) ends
    the command quietly, a full disk or a closed output is one line, never a traceback."""
    stream = sys.stdout
    if stream is None or getattr(stream, "closed_output", False):
        raise UserError("the standard output is closed; give --out FILE to write the export "
                        "to a file", exit_code=1)
    try:
        stream.flush()
        binary = getattr(stream, "buffer", None)
        if binary is None:
            stream.write(text)
        else:  # JSON is UTF-8 whatever the terminal's encoding
            rest = memoryview(text.encode("utf-8"))
            while rest:
                # A reader going away mid-write makes a write stop short, without error;
                # the next one then fails.
                written = binary.write(rest)
                if not written:
                    raise OSError(errno.EIO, "it accepted nothing")
                rest = rest[written:]
            binary.flush()
        stream.flush()
    except BrokenPipeError:
        _discard_standard_output()
        return 1
    except (OSError, ValueError) as error:  # ValueError: the stream was closed
        _discard_standard_output()
        reason = getattr(error, "strerror", None) or "it is closed"
        raise UserError(f"cannot write the export to the standard output ({reason}); free "
                        "some space or give --out FILE", exit_code=1) from None
    return 0


def _discard_standard_output() -> None:
    """Point file descriptor 1 at the null device, so Python's last flush at exit has
    somewhere to go instead of printing an "Exception ignored" traceback."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(descriptor, sys.stdout.fileno())
        finally:
            os.close(descriptor)
    except (OSError, ValueError, AttributeError):
        pass


def _check_target(target: Path) -> os.stat_result | None:
    """The existing target's status, or None if there is none; anything but a regular file
    is refused before any of it is touched."""
    from coach.files import kind_of

    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UserError(f"cannot write {one_line(target)}: {error.strerror or error}; choose "
                        "another --out") from None
    if stat.S_ISLNK(info.st_mode):
        what = "a symbolic link"
    elif not stat.S_ISREG(info.st_mode):
        what = kind_of(info.st_mode)
    else:
        return info
    raise UserError(f"{one_line(target)} is {what}; --out writes a new file or replaces a "
                    "regular one, so choose another --out")


def _write_file(target: Path, text: str) -> None:
    """Write all of ``text`` or leave ``target`` as it was: a synced temporary file in the
    same folder is renamed over it."""
    import tempfile

    _check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise UserError(
            f"cannot write {one_line(target)}: {error.strerror or error}; choose another --out"
        ) from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), EXPORT_MODE)
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(
            f"cannot write {one_line(target)}: {error.strerror or error}; it was left as it "
            "was (free some space, or choose another --out)", exit_code=1,
        ) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    from coach.files import sync_folder

    sync_folder(folder)


def run_import(args: argparse.Namespace) -> int:
    from coach.store import Store, StoreError
    from coach.store.exchange import ExchangeError, prepare, write

    name: str = args.file
    source = "the standard input" if name == "-" else name
    try:
        prepared = prepare(_read_standard_input() if name == "-" else _read_file(name), source)
        # The file is checked before the database is opened: a bad file creates nothing.
        with Store.open() as store:
            result = write(store, prepared)
    except (ExchangeError, StoreError) as error:
        raise UserError(str(error)) from error
    print(f"Imported {one_line(source)}: {result.text()}")
    return 0


def _read_file(name: str) -> bytes:
    from coach.files import FileProblem, read_bytes
    from coach.store.validate import MAX_FILE_BYTES

    try:
        return read_bytes(Path(name), MAX_FILE_BYTES, "coach export")
    except FileProblem as error:
        raise UserError(str(error)) from None


def _read_standard_input() -> bytes | str:
    """The standard input, up to the same limit as a file."""
    from coach.store.validate import MAX_FILE_BYTES

    stream = sys.stdin
    if stream is None:
        raise UserError("there is no standard input to read; give the export's file name "
                        "instead of -")
    source: Any = getattr(stream, "buffer", stream)
    chunks: list[Any] = []
    total = 0
    try:
        while total <= MAX_FILE_BYTES:
            chunk = source.read(min(1 << 20, MAX_FILE_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise UserError(f"cannot read the standard input ({one_line(reason)})") from None
    if total > MAX_FILE_BYTES:
        raise UserError(f"the standard input is too big for a coach export (over "
                        f"{MAX_FILE_BYTES / (1024 * 1024):.1f} MB); nothing was imported")
    empty: bytes | str = b"" if not chunks or isinstance(chunks[0], bytes) else ""
    return empty.join(chunks)
