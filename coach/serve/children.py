"""The coach processes the server starts, one per browser connection, and their end.

``textual-serve``'s ``AppService`` runs a shell command and, when the browser goes, asks the
app to quit and waits. Here a child is coach itself (no shell between, so its id is the
app's), in a process group of its own so Ctrl+C at the server reaches the server only, and
it ends the way a closed terminal ends coach: SIGTERM, which records a routine playing as
interrupted; SIGKILL only if it has not gone after :data:`END_SECONDS`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from asyncio.subprocess import Process

from textual_serve.app_service import AppService

from coach.serve import SERVED_DRIVER, SERVED_VARIABLE

END_SECONDS = 5.0
"""How long a child has to save and leave after SIGTERM before it is killed."""


def child_environment(width: int, height: int) -> dict[str, str]:
    environment = dict(os.environ)
    environment.update({
        SERVED_VARIABLE: "1",
        "TEXTUAL_DRIVER": SERVED_DRIVER,
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "COLUMNS": str(width),
        "ROWS": str(height),
    })
    return environment


class CoachChild(AppService):
    """One coach process behind one browser connection."""

    def __init__(self, children: set[CoachChild], **kwargs: object) -> None:
        super().__init__(" ".join([sys.executable, "-m", "coach"]), **kwargs)  # type: ignore[arg-type]
        self._children = children

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "coach",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=child_environment(width, height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        self._children.add(self)
        return process

    async def stop(self) -> None:
        """End the process (politely first) and wait until it has gone."""
        process = self._process
        if process is not None and process.returncode is None:
            self._signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), END_SECONDS)
            except TimeoutError:
                self._signal(signal.SIGKILL)
                await process.wait()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._children.discard(self)

    def _signal(self, signum: int) -> None:
        """Signal the child's whole group: whatever it started ends with it."""
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signum)
