"""Spoken prompts ("Next: calf stretch, right side") through a command the user chose.

The command comes only from the user's own ``config.toml`` (``[sound] speech_command``, or
the system's engine once the runner has said yes to it: :mod:`coach.sound.engines`);
routine files supply just the words, passed as one argument with no shell, so sharing a
routine can never run anything. The command runs on its own thread with no terminal
attached (stdin, stdout and stderr all go to the null device) and is killed when it
overruns its timeout. When it fails, speech falls quiet with one notice.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Callable, Sequence

from coach.config import SoundSettings
from coach.sound.worker import Worker

MAX_TEXT = 300
"""Longer text is cut: a prompt is a few words, never a paragraph."""


def clean_text(text: str) -> str:
    """One line of speakable text that no command can mistake for an option."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    # Every leading dash and space, however they alternate ("- -w FILE"): text handed to
    # a command as its last argument must never read as one of its options.
    return " ".join(printable.split()).lstrip("- ")[:MAX_TEXT]


def _signal(process: subprocess.Popen[bytes]) -> None:
    """Stop the process without waiting for it: the speaker's own thread reaps it."""
    with contextlib.suppress(OSError):
        if os.name == "posix":
            # Its own session: a wrapper script's children go too.
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()


def _kill(process: subprocess.Popen[bytes]) -> None:
    _signal(process)
    with contextlib.suppress(Exception):
        process.wait(timeout=1.0)


class Speaker:
    """Says short phrases, newest first: a phrase still waiting when a newer one comes is
    dropped, and one still being said is cut off, since it describes a moment that has
    passed. It never talks over itself: one phrase at a time, the newest.

    Thread-safe: :meth:`say` only queues. ``on_notice`` is called at most once, on the
    speaker's thread, with one line saying why speech stopped working.
    """

    def __init__(
        self,
        command: Sequence[str],
        timeout: float = 5.0,
        *,
        on_notice: Callable[[str], None] | None = None,
    ) -> None:
        self.command = tuple(command)
        self.timeout = timeout
        self.on_notice = on_notice
        self.problem = ""
        """The one notice given, if any."""
        self._disabled = not self.command
        self._closing = False
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._cut: subprocess.Popen[bytes] | None = None
        """The phrase cut off for a newer one: its exit status is no failure."""
        self._generation = 0
        """Raised by :meth:`hush`: phrases queued before it are not said."""
        self._worker: Worker[tuple[int, str]] = Worker(
            "coach-speech", self._speak_latest, on_error=self._on_error
        )

    @classmethod
    def from_settings(
        cls, settings: SoundSettings, on_notice: Callable[[str], None] | None = None
    ) -> Speaker | None:
        """A speaker for the configured command (or, when speech is turned on without one,
        the system's engine), or None when there is nothing to speak with."""
        command = speech_command(settings)
        if not command:
            return None
        return cls(command, settings.speech_timeout, on_notice=on_notice)

    @property
    def enabled(self) -> bool:
        return not self._disabled and not self._closing

    def say(self, text: str) -> None:
        """Queue ``text``, cutting off whatever is being said; returns at once."""
        text = clean_text(text)
        if text and self.enabled:
            self._worker.put((self._generation, text))
            self._cut_off()

    def hush(self) -> None:
        """Stop speaking now and forget what is queued (mute): returns at once."""
        self._generation += 1
        self._cut_off()

    def _cut_off(self) -> None:
        with self._lock:
            process = self._process
            if process is not None:
                self._cut = process
        if process is not None:
            _signal(process)

    def flush(self, timeout: float) -> bool:
        """Block until everything said so far has been spoken (or given up); False on
        timeout."""
        return self._worker.flush(timeout)

    def close(self, timeout: float = 2.0) -> bool:
        """Stop any speech in progress and the thread; False if it did not stop in time."""
        self._closing = True
        with self._lock:
            process = self._process
        if process is not None:
            _kill(process)
        return self._worker.close(timeout)

    def _notice(self, message: str) -> None:
        if self.problem:
            return
        self.problem = message
        if self.on_notice is not None:
            with contextlib.suppress(Exception):
                self.on_notice(message)

    def _on_error(self, error: BaseException) -> None:
        self._notice(f"speech failed ({type(error).__name__}); speech is off")
        self._disabled = True

    def _speak_latest(self, texts: list[tuple[int, str]]) -> None:
        generation, text = texts[-1]
        if self.enabled and generation == self._generation:
            self.speak_now(text)

    def speak_now(self, text: str) -> bool:
        """Run the command for ``text`` on this thread; True if it finished cleanly."""
        name = self.command[0] if self.command else "(none)"
        try:
            process = subprocess.Popen(
                [*self.command, text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=os.name == "posix",
            )
        except OSError as error:
            self._disabled = True
            if isinstance(error, FileNotFoundError):
                self._notice(f"speech command not found: {name}; speech is off")
            else:
                reason = error.strerror or type(error).__name__
                self._notice(f"speech command cannot run: {name} ({reason}); speech is off")
            return False
        with self._lock:
            self._process = process
        if self._closing:
            _kill(process)
        try:
            code = process.wait(self.timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            self._notice(f"speech command {name} took over {self.timeout:g}s and was stopped")
            return False
        finally:
            with self._lock:
                self._process = None
        if code != 0:
            with self._lock:
                cut, self._cut = self._cut is process, None
            if not self._closing and not cut:
                self._notice(f"speech command {name} failed (exit status {code})")
            return False
        return True


def speech_command(settings: SoundSettings) -> tuple[str, ...]:
    """The command speech runs: the one the settings name, else the system's engine when
    the runner turned speech on; empty when speech is off or there is none."""
    if settings.speech is False:
        return ()
    if settings.speech_command:
        return settings.speech_command
    if settings.speech:
        from coach.sound.engines import find_speech_command

        return find_speech_command() or ()
    return ()
