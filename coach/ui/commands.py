"""The command palette's commands (ctrl+p): start a routine by name, and the app's actions.

Routine names are outside text: each is shown through the literal boundary, and the
palette's own highlighter (which reads its candidate as markup) is never given one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from coach.text import clean
from coach.ui.literal import literal

if TYPE_CHECKING:
    from coach.routine.model import Routine


class PaletteApp(Protocol):
    """What the palette asks of the app: its actions, and starting a routine."""

    def start_from_palette(self, routine: Routine) -> None: ...
    def action_history(self) -> object: ...
    def action_log(self) -> object: ...
    def action_toggle_mute(self) -> object: ...
    def action_toggle_speech(self) -> object: ...
    def action_next_theme(self) -> object: ...
    def action_change_theme(self) -> object: ...
    def action_help(self) -> object: ...
    def action_quit(self) -> object: ...


START = "Start: "
START_WEIGHT = 0.9


@dataclass(frozen=True)
class PaletteCommand:
    name: str
    """What the palette lists and matches, e.g. ``Start: Dynamic warm-up``."""
    help: str
    """A line under it, in coach's own words (the palette reads it as markup)."""
    run: Callable[[], object]


def _routines() -> list[Routine]:
    from coach.routine.catalog import discover

    return list(discover().routines)


def _routine_help(routine: Routine) -> str:
    from coach.routine.timeline import expand

    return f"{routine.kind} · {expand(routine).total.friendly()}"


class CoachCommands(Provider):
    """Every routine to start by name, then history, soreness, sound, theme, help, quit."""

    async def startup(self) -> None:
        try:
            routines = await asyncio.to_thread(_routines)
        except Exception:  # noqa: BLE001 - a broken folder leaves just the app's commands
            routines = []
        self.routines = routines

    def commands(self) -> list[PaletteCommand]:
        app: PaletteApp = self.app  # type: ignore[assignment]
        found = [
            PaletteCommand(f"{START}{clean(routine.name, newlines=False)}",
                           _routine_help(routine), partial(app.start_from_palette, routine))
            for routine in getattr(self, "routines", [])
        ]
        found += [
            PaletteCommand("History", "Past sessions, trends and what helps you",
                           app.action_history),
            PaletteCommand("Log soreness", "Rate how your legs feel, with or without a run",
                           app.action_log),
            PaletteCommand("Sound: mute or unmute", "The same as m in the player",
                           app.action_toggle_mute),
            PaletteCommand("Sound: speak the steps, or stop",
                           "Say each step aloud: what to do, what is next, the last seconds",
                           app.action_toggle_speech),
            PaletteCommand("Theme: next", "Switch to the next colour theme (ctrl+t)",
                           app.action_next_theme),
            PaletteCommand("Theme: choose", "Pick a colour theme from the list, light or dark",
                           app.action_change_theme),
            PaletteCommand("Help: keys on this screen", "Every key and what it does (?)",
                           app.action_help),
            PaletteCommand("Quit", "Leave coach (a routine in progress asks first)",
                           app.action_quit),
        ]
        return found

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(literal(command.name, newlines=False), command.run,
                               text=command.name, help=command.help)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                if command.name.startswith(START):
                    # A routine's name also matches its other commands (such as editing
                    # it): those rank first on a tie, "start" in the query decides.
                    score *= START_WEIGHT
                yield Hit(score, _highlight(command.name, query, matcher.fuzzy_search.match),
                          command.run, text=command.name, help=command.help)


def _highlight(name: str, query: str,
               match: Callable[[str, str], tuple[float, Sequence[int]]]) -> Content:
    """The name as literal content, with the letters the query matched underlined."""
    content = literal(name, newlines=False)
    _score, offsets = match(query, name)
    for offset in offsets:
        if 0 <= offset < len(name) and not name[offset].isspace():
            content = content.stylize("bold underline", offset, offset + 1)
    return content
