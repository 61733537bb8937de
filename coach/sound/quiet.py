"""Keep C audio libraries from printing on the terminal.

ALSA, PulseAudio and JACK report a missing sound card by writing straight to file
descriptor 2, below Python's ``sys.stderr``, so redirecting ``sys.stderr`` does not stop it.
The only cure is to point descriptor 2 somewhere else while their code runs. Descriptor 2
belongs to the whole process, so the windows are kept short, and a lock with a depth count
lets threads overlap them without one restoring the descriptor while another still needs
it silenced.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_saved: int | None = None


def _flush_python_stderr() -> None:
    for stream in (sys.stderr, sys.__stderr__):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()


def _enter() -> None:
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _flush_python_stderr()
            try:
                saved = os.dup(2)
            except OSError:
                saved = None  # no descriptor 2 at all: nothing can reach a terminal
            if saved is not None:
                try:
                    null = os.open(os.devnull, os.O_WRONLY)
                    try:
                        os.dup2(null, 2)
                    finally:
                        os.close(null)
                except OSError:
                    os.close(saved)
                    saved = None
            _saved = saved
        _depth += 1


def _leave() -> None:
    global _depth, _saved
    with _lock:
        _depth -= 1
        if _depth == 0 and _saved is not None:
            # Anything Python buffered during the window belongs to the window.
            _flush_python_stderr()
            with contextlib.suppress(OSError):
                os.dup2(_saved, 2)
            os.close(_saved)
            _saved = None


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Send descriptor 2 to the null device while the block runs; restore it after."""
    _enter()
    try:
        yield
    finally:
        _leave()
