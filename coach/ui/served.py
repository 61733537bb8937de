"""A coach drawing in a browser for ``coach serve``: knowing it, and the flash on each cue.

Its driver is :mod:`coach.ui.served_driver`, loaded by Textual only in a served coach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from coach.play.events import Event
    from coach.session.owner import PlayedRoutine


def served() -> bool:
    """Whether this coach draws in a browser for ``coach serve`` (asked inside the app)."""
    from coach.serve import started_by_server

    return started_by_server()


def flash_on_cues(app: App[Any], played: PlayedRoutine) -> None:
    """In a browser the cues sound on the computer running coach, maybe out of earshot: the
    page flashes on every cue too."""
    from coach.sound.mapping import cue_for

    def moment(events: list[Event]) -> None:
        flash = getattr(app.screen, "flash", None)
        if cue_for(events) is not None and callable(flash):
            flash()

    played.listen_moments(moment)
