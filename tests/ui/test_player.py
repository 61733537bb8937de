"""The player as a runner uses it: keys in, engine state and screens out."""

from __future__ import annotations

from textual.widgets import Label

from coach.play.clock import FakeClock
from coach.play.engine import Status
from coach.play.events import EndStatus, Outcome, StepEnded
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.widgets.countdown import BigCountdown
from coach.ui.widgets.footer import CoachFooter

from .helpers import footer_keys, footer_shows, player_app, screen_opens, until
from .hostile import frame

SIZE = (100, 30)


def shown(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#countdown", BigCountdown).value)


def outcomes(app) -> list[tuple[str, Outcome]]:  # type: ignore[no-untyped-def]
    return [(e.step.title, e.outcome) for e in app.played.events if isinstance(e, StepEnded)]


async def test_player_starts_on_the_first_step_with_its_countdown() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await screen_opens(pilot, PlayerScreen)
        assert shown(app) == "0:10"
        assert "Brisk walk" in str(app.screen.query_one("#title", Label).content)
        assert "Next: Calf stretch — left (30 s)" in str(
            app.screen.query_one("#next", Label).content
        )
        clock.advance(3.5)
        app.screen.sync()
        await pilot.pause()
        assert shown(app) == "0:07"


async def test_space_pauses_and_time_stands_still_until_resumed() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(4)
        await pilot.press("space")
        assert app.played.state().status is Status.PAUSED
        assert app.screen.has_class("-paused")
        clock.advance(100)
        app.screen.sync()
        await pilot.pause()
        assert shown(app) == "0:06"
        # Said in the caption: a hint line appearing would shrink the digits.
        assert "Paused" in str(app.screen.query_one("#caption", Label).content)
        await pilot.press("space")
        assert app.played.state().status is Status.RUNNING
        clock.advance(1)
        app.screen.sync()
        await pilot.pause()
        assert shown(app) == "0:05"


async def test_next_skips_and_back_returns_to_the_previous_step() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")
        assert app.played.state().step.title == "Calf stretch — left"
        assert outcomes(app) == [("Brisk walk", Outcome.SKIPPED)]
        await pilot.press("b")
        assert app.played.state().step.title == "Brisk walk"
        await pilot.press("n")
        clock.advance(10)
        await pilot.press("left")
        state = app.played.state()
        assert state.step.title == "Calf stretch — left"
        assert state.step_elapsed == 0


async def test_plus_adds_thirty_seconds_to_the_step() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        assert app.played.state().step_limit == 40
        assert shown(app) == "0:40"
        assert "+30 s added" in str(app.screen.query_one("#hint", Label).content)


async def test_enter_only_finishes_flexible_steps_past_their_minimum() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert app.played.state().index == 0
        clock.advance(10 + 30 + 5 + 30 + 20 + 20 + 30)
        app.screen.sync()
        await pilot.pause()
        state = app.played.state()
        assert state.step.name == "Cool-down walk"
        assert not state.can_finish
        await pilot.press("enter")
        assert app.played.state().step.name == "Cool-down walk"
        clock.advance(30)
        app.screen.sync()
        await pilot.pause()
        hint = str(app.screen.query_one("#hint", Label).content)
        assert "You can finish now" in hint and "1:00" in hint
        await pilot.press("enter")
        assert app.played.state().step.name == "Ready?"


async def test_the_answer_to_an_early_enter_stays_long_enough_to_read() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(10 + 30 + 5 + 30 + 20 + 20 + 10)
        app.screen.sync()
        await pilot.pause()
        await pilot.press("enter")
        notice = app.screen.query_one("#notice", Label)
        assert "Enter finishes this step from 1:00 on: 0:50 to go." in str(notice.content)
        for _ in range(3):  # the countdown ticks on; the answer stays
            clock.advance(1)
            app.screen.sync()
            await pilot.pause()
        assert not notice.has_class("-empty")


async def test_going_back_to_a_flexible_step_offers_done_again() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(10 + 30 + 5 + 30 + 20 + 20 + 61)  # the walk's minimum is past
        app.screen.sync()
        await pilot.pause()
        assert app.screen.check_action("command", ("done",))
        await pilot.press("enter")  # on to the open "Ready?" step
        await pilot.press("left")  # in its first seconds: back to the walk
        await pilot.pause()
        state = app.played.state()
        assert state.step.name == "Cool-down walk" and not state.can_finish
        await pilot.pause()
        assert "enter Done" in frame(app).lines[-1]


async def test_q_asks_before_stopping_and_n_keeps_going() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(2)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        # The routine waits while the runner hesitates on the dialog.
        assert app.played.state().status is Status.PAUSED
        clock.advance(100)
        await pilot.press("n")
        await screen_opens(pilot, PlayerScreen)
        state = app.played.state()
        assert (state.status, state.index, state.step_elapsed) == (Status.RUNNING, 0, 2.0)
        clock.advance(4)
        await pilot.press("q", "y")
        await screen_opens(pilot, SummaryScreen)
        assert app.screen.summary.status is EndStatus.STOPPED
        assert outcomes(app) == [("Brisk walk", Outcome.STOPPED)]
        assert app.screen.summary.visits[0].actual_seconds == 6.0


async def test_escape_on_the_stop_dialog_goes_on_and_ctrl_q_asks_too() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.press("escape")
        await screen_opens(pilot, PlayerScreen)
        assert app.played.state().status is Status.RUNNING
        await pilot.press("ctrl+q")
        await screen_opens(pilot, ConfirmScreen)
        assert "quit" in str(app.screen.query_one("#question", Label).content)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and app.is_running
        clock.advance(3)
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert outcomes(app) == [("Brisk walk", Outcome.STOPPED)]
    assert app.return_code in (0, None)


async def test_following_to_the_end_shows_the_summary_then_home() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(10 + 30 + 5 + 30)
        app.screen.sync()
        await pilot.press("right")  # skip the first stride
        clock.advance(20 + 120)  # second stride, then the walk runs to its maximum
        app.screen.sync()
        await pilot.pause()
        assert app.played.state().step.name == "Ready?"
        await pilot.press("enter")
        await screen_opens(pilot, SummaryScreen)
        summary = app.screen.summary
        assert summary.status is EndStatus.COMPLETED
        assert summary.planned_steps == 7
        assert summary.steps_done == 6
        assert "1 skipped" in str(app.screen.query_one("#counts", Label).content)
        await pilot.press("enter")
        await screen_opens(pilot, HomeScreen)


def label(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Label).content)


async def test_the_footer_is_rebuilt_only_when_its_keys_change() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await footer_shows(pilot, "Pause", "Mute", "Stop", "Help")
        footer = app.screen.query_one(CoachFooter)
        before = list(footer.children)
        await pilot.press("right")  # the next step: the same keys, the same widgets
        await pilot.pause()
        assert app.played.state().step.title == "Calf stretch — left"
        assert list(footer.children) == before
        await pilot.press("space")  # paused: Pause gives way to Resume
        await until(pilot, lambda: "Resume" in footer_keys(app), "Resume shown")
        assert "Pause" not in footer_keys(app)


async def test_the_countdown_grows_with_the_terminal_and_the_keys_stay() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await footer_shows(pilot, "Pause", "Mute", "Stop", "Help")
        countdown = app.screen.query_one("#countdown", BigCountdown)
        cue = app.screen.query_one("#cue")
        assert countdown.scale[0] >= 2  # block digits, at least two cells a pixel
        assert countdown.region.bottom <= 20 and cue.region.bottom <= 19
        assert cue.region.height >= 1
        small = countdown.scale
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        across, down = countdown.scale
        assert down * 5 / 2 > 50 / 3 + 3  # the digits take well over a third of the height
        assert across > small[0]
        drawn = [line for line in countdown.render_lines(countdown.region.reset_offset)
                 if line.text.strip()]
        assert len(drawn) >= down * 5 // 2
        # The name and the cue stay ordinary text, readable and selectable.
        assert label(app, "#title") == "Brisk walk"
        assert "Tall posture" in str(app.screen.query_one("#cue").content)  # type: ignore[attr-defined]
        await pilot.resize_terminal(40, 15)
        await pilot.pause()
        assert countdown.scale[0] >= 1 and countdown.region.height >= 3
        await footer_shows(pilot, "Pause", "Mute", "Stop", "Help")


async def test_a_flexible_walk_says_its_length_and_the_time_left_counts_down() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.advance(10 + 30 + 5 + 30 + 20 + 20 - 1)
        app.screen.sync()
        await pilot.pause()
        assert label(app, "#next") == "Next: Cool-down walk (1–2 min)"
        clock.advance(1)
        app.screen.sync()
        await pilot.pause()
        assert label(app, "#remaining").startswith("1:00–2:00 + open left")
        assert label(app, "#hint").startswith("1–2 min: you can finish in 1:00")
        clock.advance(47)
        app.screen.sync()
        await pilot.pause()
        assert label(app, "#remaining").startswith("0:13–1:13 + open left")
        assert label(app, "#hint").startswith("1–2 min: you can finish in 0:13")


async def test_the_summary_at_60_columns_shows_every_column() -> None:
    from coach.routine.catalog import discover

    routine = next(r for r in discover().routines if r.id == "full-cool-down")
    app = player_app(FakeClock(), routine)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        await screen_opens(pilot, SummaryScreen)
        lines = frame(app).lines
        assert any("Planned" in line and "Actual" in line and "Outcome" in line
                   for line in lines)
        assert sum("not reached" in line for line in lines) >= 5
        assert any("— left" in line for line in lines)  # a cut name keeps its side
