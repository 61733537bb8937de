"""UI tests never touch a real sound device or speech engine, and paint no frame that nobody
sees.

Under ``run_test`` the app is headless: Textual still composes every partial update of the
screen and then throws it away, which was a third of the UI tests' CPU. Here those updates
are skipped. A test that looks at the screen draws it in full when it looks
(:func:`tests.ui.hostile.frame`, the snapshots), so what it sees is what a terminal shows;
layout, focus, messages and the mouse work as before.

Every app a test starts also parses the same style sheets (coach's and every widget's
``DEFAULT_CSS``) into the same rules; here each sheet is parsed once per test process and
the rules are shared, so the apps look exactly as they would with their own parse.

Pilot's keys and pauses end when the app looks idle, checked in 20 ms slices: a test
pressing 30 keys slept over a second. Here a slice is 5 ms. What a worker or a thread sends
later is waited for by its condition (:func:`tests.ui.helpers.until`), never by time.

All three reach private parts of Textual (a screen's paint, a style sheet's parse, the
idle check's slice). Tests have no public way to change any of them, and ``coach`` itself
must not: a user's app paints what it shows and starts once per process. Textual is
pinned; an upgrade that renames them fails here, loudly.
"""

from __future__ import annotations

import pytest
import textual._wait
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from coach.sound.backends import NullBackend
from coach.ui import sound

_paint = Screen._compositor_refresh


def _paint_on_a_terminal_only(screen: Screen[object]) -> None:
    app = screen.app
    if app.is_headless and not app.is_inline and screen is app.screen:
        screen._compositor._dirty_regions.clear()  # painted nowhere: nothing left to paint
        screen._dirty_widgets.clear()
        app._update_mouse_over(screen)
        return
    _paint(screen)


_parse = Stylesheet._parse_rules
_parsed: dict[tuple[object, ...], list[RuleSet]] = {}


def _parse_once_per_process(
    sheet: Stylesheet, css: str, read_from: tuple[str, str], is_default_rules: bool = False,
    tie_breaker: int = 0, scope: str = "",
) -> list[RuleSet]:
    # The rules depend on the text, where it came from, its rank and the theme's variables
    # (Textual's own per-sheet cache uses the same key, and drops it when variables change).
    key = (css, read_from, is_default_rules, tie_breaker, scope,
           frozenset(sheet._variables.items()))
    rules = _parsed.get(key)
    if rules is None:
        rules = _parsed[key] = _parse(sheet, css, read_from, is_default_rules, tie_breaker,
                                      scope)
    return rules


@pytest.fixture(autouse=True)
def styles_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Stylesheet, "_parse_rules", _parse_once_per_process)


@pytest.fixture(autouse=True)
def no_headless_painting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Screen, "_compositor_refresh", _paint_on_a_terminal_only)


@pytest.fixture(autouse=True)
def silent_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sound, "DEFAULT_BACKEND", NullBackend)
    monkeypatch.setattr("coach.sound.engines.find_speech_command", lambda *args: None)


@pytest.fixture(autouse=True)
def short_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 1 / 200)
