"""One row of warning-sign checkboxes that is quick to set from the keyboard."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from coach.record.scales import WARNING_SIGN_KEYS
from coach.ui.about import Described

SHORT_LABELS: Final[dict[str, str]] = {
    "sharp-pain": "sharp pain",
    "swelling": "swelling",
    "night-pain": "pain at rest/night",
    "worse-running": "worse as I run/limp",
    "numbness": "numb/tingling",
    "bone-tender": "tender spot on a bone",
    "knee-locking": "knee locks/gives way",
    "calf-swollen-warm": "swollen warm calf",
    "dark-urine": "dark urine",
    "saddle-numbness": "numb groin/bladder change",
}
"""Labels short enough for one row on a laptop terminal."""

NUMBER_KEYS: Final = "1234567890"
"""The digit that ticks each sign, in order: the tenth is 0, next to 9 on the keyboard."""


class WarningSigns(Described, Widget, can_focus=True):
    """``▶ 1 ☐ sharp pain  2 ☑ swelling …``: digits tick a sign, ←/→ move, space ticks."""

    HELP_TITLE = "In the warning signs"
    BINDINGS = [
        *[Binding(NUMBER_KEYS[n], f"tick({n})", "Tick", show=False,
                  tooltip="Tick or untick the sign with this number")
          for n in range(len(WARNING_SIGN_KEYS))],
        Binding("right", "move(1)", "Next sign", show=False),
        Binding("left", "move(-1)", "Previous sign", show=False),
        Binding("space,x", "tick", "Tick this one", show=False,
                tooltip="Tick or untick the highlighted sign"),
        Binding("backspace,delete", "clear", "Clear", show=False, tooltip="Untick them all"),
    ]

    DEFAULT_CSS = """
    WarningSigns {
        height: auto;
        padding: 0 1 0 0;
        &:focus { background: $accent 20%; }
    }
    """

    selected: reactive[frozenset[str]] = reactive[frozenset[str]](frozenset())
    cursor: reactive[int] = reactive(0)

    def __init__(self, selected: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(
            WarningSigns.selected, frozenset(s for s in selected if s in WARNING_SIGN_KEYS)
        )

    @property
    def value(self) -> tuple[str, ...]:
        """The ticked signs, in the order coach lists them."""
        return tuple(key for key in WARNING_SIGN_KEYS if key in self.selected)

    def press(self, key: str) -> bool:
        """Do what ``key`` does here; False if the row has no use for it."""
        if len(key) == 1 and key in NUMBER_KEYS[:len(WARNING_SIGN_KEYS)]:
            self.action_tick(NUMBER_KEYS.index(key))
        elif key in ("right", "left"):
            self.action_move(1 if key == "right" else -1)
        elif key in ("space", "x"):
            self.action_tick()
        elif key in ("backspace", "delete"):
            self.action_clear()
        else:
            return False
        return True

    def _rows(self, width: int) -> list[Text]:
        """The signs packed into lines of ``width`` cells, breaking only between signs, so a
        number, its box and its label always read together ("5 ☐ numb/tingling")."""
        rows = [Text("▶ " if self.has_focus else "  ", style="bold")]
        for number, key in enumerate(WARNING_SIGN_KEYS):
            ticked = key in self.selected
            here = self.has_focus and number == self.cursor
            style = "reverse" if here else ("bold" if ticked else "")
            item = Text(f"{NUMBER_KEYS[number]} {'☑' if ticked else '☐'} {SHORT_LABELS[key]}",
                        style=style)
            row = rows[-1]
            if number and row.cell_len + 2 + item.cell_len > width:
                rows.append(Text("  "))
            elif number:
                row.append("  ")
            rows[-1].append_text(item)
        return rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows(width))

    def render(self) -> Text:
        return Text("\n").join(self._rows(self.content_size.width or 10_000))

    def action_move(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % len(WARNING_SIGN_KEYS)

    def action_tick(self, number: int | None = None) -> None:
        if number is not None:
            self.cursor = number
        key = WARNING_SIGN_KEYS[self.cursor]
        self.selected = self.selected ^ {key}

    def action_clear(self) -> None:
        self.selected = frozenset()

    def watch_selected(self) -> None:
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
