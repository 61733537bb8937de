"""Soreness check-ins as a runner meets them: after a cool-down, the next day, and on their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Label

from coach.play.clock import FakeClock
from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.timeline import expand
from coach.store import Store
from coach.ui.app import make_app
from coach.ui.screens.advice import AdviceScreen
from coach.ui.screens.follow_up import FollowUpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.soreness import SorenessScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.widgets.rating import Rating
from tests.ui.helpers import screen_opens, settle_workers, until
from tests.ui.hostile import frame

NOW = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)


def cool_down() -> Routine:
    return Routine(
        id="walk",
        name="Short cool-down",
        kind="cool-down",
        summary="",
        steps=(
            Step("Cool-down walk", "walk", StepTime(60, 120)),
            Step("Calf stretch", "stretch", StepTime(30, 30), sides=True),
        ),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "coach.db") as opened:
        yield opened


async def finish_cool_down(app, pilot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await settle_workers(app)
    clock.advance(120 + 30 + 5 + 30)
    app.screen.sync()
    await screen_opens(pilot, SummaryScreen)
    await pilot.press("enter")
    await pilot.pause()


async def test_after_a_cool_down_the_rating_is_saved_with_advice(store: Store) -> None:
    clock = FakeClock()
    app = make_app(routine=cool_down(), clock=clock, now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_cool_down(app, pilot, clock)
        assert isinstance(app.screen, SorenessScreen)
        await pilot.press("6")  # overall
        await pilot.press("down", "down", "down", "down", "7")  # calves
        await pilot.press("ctrl+s")
        await screen_opens(pilot, AdviceScreen)
        shown = [tip.id for tip in app.screen.advice.tips]
        assert shown
        await pilot.press("enter")
        await screen_opens(pilot, HomeScreen)
    [session] = store.list_sessions()
    assert session.status == "completed"
    assert session.soreness_after == 6
    [entry] = store.get_session(session.id).soreness
    assert entry.timing == "after"
    assert entry.regions["calves"] == 7
    assert entry.advice == tuple(shown)


async def test_escape_skips_the_rating_and_saves_nothing(store: Store) -> None:
    clock = FakeClock()
    app = make_app(routine=cool_down(), clock=clock, now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_cool_down(app, pilot, clock)
        await pilot.press("escape")
        await screen_opens(pilot, HomeScreen)
    [session] = store.list_sessions()
    assert store.get_session(session.id).soreness == ()


async def test_a_wrong_run_length_is_explained_and_nothing_is_lost(store: Store) -> None:
    clock = FakeClock()
    app = make_app(routine=cool_down(), clock=clock, now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_cool_down(app, pilot, clock)
        screen = app.screen
        assert isinstance(screen, SorenessScreen)
        await pilot.press("3")
        minutes = screen.query_one("#minutes", Input)
        error = screen.query_one("#minutes-error", Label)
        minutes.focus()
        await pilot.press(*"40e", "-", "x")  # only numbers go in, as they are typed
        assert minutes.value == "40"
        await pilot.press("backspace", "backspace", "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and minutes.has_focus
        assert "up to 1440" in str(error.content) and error.display
        await pilot.press("backspace", "4", "2")
        await pilot.pause()
        assert not error.display  # fixed: the error goes at once
        await pilot.press("ctrl+s")
        await screen_opens(pilot, AdviceScreen)
    [entry] = store.soreness_history()
    assert (entry.overall, entry.run_minutes) == (3, 42)


async def test_the_form_takes_every_key_in_order_and_marks_the_row_it_changes(
    store: Store,
) -> None:
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store, log=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SorenessScreen)
        await pilot.press("4", "down", "6")  # ↓ moves to the next row, 6 sets it
        rows = {row.id: row for row in screen.query(Rating)}
        assert (rows["overall"].value, rows["region-feet"].value) == (4, 6)
        # Typed faster than the screen redraws: every key lands on the row it was meant for.
        keys = ["tab", "1", "tab", "2", "right", "right", "tab", "3", "left", "down", "t",
                "down", "5", "up", "up", "backspace"]
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        values = [rows[f"region-{key}"].value for key in
                  ("ankles", "shins", "calves", "knees", "quads")]
        assert values == [1, 4, 0, 10, 5]
        assert rows["region-calves"].has_focus
        # The focused row is marked, not only bold; a paste is typed key by key.
        lines = "\n".join(frame(app).lines)
        assert "▶ Calves" in lines and "▶ Shins" not in lines
        rows["region-calves"].post_message(events.Paste("7\t8"))  # as the terminal sends it
        await pilot.pause()
        assert (rows["region-calves"].value, rows["region-knees"].value) == (7, 8)
        assert rows["region-knees"].has_focus
        await pilot.press("ctrl+s")
        await screen_opens(pilot, AdviceScreen)
    [entry] = store.soreness_history()
    assert (entry.overall, entry.regions["calves"], entry.regions["knees"]) == (4, 7, 8)


def seed_yesterday(store: Store) -> str:
    timeline = expand(cool_down())
    began = NOW - timedelta(hours=24)
    session_id = store.start_session(timeline, "after", started_at=began)
    for step in timeline.steps:
        store.record_step(session_id, step, "done", 30, 30, began + timedelta(minutes=1))
    store.end_session(session_id, "completed", 240, ended_at=NOW - timedelta(hours=23))
    return session_id


async def test_the_next_day_question_is_asked_and_linked_to_the_session(store: Store) -> None:
    session_id = seed_yesterday(store)
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await screen_opens(pilot, FollowUpScreen)
        # Centred over the home screen, as big as its words: not in a corner, not full height.
        box = app.screen.query_one("#dialog").region
        assert abs((box.x + box.right) / 2 - 50) <= 1 and abs((box.y + box.bottom) / 2 - 20) <= 1
        assert box.width <= 76 and box.height <= 12
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SorenessScreen)
        assert not form.query("#effort")
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
    [entry] = store.soreness_history()
    assert (entry.timing, entry.session_id, entry.overall) == ("next day", session_id, 5)
    assert store.pending_follow_up(NOW) is None


async def test_not_now_means_the_question_is_not_asked_again(store: Store) -> None:
    seed_yesterday(store)
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await screen_opens(pilot, FollowUpScreen)
        await pilot.press("n")
        await screen_opens(pilot, HomeScreen)
    again = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)
    assert store.soreness_history() == []


async def test_log_records_a_standalone_rating_then_exits(store: Store) -> None:
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store, log=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await screen_opens(pilot, SorenessScreen)
        await pilot.press("2", "ctrl+s")
        await screen_opens(pilot, AdviceScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.return_code is not None or not app.is_running
    [entry] = store.soreness_history()
    assert (entry.timing, entry.session_id, entry.overall) == ("standalone", None, 2)


async def test_an_unusable_database_is_reported_and_the_routine_still_plays(
    coach_home: Path,
) -> None:
    coach_home.mkdir(parents=True)
    (coach_home / "coach.db").write_bytes(b"this is not a database" * 100)
    clock = FakeClock()
    app = make_app(routine=cool_down(), clock=clock, now=lambda: NOW)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: any("nothing is recorded" in n.message
                                       for n in app._notifications), "the history's notice")
        assert app.played.recorder is None
        await finish_cool_down(app, pilot, clock)
        assert isinstance(app.screen, HomeScreen)
    assert (coach_home / "coach.db").read_bytes() == b"this is not a database" * 100


async def test_steps_that_end_before_the_history_opens_are_still_recorded(store: Store) -> None:
    clock = FakeClock()
    app = make_app(routine=cool_down(), clock=clock, now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        # The walk ends at once, before the session row can have been written.
        clock.advance(120)
        app.screen.sync()
        await until(pilot, lambda: app.played.recorder is not None, "the recorder attached")
    [session] = store.list_sessions()
    steps = store.get_session(session.id).steps
    assert [step.name for step in steps] == ["Cool-down walk"]


@pytest.mark.parametrize("size", [(60, 20), (100, 30)])
async def test_the_next_day_question_fits_a_small_terminal(
    store: Store, size: tuple[int, int]
) -> None:
    seed_yesterday(store)
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=size) as pilot:
        await settle_workers(app)
        await screen_opens(pilot, FollowUpScreen)
        box = app.screen.query_one("#dialog").region
        assert box.x >= 0 and box.right <= size[0] and box.bottom <= size[1]
        for button in app.screen.query("Button"):
            assert button.region.right <= box.right - 2  # inside the frame, never cut off
            assert any(str(button.label).strip() in line for line in frame(app).lines)


async def test_ctrl_q_in_a_half_filled_form_asks_first(store: Store) -> None:
    from coach.ui.screens.confirm import ConfirmScreen

    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store, log=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SorenessScreen)
        await pilot.press("ctrl+q")  # nothing typed yet: nothing to lose
        await pilot.pause()
    assert app.return_code is not None
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store, log=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        await pilot.press("6", "ctrl+q")
        await screen_opens(pilot, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#overall", Rating).value == 6
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [entry.overall for entry in store.soreness_history()] == [6]
