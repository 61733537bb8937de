"""Files as devices and apps really write them, made on the spot: several activities in one
file, lap totals, timestamps stepping backwards, bad points, times out of range, a damaged
second FIT file, sessions without totals, activities that are not runs, odd zip names."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import coach.cli
from coach.cli import main
from coach.record.plausible import not_a_run
from coach.runs import fit, gpx, tcx, track
from coach.runs.importer import import_paths
from coach.runs.model import checked
from coach.runs.watched import import_watched
from coach.store import Store
from tests.support import activities as a

DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def runs_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(coach.cli.COMMANDS, "runs", "coach.cli.runs")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "coach.db")


def _activity(sport: str, points: list[a.Sample], laps: tuple[float, ...] | None = None) -> str:
    """One TCX <Activity>; ``laps`` splits its points into laps of these timer seconds."""
    body = "".join(
        f"<Trackpoint><Time>{a._iso(p.moment)}</Time><Position><LatitudeDegrees>{p.lat:.7f}"
        f"</LatitudeDegrees><LongitudeDegrees>{p.lon:.7f}</LongitudeDegrees></Position>"
        f"<DistanceMeters>{p.distance:.2f}</DistanceMeters></Trackpoint>" for p in points)
    first = a._iso(points[0].moment)
    timer = "" if laps is None else f"<TotalTimeSeconds>{sum(laps):.1f}</TotalTimeSeconds>"
    distance = points[-1].distance - points[0].distance
    return (f'<Activity Sport="{sport}"><Id>{first}</Id><Lap StartTime="{first}">{timer}'
            f"<DistanceMeters>{distance:.1f}</DistanceMeters><Track>{body}</Track></Lap>"
            "</Activity>")


def _tcx(*activities: str, multisport: bool = False) -> bytes:
    inner = "".join(activities)
    if multisport:
        first, *rest = activities
        inner = (f"<MultiSportSession><Id>x</Id><FirstSport>{first}</FirstSport>"
                 + "".join(f"<NextSport><Transition/>{item}</NextSport>" for item in rest)
                 + "</MultiSportSession>")
    return ('<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/'
            f'xmlschemas/TrainingCenterDatabase/v2"><Activities>{inner}</Activities>'
            "</TrainingCenterDatabase>").encode()


def _import(paths: list[Path], store: Store, **options: bool) -> tuple[object, list[str]]:
    lines: list[str] = []
    summary = import_paths(paths, store, said=lambda bad: lines.append(bad.line()), **options)
    return summary, lines


# ---------------------------------------------------------------------------- TCX


def test_tcx_lap_totals_are_the_time_and_distance_not_the_points() -> None:
    # Two laps with a gap between them: the watch's own lap timer says 1,500 s.
    first = a.samples(seconds=600, step=5, speed=3.0)
    second = a.samples(start=a.START + timedelta(seconds=700), seconds=900, step=5, speed=3.0)
    second = [s._replace(distance=s.distance + 1800.0) for s in second]
    data = _tcx(_activity("Running", first, (600.0,))[:-len("</Activity>")]
                .replace("</Lap>", "</Lap>" + _activity("Running", second, (900.0,))
                         .split("<Id>")[1].split("</Id>", 1)[1].removesuffix("</Activity>"))
                + "</Activity>")
    run = checked(tcx.read(data))
    assert run.seconds == 1500.0
    assert run.distance_m == pytest.approx(1800 + 2700, abs=0.5)


def test_a_tcx_with_three_runs_gives_three_runs_each_said(tmp_path: Path, store: Store) -> None:
    runs = [_activity("Running", a.samples(start=a.START + n * DAY, seconds=900), (900.0,))
            for n in range(3)]
    path = tmp_path / "three.tcx"
    path.write_bytes(_tcx(*runs))
    summary, lines = _import([path], store)
    assert len(summary.added) == 3  # type: ignore[attr-defined]
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{path} (activity {n} of 3)" for n in (1, 2, 3)]
    assert all("2.70 km in 15:00" in line for line in lines)


def test_a_multisport_tcx_keeps_the_run_and_skips_the_rides(tmp_path: Path,
                                                             store: Store) -> None:
    ride = a.samples(seconds=1200, speed=8.0)
    run = a.samples(start=a.START + timedelta(seconds=1300), seconds=1500, speed=3.2)
    ride2 = a.samples(start=a.START + timedelta(seconds=2900), seconds=1200, speed=8.0)
    path = tmp_path / "brick.tcx"
    path.write_bytes(_tcx(_activity("Biking", ride, (1200.0,)),
                          _activity("Running", run, (1500.0,)),
                          _activity("Biking", ride2, (1200.0,)), multisport=True))
    summary, _ = _import([path], store)
    assert len(summary.added) == 1 and summary.skipped == {"ride": 2}  # type: ignore[attr-defined]
    (stored,) = store.list_runs()
    assert stored.seconds == 1500.0 and stored.distance_m == pytest.approx(4800, abs=1)


# ---------------------------------------------------------------------------- GPX


def test_gpx_timestamps_stepping_backwards_keep_the_file_order() -> None:
    points = a.samples(seconds=1800, step=5, speed=3.0)
    # A phone app writes every third point with a time 40 s in the past.
    written = [p._replace(moment=p.moment - timedelta(seconds=40)) if n % 3 == 1 else p
               for n, p in enumerate(points)]
    reading = gpx.read_all(a.gpx(written))
    run = checked(reading.runs[0])
    assert run.distance_m == pytest.approx(5400, rel=0.01)
    assert run.elapsed_seconds == 1800.0
    assert reading.notes and "with a time before the point ahead of them" in reading.notes[0]


def test_a_gpx_point_without_a_position_is_skipped_not_the_file() -> None:
    data = a.gpx(a.samples(seconds=600, step=5)).replace(
        b'<trkpt lat="', b'<trkpt lat="x', 1)
    reading = gpx.read_all(data)
    assert checked(reading.runs[0]).distance_m == pytest.approx(1800, rel=0.01)
    assert reading.notes == ()  # one point of 121 is not a large part


def test_a_gpx_mostly_without_times_says_so() -> None:
    points = a.samples(seconds=600, step=5)
    data = a.gpx(points)
    for p in points[10:]:
        data = data.replace(f"<time>{a._iso(p.moment)}</time>".encode(), b"", 1)
    reading = gpx.read_all(data)
    assert reading.notes == (
        "111 of its 121 points were left out (without a readable time); the run is what the "
        "rest covers",)


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"])
def test_a_time_out_of_range_is_that_files_line_and_the_rest_carries_on(
        tmp_path: Path, moment: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "runs"
    folder.mkdir()
    points = a.samples(seconds=600)
    bad = a.gpx(points).replace(f"<time>{a._iso(points[0].moment)}</time>".encode(),
                                f"<time>{moment}</time>".encode())
    only_bad = a.gpx(points[:1]).replace(f"<time>{a._iso(points[0].moment)}</time>".encode(),
                                         f"<time>{moment}</time>".encode())
    (folder / "a.gpx").write_bytes(only_bad)
    (folder / "b.gpx").write_bytes(bad)
    (folder / "c.tcx").write_bytes(a.tcx(a.samples(start=a.START + DAY)).replace(
        a._iso(a.START + DAY).encode(), moment.encode()))
    (folder / "d.fit").write_bytes(a.fit(start=a.START + 2 * DAY))
    assert main(["runs", "import", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "3 runs added, 1 bad file"
    assert err.splitlines() == [f"{folder / 'a.gpx'}: has track points without times: coach "
                                "cannot tell when or for how long it was run"]


def test_the_watched_folder_reports_a_bad_time_once_and_imports_the_rest(
        tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "Activities"
    folder.mkdir()
    (folder / "a.tcx").write_bytes(re.sub(
        rb"<Time>[^<]*", b"<Time>9999-12-31T23:59:59-01:00", a.tcx(a.samples()))
        .replace(a._iso(a.START).encode(), b"9999-12-31T23:59:59-01:00"))
    (folder / "b.fit").write_bytes(a.fit(start=a.START + DAY))
    line = import_watched([folder], store)
    assert line is not None and line.startswith("Runs: 1 run added, 1 bad file; ")
    assert str(folder / "a.tcx") in line
    assert import_watched([folder], store) is None  # said once


# ---------------------------------------------------------------------------- FIT


def test_a_fit_with_two_running_sessions_gives_two_runs() -> None:
    later = a.START + timedelta(hours=3)
    reading = fit.read_all(a.fit(more=[("RUNNING", later, 1200.0, 4000.0)]))
    assert [(run.sport, run.seconds, run.distance_m) for run in reading.runs] == [
        ("running", 3000.0, 10000.0), ("running", 1200.0, 4000.0)]


def test_fit_files_one_after_another_import_both(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "two.fit"
    path.write_bytes(a.fit() + a.fit(start=a.START + DAY, timer=1800.0))
    summary, lines = _import([path], store)
    assert len(summary.added) == 2 and not summary.bad  # type: ignore[attr-defined]
    assert len(lines) == 2


def test_a_damaged_second_fit_file_keeps_the_first_and_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = bytearray(a.fit(start=a.START + DAY))
    second[40] ^= 0xFF
    path = tmp_path / "two.fit"
    path.write_bytes(a.fit() + bytes(second))
    assert main(["runs", "import", "--json", str(path)]) == 1
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert len(document["added"]) == 1
    assert err.strip() == (f"{path}: its second FIT file (after 1 whole one) is damaged: its "
                           "checksum does not match (a corrupt or altered copy); that part "
                           "was not read")


def test_a_session_without_totals_falls_back_to_the_records() -> None:
    points = a.samples(seconds=1200, step=5, speed=3.0)
    run = checked(fit.read(a.fit(records=points, distance=None, timer=1200.0)))
    assert run.distance_m == pytest.approx(3600, abs=1)
    assert run.seconds == 1200.0


# ---------------------------------------------------------------------------- not a run


def test_a_drive_saved_without_a_sport_is_left_out_unless_the_check_is_off(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "drive.gpx"
    path.write_bytes(a.gpx(a.samples(seconds=600, step=5, speed=10.3), kind=None))
    assert main(["runs", "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "0 runs added"
    assert err.strip() == (f"{path}: not a run: 6.2 km at 37 km/h on average, faster than any "
                           "runner: the speed of a car or a bike; left out "
                           "(`--not-a-run-check off` imports it)")
    assert main(["runs", "import", "--not-a-run-check", "off", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "1 run added"


def test_the_override_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["runs", "import", "--help"])
    assert "--not-a-run-check" in capsys.readouterr().out


@pytest.mark.parametrize(("metres", "seconds", "verdict"), [
    (2500.0, 3600.0, "slower than walking"), (10_000.0, 3000.0, None),
    (800.0, 10.0, None), (30_000.0, 3000.0, "a car or a bike")])
def test_the_plausibility_check(metres: float, seconds: float, verdict: str | None) -> None:
    doubt = not_a_run(metres, seconds)
    assert (doubt is None) if verdict is None else (verdict in (doubt or ""))


# ---------------------------------------------------------------------------- zips, work


def test_a_zip_member_named_with_dot_slash_is_read(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(a.zipped({"./activities/run.gpx": a.gpx(a.samples())}))
    summary, _ = _import([path], store)
    assert len(summary.added) == 1  # type: ignore[attr-defined]


def test_each_files_line_is_said_before_the_next_file_is_read(tmp_path: Path,
                                                             store: Store) -> None:
    (tmp_path / "a.gpx").write_bytes(b"<gpx></gpx>")
    (tmp_path / "b.fit").write_bytes(a.fit())
    from coach.runs import importer

    events: list[str] = []
    real = importer.read_all

    def counted(entry: object, work: object = None) -> object:
        events.append("read " + Path(entry.name).name)  # type: ignore[attr-defined]
        return real(entry, work)  # type: ignore[arg-type]

    importer_read = pytest.MonkeyPatch()
    importer_read.setattr(importer, "read_all", counted)
    try:
        import_paths([tmp_path], store, said=lambda bad: events.append("said"))
    finally:
        importer_read.undo()
    assert events == ["read a.gpx", "said", "read b.fit"]


@given(st.lists(st.floats(-50, 3000, allow_nan=False), max_size=40))
def test_the_streamed_climb_equals_the_whole_track_one(heights: list[float]) -> None:
    tally = track.Tally()
    for number, height in enumerate(heights):
        tally.add(track.Point(float(number), None, None, height))
    summary = tally.summary()
    if len(heights) < 2:
        assert summary is None or summary.ascent is None
        return
    assert summary is not None
    up, down = track.climb(track.smoothed(heights))
    assert summary.ascent == pytest.approx(up) and summary.descent == pytest.approx(down)


def test_an_archive_spending_its_decoding_allowance_stops_with_one_line(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.runs import importer
    from coach.runs.model import Work

    class Tight(Work):
        def __init__(self, archive_bytes: int) -> None:
            super().__init__(archive_bytes)
            self.left = 150

    monkeypatch.setattr(importer, "Work", Tight)
    monkeypatch.setattr(fit, "WORK_STEP", 10)
    points = a.samples(seconds=500, step=5)
    path = tmp_path / "export.zip"
    path.write_bytes(a.zipped({f"{n}.fit": a.fit(start=a.START + n * DAY, records=points)
                               for n in range(4)}))
    summary, lines = _import([path], store)
    assert len(summary.added) == 1  # type: ignore[attr-defined]
    assert lines == [f"{path}: holds far more messages than its size allows for activity "
                     "files (a crafted archive?); nothing more is decoded from it"]


def test_the_progress_bar_fills_as_files_are_read(tmp_path: Path) -> None:
    from coach.cli.runs_import import expected_files, progress_text

    for name in ("a.fit", "b.gpx", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    assert expected_files([tmp_path]) == 2
    assert progress_text(1, 2) == f"reading {'█' * 12}{'░' * 12} 1/2 files"
    assert progress_text(3, None) == "reading… 3 files"
    (tmp_path / "export.zip").write_bytes(b"")
    assert expected_files([tmp_path]) is None
