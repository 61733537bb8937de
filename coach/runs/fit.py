"""FIT activity files (Garmin, Coros, Suunto, Wahoo…), read with fitdecode.

The session message holds what a watch measured: start, timer time, distance, ascent,
descent, sport and sub-sport, average heart rate, and the runner's own rating where the
watch asks for one (``workout_rpe`` is CR10 × 10, ``workout_feel`` 0–100). Every checksum is
checked: a FIT file that was cut short or changed on the way is refused rather than half
believed; when it is a second FIT file written after a whole first one, the first is kept
and the damaged one named. Every session is its own activity (a multisport file's legs, two
runs in one file). A file is decoded once, records included: a session without totals (a
watch that lost its last lap), or a file without a session, is summed from its records.
"""

from __future__ import annotations

import io
import warnings
from datetime import UTC, datetime
from typing import Any, Final

from coach.runs import track
from coach.runs.model import (
    ActivityError,
    Reading,
    Run,
    Work,
    effort_from_rpe,
    finite,
    sport_of,
    surface_of,
)

MAX_FRAMES: Final = 2_000_000
"""Messages in one file: a week at one record a second is 600,000; far more is not a
watch's recording, and reading it would take minutes."""
WORK_STEP: Final = 10_000
"""Messages counted against an archive's work allowance at a time."""
SEMICIRCLE: Final = 180 / 2**31
"""Degrees per FIT position unit."""
SESSION: Final = 18
FILE_ID: Final = 0
SPORT: Final = 12
RECORD: Final = 20
SESSION_FIELDS: Final = (
    "start_time", "timestamp", "total_timer_time", "total_elapsed_time", "total_distance",
    "total_ascent", "total_descent", "sport", "sub_sport", "avg_heart_rate", "workout_rpe",
    "workout_feel",
)


def is_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT"


class _Records:
    """The records' values in compact columns (NaN for none), read in the same pass as the
    sessions, so a file is decoded once; used only where a session lacks its totals."""

    def __init__(self) -> None:
        from array import array

        self.columns = tuple(array("d") for _ in range(6))

    def add(self, point: track.Point) -> None:
        for column, value in zip(self.columns, point, strict=True):
            column.append(_NAN if value is None else value)

    def __len__(self) -> int:
        return len(self.columns[0])

    def tally(self, low: float | None = None, high: float | None = None) -> track.Tally:
        """The records from ``low`` to ``high`` (seconds since the epoch), summed."""
        tally = track.Tally()
        for values in zip(*self.columns, strict=True):
            if (low is not None and values[0] < low) or (high is not None and values[0] > high):
                continue
            when, *rest = values
            tally.add(track.Point(when, *(None if value != value else value for value in rest)))
        return tally


_NAN: Final = float("nan")


class _Decoded:
    """What one pass over a FIT stream (one file, or several written one after another)
    found."""

    def __init__(self) -> None:
        self.sessions: list[dict[str, Any]] = []
        self.sport: dict[str, Any] = {}
        self.kind: Any = None
        self.records = _Records()
        self.files = 0
        """FIT files begun in the stream."""
        self.complete = 0
        """FIT files read to their end with their checksum right."""


def read(data: bytes) -> Run:
    """The activity in a FIT file (its first running session in a multisport one); raises
    :class:`ActivityError` with one line."""
    reading = read_all(data)
    for run in reading.runs:
        if run.sport == "running":
            return run
    return reading.runs[0]


def read_all(data: bytes, work: Work | None = None) -> Reading:
    """Every session in a FIT file (and in FIT files written one after another in it), in
    order, and a line for what could not be read; raises :class:`ActivityError` with one
    line when nothing could. ``work`` counts the messages decoded against an archive's
    allowance (:class:`WorkSpent` when it is spent)."""
    if not is_fit(data):
        raise ActivityError("is not a FIT file (it does not start with a FIT header)")
    found = _Decoded()
    notes: list[str] = []
    damaged: list[str] = []
    try:
        _decode(data, found, work)
    except ActivityError:
        raise
    except Exception as error:  # a hostile file can upset the decoder in any way
        problem = _problem(error)
        if found.complete == 0:
            raise ActivityError(problem) from None
        # Only what the whole, checked files hold: the damaged one's sessions are not
        # to be believed.
        found.sessions = [session for session in found.sessions
                          if session["file"] <= found.complete]
        damaged.append(f"its {_ordinal(found.files)} FIT file (after {found.complete} whole "
                       f"{'one' if found.complete == 1 else 'ones'}) {problem}; that part "
                       "was not read")
    if found.kind is not None and found.kind != "activity":
        raise ActivityError(f"is a FIT {_short(found.kind)} file, not a recorded activity")
    runs: list[Run] = []
    for session in found.sessions:
        if _name(session.get("sport")) == "transition":
            continue  # the change between a multisport event's legs, no activity itself
        try:
            runs.append(_from_session(session, found.sport, found.records))
        except ActivityError as error:
            damaged.append(f"a session {error}")
    if not found.sessions:
        runs.append(_from_records(found.records, found.sport))
    if not runs:
        raise ActivityError(damaged[-1] if damaged else "holds no activity")
    return Reading(tuple(runs), tuple(notes), tuple(damaged))


def _decode(data: bytes, found: _Decoded, work: Work | None) -> None:
    import fitdecode

    frames = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = fitdecode.FitReader(
            io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        )
        try:
            for frame in reader:
                frames += 1
                if work is not None and not frames % WORK_STEP:
                    work.spend(WORK_STEP)
                if frames > MAX_FRAMES:
                    raise ActivityError(f"holds more than {MAX_FRAMES:,} messages; not "
                                        "a watch's activity file")
                kind = frame.frame_type
                if kind == fitdecode.FIT_FRAME_HEADER:
                    found.files += 1
                elif kind == fitdecode.FIT_FRAME_CRC:
                    found.complete += 1
                elif kind == fitdecode.FIT_FRAME_DATA:
                    number = frame.global_mesg_num
                    if number == RECORD:
                        point = _point(frame)
                        if point is not None:
                            found.records.add(point)
                    elif number == SESSION:
                        found.sessions.append({**_values(frame, SESSION_FIELDS),
                                               "file": found.files})
                    elif number == FILE_ID and found.kind is None:
                        found.kind = frame.get_value("type", fallback=None)
                    elif number == SPORT and not found.sport:
                        found.sport = _values(frame, ("sport", "sub_sport"))
        except fitdecode.FitHeaderError:
            if found.complete == 0 or found.files > found.complete:
                raise
            # Bytes after a complete FIT file that are not another one: the activity
            # itself was whole and checked.


def _problem(error: Exception) -> str:
    import fitdecode

    if isinstance(error, fitdecode.FitCRCError):
        return "is damaged: its checksum does not match (a corrupt or altered copy)"
    if isinstance(error, fitdecode.FitEOFError):
        return "is cut short: it ends before the end its header announces (an unfinished copy?)"
    if isinstance(error, fitdecode.FitHeaderError):
        return f"has a damaged FIT header ({_short(error)})"
    if isinstance(error, fitdecode.FitParseError):
        return f"is damaged: {_short(error)}"
    return "is damaged: its messages cannot be decoded (a corrupt or altered copy?)"


def _ordinal(number: int) -> str:
    words = ("first", "second", "third", "fourth", "fifth")
    return words[number - 1] if 0 < number <= len(words) else f"{number}th"


def _short(value: object) -> str:
    from coach.text import one_line

    text = one_line(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _values(frame: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: frame.get_value(name, fallback=None) for name in names}


def _name(value: Any) -> str | None:
    """A FIT enum value as fitdecode names it; an unknown number is no known sport."""
    if value is None:
        return None
    return value if isinstance(value, str) else "other"


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _from_session(session: dict[str, Any], sport: dict[str, Any], records: _Records) -> Run:
    """A session's own totals; a total it lacks (a watch that lost its last lap) is
    worked out from the records within the session's time."""
    start = _moment(session["start_time"]) or _moment(session["timestamp"])
    if start is None:
        raise ActivityError("has no real start time (the watch did not know the date)")
    timer = finite(session["total_timer_time"])
    elapsed = finite(session["total_elapsed_time"])
    distance = finite(session["total_distance"])
    ascent, descent = finite(session["total_ascent"]), finite(session["total_descent"])
    average_hr = finite(session["avg_heart_rate"])
    if not (timer or elapsed) or distance is None:
        end = _moment(session["timestamp"])
        high = (start.timestamp() + elapsed if elapsed else
                end.timestamp() if end is not None and end > start else None)
        summary = records.tally(start.timestamp(), high).summary() if len(records) else None
        if summary is not None and summary.elapsed > 0:
            timer = timer or summary.moving or summary.elapsed
            elapsed = elapsed or summary.elapsed
            distance = distance if distance is not None else summary.distance
            ascent = ascent if ascent is not None else summary.ascent
            descent = descent if descent is not None else summary.descent
            average_hr = average_hr if average_hr is not None else summary.average_hr
    seconds = timer if timer else elapsed
    if not seconds:
        raise ActivityError("has no time, in its totals or its records")
    sport_name = _name(session["sport"]) or _name(sport.get("sport"))
    sub_sport = _name(session["sub_sport"]) or _name(sport.get("sub_sport"))
    return Run(
        start=start, seconds=seconds, elapsed_seconds=elapsed or seconds,
        sport=sport_of(sport_name), source="fit", sub_sport=sub_sport,
        distance_m=distance, ascent_m=ascent, descent_m=descent, surface=surface_of(sub_sport),
        effort=effort_from_rpe(session["workout_rpe"]),
        feel=_feel(session["workout_feel"]), average_hr=average_hr,
    )


def _feel(value: Any) -> int | None:
    number = finite(value)
    return int(number) if number is not None and 0 <= number <= 100 else None


def _from_records(records: _Records, sport: dict[str, Any]) -> Run:
    """A file with records but no session (a recording the watch never closed), summed."""
    if not len(records):
        raise ActivityError("holds no session and no records: no activity in it")
    summary = records.tally().summary()
    if summary is None or summary.elapsed <= 0:
        raise ActivityError("has records at one moment only: no activity in it")
    sport_name, sub_sport = _name(sport.get("sport")), _name(sport.get("sub_sport"))
    return Run(
        start=datetime.fromtimestamp(summary.start, UTC), seconds=summary.moving or
        summary.elapsed, elapsed_seconds=summary.elapsed, sport=sport_of(sport_name),
        source="fit", sub_sport=sub_sport, distance_m=summary.distance,
        ascent_m=summary.ascent, descent_m=summary.descent, surface=surface_of(sub_sport),
        average_hr=summary.average_hr,
    )


_RECORD_FIELDS: Final = frozenset({"timestamp", "position_lat", "position_long",
                                   "enhanced_altitude", "altitude", "distance", "heart_rate"})


def _point(frame: Any) -> track.Point | None:
    """A record's point, its fields looked at in one pass (this runs for every record of
    every file, so it is kept cheap)."""
    values: dict[str, Any] = {}
    for field in frame.fields:
        name = field.name
        if name in _RECORD_FIELDS and name not in values:
            values[name] = field.value
    moment = _moment(values.get("timestamp"))
    if moment is None:
        return None
    lat = finite(values.get("position_lat"))
    lon = finite(values.get("position_long"))
    height = finite(values.get("enhanced_altitude"))
    if height is None:
        height = finite(values.get("altitude"))
    return track.make_point(
        moment.timestamp(), None if lat is None else lat * SEMICIRCLE,
        None if lon is None else lon * SEMICIRCLE, height,
        finite(values.get("distance")), finite(values.get("heart_rate")),
    )
