"""FIT activity files (Garmin, Coros, Suunto, Wahoo…), read with fitdecode.

The session message holds what a watch measured: start, timer time, distance, ascent,
descent, sport and sub-sport, average heart rate, and the runner's own rating where the
watch asks for one (``workout_rpe`` is CR10 × 10, ``workout_feel`` 0–100). Every checksum is
checked: a FIT file that was cut short or changed on the way is refused rather than half
believed. A file without a session (a recording the watch never closed) is summed up from
its records instead, in a second pass, so the usual file is read once.
"""

from __future__ import annotations

import io
import warnings
from datetime import UTC, datetime
from typing import Any, Final

from coach.runs import track
from coach.runs.model import ActivityError, Run, effort_from_rpe, finite, sport_of, surface_of

MAX_FRAMES: Final = 2_000_000
"""Messages in one file: a week at one record a second is 600,000; far more is not a
watch's recording, and reading it would take minutes."""
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


def read(data: bytes) -> Run:
    """The activity in a FIT file; raises :class:`ActivityError` with one line."""
    if not is_fit(data):
        raise ActivityError("is not a FIT file (it does not start with a FIT header)")
    import fitdecode

    sessions: list[dict[str, Any]] = []
    sport: dict[str, Any] = {}
    kind: Any = None
    frames = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = fitdecode.FitReader(
                io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                error_handling=fitdecode.ErrorHandling.IGNORE,
            )
            complete = False
            try:
                for frame in reader:
                    frames += 1
                    if frames > MAX_FRAMES:
                        raise ActivityError(f"holds more than {MAX_FRAMES:,} messages; not "
                                            "a watch's activity file")
                    if frame.frame_type == fitdecode.FIT_FRAME_CRC:
                        complete = True
                    elif frame.frame_type == fitdecode.FIT_FRAME_DATA:
                        number = frame.global_mesg_num
                        if number == SESSION:
                            sessions.append(_values(frame, SESSION_FIELDS))
                        elif number == FILE_ID and kind is None:
                            kind = frame.get_value("type", fallback=None)
                        elif number == SPORT and not sport:
                            sport = _values(frame, ("sport", "sub_sport"))
            except fitdecode.FitHeaderError:
                if not complete:
                    raise
                # Bytes after a complete FIT file that are not another one: the activity
                # itself was whole and checked.
    except ActivityError:
        raise
    except fitdecode.FitCRCError:
        raise ActivityError("is damaged: its checksum does not match (a corrupt or altered "
                            "copy)") from None
    except fitdecode.FitEOFError:
        raise ActivityError("is cut short: it ends before the end its header announces "
                            "(an unfinished copy?)") from None
    except fitdecode.FitHeaderError as error:
        raise ActivityError(f"has a damaged FIT header ({_short(error)})") from None
    except fitdecode.FitParseError as error:
        raise ActivityError(f"is damaged: {_short(error)}") from None
    except Exception:  # a hostile file can upset the decoder in any way
        raise ActivityError("is damaged: its messages cannot be decoded (a corrupt or "
                            "altered copy?)") from None
    if kind is not None and kind != "activity":
        raise ActivityError(f"is a FIT {_short(kind)} file, not a recorded activity")
    if sessions:
        return _from_session(_chosen(sessions), sport)
    return _from_records(data, sport)


def _short(value: object) -> str:
    from coach.text import one_line

    text = one_line(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _values(frame: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: frame.get_value(name, fallback=None) for name in names}


def _chosen(sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """The session to import: the first run of a multisport file, else the first."""
    for session in sessions:
        if sport_of(_name(session.get("sport"))) == "running":
            return session
    return sessions[0]


def _name(value: Any) -> str | None:
    """A FIT enum value as fitdecode names it; an unknown number is no known sport."""
    if value is None:
        return None
    return value if isinstance(value, str) else "other"


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return None


def _from_session(session: dict[str, Any], sport: dict[str, Any]) -> Run:
    start = _moment(session["start_time"]) or _moment(session["timestamp"])
    if start is None:
        raise ActivityError("has no start time in its session")
    timer = finite(session["total_timer_time"])
    elapsed = finite(session["total_elapsed_time"])
    seconds = timer if timer else elapsed
    if not seconds:
        raise ActivityError("has no time in its session")
    sport_name = _name(session["sport"]) or _name(sport.get("sport"))
    sub_sport = _name(session["sub_sport"]) or _name(sport.get("sub_sport"))
    return Run(
        start=start, seconds=seconds, elapsed_seconds=elapsed or seconds,
        sport=sport_of(sport_name), source="fit", sub_sport=sub_sport,
        distance_m=finite(session["total_distance"]), ascent_m=finite(session["total_ascent"]),
        descent_m=finite(session["total_descent"]), surface=surface_of(sub_sport),
        effort=effort_from_rpe(session["workout_rpe"]),
        feel=_feel(session["workout_feel"]), average_hr=finite(session["avg_heart_rate"]),
    )


def _feel(value: Any) -> int | None:
    number = finite(value)
    return int(number) if number is not None and 0 <= number <= 100 else None


def _from_records(data: bytes, sport: dict[str, Any]) -> Run:
    """Sum up a file with records but no session (read a second time: such files are rare)."""
    import fitdecode

    points: list[track.Point] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            for frame in fitdecode.FitReader(io.BytesIO(data),
                                              check_crc=fitdecode.CrcCheck.DISABLED,
                                              error_handling=fitdecode.ErrorHandling.IGNORE):
                if (frame.frame_type == fitdecode.FIT_FRAME_DATA
                        and frame.global_mesg_num == RECORD):
                    point = _point(frame)
                    if point is not None:
                        points.append(point)
        except Exception:
            pass  # trailing bytes after a checked file: the records before them stand
    if not points:
        raise ActivityError("holds no session and no records: no activity in it")
    points.sort(key=lambda point: point.seconds)
    summary = track.summarise([points])
    if summary.elapsed <= 0:
        raise ActivityError("has records at one moment only: no activity in it")
    sport_name, sub_sport = _name(sport.get("sport")), _name(sport.get("sub_sport"))
    return Run(
        start=datetime.fromtimestamp(summary.start, UTC), seconds=summary.moving or
        summary.elapsed, elapsed_seconds=summary.elapsed, sport=sport_of(sport_name),
        source="fit", sub_sport=sub_sport, distance_m=summary.distance,
        ascent_m=summary.ascent, descent_m=summary.descent, surface=surface_of(sub_sport),
        average_hr=summary.average_hr,
    )


def _point(frame: Any) -> track.Point | None:
    moment = _moment(frame.get_value("timestamp", fallback=None))
    if moment is None:
        return None
    lat = finite(frame.get_value("position_lat", fallback=None))
    lon = finite(frame.get_value("position_long", fallback=None))
    height = finite(frame.get_value("enhanced_altitude", fallback=None))
    if height is None:
        height = finite(frame.get_value("altitude", fallback=None))
    return track.make_point(
        moment.timestamp(), None if lat is None else lat * SEMICIRCLE,
        None if lon is None else lon * SEMICIRCLE, height,
        finite(frame.get_value("distance", fallback=None)),
        finite(frame.get_value("heart_rate", fallback=None)),
    )
