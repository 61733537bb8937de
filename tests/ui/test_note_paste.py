"""A paste longer than the note holds keeps its first part and says so."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from coach.ui.app import make_app
from coach.ui.screens.soreness import SorenessScreen
from tests.ui.helpers import AFTERNOON, screen_opens, settle_workers


async def test_a_long_paste_keeps_what_fits_and_says_so() -> None:
    app = make_app(log=True, now=lambda: AFTERNOON)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_workers(app)
        await screen_opens(pilot, SorenessScreen)
        note = app.screen.query_one("#note", Input)
        note.focus()
        note.post_message(events.Paste("ab\x1b[2J" + "x" * 600))
        await pilot.pause()
        assert note.value == "ab[2J" + "x" * 495
        assert len(note.value) == 500
        assert any("Kept the first 500" in n.message for n in app._notifications)
