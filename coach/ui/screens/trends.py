"""Trends and "what helps you": the history turned into a few honest pictures.

The numbers come from :mod:`coach.insights`, computed in a worker thread so a long history
never freezes the screen. Two tabs: trends (soreness, minutes, load, streaks) and what
helps (next-day soreness with and without the warm-up and cool-down).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Sparkline, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from coach.insights import (
    JUMP_FACTOR,
    MIN_GROUP,
    Comparison,
    Group,
    Insights,
    insights_for,
    verdict,
)
from coach.scales import REGION_LABELS
from coach.store import Store
from coach.ui.literal import literal
from coach.ui.styles import HISTORY_CSS
from coach.ui.widgets.calendar import StreakCalendar
from coach.ui.widgets.chart import WeeklyBars

TABS: Final = ("trends", "helps")
LOAD_NOTE: Final = (
    "The 7-day against 28-day ratio only shows which way your load is moving. It is no "
    "injury forecast: Impellizzeri et al. (2020) found its \"safe zone\" does not hold up."
)
CAUTION: Final = (
    "These are your own averages, not proof: sleep, weather, shoes and the run itself "
    f"matter too. With fewer than {MIN_GROUP} runs on a side coach doesn't guess, and with "
    "a handful one bad day still moves a mean by a point."
)


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _weeks(count: int) -> str:
    return f"{count} week{'s' if count != 1 else ''}"


def _section(title: str, note: str = "") -> Static:
    text = Text(title, style="bold")
    if note:
        text.append(f"  {note}", style="dim")
    return Static(text, classes="trend-title")


def _key(text: str, style: str) -> Text:
    return Text.assemble(("■", style), f" {text}")


class TrendsScreen(Screen[None]):
    """t and w switch tabs; escape goes back to the history."""

    CSS_PATH = HISTORY_CSS

    BINDINGS = [
        Binding("t", "tab('trends')", "Trends"),
        Binding("w", "tab('helps')", "What helps"),
        Binding("q,escape", "back", "Back"),
    ]

    def __init__(self, store: Store, now: Callable[[], datetime], tab: str = "trends") -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.initial = tab if tab in TABS else "trends"
        self.insights: Insights | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.initial, id="trend-tabs"):
            for tab, title in (("trends", "Trends"), ("helps", "What helps you")):
                with (TabPane(title, id=tab),
                      VerticalScroll(id=f"{tab}-body", classes="trend-body")):
                    yield Static("Reading the history…", classes="trend-wait")
        yield Footer()

    def on_mount(self) -> None:
        self._focus_body()
        self.compute()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def compute(self) -> Insights:
        return insights_for(self.store, self.now(), None)

    @on(Worker.StateChanged)
    def _computed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Insights):
            self.insights = event.worker.result
            self._show(self.insights)
        elif event.state == WorkerState.ERROR:
            for body in self.query(".trend-body"):
                body.remove_children()
                body.mount(Static(literal(f"Could not read the history: {event.worker.error}")))

    def action_tab(self, tab: str) -> None:
        self.query_one("#trend-tabs", TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _focus_body(self) -> None:
        """Arrows, page keys, home and end scroll the page shown, not the tab row."""
        active = self.query_one("#trend-tabs", TabbedContent).active
        self.query_one(f"#{active}-body", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss()

    # ------------------------------------------------------------------ trends

    def _show(self, insights: Insights) -> None:
        trends = self.query_one("#trends-body", VerticalScroll)
        helps = self.query_one("#helps-body", VerticalScroll)
        trends.remove_children()
        helps.remove_children()
        trends.mount_all(self._trends(insights))
        helps.mount_all(self._helps(insights))

    def _colours(self) -> tuple[str, str]:
        variables = self.app.get_css_variables()
        return variables.get("accent", "yellow"), variables.get("primary-lighten-1", "blue")

    def _trends(self, insights: Insights) -> list[Widget]:
        weeks = insights.weeks
        starts = [week.start for week in weeks]
        first, second = self._colours()
        if not any(week.sessions or week.load or week.after_n for week in weeks):
            return [Static(
                "Nothing to chart yet. Play a routine or log how your legs feel, and the "
                "weeks will fill in here.", classes="trend-wait",
            )]
        load = insights.load
        ratio = "–" if load.ratio is None else f"{load.ratio:.2f}"
        streak = insights.streaks
        longest_end = (
            f", to {streak.longest_days_end:%d %b %Y}" if streak.longest_days_end else ""
        )
        return [
            _section("Soreness", "weekly mean, 0–10"),
            Static(Text.assemble(_key("right after", first), "   ", _key("next day", second)),
                   classes="trend-key"),
            WeeklyBars(starts, [[w.after_mean for w in weeks], [w.next_day_mean for w in weeks]],
                       top=10, id="chart-soreness"),
            _section("Warm-up and cool-down", "minutes per week"),
            Static(Text.assemble(_key("warm-up", first), "   ", _key("cool-down", second)),
                   classes="trend-key"),
            WeeklyBars(starts, [[w.warm_up_minutes for w in weeks],
                                [w.cool_down_minutes for w in weeks]], id="chart-minutes"),
            _section("Run load", "effort × run minutes, per week"),
            WeeklyBars(starts, [[w.load for w in weeks]], id="chart-load"),
            Static(Text.assemble(
                ("Last 7 days ", "dim"), f"{load.acute:,.0f}",
                ("  ·  28-day weekly mean ", "dim"), f"{load.chronic:,.0f}",
                ("  ·  7:28 ratio ", "dim"), f"{ratio} ({load.direction})",
                ("  ·  last 12 weeks:", "dim"),
            ), classes="trend-line"),
            Sparkline([v if v is not None else 0.0 for v in load.series],
                      summary_function=max, id="load-trend"),
            Static(LOAD_NOTE, classes="trend-note"),
            _section("Streaks", "days with a session"),
            Static(Text.assemble(
                ("Current ", "dim"),
                f"{_days(streak.current_days)}, {_weeks(streak.current_weeks)}",
                ("  ·  longest ", "dim"),
                f"{_days(streak.longest_days)}{longest_end}; {_weeks(streak.longest_weeks)}",
            ), classes="trend-line"),
            StreakCalendar(streak.days, insights.today, id="calendar"),
        ]

    # ------------------------------------------------------------------ what helps

    def _helps(self, insights: Insights) -> list[Widget]:
        helps = insights.helps
        parts: list[Widget] = []
        jump = insights.jump
        if jump is not None:
            parts.append(Static(
                f"Your run load over the last 7 days ({jump.latest:,.0f}) is {jump.factor:.1f}× "
                f"your average week of the month before ({jump.before:,.0f}). Legs cope best "
                f"when load grows gradually — more than {JUMP_FACTOR:g}× in a week is a big "
                "step: consider an easy week.", id="load-warning",
            ))
        parts.append(Static(Text.assemble(
            ("Next-day soreness (0–10) after runs", "bold"),
            (f"  {helps.runs} run{'s' if helps.runs != 1 else ''} rated the day after", "dim"),
        ), classes="trend-title"))
        if helps.runs == 0:
            parts.append(Static(
                "No runs rated the next day yet. After a cool-down, rate your legs; coach "
                "asks again the next day. Once a few runs have both, this page compares them.",
                classes="trend-line",
            ))
        overall = helps.overall
        parts += self._comparison("Cool-down walk", "cool-down", overall.cool_down)
        parts += self._comparison("Warm-up before the run", "warm-up", overall.warm_up)
        parts.append(_section("By region", "mean next-day soreness (runs)"))
        parts.append(Static(self._regions(insights), id="regions"))
        parts.append(Static(CAUTION, classes="trend-note"))
        return parts

    def _comparison(self, title: str, part: str, comparison: Comparison) -> list[Widget]:
        first, second = self._colours()
        bars = Text()
        for label, group, style in (
            ("done", comparison.done, first), ("skipped or missing", comparison.missed, second)
        ):
            bars.append(f"{label:<20}", style="dim")
            filled = 0 if group.mean is None else round(group.mean * 2)
            bars.append("█" * filled, style=style)
            bars.append("░" * (20 - filled), style="dim")
            mean = "–" if group.mean is None else f"{group.mean:.1f}"
            bars.append(f"  {mean:>4}  n={group.n}\n")
        bars.append(verdict(comparison, part), style="italic")
        return [_section(title), Static(bars, classes="trend-line")]

    @staticmethod
    def _cell(group: Group) -> Text:
        if group.n == 0 or group.mean is None:
            return Text("–", style="dim")
        return Text(f"{group.mean:.1f} ({group.n})", style="" if group.n >= MIN_GROUP else "dim")

    def _regions(self, insights: Insights) -> Table | Text:
        regions = [e for e in insights.helps.regions
                   if e.cool_down.done.n + e.cool_down.missed.n > 0]
        if not regions:
            return Text(
                "No next-day ratings by region yet: set the regions that hurt when coach asks "
                "the next day.", style="dim",
            )
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim")
        table.add_column("Region")
        for heading in ("Cool-down", "without", "Warm-up", "without"):
            table.add_column(heading, justify="right")
        for effect in regions:
            table.add_row(
                REGION_LABELS[effect.region],
                self._cell(effect.cool_down.done), self._cell(effect.cool_down.missed),
                self._cell(effect.warm_up.done), self._cell(effect.warm_up.missed),
            )
        return table
