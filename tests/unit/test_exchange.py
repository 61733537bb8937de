"""Export and import: lossless, idempotent, merging, and all-or-nothing on bad files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.store import Store
from coach.store.exchange import CSV_COLUMNS, ExchangeError, export_csv, export_json, import_json
from tests.support.seed import cool_down_timeline, seed_sessions, warm_up_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


@pytest.fixture
def open_store(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    opened: list[Store] = []

    def make(name: str) -> Store:
        store = Store.open(tmp_path / f"{name}.db", clock=lambda: T0)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def fill(store: Store, start: datetime = T0) -> list[str]:
    """A varied history: finished, interrupted and running sessions, revisits, soreness."""
    warm, cool = warm_up_timeline(), cool_down_timeline()
    first = store.start_session(warm, "before", start)
    store.record_step(first, warm[0], "done", 120, 120.25, start + timedelta(minutes=2))
    store.record_step(first, warm[1], "skipped", 30, 2, start + timedelta(minutes=3))
    store.record_step(first, warm[1], "extended", 60, 60, start + timedelta(minutes=4))
    store.end_session(first, "completed", 182.25, start + timedelta(minutes=4))
    second = store.start_session(cool, "after", start + timedelta(hours=1))
    store.record_step(second, cool[0], "cut short", 300, 200.5, start + timedelta(hours=1))
    store.end_session(second, "stopped", 200.5, start + timedelta(hours=1, minutes=4))
    store.add_soreness(4, timing="after", session_id=second, regions={"calves": 6},
                       effort=7, run_minutes=52.5, note="Côte raide — «ouch»",
                       advice=["Easy walk tomorrow"], recorded_at=start + timedelta(hours=1))
    store.add_soreness(2, timing="next day", session_id=second,
                       recorded_at=start + timedelta(hours=25))
    store.dismiss_follow_up(first, start + timedelta(hours=20))
    store.add_soreness(1, note="rest day", recorded_at=start + timedelta(days=2))
    third = store.start_session(warm, None, start + timedelta(days=3))  # still running
    return [first, second, third]


def test_export_import_export_gives_the_same_bytes(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    fill(source)
    seed_sessions(source, 40, T0 - timedelta(days=365), rng_seed=3)
    first = export_json(source)
    target = open_store("target")
    result = import_json(target, first)
    assert result.added_sessions == 43
    assert result.skipped_existing == 0
    assert export_json(target) == first


def test_the_export_format(open_store: Callable[[str], Store]) -> None:
    store = open_store("one")
    first, second, third = fill(store)
    document = json.loads(export_json(store))
    assert (document["format"], document["version"]) == ("coach-export", 1)
    assert [s["id"] for s in document["sessions"]] == [first, second, third]
    session = document["sessions"][0]
    assert session["timeline"] == warm_up_timeline().to_dict()
    assert [step["seq"] for step in session["steps"]] == [0, 1, 2]
    assert session["follow_up_dismissed_at"] == "2024-06-02T03:00:00.000Z"
    assert [e["timing"] for e in document["soreness"]] == ["after", "next day", "standalone"]
    assert document["soreness"][0]["regions"] == {"calves": 6}
    assert export_json(open_store("empty")) == (
        '{\n"format": "coach-export",\n"version": 1,\n"sessions": [\n],\n"soreness": [\n]\n}\n'
    )


def test_importing_twice_adds_nothing(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    fill(source)
    text = export_json(source)
    target = open_store("target")
    once = import_json(target, text)
    assert (once.added_sessions, once.added_soreness) == (3, 3)
    again = import_json(target, text)
    assert (again.added_sessions, again.skipped_existing) == (0, 3)
    assert (again.added_soreness, again.updated_soreness, again.skipped_soreness) == (0, 0, 3)
    assert export_json(target) == text
    assert import_json(source, text).added_sessions == 0


def test_two_machines_merge_into_one_history(open_store: Callable[[str], Store]) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    laptop_ids = fill(laptop)
    desktop_ids = fill(desktop, T0 + timedelta(days=10))
    result = import_json(laptop, export_json(desktop))
    assert (result.added_sessions, result.skipped_existing) == (3, 0)
    merged = {s.id for s in laptop.list_sessions(limit=None)}
    assert merged == set(laptop_ids) | set(desktop_ids)
    assert len(laptop.soreness_history()) == 6
    # And back the other way: both machines end up with the same history.
    import_json(desktop, export_json(laptop))
    assert export_json(desktop) == export_json(laptop)


def test_an_entry_edited_later_elsewhere_is_updated(open_store: Callable[[str], Store]) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    fill(laptop)
    import_json(desktop, export_json(laptop))
    entry = laptop.soreness_history(timing="next day")[0]
    laptop.update_soreness(entry.id, overall=6, note="worse", updated_at=T0 + timedelta(days=4))
    result = import_json(desktop, export_json(laptop))
    assert (result.updated_soreness, result.skipped_soreness) == (1, 2)
    assert desktop.get_soreness(entry.id).overall == 6
    # The older copy does not overwrite the newer one.
    stale = import_json(laptop, export_json(desktop))
    assert stale.updated_soreness == 0


def _break(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set the value at a dotted path (``sessions.1.steps.0.outcome``) in a document."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is KeyError:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_break("format", "something-else"), '"format" must be "coach-export"'),
        (_break("version", 2), "newer coach (export version 2, this coach reads 1)"),
        (_break("version", "1"), '"version" must be a whole number'),
        (_break("sessions", {}), '"sessions" must be a list'),
        (_break("sessions.2.status", "finished"), "sessions[2].status: expected one of"),
        (_break("sessions.2.started_at", KeyError), "sessions[2].started_at: missing"),
        (_break("sessions.2.started_at", "yesterday"), "sessions[2].started_at: 'yesterday'"),
        (_break("sessions.2.id", "1234"), "sessions[2].id: '1234' is not a UUID"),
        (_break("sessions.1.steps.0.outcome", "great"), "sessions[1].steps[0].outcome"),
        (_break("sessions.0.steps.1.seq", 0), "sessions[0].steps[1].seq: 0 appears twice"),
        (_break("sessions.0.steps.0.actual_seconds", "2m"), "actual_seconds: expected a number"),
        (_break("sessions.0.timeline.steps.0.time", "soon"), "sessions[0].timeline: not a"),
        (_break("sessions.0.elapsed_seconds", None), "a completed session needs its elapsed"),
        (_break("soreness.0.overall", 11), "soreness[0]: overall soreness must be"),
        (_break("soreness.0.regions", {"elbow": 3}), "unknown region 'elbow'"),
        (_break("soreness.0.session_id", "6f1c8c56-4b1e-4d0e-9f43-3a3f5d7c2b10"),
         "soreness[0].session_id: no session 6f1c8c56"),
        (_break("soreness.2.id", None), "soreness[2].id: expected text"),
    ],
)
def test_a_malformed_file_writes_nothing(
    open_store: Callable[[str], Store], change: Callable[[dict[str, Any]], None], message: str
) -> None:
    source = open_store("source")
    fill(source)
    document = json.loads(export_json(source))
    change(document)
    target = open_store("target")
    seed_sessions(target, 4, T0 - timedelta(days=30), rng_seed=1)
    before = export_json(target)
    with pytest.raises(ExchangeError) as error:
        import_json(target, json.dumps(document), source="old.json")
    text = str(error.value)
    assert message in text
    assert text.startswith("old.json: ") and text.endswith("nothing was imported")
    assert "\n" not in text
    assert export_json(target) == before


def test_duplicate_ids_and_broken_json_are_refused(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    fill(source)
    document = json.loads(export_json(source))
    document["sessions"].append(document["sessions"][0])
    target = open_store("target")
    with pytest.raises(ExchangeError, match=r"sessions\[3\].id: .* appears twice"):
        import_json(target, json.dumps(document))
    with pytest.raises(ExchangeError, match=r"not valid JSON \(line 1, column 2"):
        import_json(target, "{oops")
    with pytest.raises(ExchangeError, match="top level must be an object"):
        import_json(target, "[]")
    assert target.count_sessions() == 0


def test_csv_has_one_row_per_session(open_store: Callable[[str], Store]) -> None:
    store = open_store("one")
    first, second, third = fill(store)
    rows = list(csv.reader(io.StringIO(export_csv(store, tz=UTC))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[-1] for row in rows[1:]] == [first, second, third]  # oldest first
    cool = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert cool == {
        "date": "2024-06-01", "time": "08:00", "routine": "Cool-down",
        "routine_id": "cool-down", "kind": "cool-down", "phase": "after", "status": "stopped",
        "steps_done": "1", "steps_planned": "8", "minutes": "3.3", "soreness_after": "4",
        "soreness_next_day": "2", "effort": "7", "run_minutes": "52.5", "load": "367.5",
        "session_id": second,
    }
    running = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert (running["status"], running["phase"], running["minutes"]) == ("in progress", "", "")
    assert export_csv(open_store("empty")) == ",".join(CSV_COLUMNS) + "\n"
