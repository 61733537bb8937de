"""Trends and "what helps you": the history turned into a few honest pictures.

The numbers come from :mod:`coach.insights`, computed in a worker thread so a long history
never freezes the screen. Two tabs: trends (soreness, minutes, imported runs' distance and
time, load, streaks, every chart on the same weeks) and what helps (each habit's estimate
with its 95 % interval, drawn on one scale).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from coach.insights import Insights, RunSpike, WeekStats, insights_for
from coach.insights.days import Streaks
from coach.insights.estimates import MIN_GROUP, Estimate
from coach.store import Store
from coach.ui.about import CoachScreen
from coach.ui.literal import literal, rich_literal
from coach.ui.styles import HISTORY_CSS
from coach.ui.widgets.calendar import StreakCalendar
from coach.ui.widgets.chart import MONTHS, RatioLine, WeeklyBars
from coach.ui.widgets.estimates import helps_view, methods
from coach.ui.widgets.footer import CoachFooter

TABS: Final = ("trends", "helps")
LOAD_NOTE: Final = (
    "The 7-day : 28-day ratio only shows which way your load is moving. It is no injury "
    "forecast: Impellizzeri et al. (2020) found its \"safe zone\" does not hold up."
)
CAUTION: Final = (
    "These compare your own runs: the days with a habit may also have been the easy, dry, "
    f"well-slept ones. With fewer than {MIN_GROUP} runs on a side coach draws no interval. "
    "Only an experiment (coach experiment start) gives a randomised answer."
)


@dataclass(frozen=True)
class Figures:
    """What both tabs show, read in one go off the screen's thread."""

    insights: Insights
    estimates: list[Estimate]


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _weeks(count: int) -> str:
    return f"{count} week{'s' if count != 1 else ''}"


def _runs(count: int) -> str:
    return f"{count} run{'s' if count != 1 else ''}"


def _length(value: float, unit: str) -> str:
    """``12.4 km`` or ``66 min``: a run's length as the spike note says it."""
    return f"{value:.1f} km" if unit == "km" else f"{value:.0f} min"


def _run_weeks(weeks: Sequence[WeekStats]) -> Text:
    """This week's and last week's runs in numbers: on a Monday, this week is still empty."""
    text = Text()
    for name, week in zip(("This week", "last week"), reversed(weeks[-2:]), strict=False):
        if text:
            text.append("  ·  ", style="dim")
        text.append(f"{name} ", style="dim")
        text.append(f"{_runs(week.run_count)}, {week.run_km:.1f} km, {week.run_minutes:.0f} min")
    return text


def streak_line(streak: Streaks) -> Text:
    """The streaks in words, a line for the one running now and one for the longest, so
    neither number can be read as the other's."""
    if not streak.longest_days:
        return Text("No session yet: a day counts here once a routine is played on it.",
                    style="dim")
    end = streak.longest_days_end
    ended = "" if end is None else f", to {end.day} {MONTHS[end.month - 1]} {end.year}"
    return Text.assemble(
        ("Now      ", "dim"),
        f"{_days(streak.current_days)} in a row" if streak.current_days
        else "no session today or yesterday",
        ("  ·  ", "dim"),
        f"{_weeks(streak.current_weeks)} in a row" if streak.current_weeks
        else "none this week or last",
        ("\nLongest  ", "dim"),
        f"{_days(streak.longest_days)} in a row{ended}",
        ("  ·  ", "dim"),
        f"{_weeks(streak.longest_weeks)} in a row",
    )


def spike_note(spike: RunSpike) -> str:
    """The single-run spike as one plain sentence, with its source."""
    day = f"{spike.day.day} {MONTHS[spike.day.month - 1]}"
    return (
        f"Your run on {day} ({_length(spike.length, spike.unit)}) was more than 10 % longer "
        f"than your longest of the 30 days before ({_length(spike.longest_before, spike.unit)})."
        " A single run that much longer raised the risk of an overuse injury "
        "(Frandsen et al. 2025)."
    )


def _section(title: str, note: str = "") -> Static:
    text = Text(title, style="bold")
    if note:
        text.append(f"  {note}", style="dim")
    return Static(text, classes="trend-title")


def _key(text: str, style: str) -> Text:
    return Text.assemble(("■", style), f" {text}")


class TrendsScreen(CoachScreen[None]):
    """t and w switch tabs; escape goes back to the history."""

    CSS_PATH = HISTORY_CSS

    HELP_TITLE = "trends and what helps you"
    HELP = """Trends: one bar per week, newest on the right, all charts on the same weeks.
    What helps you: next-day soreness with a habit minus without it, each with its 95 %
    interval (the range the true difference very likely lies in) drawn on one scale; r
    shows each body region too.
    ↑/↓ and page keys scroll."""

    BINDINGS = [
        Binding("t", "tab('trends')", "Trends", tooltip="Weekly charts"),
        Binding("w", "tab('helps')", "What helps", tooltip="Which habits go with less soreness"),
        Binding("r", "regions", "Regions", tooltip="Also compare each body region"),
        Binding("q,escape", "back", "Back", tooltip="Back to the history"),
    ]
    FOOTER_KEEP = ("back",)

    def __init__(self, store: Store, now: Callable[[], datetime], tab: str = "trends") -> None:
        super().__init__()
        self.store = store
        self.now = now
        self.initial = tab if tab in TABS else "trends"
        self.insights: Insights | None = None
        self.estimates: list[Estimate] = []
        self.regions = False
        """Whether what helps shows each body region too (judged with the overall rows)."""

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.initial, id="trend-tabs"):
            for tab, title in (("trends", "Trends"), ("helps", "What helps you")):
                with (TabPane(title, id=tab),
                      VerticalScroll(id=f"{tab}-body", classes="trend-body")):
                    yield Static("Reading the history…", classes="trend-wait")
        yield CoachFooter()

    def on_mount(self) -> None:
        self._focus_body()
        self.compute()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def compute(self) -> Figures:
        from coach.insights.overview import estimates_for

        now = self.now()
        return Figures(insights_for(self.store, now, None), estimates_for(self.store, now))

    @on(Worker.StateChanged)
    def _computed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Figures):
            figures = event.worker.result
            self.insights, self.estimates = figures.insights, figures.estimates
            self._show(figures)
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

    async def action_regions(self) -> None:
        """Show or hide each body region's rows: a larger family, judged again."""
        self.regions = not self.regions
        if self.insights is None:
            return
        helps = self.query_one("#helps-body", VerticalScroll)
        await helps.remove_children()
        await helps.mount_all(self._helps(self.insights, self.estimates))
        self.action_tab("helps")

    # ------------------------------------------------------------------ trends

    def _show(self, figures: Figures) -> None:
        trends = self.query_one("#trends-body", VerticalScroll)
        helps = self.query_one("#helps-body", VerticalScroll)
        trends.remove_children()
        helps.remove_children()
        trends.mount_all(self._trends(figures.insights))
        helps.mount_all(self._helps(figures.insights, figures.estimates))

    def _colours(self) -> tuple[str, str]:
        variables = self.app.get_css_variables()
        return variables.get("accent", "yellow"), variables.get("primary-lighten-1", "blue")

    def _trends(self, insights: Insights) -> list[Widget]:
        weeks = insights.weeks
        starts = [week.start for week in weeks]
        first, second = self._colours()
        if not any(week.sessions or week.load or week.after_n or week.run_count
                   for week in weeks):
            return [Static(
                "Nothing to chart yet. Play a routine or log how your legs feel, and the "
                "weeks will fill in here.", classes="trend-wait",
            )]
        today = insights.today
        load = insights.load
        ratio = "–" if load.ratio is None else f"{load.ratio:.2f}"
        return [
            _section("Soreness", "weekly mean, 0–10"),
            Static(Text.assemble(_key("right after", first), "   ", _key("next day", second)),
                   classes="trend-key"),
            WeeklyBars(starts, [[w.after_mean for w in weeks], [w.next_day_mean for w in weeks]],
                       top=10, empty="no soreness rated in these weeks", today=today,
                       id="chart-soreness"),
            _section("Warm-up and cool-down", "minutes per week"),
            Static(Text.assemble(_key("warm-up", first), "   ", _key("cool-down", second)),
                   classes="trend-key"),
            WeeklyBars(starts, [[w.warm_up_minutes for w in weeks],
                                [w.cool_down_minutes for w in weeks]],
                       empty="no warm-up or cool-down played in these weeks", today=today,
                       id="chart-minutes"),
            *self._runs(insights),
            _section("Run load", "effort × run minutes, per week"),
            WeeklyBars(starts, [[w.load for w in weeks]], today=today, id="chart-load",
                       empty="no runs with an effort in these weeks"),
            Static(Text.assemble(
                ("Last 7 days ", "dim"), f"{load.acute:,.0f}",
                ("  ·  mean week of the last 28 days ", "dim"), f"{load.chronic:,.0f}",
                (f"  ·  {load.no_load} run{'s' if load.no_load != 1 else ''} without an effort:"
                 " no load, left out" if load.no_load else "", "dim"),
            ), classes="trend-line"),
            _section("7-day : 28-day load", f"now {ratio}, {load.direction}; day by day"),
            RatioLine(load.series, id="load-trend"),
            Static(LOAD_NOTE, classes="trend-note"),
            _section("Streaks", "days with a session"),
            Static(streak_line(insights.streaks), id="streak-line", classes="trend-line"),
            StreakCalendar(insights.streaks.days, insights.today, id="calendar"),
        ]

    def _runs(self, insights: Insights) -> list[Widget]:
        """Distance and time of the imported runs, week by week; nothing without any."""
        weeks = insights.weeks
        if not any(week.run_count for week in weeks):
            return []
        starts = [week.start for week in weeks]
        parts: list[Widget] = [
            _section("Runs", "distance per week, km"),
            WeeklyBars(starts, [[w.run_km for w in weeks]], today=insights.today,
                       empty="no run with a distance in these weeks", id="chart-distance"),
            _section("Running time", "minutes per week"),
            WeeklyBars(starts, [[w.run_minutes for w in weeks]], today=insights.today,
                       empty="no run with a time in these weeks", id="chart-run-time"),
            Static(_run_weeks(weeks), id="runs-week", classes="trend-line"),
        ]
        if insights.spike is not None:
            parts.append(Static(literal(spike_note(insights.spike)), id="run-spike",
                                classes="trend-note"))
        return parts

    # ------------------------------------------------------------------ what helps

    def _helps(self, insights: Insights, every: list[Estimate]) -> list[Widget]:
        from coach.insights.family import shown

        estimates = shown(every, regions=self.regions)
        parts: list[Widget] = []
        jump = insights.jump
        if jump is not None:
            from coach.insights.trends import load_words

            parts.append(Static(
                f"{load_words(insights.load)}. Your load is building quickly.",
                id="load-warning",
            ))
        overall = [e for e in estimates if e.region is None and not e.randomised]
        runs = max((e.n_with + e.n_without for e in overall), default=0)
        parts.append(Static(Text.assemble(
            ("Next-day soreness (0–10), with minus without", "bold"),
            (f"  {runs} run{'s' if runs != 1 else ''} rated the day after", "dim"),
        ), classes="trend-title"))
        if not estimates or runs == 0 and not any(e.randomised for e in estimates):
            parts.append(Static(
                "No runs rated the next day yet. After a cool-down, rate your legs; coach "
                "asks again the next day. Once a few runs have both, this page compares them.",
                classes="trend-line",
            ))
            return parts
        parts.append(Static(Text(
            "Left of 0: less sore with it. The bar is the 95 % interval, the range the true "
            "difference very likely lies in; the dot is the difference seen.", style="dim"),
            classes="trend-line"))
        colours = self.app.get_css_variables()
        parts.append(Static(helps_view(estimates, colours), id="estimates"))
        family = max((e.family for e in estimates if not e.randomised), default=0)
        regions = ("r hides the body regions" if self.regions
                   else "r shows each body region too")
        if self.regions and not any(e.region is not None for e in every):
            regions = "No body region was rated the next day yet; r hides this"
        parts.append(Static(Text(
            f"A verdict counts only if it holds with all {family} comparisons shown together "
            f"(Holm's correction); intervals allow for runs close in time. {regions}.",
            style="dim"), id="family-note", classes="trend-line"))
        notes = Text()
        for number, (method, factors) in enumerate(methods(estimates), 1):
            notes.append("\n" if number > 1 else "")
            if factors:
                notes.append(rich_literal(", ".join(factors), "bold dim", newlines=False))
                notes.append(": ", style="dim")
            else:
                notes.append("By region: ", style="dim")
            notes.append(method, style="dim")
        parts.append(Static(notes, classes="trend-note"))
        parts.append(Static(CAUTION, classes="trend-note"))
        return parts
