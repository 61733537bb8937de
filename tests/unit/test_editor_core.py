"""The editor's headless half: problem lines, inserted steps, drafts and atomic saves."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import locations
from coach.files import FileProblem, write_text_atomic
from coach.routine.catalog import routine_files
from coach.routine.draft import Draft, DraftProblem, check, open_draft, screen_text
from coach.routine.lines import insertion_point, scan, step_numbers
from coach.routine.snippets import SNIPPET_KINDS, StepSpec, defaults, placed, toml_string
from coach.text import clean

STARTER = (Path(__file__).resolve().parents[2] / "coach" / "routine" / "starter.toml").read_text(
    encoding="utf-8")


def draft_of(text: str) -> Draft:
    return Draft("sample", text, Path("sample.toml"), "sample.toml")


def lines_of(text: str) -> list[int | None]:
    return [problem.line for problem in check(text, draft_of(text)).problems]


# -- the line of each problem ------------------------------------------------------------


def _headers(text: str) -> list[int]:
    return [table.line for table in scan(text) if table.depth]


@pytest.mark.parametrize("path", routine_files(locations.builtin_routines_dir()),
                         ids=lambda path: path.stem)
def test_an_unknown_key_in_any_step_of_a_built_in_is_found_on_its_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert check(text, draft_of(text)).ok
    lines = text.splitlines(keepends=True)
    for header in _headers(text):
        indent = lines[header - 1][: len(lines[header - 1]) - len(lines[header - 1].lstrip())]
        mutated = "".join([*lines[:header], f"{indent}zzz = 1\n", *lines[header:]])
        assert lines_of(mutated) == [header + 1], f"after line {header}"


def test_top_level_defaults_missing_and_syntax_problems_have_lines() -> None:
    assert lines_of(STARTER.replace('kind = "mixed"', 'knd = "mixed"')) == [6]
    assert lines_of(STARTER.replace("countdown = 3 ", "countdown = 30")) == [10]
    missing = STARTER.replace('time = "30s"\n', "", 1)  # the calf stretch, from line 19
    assert lines_of(missing) == [19]
    assert lines_of(STARTER.replace('time = "2m"', "time = 2m")) == [16]
    # A step without a time is its header's line; the routine without a name, the file's.
    assert lines_of("[[steps]]\nname = 'x'\n") == [1, None]


def test_nested_steps_are_counted_within_their_group() -> None:
    text = STARTER.replace('  name = "Walk back"\n', '  name = "Walk back"\n  sound = "nope"\n')
    [line] = lines_of(text)
    assert text.splitlines()[line - 1] == '  sound = "nope"'


def test_fake_headers_inside_multi_line_strings_are_not_steps() -> None:
    text = ('name = "x"\nsummary = """\n[[steps]]\nnot a table\n"""\n\n'
            '[[steps]]\nname = "a"\ntime = "1m"\n\n[[steps]]\nname = "b"\ntime = "1x"\n')
    assert lines_of(text) == [13]
    literal = text.replace('"""', "'''")
    assert lines_of(literal) == [13]


def test_quoted_and_spaced_headers_count_as_steps() -> None:
    text = 'name = "x"\n[[ "steps" ]]\nname = "a"\ntime = "1m"\n[[steps]]\nname = "b"\nbad = 1\n'
    assert lines_of(text) == [5, 7]  # step 2 has no time (its header), and a bad key


def test_step_names_that_look_like_locations_do_not_confuse_the_numbers() -> None:
    assert step_numbers('step 4 "a › step 9" › step 2 "Walk back"') == [4, 2]
    assert step_numbers("step 3") == [3]
    assert step_numbers('step 12 "x"') == [12]


def test_inline_steps_fall_back_to_the_steps_key() -> None:
    text = 'name = "x"\nsteps = [\n  { name = "a", time = "1m", bad = 1 },\n]\n'
    assert lines_of(text) == [2]


# -- inserting steps ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(SNIPPET_KINDS))
def test_a_step_inserted_on_any_line_keeps_the_file_valid_and_the_rest_as_it_was(
    kind: str,
) -> None:
    spec = defaults(kind)  # type: ignore[arg-type]
    base = check(STARTER, draft_of(STARTER))
    assert base.ok
    for row in range(len(STARTER.splitlines())):
        at, column, snippet = placed(STARTER, row, spec)
        lines = STARTER.splitlines(keepends=True)
        before = "".join(lines[:at]) + lines[at][:column] if at < len(lines) else STARTER
        text = before + snippet + STARTER[len(before):]
        result = check(text, draft_of(text))
        assert result.ok, (row, result.problems)
        assert text.replace(snippet, "", 1) == STARTER
        assert len(result.rows) > len(base.rows)


def test_a_step_goes_after_the_step_the_cursor_is_in_and_before_a_header() -> None:
    lines = STARTER.splitlines()
    calf = lines.index('name = "Calf stretch"')
    strides = lines.index('name = "Strides"') - 1  # its [[steps]] line
    assert insertion_point(STARTER, calf) == (strides - 1, 1)  # over the blank line
    assert insertion_point(STARTER, strides) == (strides - 1, 1)
    stride = lines.index('  name = "Stride"')
    walk_back = lines.index('  name = "Walk back"') - 1
    assert insertion_point(STARTER, stride) == (walk_back, 2)
    assert insertion_point(STARTER, 0)[1] == 1


def test_a_file_without_a_final_newline_gets_one_before_the_new_step() -> None:
    text = 'name = "x"\n[[steps]]\nname = "a"\ntime = "1m"'
    row, column, snippet = placed(text, 3, StepSpec("b"))
    assert (row, column) == (3, len('time = "1m"')) and snippet.startswith("\n\n[[steps]]")
    assert placed("", 0, StepSpec("b"))[2].startswith("[[steps]]")


@given(st.text())
def test_any_text_is_written_as_a_toml_string_that_reads_back(value: str) -> None:
    assert tomllib.loads(f"value = {toml_string(value)}")["value"] == clean(value)


def test_a_group_is_written_with_its_inner_step_indented() -> None:
    text = 'name = "x"\n'
    _, _, snippet = placed(text, 0, StepSpec("Stride", time="20s", repeat=4, group="Strides"))
    assert snippet == ('\n[[steps]]\nname = "Strides"\nrepeat = 4\n  [[steps.steps]]\n'
                       '  name = "Stride"\n  kind = "move"\n  time = "20s"\n')


# -- drafts ------------------------------------------------------------------------------


def test_a_built_in_opens_to_be_saved_in_the_user_folder(coach_home: Path) -> None:
    draft = open_draft("warm-up")
    assert draft.builtin and not draft.exists
    assert draft.path == coach_home / "routines" / "warm-up.toml"
    by_path = open_draft(str(locations.builtin_routines_dir() / "warm-up.toml"))
    assert by_path.builtin and by_path.path == draft.path
    draft.path.parent.mkdir(parents=True)
    draft.path.write_text("mine", encoding="utf-8")
    mine = open_draft("warm-up")
    assert not mine.builtin and mine.text == "mine" and mine.exists


def test_files_that_cannot_be_edited_are_one_line(coach_home: Path) -> None:
    coach_home.mkdir(parents=True)
    fifo = coach_home / "pipe.toml"
    os.mkfifo(fifo)
    binary = coach_home / "binary.toml"
    binary.write_bytes(b"name = \"\xff\"\n")
    (coach_home / "folder.toml").mkdir()
    cases = {"nope": "no routine", str(fifo): "named pipe", str(binary): "UTF-8",
             str(coach_home / "folder.toml"): "folder", "./x.txt": "end in .toml",
             str(coach_home / "gone.toml"): "no such file"}
    for target, words in cases.items():
        with pytest.raises(DraftProblem) as caught:
            open_draft(target)
        message = str(caught.value)
        assert words in message and "\n" not in message, target


def test_text_that_would_act_on_the_terminal_is_shown_as_replacement() -> None:
    assert screen_text("a\r\nb\r\n") == ("a\r\nb\r\n", "")
    assert screen_text("\ufeffname = 1\n\tx") == ("\ufeffname = 1\n\tx", "")
    text, notice = screen_text('a\nname = "\x1b]52;c;x\x07\u202e"\u2028\n')
    assert text == 'a\nname = "\ufffd]52;c;x\ufffd\ufffd"\ufffd\n'
    assert notice.startswith("replaced 4 control characters with \ufffd (first on line 2)")
    assert screen_text("a\r\nb\nc\r") == ("a\r\nb\r\nc\ufffd", screen_text("a\r\nb\nc\r")[1])
    assert "line endings" in screen_text("a\r\nb\n")[1]


def test_a_check_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.routine import draft

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(draft, "parse_routine", broken)
    [problem] = check("x", draft_of("x")).problems
    assert "could not be checked" in problem.text


# -- atomic writes -----------------------------------------------------------------------


def test_a_write_is_exact_keeps_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "r.toml"
    text = "# comment\r\nname = \"é\"\n\n"
    assert write_text_atomic(path, text) == path
    assert path.read_bytes() == text.encode()
    path.chmod(0o640)
    write_text_atomic(path, "new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["r.toml"]


def test_a_write_follows_a_link_and_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    (tmp_path / "dir.toml").mkdir()
    dangling = tmp_path / "dangling.toml"
    dangling.symlink_to(tmp_path / "nowhere.toml")
    for target, words in ((fifo, "named pipe"), (tmp_path / "dir.toml", "folder"),
                          (dangling, "does not exist")):
        with pytest.raises(FileProblem, match=words):
            write_text_atomic(target, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_new_file_is_never_written_over_one_that_appeared(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    write_text_atomic(path, "first", replace=False)
    with pytest.raises(FileExistsError):
        write_text_atomic(path, "second", replace=False)
    assert path.read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_a_failed_write_leaves_the_old_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old", encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(FileProblem, match=r"No space left on device\); it was left as it was"):
        write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_a_text_too_big_to_load_is_one_problem_and_is_not_parsed() -> None:
    text = 'name = "x"\n' + "# padding\n" * 60_000
    [problem] = check(text, draft_of(text)).problems
    assert problem.line is None and "over 512 KB" in problem.text


def test_text_that_is_not_unicode_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="lone surrogate"):
        write_text_atomic(tmp_path / "r.toml", "a\ud800")
    assert list(tmp_path.iterdir()) == []
