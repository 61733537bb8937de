"""Activity files for tests, made on the spot: FIT with fit-tool, GPX and TCX as plain XML,
Strava and Garmin exports as zips. Nothing here is a copied binary; every file can be
regenerated, and every value in it is a parameter the test can assert against.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

START = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
METRES_PER_DEGREE = 111_195.0
"""Along a meridian, on coach's earth (the haversine radius)."""


class Sample(NamedTuple):
    moment: datetime
    lat: float
    lon: float
    ele: float | None
    hr: int | None
    distance: float


def samples(
    start: datetime = START, seconds: int = 600, step: int = 5, speed: float = 3.0,
    standing: Sequence[tuple[int, int]] = (), gaps: Sequence[tuple[int, int]] = (),
    height: Callable[[float], float] | None = lambda distance: 100.0, hr: int | None = 150,
) -> list[Sample]:
    """A straight run north at ``speed`` m/s, a point every ``step`` seconds of moving time.

    ``standing``: (after moving second, seconds) stops where points go on being written at
    one place; ``gaps``: stops with no points at all (a watch on auto-pause)."""
    out: list[Sample] = []
    clock = 0.0
    moved = 0
    distance = 0.0
    stops = sorted([(at, length, True) for at, length in standing]
                   + [(at, length, False) for at, length in gaps])
    while moved <= seconds:
        out.append(_sample(start, clock, distance, height, hr))
        for at, length, written in stops:
            if at == moved:
                if written:
                    for extra in range(step, length + 1, step):
                        out.append(_sample(start, clock + extra, distance, height, hr))
                clock += length
                if not written:  # a watch writes a point where it resumes
                    out.append(_sample(start, clock, distance, height, hr))
        clock += step
        moved += step
        distance += speed * step
    return out


def _sample(start: datetime, clock: float, distance: float,
            height: Callable[[float], float] | None, hr: int | None) -> Sample:
    return Sample(start + timedelta(seconds=clock), 52.0 + distance / METRES_PER_DEGREE, 13.0,
                  None if height is None else height(distance), hr, distance)


def hill(rise: float, length: float) -> Callable[[float], float]:
    """Up ``rise`` metres over the first third of ``length``, level, then down again."""
    third = length / 3

    def height(distance: float) -> float:
        if distance < third:
            return 100 + rise * distance / third
        if distance < 2 * third:
            return 100 + rise
        return 100 + max(0.0, rise * (1 - (distance - 2 * third) / third))

    return height


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx(points: Sequence[Sample], kind: str | None = "running", segments: int = 1) -> bytes:
    """A GPX 1.1 track with Garmin's heart-rate extension."""
    per = math.ceil(len(points) / segments) if points else 0
    parts = []
    for number in range(segments):
        chunk = points[number * per:(number + 1) * per]
        parts.append("<trkseg>" + "".join(
            f'<trkpt lat="{p.lat:.7f}" lon="{p.lon:.7f}">'
            + (f"<ele>{p.ele:.2f}</ele>" if p.ele is not None else "")
            + f"<time>{_iso(p.moment)}</time>"
            + (f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{p.hr}</gpxtpx:hr>"
               "</gpxtpx:TrackPointExtension></extensions>" if p.hr is not None else "")
            + "</trkpt>" for p in chunk) + "</trkseg>")
    kind_tag = f"<type>{kind}</type>" if kind is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<metadata><time>{_iso(points[0].moment) if points else ''}</time></metadata>"
        f"<trk><name>Morning run</name>{kind_tag}{''.join(parts)}</trk></gpx>\n"
    ).encode()


def tcx(points: Sequence[Sample], sport: str = "Running", distances: bool = True,
        positions: bool = True, lap_seconds: float | None | str = "elapsed") -> bytes:
    """A TCX activity with one lap, as Garmin Connect writes it; the lap's timer time is
    ``lap_seconds`` (the elapsed time by default, none when None)."""
    body = []
    for p in points:
        position = (f"<Position><LatitudeDegrees>{p.lat:.7f}</LatitudeDegrees>"
                    f"<LongitudeDegrees>{p.lon:.7f}</LongitudeDegrees></Position>"
                    if positions else "")
        body.append(
            f"<Trackpoint><Time>{_iso(p.moment)}</Time>{position}"
            + (f"<AltitudeMeters>{p.ele:.2f}</AltitudeMeters>" if p.ele is not None else "")
            + (f"<DistanceMeters>{p.distance:.2f}</DistanceMeters>" if distances else "")
            + (f"<HeartRateBpm><Value>{p.hr}</Value></HeartRateBpm>" if p.hr else "")
            + "</Trackpoint>")
    first = _iso(points[0].moment)
    seconds = (points[-1].moment - points[0].moment).total_seconds()
    timer = "" if lap_seconds is None else (
        f"<TotalTimeSeconds>{seconds if lap_seconds == 'elapsed' else lap_seconds:.1f}"
        "</TotalTimeSeconds>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="{sport}"><Id>{first}</Id><Lap StartTime="{first}">'
        f"{timer}<DistanceMeters>{points[-1].distance:.1f}</DistanceMeters>"
        f"<Track>{''.join(body)}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>\n"
    ).encode()


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def fit(
    start: datetime = START, timer: float = 3000.0, elapsed: float | None = None,
    distance: float | None = 10000.0, ascent: int | None = 120, descent: int | None = 115,
    sport: str = "RUNNING", sub_sport: str | None = "STREET", hr: int | None = 152,
    rpe: int | None = 60, feel: int | None = 75, records: Sequence[Sample] = (),
    session: bool = True, file_type: str = "ACTIVITY", serial: int = 1,
    more: Sequence[tuple[str, datetime, float, float | None]] = (),
) -> bytes:
    """A FIT activity file with a session message (``sport``/``sub_sport`` name fit-tool's
    enums) and, if given, one record message per sample; ``more`` adds sessions after it
    (sport, start, timer, distance), as a multisport file or two runs in one file have."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.event_message import EventMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import (
        Event,
        EventType,
        FileType,
        Manufacturer,
        Sport,
        SubSport,
    )

    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType[file_type]
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 0
    file_id.time_created = _ms(start)
    file_id.serial_number = serial
    builder.add(file_id)
    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = EventType.START
    event.timestamp = _ms(start)
    builder.add(event)
    for sample in records:
        record = RecordMessage()
        record.timestamp = _ms(sample.moment)
        record.position_lat = sample.lat
        record.position_long = sample.lon
        record.distance = sample.distance
        if sample.ele is not None:
            record.altitude = sample.ele
        if sample.hr is not None:
            record.heart_rate = sample.hr
        builder.add(record)
    end = start + timedelta(seconds=elapsed if elapsed is not None else timer)
    if session:
        message: Any = SessionMessage()
        message.timestamp = _ms(end)
        message.start_time = _ms(start)
        message.total_timer_time = timer
        message.total_elapsed_time = elapsed if elapsed is not None else timer
        values = {"total_distance": distance, "total_ascent": ascent,
                  "total_descent": descent, "avg_heart_rate": hr, "workout_rpe": rpe,
                  "workout_feel": feel}
        for name, value in values.items():
            if value is not None:
                setattr(message, name, value)
        message.sport = Sport[sport]
        if sub_sport is not None:
            message.sub_sport = SubSport[sub_sport]
        builder.add(message)
    for leg_sport, leg_start, leg_timer, leg_distance in more:
        leg: Any = SessionMessage()
        leg.timestamp = _ms(leg_start + timedelta(seconds=leg_timer))
        leg.start_time = _ms(leg_start)
        leg.total_timer_time = leg_timer
        leg.total_elapsed_time = leg_timer
        if leg_distance is not None:
            leg.total_distance = leg_distance
        leg.sport = Sport[leg_sport]
        builder.add(leg)
    data: bytes = builder.build().to_bytes()
    return data


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


STRAVA_HEADER = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Average Heart Rate",
    "Perceived Exertion",
)


def strava_date(moment: datetime) -> str:
    """Strava's export date format: ``Jan 1, 2024, 10:00:00 AM`` (UTC)."""
    hour = moment.hour % 12 or 12
    noon = "AM" if moment.hour < 12 else "PM"
    return f"{moment:%b} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} {noon}"


def strava_row(
    activity_id: int, start: datetime, kind: str = "Run", elapsed: int = 3100,
    moving: float = 3000.0, metres: float = 10000.0, gain: float | None = 120.0,
    loss: float | None = 118.0, gear: str = "Pegasus 40", filename: str = "",
    exertion: float | None = 7.0, hr: float | None = 151.0,
) -> list[str]:
    def cell(value: float | None) -> str:
        return "" if value is None else str(value)

    return [
        str(activity_id), strava_date(start), "Morning Run", kind, "", str(elapsed),
        f"{metres / 1000:.2f}", "171", "40", "false", "", gear, filename, "", "",
        f"{float(elapsed):.1f}", cell(moving), cell(metres), "4.1", "3.3", cell(gain),
        cell(loss), "90", "160", cell(hr), cell(exertion),
    ]


def strava_csv(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()
