"""The app's side of the sound cues: start the player late, ring the bell when it can't play.

The cue player lives in the headless core and runs its own thread. It is created after the
first frame (importing the audio library takes time the screen shouldn't wait for) and talks
back only through messages, which are safe to post from its thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from coach.config import SoundSettings
from coach.play.events import Event
from coach.play.spoken import Voice
from coach.routine.timeline import Timeline

if TYPE_CHECKING:
    from coach.sound import CuePlayer
    from coach.sound.backends import Backend


@dataclass
class CueFallback(Message):
    """A cue could not sound (no device): ring the bell and flash instead."""

    cue: str


@dataclass
class SoundNotice(Message):
    """Something the runner should hear about sound, once."""

    text: str


LATE_CUE_SECONDS = 2.0
"""A cue still worth playing this long after its moment, while sound was starting."""

DEFAULT_BACKEND: Callable[[], Backend] | None = None
"""Makes the backend when the app names none; None lets the player choose the real one."""


class Sounds:
    def __init__(self, settings: SoundSettings) -> None:
        self.settings = settings
        self.player: CuePlayer | None = None
        self._muted = settings.mute
        self._lock = threading.Lock()
        self._waiting: tuple[float, list[Event]] | None = None
        """The latest moment that came before the player was ready, and when."""
        self.voice = Voice(self._say)
        """Turns each moment into the phrases spoken, knowing the routine being played."""

    def start(self, post: Callable[[Message], bool], backend: Backend | None = None) -> None:
        from coach.sound import CuePlayer

        if backend is None and DEFAULT_BACKEND is not None:
            backend = DEFAULT_BACKEND()
        player = CuePlayer.from_settings(self.settings, backend=backend)
        player.set_muted(self._muted)
        def fallback(cue: str) -> None:
            post(CueFallback(cue))

        def notice(text: str) -> None:
            post(SoundNotice(text))

        player.on_fallback = fallback
        player.on_notice = notice
        player.start()
        with self._lock:
            self.player = player
            waiting, self._waiting = self._waiting, None
        if waiting is not None and time.monotonic() - waiting[0] < LATE_CUE_SECONDS:
            # The routine's first cue came while the audio library was still loading.
            self.moment(waiting[1])

    @property
    def muted(self) -> bool:
        return self._muted

    def toggle_mute(self) -> bool:
        self._muted = not self._muted
        if self.player is not None:
            self.player.set_muted(self._muted)
        return self._muted

    def moment(self, events: list[Event]) -> None:
        """One engine call's events: one cue, and the step's name spoken if set up."""
        with self._lock:
            player = self.player
            if player is None:
                self._waiting = (time.monotonic(), list(events))
                return
        player.handle_events(events)
        self.voice.moment(events)

    def follow(self, timeline: Timeline) -> None:
        """The routine about to play: what the voice says comes next is read from it."""
        self.voice.timeline = timeline

    def _say(self, text: str) -> None:
        player = self.player
        if player is not None:
            player.say(text)

    @property
    def speaking(self) -> bool:
        return self.player is not None and self.player.speaker is not None

    def speech_offer(self) -> str | None:
        """The engine to offer speech with ("espeak-ng"), when the runner has not yet said
        yes or no, names no command, and one is found; else None."""
        if self.settings.speech is not None or self.settings.speech_command:
            return None
        from coach.sound.engines import engine_name, find_speech_command

        found = find_speech_command()
        return engine_name(found) if found else None

    def set_speech(self, on: bool) -> bool:
        """Speak the steps from now on (or stop); False when there is nothing to speak
        with. Saving the choice is the caller's."""
        from dataclasses import replace

        from coach.sound.speech import Speaker, speech_command

        self.settings = replace(self.settings, speech=on)
        if on and not speech_command(self.settings):
            return False
        if self.player is not None:
            self.player.set_speaker(Speaker.from_settings(self.settings) if on else None)
        return True

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
