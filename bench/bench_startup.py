"""Time to first frame and memory: coach against a bare Textual app with the same widgets.

Each measurement is a fresh process (interpreter start, imports, first frame, exit), run
interleaved with the bare app so machine noise hits both alike; medians are compared.
Targets: first frame ≤ 1.15 × the bare app, memory ≤ 1.2 ×.

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_HOME = '''
from rich.table import Table
from textual.app import App
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, OptionList, Static

def preview():
    table = Table(box=None, show_header=False, expand=True)
    table.add_column(justify="right")
    table.add_column(ratio=1)
    table.add_column(justify="right")
    for i in range(28):
        table.add_row(f"{i}:00", f"Step {i}\\nA cue of about the usual length, how to do it.", "30s")
    return table

class Bare(App):
    def compose(self):
        with Vertical():
            yield Static("Suggested: a routine\\nWhy it fits now.")
            with Horizontal():
                yield OptionList(*[f"Routine {i}" for i in range(10)])
                with VerticalScroll():
                    yield Static(preview())
        yield Footer()

async def first_frame(pilot):
    pilot.app.exit()

Bare().run(headless=True, size=(100, 30), auto_pilot=first_frame)
'''

BARE_PLAYER = '''
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Footer, Label, ProgressBar, Static

class Bare(App):
    def compose(self):
        with Vertical():
            yield Label("Routine")
            yield Label("Step 1 of 25 · walk")
            yield Label("Brisk walk")
            yield Digits("1:30")
            yield Label("")
            yield Static("Walk tall and quick, arms bent, swinging from the shoulders.")
            yield ProgressBar(total=1.0, show_eta=False)
            yield Label("Next: Ankle circles")
            with Horizontal():
                yield ProgressBar(total=1.0, show_eta=False)
                yield Label("9:44 left")
        yield Footer()

async def first_frame(pilot):
    pilot.app.exit()

Bare().run(headless=True, size=(100, 30), auto_pilot=first_frame)
'''

COACH = '''
import sys
from coach.ui.app import make_app
from coach.routine.catalog import resolve

routine = resolve(sys.argv[1]) if len(sys.argv) > 1 else None

async def first_frame(pilot):
    pilot.app.exit()

make_app(routine=routine).run(headless=True, size=(100, 30), auto_pilot=first_frame)
'''


def measure(code: str, *args: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest so far; run the bare app first in each pair.
    return elapsed, max(before, after) / 1024


def peak_mib(code: str, *args: str, env: dict[str, str]) -> float:
    """Peak memory of a process, read from its own rusage at exit."""
    wrapped = code + "\nimport resource, sys\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    proc = subprocess.run(
        [sys.executable, "-c", wrapped, *args], env=env, capture_output=True, text=True
    )
    return int(proc.stderr.strip().splitlines()[-1]) / 1024


def compare(name: str, bare: str, coach_args: tuple[str, ...], runs: int, env: dict[str, str]) -> None:
    bare_times: list[float] = []
    coach_times: list[float] = []
    for _ in range(runs):
        bare_times.append(measure(bare, env=env)[0])
        coach_times.append(measure(COACH, *coach_args, env=env)[0])
    bare_mem = statistics.median(peak_mib(bare, env=env) for _ in range(3))
    coach_mem = statistics.median(peak_mib(COACH, *coach_args, env=env) for _ in range(3))
    b, c = statistics.median(bare_times), statistics.median(coach_times)
    ratio = c / b
    mem_ratio = coach_mem / bare_mem
    print(f"{name}")
    print(f"  first frame: coach {c * 1000:.0f} ms, bare Textual {b * 1000:.0f} ms "
          f"→ {ratio:.2f}× (target ≤ 1.15×: {'OK' if ratio <= 1.15 else 'OVER'})")
    print(f"  memory:      coach {coach_mem:.1f} MiB, bare Textual {bare_mem:.1f} MiB "
          f"→ {mem_ratio:.2f}× (target ≤ 1.2×: {'OK' if mem_ratio <= 1.2 else 'OVER'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "COACH_HOME": home}
        env.pop("TEXTUAL", None)
        print(f"medians of {args.runs} interleaved runs, each a fresh process ({Path(sys.executable).name})")
        compare("coach (home screen)", BARE_HOME, (), args.runs, env)
        compare("coach run warm-up (player)", BARE_PLAYER, ("warm-up",), args.runs, env)


if __name__ == "__main__":
    main()
