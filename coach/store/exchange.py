"""Moving history between machines (JSON) and into spreadsheets (CSV).

The JSON export is lossless and canonical: sorted keys and rows, fixed time format, so
exporting, importing into an empty database and exporting again gives the same bytes, and
two exports can be compared with ``diff``. Import is idempotent by UUID: importing a file
twice adds nothing, and importing another machine's export keeps both histories. A file
that is wrong anywhere is refused as a whole, before anything is written (a session that
was still in progress when it was exported arrives interrupted, so it round-trips as that).
The CSV's tables are written by :mod:`coach.store.spreadsheet`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import tzinfo
from typing import Any, Final

from coach.record.models import (
    SorenessEntry,
    StoreError,
    to_iso,
    utc_now,
)
from coach.store import sessions, soreness
from coach.store.spreadsheet import csv_text
from coach.store.store import Store
from coach.store.validate import (
    FORMAT,
    VERSION,
    Invalid,
    NotAnExport,
    ParsedSession,
    dump,
    read,
)
from coach.text import one_line

_SESSION_COLUMNS: Final = (
    "id, routine_id, routine_name, routine_kind, phase, started_at, ended_at, status,"
    " elapsed_seconds, pid, host, speed, source, timeline_json"
)


class ExchangeError(StoreError):
    """An import file coach cannot take; the message names the place and the problem."""


def counted(count: int, one: str, many: str) -> str:
    """``1 session``, ``2 sessions``, ``0 soreness entries``."""
    return f"{count:,} {one if count == 1 else many}"


def sessions_and_entries(session_count: int, entry_count: int) -> str:
    return (f"{counted(session_count, 'session', 'sessions')} and "
            f"{counted(entry_count, 'soreness entry', 'soreness entries')}")


@dataclass(frozen=True)
class ImportResult:
    added_sessions: int = 0
    skipped_existing: int = 0
    """Sessions whose id was already in the database (left as they were)."""
    added_soreness: int = 0
    updated_soreness: int = 0
    """Entries already present but edited later in the file being imported."""
    skipped_soreness: int = 0
    interrupted: int = 0
    """Added sessions that were in progress in the file, stored as interrupted."""
    added_runs: int = 0
    updated_runs: int = 0
    """Runs already present whose corrections were made later in the file being imported."""
    skipped_runs: int = 0
    added_experiments: int = 0
    skipped_experiments: int = 0
    stopped_experiments: int = 0
    """Running experiments that arrived while another ran here: kept, as stopped."""

    def text(self) -> str:
        runs = []
        if self.added_runs:
            runs.append("added " + counted(self.added_runs, "run", "runs"))
        if self.updated_runs:
            runs.append("updated " + counted(self.updated_runs, "run", "runs")
                        + " (surface, shoe or effort corrected later)")
        if self.skipped_runs:
            runs.append(counted(self.skipped_runs, "run", "runs") + " already present")
        if self.added_experiments:
            runs.append("added " + counted(self.added_experiments, "experiment", "experiments")
                        + (f" ({self.stopped_experiments} running there, kept as stopped: one "
                           "runs here already)" if self.stopped_experiments else ""))
        if self.skipped_experiments:
            runs.append(counted(self.skipped_experiments, "experiment", "experiments")
                        + " already present")
        return "; ".join([self._sessions_text(), *runs])

    def _sessions_text(self) -> str:
        if not (self.added_sessions or self.added_soreness or self.updated_soreness):
            if not (self.skipped_existing or self.skipped_soreness):
                return "the file holds no sessions and no soreness entries"
            return ("nothing new: " + sessions_and_entries(
                self.skipped_existing, self.skipped_soreness) + " already present")
        parts = ["added " + sessions_and_entries(self.added_sessions, self.added_soreness)]
        if self.interrupted:
            parts[0] += (f" ({counted(self.interrupted, 'session', 'sessions')} in progress "
                         "when exported, kept as interrupted)")
        if self.updated_soreness:
            parts.append("updated " + counted(self.updated_soreness, "soreness entry",
                                              "soreness entries"))
        if self.skipped_existing or self.skipped_soreness:
            parts.append("skipped " + sessions_and_entries(
                self.skipped_existing, self.skipped_soreness) + " already present")
        return "; ".join(parts)


@dataclass(frozen=True)
class Exported:
    """An export's text and what it holds, counted in the same snapshot."""

    text: str
    sessions: int
    soreness: int
    runs: int = 0
    previews: int = 0
    """Sessions played at another speed, among ``sessions``."""
    soreness_words: tuple[str, str] = ("soreness entry", "soreness entries")
    """What ``soreness`` counts: every entry (JSON), or those logged on their own (CSV)."""

    def held(self) -> str:
        """``6 sessions (1 preview), 2 soreness entries and 3 runs``: what was written."""
        parts = [counted(self.sessions, "session", "sessions")]
        if self.previews:
            parts[0] += f" ({counted(self.previews, 'preview', 'previews')})"
        parts.append(counted(self.soreness, *self.soreness_words))
        if self.runs or self.soreness_words != Exported.soreness_words:
            parts.append(counted(self.runs, "run", "runs"))
        if len(parts) == 2:
            return " and ".join(parts)
        return ", ".join(parts[:-1]) + " and " + parts[-1]


# ---------------------------------------------------------------------------- export


def export(store: Store, csv_format: bool = False, tz: tzinfo | None = None) -> Exported:
    """The JSON (or CSV) export with its counts of what it holds."""
    if not csv_format:
        return _export_json(store)
    with store.snapshot() as conn:
        found = store.list_sessions(limit=None)
        entries = soreness.history(conn, None, None, "standalone")
        from coach.store import runs as stored_runs

        runs = stored_runs.list_runs(conn)
    previews = sum(1 for summary in found if summary.is_preview)
    return Exported(csv_text(found, entries, runs, tz), len(found), len(entries), len(runs),
                    previews=previews, soreness_words=("soreness entry logged on its own",
                                                       "soreness entries logged on their own"))


def export_json(store: Store) -> str:
    """Everything in the database, as canonical JSON text ending in a newline.

    One session or soreness entry per line: ``diff`` shows what changed between two exports,
    and the fast C encoder does the work (pretty-printing with ``indent`` is many times slower
    on a big history).
    """
    return _export_json(store).text


def _export_json(store: Store) -> Exported:
    with store.snapshot() as conn:
        found = [_session_dict(row) for row in conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started_at, id"
        )]
        by_id = {session["id"]: session for session in found}
        for row in conn.execute(
            f"SELECT session_id, {sessions.STEP_COLUMNS} FROM steps ORDER BY session_id, seq"
        ):
            step = dict(zip(_STEP_KEYS, row[1:], strict=True))
            step["switch"] = bool(step["switch"])
            by_id[row[0]]["steps"].append(step)
        for session_id, dismissed_at in conn.execute(
            "SELECT session_id, dismissed_at FROM follow_ups"
        ):
            by_id[session_id]["follow_up_dismissed_at"] = dismissed_at
        entries = [_soreness_dict(entry) for entry in soreness.history(conn, None, None, None)]
        from coach.store.runs_exchange import runs_to_export, shoes_to_export

        runs = runs_to_export(conn)
        shoes = shoes_to_export(conn)
        from coach.store.experiments_exchange import experiments_to_export

        experiments = experiments_to_export(conn)
    lines = [
        "{",
        f'"format": {dump(FORMAT)},',
        f'"version": {VERSION},',
        '"sessions": [',
        *_items(found),
        "],",
        '"soreness": [',
        *_items(entries),
        "],",
        '"runs": [',
        *_items(runs),
        "],",
        '"shoes": [',
        *_items(shoes),
        "],",
        '"experiments": [',
        *_items(experiments),
        "]",
        "}",
    ]
    return Exported("\n".join(lines) + "\n", len(found), len(entries), len(runs))


def _items(items: list[dict[str, Any]]) -> list[str]:
    return [dump(item) + ("," if n < len(items) - 1 else "") for n, item in enumerate(items)]


_SESSION_KEYS: Final = tuple(name.strip() for name in _SESSION_COLUMNS.split(","))[:-1]
_STEP_KEYS: Final = tuple(name.strip() for name in sessions.STEP_COLUMNS.split(","))
_STEP_SLOTS: Final = ", ".join("?" * (len(_STEP_KEYS) + 1))


def _session_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    data: dict[str, Any] = dict(zip(_SESSION_KEYS, row[:-1], strict=True))
    data["timeline"] = json.loads(row[-1])
    data["steps"] = []
    data["follow_up_dismissed_at"] = None
    if data["source"] == "coach":
        del data["source"]  # the usual case goes unsaid, so older exports read the same
    return data


def _soreness_dict(entry: SorenessEntry) -> dict[str, Any]:
    return {
        "id": entry.id, "session_id": entry.session_id, "recorded_at": to_iso(entry.recorded_at),
        "timing": entry.timing, "overall": entry.overall, "regions": entry.regions,
        "effort": entry.effort, "run_minutes": entry.run_minutes, "note": entry.note,
        "advice": list(entry.advice) if entry.advice is not None else None,
        "updated_at": to_iso(entry.updated_at or entry.recorded_at),
        "flags": list(entry.flags),
    }


def export_csv(store: Store, tz: tzinfo | None = None) -> str:
    """Sessions, then soreness logged on its own, then runs: three tables, oldest first, each
    under its own header, a blank line between them; times in ``tz`` (the computer's zone by
    default)."""
    return export(store, csv_format=True, tz=tz).text


# ---------------------------------------------------------------------------- import


@dataclass(frozen=True)
class Prepared:
    """An import file, checked and ready to write."""

    sessions: list[ParsedSession]
    soreness: list[SorenessEntry]
    source: str
    runs: Any = None
    """The runs and shoes (a ``coach.store.runs_exchange.ParsedRuns``), or None."""
    experiments: tuple[Any, ...] = ()
    """The experiments (``coach.store.experiments_exchange.ParsedExperiment``)."""


def prepare(data: bytes | str, source: str = "the import file") -> Prepared:
    """Check a whole import file without touching any database; raises ExchangeError."""
    name = one_line(source)
    try:
        found, entries, (runs, experiments) = read(data)
    except NotAnExport as error:
        raise ExchangeError(f"{name} {error}") from None
    except Invalid as error:
        raise ExchangeError(f"{name}: {error}; nothing was imported") from None
    return Prepared(found, entries, name, runs, experiments)


def write(store: Store, prepared: Prepared) -> ImportResult:
    """Add what a prepared file holds that the database lacks; all or nothing."""
    try:
        with store.transaction() as conn:
            result = _write(conn, prepared.sessions, prepared.soreness)
            if prepared.runs is not None:
                from coach.store.runs_exchange import write_runs

                added, updated, already = write_runs(conn, prepared.runs, utc_now())
                result = replace(result, added_runs=added, updated_runs=updated,
                                 skipped_runs=already)
            if prepared.experiments:
                from coach.store.experiments_exchange import write_experiments

                new, present, stopped = write_experiments(conn, prepared.experiments,
                                                          utc_now())
                result = replace(result, added_experiments=new, skipped_experiments=present,
                                 stopped_experiments=stopped)
            return result
    except Invalid as error:
        raise ExchangeError(f"{prepared.source}: {error}; nothing was imported") from None


def import_json(store: Store, text: bytes | str,
                source: str = "the import file") -> ImportResult:
    """Add what ``text`` (an export) holds that the database lacks; all or nothing."""
    return write(store, prepare(text, source))


def _write(conn: sqlite3.Connection, found: list[ParsedSession],
           entries: list[SorenessEntry]) -> ImportResult:
    known = {row[0] for row in conn.execute("SELECT id FROM sessions")}
    new = [session for session in found if session.row[0] not in known]
    conn.executemany(
        "INSERT INTO sessions (id, routine_id, routine_name, routine_kind, phase, started_at,"
        " ended_at, status, elapsed_seconds, pid, host, timeline_json, steps_planned, speed,"
        " source) VALUES (" + ", ".join("?" * 15) + ")", [session.row for session in new],
    )
    conn.executemany(
        f"INSERT INTO steps (session_id, {sessions.STEP_COLUMNS}) VALUES ({_STEP_SLOTS})",
        [step for session in new for step in session.steps],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO follow_ups (session_id, dismissed_at) VALUES (?, ?)",
        [(s.row[0], s.dismissed_at) for s in found if s.dismissed_at is not None],
    )
    known.update(session.row[0] for session in new)
    saved = dict(conn.execute("SELECT id, updated_at FROM soreness").fetchall())
    added = updated = skipped = 0
    for number, entry in enumerate(entries):
        if entry.session_id is not None and entry.session_id not in known:
            raise Invalid(f"soreness[{number}].session_id: no session {entry.session_id} "
                          "in the file or the database")
        current = saved.get(entry.id)
        try:
            if current is None:
                soreness.insert(conn, entry)
                added += 1
            elif current < to_iso(entry.updated_at or entry.recorded_at):
                soreness.replace(conn, entry)
                updated += 1
            else:
                skipped += 1
        except ValueError as error:  # the store's own checks, should they ever be stricter
            raise Invalid(f"soreness[{number}]: {error}") from None
    return ImportResult(len(new), len(found) - len(new), added, updated, skipped,
                        sum(1 for session in new if session.was_running))
