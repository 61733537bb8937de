"""A personal experiment as the runner meets it: today's assignment on the home screen and in
the player, a word on each run recorded, the next-day question after a run with no routine,
and the verdict when it is complete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label, Static

from coach.insights import experiment
from coach.play.clock import FakeClock
from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.timeline import expand
from coach.store import Store
from coach.store.experiments import schedule
from coach.ui.app import make_app
from coach.ui.screens.advice import AdviceScreen
from coach.ui.screens.follow_up import FollowUpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.soreness import SorenessScreen
from coach.ui.widgets.rating import Rating
from tests.ui.helpers import screen_opens, settle_workers, until

NOW = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
STARTED = NOW - timedelta(days=1)


def seed_starting(arm: str) -> int:
    """A seed whose schedule's first run is ``arm``."""
    return next(seed for seed in range(100) if schedule(seed, 12)[0] == arm)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "coach.db") as opened:
        yield opened


def start(store: Store, arm: str, factor: str = "cool-down") -> None:
    experiment.start(store, factor, STARTED, seed=seed_starting(arm))


def cool_down() -> Routine:
    return Routine(id="walk", name="Short cool-down", kind="cool-down", summary="",
                   steps=(Step("Cool-down walk", "walk", StepTime(60, 120)),))


def home_line(app) -> str:  # type: ignore[no-untyped-def]
    box = app.screen.query_one("#experiment", Static)
    return "" if box.has_class("-empty") else str(box.content)


async def home_screen(app, pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    """The home screen once its routines and the experiment's line are in."""
    await settle_workers(app)
    await screen_opens(pilot, HomeScreen)
    return app.screen


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [note.message for note in app._notifications]


async def test_home_tells_todays_assignment(store: Store) -> None:
    start(store, "without")
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await screen_opens(pilot, HomeScreen)
        line = home_line(app)
        assert "Experiment, run 1 of 12: skip the cool-down walk today" in line
        assert "log it" in line  # no routine after the run: how the run still counts
        assert app.screen.query_one("#experiment").region.height >= 1


async def test_home_says_nothing_without_an_experiment(store: Store) -> None:
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        assert home_line(app) == ""
        assert app.screen.query_one("#experiment").region.height == 0


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """The player's line is read by a worker the play flow starts: wait for both."""
    for _ in range(3):
        await pilot.pause()
        await settle_workers(app)
    await pilot.pause()


async def player_line(app, pilot) -> Label:  # type: ignore[no-untyped-def]
    """The player's experiment line, once its worker has told it (a loaded machine can
    take a while to run the worker the play flow starts)."""
    await until(pilot, lambda: isinstance(app.screen, PlayerScreen) and app.screen.experiment,
                "the player's experiment line")
    await pilot.pause()
    return app.screen.query_one("#experiment", Label)


async def test_the_player_says_the_cool_down_goes_against_a_without_day(store: Store) -> None:
    start(store, "without")
    app = make_app(routine=cool_down(), clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        label = await player_line(app, pilot)
        assert isinstance(app.screen, PlayerScreen)
        text = str(label.content)
        assert "today is without the cool-down" in text
        assert "does not follow its assignment" in text
        assert label.region.height >= 1


async def test_the_player_says_a_with_day_plainly(store: Store) -> None:
    start(store, "with")
    app = make_app(routine=cool_down(), clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        text = str((await player_line(app, pilot)).content)
        assert "Experiment, run 1 of 12: do the cool-down walk" in text
        assert "does not follow" not in text


async def test_a_preview_says_nothing_about_the_experiment(store: Store) -> None:
    start(store, "without")
    app = make_app(routine=cool_down(), speed=10, clock=FakeClock(), now=lambda: NOW,
                   store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one("#experiment", Label).has_class("-empty")


async def log_run(app, pilot, effort: int, minutes: str = "40") -> None:  # type: ignore[no-untyped-def]
    await pilot.press("l")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, SorenessScreen)
    await pilot.press("2")
    form.query_one("#effort", Rating).value = effort
    form.query_one("#minutes", Input).value = minutes
    await pilot.press("ctrl+s")
    await screen_opens(pilot, AdviceScreen)


async def test_a_run_logged_without_a_routine_takes_its_assignment(store: Store) -> None:
    start(store, "without")
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await log_run(app, pilot, effort=5)
        await pilot.press("enter")  # the advice read, the word on the run follows
        await settle_workers(app)
        await pilot.pause()
        recorded = "run 1 of 12 recorded: without the cool-down walk, as assigned"
        assert any(recorded in note for note in notes(app))
        # Home no longer tells the runner to skip what they already skipped.
        assert recorded in home_line(app)
    state = experiment.status(store, NOW)
    assert state is not None and state.done == 1


async def test_a_hard_run_is_not_counted_and_says_why(store: Store) -> None:
    start(store, "without")
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await log_run(app, pilot, effort=9)
        await pilot.press("enter")
        await settle_workers(app)
        await pilot.pause()
        said = " ".join(notes(app))
        assert "does not count" in said and "effort 9 of 10" in said
        assert "do your cool-down walk as usual" in home_line(app)
    state = experiment.status(store, NOW)
    assert state is not None and state.done == 0 and len(state.skipped) == 1


async def test_the_next_day_question_comes_after_a_run_with_no_routine(store: Store) -> None:
    start(store, "without")
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=NOW - timedelta(hours=20))
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FollowUpScreen)
        assert not dialog.query("#never")  # its rating is the result: no "don't ask"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("y")
        await screen_opens(pilot, SorenessScreen)
        await pilot.press("4", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
    next_day = [entry for entry in store.soreness_history() if entry.timing == "next day"]
    assert [(entry.overall, entry.session_id) for entry in next_day] == [(4, None)]
    state = experiment.status(store, NOW)
    assert state is not None and state.days[0].next_day == 4
    assert experiment.next_day_due(store, NOW) is None


async def test_a_day_without_the_cool_down_suggests_none(store: Store) -> None:
    start(store, "without")
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await home_screen(app, pilot)
        assert any(s.routine.kind == "cool-down" for s in home.suggested)
        assert not any(s.routine.kind == "cool-down" for s in home.suggestions)
        assert "cool-down" not in str(home.query_one("#suggestion", Static).content).lower()
        await pilot.press("c")  # no suggested cool-down to start
        await pilot.pause()
        assert app.screen is home


async def test_a_with_day_still_suggests_the_cool_down(store: Store) -> None:
    start(store, "with")
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await home_screen(app, pilot)
        assert [s.routine.id for s in home.suggestions] == [s.routine.id for s in home.suggested]


async def test_the_next_day_after_an_experiment_routine_has_no_dont_ask(store: Store) -> None:
    start(store, "with")
    ran = NOW - timedelta(hours=22)
    session = store.start_session(expand(cool_down()), "after", started_at=ran)
    step = expand(cool_down()).steps[0]
    store.record_step(session, step, "done", 300, 300, ran + timedelta(minutes=5))
    store.end_session(session, "completed", 300, ended_at=ran + timedelta(minutes=6))
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FollowUpScreen)
        assert not dialog.query("#never")
        assert "what the experiment compares" in str(dialog.query_one("#dialog-detail",
                                                                        Label).content)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog


async def test_later_asks_again_at_the_next_start(store: Store) -> None:
    start(store, "without")
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=NOW - timedelta(hours=20))
    for _ in range(2):
        app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle_workers(app)
            await screen_opens(pilot, FollowUpScreen)
            await pilot.press("l")
            await screen_opens(pilot, HomeScreen)


async def test_a_completed_experiment_shows_its_verdict_on_home(store: Store) -> None:
    seed = seed_starting("with")
    experiment.start(store, "cool-down", STARTED - timedelta(days=40), runs=6, seed=seed)
    arms = schedule(seed, 6)
    for number, arm in enumerate(arms):
        ran = STARTED - timedelta(days=38 - 3 * number)
        store.add_soreness(2, effort=5, run_minutes=40, recorded_at=ran)
        store.add_soreness((2 if arm == "with" else 5) + number % 2, timing="next day",
                           recorded_at=ran + timedelta(hours=20))
    experiment.refresh(store, NOW)
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        line = home_line(app)
        assert "Experiment on the cool-down walk complete. Next-day soreness" in line
        assert "(randomised, 3 and 3 runs)" in line
        assert "more runs to see a 1-point difference" in line or "can already show" in line


def test_an_experiment_day_has_no_never_key() -> None:
    screen = FollowUpScreen(None, NOW)
    assert screen.check_action("answer", ("never",)) is False
    assert screen.check_action("answer", ("rate",)) is True


async def test_after_the_warm_up_home_says_what_is_left(store: Store) -> None:
    from tests.support.seed import warm_up_timeline

    start(store, "with", factor="warm-up")
    timeline = warm_up_timeline()
    began = NOW - timedelta(minutes=20)
    session = store.start_session(timeline, "before", began)
    for step in timeline.steps:
        store.record_step(session, step, "done", 30, 30, began)
    store.end_session(session, "completed", 600, NOW - timedelta(minutes=8))
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_screen(app, pilot)
        line = home_line(app)
        assert "Experiment, run 1 of 12: warm-up done, as assigned" in line
        assert "warm up before your run today" not in line


async def test_a_day_without_stretches_suggests_no_routine_that_has_them(store: Store) -> None:
    start(store, "without", factor="stretch")
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        home = await home_screen(app, pilot)
        for _ in range(3):
            await pilot.pause()
            await settle_workers(app)
        assert "full-cool-down" in home.held_back  # it has the stretches
        assert "cool-down-walk" not in home.held_back  # a walk alone is fine today
        assert all(s.routine.id not in home.held_back for s in home.suggestions)
        highlighted = home._highlighted()
        assert highlighted is not None and highlighted.id not in home.held_back


async def test_the_list_stays_put_when_the_experiment_line_is_in(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The list and the preview are drawn with the line above them already in place: a line
    that came a frame later would push them down under the runner's eyes."""
    start(store, "without")
    lines_with_the_list: list[str] = []
    shown = HomeScreen.show_routines

    def show_and_look(screen: HomeScreen, *args: Any, **kwargs: Any) -> None:
        shown(screen, *args, **kwargs)
        lines_with_the_list.append(home_line(screen.app))

    monkeypatch.setattr(HomeScreen, "show_routines", show_and_look)
    app = make_app(clock=FakeClock(), now=lambda: NOW, store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await home_screen(app, pilot)
        await settle(app, pilot)
        assert len(lines_with_the_list) == 1
        assert lines_with_the_list[0] == home_line(app) != ""
