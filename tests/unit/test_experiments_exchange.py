"""Experiments in an import file: whatever the file holds there, the answer is an import or
one clear line, and whatever is accepted exports again to the same bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coach.insights import experiment
from coach.store import Store
from coach.store.exchange import ExchangeError, export_json, prepare, write
from tests.support.seed import cool_down_timeline
from tests.unit.test_import_properties import _places, assert_one_clean_line, json_values

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def _base() -> str:
    with Store.memory(clock=lambda: T0) as store:
        started = experiment.start(store, "cool-down", T0, 6, seed=3)
        timeline = cool_down_timeline()
        for day, arm in enumerate(started.schedule[:3]):
            start = T0 + timedelta(days=day, hours=1)
            session = store.start_session(timeline, "after", start)
            store.record_step(session, timeline[0], "done" if arm == "with" else "skipped",
                              30, 30, start + timedelta(minutes=1))
            store.end_session(session, "completed", 60, start + timedelta(minutes=2))
        experiment.status(store, T0 + timedelta(days=4))
        return export_json(store)


BASE = _base()
PLACES = [place for place in _places(json.loads(BASE)) if place[:1] == ("experiments",)][1:]


def _set(document: Any, place: tuple[Any, ...], value: Any) -> None:
    for step in place[:-1]:
        document = document[step]
    document[place[-1]] = value


@given(st.sampled_from(PLACES), json_values)
def test_any_value_in_an_experiment_is_imported_or_refused_in_one_line(
    place: tuple[Any, ...], value: Any
) -> None:
    document = json.loads(BASE)
    _set(document, place, value)
    try:
        prepared = prepare(json.dumps(document), "f.json")
    except ExchangeError as error:
        assert_one_clean_line(error)
        return
    with Store.memory(clock=lambda: T0) as store:
        try:
            write(store, prepared)
        except ExchangeError as error:
            assert_one_clean_line(error)
            return
        text = export_json(store)
    with Store.memory(clock=lambda: T0) as again:
        write(again, prepare(text, "the export"))
        assert export_json(again) == text


def test_the_base_holds_a_running_experiment_with_its_runs() -> None:
    document = json.loads(BASE)
    (item,) = document["experiments"]
    assert item["status"] == "active" and len(item["days"]) == 3
