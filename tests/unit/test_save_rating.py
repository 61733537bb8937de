"""One way to save a rating: from a check-in, ``coach log`` or an edit in the history, the
entry keeps the tips it got (the "why" view explains them), and an edit says when it adds a
warning sign, which is when its advice must be shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.soreness.checkin import Rating, save_rating
from coach.store import Store
from tests.support.seed import cool_down_timeline

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: NOW) as opened:
        yield opened


def test_a_rating_added_from_the_history_keeps_its_tips(store: Store) -> None:
    session_id = store.start_session(cool_down_timeline(), "after", NOW - timedelta(minutes=20))
    saved = save_rating(store, Rating(6, {"calves": 7}), "after", NOW, session_id)
    entry = store.get_soreness(saved.entry_id)
    assert entry.advice == tuple(saved.advice.ids)
    assert entry.advice  # a sore calf after a run gets tips
    assert entry.session_id == session_id


def test_an_edit_keeps_the_tips_of_the_rating_as_it_now_stands(store: Store) -> None:
    first = save_rating(store, Rating(1, {}), "standalone", NOW)
    entry = store.get_soreness(first.entry_id)
    edited = save_rating(store, Rating(7, {"calves": 8}), "standalone", LATER, entry=entry)
    changed = store.get_soreness(first.entry_id)
    assert edited.entry_id == first.entry_id
    assert changed.overall == 7
    assert changed.advice == tuple(edited.advice.ids) != tuple(first.advice.ids)


def test_an_edit_of_a_next_day_rating_keeps_the_run_it_never_asked(store: Store) -> None:
    first = save_rating(store, Rating(3, {}, effort=7, run_minutes=40.0), "next day", NOW)
    entry = store.get_soreness(first.entry_id)
    save_rating(store, Rating(2, {}), "next day", LATER, entry=entry)
    changed = store.get_soreness(first.entry_id)
    assert (changed.overall, changed.effort, changed.run_minutes) == (2, 7, 40.0)
    assert changed.timing == "next day"


def test_an_edit_says_when_it_adds_a_warning_sign(store: Store) -> None:
    first = save_rating(store, Rating(4, {}), "standalone", NOW)
    assert not first.new_signs
    entry = store.get_soreness(first.entry_id)
    same = save_rating(store, Rating(5, {}), "standalone", LATER, entry=entry)
    assert not same.new_signs
    entry = store.get_soreness(first.entry_id)
    sign = save_rating(store, Rating(5, {}, flags=("calf-swollen-warm",)), "standalone", LATER,
                       entry=entry)
    assert sign.new_signs
    assert sign.advice.ids[0] != same.advice.ids[0]  # the specialist message comes first
