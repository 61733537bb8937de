"""The README and the documentation describe only what coach does.

Every ``coach …`` command line in them must name real commands and flags of the parsers the
commands run with, and every key in a key table must be one its screen answers to; the
generated reference pages cover every command and screen; the README stays short and keeps
the two commands CI and a new user run.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli import build_parser
from coach.cli.completion import completion_script, subcommands
from coach.cli.reference import command_paths
from coach.cli.reference import markdown as cli_markdown

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
SHELL_STOPS = {"#", "|", ">", ">>", "&&", ";", "||", "2>", "<"}


def _command_lines() -> list[tuple[Path, str]]:
    """Each ``coach …`` command in a code block or an inline code span, with its page."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"```(?:sh|bash|shell|console)\n(.*?)```", text, re.S):
            for line in block.splitlines():
                for part in re.split(r"&&|;", line):
                    words = part.strip()
                    words = re.sub(r"^(\S*/)?\.venv/bin/", "", words)
                    if words.startswith("coach ") or words == "coach":
                        found.append((page, words))
        for span in re.findall(r"`(coach(?: [^`]*)?)`", text):
            found.append((page, span))
    return found


def _words(line: str) -> list[str]:
    try:
        words = shlex.split(line, comments=True)
    except ValueError:
        words = line.split()
    cut = next((i for i, word in enumerate(words) if word in SHELL_STOPS), len(words))
    return words[:cut]


def _options(parser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings}


def test_the_docs_name_coach_commands_at_all():
    lines = _command_lines()
    assert len(lines) > 50
    assert {page.name for page, _ in lines} >= {"README.md", "getting-started.md", "runs.md"}


@pytest.mark.parametrize(("page", "line"), _command_lines(),
                         ids=lambda value: value.name if isinstance(value, Path) else value)
def test_every_command_in_the_docs_exists_with_its_flags(page, line):
    parser = build_parser(None)
    known = _options(parser)
    for word in _words(line)[1:]:
        children = subcommands(parser)
        if word in children:
            parser = children[word]
            known |= _options(parser)
        elif word.startswith("-") and len(word) > 1 and not word[1:].isdigit():
            option = word.split("=", 1)[0]
            assert option in known, f"{page.name}: `{line}` — {option} is not an option of " \
                f"`{parser.prog}`"


def _key_tables() -> list[tuple[Path, list[str], list[str]]]:
    """Each key table marked ``<!-- keys: Class … -->``: the classes and the keys in its
    first column."""
    tables = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"<!-- keys: ([\w ]+) -->\n((?:\|.*\n?)+)", text):
            keys = []
            for row in match.group(2).splitlines()[2:]:
                first = row.split("|")[1]
                keys += re.findall(r"`([^`]+)`", first)
            tables.append((page, match.group(1).split(), keys))
    return tables


def _classes() -> dict[str, type]:
    from coach.ui.app import CoachApp
    from coach.ui.keymap import _screens
    from coach.ui.screens.help import HelpScreen
    from coach.ui.widgets.editor_text import RoutineTextArea
    from coach.ui.widgets.rating import Rating
    from coach.ui.widgets.row_list import RowList
    from coach.ui.widgets.signs import WarningSigns

    known = [CoachApp, HelpScreen, RoutineTextArea, Rating, RowList, WarningSigns,
             *_screens()]
    return {cls.__name__: cls for cls in known}


SPELLINGS = {"→": "right", "←": "left", "↑": "up", "↓": "down", "esc": "escape",
             "pgup": "pageup", "pgdn": "pagedown", "⏎": "enter"}


def _key_names(key: str) -> set[str]:
    """What Textual may call a key the docs write as ``key``."""
    from textual.keys import _character_to_key

    names = {key, key.lower(), SPELLINGS.get(key.lower(), key)}
    if len(key) == 1:
        names.add(_character_to_key(key))
    return names


def test_every_key_table_in_the_docs_is_marked_with_its_screen():
    tables = _key_tables()
    marked = {tuple(classes) for _, classes, _ in tables}
    assert len(tables) >= 7
    unmarked = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"(.*)\n\| key \|", text):
            if "<!-- keys:" not in match.group(1) and page.parent.name != "reference":
                unmarked.append(f"{page.name}: {match.group(0)[:60]}")
    assert not unmarked and marked


@pytest.mark.parametrize(("page", "classes", "keys"), _key_tables(),
                         ids=lambda value: value.name if isinstance(value, Path) else
                         "-".join(value) if isinstance(value, list) and value and
                         value[0][:1].isupper() else None)
def test_every_key_in_a_docs_table_is_bound_on_its_screen(page, classes, keys):
    from coach.ui.keymap import bound_keys

    found = _classes()
    bound: set[str] = set()
    for name in classes:
        assert name in found, f"{page.name}: no screen or widget called {name}"
        bound |= bound_keys(found[name])
    for key in keys:
        if re.fullmatch(r"\d", key):
            key_ok = key in bound or any(re.fullmatch(r"\d", k) for k in bound)
        else:
            key_ok = bool(_key_names(key) & bound)
        assert key_ok, f"{page.name}: `{key}` is not a key of {' '.join(classes)}"
    assert keys


def test_the_cli_reference_lists_every_command_and_flag():
    text = cli_markdown()
    for path in command_paths():
        assert f"`{' '.join(path)}`" in text
    for option in ("--speed", "--format", "--out", "--json", "--version"):
        assert f"`{option}" in text


def test_the_keys_reference_lists_every_screen():
    from coach.ui.keymap import markdown, screen_keys

    text = markdown()
    titles = [title for title, _ in screen_keys()]
    assert {"home", "the player", "the soreness form", "the history"} <= set(titles)
    assert "| `space` |" in text and "`ctrl+s`" in text


def test_the_readme_is_short_and_keeps_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/coach" in readme
    assert 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/pytest' \
        in readme
    for link in re.findall(r"\]\(([^)#]+)", readme):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), f"README links to {link}, which is not there"


def test_every_page_of_the_site_is_in_its_navigation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in (ROOT / "docs").rglob("*.md"):
        assert page.relative_to(ROOT / "docs").as_posix() in config, page


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_know_every_command(shell):
    script = completion_script(shell)
    for path in command_paths():
        assert path[-1] in script
    flag = "-l " if shell == "fish" else "--"
    assert f"{flag}format" in script and f"{flag}speed" in script


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_are_valid_for_their_shell(shell, tmp_path):
    import shutil

    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed here")
    script = tmp_path / "coach-completion"
    script.write_text(completion_script(shell), encoding="utf-8")
    result = subprocess.run([program, "-n", str(script)], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr


def test_version_says_where_the_history_lives(tmp_path):
    result = subprocess.run([sys.executable, "-m", "coach", "--version"], capture_output=True,
                            text=True, env={"COACH_HOME": str(tmp_path), "PATH": ""},
                            timeout=30)
    assert result.returncode == 0
    assert result.stdout.startswith("coach ")
    assert str(tmp_path / "coach.db") in result.stdout
    assert str(tmp_path / "routines") in result.stdout


def test_the_routines_page_documents_every_key_of_the_format():
    import json

    schema = json.loads((ROOT / "routines" / "schema.json").read_text(encoding="utf-8"))
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    page = (ROOT / "docs" / "routines.md").read_text(encoding="utf-8")
    assert {"name", "steps", "time", "sides", "repeat"} <= keys
    missing = [key for key in sorted(keys) if f"`{key}`" not in page and f"[{key}]" not in page]
    assert not missing, f"docs/routines.md does not document {missing}"
