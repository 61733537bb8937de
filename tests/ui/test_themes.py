"""Themes kept in the settings, a light one among them, and no colour where none is wanted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.filter import NoColor
from textual.theme import BUILTIN_THEMES

from coach.config import THEMES, load_settings, save_theme
from coach.play.clock import FakeClock
from coach.ui.app import make_app
from coach.ui.terminal import wants_no_colour
from tests.ui.helpers import settle_workers

from .helpers import AFTERNOON
from .hostile import frame


def test_the_settings_know_every_theme_of_textual_and_a_typo_gets_a_guess(
    tmp_path: Path,
) -> None:
    assert tuple(BUILTIN_THEMES) == THEMES
    assert any(not BUILTIN_THEMES[name].dark for name in THEMES)
    path = tmp_path / "config.toml"
    for written, guess in (('"nrod"', "nord"), ('"Textual_Light"', "textual-light"),
                           ('"light"', "textual-light")):
        path.write_text(f"theme = {written}\n", encoding="utf-8")
        settings, problems = load_settings(path)
        assert settings.theme == "textual-dark"
        [problem] = problems
        assert problem.startswith(f"{path}: theme: ") and f'did you mean "{guess}"' in problem
    path.write_text("theme = 3\n", encoding="utf-8")
    [problem] = load_settings(path)[1]
    assert "in quotes" in problem and "textual-light" in problem
    path.write_text('theme = "solarized-light"\n', encoding="utf-8")
    settings, problems = load_settings(path)
    assert (settings.theme, problems) == ("solarized-light", [])


def test_saving_the_theme_changes_one_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_theme("nord", path)  # no file yet
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n'
    path.write_text('# mine\nmorning_until = 9\n\n[sound]\nvolume = 50\n', encoding="utf-8")
    save_theme("textual-light", path)
    assert path.read_text(encoding="utf-8") == (
        'theme = "textual-light"\n# mine\nmorning_until = 9\n\n[sound]\nvolume = 50\n')
    path.write_text('theme = "nord"  # at night\n[sound]\nmute = true\n', encoding="utf-8")
    save_theme("gruvbox", path)
    assert path.read_text(encoding="utf-8") == (
        'theme = "gruvbox"  # at night\n[sound]\nmute = true\n')
    settings, problems = load_settings(path)
    assert (settings.theme, settings.sound.mute, problems) == ("gruvbox", True, [])
    # A config kept elsewhere and linked stays a link.
    target = tmp_path / "dotfiles.toml"
    target.write_text("morning_until = 10\n", encoding="utf-8")
    link = tmp_path / "linked.toml"
    link.symlink_to(target)
    save_theme("nord", link)
    assert link.is_symlink() and load_settings(link)[0].theme == "nord"


@pytest.mark.parametrize(
    ("environ", "plain"),
    [({"TERM": "xterm-256color"}, False), ({"TERM": "xterm-mono"}, True),
     ({"TERM": "dumb"}, True), ({"TERM": "vt100"}, True),
     ({"TERM": "xterm-256color", "NO_COLOR": "1"}, True), ({}, False)],
)
def test_no_colour_when_the_terminal_or_the_runner_says_so(
    environ: dict[str, str], plain: bool
) -> None:
    assert wants_no_colour(environ) is plain


async def test_a_monochrome_terminal_gets_no_colour_and_a_light_theme_starts_light(
    monkeypatch: pytest.MonkeyPatch, coach_home: Path,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-mono")
    coach_home.mkdir(parents=True, exist_ok=True)
    (coach_home / "config.toml").write_text('theme = "textual-light"\n', encoding="utf-8")
    app = make_app(clock=FakeClock(), now=lambda: AFTERNOON)
    assert app.theme == "textual-light" and not app.current_theme.dark
    assert app.no_color and any(isinstance(f, NoColor) for f in app.get_line_filters())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_workers(app)
        await pilot.pause()
        raw = frame(app).raw
        assert "38;2;" not in raw and "48;2;" not in raw  # not one colour is sent
        assert "Warm-ups" in "\n".join(frame(app).lines)
    assert os.environ["TERM"] == "xterm-mono"
