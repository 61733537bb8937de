"""CPU used while a step counts down: ``coach run warm-up`` beside a bare Textual app.

Both run in detached tmux sessions (100×30) on a private tmux server, side by side over the
same window. After a few seconds for start-up, the script reads ``utime + stime`` from
``/proc/PID/stat`` of each app's process tree over about 20 s, and prints each as a percentage
of one core (target for coach: ≤ 1 %) and their ratio. The bare app shows one ``Digits``
widget updated once a second by ``set_interval``: the least any countdown can cost.
The first step of the warm-up lasts 90 s, so the window falls inside one counting-down step.

    python bench/bench_cpu.py                 # about 25 s
    python bench/bench_cpu.py --seconds 40    # a longer window
Linux only (it reads /proc); needs tmux.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_PERCENT = 1.0
ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
SIZE = ("-x", "100", "-y", "30")

BARE_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Digits


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Digits("9:00")

    def on_mount(self) -> None:
        self.left = 9 * 60
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.left -= 1
        self.query_one(Digits).update(f"{self.left // 60}:{self.left % 60:02d}")


if __name__ == "__main__":
    Bare().run()
"""


class BenchError(Exception):
    """Something the bench needs is missing; the message says what."""


@dataclass
class Subject:
    label: str
    session: str
    command: str
    marker: str
    """A piece of the command line that identifies the app's process."""
    pid: int = 0


def tmux(socket: str, *args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise BenchError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    tree = children()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` and its live descendants, in seconds."""
    total = 0
    for each in descendants(pid):
        try:
            stat = Path(f"/proc/{each}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def find_app(socket: str, subject: Subject) -> int:
    pane = tmux(socket, "list-panes", "-t", subject.session, "-F", "#{pane_pid}").split()
    if not pane:
        raise BenchError(f"{subject.label}: its tmux pane is gone")
    for pid in descendants(int(pane[0])):
        line = cmdline(pid)
        if subject.marker in line and "python" in Path(line.split(" ")[0]).name:
            return pid
    for pid in descendants(int(pane[0])):
        if subject.marker in cmdline(pid):
            return pid
    screen = tmux(socket, "capture-pane", "-p", "-t", subject.session, check=False)
    shown = "\n".join(line for line in screen.splitlines() if line.strip())[-1500:]
    raise BenchError(f"{subject.label}: no running process found. The pane shows:\n{shown}")


def check_ready(python: Path) -> Path:
    if not sys.platform.startswith("linux"):
        raise BenchError("this bench reads /proc: run it on Linux")
    if shutil.which("tmux") is None:
        raise BenchError("tmux is not installed (e.g. apt-get install tmux)")
    if not (ROOT / "coach" / "ui" / "app.py").exists():
        raise BenchError(
            "coach/ui/app.py does not exist yet: there is no app to measure. "
            "Run this bench once `coach run warm-up` opens the player."
        )
    coach = python.parent / "coach"
    if not coach.exists():
        found = shutil.which("coach")
        if found is None:
            raise BenchError("the `coach` console script is not installed (pip install -e .)")
        coach = Path(found)
    return coach


def measure(seconds: float, warmup: float) -> int:
    python = Path(sys.executable)
    coach = check_ready(python)
    socket = f"coach-bench-cpu-{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="coach-bench-cpu-"))
    bare = work / "bare_digits_app.py"
    bare.write_text(BARE_APP)
    home = work / "home"
    keep_pane = '; echo; echo "[exited with status $?]"; sleep 600'
    subjects = [
        Subject(
            "coach run warm-up",
            "coachcpu",
            f"COACH_HOME={shlex.quote(str(home))} {shlex.quote(str(coach))} run warm-up"
            + keep_pane,
            "run warm-up",
        ),
        Subject(
            "bare Textual app (Digits, set_interval 1 s)",
            "barecpu",
            f"{shlex.quote(str(python))} {shlex.quote(str(bare))}" + keep_pane,
            bare.name,
        ),
    ]
    try:
        for subject in subjects:
            tmux(socket, "new-session", "-d", "-s", subject.session, *SIZE, subject.command)
        time.sleep(warmup)
        for subject in subjects:
            subject.pid = find_app(socket, subject)
        start = {s.label: cpu_seconds(s.pid) for s in subjects}
        began = time.monotonic()
        time.sleep(seconds)
        spent = time.monotonic() - began
        used = {s.label: cpu_seconds(s.pid) - start[s.label] for s in subjects}
        for subject in subjects:
            if not Path(f"/proc/{subject.pid}").exists():
                raise BenchError(f"{subject.label} exited during the measurement")
        screen = tmux(socket, "capture-pane", "-p", "-t", subjects[0].session, check=False)
    finally:
        tmux(socket, "kill-server", check=False)
        tmux_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (tmux_dir / socket).unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)

    percent = {label: 100 * value / spent for label, value in used.items()}
    coach_pct, bare_pct = percent[subjects[0].label], percent[subjects[1].label]
    print(f"CPU while a step counts down, over {spent:.1f} s (after {warmup:g} s start-up):")
    for subject in subjects:
        print(
            f"  {subject.label:<45} {percent[subject.label]:6.2f} % of one core "
            f"({used[subject.label]:.2f} s CPU, pid {subject.pid})"
        )
    ratio = coach_pct / bare_pct if bare_pct > 0 else float("inf")
    print(f"  ratio coach / bare: {ratio:.2f}×")
    ok = coach_pct <= TARGET_PERCENT
    print(f"  target ≤ {TARGET_PERCENT:g} % of one core: {'OK' if ok else 'MISSED'}")
    if "Brisk walk" not in screen:
        print("  note: the player did not show the first step at the end; screen was:")
        print("\n".join("    " + line for line in screen.splitlines() if line.strip())[:1200])
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="sampling window")
    parser.add_argument("--warmup", type=float, default=3.0, help="start-up wait")
    args = parser.parse_args()
    try:
        return measure(args.seconds, args.warmup)
    except BenchError as error:
        print(f"bench_cpu: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
