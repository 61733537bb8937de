"""What every coach screen tells the app, declared once instead of looked up by name.

The help lists a screen's keys under its :attr:`~Described.HELP_TITLE` and Textual's
``HELP`` text (a widget with keys of its own gets a section under its title too), the footer never
drops the screen's :attr:`FOOTER_KEEP` actions, quitting asks first while :meth:`unsaved`
names work that would be lost, and a cue with no sound device calls :meth:`flash`.
The defaults say "nothing": a screen overrides only what it has.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")


class Described:
    """A screen or widget whose keys the help lists under a title of its own."""

    HELP_TITLE: ClassVar[str] = ""


class About(Described):
    """What a coach screen tells the help, the footer and the app."""

    FOOTER_KEEP: ClassVar[tuple[str, ...]] = ()
    """Actions the footer keeps however narrow the terminal is."""

    def unsaved(self) -> str | None:
        """What quitting now would lose, in a sentence; None when nothing would be."""
        return None

    def flash(self) -> None:
        """Show a cue the terminal could not play (no sound device); most screens don't."""


class CoachScreen(About, Screen[ResultType]):
    """A full screen of coach."""


class CoachModalScreen(About, ModalScreen[ResultType]):
    """A dialog of coach, over the screen it came from."""
