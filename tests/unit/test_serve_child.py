"""Only the coaches ``coach serve`` starts draw without a terminal; a script setting the
same variables gets the usual one-line refusal, or an app that ends as its input ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coach.serve import SERVED_DRIVER, SERVED_VARIABLE


def run(stdin: object, home: Path, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = dict(os.environ, COACH_HOME=str(home), TEXTUAL_DRIVER=SERVED_DRIVER)
    environment[SERVED_VARIABLE] = "1"
    if data is not None:
        return subprocess.run([sys.executable, "-m", "coach", "history"], input=data,
                              capture_output=True, env=environment, timeout=30)
    return subprocess.run([sys.executable, "-m", "coach", "history"], stdin=stdin,  # type: ignore[call-overload]
                          capture_output=True, env=environment, timeout=30)


def test_the_variables_alone_do_not_make_a_script_a_screen(tmp_path: Path) -> None:
    with open(os.devnull, "rb") as null:
        result = run(null, tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "coach history needs a terminal; for scripts use coach export")


def test_a_served_coach_whose_input_ends_ends_too_without_a_traceback(tmp_path: Path) -> None:
    result = run(None, tmp_path, data=b"not a packet\n")
    assert result.returncode != 0
    assert b"Traceback" not in result.stderr and b"Traceback" not in result.stdout
    assert result.stdout.startswith(b"__GANGLION__")  # it was drawing for a browser
