"""Real coach processes without a terminal, with a closed pipe and with a full disk.

A screen command run from a script (``coach history </dev/null``, ``coach | head``) must
refuse in one line with exit status 2 instead of drawing into a pipe or spinning; a
screen-less command whose reader goes away (``| head -1``) must end quietly with status 1;
one writing onto a full disk (``> /dev/full``) says so in one line. Each process runs with a
timeout, so a hang is a failure rather than a stuck suite.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coach.cli import app_commands

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX terminals")
TIMEOUT = 30


def coach(*args: str, home: Path, **options: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COACH_HOME": str(home), "TERM": "xterm-256color"}
    result: subprocess.CompletedProcess[bytes] = subprocess.run(
        [sys.executable, "-m", "coach", *args], env=env, timeout=TIMEOUT, check=False,
        **options)
    return result


SCREENS = {
    (): "coach needs a terminal; for scripts use coach routines list or coach export",
    ("history",): "coach history needs a terminal; for scripts use coach export",
    ("log",): "coach log needs a terminal; for scripts use coach log --overall N "
              "(see coach log --help)",
    ("run", "warm-up"): "coach run needs a terminal; to check a routine in a script use "
                        "coach routines validate or coach routines show",
}


@pytest.mark.parametrize("args", sorted(SCREENS), ids=lambda args: " ".join(args) or "home")
def test_a_screen_without_a_terminal_refuses_in_one_line(coach_home: Path,
                                                         args: tuple[str, ...]) -> None:
    result = coach(*args, home=coach_home, stdin=subprocess.DEVNULL, capture_output=True)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode() == SCREENS[args] + "\n"


def test_a_terminal_on_stdin_is_not_enough_when_stdout_is_a_pipe(coach_home: Path) -> None:
    parent, child = pty.openpty()
    try:
        result = coach("history", home=coach_home, stdin=child, capture_output=True)
    finally:
        os.close(child)
        os.close(parent)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [SCREENS[("history",)]]


def test_the_refusal_comes_before_textual_is_imported(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    monkeypatch.setattr(app_commands, "has_terminal", lambda: False)
    monkeypatch.setitem(sys.modules, "coach.ui.app", None)  # importing it would fail
    assert app_commands.review_history(None) == 2  # type: ignore[arg-type]
    assert capsys.readouterr().err == SCREENS[("history",)] + "\n"


def test_an_invalid_routine_is_reported_before_the_terminal_is_missed(coach_home: Path) -> None:
    result = coach("run", "no-such-routine", home=coach_home, stdin=subprocess.DEVNULL,
                   capture_output=True)
    assert result.returncode == 1
    assert result.stderr.decode().startswith('coach: no routine "no-such-routine"')


@pytest.mark.parametrize("args", [("routines", "list"), ("routines", "validate"),
                                  ("routines", "schema"), ("sounds",)])
def test_a_reader_that_goes_away_ends_the_command_quietly(coach_home: Path,
                                                          args: tuple[str, ...]) -> None:
    read, write = os.pipe()
    os.close(read)  # as `| head -1` does once it has its line
    try:
        result = coach(*args, home=coach_home, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    assert result.returncode == 1
    assert result.stderr == b""


def test_a_reader_that_stops_after_one_line(coach_home: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(coach_home)}
    line = subprocess.run(
        f"{sys.executable} -m coach routines schema | head -1",
        shell=True, env=env, capture_output=True, timeout=TIMEOUT, check=False,
    )
    assert line.stdout == b"{\n"
    assert line.stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("routines", "schema"), ("routines", "list"),
                                  ("routines", "validate")])
def test_a_full_disk_is_one_line(coach_home: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = coach(*args, home=coach_home, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr.decode() == "coach: cannot write the output: No space left on device\n"
