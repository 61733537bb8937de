"""Real files from real devices (``../shared/realworld-runs``, beside the checkout) read as
the devices recorded them. Every expected value is the device's own (FIT session, summed TCX
laps, GPX track in file order; see ``tests/support/devices.py``), never what coach printed.
The whole corpus, with its table, is ``bench/bench_realworld.py``; these are the files that
show each rule, chosen small enough to keep the suite fast."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.runs.importer import import_paths
from coach.store import Store
from tests.support import devices

CORPUS = devices.corpus()
pytestmark = pytest.mark.skipif(
    CORPUS is None, reason="the real-device files are not beside this checkout "
    "(../shared/realworld-runs; or set COACH_REALWORLD_RUNS)")


def _imported(name: str, tmp_path: Path) -> tuple[list[object], list[str], object]:
    assert CORPUS is not None
    lines: list[str] = []
    with Store.open(tmp_path / "coach.db") as store:
        summary = import_paths([CORPUS / name], store, said=lambda bad: lines.append(
            bad.problem))
        runs = sorted(store.list_runs(), key=lambda run: run.start)
    return runs, lines, summary  # type: ignore[return-value]


@pytest.mark.parametrize(("name", "distance", "time"), [
    ("fit/fitdecode__garmin-fenix-5-run.fit", 0.005, 0.005),
    ("tcx/tcxparser__test.tcx", 0.005, 0.01),
    ("tcx/tcxparser__no_hr.tcx", 0.005, 0.01),
    ("gpx/elevate__stravaexp-20170319_run_906581465.gpx", 0.01, None),
    ("gpx/elevate__garminexp-20171008_run_2067489619.gpx", 0.01, None),
    ("gpx/gpxpy__track-with-less-sec-time.gpx", 0.01, None),
])
def test_every_running_leg_matches_the_devices_totals(
        name: str, distance: float, time: float | None, tmp_path: Path) -> None:
    assert CORPUS is not None
    expected = [leg for leg in devices.legs(CORPUS / name) if leg.running]
    runs, _, _ = _imported(name, tmp_path)
    assert len(runs) == len(expected)
    for run, leg in zip(runs, expected, strict=True):
        assert run.distance_m == pytest.approx(leg.distance, rel=distance)  # type: ignore[attr-defined]
        if time is not None:
            assert run.seconds == pytest.approx(leg.seconds, rel=time)  # type: ignore[attr-defined]


def test_a_multisport_fit_stores_its_run_and_skips_the_swim_and_ride(tmp_path: Path) -> None:
    assert CORPUS is not None
    name = "fit/fitparse__sample_mulitple_header.fit"
    (leg,) = [leg for leg in devices.legs(CORPUS / name) if leg.running]
    runs, lines, summary = _imported(name, tmp_path)
    assert summary.skipped == {"ride": 1, "swim": 1}  # type: ignore[attr-defined]
    (run,) = runs
    assert run.distance_m == pytest.approx(leg.distance, rel=0.005)  # type: ignore[attr-defined]
    assert run.seconds == pytest.approx(leg.seconds, rel=0.005)  # type: ignore[attr-defined]
    assert lines == ["a run of 9.81 km in 47:31, imported on its own"]


def test_a_damaged_second_fit_file_keeps_the_first(tmp_path: Path) -> None:
    runs, lines, summary = _imported("fit/fitdecode__invalid-activity-activity-filecrc.fit",
                                     tmp_path)
    assert len(runs) == 1 and summary.exit_code == 1  # type: ignore[attr-defined]
    assert lines == ["its second FIT file (after 1 whole one) is damaged: its checksum does "
                     "not match (a corrupt or altered copy); that part was not read"]


def test_a_car_trip_without_a_sport_is_not_a_run(tmp_path: Path) -> None:
    runs, lines, _ = _imported("gpx/gpxpy__around-visnjan-with-car.gpx", tmp_path)
    assert runs == []
    assert lines == ["not a run: 2.7 km at 37 km/h on average, faster than any runner: the "
                     "speed of a car or a bike; left out (`--not-a-run-check off` imports it)"]


def test_an_open_water_swim_is_a_swim(tmp_path: Path) -> None:
    runs, _, summary = _imported("gpx/elevate__open-water-swim.gpx", tmp_path)
    assert runs == [] and summary.skipped == {"swim": 1}  # type: ignore[attr-defined]


def test_a_track_mostly_without_times_is_said(tmp_path: Path) -> None:
    _, lines, _ = _imported("gpx/gpxpy__cerknicko-without-times.gpx", tmp_path)
    assert lines == ["291 of its 296 points were left out (without a readable time); the "
                     "run is what the rest covers"]
