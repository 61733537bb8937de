"""Local days, weekly trends, load and streaks, on small hand-made histories with known answers.

Berlin is the zone of choice: its clocks jump forward on 2026-03-29 (01:00 UTC) and back on
2026-10-25 (01:00 UTC), so a bucket that only adds a fixed offset gets days and weeks wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.insights import (
    History,
    LoadPoint,
    LoadTrend,
    SessionFact,
    SorenessPoint,
    load_jump,
    load_trend,
    local_date,
    local_midnight,
    streaks,
    week_start,
    weekly,
    weeks_up_to,
)
from coach.insights.trends import load_words

BERLIN = ZoneInfo("Europe/Berlin")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def session(at: str, phase: str | None = "after", minutes: float = 10.0,
            active: bool = True) -> SessionFact:
    return SessionFact(utc(at), phase, minutes, active)  # type: ignore[arg-type]


def loads(*points: tuple[str, float]) -> History:
    return History(loads=tuple(LoadPoint(utc(at), load) for at, load in points))


# ------------------------------------------------------------------ days and weeks


@pytest.mark.parametrize(
    ("moment", "berlin", "utc_day"),
    [
        ("2026-03-28T23:30:00", date(2026, 3, 29), date(2026, 3, 28)),  # 00:30 CET
        ("2026-03-29T22:30:00", date(2026, 3, 30), date(2026, 3, 29)),  # 00:30 CEST
        ("2026-03-29T21:30:00", date(2026, 3, 29), date(2026, 3, 29)),  # 23:30 CEST
        ("2026-10-24T22:30:00", date(2026, 10, 25), date(2026, 10, 24)),  # 00:30 CEST
        ("2026-10-25T22:30:00", date(2026, 10, 25), date(2026, 10, 25)),  # 23:30 CET
        ("2026-10-25T23:30:00", date(2026, 10, 26), date(2026, 10, 25)),  # 00:30 CET
    ],
)
def test_local_date_follows_the_zone_and_its_dst_rules(
    moment: str, berlin: date, utc_day: date
) -> None:
    assert local_date(utc(moment), BERLIN) == berlin
    assert local_date(utc(moment), UTC) == utc_day


def test_local_date_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        local_date(datetime(2026, 3, 29, 12), BERLIN)


def test_local_midnight_is_the_first_instant_of_the_day_also_around_dst() -> None:
    assert local_midnight(date(2026, 3, 29), BERLIN) == utc("2026-03-28T23:00:00")
    assert local_midnight(date(2026, 3, 30), BERLIN) == utc("2026-03-29T22:00:00")
    assert local_midnight(date(2026, 10, 25), BERLIN) == utc("2026-10-24T22:00:00")
    assert local_midnight(date(2026, 10, 26), BERLIN) == utc("2026-10-25T23:00:00")
    # The days of the changes are 23 and 25 hours long.

    def hours(day: date) -> timedelta:
        start = local_midnight(day, BERLIN).astimezone(UTC)
        return local_midnight(day + timedelta(days=1), BERLIN).astimezone(UTC) - start

    assert (hours(date(2026, 3, 29)), hours(date(2026, 10, 25))) == (
        timedelta(hours=23), timedelta(hours=25)
    )


def test_weeks_start_on_monday_and_end_with_todays_week() -> None:
    assert week_start(date(2026, 3, 29)) == date(2026, 3, 23)  # a Sunday
    assert week_start(date(2026, 3, 30)) == date(2026, 3, 30)  # a Monday
    assert weeks_up_to(date(2026, 4, 1), 3) == [
        date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)
    ]


# ------------------------------------------------------------------ weekly trends


def test_weekly_puts_a_late_sunday_session_in_the_runners_week() -> None:
    # 22:30 UTC on Sunday 29 March is 00:30 on Monday in Berlin (summer time began that day).
    history = History(sessions=(session("2026-03-29T22:30:00", minutes=12),))
    berlin = weekly(history, date(2026, 4, 1), 2, BERLIN)
    in_utc = weekly(history, date(2026, 4, 1), 2, UTC)
    assert [(w.start, w.sessions, w.cool_down_minutes) for w in berlin] == [
        (date(2026, 3, 23), 0, 0.0), (date(2026, 3, 30), 1, 12.0)
    ]
    assert [(w.start, w.sessions) for w in in_utc] == [
        (date(2026, 3, 23), 1), (date(2026, 3, 30), 0)
    ]


def test_weekly_autumn_change_keeps_a_sunday_late_evening_in_its_week() -> None:
    # 22:30 UTC on Sunday 25 October is 23:30 CET: still Sunday (it would be Monday at +2).
    history = History(sessions=(session("2026-10-25T22:30:00"),))
    weeks = weekly(history, date(2026, 10, 28), 2, BERLIN)
    assert [(w.start, w.sessions) for w in weeks] == [
        (date(2026, 10, 19), 1), (date(2026, 10, 26), 0)
    ]


def test_weekly_minutes_by_phase_with_gaps_kept_and_out_of_range_left_out() -> None:
    history = History(sessions=(
        session("2026-02-02T08:00:00", "before", 99),  # before the first week shown
        session("2026-03-02T08:00:00", "before", 6.5),
        session("2026-03-02T09:10:00", "after", 9.0),
        session("2026-03-04T18:00:00", None, 20.0),  # mixed: counted, in neither bar
        session("2026-03-18T08:00:00", "after", 7.0),
        session("2026-03-26T08:00:00", "after", 5.0),  # after today
    ))
    weeks = weekly(history, date(2026, 3, 20), 3, UTC)
    assert [w.start for w in weeks] == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert [(w.sessions, w.warm_up_minutes, w.cool_down_minutes) for w in weeks] == [
        (3, 6.5, 9.0), (0, 0.0, 0.0), (1, 0.0, 7.0)
    ]


def test_weekly_soreness_means_by_timing_and_load_sums() -> None:
    history = History(
        soreness=(
            SorenessPoint(utc("2026-03-02T10:00:00"), "after", 2),
            SorenessPoint(utc("2026-03-03T10:00:00"), "standalone", 5),
            SorenessPoint(utc("2026-03-03T11:00:00"), "next day", 4),
            SorenessPoint(utc("2026-03-10T10:00:00"), "next day", 1),
            SorenessPoint(utc("2026-03-11T10:00:00"), "next day", 2),
        ),
        loads=(LoadPoint(utc("2026-03-02T09:00:00"), 200.0),
               LoadPoint(utc("2026-03-08T09:00:00"), 150.0)),
    )
    first, second = weekly(history, date(2026, 3, 12), 2, UTC)
    assert (first.after_mean, first.after_n, first.next_day_mean, first.next_day_n) == (
        3.5, 2, 4.0, 1
    )
    assert (second.after_mean, second.after_n, second.next_day_mean, second.next_day_n) == (
        None, 0, 1.5, 2
    )
    assert (first.load, second.load) == (350.0, 0.0)


# ------------------------------------------------------------------ load


def test_load_trend_acute_chronic_and_ratio() -> None:
    # 100 a day for 28 days ending today, plus 700 more today: acute 1400, chronic 3500 / 4.
    points = [(f"2026-03-{day:02d}T08:00:00", 100.0) for day in range(4, 32)]
    history = loads(*points, ("2026-03-31T18:00:00", 700.0))
    trend = load_trend(history, date(2026, 3, 31), UTC, days=3)
    assert trend.acute == pytest.approx(1400.0)
    assert trend.chronic == pytest.approx(875.0)
    assert trend.ratio == pytest.approx(1.6)
    assert trend.direction == "building"
    assert len(trend.series) == 3
    assert trend.series[-1] == trend.ratio
    # Two days ago (29th): 26 days of 100 in its 28 (2–29 March), 7 of them in its week.
    assert trend.series[0] == pytest.approx(700.0 / (2600.0 / 4))


@pytest.mark.parametrize(
    ("ratio", "word"),
    [(1.1, "building"), (1.09, "steady"), (1.0, "steady"), (0.91, "steady"), (0.9, "easing")],
)
def test_load_direction_is_a_word_for_the_trend_not_a_verdict(ratio: float, word: str) -> None:
    assert LoadTrend(acute=0, chronic=0, ratio=ratio, series=()).direction == word


def test_load_trend_without_recent_load_has_no_ratio() -> None:
    trend = load_trend(loads(("2026-01-01T08:00:00", 300.0)), date(2026, 3, 31), UTC, days=5)
    assert (trend.acute, trend.chronic, trend.ratio) == (0.0, 0.0, None)
    assert trend.direction == "no recent load"
    assert trend.series == (None,) * 5


def test_acute_window_is_seven_local_days_not_168_hours() -> None:
    # Today is Tuesday 31 March in Berlin; the 7 local days are 25–31 March. A run at 23:30
    # on the 24th is less than 7 × 24 h before noon today, but on a day outside the window.
    history = loads(("2026-03-24T22:30:00", 100.0), ("2026-03-24T23:30:00", 50.0))
    assert local_date(utc("2026-03-24T23:30:00"), BERLIN) == date(2026, 3, 25)
    trend = load_trend(history, date(2026, 3, 31), BERLIN, days=1)
    assert trend.acute == 50.0
    assert trend.chronic == pytest.approx(150.0 / 4)


def test_load_jump_is_the_trends_ratio_at_1_3_or_more() -> None:
    today = date(2026, 3, 31)
    # 100 a week on 8, 15 and 22 March; the ratio's 28 days are 4–31 March.
    month = [(f"2026-03-{day:02d}T08:00:00", 100.0) for day in (8, 15, 22)]
    calm = loads(*month, ("2026-03-30T08:00:00", 120.0))  # 120 / (420 / 4) = 1.14
    assert load_jump(calm, today, UTC) is None
    history = loads(*month, ("2026-03-30T08:00:00", 150.0))  # 150 / (450 / 4) = 1.33
    jump = load_jump(history, today, UTC)
    assert jump is not None
    assert (jump.latest, jump.before) == (150.0, 112.5)
    trend = load_trend(history, today, UTC, days=1)
    assert jump.factor == pytest.approx(trend.ratio)  # one ratio everywhere
    assert load_words(trend).startswith(
        "7-day : 28-day load ratio 1.33 (building): last 7 days 150, mean week of the last "
        "28 days 112")


def test_load_jump_needs_a_month_before_to_compare_with() -> None:
    assert load_jump(loads(("2026-03-30T08:00:00", 500.0)), date(2026, 3, 31), UTC) is None
    assert load_jump(History(), date(2026, 3, 31), UTC) is None


def test_runs_without_an_effort_have_no_load_and_are_said_to() -> None:
    from coach.store.facts import RunPoint

    today = date(2026, 3, 31)
    history = History(
        loads=loads(("2026-03-30T08:00:00", 150.0)).loads,
        runs=(RunPoint(utc("2026-03-29T08:00:00"), 40.0),
              RunPoint(utc("2026-03-30T08:00:00"), 30.0, effort=5.0)),
    )
    trend = load_trend(history, today, UTC, days=1)
    assert trend.no_load == 1 and trend.acute == 150.0
    assert load_words(trend).endswith(
        "1 run without an effort has no load and is left out, not counted as 0")


# ------------------------------------------------------------------ streaks


def days_history(*days: str, tz_hour: int = 8) -> History:
    return History(sessions=tuple(session(f"{day}T{tz_hour:02d}:00:00") for day in days))


def test_streaks_count_days_in_a_row_and_weeks_in_a_row() -> None:
    history = days_history("2026-03-02", "2026-03-03", "2026-03-04",  # 3 days
                           "2026-03-10", "2026-03-19", "2026-03-20")
    result = streaks(history, date(2026, 3, 20), UTC)
    assert (result.current_days, result.longest_days) == (2, 3)
    assert result.longest_days_end == date(2026, 3, 4)
    assert (result.current_weeks, result.longest_weeks) == (3, 3)
    assert len(result.days) == 6


def test_a_streak_stays_current_until_today_is_over() -> None:
    history = days_history("2026-03-18", "2026-03-19")
    assert streaks(history, date(2026, 3, 20), UTC).current_days == 2  # today still open
    assert streaks(history, date(2026, 3, 21), UTC).current_days == 0  # a day missed
    # Weeks alike: last week counts while this one is still open.
    assert streaks(history, date(2026, 3, 25), UTC).current_weeks == 1
    assert streaks(history, date(2026, 4, 1), UTC).current_weeks == 0


def test_longest_streak_tie_goes_to_the_later_one() -> None:
    history = days_history("2026-03-01", "2026-03-02", "2026-03-10", "2026-03-11")
    result = streaks(history, date(2026, 3, 20), UTC)
    assert (result.longest_days, result.longest_days_end) == (2, date(2026, 3, 11))


def test_streaks_count_a_day_once_and_skip_sessions_with_nothing_done() -> None:
    history = History(sessions=(
        session("2026-03-18T08:00:00"), session("2026-03-18T19:00:00"),
        session("2026-03-19T08:00:00", active=False),
        session("2026-03-25T08:00:00"),  # after today
    ))
    result = streaks(history, date(2026, 3, 20), UTC)
    assert result.days == frozenset({date(2026, 3, 18)})
    assert (result.current_days, result.longest_days) == (0, 1)


def test_streaks_use_local_days() -> None:
    # 23:30 UTC is already the next day in Berlin: two UTC days in a row become one gap day.
    history = days_history("2026-03-18", "2026-03-19", tz_hour=23)
    assert streaks(history, date(2026, 3, 20), UTC).days == {
        date(2026, 3, 18), date(2026, 3, 19)
    }
    berlin = streaks(history, date(2026, 3, 20), BERLIN)
    assert berlin.days == {date(2026, 3, 19), date(2026, 3, 20)}
    assert berlin.current_days == 2


def test_streak_across_the_spring_change_is_unbroken() -> None:
    # Saturday and Sunday 00:30 local (CET, then CEST) and Monday 00:30 CEST.
    history = History(sessions=(
        session("2026-03-27T23:30:00"), session("2026-03-28T23:30:00"),
        session("2026-03-29T22:30:00"),
    ))
    result = streaks(history, date(2026, 3, 30), BERLIN)
    assert result.days == {date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)}
    assert (result.current_days, result.current_weeks, result.longest_weeks) == (3, 2, 2)


def test_no_history_no_streaks() -> None:
    result = streaks(History(), date(2026, 3, 20), UTC)
    assert (result.current_days, result.longest_days, result.longest_days_end) == (0, 0, None)
    assert (result.current_weeks, result.longest_weeks) == (0, 0)
