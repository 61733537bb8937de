"""A time zone coach cannot use (an offset of a day or more) never gives a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("command", [["log", "--overall", "3", "--json"],
                                     ["export", "--format", "csv"], ["runs", "list"]])
def test_an_impossible_time_zone_is_one_line_and_times_in_utc(
    tmp_path: Path, command: list[str]
) -> None:
    env = {**os.environ, "TZ": "UTC+999999999", "COACH_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "coach", *command], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "TZ=UTC+999999999" in done.stderr and "UTC" in done.stderr
