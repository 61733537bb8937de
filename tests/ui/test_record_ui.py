"""What the record shows after a runner moves around the app: previews, home after a routine."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from coach.play.clock import FakeClock
from coach.ui.app import make_app
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.summary import SummaryScreen
from tests.ui.helpers import screen_opens

from .helpers import AFTERNOON, sample_routine, settle_workers

SIZE = (100, 30)


async def test_a_command_line_preview_speed_stays_with_its_routine() -> None:
    clock = FakeClock()
    app = make_app(routine=sample_routine(), speed=30, clock=clock, now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        assert app.played is not None and app.played.speed == 30
        await pilot.press("q", "y")
        await screen_opens(pilot, SummaryScreen)
        await pilot.press("enter")
        await settle_workers(app)
        await screen_opens(pilot, HomeScreen)
        await pilot.press("s")  # the suggestion, started from home
        await screen_opens(pilot, PlayerScreen)
        assert app.played.speed == 1.0 and not app.played.is_preview


async def test_home_after_a_routine_clears_the_filter_and_focuses_the_list() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        await settle_workers(app)
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("slash", *"quick warm", "enter")
        await screen_opens(pilot, PlayerScreen)
        await pilot.press("q", "y")
        await pilot.pause()
        await pilot.press("enter")  # leaves the summary
        await settle_workers(app)
        await pilot.pause()
        assert app.screen is home
        box = home.query_one("#filter", Input)
        assert box.value == "" and home.query_text == "" and not box.has_focus
        assert home.query_one("#routines", OptionList).has_focus
        await pilot.press("h")  # a key, not a letter typed into a search box
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)


async def test_slash_also_finds_a_routine_by_one_of_its_steps() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        await settle_workers(app)
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("slash", *"towel scrunch")
        await pilot.pause()
        assert home.query_text == "towel scrunch"
        options = home.query_one("#routines", OptionList)
        shown = [str(options.get_option_at_index(i).prompt).strip()
                 for i in range(options.option_count)]
        assert any(row.startswith("Foot care") for row in shown), shown


@pytest.mark.parametrize("width", [30, 44, 52, 80])
def test_a_routine_row_never_breaks_its_length_or_its_tag(width: int) -> None:
    from rich.console import Console
    from rich.text import Text

    from coach.ui.widgets.routine_list import RoutineRow

    row = RoutineRow(Text("Before intervals or a race"), "18–22 min + open",
                     "user (replaces built-in)")
    console = Console(width=width, record=True, color_system=None)
    console.print(row)
    lines = [line.rstrip() for line in console.export_text().splitlines()]
    assert all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    assert "18–22 min + open" in text and "user (replaces built-in)" in text
    assert str(row) == "  Before intervals or a race  18–22 min + open  user (replaces built-in)"


@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
async def test_the_stop_dialog_leaves_the_player_visible_behind_it(
    size: tuple[int, int],
) -> None:
    from coach.ui.screens.confirm import ConfirmScreen

    from .helpers import player_app
    from .hostile import frame

    app = player_app(FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.press("q")
        await screen_opens(pilot, ConfirmScreen)
        text = "\n".join(frame(app).lines)
        assert "Stop this routine?" in text
        assert "Brisk walk" in text  # the step, still there around the question


async def test_the_no_sound_notice_waits_for_the_countdown_to_end_and_comes_once() -> None:
    from coach.ui.sound import SoundNotice

    from .helpers import player_app

    app = player_app(FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(SoundNotice("no sound device found; using the terminal bell"))
        await screen_opens(pilot, PlayerScreen)
        assert not [n for n in app._notifications if n.title == "Sound"]  # not over it
        await pilot.press("q", "y")
        await pilot.pause()
        app.post_message(SoundNotice("no sound device found; using the terminal bell"))
        await pilot.pause()
        assert len([n for n in app._notifications if n.title == "Sound"]) == 1


@pytest.mark.parametrize("size", [(60, 20), (100, 30), (200, 50)])
async def test_pausing_keeps_the_digits_their_size(size: tuple[int, int]) -> None:
    from coach.ui.widgets.countdown import BigCountdown

    from .helpers import player_app

    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=size) as pilot:
        clock.advance(2)
        await pilot.pause()
        countdown = app.screen.query_one("#countdown", BigCountdown)
        running = countdown.scale
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one("#countdown", BigCountdown).scale == running
