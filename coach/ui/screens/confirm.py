"""Small questions over the current screen: the yes/no question and their shared frame."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from coach.ui.about import CoachModalScreen
from coach.ui.literal import literal

Answer = TypeVar("Answer")


class Dialog(CoachModalScreen[Answer]):
    """A question in a frame as big as its words, centred over the screen it is about
    (which stays visible, dimmed, around it)."""

    BINDINGS = [
        # A modal screen takes no key of the app's: its own ? opens the help.
        Binding("question_mark", "app.help", "Help", key_display="?", show=False,
                tooltip="Every key of this question"),
    ]

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > .dialog {
        width: auto;
        min-width: 36;
        max-width: 72;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        border: thick $error 70%;
        background: $surface;
    }
    Dialog .dialog-question {
        text-style: bold;
        width: auto;
        max-width: 100%;
    }
    Dialog .dialog-detail {
        color: $text-muted;
        margin-bottom: 1;
        width: auto;
        max-width: 100%;
    }
    Dialog .dialog-buttons {
        width: 100%;
        height: auto;
        align-horizontal: right;
    }
    Dialog .dialog-buttons Button {
        margin-left: 1;
    }
    """
    WIDEST = 72
    """The frame's widest, on a wide terminal; a narrow one gets its width less a margin."""

    def on_resize(self) -> None:
        """Fit the frame to the terminal: CSS alone can't say "72, or less if narrower",
        and a frame wider than the screen would cut off its words and buttons."""
        widest = max(24, min(self.WIDEST, self.size.width - 2))
        for frame in self.query(".dialog"):
            frame.styles.max_width = widest
            frame.styles.min_width = min(36, widest)


class ConfirmScreen(Dialog[bool]):
    """Callers put outside text (a routine's name) in the question: it is shown literally."""

    HELP_TITLE = "a question"
    HELP = "coach asks before doing something that can't be taken back."

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", tooltip="Go ahead"),
        Binding("n,escape", "answer(False)", "No", tooltip="Leave things as they are"),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes, stop") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(literal(self.question), id="question", classes="dialog-question")
            if self.detail:
                yield Label(literal(self.detail), id="dialog-detail", classes="dialog-detail")
            with Horizontal(id="buttons", classes="dialog-buttons"):
                yield Button(literal(f"{self.yes} (y)"), id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
