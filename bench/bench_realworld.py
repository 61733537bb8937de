"""Real files from real devices: does coach import what the watch recorded?

For every file in ``../shared/realworld-runs`` (FIT, GPX, TCX from Garmin, Suunto, Polar,
COROS, Wahoo, Stryd, phones; runs, multisport, rides, swims, broken files) it imports the
file alone into a fresh history with ``coach``'s own import, as ``coach runs import`` does,
and prints one row: the running legs the device wrote and the runs coach stored, distance
and time against the device's own totals (FIT session, summed TCX laps, GPX track length in
file order; see ``tests/support/devices.py``), and the lines coach said about the file.

Then the whole corpus at once: coach's import time against the bare parse of the same files,
best of two in the order bare, coach, bare, coach: fitdecode decoding every FIT message, and
for GPX and TCX expat streaming every element to handlers that do nothing (the floor of any
streaming reader; ElementTree building the whole tree in C is printed too, for reference:
it is faster, but holds the whole file as a tree); and the peak memory (``VmHWM`` of a
fresh process) of importing a generated GPX of ``--gpx-mb`` megabytes against merely
reading its bytes.

Targets: distance within 0.5 % of FIT and TCX totals, 1 % of a GPX track; time within 0.5 %
of the FIT timer and 1 % of TCX laps; import ≤ 1.0 × the bare parse; memory < 100 MB.

    python bench/bench_realworld.py [--corpus PATH] [--gpx-mb 62] [--no-memory]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.runs.importer import import_paths  # noqa: E402
from coach.runs.sources import Bad  # noqa: E402
from coach.store import Store  # noqa: E402
from tests.support import devices  # noqa: E402

MEMORY = """
import sys
from pathlib import Path
kind, path, home = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
if kind == "bytes":
    data = path.read_bytes()
else:
    from coach.runs.importer import import_paths
    from coach.store import Store
    with Store.open(home / "coach.db") as store:
        summary = import_paths([path], store)
        assert len(summary.added) == 1, summary.line()
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def percent(value: float | None, expected: float | None) -> str:
    if value is None or not expected:
        return "—"
    return f"{(value / expected - 1) * 100:+.2f}%"


def one_file(path: Path, scratch: Path) -> tuple[list[str], dict[str, float]]:
    """The file's row and its worst differences (``distance``, ``time``), in percent."""
    device = [leg for leg in devices.legs(path) if leg.running]
    lines: list[Bad] = []
    home = Path(tempfile.mkdtemp(dir=scratch))
    with Store.open(home / "coach.db") as store:
        summary = import_paths([path], store, said=lines.append)
        stored = sorted(store.list_runs(), key=lambda run: run.start)
    worst: dict[str, float] = {}
    distances, times = [], []
    for leg, run in zip(device, stored, strict=False):
        distances.append(percent(run.distance_m, leg.distance))
        times.append(percent(run.seconds, leg.seconds))
        if leg.distance and run.distance_m is not None:
            worst["distance"] = max(worst.get("distance", 0.0),
                                    abs(run.distance_m / leg.distance - 1) * 100)
        if leg.seconds:
            worst["time"] = max(worst.get("time", 0.0), abs(run.seconds / leg.seconds - 1) * 100)
    said = "; ".join(line.problem for line in lines)
    skipped = ", ".join(summary.skipped_text())
    why = "; ".join(part for part in (skipped, said) if part)
    return [path.name, str(len(device)), str(len(stored)), " ".join(distances) or "—",
            " ".join(times) or "—", why[:150]], worst


def bare_parse(files: list[Path], xml: str = "expat") -> float:
    """Seconds to parse ``files`` bare: fitdecode for FIT; ``xml`` = ``expat`` (streamed,
    handlers that do nothing) or ``tree`` (ElementTree) for GPX and TCX."""
    import io
    import warnings
    import xml.etree.ElementTree as ElementTree
    from xml.parsers import expat

    import fitdecode

    began = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        if path.suffix.lower() == ".fit":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    for _frame in fitdecode.FitReader(io.BytesIO(data)):
                        pass
                except Exception:
                    pass
        elif xml == "tree":
            with contextlib.suppress(ElementTree.ParseError):
                ElementTree.fromstring(data)
        else:
            parser = expat.ParserCreate(namespace_separator=" ")
            parser.buffer_text = True
            parser.StartElementHandler = lambda name, attributes: None
            parser.EndElementHandler = lambda name: None
            parser.CharacterDataHandler = lambda text: None
            with contextlib.suppress(expat.ExpatError):
                parser.Parse(data, True)
    return time.perf_counter() - began


def whole_import(files: list[Path], scratch: Path) -> float:
    home = Path(tempfile.mkdtemp(dir=scratch))
    with Store.open(home / "coach.db") as store:
        began = time.perf_counter()
        import_paths(files, store)
        return time.perf_counter() - began


def peak_mb(kind: str, path: Path, scratch: Path) -> float:
    home = Path(tempfile.mkdtemp(dir=scratch))
    result = subprocess.run(
        [sys.executable, "-c", MEMORY, kind, str(path), str(home)], capture_output=True,
        text=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return int(result.stdout.strip().splitlines()[-1]) / 1024


def big_gpx(path: Path, megabytes: float) -> int:
    from tests.support import activities

    points = activities.samples(seconds=int(megabytes * 1e6 / 207), step=1, speed=2.8)
    data = activities.gpx(points)
    path.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=devices.corpus())
    parser.add_argument("--gpx-mb", type=float, default=62.0)
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args()
    if args.corpus is None or not args.corpus.is_dir():
        raise SystemExit("no corpus: give --corpus PATH (shared/realworld-runs)")
    files = sorted(path for path in args.corpus.rglob("*")
                   if path.suffix.lower() in (".fit", ".gpx", ".tcx"))
    header = ["file", "device legs", "coach runs", "distance vs device", "time vs timer",
              "skipped / said"]
    rows, worst = [], {"distance": {}, "time": {}}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for path in files:
            row, differences = one_file(path, scratch)
            rows.append(row)
            for key, value in differences.items():
                worst[key][f"{path.parent.name}/{path.name}"] = value
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        legs = sum(int(row[1]) for row in rows)
        runs = sum(int(row[2]) for row in rows)
        print(f"\n{len(files)} files; running legs by the devices: {legs}; runs coach "
              f"stored: {runs}")
        for key, label in (("distance", "distance"), ("time", "time")):
            for kind in ("fit", "tcx", "gpx"):
                values = [value for name, value in worst[key].items() if name.startswith(kind)]
                if values:
                    print(f"{kind.upper()} {label}: worst {max(values):.2f} % over "
                          f"{len(values)} legs; mean {sum(values) / len(values):.2f} %")
        for path in files:  # into the page cache, for both alike
            path.read_bytes()
        print()
        for label, chosen in (("FIT", [f for f in files if f.suffix.lower() == ".fit"]),
                              ("GPX+TCX", [f for f in files if f.suffix.lower() != ".fit"]),
                              ("all", files)):
            bare, mine = [], []
            for _ in range(2):
                bare.append(bare_parse(chosen))
                mine.append(whole_import(chosen, scratch))
            tree = bare_parse(chosen, "tree")
            print(f"{label}: bare parse {min(bare):.2f} s, coach import {min(mine):.2f} s: "
                  f"{min(mine) / min(bare):.2f} × (target ≤ 1.0); ElementTree/fitdecode "
                  f"{tree:.2f} s")
        if not args.no_memory:
            gpx = scratch / "big.gpx"
            size = big_gpx(gpx, args.gpx_mb)
            held = peak_mb("bytes", gpx, scratch)
            used = peak_mb("coach", gpx, scratch)
            print(f"{size / 1e6:.0f} MB GPX: peak memory of the import {used:.0f} MB "
                  f"(reading its bytes alone: {held:.0f} MB; target < 100 MB)")


if __name__ == "__main__":
    main()
