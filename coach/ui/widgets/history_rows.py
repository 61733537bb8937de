"""The history's rows: which columns a terminal width gets and how each item fills them.

A session, a rating logged on its own and an imported run are one kind of row
(:class:`~coach.store.listing.HistoryItem`), so every column says what it shows for each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from rich.text import Text

from coach.routine.durations import format_elapsed
from coach.store import to_local
from coach.store.listing import HistoryItem
from coach.text import one_line

STATUS_STYLES: Final = {
    "completed": "",
    "stopped": "warning",
    "interrupted": "error",
    "in progress": "accent",
    "preview": "secondary",
    "logged": "",
    "run": "",
}
"""Theme colour names for each end status."""


def _sore(value: int | None) -> tuple[str, str]:
    return ("–", "dim") if value is None else (str(value), "")


Cell = Callable[[HistoryItem], tuple[str, str]]


@dataclass(frozen=True)
class Column:
    label: str
    width: int
    cell: Cell
    """The text and its style ("status" asks for the colour of the row's status)."""
    right: bool = False

    def fit(self, text: str) -> str:
        if len(text) > self.width:
            text = text[: self.width - 1] + "…"
        return text.rjust(self.width) if self.right else text.ljust(self.width)


NONE: Final = ("–", "dim")


def _when(pattern: str) -> Cell:
    return lambda item: (to_local(item.at).strftime(pattern), "")


def run_title(item: HistoryItem) -> str:
    """``Run 10.2 km ↓120 m``: what a run row says in place of a routine's name."""
    run = item.run
    assert run is not None
    title = "Run" if run.distance_m is None else f"Run {run.distance_m / 1000:.1f} km"
    if run.descent_m:
        title += f" ↓{run.descent_m:.0f} m"
    return title


def _routine(item: HistoryItem) -> tuple[str, str]:
    if item.run is not None:
        return run_title(item), "bold"
    if item.session is None:
        return "Soreness log", "italic"
    return item.session.routine_name, ""


def _phase(words: dict[str | None, str], surface: bool) -> Cell:
    """A session's phase; a run's surface only under a header that says so."""
    def cell(item: HistoryItem) -> tuple[str, str]:
        if item.run is not None:
            return (item.run.surface, "") if surface and item.run.surface else NONE
        return NONE if item.session is None else (words[item.session.phase], "")

    return cell


def _time(item: HistoryItem) -> tuple[str, str]:
    if item.run is not None:
        return format_elapsed(item.run.seconds), ""
    s = item.session
    return NONE if s is None or s.elapsed_seconds is None else (format_elapsed(s.elapsed_seconds),
                                                                 "")


def _steps(item: HistoryItem) -> tuple[str, str]:
    s = item.session
    return NONE if s is None else (f"{s.steps_done}/{s.steps_planned}", "status")


def status_of(item: HistoryItem) -> str:
    """A session's end status, "preview" for one played faster, "logged" for a rating,
    "run" for a run."""
    if item.run is not None:
        return "run"
    if item.session is None:
        return "logged"
    return "preview" if item.session.is_preview else item.session.status


def _status(item: HistoryItem) -> tuple[str, str]:
    return status_of(item), "status"


def _status_or_shoe(item: HistoryItem) -> tuple[str, str]:
    """Under "Status or shoe": a run's shoe, when it has one."""
    if item.run is not None and item.run.shoe:
        return item.run.shoe, ""
    return _status(item)


def _after(item: HistoryItem) -> tuple[str, str]:
    if item.entry is not None:
        return _sore(item.entry.overall)
    return _sore(item.session.soreness_after if item.session is not None else None)


def _next(item: HistoryItem) -> tuple[str, str]:
    return _sore(item.session.soreness_next_day if item.session is not None else None)


_SHORT_PHASE: Final[dict[str | None, str]] = {"before": "before", "after": "after", None: "–"}
_LONG_PHASE: Final[dict[str | None, str]] = {
    "before": "before run", "after": "after run", None: "–"
}
GAP: Final = "  "

_SAMPLE_MOMENT: Final = datetime(2026, 12, 30, 23, 59)
"""Any moment: a date pattern's width is the same for all of them."""


def _every_column(when: str, routine: tuple[str, int], phase: dict[str | None, str],
                  time_width: int, status: tuple[str, int],
                  runs_told: bool = False) -> tuple[Column, ...]:
    """The columns of a terminal wide enough for all of them; only their widths differ.
    ``runs_told``: the headers name a run's surface and shoe too, and its cells show them
    (elsewhere a run's surface and shoe are in its details, never under a session's
    header)."""
    phase_label = "Phase or surface" if runs_told else "Phase"
    return (
        Column("When", len(_SAMPLE_MOMENT.strftime(when)), _when(when)),
        Column(routine[0], routine[1], _routine),
        Column(phase_label, max(len(phase_label), *(len(words) for words in phase.values())),
               _phase(phase, surface=runs_told)),
        Column("Steps", 5, _steps, right=True),
        Column("Time", time_width, _time, right=True),
        Column(status[0], status[1], _status_or_shoe if runs_told else _status),
        Column("Sore after", 10, _after, right=True),
        Column("Next day", 8, _next, right=True),
    )


LAYOUTS: Final[tuple[tuple[int, tuple[Column, ...]], ...]] = (
    (160, _every_column("%a %d %b %Y  %H:%M", ("Routine or run", 36), _LONG_PHASE, 8,
                        ("Status or shoe", 26), runs_told=True)),
    (120, _every_column("%a %d %b %Y  %H:%M", ("Routine or run", 24), _LONG_PHASE, 7,
                        ("Status", 14))),
    (98, _every_column("%Y-%m-%d %H:%M", ("Routine or run", 15), _SHORT_PHASE, 7,
                       ("Status", 11))),
    (0, (
        Column("When", 12, _when("%d %b %H:%M")),
        Column("Routine", 10, _routine),
        Column("Steps", 5, _steps, right=True),
        Column("Status", 9, _status),
        Column("Sore", 4, _after, right=True),
        Column("Next", 4, _next, right=True),
    )),
)
"""Column sets by the least terminal width they need, widest first."""


def header_line(columns: Sequence[Column]) -> Text:
    return Text(GAP.join(column.fit(column.label) for column in columns), style="bold")


def row_line(item: HistoryItem, columns: Sequence[Column], status_colour: str) -> Text:
    """One row as one line, cells padded to their columns."""
    line = Text(no_wrap=True)
    for number, column in enumerate(columns):
        if number:
            line.append(GAP)
        text, style = column.cell(item)
        colour = status_colour if style == "status" else style
        line.append(column.fit(one_line(text)), style=colour)
    return line
