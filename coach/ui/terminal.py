"""The terminal the app draws on: stray C-library output kept off it, whether it shows
colour, and what ends the app when it goes away.

Textual draws on ``sys.__stderr__`` (file descriptor 2). Audio libraries written in C also
print their complaints to descriptor 2, straight over the app's picture. So while the app
runs, Textual gets a private duplicate of the terminal and descriptor 2 itself points at
the null device; everything is put back when the app exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping


@contextlib.contextmanager
def private_terminal() -> Iterator[None]:
    stream = sys.__stderr__
    if stream is None or not stream.isatty():
        yield
        return
    stream.flush()
    saved = os.dup(2)
    terminal = os.fdopen(os.dup(2), "w", encoding=stream.encoding, errors="replace")
    original_dunder, original_stderr = sys.__stderr__, sys.stderr
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        setattr(sys, "__stderr__", terminal)  # noqa: B010 - Textual draws on sys.__stderr__
        sys.stderr = terminal
        os.dup2(null, 2)
        yield
    finally:
        os.close(null)
        with contextlib.suppress(Exception):
            terminal.flush()
        os.dup2(saved, 2)
        os.close(saved)
        setattr(sys, "__stderr__", original_dunder)  # noqa: B010
        sys.stderr = original_stderr
        terminal.close()


MONOCHROME_TERMS = frozenset({"dumb", "vt52", "vt100", "vt102", "vt220"})
"""Terminal types known to show no colour, besides the ``-mono`` and ``-m`` variants."""


def wants_no_colour(environ: Mapping[str, str]) -> bool:
    """No colour when ``NO_COLOR`` is set (to anything, as Textual reads it) or the terminal
    says it is monochrome (``TERM=xterm-mono``, ``TERM=dumb``)."""
    if "NO_COLOR" in environ:
        return True
    term = environ.get("TERM", "").strip().lower()
    return term in MONOCHROME_TERMS or term.endswith(("-mono", "-m"))


def end_on_hangup(loop: asyncio.AbstractEventLoop, end: Callable[[int], None]) -> None:
    """Call ``end(signal number)`` on a closed terminal (SIGHUP) or a polite kill (SIGTERM).

    Left to their defaults these signals kill the process on the spot: the terminal stays
    in the app's mode and a routine playing is only found interrupted at the next start.
    """
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is None:
            continue
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, end, int(signum))
