"""Importing a year of runs: 300 one-hour FIT files at one record a second.

Times coach's whole import (finding the files, reading them with their size caps, hashing,
parsing with fitdecode with every CRC checked, storing each run in its own transaction on
disk) against fitdecode's bare parse of the same files, in one run, each measured twice in
the order bare, coach, bare, coach so machine noise hits both alike; the best of each pair
is compared. Target: ≤ 1.3 × the bare parse.

Peak memory is measured in a fresh process per measurement (its ``VmHWM`` where Linux has
one; ``ru_maxrss`` would include the benchmark's own memory, copied at the fork): coach's
import of 30 files against 300, and the bare parse of 300 for reference. It must be flat in
the number of files: a run is stored as soon as its file is read, and nothing of it is kept.

    python bench/bench_runs.py [--files 300] [--seconds 3600]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST = datetime(2024, 1, 1, 6, 30, tzinfo=UTC)

MEMORY = """
import sys
from pathlib import Path
kind, folder, home = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
files = sorted(folder.glob("*.fit"))[:int(sys.argv[4])]
if kind == "bare":
    import fitdecode
    for path in files:
        with fitdecode.FitReader(str(path)) as reader:
            for frame in reader:
                pass
else:
    from coach.runs.importer import import_paths
    from coach.store import Store
    with Store.open(Path(home) / "coach.db") as store:
        summary = import_paths(files, store)
        assert len(summary.added) == len(files), summary.line()
try:  # this process's own high-water mark: ru_maxrss would include the parent's
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
except OSError:
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_files(folder: Path, count: int, seconds: int) -> int:
    sys.path.insert(0, str(ROOT))
    from tests.support.fit_encoder import activity

    total = 0
    for number in range(count):
        start = FIRST + timedelta(days=number * 365 / count)
        data = activity(start, seconds, speed=2.6 + (number % 7) / 10)
        (folder / f"run-{number:03d}.fit").write_bytes(data)
        total += len(data)
    return total


def bare_parse(files: list[Path]) -> float:
    import fitdecode

    began = time.perf_counter()
    for path in files:
        with fitdecode.FitReader(str(path)) as reader:
            for _frame in reader:
                pass
    return time.perf_counter() - began


def coach_import(files: list[Path], home: Path) -> float:
    from coach.runs.importer import import_paths
    from coach.store import Store

    database = home / "coach.db"
    for leftover in home.glob("coach.db*"):
        leftover.unlink()
    with Store.open(database) as store:
        began = time.perf_counter()
        summary = import_paths(files, store)
        took = time.perf_counter() - began
    if len(summary.added) != len(files):
        raise SystemExit(f"the import went wrong: {summary.line()}")
    return took


def peak_kb(kind: str, folder: Path, home: Path, count: int) -> int:
    for leftover in home.glob("coach.db*"):
        leftover.unlink()
    result = subprocess.run(
        [sys.executable, "-c", MEMORY, kind, str(folder), str(home), str(count)],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=3600, help="records per file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as scratch:
        folder, home = Path(scratch) / "fit", Path(scratch) / "home"
        folder.mkdir()
        home.mkdir()
        began = time.perf_counter()
        size = make_files(folder, args.files, args.seconds)
        print(f"made {args.files} FIT files of {args.seconds:,} records "
              f"({size / 1e6:.1f} MB) in {time.perf_counter() - began:.1f} s")
        files = sorted(folder.glob("*.fit"))
        for path in files:  # into the page cache, for both alike
            path.read_bytes()
        bare, mine = [], []
        for _ in range(2):
            bare.append(bare_parse(files))
            mine.append(coach_import(files, home))
        print(f"fitdecode bare parse: {min(bare):.2f} s  (runs: "
              f"{', '.join(f'{t:.2f}' for t in bare)})")
        print(f"coach import:         {min(mine):.2f} s  (runs: "
              f"{', '.join(f'{t:.2f}' for t in mine)})")
        ratio = min(mine) / min(bare)
        print(f"ratio: {ratio:.3f}  (target <= 1.3: {'met' if ratio <= 1.3 else 'NOT met'})")
        few = max(1, args.files // 10)
        small = peak_kb("coach", folder, home, few)
        large = peak_kb("coach", folder, home, args.files)
        reference = peak_kb("bare", folder, home, args.files)
        print(f"peak memory: coach import of {few} files {small / 1024:.1f} MB, "
              f"of {args.files} files {large / 1024:.1f} MB ({large / small:.2f}x); "
              f"bare parse of {args.files} files {reference / 1024:.1f} MB")


if __name__ == "__main__":
    main()
