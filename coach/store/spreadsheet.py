"""The CSV export: the history as three tables a spreadsheet opens.

Sessions, then soreness logged on its own (``coach log``), then imported runs, each under its
own header with a blank line between, so a spreadsheet shows the same story as the history.
Cells are cleaned and never start a formula: a routine named ``=HYPERLINK(…)`` stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any, Final

from coach.record.models import SessionSummary, SorenessEntry
from coach.record.scales import run_load
from coach.text import csv_cell

CSV_COLUMNS: Final = (
    "date", "time", "routine", "routine_id", "kind", "phase", "status", "speed", "steps_done",
    "steps_planned", "minutes", "soreness_after", "soreness_next_day", "effort",
    "run_minutes", "load", "session_id",
)
"""The CSV's first section: one row per session. ``status`` reads "preview" for a session
played at another ``speed``, as in the history: a preview is never a completed session."""
SORENESS_COLUMNS: Final = (
    "date", "time", "overall", "regions", "warning_signs", "effort", "run_minutes", "load",
    "note", "entry_id",
)
"""The second section: soreness logged on its own (``coach log``); ratings given with a
session are in that session's row."""
RUN_COLUMNS: Final = (
    "date", "time", "distance_km", "moving_minutes", "ascent_m", "descent_m", "surface",
    "effort", "load", "shoe", "source", "run_id",
)
"""The third section: imported runs. A run without an effort has no load (an empty cell),
never a load of 0."""


def csv_text(newest_first: list[SessionSummary], entries: list[SorenessEntry],
              runs_newest_first: list[Any], tz: tzinfo | None) -> str:
    """Sessions, then soreness logged on its own, then runs: three tables, oldest first, each
    under its own header, a blank line between them; times in ``tz``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    tables: list[tuple[tuple[str, ...], Iterable[list[str]]]] = [
        (CSV_COLUMNS, (_csv_row(summary, tz) for summary in reversed(newest_first))),
        (SORENESS_COLUMNS, (_soreness_row(entry, tz) for entry in entries)),
        (RUN_COLUMNS, (_run_row(run, tz) for run in reversed(runs_newest_first))),
    ]
    for n, (header, rows) in enumerate(tables):
        if n:
            writer.writerow([])
        writer.writerow(header)
        for row in rows:
            writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def _csv_row(summary: SessionSummary, tz: tzinfo | None) -> list[str]:
    local = summary.started_at.astimezone(tz)
    minutes = None if summary.elapsed_seconds is None else summary.elapsed_seconds / 60
    status = "preview" if summary.is_preview else summary.status
    return [
        f"{local:%Y-%m-%d}", f"{local:%H:%M}", summary.routine_name, summary.routine_id,
        summary.routine_kind, summary.phase or "", status, _number(summary.speed),
        str(summary.steps_done), str(summary.steps_planned), _number(minutes),
        _number(summary.soreness_after), _number(summary.soreness_next_day),
        _number(summary.effort), _number(summary.run_minutes), _number(summary.load),
        summary.id,
    ]


def _soreness_row(entry: SorenessEntry, tz: tzinfo | None) -> list[str]:
    local = entry.recorded_at.astimezone(tz)
    return [
        f"{local:%Y-%m-%d}", f"{local:%H:%M}", str(entry.overall),
        "; ".join(f"{region} {value}" for region, value in entry.regions.items()),
        "; ".join(entry.flags), _number(entry.effort), _number(entry.run_minutes),
        _number(entry.load), entry.note, entry.id,
    ]


def _run_row(run: Any, tz: tzinfo | None) -> list[str]:
    """A :class:`coach.store.runs.StoredRun` as a CSV row."""
    local = run.start.astimezone(tz)
    km = None if run.distance_m is None else run.distance_m / 1000
    return [
        f"{local:%Y-%m-%d}", f"{local:%H:%M}", _number(km, 2), _number(run.minutes),
        _number(run.ascent_m), _number(run.descent_m), run.surface or "",
        _number(run.effort), _number(run_load(run.effort, run.minutes)), run.shoe or "",
        run.source, run.id,
    ]


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return ""
    rounded = round(float(value), digits)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)
