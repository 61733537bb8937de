"""The routine editor: live problems with their lines, the live timeline and total, saving
exactly as typed, "save anyway", leaving with changes, trying the text as a preview, and the
ways in (home, palette, command line)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from coach.play.clock import FakeClock
from coach.routine.catalog import discover
from coach.routine.draft import Draft
from coach.ui.app import CoachApp, make_app
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.editor import PREVIEW_SPEED, EditorScreen
from coach.ui.screens.editor_insert import InsertStepScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.summary import SummaryScreen
from tests.ui.helpers import AFTERNOON, screen_opens, settle_workers, until

SIZE = (100, 30)

ROUTINE = """\
# My warm-up: keep these comments.
name = "My hill warm-up"
kind = "warm-up"

[[steps]]
name = "Brisk walk"
kind = "walk"
time = "1m"          # easy start

  # a stretch, both legs
[[steps]]
name = "Calf stretch"
kind = "stretch"
time = "30s"
sides = true
"""
"""1m, then 30s left, a 5s switch and 30s right: 2m05s in 4 steps."""


TYPING_PAUSE = EditorScreen.DEBOUNCE


@pytest.fixture(autouse=True)
def no_pause_in_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check at once after each change (``real_pause`` puts the pause back)."""
    monkeypatch.setattr(EditorScreen, "DEBOUNCE", 0.0)


@pytest.fixture
def real_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EditorScreen, "DEBOUNCE", TYPING_PAUSE)


@pytest.fixture
def routine_file(coach_home: Path) -> Path:
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    path = folder / "quick.toml"
    path.write_bytes(ROUTINE.encode())
    return path


def editor_app(target: Any, clock: FakeClock | None = None) -> CoachApp:
    return make_app(clock=clock or FakeClock(), now=lambda: AFTERNOON, edit=target)


async def opened(pilot: Pilot[Any]) -> EditorScreen:
    await checked(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    return screen


async def checked(pilot: Pilot[Any]) -> None:
    """Wait for the check after the last keystroke (its pause, then the worker)."""
    await settle_workers(pilot.app)
    await pilot.pause()


def status(editor: EditorScreen) -> str:
    return str(editor.query_one("#problems-status", Static).content)


def problems(editor: EditorScreen) -> list[str]:
    options = editor.query_one("#problems", OptionList)
    if not options.display:
        return []
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def total(editor: EditorScreen) -> str:
    return str(editor.query_one("#total", Static).content)


async def type_at(pilot: Pilot[Any], editor: EditorScreen, row: int, text: str) -> None:
    """Type ``text`` at the start of line ``row`` (from 0), as the runner would."""
    editor.text_area.move_cursor((row, 0))
    await pilot.press(*["enter" if char == "\n" else char for char in text])


async def put_at(pilot: Pilot[Any], editor: EditorScreen, row: int, text: str) -> None:
    """Put ``text`` at the start of line ``row`` in one edit, as a paste would: quicker than
    typing it key by key where the keys themselves don't matter."""
    editor.text_area.insert(text, (row, 0))
    await pilot.pause()


@pytest.mark.usefixtures("real_pause")
async def test_an_unknown_key_shows_its_line_and_undo_clears_it(routine_file: Path) -> None:
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        assert editor.text == ROUTINE
        assert "No problems" in status(editor)
        assert "2 min 5 s" in total(editor) and "3 steps" in total(editor)
        assert editor.text_area.language == "toml" and editor.text_area.show_line_numbers
        await type_at(pilot, editor, 12, "hold = 3\n")  # inside the calf stretch, line 13
        await checked(pilot)
        assert "1 problem" in status(editor)
        [problem] = problems(editor)
        assert problem.split()[:2] == ["line", "13"]
        assert 'step 2 "Calf stretch": hold: unknown key; did you mean "time"?' in problem
        await pilot.press("ctrl+z")
        while editor.text != ROUTINE:  # typing may have been kept as more than one undo
            await pilot.press("ctrl+z")
        await checked(pilot)
        assert "No problems" in status(editor)
        assert problems(editor) == []
        await pilot.press("ctrl+y")
        await checked(pilot)
        assert editor.text != ROUTINE


async def test_a_syntax_error_keeps_its_line_and_enter_goes_there(routine_file: Path) -> None:
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        await put_at(pilot, editor, 3, "cue = oops\n")
        await checked(pilot)
        [problem] = problems(editor)
        assert problem.split()[:2] == ["line", "4"]
        assert "text needs quotes" in problem
        assert "before the problems" in total(editor)  # the last good timeline stays
        editor.text_area.move_cursor((0, 0))
        await pilot.press("tab")  # to the problems
        assert editor.focused is editor.query_one("#problems", OptionList)
        await pilot.press("enter")
        assert editor.focused is editor.text_area
        assert editor.text_area.cursor_location == (3, 6)  # line 4, column 7


async def test_inserting_a_stretch_writes_toml_and_changes_the_total(routine_file: Path) -> None:
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        editor.text_area.move_cursor((5, 0))  # in the brisk walk: the new step comes after it
        await pilot.press("ctrl+n")
        form = app.screen
        assert isinstance(form, InsertStepScreen)
        form._fill("stretch")
        form.query_one("#insert-name").value = 'Hamstring "long" stretch'  # type: ignore[attr-defined]
        form.query_one("#insert-time").value = "45s"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await checked(pilot)
        assert app.screen is editor
        text = editor.text
        assert "No problems" in status(editor)
        assert "3 min 40 s" in total(editor) and "5 steps" in total(editor)
        snippet = ('[[steps]]\nname = "Hamstring \\"long\\" stretch"\nkind = "stretch"\n'
                   'time = "45s"\nsides = true\ncue = "Back heel down, lean into the wall."\n')
        assert snippet in text
        assert text.index(snippet) < text.index('name = "Calf stretch"')
        assert text.replace(snippet + "\n", "", 1) == ROUTINE  # the rest exactly as it was
        await pilot.press("ctrl+z")
        assert editor.text == ROUTINE


async def test_save_writes_exactly_what_was_typed(routine_file: Path) -> None:
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        await put_at(pilot, editor, 0, "# mine now\n")
        assert "unsaved" in str(editor.query_one("#editor-title", Static).content)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert routine_file.read_bytes() == ("# mine now\n" + ROUTINE).encode()
        assert "unsaved" not in str(editor.query_one("#editor-title", Static).content)
        assert not [p for p in routine_file.parent.iterdir() if p.name.endswith(".tmp")]
        await pilot.press("escape")  # nothing left unsaved: no question
        await pilot.pause()
    assert app.return_code == 0


async def test_problems_refuse_to_save_until_save_anyway(routine_file: Path) -> None:
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        await put_at(pilot, editor, 7, "nmae = 1\n")
        await pilot.press("ctrl+s")
        await screen_opens(pilot, ConfirmScreen)
        assert "Save anyway" in str(app.screen.query_one("#yes").label)  # type: ignore[attr-defined]
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor
        assert routine_file.read_bytes() == ROUTINE.encode()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert routine_file.read_text(encoding="utf-8") == editor.text
        await pilot.press("ctrl+r")  # and it can't be tried
        await pilot.pause()
        assert app.screen is editor and app.played is None
    entry = discover().get("quick")
    assert entry is not None and not entry.valid


async def test_escape_with_changes_asks_first(routine_file: Path) -> None:
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        await put_at(pilot, editor, 0, "# x\n")
        await pilot.press("escape")
        await screen_opens(pilot, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor and editor.text == "# x\n" + ROUTINE
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert routine_file.read_bytes() == ROUTINE.encode()


async def test_try_plays_the_text_as_a_preview_and_comes_back_untouched(
    routine_file: Path,
) -> None:
    clock = FakeClock()
    app = editor_app(routine_file, clock)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        await put_at(pilot, editor, 2, "#\n")
        edited = editor.text
        await pilot.press("ctrl+r")
        await screen_opens(pilot, PlayerScreen)
        assert app.played is not None and app.played.speed == PREVIEW_SPEED
        assert app.played.is_preview
        assert app.played.timeline.routine_name == "My hill warm-up"
        await pilot.press("q", "y")
        await screen_opens(pilot, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
        assert editor.text == edited and editor.changed
    assert routine_file.read_bytes() == ROUTINE.encode()


async def test_e_on_home_edits_the_highlighted_routine_and_the_list_shows_the_copy(
    coach_home: Path,
) -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        chosen = home._highlighted()
        assert chosen is not None and chosen.label == "built-in"
        await pilot.press("e")
        editor = await opened(pilot)
        assert editor.draft.routine_id == chosen.id and editor.draft.builtin
        original = editor.text
        await pilot.press("ctrl+s")  # a built-in is copied under its id on first save
        await pilot.pause()
        copy = coach_home / "routines" / f"{chosen.id}.toml"
        assert copy.read_text(encoding="utf-8") == original
        title = str(editor.query_one("#editor-title", Static).content)
        assert "built-in" not in title and copy.name in title  # now the runner's own file
        await pilot.press("escape")
        await checked(pilot)
        assert app.screen is home
        saved = next(choice for choice in home.choices if choice.id == chosen.id)
        assert saved.label == "user (replaces built-in)"
    entry = discover().get(chosen.id)
    assert entry is not None and entry.source == "user (replaces built-in)"


async def palette(pilot: Pilot[Any], query: str) -> None:
    """Open the command palette and search it for ``query``."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(Input).value = query
    await checked(pilot)


async def test_the_palette_edits_a_routine_and_tries_it(routine_file: Path) -> None:
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    async with app.run_test(size=SIZE) as pilot:
        await checked(pilot)
        await palette(pilot, "edit my hill")
        await pilot.press("enter")
        editor = await opened(pilot)
        assert editor.draft.path == routine_file
        await palette(pilot, "try this routine")
        await pilot.press("enter")
        await screen_opens(pilot, PlayerScreen)


async def test_control_characters_never_reach_the_terminal(routine_file: Path) -> None:
    from textual.events import Paste

    routine_file.write_bytes(b'name = "Hill\x1b[31m"\n' + ROUTINE.encode().split(b"\n", 2)[2])
    app = editor_app(routine_file)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        assert editor.text.startswith('name = "Hill\ufffd[31m"\n')
        assert "No problems" in status(editor)
        assert editor.draft.notice.startswith("replaced 1 control character")
        editor.text_area.move_cursor((0, 0))
        editor.text_area.post_message(Paste("# \x1b[2J\u202e\x07\r\n"))
        await pilot.pause()
        assert editor.text.startswith("# \ufffd[2J\ufffd\ufffd\n")
        assert "\x1b" not in app.export_screenshot()


async def test_a_new_routine_starts_from_the_starter_and_is_written_on_save(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coach.cli import routines_files

    drafts: list[Draft] = []
    monkeypatch.setattr(routines_files, "has_terminal", lambda: True)
    monkeypatch.setattr(routines_files, "run_editor", lambda draft: drafts.append(draft) or 0)
    args = argparse.Namespace(name="Hill warm-up", source=None, in_app=True)
    assert routines_files.new_routine(args) == 0
    [draft] = drafts
    target = coach_home / "routines" / "hill-warm-up.toml"
    assert draft.path == target and not draft.exists and not target.exists()
    assert draft.text.startswith("#:schema ./schema.json\n#")
    assert 'name = "Hill warm-up"' in draft.text
    app = editor_app(draft)
    async with app.run_test(size=SIZE) as pilot:
        editor = await opened(pilot)
        assert "No problems" in status(editor)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_text(encoding="utf-8") == draft.text
    assert (target.parent / "schema.json").is_file()


def test_in_app_refuses_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    from coach.cli import main

    assert main(["routines", "edit", "warm-up", "--in-app"]) == 2
    assert main(["routines", "new", "Hill warm-up", "--in-app"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all("needs a terminal" in line for line in lines)


def test_in_app_names_a_routine_it_cannot_open_in_one_line(
    coach_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from coach.cli import main, routines_files

    monkeypatch.setattr(routines_files, "has_terminal", lambda: True)
    monkeypatch.setattr(routines_files, "run_editor", lambda draft: pytest.fail("opened"))
    assert main(["routines", "edit", "warm-upp", "--in-app"]) == 1
    fifo = coach_home / "pipe.toml"
    coach_home.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    assert main(["routines", "edit", str(fifo), "--in-app"]) == 1
    unknown, pipe = capsys.readouterr().err.splitlines()
    assert 'no routine "warm-upp"; did you mean "warm-up"' in unknown
    assert pipe.startswith("coach: cannot edit ") and "named pipe" in pipe


SNAPSHOT_ROUTINE = ROUTINE + """
[[steps]]
name = "Strides"
repeat = 2
  [[steps.steps]]
  name = "Stride"
  time = "20s"
  cue = "Quick and relaxed, not a sprint."
  [[steps.steps]]
  name = "Walk back"
  kind = "walk"
  time = "40s"

[[steps]]
name = "Easy walk"
kind = "walk"
time = "3m..5m"
cue = "Slow down, keep moving."
"""


def snapshot_app(coach_home: Path) -> CoachApp:
    path = coach_home / "routines" / "sample.toml"
    return editor_app(Draft("sample", SNAPSHOT_ROUTINE, path, "sample.toml"))


def _settled(*edits: tuple[int, str]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await checked(pilot)
        editor = pilot.app.screen
        assert isinstance(editor, EditorScreen)
        editor.text_area.cursor_blink = False
        before = editor._generation
        for row, text in edits:
            editor.text_area.insert(text, (row, 0))
        # On a loaded machine the change and its check land later.
        await until(pilot, lambda: (editor._generation > before or not edits)
                    and editor._shown_generation == editor._generation, "the check shown")
        await checked(pilot)

    return run_before


def test_snapshot_editor(snap_compare: Any, coach_home: Path) -> None:
    assert snap_compare(snapshot_app(coach_home), terminal_size=(100, 30),
                        run_before=_settled())


def test_snapshot_editor_wide_with_a_problem(snap_compare: Any, coach_home: Path) -> None:
    assert snap_compare(snapshot_app(coach_home), terminal_size=(200, 50),
                        run_before=_settled((13, "hold = 45\n")))
