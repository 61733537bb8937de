"""One routine at a time across windows: the app's side of :mod:`coach.session.playing`.

A second window (another browser, or a terminal beside ``coach serve``) that starts a
routine while one plays is shown what plays there, live, and may take over: the other
window's routine stops (what was done is kept) and this one starts. It never plays a
second routine into the history alongside.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from coach.routine.durations import format_clock
from coach.session.playing import (
    TAKE_OVER_SIGNAL,
    Playing,
    PlayingLock,
    ask_to_stop,
    now_playing,
)
from coach.ui.literal import literal
from coach.ui.screens.confirm import Dialog

if TYPE_CHECKING:
    from textual.app import App


LET_GO_SECONDS = 5.0
"""How long the other window has to stop its routine and let go once asked."""


def describe(playing: Playing | None, now: float) -> str:
    """What the other window shows, in one or two lines."""
    if playing is None:
        return "It has ended: you can start yours."
    parts = []
    if playing.count:
        parts.append(f"Step {playing.number} of {playing.count}")
    if playing.step:
        parts.append(playing.step)
    left = playing.left_now(now)
    if left is not None:
        parts.append(f"{format_clock(left)} left")
    if playing.paused:
        parts.append("paused")
    return " · ".join(parts) or "Starting…"


class PlayingElsewhereScreen(Dialog[bool]):
    """Watch the routine playing in another window, and take over if wanted."""

    HELP_TITLE = "a routine playing elsewhere"
    HELP = """Another coach window (a browser, or a terminal) is playing a routine: this one
    shows it as it goes. Take over stops it there (what was done is kept) and starts yours
    here."""

    BINDINGS = [
        Binding("t", "answer(True)", "Take over", tooltip="Stop it there and start here"),
        Binding("escape,n", "answer(False)", "Back", tooltip="Leave it playing there"),
    ]

    def __init__(self, routine: str) -> None:
        super().__init__()
        self.routine = routine

    def compose(self) -> ComposeResult:
        playing = now_playing()
        name = playing.routine if playing is not None else "A routine"
        with Vertical(id="dialog", classes="dialog"):
            yield Label(literal(f"“{name}” is playing in another window"),
                        classes="dialog-question")
            yield Label(literal(describe(playing, time.time())), id="watch",
                        classes="dialog-detail")
            yield Label(literal(f"Take over to stop it there and play “{self.routine}” "
                                "here; what was done there is kept."), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Take over (t)", id="take-over", variant="error")
                yield Button("Back (n)", id="back", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()
        self.set_interval(1.0, self._watch)

    def _watch(self) -> None:
        self.query_one("#watch", Label).update(literal(describe(now_playing(), time.time())))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "take-over")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


async def claim(app: App[Any], lock: PlayingLock, routine: str) -> bool:
    """Take the lock for ``routine``, asking first when another window plays; whether this
    window may play."""
    if lock.acquire(routine):
        return True
    if not await app.push_screen_wait(PlayingElsewhereScreen(routine)):
        return False
    playing = now_playing()
    if playing is not None and not ask_to_stop(playing):
        app.notify("It plays on another computer: stop it there first.",
                   title="Not started", severity="warning")
        return False
    deadline = time.monotonic() + LET_GO_SECONDS
    while not lock.acquire(routine):
        if time.monotonic() > deadline:
            app.notify("The other window did not stop its routine; try again.",
                       title="Not started", severity="warning")
            return False
        await asyncio.sleep(0.1)
    return True


def listen_for_take_over(app: App[Any], lock: PlayingLock) -> None:
    """Stop the routine here when another window takes it over (it sends a signal)."""
    if TAKE_OVER_SIGNAL is None:
        return
    with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
        asyncio.get_running_loop().add_signal_handler(TAKE_OVER_SIGNAL, taken_over, app, lock)


def taken_over(app: App[Any], lock: PlayingLock) -> None:
    """Another window takes over: stop the routine here (what was done is kept)."""
    from coach.ui.screens.player import PlayerScreen

    players = [screen for screen in app.screen_stack if isinstance(screen, PlayerScreen)]
    if not players or players[-1].played.finished:
        lock.release()
        return
    while app.screen is not players[-1]:
        app.pop_screen()  # a question or the help over the player
    players[-1].stop_now()
    app.notify("Another window took over: this routine stopped, what you did is kept.",
                title="Taken over", timeout=8)
