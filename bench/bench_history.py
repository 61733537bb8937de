"""History with 10,000 sessions against an empty one: time to first frame, and trends time.

Each first-frame measurement is a fresh process running ``coach history`` headless
(interpreter start, imports, opening the database, the first page and its first frame),
run interleaved — empty, full, empty, full — so machine noise hits both alike; medians are
compared. Target: ≤ 1.2 × the empty history.
Trends (all statistics for the trends and "what helps you" views) are timed in-process, on
a year of 2,000 sessions and on the 10,000.

    python bench/bench_history.py [--runs 15] [--sessions 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HARNESS = """
import sys
from textual.app import App

async def first_frame(pilot):
    import time
    # The history screen is pushed as the app mounts: wait for it and its first paint.
    while type(pilot.app.screen).__name__ != "HistoryScreen":
        await pilot.pause()
    await pilot.pause()
    print(f"FIRST-FRAME {time.time()!r} {time.process_time()!r}", file=sys.__stdout__,
          flush=True)
    pilot.app.exit()

_run = App.run

def run_headless(self, **kwargs):
    # The real `coach history`, down to App.run, which draws off-screen and exits.
    return _run(self, headless=True, size=(100, 30), auto_pilot=first_frame)

App.run = run_headless
import coach.cli.app_commands
coach.cli.app_commands.has_terminal = lambda: True  # the frame is drawn off-screen
from coach.cli import main

main(["history"])
"""

START = datetime(2025, 5, 1, 6, 0, tzinfo=UTC)


def make_home(root: Path, name: str, sessions: int) -> dict[str, str]:
    from coach.store import Store
    from tests.support.seed import seed_sessions

    home = root / name
    with Store.open(home / "coach.db") as store:
        if sessions:
            seed_sessions(store, sessions, START, rng_seed=1)
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("TEXTUAL", None)
    return env


def first_frame_seconds(env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds from starting a fresh process to its first frame, and the CPU seconds
    it used by then (CPU time shrugs off a busy machine). Exiting is not counted."""
    start = time.time()
    proc = subprocess.run([sys.executable, "-c", HARNESS], env=env, capture_output=True,
                          text=True)
    marks = [line for line in proc.stdout.splitlines() if line.startswith("FIRST-FRAME ")]
    if proc.returncode != 0 or not marks:
        raise SystemExit(f"benchmark process failed:\n{proc.stderr}")
    _, wall, cpu = marks[-1].split()
    return float(wall) - start, float(cpu)


def trends_ms(sessions: int, repeats: int = 7) -> tuple[float, float]:
    """Median milliseconds for the trends of a seeded history, and for "what helps you"
    (every estimate with its interval): the two figures the trends screen reads."""
    from coach.insights import insights_for
    from coach.insights.overview import estimates_for, shown
    from coach.store import Store
    from tests.support.seed import seed_sessions

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "c.db") as store:
        seed_sessions(store, sessions, START, rng_seed=2)
        now = START + timedelta(days=366)
        trends: list[float] = []
        helps: list[float] = []
        for _ in range(repeats):
            begin = time.perf_counter()
            insights_for(store, now, None)
            trends.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            shown(estimates_for(store, now), regions=True)  # as the screen judges them
            helps.append(time.perf_counter() - begin)
    return statistics.median(trends) * 1000, statistics.median(helps) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sessions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        empty = make_home(root, "empty", 0)
        full = make_home(root, "full", args.sessions)
        first_frame_seconds(empty)  # warm the file cache for both before measuring
        first_frame_seconds(full)
        empty_times: list[tuple[float, float]] = []
        full_times: list[tuple[float, float]] = []
        for _ in range(args.runs):
            empty_times.append(first_frame_seconds(empty))
            full_times.append(first_frame_seconds(full))
    print(f"medians of {args.runs} interleaved runs, each a fresh process "
          f"({Path(sys.executable).name})")
    for what, index in (("wall", 0), ("CPU", 1)):
        e = statistics.median(t[index] for t in empty_times)
        f = statistics.median(t[index] for t in full_times)
        ratio = f / e
        print(f"history first frame ({what}): {args.sessions:,} sessions {f * 1000:.0f} ms, "
              f"empty {e * 1000:.0f} ms → {ratio:.2f}× "
              f"(target ≤ 1.2×: {'OK' if ratio <= 1.2 else 'OVER'})")
    for sessions in (2_000, args.sessions):
        trends, helps = trends_ms(sessions)
        print(f"{sessions:,} sessions in a year: trends {trends:.1f} ms, what helps "
              f"{helps:.1f} ms (both computed in a worker thread)")


if __name__ == "__main__":
    main()
