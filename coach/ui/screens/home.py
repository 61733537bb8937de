"""The home screen: pick a routine, with a suggestion that fits the moment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coach.routine.model import ROUTINE_KINDS, Routine
from coach.routine.outline import outline
from coach.routine.suggest import Suggestion
from coach.routine.timeline import expand
from coach.ui.literal import rich_literal
from coach.ui.messages import StartRoutine
from coach.ui.styles import HOME_CSS

_KIND_HEADINGS = {
    "warm-up": "Warm-ups · before a run",
    "cool-down": "Cool-downs · after a run",
    "stretch": "Stretches",
    "mixed": "Mixed",
}


@dataclass(frozen=True)
class RoutineChoice:
    """A routine as the home screen lists it."""

    routine: Routine | None
    id: str
    label: str
    """Where it comes from: built-in, user, or user replacing a built-in."""
    problem: str = ""
    """Why a user file could not be loaded; empty when it is fine."""


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def routine_preview(routine: Routine) -> Group:
    """The routine's steps with start times, as ``coach routines show`` prints them."""
    timeline = expand(routine)
    head = Text()
    head.append(rich_literal(routine.name, "bold", newlines=False))
    head.append("\n")
    head.append(rich_literal(
        f"{routine.kind} · {timeline.total.friendly()} · {timeline.step_count} steps", "dim"
    ))
    if routine.summary:
        head.append("\n\n")
        head.append(rich_literal(routine.summary))
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(justify="right", no_wrap=True)
    for row in outline(timeline):
        what = rich_literal(row.title, "bold")
        if row.detail:
            what.append(rich_literal(f"  {row.detail}", "dim"))
        if row.cue:
            what.append(rich_literal(f"\n{row.cue}", "italic"))
        table.add_row(row.start, what, row.duration)
    return Group(head, Text(), table)


class HomeScreen(Screen[None]):
    """Lists routines grouped by kind; enter starts the highlighted one."""

    CSS_PATH = HOME_CSS

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("p", "preview", "Preview"),
        Binding("s", "start_suggested", "Start suggested"),
        Binding("h", "app.history", "History"),
        Binding("l", "app.log", "Log soreness"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, now: Callable[[], datetime], morning_until: int) -> None:
        super().__init__()
        self.now = now
        self.morning_until = morning_until
        self.choices: list[RoutineChoice] = []
        self.suggestions: list[Suggestion] = []

    def on_mount(self) -> None:
        # After the first frame: the list is read from disk in a worker.
        self.call_after_refresh(self._load_routines)

    @work(thread=True, exclusive=True, exit_on_error=False, group="routines")
    def _load_routines(self) -> None:
        """Find the built-in and user routines off the screen's thread."""
        from coach.routine.catalog import discover
        from coach.routine.suggest import suggest

        catalog = discover()
        choices = [
            RoutineChoice(
                routine=entry.routine,
                id=entry.id,
                label=entry.source,
                problem="" if entry.error is None else _first_line(str(entry.error)),
            )
            for entry in catalog
        ]
        suggestions = suggest(catalog.routines, self.now(), self.morning_until)
        self.app.call_from_thread(self.show_routines, choices, suggestions)

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("Loading routines…", id="suggestion")
            with Horizontal(id="body"):
                yield OptionList(id="routines")
                with VerticalScroll(id="preview-pane"):
                    yield Static(id="preview")
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 80, "-narrow")

    def show_routines(
        self, choices: Sequence[RoutineChoice], suggestions: Sequence[Suggestion]
    ) -> None:
        self.choices = list(choices)
        self.suggestions = list(suggestions)
        self.query_one("#suggestion", Static).update(self._suggestion_text())
        options = self.query_one("#routines", OptionList)
        options.clear_options()
        if not self.choices:
            options.add_option(
                Option("No routines found. Run `coach routines list`.", disabled=True)
            )
            return
        first: str | None = suggestions[0].routine.id if suggestions else None
        for kind in (*ROUTINE_KINDS, None):
            group = [c for c in self.choices if (c.routine.kind if c.routine else None) == kind]
            if not group:
                continue
            heading = _KIND_HEADINGS[kind] if kind else "Can't be loaded"
            options.add_option(Option(Text(heading, style="bold"), disabled=True))
            for choice in group:
                options.add_option(Option(self._row(choice), id=choice.id))
        target = first if first and any(c.id == first for c in self.choices) else None
        if target is not None:
            options.highlighted = options.get_option_index(target)
        else:
            options.action_first()
        options.focus()

    def _suggestion_text(self) -> Text:
        text = Text()
        if not self.suggestions:
            text.append("Pick a routine below and press enter.")
            return text
        for number, suggestion in enumerate(self.suggestions):
            total = expand(suggestion.routine).total.friendly()
            key = "s" if number == 0 else ""
            text.append("Suggested: " if number == 0 else "\n")
            text.append(rich_literal(suggestion.routine.name, "bold", newlines=False))
            text.append(f" ({total})")
            if key:
                text.append("  press s to start", style="dim")
            text.append("\n")
            text.append(rich_literal(suggestion.why, "italic"))
        return text

    @staticmethod
    def _row(choice: RoutineChoice) -> Text:
        row = Text("  ")
        if choice.routine is None:
            row.append(rich_literal(choice.id, "bold red", newlines=False))
            row.append(rich_literal(f"  {choice.problem}", "dim", newlines=False))
            return row
        total = expand(choice.routine).total.friendly()
        row.append(rich_literal(choice.routine.name, newlines=False))
        row.append(f"  {total}", style="dim")
        if choice.label != "built-in":
            row.append(rich_literal(f"  {choice.label}", "italic dim", newlines=False))
        return row

    def _highlighted(self) -> RoutineChoice | None:
        options = self.query_one("#routines", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((c for c in self.choices if c.id == option_id), None)

    @on(OptionList.OptionHighlighted, "#routines")
    def _show_preview(self) -> None:
        choice = self._highlighted()
        preview = self.query_one("#preview", Static)
        if choice is None:
            preview.update("")
        elif choice.routine is None:
            preview.update(
                Text.assemble(
                    rich_literal(choice.id, "bold", newlines=False),
                    "\n\n",
                    rich_literal(choice.problem),
                    "\n\nRun `coach routines validate` to see every problem.",
                )
            )
        else:
            preview.update(routine_preview(choice.routine))

    @on(OptionList.OptionSelected, "#routines")
    def _selected(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        choice = self._highlighted()
        if choice is None:
            return
        if choice.routine is None:
            self.notify(
                choice.problem, title="Can't start this routine", severity="error", markup=False
            )
            return
        self.post_message(StartRoutine(choice.routine))

    def action_start_suggested(self) -> None:
        if self.suggestions:
            self.post_message(StartRoutine(self.suggestions[0].routine))

    def action_preview(self) -> None:
        choice = self._highlighted()
        if choice is not None and choice.routine is not None:
            from coach.ui.screens.preview import PreviewScreen

            self.app.push_screen(PreviewScreen(choice.routine))
