"""A one-line progress bar that only repaints when told to.

Textual's ``ProgressBar`` keeps its own once-a-second timer (for its time estimate) that is
not in step with the player's: two of them doubled the player's wake-ups and repaints. The
player already knows when the display changes, so its bars need no clock of their own.
"""

from __future__ import annotations

from rich.style import Style
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.widget import Widget


class Meter(Widget):
    COMPONENT_CLASSES = {"meter--bar", "meter--complete"}

    DEFAULT_CSS = """
    Meter {
        width: 1fr;
        height: 1;
        & > .meter--bar { color: $primary; background: $surface; }
        & > .meter--complete { color: $success; background: $surface; }
    }
    """

    fraction: reactive[float] = reactive(0.0)
    """How much is done, from 0 to 1."""

    def validate_fraction(self, fraction: float) -> float:
        return min(1.0, max(0.0, fraction))

    def render(self) -> Bar:
        done = self.fraction >= 1.0
        style = self.get_component_rich_style("meter--complete" if done else "meter--bar")
        return Bar(
            highlight_range=(0, self.size.width * self.fraction),
            highlight_style=Style.from_color(style.color),
            background_style=Style.from_color(style.bgcolor),
            width=self.size.width,
        )
