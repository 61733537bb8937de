"""The home screen: pick a routine, with a suggestion that fits the moment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.routine.suggest import Suggestion
from coach.routine.timeline import expand
from coach.ui.about import CoachScreen
from coach.ui.literal import rich_literal
from coach.ui.messages import StartRoutine
from coach.ui.screens.editor_commands import home_edit_commands
from coach.ui.styles import HOME_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.routine_list import (
    RoutineChoice,
    RoutineList,
    RoutineRow,
    first_line,
    grouped_options,
)
from coach.ui.widgets.routine_preview import drawn_preview

if TYPE_CHECKING:
    from coach.session.experiments import HomeLine

class HomeScreen(CoachScreen[None]):
    """Lists routines grouped by kind; enter starts the highlighted one."""

    CSS_PATH = HOME_CSS
    COMMANDS = {home_edit_commands}

    HELP_TITLE = "home"
    HELP = """Pick a routine: the list groups them by kind with how long each takes, and
    the box at the top suggests one that fits the moment. A click picks a routine and shows
    its steps; enter (or a double click) starts it. Type / and a few letters of a name,
    kind or id to narrow the list."""

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True, key_display="enter",
                tooltip="Start the highlighted routine"),
        Binding("slash", "filter", "Find", key_display="/",
                tooltip="Narrow the list as you type (name, kind or id); esc clears it"),
        Binding("s", "start_suggested", "Suggested", tooltip="Start the first suggestion"),
        Binding("c", "start_cool_down", "Cool-down", tooltip="Start the suggested cool-down"),
        Binding("p", "preview", "Preview", tooltip="Every step of the highlighted routine"),
        Binding("e", "edit", "Edit",
                tooltip="Change the highlighted routine in coach's editor; yours once saved"),
        Binding("h", "app.history", "History",
                tooltip="Past sessions, trends and what helps you"),
        Binding("l", "app.log", "Log soreness", tooltip="Rate your legs without a routine"),
        Binding("q", "app.quit", "Quit", tooltip="Leave coach"),
        Binding("escape", "clear_filter", "Clear", show=False,
                tooltip="Clear the filter and show every routine"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]
    FOOTER_KEEP = ("start", "filter", "app.quit")

    def __init__(self, now: Callable[[], datetime], morning_until: int) -> None:
        super().__init__()
        self.now = now
        self.morning_until = morning_until
        self.choices: list[RoutineChoice] = []
        self.suggested: list[Suggestion] = []
        """What fits the moment; :attr:`suggestions` leaves out what an experiment holds
        back today."""
        self.suggestions: list[Suggestion] = []
        self.held_back: frozenset[str] = frozenset()
        """Routines the running experiment's day leaves out: not suggested today."""
        self.query_text = ""
        """What the filter holds: only routines matching it are listed."""
        self._previewed: str | None = None
        self._rows: dict[str, Text | RoutineRow] = {}
        self._played_seen: object = None
        """The last finished routine home came back from: another one means a routine was
        played since."""
        """Each routine's line in the list, made once: the filter redraws the list a key."""

    def on_mount(self) -> None:
        # After the first frame: the list is read from disk in a worker.
        self.call_after_refresh(self._load_routines)

    def on_screen_resume(self) -> None:
        # Back from a routine: the search that found it is done with, and the keys are the
        # list's again (enter must not start a second routine, h must not type an "h").
        played = getattr(self.app, "played", None)
        if played is not self._played_seen and played is not None and played.finished:
            self._played_seen = played
            if self.choices:  # else the list is still being read: nothing to clear yet
                self.action_clear_filter()
                self.query_one("#routines", OptionList).focus()
        # Back from a routine or a rating: the experiment may be on its next run, and a
        # warm-up just played makes the cool-down the suggestion. (The first time, the
        # routines are still being read: their loading looks after both.)
        if self.choices:
            self.call_after_refresh(self._glance)

    @work(thread=True, exclusive=True, exit_on_error=False, group="glance")
    def _glance(self) -> None:
        """What the moment changes, read off the screen's thread in one go: the suggestions
        (for the routines already listed: the list stays put) and the experiment's line
        (which writes)."""
        from coach.routine.suggest import suggest

        history = getattr(self.app, "history", None)
        if history is None:
            return
        routines = [choice.routine for choice in self.choices if choice.routine is not None]
        warmed_up_at = history.recent_warm_up()
        found = suggest(routines, self.now(), self.morning_until, warmed_up_at)
        line = history.experiment_home(routines, warmed_up_at)
        self.app.call_from_thread(self._glanced, found, line)

    def _glanced(self, found: list[Suggestion], line: HomeLine | None) -> None:
        if [(s.routine.id, s.why) for s in found] != [
                (s.routine.id, s.why) for s in self.suggested]:
            self.suggested = found
            self._suggest()
        self.show_experiment(line)

    def show_experiment(self, line: HomeLine | None) -> None:
        """Say the experiment's word for today; on a day without a part, suggest no routine
        of it (the list still has every routine)."""
        if self._show_line(line):
            self._suggest()
            current = self._highlighted()
            if current is not None and current.id in self.held_back and self.suggestions:
                # The list opened on a routine the day leaves out: on the suggestion instead.
                self._fill(self.suggestions[0].routine.id)

    def _show_line(self, line: HomeLine | None) -> bool:
        """Put the line in its box; True if what the day holds back changed."""
        box = self.query_one("#experiment", Static)
        box.update(rich_literal(line.text) if line is not None else "")
        box.set_class(line is None, "-empty")
        held_back = frozenset() if line is None else line.held_back
        changed = held_back != self.held_back
        self.held_back = held_back
        return changed

    def _suggest(self) -> None:
        self.suggestions = [s for s in self.suggested if s.routine.id not in self.held_back]
        if self.choices:
            self.query_one("#suggestion", Static).update(self._suggestion_text())
        self.refresh_bindings()

    @work(thread=True, exclusive=True, exit_on_error=False, group="routines")
    def _load_routines(self) -> None:
        """Find the built-in and user routines off the screen's thread."""
        from coach.routine.catalog import discover
        from coach.routine.suggest import suggest

        history = getattr(self.app, "history", None)
        warmed_up_at = history.recent_warm_up() if history is not None else None
        catalog = discover()
        choices = [
            RoutineChoice(
                routine=entry.routine,
                id=entry.id,
                label=entry.source,
                problem="" if entry.error is None else first_line(str(entry.error)),
            )
            for entry in catalog
        ]
        suggestions = suggest(catalog.routines, self.now(), self.morning_until, warmed_up_at)
        # The experiment's line is read with the list, so both arrive in one frame: a line
        # coming later would push the list and the preview down under the runner's eyes.
        line = None
        if history is not None:
            line = history.experiment_home(catalog.routines, warmed_up_at)
        self.app.call_from_thread(self.show_routines, choices, suggestions, line)

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(id="experiment", classes="-empty")
            yield Static("Loading routines…", id="suggestion")
            yield Input(placeholder="Find a routine: type part of its name, kind or id",
                        id="filter", classes="-hidden", disabled=True)
            with Horizontal(id="body"):
                yield RoutineList(id="routines")
                with VerticalScroll(id="preview-pane"):
                    yield Static(id="preview")
        yield CoachFooter()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 80, "-narrow")
        short = self.size.height < 24
        if short != self.has_class("-short"):
            self.set_class(short, "-short")
            if self.choices:
                self.query_one("#suggestion", Static).update(self._suggestion_text())

    def show_routines(
        self, choices: Sequence[RoutineChoice], suggestions: Sequence[Suggestion],
        line: HomeLine | None = None,
    ) -> None:
        self.choices = list(choices)
        self.suggested = list(suggestions)
        self._show_line(line)
        self.suggestions = [s for s in self.suggested if s.routine.id not in self.held_back]
        self._rows = {choice.id: self._row(choice) for choice in self.choices}
        self._previewed = None  # the routines were read again: so may their steps be
        self.query_one("#suggestion", Static).update(self._suggestion_text())
        self._fill(self.suggestions[0].routine.id if self.suggestions else None)
        if not self.query_one("#filter", Input).has_focus:
            self.query_one("#routines", OptionList).focus()
        self.refresh_bindings()

    def _fill(self, wanted: str | None = None) -> None:
        """List the routines that match the filter, grouped by kind; highlight ``wanted``
        (or the first match)."""
        options = self.query_one("#routines", OptionList)
        options.clear_options()
        if not self.choices:
            options.add_option(
                Option("No routines found. Run `coach routines list`.", disabled=True)
            )
            return
        shown = [c for c in self.choices if c.matches(self.query_text)]
        if not shown:
            options.add_option(Option(Text.assemble(
                "No routine matches ", rich_literal(self.query_text, "bold", newlines=False),
                ". Esc shows them all."), disabled=True))
            self._show_preview()
            return
        options.add_options(grouped_options(shown, self._rows))
        if wanted is not None and any(c.id == wanted for c in shown):
            options.highlighted = options.get_option_index(wanted)
        else:
            options.action_first()

    def suggestion_keys(self) -> list[str]:
        """The key that starts each suggestion: s the first, c the cool-down."""
        keys = []
        for number, suggestion in enumerate(self.suggestions):
            cool = suggestion.routine.kind == "cool-down"
            keys.append("s" if number == 0 else "c" if cool else "")
        return keys

    def _suggestion_text(self) -> Text:
        text = Text()
        if not self.suggestions:
            text.append("Pick a routine below and press enter.")
            return text
        for number, (suggestion, key) in enumerate(
            zip(self.suggestions, self.suggestion_keys(), strict=True)
        ):
            total = expand(suggestion.routine).total.friendly()
            text.append("Suggested: " if number == 0 else "\nOr: ")
            text.append(rich_literal(suggestion.routine.name, "bold", newlines=False))
            text.append(f" ({total})")
            if key:
                text.append(f"  press {key}", style="dim")
            if not self.has_class("-short"):  # a low terminal keeps its rows for the list
                text.append("\n")
                text.append(rich_literal(suggestion.why, "italic"))
        return text

    @staticmethod
    def _row(choice: RoutineChoice) -> Text | RoutineRow:
        row = Text("  ")
        if choice.routine is None:
            row.append(rich_literal(choice.id, "bold red", newlines=False))
            row.append(rich_literal(f"  {choice.problem}", "dim", newlines=False))
            return row
        total = expand(choice.routine).total.friendly()
        tag = choice.label if choice.label != "built-in" else ""
        return RoutineRow(rich_literal(choice.routine.name, newlines=False), total, tag)

    def highlighted_id(self) -> str | None:
        """The id of the routine the list's cursor is on."""
        choice = self._highlighted()
        return None if choice is None else choice.id

    def _highlighted(self) -> RoutineChoice | None:
        options = self.query_one("#routines", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((c for c in self.choices if c.id == option_id), None)

    @on(OptionList.OptionHighlighted, "#routines")
    def _show_preview(self) -> None:
        choice = self._highlighted()
        shown = None if choice is None else choice.id
        if shown == self._previewed and shown is not None:
            return  # the filter redrew the list around the same routine
        self._previewed = shown
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
            preview.update(drawn_preview(choice.routine))

    @on(OptionList.OptionSelected, "#routines")
    def _selected(self) -> None:
        """A double click on a routine (a single one only picks it)."""
        self.action_start()

    # ------------------------------------------------------------------ finding

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.disabled = False
        box.remove_class("-hidden")
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        current = self._highlighted()
        self._fill(current.id if current is not None else None)

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.has_focus and not self.query_text:
            return
        current = self._highlighted()
        box.value = ""
        self.query_text = ""
        box.add_class("-hidden")
        box.disabled = True  # hidden, it must not take the focus (nor the keys) back
        self._fill(current.id if current is not None else None)
        self.query_one("#routines", OptionList).focus()

    def action_move(self, delta: int) -> None:
        """↑/↓ while typing in the filter move through the list."""
        options = self.query_one("#routines", OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_cool_down":
            return any(s.routine.kind == "cool-down" for s in self.suggestions)
        if action == "start_suggested":
            return bool(self.suggestions)
        return True

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

    def action_start_cool_down(self) -> None:
        cool = next((s for s in self.suggestions if s.routine.kind == "cool-down"), None)
        if cool is not None:
            self.post_message(StartRoutine(cool.routine))

    def action_preview(self) -> None:
        choice = self._highlighted()
        if choice is not None and choice.routine is not None:
            from coach.ui.screens.preview import PreviewScreen

            self.app.push_screen(PreviewScreen(choice.routine))

    def action_edit(self) -> None:
        """Open the highlighted routine in coach's editor (a broken one too: to fix it)."""
        choice = self._highlighted()
        if choice is not None:
            self.edit(choice.id)

    def edit(self, routine_id: str) -> None:
        """Edit a routine; once it is saved, the list is read again to show it."""
        from coach.ui.screens.editor import edit_routine

        edit_routine(self.app, routine_id, on_saved=self._load_routines)
