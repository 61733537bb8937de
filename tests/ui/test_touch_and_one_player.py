"""The player's buttons (a phone has no keys) and one routine at a time across windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.locations import data_dir
from coach.play.clock import FakeClock
from coach.play.engine import Status
from coach.session.playing import PlayingLock, now_playing
from coach.ui.playing_elsewhere import PlayingElsewhereScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.widgets.touch_bar import TouchBar, TouchButton
from tests.ui.helpers import screen_opens

from .helpers import player_app

PHONE = (40, 20)


async def test_the_buttons_pause_resume_and_skip_at_phone_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("coach.ui.served.served", lambda: True)  # drawn in a phone's browser
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=PHONE) as pilot:
        await screen_opens(pilot, PlayerScreen)
        bar = app.screen.query_one(TouchBar)
        for button in bar.query(TouchButton):  # every button whole on a 40-column screen
            button.active_effect_duration = 0  # taps here come faster than a thumb's
            assert button.region.width >= 6 and button.region.right <= PHONE[0]
            assert button.region.height == 3
        await pilot.click("#touch-pause")
        await pilot.pause()
        assert app.played.state().status is Status.PAUSED
        assert str(app.screen.query_one("#touch-pause", TouchButton).label) == "Resume"
        await pilot.click("#touch-pause")
        await pilot.pause()
        assert app.played.state().status is Status.RUNNING
        await pilot.click("#touch-next")
        await pilot.pause()
        assert app.played.state().index == 1
        await pilot.click("#touch-back")
        await pilot.pause()
        assert app.played.state().index == 0  # within the grace: the step before
        await pilot.click("#touch-extend")
        await pilot.pause()
        assert app.played.state().added_seconds == 30
        assert not any(button.has_focus for button in bar.query(TouchButton))


async def test_a_second_window_sees_the_routine_playing_and_does_not_play_another(
    coach_home: Path,
) -> None:
    elsewhere = PlayingLock()
    assert elsewhere.acquire("Morning warm-up")
    app = player_app(FakeClock())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await screen_opens(pilot, PlayingElsewhereScreen)
            text = " ".join(str(label.content) for label in app.screen.query("Label"))
            assert "Morning warm-up" in text and "playing in another window" in text
            await pilot.press("n")
            await screen_opens(pilot, HomeScreen)
            assert app.played is None
    finally:
        elsewhere.release()
    assert data_dir() == coach_home


async def test_the_player_says_what_it_plays_and_lets_go_when_coach_ends() -> None:
    app = player_app(FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await screen_opens(pilot, PlayerScreen)
        playing = now_playing()
        assert playing is not None and playing.routine == "Sample routine"
        assert playing.step == "Brisk walk" and playing.count == 7
    assert now_playing() is None  # coach ended mid-routine: nothing left held


@pytest.mark.parametrize(("size", "shown"), [((60, 20), False), ((100, 30), False),
                                             ((200, 50), True)])
async def test_in_a_terminal_the_buttons_never_take_the_countdowns_rows(
    size: tuple[int, int], shown: bool,
) -> None:
    app = player_app(FakeClock())
    async with app.run_test(size=size) as pilot:
        await screen_opens(pilot, PlayerScreen)
        assert app.screen.query_one(TouchBar).display is shown
