"""The soreness check: overall, by region, warning signs, the run's effort and length, and
a note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label

from coach.record.scales import EFFORT_WORDS, REGIONS, SORENESS_WORDS
from coach.soreness.checkin import Rating as RatingValues
from coach.text import one_line
from coach.ui.about import CoachScreen
from coach.ui.literal import literal
from coach.ui.styles import CHECKIN_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.note_input import NoteInput
from coach.ui.widgets.rating import Rating
from coach.ui.widgets.signs import WarningSigns

ROW_KEYS: Final = (
    *"0123456789", "t", "x", "left", "right", "plus", "minus", "equals_sign", "backspace",
    "delete", "space",
)
"""Keys a rating row or the warning signs answer to. The form takes them first (in the
order they were typed, with tab and the arrows) and hands them to the focused row; in a
text field they type as usual."""
MINUTES_ERROR: Final = "Run minutes: a number more than 0, up to 1440 (a day), e.g. 35"


@dataclass(frozen=True)
class SorenessPrompt:
    """What the form asks, and about which session (the intro names it: shown literally)."""

    title: str
    intro: str
    ask_run: bool = True
    """Ask for the run's effort and minutes (not on the next-day check)."""
    initial: RatingValues | None = None
    """Values to start from when editing an earlier entry."""


class SorenessScreen(CoachScreen[RatingValues | None]):
    """Dismisses with the rating, or None when the runner skips it."""

    CSS_PATH = CHECKIN_CSS

    HELP_TITLE = "the soreness form"
    HELP = """Rate how your legs feel, 0 none to 10 the worst you can imagine, while doing a
    slow squat. The row marked ▶ is the one your keys change: a digit sets it, ←/→ nudge it,
    ↑/↓ (or tab) move to the next row. Everything but the overall rating is optional."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the rating and see tips that fit it"),
        Binding("escape", "skip", "Skip", tooltip="Leave without saving anything"),
        # Priority, so that every key is taken in the order it was typed: a key forwarded
        # to a row can otherwise land after a quicker tab or arrow has moved the focus on
        # (and the scrolling form would take ↑/↓ to scroll).
        Binding("down", "app.focus_next", "Next row", show=False, priority=True,
                tooltip="Move to the next row"),
        Binding("up", "app.focus_previous", "Previous row", show=False, priority=True,
                tooltip="Move to the row before"),
        Binding("tab", "app.focus_next", "Next row", show=False, priority=True,
                tooltip="Move to the next row"),
        Binding("shift+tab", "app.focus_previous", "Previous row", show=False,
                priority=True, tooltip="Move to the row before"),
        *[Binding(key, f"row_key('{key}')", show=False, priority=True) for key in ROW_KEYS],
    ]
    FOOTER_KEEP = ("save", "skip")

    def __init__(self, prompt: SorenessPrompt) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        initial = self.prompt.initial
        regions = dict(initial.regions) if initial else {}
        with VerticalScroll(id="soreness"):
            yield Label(literal(self.prompt.title), id="soreness-title")
            yield Label(literal(self.prompt.intro), id="soreness-intro")
            yield Label(
                "Do a slow squat, then rate: 0 none … 10 worst imaginable. "
                "Digits set a row, ←/→ change it, ↑/↓ move.",
                classes="help",
            )
            yield Rating(
                "Overall soreness",
                SORENESS_WORDS,
                value=initial.overall if initial else 0,
                id="overall",
            )
            yield Label("By region (leave at 0 where nothing hurts)", classes="section")
            for key, label in REGIONS:
                yield Rating(label, SORENESS_WORDS, value=regions.get(key, 0), id=f"region-{key}")
            yield Label(
                "Warning signs (optional): a digit or space ticks one, ←/→ move",
                classes="section",
            )
            yield WarningSigns(initial.flags if initial else (), id="signs")
            if self.prompt.ask_run:
                yield Label("The run (optional)", classes="section")
                yield Rating(
                    "Effort (0–10)",
                    EFFORT_WORDS,
                    value=initial.effort if initial else None,
                    optional=True,
                    id="effort",
                )
                with Horizontal(classes="field"):
                    yield Label("Run minutes", classes="field-label")
                    minutes = initial.run_minutes if initial else None
                    yield Input(
                        value="" if minutes is None else f"{minutes:g}",
                        placeholder="e.g. 35",
                        restrict=r"\d{0,4}(\.\d{0,2})?",
                        max_length=7,
                        id="minutes",
                    )
                yield Label("", id="minutes-error", classes="error -empty")
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield NoteInput(
                    value=one_line(initial.note) if initial else "",
                    placeholder="anything worth remembering (optional)",
                    max_length=500,
                    id="note",
                )
            with Horizontal(id="soreness-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Skip (esc)", id="skip")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.query_one("#overall", Rating).focus()
        self._as_opened = self._answers()

    def _answers(self) -> tuple[object, ...]:
        """Every field as it stands, read without judging it."""
        fields: list[object] = [rating.value for rating in self.query(Rating)]
        fields += [box.value for box in self.query(Input)]
        fields.append(tuple(self.query_one("#signs", WarningSigns).value))
        return tuple(fields)

    def unsaved(self) -> str | None:
        """What quitting now would lose (Ctrl+Q asks first), or None."""
        if self._answers() != getattr(self, "_as_opened", None):
            return "The rating you are filling in is not saved yet."
        return None

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row keys go to a rating row or the signs; in a text field they type."""
        if action == "row_key":
            return isinstance(self.focused, Rating | WarningSigns)
        return True

    def action_row_key(self, key: str) -> None:
        row = self.focused
        if isinstance(row, Rating | WarningSigns):
            row.press(key)

    def on_paste(self, event: events.Paste) -> None:
        """A paste over a row is typed key by key: digits set rows, a tab or a new line
        moves to the next one (a text field takes its paste itself)."""
        for char in event.text:
            if char in "\t\r\n":
                self.focus_next()
            elif char.isdigit() or char in "tx":
                self.action_row_key(char)

    # ------------------------------------------------------------------ the answers

    def values(self) -> RatingValues | None:
        """The form as a rating, or None (with a message shown) if a field is wrong."""
        overall = self.query_one("#overall", Rating).value or 0
        regions = {key: self.query_one(f"#region-{key}", Rating).value or 0 for key, _ in REGIONS}
        effort: int | None = None
        minutes: float | None = None
        if self.prompt.ask_run:
            effort = self.query_one("#effort", Rating).value
            text = self.query_one("#minutes", Input).value.strip()
            minutes, problem = run_minutes(text)
            self._show_minutes_problem(problem)
            if problem:
                self.query_one("#minutes", Input).focus()
                return None
        note = self.query_one("#note", Input).value.strip()
        flags = self.query_one("#signs", WarningSigns).value
        return RatingValues(overall, regions, effort, minutes, note, flags)

    def action_save(self) -> None:
        values = self.values()
        if values is not None:
            self.dismiss(values)

    def action_skip(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#skip")
    def _skip_pressed(self) -> None:
        self.action_skip()

    @on(Input.Submitted)
    def _input_submitted(self) -> None:
        self.action_save()

    @on(Input.Changed, "#minutes")
    def _minutes_changed(self, event: Input.Changed) -> None:
        """An error shown goes as soon as the minutes are right again."""
        error = self.query_one("#minutes-error", Label)
        if not error.has_class("-empty") and not run_minutes(event.value.strip())[1]:
            self._show_minutes_problem("")

    def _show_minutes_problem(self, problem: str) -> None:
        error = self.query_one("#minutes-error", Label)
        error.update(problem)
        error.set_class(not problem, "-empty")


def run_minutes(text: str) -> tuple[float | None, str]:
    """The run's minutes typed (None when empty), and what is wrong with them."""
    if not text:
        return None, ""
    try:
        minutes = float(text)
    except ValueError:
        return None, MINUTES_ERROR
    if not 0 < minutes <= 24 * 60:
        return None, MINUTES_ERROR
    return minutes, ""
