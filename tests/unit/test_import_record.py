"""What an import remembers: only what it really imported, so a second try says the same."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.runs.importer import import_paths
from coach.runs.model import Run
from coach.store import Store
from coach.store.runs_exchange import check_runs, runs_to_export, shoes_to_export
from coach.store.values import Invalid
from tests.support import activities as a


def test_a_strava_run_whose_file_is_refused_is_refused_again_the_second_time(
    tmp_path: Path,
) -> None:
    rows = a.strava_csv([a.strava_row(101, a.START, filename="activities/101.fit")])
    export = tmp_path / "export.zip"
    export.write_bytes(a.zipped({"activities.csv": rows, "activities/101.fit": a.fit()[:-40]}))
    with Store.memory() as store:
        first = import_paths([export], store)
        second = import_paths([export], store)
        assert first.line() == second.line() == "0 runs added, 1 bad file"
        assert first.exit_code == second.exit_code == 1
        assert [bad.line() for bad in first.bad] == [bad.line() for bad in second.bad]
        assert "101.fit" in second.bad[0].line() and store.count_runs() == 0
        # Once the file is whole, the same export imports the run.
        export.write_bytes(a.zipped({"activities.csv": rows, "activities/101.fit": a.fit()}))
        third = import_paths([export], store)
        assert (third.line(), third.exit_code) == ("1 run added", 0)


def test_a_run_from_the_future_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.fit"
    path.write_bytes(a.fit(start=datetime.now(UTC) + timedelta(days=3)))
    with Store.memory() as store:
        summary = import_paths([path], store)
        assert summary.exit_code == 1 and store.count_runs() == 0
        assert len(summary.bad) == 1 and "odd.fit" in summary.bad[0].line()
        assert "in the future" in summary.bad[0].line() and "\n" not in summary.bad[0].line()
        assert store.shoes() == []


def test_a_run_faster_than_a_runner_is_left_out_in_one_line_and_never_counted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "odd.fit"
    path.write_bytes(a.fit(timer=600.0, distance=10_000.0))  # 60 km/h
    with Store.memory() as store:
        summary = import_paths([path], store)
        assert store.count_runs() == 0 and store.shoes() == []
        assert summary.bad == [] and len(summary.notes) == 1
        line = summary.notes[0].line()
        assert "odd.fit" in line and "faster than any runner" in line and "\n" not in line
        assert "--not-a-run-check off" in line


def test_a_fast_but_human_run_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "race.fit"
    path.write_bytes(a.fit(timer=1620.0, distance=10_000.0))  # a 27-minute 10 km
    with Store.memory() as store:
        assert import_paths([path], store).line() == "1 run added"


def exported_runs() -> dict[str, Any]:
    with Store.memory() as store:
        store.add_run(Run(start=a.START, seconds=3000, elapsed_seconds=3000,
                          sport="running", source="fit", distance_m=10_000, shoe="Pegasus"),
                      ["sha256:" + "0" * 64])
        with store.snapshot() as conn:
            document = {"runs": runs_to_export(conn), "shoes": shoes_to_export(conn)}
    copy: dict[str, Any] = json.loads(json.dumps(document))
    return copy


def test_an_export_with_a_car_trip_or_a_future_run_is_refused_in_one_line() -> None:
    document = exported_runs()
    document["runs"][0]["distance_m"] = 100_000.0  # 100 km in 50 min
    with pytest.raises(Invalid, match=r"runs\[0\].*faster than any runner"):
        check_runs(document)
    document = exported_runs()
    later = (datetime.now(UTC) + timedelta(days=5)).isoformat().replace("+00:00", "Z")
    document["runs"][0]["start"] = later
    document["runs"][0]["ended_at"] = later
    with pytest.raises(Invalid, match=r"runs\[0\].start.*in the future"):
        check_runs(document)


def test_an_export_with_too_many_shoes_or_one_shoe_twice_is_refused_in_one_line() -> None:
    document = exported_runs()
    document["shoes"] = [{"name": f"Shoe {n}", "retire_km": None} for n in range(100_000)]
    with pytest.raises(Invalid, match=r"shoes: .*more than"):
        check_runs(document)
    document["shoes"] = [{"name": "Pegasus", "retire_km": None},
                         {"name": "Pegasus", "retire_km": 800}]
    with pytest.raises(Invalid, match=r"shoes\[1\].name: .*appears twice"):
        check_runs(document)
