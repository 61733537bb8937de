"""A real coach process in a real terminal, ended the hard way: nothing recorded is lost.

These start ``coach run`` in a pseudo-terminal, wait until the database shows a few steps
done, then kill it: with SIGKILL (a crash), SIGTERM and SIGHUP (a closed terminal). The
waiting polls the database with a deadline; no test time is measured by sleeping.
"""

from __future__ import annotations

import os
import pty
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")

ROUTINE = """
name = "Crash test"
kind = "cool-down"
[defaults]
countdown = 0
[[steps]]
name = "Walk"
kind = "walk"
time = "10s"
[[steps]]
name = "Calf stretch"
kind = "stretch"
time = "10s"
sides = true
[[steps]]
name = "Long walk"
kind = "walk"
time = "2h"
"""


def steps_recorded(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM steps").fetchone()[0])
    except sqlite3.Error:
        return 0


def start_coach(home: Path) -> tuple[subprocess.Popen[bytes], int]:
    routine = home / "crash.toml"
    routine.write_text(ROUTINE, encoding="utf-8")
    parent, child = pty.openpty()
    env = {**os.environ, "COACH_HOME": str(home), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach", "run", str(routine), "--speed", "100"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    return proc, parent


def drain(fd: int, output: bytearray) -> None:
    """Read what the app drew so far, so it never blocks on a full terminal."""
    import select

    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        output += chunk


def wait_for_steps(proc: subprocess.Popen[bytes], fd: int, database: Path, count: int) -> bytearray:
    output = bytearray()
    deadline = time.monotonic() + 60
    while steps_recorded(database) < count:
        drain(fd, output)
        assert proc.poll() is None, f"coach exited early: {bytes(output)[-500:]!r}"
        assert time.monotonic() < deadline, "coach recorded no steps within a minute"
        time.sleep(0.05)
    return output


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_killed_session_keeps_every_finished_step(coach_home: Path, signum: int) -> None:
    coach_home.mkdir(parents=True)
    database = coach_home / "coach.db"
    proc, fd = start_coach(coach_home)
    try:
        output = wait_for_steps(proc, fd, database, 3)
        seen = steps_recorded(database)
        proc.send_signal(signum)
        deadline = time.monotonic() + 30
        while proc.poll() is None:
            drain(fd, output)
            assert time.monotonic() < deadline, "coach did not end"
            time.sleep(0.02)
        drain(fd, output)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(fd)

    with Store.open(database) as store:
        if signum != signal.SIGKILL:
            # Ended politely, coach itself records the interruption before it exits.
            [before] = store.list_sessions()
            assert before.status == "interrupted"
        store.mark_interrupted()
        [session] = store.list_sessions()
        detail = store.get_session(session.id)
    assert session.status == "interrupted"
    assert len(detail.steps) >= seen >= 3
    assert [step.name for step in detail.steps[:3]] == ["Walk", "Calf stretch", "Switch sides"]
    assert all(step.outcome == "done" for step in detail.steps[:3])
    if signum != signal.SIGKILL:
        # Ended politely, coach puts the terminal back: it leaves the alternate screen.
        assert proc.returncode == 128 + signum
        assert b"\x1b[?1049l" in output
