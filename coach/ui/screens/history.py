"""The session history: newest first, filtered by routine kind and date range.

Rows are read a page at a time as the cursor nears the end of what is loaded, so a history
of ten thousand sessions opens as fast as an empty one. The columns adapt to the width: a
narrow terminal keeps when, what, how far and how sore; a wide one adds the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coach.insights.days import local_date, local_midnight
from coach.routine.durations import format_clock
from coach.store import SessionSummary, Store, StoreError, to_local

PAGE: Final = 100
"""Rows read at a time; a few screens' worth, a few milliseconds of SQL."""
AHEAD: Final = 20
"""Read the next page when the cursor is this close to the last loaded row."""

KINDS: Final[tuple[tuple[str, str | None], ...]] = (
    ("all kinds", None),
    ("warm-ups", "warm-up"),
    ("cool-downs", "cool-down"),
    ("stretches", "stretch"),
    ("mixed", "mixed"),
)
RANGES: Final[tuple[tuple[str, int | None], ...]] = (
    ("all time", None),
    ("last 7 days", 7),
    ("last 30 days", 30),
    ("last 90 days", 90),
    ("last year", 365),
)
STATUS_STYLES: Final = {
    "completed": "",
    "stopped": "warning",
    "interrupted": "error",
    "in progress": "accent",
}
"""Theme colour names for each end status."""


def _trim(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _sore(value: int | None) -> Text:
    return Text("–", style="dim") if value is None else Text(str(value))


@dataclass(frozen=True)
class Column:
    label: str
    cell: Callable[[SessionSummary], str | Text]
    right: bool = False


def _when(pattern: str) -> Callable[[SessionSummary], str]:
    return lambda s: to_local(s.started_at).strftime(pattern)


def _time(s: SessionSummary) -> str:
    return "–" if s.elapsed_seconds is None else format_clock(s.elapsed_seconds)


def _steps(s: SessionSummary) -> str:
    return f"{s.steps_done}/{s.steps_planned}"


def _phase(words: dict[str | None, str]) -> Callable[[SessionSummary], str]:
    return lambda s: words[s.phase]


_SHORT_PHASE = {"before": "before", "after": "after", None: "–"}
_LONG_PHASE = {"before": "before run", "after": "after run", None: "–"}

LAYOUTS: Final[tuple[tuple[int, tuple[Column, ...]], ...]] = (
    (120, (
        Column("When", _when("%a %d %b %Y  %H:%M")),
        Column("Routine", lambda s: _trim(s.routine_name, 28)),
        Column("Phase", _phase(_LONG_PHASE)),
        Column("Steps", _steps, right=True),
        Column("Time", _time, right=True),
        Column("Status", lambda s: s.status),
        Column("Sore after", lambda s: _sore(s.soreness_after), right=True),
        Column("Next day", lambda s: _sore(s.soreness_next_day), right=True),
    )),
    (90, (
        Column("When", _when("%Y-%m-%d %H:%M")),
        Column("Routine", lambda s: _trim(s.routine_name, 16)),
        Column("Phase", _phase(_SHORT_PHASE)),
        Column("Steps", _steps, right=True),
        Column("Time", _time, right=True),
        Column("Status", lambda s: s.status),
        Column("Sore after", lambda s: _sore(s.soreness_after), right=True),
        Column("Next day", lambda s: _sore(s.soreness_next_day), right=True),
    )),
    (0, (
        Column("When", _when("%d %b %H:%M")),
        Column("Routine", lambda s: _trim(s.routine_name, 14)),
        Column("Steps", _steps, right=True),
        Column("Sore", lambda s: _sore(s.soreness_after), right=True),
        Column("Next day", lambda s: _sore(s.soreness_next_day), right=True),
    )),
)
"""Column sets by the least terminal width they need, widest first."""


class HistoryScreen(Screen[None]):
    """Past sessions; enter opens one, t and w open the trends and what helps."""

    BINDINGS = [
        Binding("enter", "open", "Details", priority=True),
        Binding("f", "cycle_kind", "Kind"),
        Binding("r", "cycle_range", "Range"),
        Binding("t", "trends", "Trends"),
        Binding("w", "helps", "What helps"),
        Binding("q,escape", "back", "Back"),
        Binding("home", "first", "First", show=False, priority=True),
        Binding("end", "last", "Last loaded", show=False, priority=True),
    ]

    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.kind_index = 0
        self.range_index = 0
        self.total = 0
        self.rows: list[SessionSummary] = []
        self._ids: set[str] = set()
        self._layout = -1

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(id="history-head")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-empty")
        yield Footer()

    def on_mount(self) -> None:
        self._layout = self._layout_for(self.app.size.width)
        self.reload()
        self.query_one("#sessions", DataTable).focus()

    # ------------------------------------------------------------------ loading

    @property
    def kind(self) -> str | None:
        return KINDS[self.kind_index][1]

    def since(self) -> datetime | None:
        """Midnight (local) at the start of the range's first day; None for all time."""
        days = RANGES[self.range_index][1]
        if days is None:
            return None
        today = local_date(self.now(), None)
        return local_midnight(today - timedelta(days=days - 1), None)

    def reload(self, keep_row: int = 0) -> None:
        """Read the count and the first pages again, the cursor near ``keep_row``."""
        self.rows, self._ids = [], set()
        try:
            self.total = self.store.count_sessions(kind=self.kind, since=self.since())
            self._fetch(max(PAGE, keep_row + AHEAD))
        except StoreError as error:
            self.total = 0
            self._show_table(str(error))
            self.refresh_bindings()
            return
        self._fill_table(keep_row)

    def _fetch(self, count: int) -> list[SessionSummary]:
        page = self.store.list_sessions(
            count, len(self.rows), kind=self.kind, since=self.since()
        )
        # Another coach window may have added sessions meanwhile; never show one twice.
        fresh = [s for s in page if s.id not in self._ids]
        self.rows.extend(fresh)
        self._ids.update(s.id for s in fresh)
        if len(page) < count:
            self.total = len(self.rows)
        return fresh

    def load_more(self) -> None:
        """Append the next page if there is one."""
        if len(self.rows) >= self.total:
            return
        try:
            fresh = self._fetch(PAGE)
        except StoreError as error:
            self.notify(str(error), title="History", severity="error")
            return
        table = self.query_one("#sessions", DataTable)
        colours = self._status_colours()
        for summary in fresh:
            self._add_row(table, summary, colours)
        self._update_head()

    # ------------------------------------------------------------------ drawing

    @staticmethod
    def _layout_for(width: int) -> int:
        return next(i for i, (least, _) in enumerate(LAYOUTS) if width >= least)

    def on_resize(self) -> None:
        layout = self._layout_for(self.app.size.width)
        if layout != self._layout:
            self._layout = layout
            if self.is_mounted:
                self._fill_table(self.query_one("#sessions", DataTable).cursor_row)

    def _fill_table(self, keep_row: int) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        for column in LAYOUTS[self._layout][1]:
            table.add_column(
                Text(column.label, justify="right" if column.right else "left"),
                key=column.label,
            )
        colours = self._status_colours()
        for summary in self.rows:
            self._add_row(table, summary, colours)
        if self.rows:
            table.move_cursor(row=min(keep_row, len(self.rows) - 1), animate=False)
        self._update_head()
        self._show_table(None)
        self.refresh_bindings()

    def _status_colours(self) -> dict[str, str]:
        """Theme colours per status; read once per fill, as the theme lookup is slow."""
        variables = self.app.get_css_variables()
        return {status: variables.get(name, "") for status, name in STATUS_STYLES.items()}

    def _add_row(
        self, table: DataTable[str | Text], summary: SessionSummary, colours: dict[str, str]
    ) -> None:
        colour = colours.get(summary.status, "")
        cells: list[str | Text] = []
        for column in LAYOUTS[self._layout][1]:
            value = column.cell(summary)
            cell = value if isinstance(value, Text) else Text(value)
            if column.label in ("Steps", "Status") and colour:
                cell.stylize(colour)
            if column.right:
                cell.justify = "right"
            cells.append(cell)
        table.add_row(*cells, key=summary.id)

    def _update_head(self) -> None:
        head = Text()
        head.append("History", style="bold")
        count = self.total
        head.append(f"  {count:,} session{'s' if count != 1 else ''}")
        if 0 < len(self.rows) < count:
            head.append(f"  ({len(self.rows):,} loaded)", style="dim")
        head.append("\nShowing ", style="dim")
        head.append(KINDS[self.kind_index][0], style="bold")
        head.append(" (f)", style="dim")
        head.append(" · ", style="dim")
        head.append(RANGES[self.range_index][0], style="bold")
        head.append(" (r)", style="dim")
        self.query_one("#history-head", Static).update(head)

    def _show_table(self, problem: str | None) -> None:
        empty = self.query_one("#history-empty", Static)
        table = self.query_one("#sessions", DataTable)
        has_rows = bool(self.rows) and problem is None
        table.display = has_rows
        empty.display = not has_rows
        if not has_rows:
            empty.update(problem if problem is not None else self._empty_text())
            self._update_head()

    def _empty_text(self) -> Text:
        text = Text()
        if self.kind is not None or RANGES[self.range_index][1] is not None:
            text.append("No sessions match this filter.\n\n", style="bold")
            text.append("Press f to change the kind of routine, r to widen the date range.")
            return text
        text.append("No sessions yet.\n\n", style="bold")
        if getattr(self.app, "history_only", False):
            text.append("Run `coach`, pick a routine and press enter — or run `coach run warm-up`.")
        else:
            text.append("Press q, pick a routine and press enter — or run `coach run warm-up`.")
        text.append(
            "\n\nEvery routine you play is saved here with how far you got; after a cool-down "
            "coach asks how your legs feel, and the next day once more."
        )
        return text

    # ------------------------------------------------------------------ keys

    @on(DataTable.RowHighlighted, "#sessions")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - AHEAD:
            self.load_more()

    @on(DataTable.RowSelected, "#sessions")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def selected(self) -> SessionSummary | None:
        table = self.query_one("#sessions", DataTable)
        if not self.rows or not table.display:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def action_open(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        from coach.ui.screens.session_detail import SessionDetailScreen

        row = self.query_one("#sessions", DataTable).cursor_row

        def back(changed: bool | None) -> None:
            if changed:
                self.reload(keep_row=row)

        self.app.push_screen(SessionDetailScreen(self.store, summary.id, self.now), back)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Details" while there is nothing to open."""
        if action == "open":
            return bool(self.rows)
        return True

    def action_first(self) -> None:
        self.query_one("#sessions", DataTable).move_cursor(row=0)

    def action_last(self) -> None:
        """The last row loaded so far, which loads the next page: end, end, end walks on."""
        self.query_one("#sessions", DataTable).move_cursor(row=len(self.rows) - 1)

    def action_cycle_kind(self) -> None:
        self.kind_index = (self.kind_index + 1) % len(KINDS)
        self.reload()

    def action_cycle_range(self) -> None:
        self.range_index = (self.range_index + 1) % len(RANGES)
        self.reload()

    def action_trends(self) -> None:
        self._open_trends("trends")

    def action_helps(self) -> None:
        self._open_trends("helps")

    def _open_trends(self, tab: str) -> None:
        from coach.ui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen(self.store, self.now, tab=tab))

    def action_back(self) -> None:
        self.dismiss()

    def visible_ids(self) -> Sequence[str]:
        """Ids of the loaded rows, top to bottom (for tests and scripts)."""
        return [summary.id for summary in self.rows]
