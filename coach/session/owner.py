"""One routine being played: the engine plus everyone who listens to it.

Data flows one way: a command or the passing of time goes into the engine, and the events
that come out are handed, in order, to each listener (the recorder, the cue player, the
screen). Keeping this outside the UI means the whole chain can be driven headless, by tests
and by the crash-safety checks, exactly as the app drives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from coach.play.clock import Clock
from coach.play.engine import Engine, EngineState
from coach.play.events import Event
from coach.routine.timeline import Timeline

Listener = Callable[[Event], None]
MomentListener = Callable[[list[Event]], None]
"""Gets all the events of one command or update together (the cue player picks one sound)."""
Command = Literal[
    "start", "toggle_pause", "pause", "resume", "next", "back", "extend", "done", "stop"
]


class Playback:
    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        suspended: Callable[[], float] | None = None,
        listeners: list[Listener] | None = None,
    ) -> None:
        self.engine = Engine(timeline, clock, suspended=suspended)
        self.listeners: list[Listener] = list(listeners or [])
        self.moment_listeners: list[MomentListener] = []
        self.history: list[Event] = []
        """Every event so far, for the summary at the end."""

    def command(self, name: Command) -> list[Event]:
        events: list[Event] = getattr(self.engine, name)()
        self._dispatch(events)
        return events

    def update(self) -> list[Event]:
        events = self.engine.update()
        self._dispatch(events)
        return events

    def state(self) -> EngineState:
        return self.engine.state()

    def _dispatch(self, events: list[Event]) -> None:
        for event in events:
            self.history.append(event)
            for listener in self.listeners:
                listener(event)
        if events:
            for moment_listener in self.moment_listeners:
                moment_listener(events)
