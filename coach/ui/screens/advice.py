"""Recovery tips that fit the rating just saved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from coach.advice import Advice


def advice_text(advice: Advice) -> Text:
    text = Text()
    if advice.specialist is not None:
        text.append(f"{advice.specialist.title}\n", style="bold red")
        text.append(f"{advice.specialist.text}\n\n")
    for tip in advice.tips:
        text.append(f"• {tip.title}\n", style="bold")
        text.append(f"  {tip.text}\n\n")
    text.append(advice.disclaimer, style="dim italic")
    return text


class AdviceScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,escape,q", "dismiss", "Done", priority=True),
    ]

    def __init__(self, advice: Advice, heading: str = "Saved. For your legs:") -> None:
        super().__init__()
        self.advice = advice
        self.heading = heading

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="advice"):
            yield Label(self.heading, id="advice-heading")
            yield Static(advice_text(self.advice), id="advice-tips")
        yield Footer()

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
