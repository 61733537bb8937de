"""Durations as runners write them: amounts, ranges and open steps."""

from __future__ import annotations

import pytest

from coach.routine.durations import (
    MAX_STEP_SECONDS,
    DurationError,
    StepTime,
    format_clock,
    format_seconds,
    parse_seconds,
    parse_step_time,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("2m", 120), ("1m30s", 90), ("1h", 3600), ("1h2m3s", 3723), ("0s", 0),
     ("90s", 90), ("1m 30s", 90), (" 2m ", 120)],
)
def test_parse_seconds(text: str, seconds: int) -> None:
    assert parse_seconds(text) == seconds


@pytest.mark.parametrize("text", ["30", "", "m", "1.5m", "2 minutes", "-5s", "1d", "s30"])
def test_parse_seconds_rejects_text_without_units(text: str) -> None:
    with pytest.raises(DurationError, match=r'e\.g\. "45s", "2m" or "1m30s"'):
        parse_seconds(text)


def test_parse_seconds_rejects_a_repeated_unit() -> None:
    with pytest.raises(DurationError, match='names "m" twice'):
        parse_seconds("1m2m")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45s", StepTime(45, 45)),
        ("2m", StepTime(120, 120)),
        ("1m30s", StepTime(90, 90)),
        ("5m..10m", StepTime(300, 600)),
        ("30s..1m", StepTime(30, 60)),
        ("open", StepTime(0, None)),
        ("Open", StepTime(0, None)),
        ("2M", StepTime(120, 120)),
        ("2h", StepTime(7200, 7200)),
    ],
)
def test_parse_step_time(text: str, expected: StepTime) -> None:
    assert parse_step_time(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0s", "is zero"),
        ("2h1s", "longer than the 2h"),
        ("1m..3h", "longer than the 2h"),
        ("10m..5m", "must end after it starts"),
        ("5m..5m", "must end after it starts"),
        ("0s..5m", "must start above zero"),
        ("5m..", "is not a duration"),
        ("..5m", "is not a duration"),
        ("5m...10m", "is not a duration"),
        ("never", "is not a duration"),
    ],
)
def test_parse_step_time_rejects(text: str, message: str) -> None:
    with pytest.raises(DurationError, match=message):
        parse_step_time(text)


def test_limit_is_two_hours() -> None:
    assert MAX_STEP_SECONDS == 7200


@pytest.mark.parametrize(
    ("time", "fixed", "flexible", "open_"),
    [(StepTime(30, 30), True, False, False), (StepTime(300, 600), False, True, False),
     (StepTime(0, None), False, False, True)],
)
def test_step_time_kinds(time: StepTime, fixed: bool, flexible: bool, open_: bool) -> None:
    assert (time.is_fixed, time.is_flexible, time.is_open) == (fixed, flexible, open_)


@pytest.mark.parametrize("text", ["45s", "2m", "1m30s", "5m..10m", "open", "1h30m", "30s..1m"])
def test_text_round_trips(text: str) -> None:
    assert parse_step_time(text).text() == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (59, "59s"), (60, "1m"), (90, "1m30s"), (3600, "1h"),
                          (3661, "1h1m1s"), (7200, "2h")],
)
def test_format_seconds(seconds: int, text: str) -> None:
    assert format_seconds(seconds) == text
    assert parse_seconds(text) == seconds


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (5, "0:05"), (65.9, "1:05"), (600, "10:00"),
                          (3725, "1:02:05"), (-3, "0:00")],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text
