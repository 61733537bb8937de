"""The soreness check: overall, by region, warning signs, the run's effort and length, and
a note."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label

from coach.scales import EFFORT_WORDS, REGIONS, SORENESS_WORDS
from coach.soreness.checkin import Rating as RatingValues
from coach.text import one_line
from coach.ui.literal import literal
from coach.ui.styles import CHECKIN_CSS
from coach.ui.widgets.rating import Rating
from coach.ui.widgets.signs import WarningSigns


@dataclass(frozen=True)
class SorenessPrompt:
    """What the form asks, and about which session (the intro names it: shown literally)."""

    title: str
    intro: str
    ask_run: bool = True
    """Ask for the run's effort and minutes (not on the next-day check)."""
    initial: RatingValues | None = None
    """Values to start from when editing an earlier entry."""


class SorenessScreen(Screen[RatingValues | None]):
    """Dismisses with the rating, or None when the runner skips it."""

    CSS_PATH = CHECKIN_CSS

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "skip", "Skip"),
        # Priority: the scrolling form would otherwise take ↑/↓ to scroll.
        Binding("down", "app.focus_next", "Next", show=False, priority=True),
        Binding("up", "app.focus_previous", "Previous", show=False, priority=True),
    ]

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
                        type="number",
                        id="minutes",
                    )
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield Input(
                    value=one_line(initial.note) if initial else "",
                    placeholder="anything worth remembering (optional)",
                    max_length=500,
                    id="note",
                )
            with Horizontal(id="soreness-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Skip (esc)", id="skip")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#overall", Rating).focus()

    def values(self) -> RatingValues | None:
        """The form as a rating, or None (with a message shown) if a field is wrong."""
        overall = self.query_one("#overall", Rating).value or 0
        regions = {key: self.query_one(f"#region-{key}", Rating).value or 0 for key, _ in REGIONS}
        effort: int | None = None
        minutes: float | None = None
        if self.prompt.ask_run:
            effort = self.query_one("#effort", Rating).value
            text = self.query_one("#minutes", Input).value.strip()
            if text:
                try:
                    minutes = float(text)
                except ValueError:
                    minutes = -1.0
                if not 0 < minutes <= 24 * 60:
                    self.notify("Run minutes: a number from 1 to 1440, e.g. 35", severity="error")
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
