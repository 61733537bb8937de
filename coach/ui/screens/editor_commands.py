"""The editor's commands in the command palette.

On the home screen: "Edit routine… NAME" for every routine, the highlighted one first, so
typing "edit" and enter opens the routine in view. In the editor: "Try this routine",
saving and the insert helpers, for anyone who looks for a command rather than a key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from coach.text import one_line
from coach.ui.literal import literal

Command = tuple[str, Callable[[], object], str]
"""What the palette shows, what choosing it does, and a line of help."""


def editor_commands() -> type[EditorCommands]:
    """The provider, for a ``COMMANDS`` set that must not import this module up front."""
    return EditorCommands


class EditorCommands(Provider):
    """Opens routines in the editor, and offers the editor's own actions while in it."""

    async def startup(self) -> None:
        from coach.ui.screens.editor import EditorScreen
        from coach.ui.screens.home import HomeScreen

        self.commands: list[Command] = []
        screen = self.screen
        if isinstance(screen, EditorScreen):
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
        elif isinstance(screen, HomeScreen):
            routines = [(choice.id, choice.routine.name if choice.routine else choice.id)
                        for choice in screen.choices]
            if not routines:
                routines = await asyncio.to_thread(_all_routines)
            choice = screen._highlighted()
            highlighted = choice.id if choice is not None else None
            routines.sort(key=lambda item: item[0] != highlighted)
            self.commands = [
                (f"Edit routine… {one_line(name)}", partial(screen.edit, routine_id),
                 f"Open {one_line(routine_id)} in coach's editor, with live checking")
                for routine_id, name in routines
            ]

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


def _all_routines() -> list[tuple[str, str]]:
    from coach.routine.catalog import discover

    return [(entry.id, entry.routine.name if entry.routine else entry.id)
            for entry in discover()]
