"""Time to first frame and memory: coach against a bare Textual app with the same widgets.

Each measurement is a fresh process (interpreter start, imports, first frame, exit), run
interleaved with the bare app so machine noise hits both alike; medians are compared.
Targets: first frame ≤ 1.15 × the bare app, memory ≤ 1.2 ×.

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST_FRAME = """
async def first_frame(pilot):
    # The first real frame: the first screen is mounted and laid out, down to its footer.
    import asyncio, sys, time
    from textual.widgets import Footer
    while True:
        footers = pilot.app.screen.query(Footer)
        if footers and footers.first().region.height:
            break
        await asyncio.sleep(0.0005)
    print(f"FIRST-FRAME {time.time()!r}", file=sys.__stdout__, flush=True)
    pilot.app.exit()
"""

BARE_HOME = """
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
        table.add_row(f"{i}:00", f"Step {i}\\nA cue of the usual length, how to do it.", "30s")
    return table

class Bare(App):
    BINDINGS = [(k, "bell", d) for k, d in
                [("enter", "Start"), ("p", "Preview"), ("s", "Start suggested"),
                 ("h", "History"), ("l", "Log soreness"), ("q", "Quit")]]

    def compose(self):
        with Vertical():
            yield Static("Suggested: a routine\\nWhy it fits now.")
            with Horizontal():
                yield OptionList(*[f"Routine {i}" for i in range(10)])
                with VerticalScroll():
                    yield Static(preview())
        yield Footer()

""" + FIRST_FRAME + """
Bare().run(headless=True, size=(100, 30), auto_pilot=first_frame)
"""

BARE_PLAYER = """
from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Footer, Label, ProgressBar, Static

class Bare(App):
    BINDINGS = [(k, "bell", d) for k, d in
                [("space", "Pause"), ("right", "Next"), ("left", "Back"), ("plus", "Add 30s"),
                 ("m", "Mute"), ("q", "Stop")]]

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

""" + FIRST_FRAME + """
Bare().run(headless=True, size=(100, 30), auto_pilot=first_frame)
"""

COACH = """
import sys
from textual.app import App

""" + FIRST_FRAME + """
_run = App.run

def run_headless(self, **kwargs):
    # The real command line, down to App.run, which draws one frame off-screen and exits.
    return _run(self, headless=True, size=(100, 30), auto_pilot=first_frame)

App.run = run_headless
import coach.cli.app_commands

coach.cli.app_commands.has_terminal = lambda: True  # the frame is drawn off-screen
from coach.cli import main

main(sys.argv[1:])
"""


def measure(code: str, *args: str, env: dict[str, str]) -> float:
    """Seconds from starting a fresh process to its first frame.

    The app notes the wall-clock time once its first screen is mounted and laid out (Textual
    starts an ``auto_pilot`` earlier than that, so the harness waits for the screen's footer
    to have a place); what it does after that (deferred work, exiting) is not counted.
    """
    start = time.time()
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{proc.stderr}")
    marks = [line for line in proc.stdout.splitlines() if line.startswith("FIRST-FRAME ")]
    return float(marks[-1].split()[1]) - start


def peak_mib(code: str, *args: str, env: dict[str, str]) -> float:
    """Peak memory of a process, read from its own rusage at exit."""
    wrapped = (
        code + "\nimport resource, sys\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print('PEAK-RSS', peak, file=sys.__stdout__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapped, *args], env=env, capture_output=True, text=True
    )
    marks = [line for line in proc.stdout.splitlines() if line.startswith("PEAK-RSS ")]
    if not marks:
        raise SystemExit(f"benchmark process failed:\n{proc.stderr}")
    return int(marks[-1].split()[1]) / 1024


def compare(
    name: str, bare: str, coach_args: tuple[str, ...], runs: int, env: dict[str, str]
) -> None:
    bare_times: list[float] = []
    coach_times: list[float] = []
    measure(bare, env=env)  # warm the bytecode cache and the file system cache
    measure(COACH, *coach_args, env=env)
    for _ in range(runs):
        bare_times.append(measure(bare, env=env))
        coach_times.append(measure(COACH, *coach_args, env=env))
    bare_mem = statistics.median(peak_mib(bare, env=env) for _ in range(3))
    coach_mem = statistics.median(peak_mib(COACH, *coach_args, env=env) for _ in range(3))
    b, c = statistics.median(bare_times), statistics.median(coach_times)
    ratio = c / b
    mem_ratio = coach_mem / bare_mem
    print(f"{name}")
    print(
        f"  first frame: coach {c * 1000:.0f} ms, bare Textual {b * 1000:.0f} ms "
        f"→ {ratio:.2f}× (target ≤ 1.15×: {'OK' if ratio <= 1.15 else 'OVER'})"
    )
    print(
        f"  memory:      coach {coach_mem:.1f} MiB, bare Textual {bare_mem:.1f} MiB "
        f"→ {mem_ratio:.2f}× (target ≤ 1.2×: {'OK' if mem_ratio <= 1.2 else 'OVER'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "COACH_HOME": home,
            # Cache bytecode as an installed package has it, so no run pays for compiling.
            "PYTHONPYCACHEPREFIX": str(Path(home) / "pycache"),
        }
        env.pop("TEXTUAL", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(
            f"medians of {args.runs} interleaved runs, each a fresh process "
            f"({Path(sys.executable).name})"
        )
        compare("coach (home screen)", BARE_HOME, (), args.runs, env)
        compare("coach run warm-up (player)", BARE_PLAYER, ("run", "warm-up"), args.runs, env)


if __name__ == "__main__":
    main()
