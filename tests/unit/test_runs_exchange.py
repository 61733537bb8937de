"""Runs and shoes in coach's own export: lossless, idempotent, checked value by value."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.runs.importer import import_paths
from coach.store import Store
from coach.store.runs_exchange import check_runs, runs_to_export, shoes_to_export, write_runs
from coach.store.values import Invalid
from tests.support import activities as a


def exported(store: Store) -> dict[str, Any]:
    with store.snapshot() as conn:
        document = {"runs": runs_to_export(conn), "shoes": shoes_to_export(conn)}
    parsed: dict[str, Any] = json.loads(json.dumps(document))
    return parsed


def imported(store: Store, document: dict[str, Any]) -> tuple[int, int, int]:
    parsed = check_runs(document)
    with store.transaction() as conn:
        return write_runs(conn, parsed, a.START)


@pytest.fixture
def source(tmp_path: Path) -> Store:
    store = Store.memory()
    (tmp_path / "a.fit").write_bytes(a.fit(sub_sport="TRAIL"))
    (tmp_path / "b.gpx").write_bytes(a.gpx(a.samples(start=a.START + timedelta(days=1))))
    import_paths([tmp_path], store)
    first = store.list_runs()[-1]
    store.update_run(first.id, shoe="Pegasus 40", effort=7.5)
    store.set_shoe_retirement("Pegasus 40", 800)
    return store


def test_round_trip_is_lossless_and_idempotent(source: Store, tmp_path: Path) -> None:
    document = exported(source)
    assert len(document["runs"]) == 2
    assert document["shoes"] == [{"name": "Pegasus 40", "retire_km": 800}]
    with Store.memory() as target:
        assert imported(target, document) == (2, 0, 0)
        assert exported(target) == document
        assert target.list_runs() == source.list_runs()
        assert imported(target, document) == (0, 0, 2)
        assert target.count_runs() == 2
        # The watch file itself, imported on the new machine, is known by its key.
        summary = import_paths([tmp_path / "a.fit"], target)
        assert summary.added == [] and summary.already == 1


def test_corrections_made_later_come_across_and_older_ones_do_not(
    source: Store, tmp_path: Path
) -> None:
    with Store.memory() as target:
        # The other machine imported the same watch files, uncorrected.
        import_paths([tmp_path], target)
        before = {run.id: run for run in target.list_runs()}
        assert imported(target, exported(source)) == (0, 1, 1)
        corrected = source.list_runs()[-1]
        mine = target.get_run(corrected.id)
        assert (mine.shoe, mine.effort) == ("Pegasus 40", 7.5)
        assert mine.distance_m == before[corrected.id].distance_m
        # A correction made here later is not undone by the older file.
        target.update_run(corrected.id, effort=3.0, now=datetime.now(UTC) + timedelta(days=1))
        assert imported(target, exported(source)) == (0, 0, 2)
        assert target.get_run(corrected.id).effort == 3.0


def test_older_exports_without_runs_read_as_none() -> None:
    parsed = check_runs({"sessions": [], "soreness": []})
    assert (parsed.runs, parsed.sources, parsed.shoes) == ((), (), ())


@pytest.mark.parametrize(("change", "place"), [
    ({"seconds": -1}, "runs[0].seconds"),
    ({"seconds": 0}, "runs[0].seconds"),
    ({"distance_m": float("inf")}, "runs[0].distance_m"),
    ({"surface": "moon"}, "runs[0].surface"),
    ({"sport": "cycling"}, "runs[0].sport"),
    ({"start": "yesterday"}, "runs[0].start"),
    ({"ended_at": "2000-01-01T00:00:00.000Z"}, "runs[0].ended_at"),
    ({"shoe": "\x1b[2Jevil"}, "runs[0].shoe"),
    ({"id": "not-a-uuid"}, "runs[0].id"),
    ({"sources": ["file:///etc/passwd"]}, "runs[0].sources[0]"),
    ({"effort": 11}, "runs[0].effort"),
    ({"extra": 1}, "runs[0].extra"),
])
def test_wrong_values_name_their_place(source: Store, change: dict[str, Any],
                                       place: str) -> None:
    document = exported(source)
    document["runs"][0].update(change)
    with pytest.raises(Invalid, match=place.replace("[", r"\[").replace("]", r"\]")):
        check_runs(document)


def test_the_same_run_twice_in_one_file_is_refused(source: Store) -> None:
    document = exported(source)
    document["runs"].append(dict(document["runs"][0]))
    with pytest.raises(Invalid, match="appears twice"):
        check_runs(document)


def test_coach_export_and_import_carry_the_runs(source: Store) -> None:
    from coach.store.exchange import export_json, import_json

    text = export_json(source)
    with Store.memory() as target:
        first = import_json(target, text)
        assert first.added_runs == 2 and "added 2 runs" in first.text()
        assert export_json(target) == text
        again = import_json(target, text)
        assert again.added_runs == 0 and target.count_runs() == 2
