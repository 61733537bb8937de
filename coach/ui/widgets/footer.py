"""A footer that keeps the keys a runner needs when the terminal is narrow.

Textual's footer lists keys left to right and cuts off whatever does not fit: at 60
columns the home screen lost ``q Quit`` and at 40 the player lost Mute and Stop. This one
first packs the keys tighter, then leaves out the least needed ones (from the right) until
the rest fit, and never leaves out a screen's essential keys (its ``FOOTER_KEEP`` actions)
or ``?`` for help, which lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Footer

from coach.ui.about import About
from coach.ui.textual_compat import FooterKey, bindings_ready

ALWAYS: Final = frozenset({"help", "app.help"})
"""Kept on every screen: help names every other key."""


@dataclass(frozen=True)
class FooterEntry:
    binding: Binding
    display: str
    enabled: bool
    tooltip: str
    essential: bool

    def width(self, compact: bool) -> int:
        """Cells the key takes in the footer, as Textual's ``FooterKey`` pads it."""
        key, text = cell_len(self.display), cell_len(self.binding.description)
        return key + text + 2 if compact else key + 2 + text + 1


def fit(entries: Sequence[FooterEntry], width: int) -> tuple[list[FooterEntry], bool]:
    """The entries that fit in ``width`` cells, and whether they need the compact style."""
    shown = list(entries)
    compact = sum(entry.width(False) for entry in shown) > width
    while sum(entry.width(compact) for entry in shown) > width:
        droppable = [i for i, entry in enumerate(shown) if not entry.essential]
        if not droppable:
            break
        del shown[droppable[-1]]
    return shown, compact


class CoachFooter(Footer):
    """The keys of the screen, the essential ones kept whatever the width."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: tuple[tuple[FooterEntry, ...], bool] | None = None

    def entries(self) -> list[FooterEntry]:
        screen = self.screen
        keep = set(screen.FOOTER_KEEP if isinstance(screen, About) else ()) | ALWAYS
        found: list[FooterEntry] = []
        actions: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            found.append(FooterEntry(binding, self.app.get_key_display(binding), enabled,
                                     tooltip or binding.tooltip, binding.action in keep))
        return found

    def _layout(self) -> tuple[tuple[FooterEntry, ...], bool]:
        shown, compact = fit(self.entries(), self.app.size.width)
        return tuple(shown), compact

    async def recompose(self) -> None:
        """Rebuilt only when what it shows changes: the screen's bindings are refreshed on
        every focus move and every step of the player, mostly to the same keys, and each
        rebuild mounts and styles every key again."""
        if (self.is_attached and bindings_ready(self) and self._shown is not None
                and self._layout() == self._shown):
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if not bindings_ready(self):
            return
        self._shown = self._layout()
        shown, compact = self._shown
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        for entry in shown:
            binding = entry.binding
            key = FooterKey(
                binding.key, entry.display, binding.description, binding.action,
                disabled=not entry.enabled, tooltip=entry.tooltip,
                classes="-compact" if compact else "",
            )
            # Born in the footer's style: a key starts compact and would otherwise restyle
            # itself (and again when bound to a wide footer) on every recompose.
            key.set_reactive(FooterKey.compact, compact)
            yield key.data_bind(compact=Footer.compact)

    def on_resize(self, event: Resize) -> None:
        if bindings_ready(self):  # rebuilt only if the new width changes what fits
            self.call_after_refresh(self.recompose)
