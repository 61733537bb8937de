"""What the record shows after a runner moves around the app: previews, home after a routine."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from coach.play.clock import FakeClock
from coach.ui.app import make_app
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.summary import SummaryScreen

from .helpers import AFTERNOON, sample_routine, settle_workers

SIZE = (100, 30)


async def test_a_command_line_preview_speed_stays_with_its_routine() -> None:
    clock = FakeClock()
    app = make_app(routine=sample_routine(), speed=30, clock=clock, now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        assert app.played is not None and app.played.speed == 30
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await settle_workers(app)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")  # the suggestion, started from home
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert app.played.speed == 1.0 and not app.played.is_preview
