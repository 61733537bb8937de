"""Messages screens send to the app; kept apart so the app can start without every screen."""

from __future__ import annotations

from textual.message import Message

from coach.routine.model import Routine


class StartRoutine(Message):
    """The runner chose a routine to play (at ``speed``, or real speed when None)."""

    def __init__(self, routine: Routine, speed: float | None = None) -> None:
        super().__init__()
        self.routine = routine
        self.speed = speed
