"""Each reader gets every field a runner relies on right: FIT from fit-tool, GPX and TCX as
plain XML, made here with known values (tests/support/activities.py)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from coach.runs import fit, gpx, tcx, track
from coach.runs.model import (
    ActivityError,
    Run,
    category,
    checked,
    effort_from_rpe,
    surface_of,
)
from tests.support import activities as a


def test_fit_session_gives_every_field() -> None:
    run = checked(fit.read(a.fit(
        timer=3000.0, elapsed=3240.0, distance=10012.5, ascent=121, descent=117,
        sub_sport="TRAIL", hr=149, rpe=65, feel=75,
    )))
    assert run.start == a.START
    assert run.seconds == 3000.0 and run.elapsed_seconds == 3240.0
    assert run.end == a.START + timedelta(seconds=3240)
    assert run.distance_m == 10012.5
    assert (run.ascent_m, run.descent_m) == (121.0, 117.0)
    assert (run.sport, run.sub_sport, run.surface) == ("running", "trail", "trail")
    assert run.average_hr == 149.0
    assert run.effort == 6.5  # workout_rpe is CR10 x 10
    assert run.feel == 75
    assert run.source == "fit"


@pytest.mark.parametrize(("sub_sport", "surface"), [
    ("STREET", "road"), ("TRAIL", "trail"), ("TRACK", "track"), ("TREADMILL", "treadmill"),
    ("GENERIC", None), (None, None),
])
def test_fit_sub_sport_becomes_the_surface(sub_sport: str | None, surface: str | None) -> None:
    assert fit.read(a.fit(sub_sport=sub_sport)).surface == surface


def test_fit_without_ratings_or_climb_leaves_them_empty() -> None:
    run = checked(fit.read(a.fit(rpe=None, feel=None, ascent=None, descent=None, hr=None)))
    assert (run.effort, run.feel, run.ascent_m, run.descent_m, run.average_hr) == (
        None, None, None, None, None)


def test_fit_ride_is_read_as_cycling() -> None:
    run = fit.read(a.fit(sport="CYCLING", sub_sport="ROAD"))
    assert run.sport == "cycling" and category(run.sport) == "ride"
    assert category(fit.read(a.fit(sport="SWIMMING", sub_sport=None)).sport) == "swim"


def test_fit_without_session_is_summed_from_its_records() -> None:
    points = a.samples(seconds=600, step=5, speed=3.0, gaps=[(300, 120)],
                       height=a.hill(20, 1800))
    run = checked(fit.read(a.fit(records=points, session=False)))
    assert run.start == a.START
    assert run.seconds == 600.0 and run.elapsed_seconds == 720.0
    assert run.distance_m == pytest.approx(1800, abs=0.5)
    assert run.ascent_m == pytest.approx(20, abs=0.5)
    assert run.descent_m == pytest.approx(20, abs=0.5)


def test_gpx_moving_time_removes_gaps_but_keeps_standing_like_a_watch_timer() -> None:
    # The watch's timer runs while the runner stands at a crossing with points still being
    # written every few seconds; it stops on auto-pause, which leaves a gap in the points.
    points = a.samples(seconds=1200, step=5, speed=3.0, standing=[(300, 90)],
                       gaps=[(600, 240)])
    run = checked(gpx.read(a.gpx(points)))
    assert run.seconds == 1200.0 + 90
    assert run.elapsed_seconds == 1200 + 90 + 240
    assert run.distance_m == pytest.approx(3600, rel=1e-3)
    assert run.start == a.START and run.source == "gpx" and run.sport == "running"
    assert run.average_hr == 150.0


def test_gpx_climbing_comes_from_smoothed_heights() -> None:
    points = a.samples(seconds=1800, step=5, speed=3.0, height=a.hill(45, 5400))
    run = checked(gpx.read(a.gpx(points)))
    assert run.ascent_m == pytest.approx(45, abs=0.5)
    assert run.descent_m == pytest.approx(45, abs=0.5)


def test_gps_height_noise_on_the_flat_is_not_climbing() -> None:
    noise = random.Random(3)
    points = [sample._replace(ele=100 + noise.uniform(-1.5, 1.5))
              for sample in a.samples(seconds=1800, step=2)]
    run = checked(gpx.read(a.gpx(points)))
    summed = sum(abs(b.ele - a_.ele) for a_, b in zip(points, points[1:], strict=False))  # type: ignore[operator]
    assert summed > 500  # what the raw heights would claim
    assert run.ascent_m is not None and run.ascent_m < 10
    assert run.descent_m is not None and run.descent_m < 10


def test_gpx_segments_are_pauses_between_them() -> None:
    points = a.samples(seconds=600, step=5, gaps=[(300, 600)])
    run = checked(gpx.read(a.gpx(points, segments=2)))
    assert run.seconds == 600.0
    assert run.elapsed_seconds == 1200


@pytest.mark.parametrize(("kind", "sport"), [
    ("running", "running"), ("9", "running"), (None, "running"), ("cycling", "cycling"),
    ("1", "cycling"), ("hiking", "hiking"),
])
def test_gpx_type_names_the_sport(kind: str | None, sport: str) -> None:
    assert gpx.read(a.gpx(a.samples(seconds=60), kind=kind)).sport == sport


def test_tcx_gives_the_same_numbers_as_gpx() -> None:
    points = a.samples(seconds=1200, step=5, speed=2.5, standing=[(300, 60)],
                       gaps=[(700, 180)], height=a.hill(30, 3000))
    from_tcx = checked(tcx.read(a.tcx(points, lap_seconds=None)))
    from_gpx = checked(gpx.read(a.gpx(points)))
    assert from_tcx.seconds == from_gpx.seconds == 1200 + 60
    assert from_tcx.elapsed_seconds == 1200 + 60 + 180
    assert from_tcx.distance_m == pytest.approx(3000, abs=0.5)
    assert from_tcx.ascent_m == pytest.approx(30, abs=0.5)
    assert from_tcx.descent_m == pytest.approx(30, abs=0.5)
    assert from_tcx.average_hr == 150.0 and from_tcx.source == "tcx"


def test_tcx_treadmill_run_without_positions_uses_the_device_distance() -> None:
    points = a.samples(seconds=900, step=5, speed=3.2, height=None)
    run = checked(tcx.read(a.tcx(points, positions=False)))
    assert run.distance_m == pytest.approx(2880, abs=0.5)
    assert run.seconds == 900 and run.ascent_m is None


def test_tcx_biking_is_a_ride_and_laps_alone_make_a_run() -> None:
    assert category(tcx.read(a.tcx(a.samples(seconds=60), sport="Biking")).sport) == "ride"
    laps_only = (
        b'<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        b'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
        b"<Id>2024-05-04T07:00:00Z</Id><Lap StartTime=\"2024-05-04T07:00:00Z\">"
        b"<TotalTimeSeconds>1800</TotalTimeSeconds><DistanceMeters>5000</DistanceMeters>"
        b"</Lap></Activity></Activities></TrainingCenterDatabase>"
    )
    run = checked(tcx.read(laps_only))
    assert (run.start, run.seconds, run.distance_m) == (a.START, 1800.0, 5000.0)


def test_leading_whitespace_before_the_declaration_is_tolerated() -> None:
    run = tcx.read(b"\n   " + a.tcx(a.samples(seconds=60)))
    assert run.seconds == 60


def test_effort_and_surface_vocabulary() -> None:
    assert effort_from_rpe(70) == 7.0 and effort_from_rpe(0) == 0.0
    assert effort_from_rpe(101) is None and effort_from_rpe(None) is None
    assert effort_from_rpe(float("nan")) is None
    assert surface_of("street") == "road" and surface_of("Trail Run") == "trail"
    assert surface_of("indoor_cycling") is None


def test_implausible_values_are_dropped_and_impossible_ones_refused() -> None:
    odd = Run(start=a.START, seconds=600.0, elapsed_seconds=60.0, sport="running",
              source="gpx", distance_m=5e9, ascent_m=-3.0, average_hr=900.0,
              effort=11.0, feel=140, surface="moon")
    run = checked(odd)
    assert run.elapsed_seconds == 600.0  # never shorter than the moving time
    assert (run.distance_m, run.ascent_m, run.average_hr, run.effort, run.feel,
            run.surface) == (None, None, None, None, None, None)
    with pytest.raises(ActivityError, match="start time"):
        checked(fit.read(a.fit(start=a.START.replace(year=1989, month=12, day=31))))
    with pytest.raises(ActivityError, match="time is missing"):
        checked(fit.read(a.fit(timer=8 * 24 * 3600.0)))


def test_climb_counts_turning_points_once() -> None:
    assert track.climb([100, 101, 100, 101, 100]) == (0.0, 0.0)
    assert track.climb([100, 110, 105, 120, 100]) == (25.0, 25.0)
    assert track.smoothed([1.0, 5.0, 9.0]) == [1.0, 5.0, 9.0]
