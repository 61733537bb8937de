"""One background thread with a queue, shared by the cue player and the speaker.

Callers never wait: :meth:`Worker.put` only queues. The thread takes everything waiting at
once, so its handler can see a backlog and drop what has gone stale instead of falling
further behind. Nothing raised on the thread escapes it, and its warnings are kept rather
than shown: Python would print either on the terminal, under the app's screen.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any, Generic, TextIO, TypeVar, cast

T = TypeVar("T")

_STOP = object()


class _Flush:
    def __init__(self) -> None:
        self.done = threading.Event()
MAX_KEPT_WARNINGS = 20

_guard_lock = threading.Lock()
_quiet_threads: dict[int, list[str]] = {}


class _WarningGuard:
    """Route warnings raised on a worker's thread to that worker instead of the terminal.

    ``warnings.catch_warnings`` would swap the process-wide filters from a background
    thread; this hook only looks at which thread is warning and hands every other warning
    to the hook it replaced.
    """

    def __init__(self, shown: Callable[..., None]) -> None:
        self.shown = shown

    def __call__(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        kept = _quiet_threads.get(threading.get_ident())
        if kept is None:
            self.shown(message, category, filename, lineno, file, line)
        elif len(kept) < MAX_KEPT_WARNINGS:
            kept.append(f"{category.__name__}: {message}")


def _install_warning_guard() -> None:
    """Put the guard in place, again if something has replaced it since."""
    with _guard_lock:
        if not isinstance(warnings.showwarning, _WarningGuard):
            warnings.showwarning = _WarningGuard(warnings.showwarning)


class Worker(Generic[T]):
    def __init__(
        self,
        name: str,
        handle: Callable[[list[T]], None],
        *,
        prepare: Callable[[], None] | None = None,
        finish: Callable[[], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_idle: Callable[[], None] | None = None,
        idle_after: float = 3.0,
        gather: float = 0.0,
    ) -> None:
        """``handle`` gets each backlog in order. ``prepare`` and ``finish`` run on the
        thread before the first and after the last; ``on_idle`` runs once whenever nothing
        has come for ``idle_after`` seconds; ``on_error`` hears of anything they raise.

        With ``gather``, a backlog keeps collecting items that follow each other within
        that many seconds, so things put one by one in the same instant arrive together.
        """
        self._name = name
        self._handle = handle
        self._prepare = prepare
        self._finish = finish
        self._on_error = on_error
        self._on_idle = on_idle
        self._idle_after = idle_after
        self._gather = gather
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False
        self.ready = threading.Event()
        """Set once ``prepare`` has run (or failed)."""
        self.warnings: list[str] = []
        """Warnings raised on the thread, kept instead of printed (the first few)."""

    @property
    def closed(self) -> bool:
        return self._closed

    def start(self) -> None:
        with self._lock:
            if self._thread is not None or self._closed:
                return
            _install_warning_guard()
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()

    def put(self, item: T) -> None:
        if self._closed:
            return
        self.start()
        self._queue.put(item)

    def flush(self, timeout: float) -> bool:
        """Block until everything queued so far has been handled; False on timeout."""
        if self._closed or self._thread is None:
            return True
        marker = _Flush()
        self._queue.put(marker)
        return marker.done.wait(timeout)

    def close(self, timeout: float) -> bool:
        """Finish what is queued, stop the thread; False if it did not stop in time."""
        with self._lock:
            already = self._closed
            self._closed = True
            thread = self._thread
        if thread is None:
            return True
        if not already:
            self._queue.put(_STOP)
        thread.join(timeout)
        return not thread.is_alive()

    def _call(self, function: Callable[[], None]) -> None:
        try:
            function()
        except BaseException as error:  # never let a traceback reach the terminal
            if self._on_error is not None:
                with contextlib.suppress(BaseException):
                    self._on_error(error)

    def _next(self, wait: float) -> Any:
        return self._queue.get(timeout=wait) if wait > 0 else self._queue.get_nowait()

    def _backlog(self, first: Any) -> tuple[list[T], Any]:
        """``first`` and whatever follows it at once, and the stop or flush marker that
        ended the backlog, if one did."""
        batch: list[T] = []
        deadline = time.monotonic() + 5 * self._gather
        item = first
        while item is not _STOP and not isinstance(item, _Flush):
            batch.append(cast(T, item))
            wait = min(self._gather, deadline - time.monotonic())
            try:
                item = self._next(max(0.0, wait))
            except queue.Empty:
                return batch, None
        return batch, item

    def _run(self) -> None:
        _quiet_threads[threading.get_ident()] = self.warnings
        try:
            if self._prepare is not None:
                self._call(self._prepare)
            self.ready.set()
            stopping = False
            idle_wait: float | None = None
            while not stopping:
                try:
                    first = self._queue.get(timeout=idle_wait)
                except queue.Empty:
                    idle_wait = None
                    if self._on_idle is not None:
                        self._call(self._on_idle)
                    continue
                batch, marker = self._backlog(first)
                if batch:
                    self._call(functools.partial(self._handle, batch))
                    idle_wait = self._idle_after if self._on_idle is not None else None
                if isinstance(marker, _Flush):
                    marker.done.set()
                stopping = marker is _STOP
            if self._finish is not None:
                self._call(self._finish)
        finally:
            self.ready.set()
            _quiet_threads.pop(threading.get_ident(), None)
