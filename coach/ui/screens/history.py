"""The history: sessions and ratings logged on their own, newest first, filtered by kind
and date range.

Rows are read a page at a time as the cursor nears the end of what is loaded, so a history
of ten thousand sessions opens as fast as an empty one. The columns adapt to the width: a
narrow terminal keeps when, what, how far and how sore; a wide one adds the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from coach.insights.days import local_date, local_midnight
from coach.store import Store, StoreError
from coach.store.listing import LOG_KIND, RUN_KIND, HistoryItem
from coach.ui.about import CoachScreen
from coach.ui.literal import literal
from coach.ui.styles import HISTORY_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.history_rows import (
    LAYOUTS,
    STATUS_STYLES,
    header_line,
    row_line,
    status_of,
)
from coach.ui.widgets.row_list import RowList

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
    ("logged ratings", LOG_KIND),
    ("runs", RUN_KIND),
)
RANGES: Final[tuple[tuple[str, int | None], ...]] = (
    ("all time", None),
    ("last 7 days", 7),
    ("last 30 days", 30),
    ("last 90 days", 90),
    ("last year", 365),
)
class HistoryScreen(CoachScreen[None]):
    """Past sessions and logged ratings; enter opens one, t and w open the trends and what
    helps."""

    CSS_PATH = HISTORY_CSS

    HELP_TITLE = "the history"
    HELP = """Every routine you played, every run imported and every rating logged on its own,
    newest first, with how far you got and how sore your legs were right after and the next
    day. ↑/↓, page up/down, home and end move through the list."""

    BINDINGS = [
        Binding("enter", "open", "Details", priority=True, key_display="enter",
                tooltip="Open the highlighted entry: its steps, ratings and tips"),
        Binding("f", "cycle_kind", "Kind", tooltip="Show one kind of entry, then the next"),
        Binding("r", "cycle_range", "Range",
                tooltip="All time, the last 7, 30 or 90 days, the last year"),
        Binding("t", "trends", "Trends", tooltip="Weekly charts: soreness, minutes, load"),
        Binding("w", "helps", "What helps",
                tooltip="Next-day soreness with and without each habit"),
        Binding("q,escape", "back", "Back", tooltip="Back (or out of coach history)"),
    ]
    FOOTER_KEEP = ("back",)

    def __init__(self, store: Store, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.kind_index = 0
        self.range_index = 0
        self.total = 0
        self.rows: list[HistoryItem] = []
        self._ids: set[str] = set()
        self._layout = -1
        self._colours: defaultdict[str, str] = defaultdict(str)

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(id="history-head")
            with Vertical(id="sessions-box"):
                yield Static(id="sessions-header")
                yield RowList(self._line, id="sessions")
            yield Static(id="history-empty")
        yield CoachFooter()

    def on_mount(self) -> None:
        self._layout = self._layout_for(self.app.size.width)
        if self._taken_down():
            return
        self.reload()
        self.table.focus()

    def _taken_down(self) -> bool:
        """Whether this screen's widgets are already gone: coach is ending (a closed terminal,
        a browser that left) while a mount or a resize of this screen was still queued."""
        return not self.query("#sessions")

    @property
    def table(self) -> RowList:
        return self.query_one("#sessions", RowList)

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
            self.total = self.store.count_history(kind=self.kind, since=self.since())
            self._fetch(max(PAGE, keep_row + AHEAD))
        except StoreError as error:
            self.total = 0
            self.rows, self._ids = [], set()
            self.table.set_rows(0)
            self._show_table(str(error))
            self.refresh_bindings()
            return
        self._fill_table(keep_row)

    def _fetch(self, count: int) -> list[HistoryItem]:
        page = self.store.list_history(
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
            self.notify(str(error), title="History", severity="error", markup=False)
            return
        self.table.add_rows(len(fresh))
        self._update_head()

    # ------------------------------------------------------------------ drawing

    @staticmethod
    def _layout_for(width: int) -> int:
        return next(i for i, (least, _) in enumerate(LAYOUTS) if width >= least)

    def on_resize(self) -> None:
        layout = self._layout_for(self.app.size.width)
        if layout != self._layout:
            self._layout = layout
            if self.is_mounted and not self._taken_down():
                self._fill_table(self.table.cursor)

    def _fill_table(self, keep_row: int) -> None:
        self._colours = self._status_colours()
        self.query_one("#sessions-header", Static).update(
            header_line(LAYOUTS[self._layout][1])
        )
        self.table.set_rows(len(self.rows), cursor=keep_row)
        self._update_head()
        self._show_table(None)
        self.refresh_bindings()

    def _line(self, index: int) -> Text:
        """Row ``index`` as the list draws it (only rows on screen are asked for)."""
        item = self.rows[index]
        return row_line(item, LAYOUTS[self._layout][1], self._colours[status_of(item)])

    def _status_colours(self) -> defaultdict[str, str]:
        """Theme colours per status; read once per fill, as the theme lookup is slow."""
        variables = self.app.get_css_variables()
        colours: defaultdict[str, str] = defaultdict(str)
        colours.update(
            {status: variables.get(name, "") for status, name in STATUS_STYLES.items()}
        )
        return colours

    def _update_head(self) -> None:
        head = Text()
        head.append("History", style="bold")
        count = self.total
        head.append(f"  {count:,} entr{'ies' if count != 1 else 'y'}")
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
        has_rows = bool(self.rows) and problem is None
        self.query_one("#sessions-box").display = has_rows
        empty.display = not has_rows
        if not has_rows:
            empty.update(literal(problem) if problem is not None else self._empty_text())
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

    @on(RowList.Highlighted, "#sessions")
    def _near_the_end(self, event: RowList.Highlighted) -> None:
        if event.index >= len(self.rows) - AHEAD:
            self.load_more()

    @on(RowList.Selected, "#sessions")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_open()

    def selected(self) -> HistoryItem | None:
        if not self.rows:
            return None
        return self.rows[min(self.table.cursor, len(self.rows) - 1)]

    def action_open(self) -> None:
        item = self.selected()
        if item is None:
            return
        from coach.ui.screens.entry_detail import EntryDetailScreen
        from coach.ui.screens.run_detail import RunDetailScreen
        from coach.ui.screens.session_detail import SessionDetailScreen

        row = self.table.cursor

        def back(changed: bool | None) -> None:
            if changed:
                self.reload(keep_row=row)

        screen: SessionDetailScreen | EntryDetailScreen | RunDetailScreen
        if item.session is not None:
            screen = SessionDetailScreen(self.store, item.id, self.now)
        elif item.run is not None:
            screen = RunDetailScreen(self.store, item.id, self.now)
        else:
            screen = EntryDetailScreen(self.store, item.id, self.now)
        self.app.push_screen(screen, back)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Details" while there is nothing to open."""
        if action == "open":
            return bool(self.rows)
        return True

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
        return [item.id for item in self.rows]
