"""What the check-ins ask and when, without a screen: the form after a routine starts from
the watch's run, the next-day question comes a day after an after-run routine (and only
then), and a rating with no experiment running gets no experiment note."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.session import checkins
from coach.soreness.checkin import Rating
from coach.store import Store
from tests.support import seed
from tests.support.seed import cool_down_timeline

NOW = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: NOW) as opened:
        yield opened


def after_run_session(store: Store, began: datetime) -> str:
    timeline = cool_down_timeline()
    session_id = store.start_session(timeline, "after", started_at=began)
    for step in timeline.steps:
        store.record_step(session_id, step, "done", 30, 30, began + timedelta(minutes=1))
    store.end_session(session_id, "completed", 240, ended_at=began + timedelta(minutes=5))
    return session_id


def test_after_a_routine_the_form_starts_from_the_watchs_run(store: Store) -> None:
    seed.add_run(store, NOW - timedelta(minutes=52), 40.4, effort=6.6)
    session_id = after_run_session(store, NOW - timedelta(minutes=10))
    question = checkins.after_routine(store, session_id, "Easy cool-down")
    assert question.initial == Rating(0, {}, 7, 40)
    assert question.ask_run
    assert "Easy cool-down" in question.intro and "come from your run" in question.intro


def test_without_a_run_the_form_starts_empty(store: Store) -> None:
    session_id = after_run_session(store, NOW - timedelta(minutes=10))
    assert checkins.after_routine(store, session_id, "Easy cool-down").initial is None


def test_the_next_day_question_is_due_a_day_after_only(store: Store) -> None:
    assert checkins.next_day_due(store, NOW) is None
    session_id = after_run_session(store, NOW - timedelta(hours=24))
    due = checkins.next_day_due(store, NOW)
    assert due is not None and due.session is not None
    assert (due.session.id, due.experiment, due.run_at) == (session_id, False, None)
    question = checkins.next_day_of(due.session)
    assert not question.ask_run and "The day after" in question.intro
    store.dismiss_follow_up(session_id, NOW)
    assert checkins.next_day_due(store, NOW) is None


def test_no_experiment_means_no_note_and_nothing_due(store: Store) -> None:
    assert checkins.experiment_note(store, NOW) is None
    assert checkins.standalone_due(store, NOW) is None
