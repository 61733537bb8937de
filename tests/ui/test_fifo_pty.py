"""A real ``coach`` in a real terminal, with a named pipe among the user's routines.

Opening a FIFO blocks until someone writes to it, so a catalog that opened ``x.toml`` would
leave the home screen at "Loading routines…" for ever. Here the home screen must list the
routines, show the pipe as an invalid routine with its reason, and quit on ``q``. Waiting
polls the terminal's output against a deadline; nothing sleeps to measure time.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

DEADLINE = 60.0
ESCAPES = re.compile(
    rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)


def screen_text(output: bytearray) -> str:
    """What was drawn, without the escape sequences between the characters."""
    return ESCAPES.sub(b"", bytes(output)).decode("utf-8", "replace")


def read_until(proc: subprocess.Popen[bytes], fd: int, output: bytearray,
               *needles: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not all(needle in screen_text(output) for needle in needles):
        assert proc.poll() is None, f"coach exited early: {screen_text(output)[-800:]!r}"
        assert time.monotonic() < deadline, f"not shown: {needles}; {screen_text(output)[-800:]!r}"
        if select.select([fd], [], [], 0.1)[0]:
            try:
                output += os.read(fd, 65536)
            except OSError:  # the terminal closed: coach has exited
                proc.wait(DEADLINE)


def test_a_fifo_in_the_routines_folder_does_not_hang_the_home_screen(coach_home: Path) -> None:
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "x.toml")
    parent, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 220, 0, 0))
    env = {**os.environ, "COACH_HOME": str(coach_home), "TERM": "xterm-256color",
           "COLUMNS": "220", "LINES": "50"}
    env.pop("TEXTUAL", None)
    proc = subprocess.Popen([sys.executable, "-m", "coach"], stdin=child, stdout=child,
                            stderr=child, env=env, start_new_session=True)
    os.close(child)
    output = bytearray()
    try:
        read_until(proc, parent, output, "Dynamic warm-up", "(FIFO)")  # may wrap before it
        os.write(parent, b"q")
        deadline = time.monotonic() + DEADLINE
        while proc.poll() is None:
            assert time.monotonic() < deadline, "coach did not quit on q"
            if select.select([parent], [], [], 0.1)[0]:
                try:
                    output += os.read(parent, 65536)
                except OSError:
                    break
        assert proc.wait(DEADLINE) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(parent)
