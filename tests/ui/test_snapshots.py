"""Pin the look of the main screens at fixed sizes, with time frozen."""

from __future__ import annotations

from typing import Any

import pytest
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


def test_home_large(snap_compare: Any) -> None:
    app = make_app(clock=FakeClock(), now=lambda: MORNING)
    assert snap_compare(app, terminal_size=(200, 50), run_before=_routines_loaded)


def test_player_large(snap_compare: Any) -> None:
    clock = FakeClock()
    app = player_app(clock)
    assert snap_compare(app, terminal_size=(200, 50), run_before=_advance(clock, 10 + 12.5))


def _form(*keys: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _routines_loaded(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(60, 20), (100, 30), (200, 50)])
def test_soreness_form(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app(clock=FakeClock(), now=lambda: MORNING, log=True)
    assert snap_compare(app, terminal_size=size, run_before=_form("4", "down", "6", "down"))


@pytest.mark.parametrize(("size", "where"), [((60, 20), "home"), ((100, 30), "player"),
                                            ((200, 50), "form")])
def test_help(snap_compare: Any, size: tuple[int, int], where: str) -> None:
    clock = FakeClock()
    if where == "player":
        app = player_app(clock)
    else:
        app = make_app(clock=clock, now=lambda: MORNING, log=where == "form")
    assert snap_compare(app, terminal_size=size, run_before=_form("question_mark"))
