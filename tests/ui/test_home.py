"""The home screen: routines grouped by kind, a suggestion for the moment, start and preview."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from coach.play.clock import FakeClock
from coach.ui.app import make_app
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.preview import PreviewScreen
from tests.ui.helpers import settle_workers

from .helpers import AFTERNOON, MORNING

SIZE = (100, 30)


async def ready(app, pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await settle_workers(app)
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)
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
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


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
