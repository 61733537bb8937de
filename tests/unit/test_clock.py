"""Clocks for the engine and the watch that notices a sleeping computer."""

from __future__ import annotations

import pytest

from coach.play.clock import FakeClock, ScaledClock, SuspendWatch


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(50.0)
    assert clock() == 50.0
    clock.advance(2.5)
    clock.advance(0)
    assert clock() == 52.5


def test_fake_clock_cannot_go_backwards() -> None:
    clock = FakeClock(50.0)
    with pytest.raises(ValueError, match="backwards"):
        clock.advance(-0.001)
    assert clock() == 50.0


@pytest.mark.parametrize("speed", [1, 30, 60, 0.5])
def test_scaled_clock_runs_speed_times_faster(speed: float) -> None:
    base = FakeClock(200.0)
    clock = ScaledClock(speed, base=base)
    assert clock() == 200.0
    base.advance(2)
    assert clock() == pytest.approx(200.0 + 2 * speed)
    base.advance(1)
    assert clock() == pytest.approx(200.0 + 3 * speed)


@pytest.mark.parametrize("speed", [0, -1, -0.5])
def test_scaled_clock_needs_a_positive_speed(speed: float) -> None:
    with pytest.raises(ValueError, match="above zero"):
        ScaledClock(speed, base=FakeClock())


def test_scaled_clock_on_the_real_monotonic_clock_never_goes_backwards() -> None:
    clock = ScaledClock(30)
    readings = [clock() for _ in range(1000)]
    assert readings == sorted(readings)


def watch(threshold: float = 5.0) -> tuple[SuspendWatch, FakeClock, FakeClock]:
    monotonic, reference = FakeClock(10.0), FakeClock(5000.0)
    w = SuspendWatch(threshold=threshold, monotonic=monotonic, reference=reference)
    return w, monotonic, reference


def test_no_sleep_when_both_clocks_move_together() -> None:
    w, monotonic, reference = watch()
    monotonic.advance(100)
    reference.advance(100)
    assert w.check() == 0.0


@pytest.mark.parametrize(("gap", "reported"), [(3.0, 0.0), (5.0, 0.0), (5.5, 5.5), (600.0, 600.0)])
def test_a_gap_counts_as_sleep_only_above_the_threshold(gap: float, reported: float) -> None:
    w, monotonic, reference = watch()
    monotonic.advance(1)
    reference.advance(1 + gap)
    assert w.check() == reported


def test_a_sleep_is_reported_once() -> None:
    w, monotonic, reference = watch()
    reference.advance(600)
    monotonic.advance(2)
    reference.advance(2)
    assert w.check() == 600.0
    monotonic.advance(1)
    reference.advance(1)
    assert w.check() == 0.0


def test_the_gap_is_measured_since_the_previous_check() -> None:
    w, monotonic, reference = watch(threshold=10)
    reference.advance(8)
    assert w.check() == 0.0
    reference.advance(8)
    assert w.check() == 0.0
    reference.advance(30)
    assert w.check() == 30.0


def test_the_default_watch_reports_no_sleep_right_away() -> None:
    assert SuspendWatch().check() == 0.0
