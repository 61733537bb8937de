"""``coach serve`` started for real on a free loopback port, for the HTTP and browser tests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

START_SECONDS = 20.0
"""A generous deadline: two test processes share two cores with other work."""


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    port: int
    token: str

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def children(self) -> list[int]:
        """The ids of the coach processes the server started (Linux only)."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def stop(self) -> int:
        """Ctrl+C, as a person stops it; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def start_serve(home: Path, *extra: str) -> Served:
    environment = dict(os.environ, COACH_HOME=str(home), PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        if found:
            return Served(process, found.group(0), int(found.group(1)), found.group(2))
    process.kill()
    raise AssertionError(f"coach serve did not print its address: {process.stdout.read()}")


def wait_gone(pid: int, seconds: float = 10.0) -> bool:
    """Whether process ``pid`` has ended (or become a zombie) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False
