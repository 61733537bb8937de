"""A bracketed paste reaches the app whole and literal, however the terminal splits it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from coach.ui.paste import PasteSafeParser

HOSTILE = "abc\x13def\x1b[31mred\x1b[0m \x1b\x1b[A\u202e\u200bend\x1b"


def parsed(chunks: list[str]) -> list[object]:
    parser = PasteSafeParser()
    found: list[object] = []
    for chunk in chunks:
        found.extend(parser.feed(chunk))
    return found


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 1000])
def test_a_paste_with_escapes_and_controls_is_one_paste_event(size: int) -> None:
    stream = "x\x1b[200~" + HOSTILE + "\x1b[201~y"
    found = parsed([stream[i:i + size] for i in range(0, len(stream), size)])
    keys = [event.key for event in found if isinstance(event, events.Key)]
    pastes = [event.text for event in found if isinstance(event, events.Paste)]
    assert pastes == [HOSTILE]
    assert keys == ["x", "y"]  # nothing of the paste was pressed (0x13 would be ctrl+s)


def test_keys_outside_a_paste_still_read_as_before() -> None:
    found = parsed(["\x1b[A", "q", "\x13"])
    assert [event.key for event in found if isinstance(event, events.Key)] == [
        "up", "q", "ctrl+s"]


def test_a_large_paste_is_one_event() -> None:
    text = ("k = \"\x1b[2J\u202e\u200b\"\n" * 40_000)[:676_000]
    stream = "\x1b[200~" + text + "\x1b[201~"
    found = parsed([stream[i:i + 4096] for i in range(0, len(stream), 4096)])
    assert [type(event) for event in found] == [events.Paste]


def test_a_lone_escape_is_the_escape_key_once_input_is_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coach.ui import paste

    now = [100.0]
    monkeypatch.setattr(paste, "get_time", lambda: now[0])
    parser = PasteSafeParser()
    assert list(parser.feed("\x1b")) == [] and list(parser.tick()) == []  # maybe a paste
    now[0] += 1
    assert [event.key for event in parser.tick() if isinstance(event, events.Key)] == [
        "escape"]


async def test_a_paste_in_the_editor_keeps_its_lines_and_a_large_one_is_bounded(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.events import Paste

    from coach.ui.widgets import editor_text

    monkeypatch.setattr(editor_text, "MAX_PASTE", 2_000)  # the real limit, small and quick

    from coach.play.clock import FakeClock
    from coach.ui.app import make_app
    from coach.ui.screens.editor import EditorScreen
    from tests.ui.helpers import AFTERNOON, settle_workers

    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "Mine"\nkind = "warm-up"\n', encoding="utf-8")
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON, edit="mine")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        editor.text_area.move_cursor((0, 0))
        # Terminals send a pasted line break as a carriage return.
        editor.text_area.post_message(Paste('summary = "a"\r# b\r'))
        await pilot.pause()
        assert editor.text.startswith('summary = "a"\n# b\nname = "Mine"')
        editor.text_area.post_message(Paste("x" * 3_000))
        await pilot.pause()
        assert len(editor.text) < 2_100
        assert any("Pasted only the first" in n.message for n in app._notifications)
