"""`?` on every screen lists its keys; the command palette starts routines and switches
themes; dialogs sit centred over their screen; footers keep the essential keys."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Input

from coach.config import load_settings
from coach.play.clock import FakeClock
from coach.play.engine import Status
from coach.ui.app import make_app
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.soreness import SorenessScreen
from coach.ui.screens.trends import TrendsScreen
from tests.ui.helpers import footer_shows, screen_opens, settle_workers

from .helpers import AFTERNOON, player_app
from .hostile import frame


async def choose(pilot: Any, query: str) -> None:
    """Open the palette, search (the whole query at once: typing it costs a search a key),
    and take the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = query
    await settle_workers(pilot.app)
    await pilot.pause(0.05)
    await pilot.press("enter")
    await settle_workers(pilot.app)
    await pilot.pause()


def listed(help_screen: HelpScreen) -> dict[str, str]:
    """Every key the help lists, with what it says about it."""
    return {row.keys: f"{row.what} {row.why}" for part in help_screen.parts for row in part.rows}


def declared(screen: Screen[Any]) -> list[Binding]:
    return [b if isinstance(b, Binding) else Binding(*b) for b in type(screen).BINDINGS
            if (b.description if isinstance(b, Binding) else True)]


async def check_help(pilot: Any, screen_type: type[Screen[Any]]) -> None:
    """``?`` opens the help for the screen shown: each of its keys is there, with what it
    does; escape closes it and the same screen is back."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, screen_type)
    await pilot.press("question_mark")
    await pilot.pause()
    helper = app.screen
    assert isinstance(helper, HelpScreen) and helper.target is screen
    rows = listed(helper)
    keys = " ".join(rows)
    for binding in declared(screen):
        for key in binding.key.split(","):
            shown = binding.key_display if binding.key_display and "," not in binding.key \
                else app.get_key_display(Binding(key, binding.action))
            assert shown in keys, (screen_type.__name__, key)
    assert "?" in rows and "ctrl+p" in rows and "ctrl+t" in rows
    text = "\n".join(frame(app).lines)
    assert "Keys: " in text and getattr(screen, "HELP_TITLE", "") in text
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is screen


@pytest.mark.slow
async def test_question_mark_explains_every_screen_and_the_footer_keeps_it() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        await footer_shows(pilot, "Start", "Quit", "Help")
        await check_help(pilot, HomeScreen)
        await pilot.press("h")
        await settle_workers(app)
        await pilot.pause()
        await footer_shows(pilot, "Back", "Help")
        await check_help(pilot, HistoryScreen)
        await pilot.press("t")
        await settle_workers(app)
        await pilot.pause()
        await check_help(pilot, TrendsScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await footer_shows(pilot, "Save", "Skip", "Help")
        await check_help(pilot, SorenessScreen)
        await pilot.press("question_mark")
        await screen_opens(pilot, HelpScreen)
        rows = listed(app.screen)
        assert "0–9" in rows and "Set" in rows["0–9"]  # the rating rows' own keys
        await pilot.press("escape", "escape")
        await screen_opens(pilot, HomeScreen)


async def test_help_and_the_palette_hold_the_routine_and_questions_are_centred() -> None:
    clock = FakeClock()
    app = player_app(clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        clock.advance(2)
        await check_help(pilot, PlayerScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.played is not None and app.played.state().status is Status.PAUSED
        clock.advance(60)
        await pilot.press("escape")
        await pilot.pause()
        assert app.played.state().status is Status.RUNNING
        await pilot.press("ctrl+p")
        await screen_opens(pilot, CommandPalette)
        assert app.played.state().status is Status.PAUSED
        clock.advance(60)
        await pilot.press("escape")
        await pilot.pause()
        state = app.played.state()
        assert (state.status, state.step_elapsed) == (Status.RUNNING, 2.0)
        await pilot.press("q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        box = dialog.query_one("#dialog").region
        assert box.width < 60 and box.height < 12
        assert abs((box.x + box.right) / 2 - 50) <= 1 and abs((box.y + box.bottom) / 2 - 15) <= 1
        await check_help(pilot, ConfirmScreen)
        await pilot.press("n")


async def test_the_palette_starts_a_routine_by_name_and_switches_the_theme() -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        await choose(pilot, "start foot")
        assert isinstance(app.screen, PlayerScreen)
        assert app.played is not None and app.played.timeline.routine_id == "foot-care"
        await choose(pilot, "start quick")
        assert app.played.timeline.routine_id == "foot-care"  # one routine at a time
        assert any("stop it first" in n.message for n in app._notifications)
        await choose(pilot, "theme: next")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        await settle_workers(app)
        assert app.theme == "nord"
        assert load_settings()[0].theme == "nord"  # kept in the settings


def test_the_palette_shows_a_routine_name_as_written() -> None:
    from textual.fuzzy import Matcher

    from coach.ui.commands import _highlight

    name = "Start: [@click=app.quit]Quit[/] [b]bold [link=file:///etc/passwd]me"
    content = _highlight(name, "quit", Matcher("quit").fuzzy_search.match)
    assert content.plain == name  # never read as markup: no action, no link, no style
    assert all(not span.style or "underline" in str(span.style) for span in content.spans)
