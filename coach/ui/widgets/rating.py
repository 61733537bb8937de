"""A 0–10 rating row that is quick to set from the keyboard."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from coach.ui.about import Described

_DIGITS = [str(n) for n in range(10)]


class Rating(Described, Widget, can_focus=True):
    """``▶ Calves  ■■■■□□□□□□  4 moderate``: digits set it, ←/→ step it, 0 clears it.

    The focused row is marked with ``▶`` (and drawn bold and highlighted), so it shows
    without colour too. ``optional`` ratings start unset (shown as "–") and backspace
    unsets them again; the others start at zero.
    """

    HELP_TITLE = "In a rating row"
    BINDINGS = [
        *[Binding(digit, f"set({digit})", "Set", show=False, tooltip="Set the row to this number")
          for digit in _DIGITS],
        Binding("t", "set(10)", "Ten", show=False, tooltip="Set the row to 10"),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False,
                tooltip="One point more"),
        Binding("left,minus", "step(-1)", "Less", show=False, tooltip="One point less"),
        Binding("backspace,delete", "clear", "Clear", show=False,
                tooltip="Back to 0 (or to not rated, for the run's effort)"),
    ]
    KEYS = {
        **{digit: f"set({digit})" for digit in _DIGITS}, "t": "set(10)",
        "right": "step(1)", "plus": "step(1)", "equals_sign": "step(1)",
        "left": "step(-1)", "minus": "step(-1)", "backspace": "clear", "delete": "clear",
    }
    """Each key the row answers to and its action, for the form to press in order."""

    COMPONENT_CLASSES = {"rating--filled", "rating--empty"}

    DEFAULT_CSS = """
    Rating {
        height: 1;
        padding: 0 1 0 0;
        & > .rating--filled { color: $accent; }
        & > .rating--empty { color: $text-disabled; }
        &:focus { background: $accent 20%; }
    }
    """

    value: reactive[int | None] = reactive[int | None](0)

    def __init__(
        self,
        label: str,
        words: dict[int, str],
        *,
        value: int | None = 0,
        optional: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.words = words
        self.optional = optional
        self.set_reactive(Rating.value, None if optional and value is None else value)

    def render(self) -> Text:
        marker = "▶ " if self.has_focus else "  "
        text = Text(f"{marker}{self.label:<20}", style="bold" if self.has_focus else "")
        value = self.value
        filled = value or 0
        text.append("■" * filled, style=self.get_component_rich_style("rating--filled"))
        text.append("□" * (10 - filled), style=self.get_component_rich_style("rating--empty"))
        if value is None:
            text.append("   –  not rated", style="dim")
        else:
            text.append(f"  {value:>2}  {self.words.get(value, '')}")
        return text

    def press(self, key: str) -> bool:
        """Do what ``key`` does to this row; False if the row has no use for it."""
        action = self.KEYS.get(key)
        if action is None:
            return False
        name, _, argument = action.partition("(")
        if name == "clear":
            self.action_clear()
        elif name == "set":
            self.action_set(int(argument.rstrip(")")))
        else:
            self.action_step(int(argument.rstrip(")")))
        return True

    def action_step(self, delta: int) -> None:
        self.value = max(0, min(10, (self.value or 0) + delta))

    def action_set(self, value: int) -> None:
        self.value = value

    def action_clear(self) -> None:
        self.value = None if self.optional else 0

    def watch_value(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
