"""How much slower than a bare ``python -c pass`` are the screenless commands?

The target is 4x at most for ``coach --help`` and ``coach routines validate FILE``. Runs are
interleaved (pass, help, validate, pass, ...) so a busy machine slows all three alike, and
the median of each is compared, so one slow start does not skew the ratio. Bytecode is
cached (in a temporary folder, leaving the tree alone) as it is in a real install; without
it every run would recompile coach's modules and measure the compiler instead.

    python bench/bench_cli.py [--runs 15]
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

TARGET = 4.0
ROUTINE = """name = "Bench"
kind = "warm-up"

[[steps]]
name = "Brisk walk"
kind = "walk"
time = "2m"

[[steps]]
name = "Calf stretch"
kind = "stretch"
time = "30s"
sides = true

[[steps]]
name = "Strides"
repeat = 4
  [[steps.steps]]
  name = "Stride"
  time = "20s"
  [[steps.steps]]
  name = "Walk back"
  kind = "walk"
  time = "40s"
"""


def _coach() -> list[str]:
    """The installed console script when there is one: it is what users run."""
    script = Path(sys.executable).with_name("coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "coach"]


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (15)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        routine = Path(folder) / "bench.toml"
        routine.write_text(ROUTINE, encoding="utf-8")
        env = {
            **os.environ,
            "COACH_HOME": str(Path(folder) / "home"),
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "coach --help": [*_coach(), "--help"],
            "coach routines validate FILE": [*_coach(), "routines", "validate", str(routine)],
        }
        for command in commands.values():
            _time(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(_time(command, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["python -c pass"]
    worst = 0.0
    print(f"{'command':<30}{'median':>10}{'ratio':>8}")
    for name, median in medians.items():
        ratio = median / base
        worst = max(worst, ratio)
        print(f"{name:<30}{median * 1000:>8.1f}ms{ratio:>7.2f}x")
    verdict = "ok" if worst <= TARGET else "over target"
    print(f"target: <= {TARGET:.0f}x python -c pass ({verdict}; medians of {runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
