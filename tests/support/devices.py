"""What the devices themselves say about the real activity files in ``shared/realworld-runs``.

The expected values of the corpus tests and of ``bench/bench_realworld.py`` come from here,
worked out without coach's readers: a FIT file's session messages (fitdecode, checksums not
checked, so a damaged file's sessions before the damage still count), a TCX activity's summed
lap totals and a GPX track's length with its points taken in file order (ElementTree).
"""

from __future__ import annotations

import io
import math
import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
RUNNING_NAMES = frozenset({"running", "run", "9", "trail_running", "trail run", "treadmill"})


class Leg(NamedTuple):
    sport: str | None
    seconds: float | None
    """The device's timer (FIT ``total_timer_time``, TCX summed ``TotalTimeSeconds``)."""
    distance: float | None

    @property
    def running(self) -> bool:
        return self.sport is None or self.sport.lower() in RUNNING_NAMES


def corpus() -> Path | None:
    """``<repo>/../shared/realworld-runs`` when it is there (a clone with shared/ beside it),
    or the folder ``COACH_REALWORLD_RUNS`` names."""
    import os

    named = os.environ.get("COACH_REALWORLD_RUNS")
    path = Path(named) if named else ROOT.parent / "shared" / "realworld-runs"
    return path if (path / "SOURCES.md").is_file() else None


def legs(path: Path) -> list[Leg]:
    """Every activity (multisport leg) the file's device wrote, in file order."""
    kind = path.suffix.lower()
    if kind == ".fit":
        return _fit(path.read_bytes())
    if kind == ".tcx":
        return _tcx(path)
    return _gpx(path)


def _fit(data: bytes) -> list[Leg]:
    import fitdecode

    found: list[Leg] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            for frame in fitdecode.FitReader(io.BytesIO(data),
                                              check_crc=fitdecode.CrcCheck.DISABLED,
                                              error_handling=fitdecode.ErrorHandling.IGNORE):
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.global_mesg_num == 18:
                    sport = frame.get_value("sport", fallback=None)
                    if sport == "transition":
                        continue
                    found.append(Leg(
                        str(sport), frame.get_value("total_timer_time", fallback=None),
                        frame.get_value("total_distance", fallback=None)))
        except Exception:
            pass  # the sessions before the damage are the device's all the same
    return found


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _tcx(path: Path) -> list[Leg]:
    found: list[Leg] = []
    root = ElementTree.parse(path).getroot()
    for activity in root.iter():
        if _local(activity.tag) != "Activity":
            continue
        seconds = distance = 0.0
        timed = measured = True
        for lap in activity:
            if _local(lap.tag) != "Lap":
                continue
            values = {_local(child.tag): child.text for child in lap}
            try:
                seconds += float(values["TotalTimeSeconds"] or "")
            except (KeyError, ValueError):
                timed = False
            try:
                distance += float(values["DistanceMeters"] or "")
            except (KeyError, ValueError):
                measured = False
        found.append(Leg(activity.get("Sport"), seconds if timed else None,
                         distance if measured else None))
    return found


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(a)))


def _gpx(path: Path) -> list[Leg]:
    """One leg: the track's length in file order, segment by segment (points with a
    position and a time; none when the file has no timed track)."""
    sport: str | None = None
    length = 0.0
    timed = 0
    for _, element in ElementTree.iterparse(path):
        name = _local(element.tag)
        if name == "type" and sport is None:
            sport = (element.text or "").strip() or None
        elif name == "trkseg":
            previous = None
            for point in element:
                if _local(point.tag) != "trkpt":
                    continue
                has_time = any(_local(child.tag) == "time" for child in point)
                try:
                    here = float(point.get("lat", "")), float(point.get("lon", ""))
                except ValueError:
                    continue
                if not has_time:
                    continue
                timed += 1
                if previous is not None:
                    length += _haversine(*previous, *here)
                previous = here
            element.clear()
    return [Leg(sport, None, length)] if timed else []
