"""Pin the look of the main screens at fixed sizes, with time frozen."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from coach.play.clock import FakeClock
from coach.ui.app import make_app
from tests.ui.helpers import settle_workers

from .helpers import MORNING, player_app


async def _routines_loaded(pilot: Pilot[Any]) -> None:
    await settle_workers(pilot.app)
    await pilot.pause()


def _advance(clock: FakeClock, seconds: float, *keys: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()  # the player is pushed by the routine's flow, a moment after start
        clock.advance(seconds)
        pilot.app.screen.sync()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


def test_home(snap_compare: Any) -> None:
    app = make_app(clock=FakeClock(), now=lambda: MORNING)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_routines_loaded)


def test_home_small(snap_compare: Any) -> None:
    app = make_app(clock=FakeClock(), now=lambda: MORNING)
    assert snap_compare(app, terminal_size=(60, 20), run_before=_routines_loaded)


def test_player_mid_step(snap_compare: Any) -> None:
    clock = FakeClock()
    app = player_app(clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_advance(clock, 10 + 12.5))


def test_player_paused(snap_compare: Any) -> None:
    clock = FakeClock()
    app = player_app(clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=_advance(clock, 4.2, "space"))


def test_player_flexible_step_at_its_minimum(snap_compare: Any) -> None:
    clock = FakeClock()
    app = player_app(clock)
    before_walk = 10 + 30 + 5 + 30 + 20 + 20
    assert snap_compare(app, terminal_size=(100, 30), run_before=_advance(clock, before_walk + 60))


def test_player_small_terminal(snap_compare: Any) -> None:
    clock = FakeClock()
    app = player_app(clock)
    assert snap_compare(app, terminal_size=(60, 20), run_before=_advance(clock, 17))


def test_summary(snap_compare: Any) -> None:
    clock = FakeClock()
    app = player_app(clock)
    assert snap_compare(
        app, terminal_size=(100, 30), run_before=_advance(clock, 52, "right", "q", "y")
    )
