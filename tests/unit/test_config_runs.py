"""The ``[runs]`` settings: watched folders, with one clear line for a mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.config import load_settings


def settings_from(tmp_path: Path, text: str) -> tuple[tuple[Path, ...], list[str]]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    settings, problems = load_settings(path)
    return settings.runs.folders, problems


def test_watched_folders_are_read_and_expanded(tmp_path: Path) -> None:
    folders, problems = settings_from(
        tmp_path, '[runs]\nfolders = ["~/Garmin/Activities", "/data/runs"]\n'
    )
    assert problems == []
    assert folders == (Path("~/Garmin/Activities").expanduser(), Path("/data/runs"))


@pytest.mark.parametrize("text", [
    "[runs]\nfolders = 3\n", "[runs]\nfolders = []\n", '[runs]\nfolders = [""]\n',
    "runs = 5\n", '[runs]\nfolder = ["x"]\n',
])
def test_a_wrong_runs_setting_is_one_line_and_the_default(tmp_path: Path, text: str) -> None:
    folders, problems = settings_from(tmp_path, text)
    assert folders == ()
    assert len(problems) == 1 and "\n" not in problems[0] and "runs" in problems[0]


def test_a_folder_under_an_unknown_user_is_one_line_not_a_crash(tmp_path: Path) -> None:
    folders, problems = settings_from(
        tmp_path, '[runs]\nfolders = ["~nosuch-runner-xyz/Garmin", "/data/runs"]\n')
    assert folders == (Path("/data/runs"),)  # the good folder is still watched
    assert len(problems) == 1 and "\n" not in problems[0]
    assert "~nosuch-runner-xyz/Garmin" in problems[0] and "full path" in problems[0]
