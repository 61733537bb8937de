"""Importing: exports of Strava and Garmin, the same run from two sources counted once,
imports that add nothing the second time, rides skipped, folders watched."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from coach.runs.importer import import_paths
from coach.runs.model import Reading, Work
from coach.runs.sources import Entry
from coach.runs.strava import number, parse_date
from coach.runs.watched import import_watched
from coach.store import Store
from tests.support import activities as a

DAY = timedelta(days=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory() as opened:
        yield opened


def strava_export(tmp_path: Path) -> Path:
    """Three runs (one with a FIT file, one with a GPX, one typed in), two rides and a swim."""
    fit_run = a.fit(start=a.START, timer=3050.0, distance=10010.0, sub_sport="STREET",
                    rpe=None, feel=50)
    gpx_run = a.gpx(a.samples(start=a.START + DAY, seconds=1800, speed=3.0))
    rows = [
        a.strava_row(101, a.START + timedelta(seconds=1), moving=3000.0, metres=10000.0,
                     gain=100.0, loss=95.0, gear="Pegasus 40",
                     filename="activities/101.fit.gz", exertion=6.0),
        a.strava_row(102, a.START + DAY, kind="Trail Run", moving=1790.0, metres=5400.0,
                     gear="Speedgoat 5", filename="activities/102.gpx.gz", exertion=None),
        a.strava_row(103, a.START + 2 * DAY, moving=1500.0, metres=4000.0, gear="",
                     loss=None, exertion=4.0),
        a.strava_row(104, a.START + 3 * DAY, kind="Ride", filename="activities/104.fit.gz"),
        a.strava_row(105, a.START + 4 * DAY, kind="Ride"),
        a.strava_row(106, a.START + 5 * DAY, kind="Swim"),
    ]
    members = {
        "activities.csv": a.strava_csv(rows),
        "activities/101.fit.gz": a.gz(fit_run),
        "activities/102.gpx.gz": a.gz(gpx_run),
        "activities/104.fit.gz": a.gz(a.fit(start=a.START + 3 * DAY, sport="CYCLING",
                                           sub_sport=None)),
        "profile.csv": b"name\nme\n",
        "media/photo.jpg": b"\xff\xd8\xff",
    }
    path = tmp_path / "export_12345.zip"
    path.write_bytes(a.zipped(members))
    return path


def test_strava_export(tmp_path: Path, store: Store) -> None:
    summary = import_paths([strava_export(tmp_path)], store)
    assert not summary.bad
    assert len(summary.added) == 3
    assert summary.skipped_text() == ["2 rides skipped", "1 swim skipped"]
    assert summary.line() == "3 runs added, 2 rides skipped, 1 swim skipped"
    typed, trail, road = store.list_runs()
    # The row's values win; the file adds the exact start, sub-sport and feel.
    assert road.start == a.START and road.source == "strava"
    assert (road.seconds, road.distance_m, road.ascent_m, road.descent_m) == (
        3000.0, 10000.0, 100.0, 95.0)
    assert (road.shoe, road.effort, road.surface, road.feel) == ("Pegasus 40", 6.0, "road", 50)
    assert road.elapsed_seconds == 3100.0
    assert (trail.surface, trail.shoe, trail.effort) == ("trail", "Speedgoat 5", None)
    assert trail.seconds == 1790.0 and trail.distance_m == 5400.0
    assert typed.start == a.START + 2 * DAY and typed.seconds == 1500.0
    assert (typed.shoe, typed.descent_m, typed.effort) == (None, None, 4.0)
    assert {run.sport for run in (typed, trail, road)} == {"running"}


def test_importing_an_export_twice_adds_nothing(tmp_path: Path, store: Store) -> None:
    path = strava_export(tmp_path)
    import_paths([path], store)
    before = store.list_runs()
    again = import_paths([path], store)
    assert again.added == [] and again.already == 3
    assert again.line() == "0 runs added, 3 already imported, 2 rides skipped, 1 swim skipped"
    assert store.list_runs() == before


def test_garmin_export_of_nested_zips(tmp_path: Path, store: Store) -> None:
    fits = {f"me@example.com_{n}.fit": a.fit(start=a.START + n * DAY, serial=n)
            for n in range(1, 5)}
    fits["me@example.com_9.fit"] = a.fit(start=a.START + 9 * DAY, sport="CYCLING",
                                         sub_sport=None)
    part = a.zipped(fits)
    export = a.zipped({
        "DI_CONNECT/DI-Connect-Fitness/me_summarizedActivities.json": b"[]",
        "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": part,
        "DI_CONNECT/DI-Connect-User/user_profile.json": b"{}",
    })
    path = tmp_path / "garmin.zip"
    path.write_bytes(export)
    summary = import_paths([path], store)
    assert len(summary.added) == 4 and summary.skipped["ride"] == 1 and not summary.bad
    assert summary.ignored == 2
    assert [run.start for run in store.list_runs()] == [a.START + n * DAY for n in (4, 3, 2, 1)]
    assert {run.source for run in store.list_runs()} == {"fit"}
    assert import_paths([path], store).already == 4


def test_same_run_from_a_fit_file_and_a_strava_row_is_one_run(tmp_path: Path,
                                                              store: Store) -> None:
    watch = tmp_path / "watch.fit"
    watch.write_bytes(a.fit(start=a.START, timer=3000.0, distance=10000.0, rpe=None))
    assert len(import_paths([watch], store).added) == 1
    # Strava re-encoded it (another file), 40 s later, 1 % shorter: the same run.
    export = tmp_path / "strava.zip"
    row = a.strava_row(7, a.START + timedelta(seconds=40), metres=9900.0, gear="Novablast",
                       exertion=5.0)
    export.write_bytes(a.zipped({"activities.csv": a.strava_csv([row])}))
    summary = import_paths([export], store)
    assert summary.added == [] and summary.already == 1
    (run,) = store.list_runs()
    assert run.source == "fit" and run.distance_m == 10000.0
    assert (run.shoe, run.effort) == ("Novablast", 5.0)  # filled in, not overwritten


@pytest.mark.parametrize("fit_first", [True, False])
def test_the_watch_file_wins_whichever_source_comes_first(
    tmp_path: Path, fit_first: bool
) -> None:
    watch = tmp_path / "watch.fit"
    watch.write_bytes(a.fit(start=a.START, timer=3000.0, distance=10000.0, rpe=None))
    row = a.strava_row(7, a.START + timedelta(seconds=40), metres=9900.0, gear="Novablast",
                       exertion=5.0)
    export = tmp_path / "strava.zip"
    export.write_bytes(a.zipped({"activities.csv": a.strava_csv([row])}))
    with Store.memory() as store:
        for path in ([watch, export] if fit_first else [export, watch]):
            import_paths([path], store)
        (run,) = store.list_runs()
        assert (run.source, run.start, run.distance_m, run.seconds) == (
            "fit", a.START, 10000.0, 3000.0)
        assert (run.shoe, run.effort) == ("Novablast", 5.0)


@pytest.mark.parametrize("fit_first", [True, False])
def test_the_watch_files_rating_wins_whichever_comes_first(tmp_path: Path,
                                                           fit_first: bool) -> None:
    watch = tmp_path / "watch.fit"
    watch.write_bytes(a.fit(start=a.START, timer=3000.0, distance=10000.0, rpe=70))
    row = a.strava_row(7, a.START + timedelta(seconds=40), metres=9900.0, exertion=5.0)
    export = tmp_path / "strava.zip"
    export.write_bytes(a.zipped({"activities.csv": a.strava_csv([row])}))
    with Store.memory() as store:
        for path in ([watch, export] if fit_first else [export, watch]):
            import_paths([path], store)
        (run,) = store.list_runs()
        assert run.effort == 7.0


def test_a_better_source_keeps_what_the_runner_set(tmp_path: Path, store: Store) -> None:
    row = a.strava_row(7, a.START, metres=9900.0, gear="Novablast", exertion=5.0)
    export = tmp_path / "strava.zip"
    export.write_bytes(a.zipped({"activities.csv": a.strava_csv([row])}))
    import_paths([export], store)
    (run,) = store.list_runs()
    store.update_run(run.id, surface="trail", shoe="Speedgoat", effort=7.0)
    watch = tmp_path / "watch.fit"
    watch.write_bytes(a.fit(start=a.START, timer=3000.0, distance=10000.0, rpe=30))
    import_paths([watch], store)
    (run,) = store.list_runs()
    assert (run.source, run.distance_m) == ("fit", 10000.0)
    assert (run.surface, run.shoe, run.effort) == ("trail", "Speedgoat", 7.0)


def test_the_same_file_gzipped_is_the_same_file(tmp_path: Path, store: Store) -> None:
    data = a.fit()
    (tmp_path / "run.fit").write_bytes(data)
    (tmp_path / "copy.fit.gz").write_bytes(a.gz(data))
    summary = import_paths([tmp_path / "run.fit", tmp_path / "copy.fit.gz"], store)
    assert len(summary.added) == 1 and summary.already == 1


def test_different_runs_close_in_time_stay_apart(tmp_path: Path, store: Store) -> None:
    (tmp_path / "a.fit").write_bytes(a.fit(distance=10000.0))
    (tmp_path / "b.fit").write_bytes(a.fit(start=a.START + timedelta(seconds=60),
                                           distance=3000.0, serial=2))
    (tmp_path / "c.fit").write_bytes(a.fit(start=a.START + timedelta(minutes=5), serial=3))
    assert len(import_paths([tmp_path], store).added) == 3


def test_a_gpx_and_a_fit_of_one_run_are_one(tmp_path: Path, store: Store) -> None:
    points = a.samples(seconds=1800, speed=3.0)
    (tmp_path / "run.gpx").write_bytes(a.gpx(points))
    (tmp_path / "run.fit").write_bytes(a.fit(timer=1800.0, distance=5430.0, sub_sport="TRAIL"))
    summary = import_paths([tmp_path], store)
    assert len(summary.added) == 1 and summary.already == 1
    (run,) = store.list_runs()
    assert run.source == "fit" and run.surface == "trail"


def test_rides_are_counted_never_stored_and_not_read_twice(tmp_path: Path,
                                                           store: Store) -> None:
    for n in range(3):
        (tmp_path / f"ride{n}.fit").write_bytes(
            a.fit(start=a.START + n * DAY, sport="CYCLING", sub_sport=None))
    (tmp_path / "swim.fit").write_bytes(a.fit(sport="SWIMMING", sub_sport=None, serial=9))
    first = import_paths([tmp_path], store)
    assert first.line() == "0 runs added, 3 rides skipped, 1 swim skipped"
    assert store.count_runs() == 0
    assert import_paths([tmp_path], store).line() == first.line()


def test_deleted_run_stays_deleted_for_watched_folders(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "Activities"
    folder.mkdir()
    (folder / "a.fit").write_bytes(a.fit())
    line = import_watched([folder], store)
    assert line == "Runs: 1 run added"
    (run,) = store.list_runs()
    store.delete_run(run.id)
    (folder / "a.fit").write_bytes(a.fit())  # touched: read again, still left out
    assert import_watched([folder], store) is None
    assert store.count_runs() == 0
    assert len(import_paths([folder / "a.fit"], store).added) == 1  # asked for by name


def test_watched_folder_reads_only_new_files(tmp_path: Path, store: Store,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "Activities"
    folder.mkdir()
    (folder / "a.fit").write_bytes(a.fit())
    assert import_watched([folder], store) == "Runs: 1 run added"
    from coach.runs import importer

    reads: list[str] = []
    real = importer.read_all

    def counted(entry: Entry, work: Work | None = None) -> Reading:
        reads.append(entry.name)
        return real(entry, work)

    monkeypatch.setattr(importer, "read_all", counted)
    (folder / "b.fit").write_bytes(a.fit(start=a.START + DAY))
    assert import_watched([folder], store) == "Runs: 1 run added"
    assert [Path(name).name for name in reads] == ["b.fit"]
    assert import_watched([folder, tmp_path / "gone"], store) == (
        f"Runs: watched folder not found: {tmp_path / 'gone'} (see [runs] folders in "
        "config.toml)")


def test_a_bad_file_in_a_watched_folder_is_named_once(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "Activities"
    folder.mkdir()
    (folder / "half.fit").write_bytes(a.fit()[:100])
    (folder / "good.fit").write_bytes(a.fit())
    line = import_watched([folder], store)
    assert line is not None and line.startswith("Runs: 1 run added, 1 bad file; ")
    assert "half.fit: " in line and "coach runs import FOLDER" in line
    assert import_watched([folder], store) is None  # said once, not at every start
    (folder / "half.fit").write_bytes(a.fit(start=a.START + DAY))  # the download finished
    assert import_watched([folder], store) == "Runs: 1 run added"


def test_strava_values() -> None:
    assert parse_date("Jan 1, 2024, 10:00:00 AM") == a.START.replace(month=1, day=1, hour=10)
    assert parse_date("Dec 31, 2023, 12:05:09 PM") == a.START.replace(2023, 12, 31, 12, 5, 9)
    assert parse_date("Dec 31, 2023, 12:05:09 AM") == a.START.replace(2023, 12, 31, 0, 5, 9)
    assert parse_date("4 May 2024, 19:00:00") == a.START.replace(hour=19)
    assert parse_date("Foo 1, 2024, 10:00:00 AM") is None
    assert parse_date("Feb 30, 2024, 10:00:00 AM") is None
    assert (number("10,02"), number("1,234.5"), number(""), number("nan")) == (
        10.02, 1234.5, None, None)


def test_an_unpacked_strava_export_by_folder_or_by_its_csv(tmp_path: Path,
                                                           store: Store) -> None:
    import zipfile

    with zipfile.ZipFile(strava_export(tmp_path)) as archive:
        archive.extractall(tmp_path / "export")
    summary = import_paths([tmp_path / "export" / "activities.csv"], store)
    assert len(summary.added) == 3 and not summary.bad
    assert summary.ignored == 2  # profile.csv and the photo
    assert import_paths([tmp_path / "export"], store).already == 3
