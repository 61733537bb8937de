"""UI tests never touch a real sound device or speech engine, and paint no frame that nobody
sees.

Under ``run_test`` the app is headless: Textual still composes every partial update of the
screen and then throws it away, which was a third of the UI tests' CPU. Here those updates
are skipped. A test that looks at the screen draws it in full when it looks
(:func:`tests.ui.hostile.frame`, the snapshots), so what it sees is what a terminal shows;
layout, focus, messages and the mouse work as before.
"""

from __future__ import annotations

import pytest
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


@pytest.fixture(autouse=True)
def no_headless_painting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Screen, "_compositor_refresh", _paint_on_a_terminal_only)


@pytest.fixture(autouse=True)
def silent_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sound, "DEFAULT_BACKEND", NullBackend)
    monkeypatch.setattr("coach.sound.engines.find_speech_command", lambda *args: None)
