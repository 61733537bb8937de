"""The editor's commands in the command palette.

On the home screen: "Edit routine… NAME" for every routine, the highlighted one first, so
typing "edit" and enter opens the routine in view. In the editor: "Try this routine",
saving and the insert helpers, for anyone who looks for a command rather than a key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coach.text import one_line
from coach.ui.literal import literal

if TYPE_CHECKING:
    from coach.routine.model import Routine
    from coach.routine.snippets import SnippetKind

Command = tuple[str, Callable[[], object], str]
"""What the palette shows, what choosing it does, and a line of help."""


class _Listed(Provider):
    """Lists its :attr:`commands` in the palette, in their order."""

    commands: list[Command]

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands:
            yield DiscoveryHit(literal(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for order, (text, command, help_text) in enumerate(self.commands):
            score = matcher.match(text)
            if score > 0:
                # Equal matches keep their order: the highlighted routine first.
                yield Hit(score * (1 - order * 1e-6), literal(text), command, text=text,
                          help=help_text)


class EditingScreen(Protocol):
    """The editor, as its commands see it."""

    def action_try_routine(self) -> None: ...
    def action_save(self) -> None: ...
    def action_insert_step(self, kind: SnippetKind = "step") -> None: ...


class EditorCommands(_Listed):
    """The editor's own actions, for anyone who looks for a command rather than a key."""

    async def startup(self) -> None:
        screen: EditingScreen = self.screen  # type: ignore[assignment]
        self.commands = [
            ("Try this routine", screen.action_try_routine,
             "Play it as it is now, 10× faster and recorded as a preview, without saving "
             "(ctrl+r)"),
            ("Save routine", screen.action_save, "Write the file as it is typed (ctrl+s)"),
            ("Insert a step…", partial(screen.action_insert_step, "step"),
             "A step at the cursor, from a small form (ctrl+n)"),
            ("Insert a per-side stretch…", partial(screen.action_insert_step, "stretch"),
             "A stretch held on the left, then on the right"),
            ("Insert a repeat group…", partial(screen.action_insert_step, "repeat"),
             "A step repeated a number of times, such as strides"),
            ("Insert a flexible walk…", partial(screen.action_insert_step, "walk"),
             "A walk that may end after its minimum, such as 5m..10m"),
        ]


class ListedRoutine(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def routine(self) -> Routine | None: ...


class ChoosingScreen(Protocol):
    """The home screen, as its edit commands see it."""

    @property
    def choices(self) -> Sequence[ListedRoutine]: ...
    def highlighted_id(self) -> str | None: ...
    def edit(self, routine_id: str) -> None: ...


def home_edit_commands() -> type[HomeEditCommands]:
    """The provider, for a ``COMMANDS`` set that must not import this module up front."""
    return HomeEditCommands


class HomeEditCommands(_Listed):
    """"Edit routine… NAME" for every routine, the highlighted one first."""

    async def startup(self) -> None:
        screen: ChoosingScreen = self.screen  # type: ignore[assignment]
        routines = [(choice.id, choice.routine.name if choice.routine else choice.id)
                    for choice in screen.choices]
        if not routines:
            routines = await asyncio.to_thread(_all_routines)
        highlighted = screen.highlighted_id()
        routines.sort(key=lambda item: item[0] != highlighted)
        self.commands = [
            (f"Edit routine… {one_line(name)}", partial(screen.edit, routine_id),
             f"Open {one_line(routine_id)} in coach's editor, with live checking")
            for routine_id, name in routines
        ]


def _all_routines() -> list[tuple[str, str]]:
    from coach.routine.catalog import discover

    return [(entry.id, entry.routine.name if entry.routine else entry.id)
            for entry in discover()]
