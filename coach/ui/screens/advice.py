"""Recovery tips that fit the rating just saved."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from coach.soreness.advice import Advice
from coach.ui.styles import CHECKIN_CSS


def advice_text(advice: Advice) -> Group:
    """Each tip's title, then its text indented under it (wrapped lines stay indented)."""
    parts: list[RenderableType] = []
    if advice.specialist is not None:
        parts.append(Text(advice.specialist.title, style="bold red"))
        parts.append(Padding(Text(advice.specialist.text), (0, 0, 1, 2)))
    for tip in advice.tips:
        parts.append(Text(f"• {tip.title}", style="bold"))
        parts.append(Padding(Text(tip.text), (0, 0, 1, 2)))
    parts.append(Text(advice.disclaimer, style="dim italic"))
    return Group(*parts)


class AdviceScreen(Screen[None]):
    CSS_PATH = CHECKIN_CSS

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
