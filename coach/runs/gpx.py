"""GPX tracks (phones, Strava, most watches' exports), read with gpxpy.

The XML itself is parsed by :mod:`coach.runs.xmlsafe` (no DTDs or entities, bounded depth)
and handed to gpxpy's field mapping as an element tree: gpxpy's own text-level parsing runs
regular expressions over the whole file, which a crafted file can make take hours. Time is
moving time (pauses removed) and climbing comes from smoothed heights (:mod:`track`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from coach.runs import track, xmlsafe
from coach.runs.model import ActivityError, Run, sport_of, surface_of

NAMESPACES: Final = ("http://www.topografix.com/GPX/1/1", "http://www.topografix.com/GPX/1/0")
MAX_POINTS: Final = 1_500_000


def read(data: bytes) -> Run:
    """The activity in a GPX file; raises :class:`ActivityError` with one line."""
    try:
        root = xmlsafe.tree(data, NAMESPACES)
    except xmlsafe.XmlProblem as problem:
        raise ActivityError(str(problem)) from None
    if root.tag != "gpx":
        raise ActivityError(f"is XML but not GPX (its root element is <{_short(root.tag)}>)")
    import gpxpy.gpx
    import gpxpy.gpxfield

    try:
        document: Any = gpxpy.gpxfield.gpx_fields_from_xml(
            gpxpy.gpx.GPX(), root, root.get("version") or "1.0"  # type: ignore[arg-type]
        )
    except Exception as error:  # gpxpy raises many kinds on odd values
        raise ActivityError(f"is not a readable GPX file ({_short(error)})") from None
    return _run(document)


def _short(value: object) -> str:
    from coach.text import one_line

    text = one_line(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _run(document: Any) -> Run:
    tracks = list(document.tracks)
    segments: list[list[track.Point]] = []
    count = 0
    untimed = 0
    for item in tracks:
        for segment in item.segments:
            points = []
            for raw in segment.points:
                count += 1
                if count > MAX_POINTS:
                    raise ActivityError(f"has more than {MAX_POINTS:,} track points; not one "
                                        "activity")
                point = _point(raw)
                if point is None:
                    untimed += 1
                else:
                    points.append(point)
            if points:
                points.sort(key=lambda point: point.seconds)
                segments.append(points)
    if not count:
        raise ActivityError("has no track points (only a route or waypoints?): no activity "
                            "to import")
    if not segments:
        raise ActivityError("has track points without times: coach cannot tell when or for "
                            "how long it was run")
    segments.sort(key=lambda segment: segment[0].seconds)
    summary = track.summarise(segments)
    if summary.elapsed <= 0:
        raise ActivityError("has all its track points at one moment: no activity in it")
    kind = next((item.type for item in tracks if item.type), None)
    return Run(
        start=datetime.fromtimestamp(summary.start, UTC),
        seconds=summary.moving or summary.elapsed, elapsed_seconds=summary.elapsed,
        sport=sport_of(kind), source="gpx", distance_m=summary.distance,
        ascent_m=summary.ascent, descent_m=summary.descent, surface=surface_of(kind),
        average_hr=summary.average_hr,
    )


def _point(raw: Any) -> track.Point | None:
    moment = raw.time
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        seconds = moment.timestamp()
    except (OverflowError, ValueError, OSError):
        return None
    return track.make_point(seconds, _number(raw.latitude), _number(raw.longitude),
                            _number(raw.elevation), None, _heart_rate(raw.extensions))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _heart_rate(extensions: Any) -> float | None:
    """Garmin's TrackPointExtension ``hr`` (or any extension element named ``hr``)."""
    for element in extensions or ():
        for child in element.iter():
            if isinstance(child.tag, str) and child.tag.rpartition("}")[2].lower() == "hr":
                try:
                    return float(child.text or "")
                except ValueError:
                    return None
    return None
