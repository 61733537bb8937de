"""Strava's bulk export: ``activities.csv`` with the original files under ``activities/``.

A CSV row and the file it names are one activity. The row is what the runner kept on Strava
(its type, gear, perceived exertion, moving time, elevation loss), so its values win; the
file adds what only the watch knew (the exact start, the sub-sport, the heart rate, the
watch's own feel). Headers repeat: the first "Distance" is kilometres and the second metres,
the first "Elapsed Time" whole seconds. Dates such as ``"Jan 1, 2024, 10:00:00 AM"`` are UTC.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Final

from coach.frozen import Record
from coach.record.runs import shoe_name
from coach.runs.containers import Container
from coach.runs.model import Run, category, finite, sport_of, surface_of
from coach.runs.sources import (
    KIND_LIMITS,
    MAX_RAW,
    Bad,
    Entry,
    Exhausted,
    Problem,
    entry,
    kind_of_name,
)
from coach.text import one_line

CSV_NAME: Final = "activities.csv"
MONTHS: Final = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}
_MONTH_FIRST: Final = re.compile(
    r"([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])?")
_DAY_FIRST: Final = re.compile(
    r"(\d{1,2}) ([A-Za-z]{3})[A-Za-z]*\.? (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s*([AaPp][Mm])?")


class Row(Record):
    """One activity of the export: what the CSV says, and its file if the export has it."""

    name: str
    activity_id: str
    category: str
    run: Run
    file: Entry | Bad | None = None


def find_csv(names: list[str]) -> str | None:
    """The export's ``activities.csv``, the shallowest if there are several."""
    found = [name for name in names if posixpath.basename(name).lower() == CSV_NAME]
    return min(found, key=lambda name: (name.count("/"), name)) if found else None


def parse_date(text: str) -> datetime | None:
    """A Strava export date (UTC), or None."""
    text = text.strip()
    for pattern, month_group, day_group in ((_MONTH_FIRST, 1, 2), (_DAY_FIRST, 2, 1)):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month = MONTHS.get(match.group(month_group).lower())
        hour = int(match.group(4))
        noon = match.group(7)
        if noon:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if noon.lower() == "pm" else 0)
        if month is None:
            return None
        try:
            return datetime(int(match.group(3)), month, int(match.group(day_group)), hour,
                             int(match.group(5)), int(match.group(6)), tzinfo=UTC)
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # out of range once its offset is applied
        return None


def number(text: str | None) -> float | None:
    """A CSV number, with a decimal comma or thousands commas; None when empty or not one."""
    if text is None:
        return None
    text = text.strip()
    if not text or len(text) > 30:
        return None
    text = text.replace(",", "") if "." in text else text.replace(",", ".")
    try:
        return finite(float(text))
    except ValueError:
        return None


class _Columns:
    """A header with repeated names: each name's columns in order."""

    def __init__(self, header: list[str]) -> None:
        self.index: dict[str, list[int]] = {}
        for position, name in enumerate(header):
            self.index.setdefault(name.strip().lstrip("\ufeff").lower(), []).append(position)

    def get(self, row: list[str], name: str, occurrence: int = 0) -> str | None:
        positions = self.index.get(name.lower(), [])
        if occurrence >= len(positions) or positions[occurrence] >= len(row):
            return None
        return row[positions[occurrence]]

    def has(self, name: str) -> bool:
        return name.lower() in self.index


def rows(container: Container, csv_name: str, used: set[str]) -> Iterator[Row | Bad]:
    """The export's activities; names of files the rows took are added to ``used``."""
    where = container.label(csv_name)
    used.add(csv_name)
    try:
        text = container.read(csv_name, KIND_LIMITS["csv"]).decode("utf-8-sig")
    except Problem as problem:
        yield Bad(where, str(problem))
        return
    except UnicodeDecodeError as error:
        yield Bad(where, f"is not UTF-8 text (byte {error.start})")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            yield Bad(where, "is empty")
            return
        columns = _Columns(header)
        missing = [name for name in ("Activity Date", "Activity Type")
                   if not columns.has(name)]
        if missing:
            yield Bad(where, f'is not Strava\'s activities.csv (no "{missing[0]}" column)')
            return
        members = set(container.names())
        folder = posixpath.dirname(csv_name)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            yield _row(container, columns, row, f"{where} line {reader.line_num}", folder,
                       members, used)
    except csv.Error as error:
        yield Bad(where, f"line {reader.line_num}: is not valid CSV ({one_line(error)})")


def _row(container: Container, columns: _Columns, row: list[str], where: str, folder: str,
         members: set[str], used: set[str]) -> Row | Bad:
    date_text = columns.get(row, "Activity Date") or ""
    start = parse_date(date_text)
    if start is None:
        return Bad(where, f'its Activity Date "{one_line(date_text)[:40]}" is not a date coach '
                   'can read (e.g. "Jan 1, 2024, 10:00:00 AM")')
    kind = (columns.get(row, "Activity Type") or "").strip()
    sport = sport_of(kind)
    activity_id = "".join(ch for ch in (columns.get(row, "Activity ID") or "") if ch.isalnum())
    activity_id = activity_id[:40] or f"{start:%Y%m%dT%H%M%S}-{one_line(kind)[:20]}"
    kilometres = number(columns.get(row, "Distance", 0))
    metres = number(columns.get(row, "Distance", 1))
    moving = number(columns.get(row, "Moving Time"))
    elapsed = number(columns.get(row, "Elapsed Time", 0))
    run = Run(
        start=start, seconds=moving or elapsed or 0.0, elapsed_seconds=elapsed or moving or 0.0,
        sport=sport, source="strava",
        distance_m=metres if metres is not None else (
            None if kilometres is None else kilometres * 1000),
        ascent_m=number(columns.get(row, "Elevation Gain")),
        descent_m=number(columns.get(row, "Elevation Loss")),
        surface=surface_of(kind), effort=number(columns.get(row, "Perceived Exertion")),
        average_hr=number(columns.get(row, "Average Heart Rate")),
        shoe=shoe_name(columns.get(row, "Activity Gear") or None),
    )
    found = category(sport)
    file: Entry | Bad | None = None
    filename = (columns.get(row, "Filename") or "").strip()
    if filename and found == "run":
        member = posixpath.normpath(posixpath.join(folder, filename))
        if member in members:
            used.add(member)
            file = _file(container, member)
    elif filename:
        used.add(posixpath.normpath(posixpath.join(folder, filename)))
    return Row(where, activity_id, found, run, file)


def _file(container: Container, member: str) -> Entry | Bad:
    name = container.label(member)
    try:
        raw = container.read(member, MAX_RAW)
    except Exhausted:
        raise
    except Problem as problem:
        return Bad(name, str(problem))
    budget = getattr(container, "budget", None)
    return entry(name, raw, kind_of_name(member), budget)


def combined(row: Run, file: Run | None) -> Run:
    """The row's values, filled in from its file where the row has none."""
    if file is None:
        return row
    return Run(
        start=file.start if abs((file.start - row.start).total_seconds()) <= 120 else row.start,
        seconds=row.seconds or file.seconds,
        elapsed_seconds=row.elapsed_seconds or file.elapsed_seconds,
        sport=row.sport, source="strava", sub_sport=file.sub_sport,
        distance_m=_first(row.distance_m, file.distance_m),
        ascent_m=_first(row.ascent_m, file.ascent_m),
        descent_m=_first(row.descent_m, file.descent_m),
        surface=row.surface or file.surface, effort=_first(row.effort, file.effort),
        feel=file.feel, average_hr=_first(row.average_hr, file.average_hr),
        shoe=row.shoe or file.shoe,
    )


def _first(value: float | None, fallback: float | None) -> float | None:
    return value if value is not None else fallback
