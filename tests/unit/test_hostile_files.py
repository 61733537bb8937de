"""Hostile routine and config files: each is valid, or one clear line per problem.

The corpus in ``tests/hostile/`` holds the files that can be kept in git (NUL bytes, invalid
UTF-8, bidi controls, 5000-digit numbers, deep nesting…); special files (a named pipe, a
link to ``/dev/zero``, a folder or a socket named ``x.toml``, a file over the size limit)
are made in each test. Every read runs under a deadline, so a regression that blocks shows
up as a failure, not a hung suite.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from coach.config import Settings, load_settings
from coach.routine.catalog import discover
from coach.routine.loader import RoutineError, load_routine
from coach.text import first_unsafe

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
T = TypeVar("T")
DEADLINE = 10.0

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX special files")


def within(function: Callable[[], T], seconds: float = DEADLINE) -> T:
    """``function()``, failing the test if it does not return in time (a blocked open)."""
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(("value", function()))
        except BaseException as error:  # handed back to the test's own thread
            result.append(("error", error))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert result, f"did not return within {seconds:g} s: it blocked or spun"
    kind, value = result[0]
    if kind == "error":
        raise value
    return value  # type: ignore[no-any-return]


def problem_lines(path: Path, shown_as: str = "") -> list[str]:
    """The problems of a routine file that must not load, each checked for cleanliness;
    each starts with the file's name (``shown_as``, when the name itself needs cleaning)."""
    with pytest.raises(RoutineError) as caught:
        within(lambda: load_routine(path))
    lines = str(caught.value).splitlines()
    assert lines and len(lines) == len(caught.value.problems)
    for line in lines:
        assert line.startswith((shown_as or str(path)) + ": "), line
        assert first_unsafe(line) is None, repr(line)
        assert len(line) < 400, line
    return lines


# -- the routine corpus ------------------------------------------------------------------

ROUTINE_PROBLEMS = {
    "nul-bytes.toml": "line 1, column 12: is not valid TOML: illegal character",
    "invalid-utf8.toml": "line 1, column 12: is not UTF-8 text (byte 0xe9)",
    "utf16.toml": "is not UTF-8 text (byte 0xff); save it as UTF-8",
    "bidi-name.toml": "name: contains an invisible bidi control (U+202E) that reorders",
    "bidi-escape-cue.toml": 'step 1 "Walk": cue: contains an invisible bidi control (U+2067)',
    "zero-width-name.toml": "step 1: name: has nothing visible in it: only spaces or invisible "
                            'characters, e.g. name = "Calf stretch"',
    "zero-width-routine-name.toml": "name: has nothing visible in it",
    "deep-nesting.toml": "is not valid TOML: lists or tables are nested too deeply to read",
    "deep-inline-tables.toml": "lists or tables are nested too deeply to read",
    "deep-repeat-groups.toml": 'step 1 "Level 1" › step 1 "Level 2" › step 1 "Level 3": steps: '
                               "groups nest at most 3 levels deep",
    "repeat-explosion.toml": "steps: expands to 10000 steps, more than the 500",
    "huge-integer.toml": "line 4: is not valid TOML: a number has thousands of digits",
    "big-integer.toml": "countdown: 999999999999999999999999999999999999999… is out of range",
    "huge-duration.toml": 'time: "999999999999999999999999999999999999999…" is far too long',
    "special-floats.toml": "defaults.switch: must be text with a unit, not a number",
    "lone-cr.toml": "is not valid TOML",
    "escape-sequence-name.toml": "name: contains a control character (U+001B); use plain text",
    "c1-control-cue.toml": "cue: contains a control character (U+009B)",
    "newline-in-name.toml": "name: must be one line, but it contains a line break",
    "control-char-key.toml": "[31mred: unknown key",
    "long-dotted-key.toml": "line 2: is not valid TOML: a key has more than 32 dotted parts",
    "long-name.toml": "name: is 20000 characters, more than the 60 allowed",
    "long-kind.toml": 'kind: "\ufffd\ufffd\ufffdwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww…" is not a '
                      "routine kind",
    "wrong-types.toml": "steps: must be a list of steps, not text",
    "wrong-step-types.toml": "step 4: must be a table, not a date or time",
    "sound-path.toml": '"../../../etc/passwd\ufffd[2J" looks like a file, but a routine names',
    "empty.toml": 'name: missing, e.g. name = "Dynamic warm-up"',
    "only-comments.toml": "steps: missing; a routine needs at least one step",
    "garbage.toml": "line 1, column 1: is not valid TOML",
}
"""Each file of the corpus that must not load, and a part of what it is told back as."""

ROUTINE_VALID = {
    "markup-cue.toml": ("Markup [b]not bold[/b]", "[red]Red?[/red]",
                        "[link=file:///etc/passwd]click[/link] $(rm -rf ~) `id` {x} %s"),
    "brackets.toml": ("Hold [30 s]", "Calf stretch [each side]",
                      "[Left] heel down, then [right]. [/] [[x]]"),
    "crlf.toml": ("Windows line ends", "Walk", "Tall posture, swing the arms."),
    "bom.toml": ("Byte order mark", "Walk", ""),
    "huge-zero-padded-duration.toml": ("Zeros", "Walk", ""),
}
"""Files that load, with their name, first step's name and cue, kept exactly as text."""


def test_the_corpus_is_complete() -> None:
    on_disk = {path.name for path in (HOSTILE / "routines").glob("*.toml")}
    assert on_disk == set(ROUTINE_PROBLEMS) | set(ROUTINE_VALID)


@pytest.mark.parametrize("name", sorted(ROUTINE_PROBLEMS))
def test_a_hostile_routine_is_one_clean_line_per_problem(name: str) -> None:
    lines = problem_lines(HOSTILE / "routines" / name)
    assert any(ROUTINE_PROBLEMS[name] in line for line in lines), lines


@pytest.mark.parametrize("name", sorted(ROUTINE_VALID))
def test_markup_brackets_and_line_ends_are_plain_text(name: str) -> None:
    routine = within(lambda: load_routine(HOSTILE / "routines" / name))
    title, step_name, cue = ROUTINE_VALID[name]
    first = routine.steps[0]
    assert (routine.name, first.name, getattr(first, "cue", "")) == (title, step_name, cue)


def test_problems_name_a_builtin_by_its_id(tmp_path: Path) -> None:
    path = tmp_path / "warm-up.toml"
    path.write_text('name = "\\u202e"\n', encoding="utf-8")
    with pytest.raises(RoutineError) as caught:
        load_routine(path, builtin=True)
    assert str(caught.value).startswith("built-in warm-up: name: contains an invisible bidi")


def test_a_file_name_with_control_characters_is_shown_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "\x1b[2Jevil\u202e.toml"
    path.write_text("", encoding="utf-8")
    shown_as = f"{tmp_path}/\ufffd[2Jevil\ufffd.toml"
    assert problem_lines(path, shown_as)[0].startswith(f"{shown_as}: name: missing")


# -- special files in the routines folder ------------------------------------------------


@pytest.fixture
def specials(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A routines folder of everything but a regular file, with the reason each gets."""
    folder = tmp_path / "routines"
    folder.mkdir()
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "folder.toml").mkdir()
    (folder / "dangling.toml").symlink_to(folder / "nowhere.toml")
    (folder / "huge.toml").write_bytes(b"#" * (600 * 1024))
    sock = socket.socket(socket.AF_UNIX)
    with contextlib.suppress(OSError):  # a path too long for a socket address
        sock.bind(str(folder / "sock.toml"))
    reasons = {
        "fifo": "is a named pipe (FIFO), not a routine file; a routine is a plain text file",
        "zero": "is a device, not a routine file",
        "folder": "is a folder, not a routine file; name a .toml file inside it",
        "dangling": "is a link to a file that does not exist; fix the link or remove it",
        "huge": "too big for a routine file (600 KB, the limit is 512 KB)",
    }
    if (folder / "sock.toml").exists():
        reasons["sock"] = "is a socket, not a routine file"
    yield reasons
    sock.close()


@posix_only
def test_special_files_are_refused_without_blocking(tmp_path: Path,
                                                    specials: dict[str, str]) -> None:
    for name, reason in specials.items():
        path = tmp_path / "routines" / f"{name}.toml"
        [line] = problem_lines(path)
        assert line == f"{path}: {reason}" or line.startswith(f"{path}: {reason}"), line


@posix_only
def test_the_catalog_lists_special_files_as_invalid_with_the_reason(
    tmp_path: Path, specials: dict[str, str]
) -> None:
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "walk.toml").write_text('name = "Walk"\n[[steps]]\nname = "Walk"\n'
                                       'time = "1m"\n', encoding="utf-8")
    catalog = within(lambda: discover(builtin, tmp_path / "routines"))
    assert [routine.id for routine in catalog.routines] == ["walk"]
    invalid = {entry.id: str(entry.error) for entry in catalog.invalid}
    assert set(invalid) == set(specials)
    for name, reason in specials.items():
        assert reason in invalid[name]


# -- configs -----------------------------------------------------------------------------

CONFIG_PROBLEMS = {
    "garbage-bytes.toml": ["not UTF-8 text (byte 128); save it as UTF-8; using default"],
    "wrong-types.toml": ["[sound] volume: must be a whole number from 0 to 100",
                         "[sound] mute: must be true or false",
                         "[sound] events: must be a list of cue names",
                         "[sound] speech_command: must be a command as a list",
                         "[sound] speech_timeout: must be seconds between 0 and 60",
                         "[sound] morning_until: belongs at the top of the file, above [sound]"],
    "wrong-table.toml": ["[sound] must be a table", "morning_until must be an hour"],
    "typos.toml": ['[sound] volme: unknown setting; did you mean "volume"?',
                   '[sound] mutee: unknown setting; did you mean "mute"?',
                   '[sound] speach_command: unknown setting; did you mean "speech_command"?',
                   'sounds: unknown setting; did you mean "sound"?'],
    "control-keys.toml": ["[2J: unknown setting", "[sound] volume: unknown setting",
                          "[sound] events: must be a list of cue names"],
    "nul-command.toml": ["[sound] speech_command: must be a command as a list"],
    "long-dotted-key.toml": ["line 1: a key has more than 32 dotted parts"],
    "deep-nesting.toml": ["lists or tables are nested too deeply"],
    "huge-integer.toml": ["line 1: a number has thousands of digits"],
    "syntax-error.toml": ["line 1, column 7:"],
}
"""Each hostile config and what its problems say; settings fall back to the defaults."""


def settings_problems(path: Path) -> tuple[Settings, list[str]]:
    settings, problems = within(lambda: load_settings(path))
    for line in problems:
        assert line.startswith(f"{path}: ") and "\n" not in line, line
        assert first_unsafe(line) is None, repr(line)
        assert len(line) < 300, line
    return settings, problems


def test_the_config_corpus_is_complete() -> None:
    assert {path.name for path in (HOSTILE / "configs").glob("*.toml")} == set(CONFIG_PROBLEMS)


@pytest.mark.parametrize("name", sorted(CONFIG_PROBLEMS))
def test_a_hostile_config_is_one_clean_line_per_problem_and_defaults(name: str) -> None:
    path = HOSTILE / "configs" / name
    settings, problems = settings_problems(path)
    assert settings == Settings()
    assert len(problems) == len(CONFIG_PROBLEMS[name]), problems
    for expected in CONFIG_PROBLEMS[name]:
        assert any(expected in line for line in problems), (expected, problems)


@posix_only
@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (os.mkfifo, "is a named pipe (FIFO), not a regular file; using default settings"),
        (lambda path: path.symlink_to("/dev/zero"), "is a device, not a regular file"),
        (lambda path: path.mkdir(), "is a folder, not a regular file"),
        (lambda path: path.write_bytes(b"#" * 100_000),
         "too big for a config file (98 KB, the limit is 64 KB)"),
    ],
    ids=["fifo", "dev-zero", "folder", "huge"],
)
def test_a_special_config_file_is_refused_without_blocking(
    tmp_path: Path, make: Callable[[Path], None], reason: str
) -> None:
    path = tmp_path / "config.toml"
    make(path)
    settings, problems = settings_problems(path)
    assert settings == Settings()
    assert problems == [f"{path}: {reason}" + ("" if reason.endswith("settings") else
                                               "; using default settings")]


def test_a_missing_config_is_no_problem(tmp_path: Path) -> None:
    assert settings_problems(tmp_path / "config.toml") == (Settings(), [])


def test_a_good_config_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("\ufeff[sound]\nvolume = 30\n", encoding="utf-8")
    settings, problems = settings_problems(path)
    assert (settings.sound.volume, problems) == (30, [])
