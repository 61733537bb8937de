"""A coach drawing in a browser for ``coach serve``: its driver, and the flash on each cue.

Textual's web driver keeps the app running when its input ends; for a served coach the end
of input means the server has gone, so it ends the way a closed terminal ends coach (a
hangup: a routine playing is recorded as interrupted), and no coach is left behind.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING, Any

from textual.drivers.web_driver import WebDriver

if TYPE_CHECKING:
    from textual.app import App

    from coach.play.events import Event
    from coach.session.owner import PlayedRoutine


class ServedDriver(WebDriver):
    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # input ended without the app stopping
            os.kill(os.getpid(), getattr(signal, "SIGHUP", signal.SIGTERM))


def served() -> bool:
    """Whether this coach draws in a browser for ``coach serve``."""
    from coach.serve import SERVED_DRIVER, SERVED_VARIABLE

    return (os.environ.get(SERVED_VARIABLE) == "1"
            and os.environ.get("TEXTUAL_DRIVER") == SERVED_DRIVER)


def flash_on_cues(app: App[Any], played: PlayedRoutine) -> None:
    """In a browser the cues sound on the computer running coach, maybe out of earshot: the
    page flashes on every cue too."""
    from coach.sound.mapping import cue_for

    def moment(events: list[Event]) -> None:
        flash = getattr(app.screen, "flash", None)
        if cue_for(events) is not None and callable(flash):
            flash()

    played.listen_moments(moment)
