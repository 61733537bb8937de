"""``coach routines``: what each sub-command prints and the status it exits with."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from coach import locations
from coach.cli import main
from coach.cli.routines import editor_command, slugify
from coach.routine.loader import load_routine
from coach.routine.schema import routine_schema

REPO = Path(__file__).resolve().parents[2]
BUILTIN_IDS = sorted(path.stem for path in (REPO / "routines").glob("*.toml"))

GOOD = """name = "Calves"
kind = "stretch"
summary = "Two holds."

[[steps]]
name = "Calf stretch"
kind = "stretch"
time = "30s"
sides = true
cue = "Back heel down."

[[steps]]
name = "Strides"
repeat = 2
  [[steps.steps]]
  name = "Stride"
  time = "20s"

[[steps]]
name = "Walk"
kind = "walk"
time = "5m..10m"
"""

BAD = """name = "Broken"
[[steps]]
name = "Calf stretch"
time = 30
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def user_dir() -> Path:
    return locations.user_routines_dir()


@pytest.fixture
def fake_editor(tmp_path: Path) -> str:
    """An editor that appends a step, as a user would, given as ``python script``."""
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys\n"
        "with open(sys.argv[-1], 'a', encoding='utf-8') as f:\n"
        "    f.write(sys.argv[1] if len(sys.argv) > 2 else "
        "'\\n[[steps]]\\nname = \"Extra\"\\ntime = \"1m\"\\n')\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


# -- help --------------------------------------------------------------------------------


def test_routines_without_a_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines"]) == 0
    out = capsys.readouterr().out
    assert "usage: coach routines" in out
    for command in ("list", "show", "validate", "new", "edit", "schema"):
        assert command in out


# -- list --------------------------------------------------------------------------------


def test_list_shows_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "KIND", "TOTAL", "SOURCE"]
    assert [line.split()[0] for line in lines[1:]] == BUILTIN_IDS
    assert all(line.endswith("built-in") for line in lines[1:])


def test_list_columns_are_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    main(["routines", "list"])
    lines = capsys.readouterr().out.splitlines()
    starts = {line.index("built-in") if "built-in" in line else line.index("user")
              for line in lines[1:]}
    assert len(starts) == 1


def test_list_user_routine_with_total(capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    main(["routines", "list"])
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("calves"))
    assert [cell for cell in row.split("  ") if cell] == [
        "calves", "Calves", "stretch", "6 min 45 s–12 min", "user"]


def test_list_marks_replacements_and_invalid_files(capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "warm-up.toml", GOOD)
    write(user_dir(), "broken.toml", BAD)
    main(["routines", "list"])
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert rows["warm-up"].endswith("user (replaces built-in)")
    assert "invalid: run coach routines validate" in rows["broken"]
    assert rows["broken"].endswith("user")


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    write(user_dir(), "broken.toml", BAD)
    assert main(["routines", "list", "--json"]) == 0
    data = {item["id"]: item for item in json.loads(capsys.readouterr().out)}
    assert data["calves"]["total"] == "6m45s..11m45s"
    assert data["calves"]["total_seconds"] == {"minimum": 405, "maximum": 705, "open_steps": 0}
    assert data["calves"]["source"] == "user" and data["calves"]["valid"] is True
    assert data["broken"]["valid"] is False
    assert "time: must be text with a unit" in data["broken"]["problems"][0]
    assert set(BUILTIN_IDS) <= set(data)


def test_list_with_no_routines_at_all(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(locations, "builtin_routines_dir", lambda: tmp_path / "none")
    assert main(["routines", "list"]) == 0
    assert "coach routines new NAME" in capsys.readouterr().out


# -- show --------------------------------------------------------------------------------


def test_show_prints_the_expanded_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    path = write(user_dir(), "calves.toml", GOOD)
    assert main(["routines", "show", "calves"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Calves (stretch)\nTwo holds.\n")
    assert f"File: {path}\n" in out
    lines = out.splitlines()
    table = lines[lines.index("") + 2: lines.index("", lines.index("") + 1)]
    rows = [[c.strip() for c in line.split("  ") if c.strip()] for line in table]
    assert [row[:3] for row in rows] == [
        ["1", "0:00", "30 s"], ["0:30", "5 s", "Switch sides"], ["2", "0:35", "30 s"],
        ["3", "1:05", "20 s"], ["4", "1:25", "20 s"], ["5", "1:45", "5–10 min"],
    ]
    assert rows[0][3] == "Calf stretch — left" and "Back heel down." in rows[0]
    assert "round 2 of 2" in rows[4]
    assert "Total: 6 min 45 s–12 min in 5 steps" in out


def test_show_marks_starts_after_a_flexible_step(capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD + '\n[[steps]]\nname = "Ready"\ntime = "open"\n'
    write(user_dir(), "calves.toml", text)
    main(["routines", "show", "calves"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    table = lines[lines.index("") + 2: lines.index("", lines.index("") + 1)]
    rows = [[c.strip() for c in line.split("  ") if c.strip()] for line in table]
    starts = [row[1] if row[0].isdigit() else row[0] for row in rows]
    assert starts == ["0:00", "0:30", "0:35", "1:05", "1:25", "1:45", "6:45+"]
    assert rows[-1][2:4] == ["open", "Ready"]
    assert "+ open in 6 steps" in out
    assert "A start marked + is later" in out


def test_show_a_builtin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "show", BUILTIN_IDS[0]]) == 0
    out = capsys.readouterr().out
    assert "(built-in)" in out and "Total:" in out


def test_show_a_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "calves.toml", GOOD)
    assert main(["routines", "show", str(path)]) == 0
    assert "Calf stretch — right" in capsys.readouterr().out


def test_show_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "show", "warmup"]) == 2
    err = capsys.readouterr().err
    assert err.startswith('coach: no routine "warmup"; did you mean "warm-up"')
    assert "coach routines list" in err


def test_show_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "broken.toml", BAD)
    assert main(["routines", "show", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f'{path}: step 1 "Calf stretch": time:')


# -- validate ----------------------------------------------------------------------------


def test_validate_one_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "calves.toml", GOOD)
    assert main(["routines", "validate", str(path)]) == 0
    assert capsys.readouterr().out == f"ok  {path}\n"


def test_validate_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "broken.toml", BAD)
    assert main(["routines", "validate", str(path)]) == 1
    assert capsys.readouterr().out == (
        f'{path}: step 1 "Calf stretch": time: must be text with a unit, not a number, '
        'e.g. time = "30s"\n'
    )


def test_validate_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, "calves.toml", GOOD)
    bad = write(tmp_path, "broken.toml", BAD)
    missing = tmp_path / "missing.toml"
    assert main(["routines", "validate", str(good), str(bad), str(missing)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"ok  {good}"
    assert lines[1].startswith(f"{bad}: ")
    assert lines[2] == f"{missing}: no such file; `coach routines list` shows the routines " \
                       "there are"
    assert lines[3] == "2 of 3 files have problems"


def test_validate_everything(capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    assert main(["routines", "validate"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(BUILTIN_IDS) + 1
    assert lines[:-1] == [f"ok  built-in {routine_id}" for routine_id in sorted(BUILTIN_IDS)]
    assert lines[-1] == f"ok  {user_dir() / 'calves.toml'}"


def test_validate_everything_with_a_broken_user_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(user_dir(), "broken.toml", BAD)
    assert main(["routines", "validate"]) == 1
    out = capsys.readouterr().out
    assert f"{user_dir() / 'broken.toml'}: step 1" in out
    assert out.endswith(f"1 of {len(BUILTIN_IDS) + 1} files has problems\n")


def test_validate_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "validate", BUILTIN_IDS[0]]) == 0
    assert capsys.readouterr().out == f"ok  built-in {BUILTIN_IDS[0]}\n"


def test_validate_a_fifo_in_the_user_folder(capsys: pytest.CaptureFixture[str]) -> None:
    user_dir().mkdir(parents=True)
    fifo = user_dir() / "x.toml"
    os.mkfifo(fifo)
    assert main(["routines", "validate"]) == 1
    out = capsys.readouterr().out
    assert f"{fifo}: is a named pipe (FIFO), not a routine file; a routine is a plain text " \
        "file, so replace it with one or remove it\n" in out
    assert main(["routines", "validate", "x"]) == 1
    assert capsys.readouterr().out.startswith(f"{fifo}: is a named pipe (FIFO)")
    assert main(["routines", "list"]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()}
    assert rows["x"] == ["invalid:", "run", "coach", "routines", "validate", "user"]


def test_list_cleans_a_file_name_with_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write(user_dir(), "\x1b[2Jevil.toml", GOOD)
    assert main(["routines", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\ufffd[2Jevil" in out
    assert main(["routines", "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert "\ufffd[2Jevil" in [entry["id"] for entry in entries]


def test_validate_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "validate", str(tmp_path)]) == 1
    assert "is a folder, not a routine file" in capsys.readouterr().out


def test_validate_a_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "syntax.toml", 'name = "x"\n[[steps]]\nname = "a"\ntime = 30s\n')
    assert main(["routines", "validate", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"{path}: line 4, column 10: is not valid TOML")


# -- new ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Hill warm-up", "hill-warm-up"), ("  Après   run!! ", "apres-run"), ("5K / race", "5k-race"),
     ("x" * 80, "x" * 60), ("!!!", "")],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_new_writes_a_valid_commented_starter(capsys: pytest.CaptureFixture[str],
                                              coach_home: Path) -> None:
    assert main(["routines", "new", "Hill warm-up"]) == 0
    path = user_dir() / "hill-warm-up.toml"
    assert capsys.readouterr().out == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./schema.json\n")
    assert 'name = "Hill warm-up"' in text
    assert "# " in text
    routine = load_routine(path)
    assert routine.name == "Hill warm-up" and routine.id == "hill-warm-up"


def test_new_keeps_the_schema_beside_user_routines() -> None:
    main(["routines", "new", "Hills"])
    schema = json.loads((user_dir() / "schema.json").read_text(encoding="utf-8"))
    assert schema == routine_schema()


def test_new_escapes_the_name() -> None:
    main(["routines", "new", 'The "best" \\ warm-up'])
    routine = load_routine(user_dir() / "the-best-warm-up.toml")
    assert routine.name == 'The "best" \\ warm-up'


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str]) -> None:
    path = write(user_dir(), "hills.toml", GOOD)
    assert main(["routines", "new", "Hills"]) == 2
    assert capsys.readouterr().err == (
        f"coach: {path} already exists; edit it with: coach routines edit hills\n"
    )
    assert path.read_text(encoding="utf-8") == GOOD


def test_new_needs_letters_or_digits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "new", "!!!"]) == 2
    assert "has no letters or digits" in capsys.readouterr().err
    assert not user_dir().exists()


def test_new_from_copies_and_renames(capsys: pytest.CaptureFixture[str]) -> None:
    source = REPO / "routines" / f"{BUILTIN_IDS[0]}.toml"
    assert main(["routines", "new", "My copy", "--from", BUILTIN_IDS[0]]) == 0
    copy = user_dir() / "my-copy.toml"
    assert capsys.readouterr().out == f"{copy}\n"
    original = load_routine(source)
    copied = load_routine(copy)
    assert copied.name == "My copy"
    assert copied.steps == original.steps
    assert copied.kind == original.kind


def test_new_from_a_user_routine() -> None:
    write(user_dir(), "calves.toml", GOOD.replace('name = "Calves"', 'name = "Calves"  # mine'))
    assert main(["routines", "new", "Calves two", "--from", "calves"]) == 0
    text = (user_dir() / "calves-two.toml").read_text(encoding="utf-8")
    assert 'name = "Calves two"  # mine' in text
    assert 'name = "Calf stretch"' in text


def test_new_from_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "new", "X", "--from", "warmup"]) == 2
    assert 'did you mean "warm-up"' in capsys.readouterr().err
    assert not (user_dir() / "x.toml").exists()


def test_new_with_a_builtin_id_says_it_replaces_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "new", "Warm up"]) == 0
    assert 'replaces the built-in "warm-up"' in capsys.readouterr().err


# -- edit --------------------------------------------------------------------------------


def test_edit_copies_a_builtin_then_validates(monkeypatch: pytest.MonkeyPatch, fake_editor: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EDITOR", fake_editor)
    assert main(["routines", "edit", "warm-up"]) == 0
    copy = user_dir() / "warm-up.toml"
    out = capsys.readouterr().out
    assert f'Copied the built-in "warm-up" to {copy}' in out
    assert out.endswith(f"ok  {copy}\n")
    assert copy.read_text(encoding="utf-8").endswith('name = "Extra"\ntime = "1m"\n')
    assert (REPO / "routines" / "warm-up.toml").read_text(encoding="utf-8").count("Extra") == 0
    assert load_routine(copy).steps[-1].name == "Extra"


def test_edit_a_user_routine_in_place(monkeypatch: pytest.MonkeyPatch, fake_editor: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = write(user_dir(), "calves.toml", GOOD)
    monkeypatch.setenv("VISUAL", fake_editor)
    monkeypatch.setenv("EDITOR", "false")
    assert main(["routines", "edit", "calves"]) == 0
    assert capsys.readouterr().out == f"ok  {path}\n"
    assert path.read_text(encoding="utf-8").endswith('time = "1m"\n')


def test_edit_reports_problems_after_editing(monkeypatch: pytest.MonkeyPatch, fake_editor: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write(user_dir(), "calves.toml", GOOD)
    monkeypatch.setenv("EDITOR", f"{fake_editor} 'oops = 1\n'")
    assert main(["routines", "edit", "calves"]) == 1
    out = capsys.readouterr().out
    assert f'{path}: step 3 "Walk": oops: unknown key' in out
    assert "coach routines edit calves" in out


def test_edit_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_editor: str,
                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "calves.toml", GOOD)
    monkeypatch.setenv("EDITOR", fake_editor)
    assert main(["routines", "edit", str(path)]) == 0
    assert capsys.readouterr().out == f"ok  {path}\n"


def test_edit_unknown_id(monkeypatch: pytest.MonkeyPatch, fake_editor: str,
                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EDITOR", fake_editor)
    assert main(["routines", "edit", "warmup"]) == 2
    assert 'coach: no routine "warmup"' in capsys.readouterr().err


def test_edit_with_a_missing_editor_program(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere --wait")
    assert main(["routines", "edit", "calves"]) == 2
    err = capsys.readouterr().err
    assert "cannot start the editor 'no-such-editor-anywhere'" in err
    assert "$EDITOR" in err


def test_no_editor_set_and_none_installed(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert main(["routines", "edit", "calves"]) == 2
    assert capsys.readouterr().err == (
        "coach: no editor found: set EDITOR to the editor you use, e.g. export EDITOR=nano\n"
    )


def test_editor_falls_back_to_nano_or_vi(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}" if name == "vi" else None)
    assert editor_command() == ["/usr/bin/vi"]


def test_editor_with_arguments_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "code --wait '--new window'")
    assert editor_command() == ["code", "--wait", "--new window"]


def test_visual_wins_over_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "nano")
    monkeypatch.setenv("VISUAL", "vim -n")
    assert editor_command() == ["vim", "-n"]


def test_editor_with_an_unclosed_quote(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    write(user_dir(), "calves.toml", GOOD)
    monkeypatch.setenv("EDITOR", "vim 'oops")
    assert main(["routines", "edit", "calves"]) == 2
    assert "cannot read $EDITOR" in capsys.readouterr().err


def test_editor_exit_status_is_reported(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = write(user_dir(), "calves.toml", GOOD)
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} -c 'raise SystemExit(3)'")
    assert main(["routines", "edit", "calves"]) == 0
    captured = capsys.readouterr()
    assert "status 3" in captured.err
    assert captured.out == f"ok  {path}\n"


# -- schema ------------------------------------------------------------------------------


def test_schema_prints_the_generated_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "schema"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == routine_schema()
    assert out == (REPO / "routines" / "schema.json").read_text(encoding="utf-8"), (
        "regenerate with: coach routines schema > routines/schema.json"
    )


# -- staying light -----------------------------------------------------------------------


def test_validate_does_not_import_textual(tmp_path: Path) -> None:
    path = write(tmp_path, "calves.toml", GOOD)
    code = (
        "import sys\n"
        "from coach.cli import main\n"
        f"assert main(['routines', 'validate', {str(path)!r}]) == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_help_and_list_do_not_import_textual() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from coach.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['routines', 'list'])\n"
        "    main(['routines', 'show', 'warm-up'])\n"
        "    main(['routines', 'schema'])\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_new_when_the_routines_folder_is_a_file(coach_home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    coach_home.mkdir()
    (coach_home / "routines").write_text("not a folder", encoding="utf-8")
    assert main(["routines", "new", "Hills"]) == 2
    assert "cannot make the routines folder" in capsys.readouterr().err


def test_list_when_the_routines_folder_is_a_file(coach_home: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    coach_home.mkdir()
    (coach_home / "routines").write_text("not a folder", encoding="utf-8")
    assert main(["routines", "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(BUILTIN_IDS) + 1


def test_validate_an_oversized_device_like_file(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# padding\n" * 120_000)
    assert main(["routines", "validate", str(path)]) == 1
    assert "a routine file is a few KB" in capsys.readouterr().out


def test_show_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "show", str(tmp_path)]) == 1
    assert "is a folder, not a routine file" in capsys.readouterr().err


def test_show_an_empty_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines", "show", ""]) == 2
    assert 'no routine ""' in capsys.readouterr().err


def test_edit_without_an_editor_copies_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert main(["routines", "edit", "warm-up"]) == 2
    assert not (user_dir() / "warm-up.toml").exists()


@pytest.mark.parametrize("name", ["z" * 100, "Bell\x07 warm-up", "Hill \u202eup"])
def test_new_never_writes_a_file_validate_refuses(
    coach_home: Path, capsys: pytest.CaptureFixture[str], name: str,
) -> None:
    code = main(["routines", "new", name])
    folder = coach_home / "routines"
    written = sorted(folder.glob("*.toml")) if folder.exists() else []
    if code == 0:
        assert len(written) == 1
        capsys.readouterr()
        assert main(["routines", "validate", str(written[0])]) == 0
    else:
        assert written == []
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "NAME" in err
