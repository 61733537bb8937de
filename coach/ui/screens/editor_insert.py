"""The editor's small form for a new step: a plain step, a per-side stretch, a repeat group or
a flexible walk, written as ordinary TOML at the cursor (see :mod:`coach.routine.snippets`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from coach.routine.durations import DurationError, parse_step_time
from coach.routine.fields import MAX_REPEAT
from coach.routine.model import STEP_KINDS
from coach.routine.snippets import SNIPPET_KINDS, SnippetKind, StepSpec, defaults, one_line_text
from coach.ui.about import CoachModalScreen
from coach.ui.literal import literal


class InsertStepScreen(CoachModalScreen[StepSpec | None]):
    """Asks for a new step's name, kind, time, cue and sides; dismissed with None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, kind: SnippetKind = "step") -> None:
        super().__init__()
        self.kind: SnippetKind = kind

    def compose(self) -> ComposeResult:
        with Vertical(id="insert-dialog"):
            yield Label("Insert at the cursor", id="insert-title")
            with Grid(id="insert-fields"):
                yield Label("What")
                yield Select([(label, key) for key, label in SNIPPET_KINDS.items()],
                             value=self.kind, allow_blank=False, compact=True, id="insert-what")
                yield Label("Group", classes="group")
                yield Input(compact=True, id="insert-group", classes="group")
                yield Label("Repeat", classes="group")
                yield Input(compact=True, type="integer", id="insert-repeat", classes="group")
                yield Label("Name")
                yield Input(compact=True, id="insert-name")
                yield Label("Kind")
                yield Select([(kind, kind) for kind in STEP_KINDS], allow_blank=False,
                             compact=True, id="insert-kind")
                yield Label("Time")
                yield Input(compact=True, id="insert-time",
                            placeholder='45s, 2m, 1m30s, 5m..10m or "open"')
                yield Label("Cue")
                yield Input(compact=True, id="insert-cue", placeholder="how to do it")
                yield Label("")
                yield Checkbox("Both sides: left, a short switch, then right", compact=True,
                               id="insert-sides")
            yield Label("", id="insert-error")
            with Horizontal(id="insert-buttons"):
                yield Button("Insert (enter)", id="insert-ok", variant="primary")
                yield Button("Cancel (esc)", id="insert-cancel")

    def on_mount(self) -> None:
        self._fill(self.kind)
        self.query_one("#insert-name", Input).focus()

    def _fill(self, kind: SnippetKind) -> None:
        spec = defaults(kind)
        self.kind = kind
        self.query_one("#insert-what", Select).value = kind
        self.query_one("#insert-name", Input).value = spec.name
        self.query_one("#insert-kind", Select).value = spec.kind
        self.query_one("#insert-time", Input).value = spec.time
        self.query_one("#insert-cue", Input).value = spec.cue
        self.query_one("#insert-sides", Checkbox).value = spec.sides
        self.query_one("#insert-group", Input).value = spec.group
        self.query_one("#insert-repeat", Input).value = str(spec.repeat or "")
        for widget in self.query(".group"):
            widget.display = kind == "repeat"

    @on(Select.Changed, "#insert-what")
    def _kind_chosen(self, event: Select.Changed) -> None:
        if event.value != self.kind and event.value in SNIPPET_KINDS:
            self._fill(event.value)

    @on(Input.Submitted)
    @on(Button.Pressed, "#insert-ok")
    def _submit(self) -> None:
        spec, problem = self.spec()
        if spec is None:
            self.query_one("#insert-error", Label).update(literal(problem))
            return
        self.dismiss(spec)

    @on(Button.Pressed, "#insert-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def spec(self) -> tuple[StepSpec | None, str]:
        """What the form says, or None and what to fix."""
        name = one_line_text(self.query_one("#insert-name", Input).value)
        if not name:
            return None, "Give the step a name, e.g. Calf stretch."
        time = self.query_one("#insert-time", Input).value.strip()
        try:
            parse_step_time(time)
        except DurationError as error:
            return None, f"Time: {error}"
        repeat = 0
        group = ""
        if self.kind == "repeat":
            group = one_line_text(self.query_one("#insert-group", Input).value)
            try:
                repeat = int(self.query_one("#insert-repeat", Input).value or "0")
            except ValueError:
                repeat = 0
            if not 1 <= repeat <= MAX_REPEAT:
                return None, f"Repeat: a number from 1 to {MAX_REPEAT}, e.g. 4."
            if not group:
                return None, "Give the group a name, e.g. Strides."
        kind = self.query_one("#insert-kind", Select).value
        return StepSpec(
            name=name,
            kind=kind if isinstance(kind, str) else "move",
            time=time,
            cue=self.query_one("#insert-cue", Input).value,
            sides=self.query_one("#insert-sides", Checkbox).value,
            repeat=repeat,
            group=group,
        ), ""
