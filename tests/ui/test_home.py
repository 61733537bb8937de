"""The home screen: routines grouped by kind, a suggestion for the moment, start and preview."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from coach.play.clock import FakeClock
from coach.routine.timeline import expand
from coach.ui.app import make_app
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.preview import PreviewScreen
from tests.ui.helpers import screen_opens, settle_workers
from tests.ui.hostile import find_on_screen, frame

from .helpers import AFTERNOON, MORNING

SIZE = (100, 30)


async def ready(app, pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await settle_workers(app)
    await screen_opens(pilot, HomeScreen)
    return app.screen


def prompts(home: HomeScreen) -> list[str]:
    options = home.query_one("#routines", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_routines_are_grouped_by_kind_with_their_times() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        rows = prompts(home)
        assert rows.index("Warm-ups · before a run") < rows.index("  Dynamic warm-up  12–14 min")
        assert rows.index("Cool-downs · after a run") < rows.index("  Cool-down walk  5–10 min")


async def test_morning_suggests_the_longer_warm_up_and_says_why() -> None:
    app = make_app(clock=FakeClock(), now=lambda: MORNING)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        text = str(home.query_one("#suggestion", Static).content)
        assert "Suggested: Morning warm-up" in text
        assert "morning" in text.lower()
        assert home.suggestions[0].routine.id == "morning-warm-up"


async def test_afternoon_suggests_the_regular_warm_up() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        assert home.suggestions[0].routine.id == "warm-up"
        assert home.suggestions[1].routine.id == "full-cool-down"


async def test_s_starts_the_suggestion_and_enter_the_highlighted_routine() -> None:
    app = make_app(clock=FakeClock(), now=lambda: MORNING)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("s")
        assert isinstance(app.screen, PlayerScreen)
        assert app.played is not None
        assert app.played.timeline.routine_id == "morning-warm-up"
        await pilot.press("q", "y")
        await pilot.press("enter")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("down")
        chosen = home._highlighted()
        assert chosen is not None
        await pilot.press("enter")
        assert app.played.timeline.routine_id == chosen.id


async def test_p_previews_the_whole_timeline_and_enter_starts_it() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        assert isinstance(app.screen, PreviewScreen)
        assert app.screen.routine.id == "warm-up"
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p", "enter")
        await screen_opens(pilot, PlayerScreen)


async def test_a_broken_user_routine_is_listed_and_cannot_start(coach_home: Path) -> None:
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "Mine"\nkind = "warm-up"\n', encoding="utf-8")
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        rows = prompts(home)
        assert "Can't be loaded" in rows
        options = home.query_one("#routines", OptionList)
        options.highlighted = options.get_option_index("mine")
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        preview = str(home.query_one("#preview", Static).content)
        assert "coach routines validate" in preview


async def test_a_user_routine_replacing_a_built_in_says_so(coach_home: Path) -> None:
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    (folder / "warm-up.toml").write_text(
        'name = "My warm-up"\nkind = "warm-up"\n\n[[steps]]\nname = "Jog"\ntime = "1m"\n',
        encoding="utf-8",
    )
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        assert "  My warm-up  1 min  user (replaces built-in)" in prompts(home)


async def test_slash_finds_a_routine_and_a_click_picks_one_a_double_click_starts() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        await pilot.press("slash", *"shin")  # a name, as it is typed
        assert [row.strip() for row in prompts(home)] == [
            "Mixed", "Shin and Achilles care  7 min 5 s"]
        box = home.query_one("#filter", Input)
        box.value = "race"  # an id: race-warm-up
        await pilot.pause()
        assert any("Before intervals or a race" in row for row in prompts(home))
        box.value = "cool-down"  # a kind
        await pilot.pause()
        assert {row.strip().split("  ")[0] for row in prompts(home)} >= {
            "Cool-down walk", "Full cool-down", "Quick cool-down"}
        assert not any("Dynamic warm-up" in row for row in prompts(home))
        await pilot.press("down", "down")  # the arrows move through the list while typing
        chosen = home._highlighted()
        assert chosen is not None and chosen.routine is not None
        assert chosen.routine.kind == "cool-down"
        box.value = "zzz"
        await pilot.pause()
        assert "No routine matches" in prompts(home)[0]
        await pilot.press("escape")
        assert len(prompts(home)) > 10 and home.query_one("#routines").has_focus
        # A click picks a routine and shows its steps; it does not start it.
        spot = find_on_screen(app, "Quick warm-up")
        assert spot is not None
        await pilot.click(offset=spot)
        await screen_opens(pilot, HomeScreen)
        chosen = home._highlighted()
        assert chosen is not None and chosen.id == "quick-warm-up"
        assert "warm-up · 3 min 40 s" in "\n".join(frame(app).lines)  # its steps, beside
        await pilot.click(offset=spot, times=2)
        await screen_opens(pilot, PlayerScreen)
        assert app.played is not None and app.played.timeline.routine_id == "quick-warm-up"


async def test_c_starts_the_cool_down_and_right_after_a_warm_up_it_comes_first(
    tmp_path: Path,
) -> None:
    from datetime import UTC, timedelta

    from coach.routine.catalog import discover
    from coach.store import Store

    warm_up = next(r for r in discover().routines if r.id == "warm-up")
    store = Store.open(tmp_path / "coach.db")
    began = AFTERNOON.astimezone(UTC) - timedelta(minutes=70)
    session = store.start_session(expand(warm_up), "before", started_at=began)
    store.end_session(session, "completed", 720, ended_at=began + timedelta(minutes=12))
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON, store=store)
    async with app.run_test(size=SIZE) as pilot:
        home = await ready(app, pilot)
        assert [s.routine.id for s in home.suggestions] == ["full-cool-down"]
        text = str(home.query_one("#suggestion", Static).content)
        assert f"You warmed up at {began.astimezone():%H:%M}" in text
        assert "Walk it off" not in text and "injur" not in text
        await pilot.press("c")
        await screen_opens(pilot, PlayerScreen)
        assert app.played is not None and app.played.timeline.routine_id == "full-cool-down"
    store.close()


async def test_back_home_after_a_warm_up_the_cool_down_is_suggested(tmp_path: Path) -> None:
    from coach.routine.durations import StepTime
    from coach.routine.model import Routine, Step
    from coach.store import Store
    from coach.ui.screens.summary import SummaryScreen

    short = Routine(id="short", name="Short warm-up", kind="warm-up", summary="",
                    steps=(Step("Jog", "move", StepTime(20, 20)),))
    clock = FakeClock()
    with Store.open(tmp_path / "coach.db") as store:
        app = make_app(clock=clock, now=lambda: AFTERNOON, store=store)
        async with app.run_test(size=SIZE) as pilot:
            home = await ready(app, pilot)
            assert [s.routine.id for s in home.suggestions][0] == "warm-up"
            app.play(short)  # started from home, which waits below the player
            await pilot.pause()
            await settle_workers(app)
            clock.advance(20)
            app.screen.sync()
            await screen_opens(pilot, SummaryScreen)
            await pilot.press("enter")
            for _ in range(3):
                await pilot.pause()
                await settle_workers(app)
            assert app.screen is home
            assert [s.routine.id for s in home.suggestions] == ["full-cool-down"]
            assert "You warmed up at" in str(home.query_one("#suggestion", Static).content)


def test_only_a_warm_up_played_for_real_and_not_yet_followed_counts(tmp_path: Path) -> None:
    from datetime import UTC, timedelta

    from coach.routine.catalog import discover
    from coach.session.warmed_up import recent_warm_up
    from coach.store import Store

    found = {r.id: r for r in discover().routines}
    now = AFTERNOON.astimezone(UTC)
    with Store.open(tmp_path / "coach.db") as store:
        def played(routine_id: str, phase: str, minutes_ago: int, speed: float = 1.0,
                   status: str = "completed") -> None:
            began = now - timedelta(minutes=minutes_ago)
            session = store.start_session(expand(found[routine_id]), phase,  # type: ignore[arg-type]
                                          started_at=began, speed=speed)
            store.end_session(session, status, 60, ended_at=began + timedelta(minutes=1))

        played("warm-up", "before", 300)  # too long ago
        assert recent_warm_up(store, now) is None
        played("warm-up", "before", 60, speed=10)  # a preview
        played("quick-warm-up", "before", 50, status="stopped")  # not played to its end
        assert recent_warm_up(store, now) is None
        played("warm-up", "before", 40)
        assert recent_warm_up(store, now) == (now - timedelta(minutes=40)).astimezone()
        played("cool-down-walk", "after", 10)  # cooled down since
        assert recent_warm_up(store, now) is None
