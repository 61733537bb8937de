"""Advice that knows the watch's runs: a run much longer than the month's imported runs is
a spike, the rated run is never its own baseline, a downhill run puts the quads tip first,
and imported runs never pass for soreness ratings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.soreness.advice import AdviceInput, PastRating, PastRun, advise
from coach.soreness.checkin import Rating, advice_for, save_rating
from coach.store import Store
from tests.support import seed
from tests.support.seed import cool_down_timeline

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: NOW) as opened:
        yield opened


def add_run(store: Store, start: datetime, minutes: float, descent_m: float | None = None,
            effort: float | None = None) -> str:
    """A run of ``minutes`` at 3 m/s (180 m a minute)."""
    return seed.add_run(store, start, minutes, km=minutes * 0.18, descent_m=descent_m,
                        effort=effort)


def cool_down_after(store: Store, minutes: float, descent_m: float | None = None) -> str:
    """A run that ended 10 minutes ago and the cool-down right after it."""
    end = NOW - 10 * MINUTE
    add_run(store, end - minutes * MINUTE, minutes, descent_m)
    session_id = store.start_session(cool_down_timeline(), "after", end + 2 * MINUTE)
    store.end_session(session_id, "completed", 300.0, end + 8 * MINUTE)
    assert store.run_for_session(session_id) is not None
    return session_id


def rating(minutes: float | None = 60, **regions: int) -> Rating:
    return Rating(overall=2, regions=regions, effort=4, run_minutes=minutes)


# ------------------------------------------------------------------ spikes from imported runs


def test_a_run_much_longer_than_the_months_imported_runs_is_a_spike(store: Store) -> None:
    add_run(store, NOW - 10 * DAY, 50)
    session_id = cool_down_after(store, 60)
    advice = advice_for(store, rating(60), NOW, session_id, "after", UTC)
    assert "load-spike" in advice.ids


def test_the_rated_run_is_never_its_own_baseline(store: Store) -> None:
    """Rated with its cool-down, the 60-minute run is left out and 60 minutes after a
    longest of 50 is a spike; rated hours later and on its own, it is just another run of
    the month, and 60 minutes after it is none."""
    add_run(store, NOW - 10 * DAY, 50)
    session_id = cool_down_after(store, 60)
    assert "load-spike" in advice_for(store, rating(60), NOW, session_id, "after").ids
    later = NOW + 3 * timedelta(hours=1)
    assert "load-spike" not in advice_for(store, rating(60), later).ids


def test_a_rating_on_its_own_after_an_imported_run_leaves_that_run_out(store: Store) -> None:
    add_run(store, NOW - 12 * DAY, 50)
    add_run(store, NOW - 90 * MINUTE, 60)  # ended half an hour ago: the run being rated
    assert "load-spike" in advice_for(store, rating(60), NOW, zone=UTC).ids
    assert "load-spike" in save_rating(store, rating(60), "standalone", NOW).advice.ids


def test_imported_runs_older_than_30_days_are_no_baseline(store: Store) -> None:
    add_run(store, NOW - 31 * DAY, 50)
    session_id = cool_down_after(store, 60)
    assert "load-spike" not in advice_for(store, rating(60), NOW, session_id, "after").ids


def test_no_spike_when_an_earlier_imported_run_was_about_as_long(store: Store) -> None:
    add_run(store, NOW - 10 * DAY, 50)
    add_run(store, NOW - 3 * DAY, 56)
    session_id = cool_down_after(store, 60)
    assert "load-spike" not in advice_for(store, rating(60), NOW, session_id, "after").ids


# ------------------------------------------------------------------ a downhill run


def test_a_downhill_run_puts_the_quads_tip_first(store: Store) -> None:
    flat = cool_down_after(store, 40, descent_m=20)
    sore = rating(40, knees=6, quads=4)
    advice = advice_for(store, sore, NOW, flat, "after", UTC)
    assert [tip.id for tip in advice.next_run][:2] == ["knee-steps", "downhill-quads"]
    hilly = Store.memory(clock=lambda: NOW)
    with hilly:
        session_id = cool_down_after(hilly, 40, descent_m=350)
        advice = advice_for(hilly, sore, NOW, session_id, "after", UTC)
    assert [tip.id for tip in advice.next_run][:2] == ["downhill-quads", "knee-steps"]


def test_a_downhill_run_without_sore_quads_says_nothing_of_downhills(store: Store) -> None:
    session_id = cool_down_after(store, 40, descent_m=350)
    advice = advice_for(store, rating(40, knees=6), NOW, session_id, "after", UTC)
    assert "downhill-quads" not in advice.ids


# ------------------------------------------------------------------ runs are not ratings


def test_imported_runs_do_not_pass_for_check_ins() -> None:
    """A first check-in stays the first, and soreness that will not ease after the watch's
    run still goes to a specialist: a run is never a rating."""
    runs = [PastRun(NOW - day * DAY, 40) for day in (1, 2, 4, 6)]
    first = advise(AdviceInput(overall=4, now=NOW, zone=UTC, runs=runs))
    assert first.today[0].id == "first-check-in"
    sore = [PastRating(NOW - day * DAY, 5, {"quads": 6}) for day in (7, 5, 3, 1)]
    still = advise(AdviceInput(overall=5, regions={"quads": 6}, now=NOW, zone=UTC,
                               history=sore, runs=[PastRun(NOW - 8 * DAY, 40)]))
    assert still.specialist is not None and still.specialist.id == "specialist-still-sore"


def test_imported_runs_between_ratings_end_the_spell() -> None:
    """Sore after each of several runs is several normal spells, never one that "has
    stayed": the watch's runs between the ratings end each spell."""
    runs = [PastRun(NOW - day * DAY - 2 * MINUTE * 60, 40) for day in (1, 3, 5, 7)]
    sore = [PastRating(NOW - day * DAY, 5, {"quads": 6}) for day in (7, 5, 3, 1)]
    advice = advise(AdviceInput(overall=5, regions={"quads": 6}, now=NOW, zone=UTC,
                                history=sore, runs=runs))
    assert advice.specialist is None
    assert advice.today[0].id == "normal-soreness"


def test_imported_runs_count_as_days_with_a_run() -> None:
    quiet = (PastRating(NOW - 3 * DAY, 0),)
    runs = [PastRun(NOW - day * DAY, 30) for day in (1, 2, 3)]
    alone = advise(AdviceInput(overall=4, now=NOW, zone=UTC, history=quiet, run_minutes=30))
    assert "rest-day" not in alone.ids
    after_three = advise(AdviceInput(overall=4, now=NOW, zone=UTC, history=quiet,
                                     run_minutes=30, runs=runs))
    assert "rest-day" in after_three.ids


def test_a_run_with_an_impossible_length_is_refused() -> None:
    with pytest.raises(ValueError, match="run minutes"):
        AdviceInput(overall=1, now=NOW, runs=[PastRun(NOW - DAY, float("nan"))])
