"""Recovery tips that fit the rating just saved: a specialist first when one is needed,
then "Today" and "Next run"; ``w`` shows why each tip is given."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from coach.soreness.advice import Advice
from coach.ui.about import CoachScreen
from coach.ui.literal import literal, rich_literal
from coach.ui.styles import CHECKIN_CSS
from coach.ui.widgets.footer import CoachFooter


def advice_text(advice: Advice, why: bool = False) -> Group:
    """The specialist message first, then "Today" and "Next run": each tip's title with its
    text indented under it, and with ``why`` the finding and source below that."""
    parts: list[RenderableType] = []
    specialist = advice.specialist
    if specialist is not None:
        urgent = {"emergency": "Emergency: ", "urgent": "Urgent: "}.get(
            specialist.urgency or "soon", "")
        parts.append(rich_literal(f"{urgent}{specialist.title}", "bold red"))
        parts.append(Padding(rich_literal(specialist.text), (0, 0, 0 if why else 1, 2)))
        if why:
            parts.append(Padding(rich_literal(f"Why: {specialist.why}", "dim"), (0, 0, 1, 2)))
    for heading, tips in (("Today", advice.today), ("Next run", advice.next_run)):
        if not tips:
            continue
        parts.append(rich_literal(heading, "bold underline"))
        for tip in tips:
            parts.append(rich_literal(f"• {tip.title}", "bold"))
            parts.append(Padding(rich_literal(tip.text), (0, 0, 0 if why else 1, 2)))
            if why:
                parts.append(Padding(rich_literal(f"Why: {tip.why}", "dim"), (0, 0, 1, 2)))
    parts.append(rich_literal(advice.disclaimer, "dim italic"))
    return Group(*parts)


class AdviceScreen(CoachScreen[None]):
    CSS_PATH = CHECKIN_CSS

    HELP_TITLE = "recovery tips"
    HELP = """Tips that fit the rating just saved: a specialist first when one is needed, then
    what helps today and what to change for the next run."""

    BINDINGS = [
        Binding("enter,escape,q", "dismiss", "Done", priority=True, tooltip="Close the tips"),
        Binding("w", "toggle_why", "Why", tooltip="Show or hide the finding behind each tip"),
    ]
    FOOTER_KEEP = ("dismiss",)

    def __init__(self, advice: Advice, heading: str = "Saved. For your legs:") -> None:
        super().__init__()
        self.advice = advice
        self.heading = heading
        self.show_why = False
        """Whether each tip shows its finding and source."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="advice"):
            yield Label(literal(self.heading), id="advice-heading")
            yield Static(advice_text(self.advice), id="advice-tips")
        yield CoachFooter()

    def action_toggle_why(self) -> None:
        self.show_why = not self.show_why
        self.query_one("#advice-tips", Static).update(advice_text(self.advice, self.show_why))

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
