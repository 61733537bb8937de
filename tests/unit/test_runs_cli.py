"""``coach runs`` and ``coach shoes`` from the shell: the JSON contract, one line per bad
file, exit codes 0/1/2, corrections, and no Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

import coach.cli
from coach.cli import main
from coach.store import Store
from tests.support import activities as a
from tests.support.seed import cool_down_timeline, warm_up_timeline

KEYS = {"id", "start", "seconds", "distance_m", "ascent_m", "descent_m", "sport", "surface",
        "effort", "shoe", "source", "sessions"}


@pytest.fixture(autouse=True)
def runs_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(coach.cli.COMMANDS, "runs", "coach.cli.runs")
    monkeypatch.setitem(coach.cli.COMMANDS, "shoes", "coach.cli.shoes")


def listed(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["runs", "list", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"runs"}
    runs: list[dict[str, object]] = document["runs"]
    return runs


def test_list_with_no_history_creates_nothing(coach_home: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert listed(capsys) == []
    assert main(["runs", "list"]) == 0
    assert "No runs yet" in capsys.readouterr().out
    assert not coach_home.exists()


def test_import_a_folder_then_list_json(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "trail.fit").write_bytes(a.fit(sub_sport="TRAIL", rpe=70, timer=3000.0,
                                             distance=9000.0, ascent=300, descent=310))
    for n in range(3):
        (folder / f"ride{n}.fit").write_bytes(a.fit(start=a.START + timedelta(days=n + 1),
                                                    sport="CYCLING", sub_sport=None))
    (folder / "broken.fit").write_bytes(b"not a fit at all")
    assert main(["runs", "import", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "1 run added, 3 rides skipped, 1 bad file"
    assert captured.err.splitlines() == [
        f"{folder / 'broken.fit'}: is not a FIT file (it does not start with a FIT header)"]
    (run,) = listed(capsys)
    assert set(run) == KEYS
    assert run == {
        "id": run["id"], "start": "2024-05-04T07:00:00.000Z", "seconds": 3000.0,
        "distance_m": 9000.0, "ascent_m": 300.0, "descent_m": 310.0, "sport": "running",
        "surface": "trail", "effort": 7.0, "shoe": None, "source": "fit", "sessions": [],
    }
    assert main(["runs", "import", str(folder / "trail.fit")]) == 0
    assert capsys.readouterr().out.strip() == "0 runs added, 1 already imported"


def test_list_shows_linked_sessions(tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open() as store:
        warm = store.start_session(warm_up_timeline(), "before",
                                   started_at=a.START - timedelta(minutes=25))
        cool = store.start_session(cool_down_timeline(), "after",
                                   started_at=a.START + timedelta(minutes=52))
    (tmp_path / "run.fit").write_bytes(a.fit(timer=3000.0))
    assert main(["runs", "import", str(tmp_path / "run.fit")]) == 0
    (run,) = listed(capsys)
    assert run["sessions"] == [warm, cool]
    assert main(["runs", "show", str(run["id"])[:6]]) == 0
    text = capsys.readouterr().out
    assert "warm-up" in text and warm in text and "cool-down" in text and cool in text


def test_set_show_and_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "run.gpx").write_bytes(a.gpx(a.samples(seconds=1200)))
    assert main(["runs", "import", str(tmp_path)]) == 0
    (run,) = listed(capsys)
    run_id = str(run["id"])
    assert main(["runs", "set", run_id, "--surface", "trail", "--shoe", "Pegasus 40",
                 "--effort", "6"]) == 0
    (changed,) = listed(capsys)
    assert (changed["surface"], changed["shoe"], changed["effort"]) == ("trail",
                                                                       "Pegasus 40", 6.0)
    assert main(["runs", "show", run_id, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == changed
    assert main(["runs", "set", run_id, "--surface", "none", "--shoe", ""]) == 0
    (cleared,) = listed(capsys)
    assert (cleared["surface"], cleared["shoe"], cleared["effort"]) == (None, None, 6.0)
    assert main(["runs", "delete", run_id]) == 0
    assert listed(capsys) == []


@pytest.mark.parametrize(("argv", "words"), [
    (["runs", "set", "ID", "--surface", "sand"], "--surface"),
    (["runs", "set", "ID", "--effort", "11"], "--effort"),
    (["runs", "set", "ID", "--effort", "nan"], "--effort"),
    (["runs", "set", "ID"], "give --surface"),
    (["runs", "show", "nosuchrun"], "no run has the id"),
    (["runs", "delete", "nosuchrun"], "no run has the id"),
    (["shoes", "--retire-at", "800"], "needs the shoe's name"),
    (["shoes", "X", "--retire-at", "-3"], "--retire-at"),
    (["runs"], "choose an action"),
])
def test_mistakes_are_one_line_and_exit_2(argv: list[str], words: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_import_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["runs", "import"])
    assert stopped.value.code == 2


def test_shoes_with_kilometres_and_retirement(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(3):
        (tmp_path / f"{n}.fit").write_bytes(a.fit(start=a.START + timedelta(days=n),
                                                  distance=10000.0, serial=n))
    assert main(["runs", "import", str(tmp_path)]) == 0
    for run in listed(capsys)[:2]:
        assert main(["runs", "set", str(run["id"]), "--shoe", "Pegasus 40"]) == 0
    assert main(["shoes", "Pegasus 40", "--retire-at", "15"]) == 0
    assert main(["shoes", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert json.loads(lines[-1]) == {"shoes": [
        {"name": "Pegasus 40", "runs": 2, "km": 20.0, "retire_km": 15.0, "worn_out": True}]}
    assert main(["shoes"]) == 0
    assert "time for a new pair" in capsys.readouterr().out


def test_a_new_pair_can_be_given_a_retirement_point_and_forgotten(
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["shoes", "Novablast 5", "--retire-at", "700"]) == 0
    assert main(["shoes", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert json.loads(lines[-1])["shoes"] == [
        {"name": "Novablast 5", "runs": 0, "km": 0.0, "retire_km": 700.0, "worn_out": False}]
    assert main(["shoes", "Novablast 5", "--retire-at", "none"]) == 0
    assert main(["shoes", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert json.loads(lines[-1]) == {"shoes": []}


def test_an_id_too_short_to_find_says_how_much_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.fit").write_bytes(a.fit())
    assert main(["runs", "import", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["runs", "show", "1e"]) == 2
    assert "give at least 4 characters" in capsys.readouterr().err


def test_runs_commands_never_import_textual(tmp_path: Path) -> None:
    (tmp_path / "run.fit").write_bytes(a.fit())
    code = (
        "import sys, coach.cli as cli\n"
        "cli.COMMANDS['runs'] = 'coach.cli.runs'\n"
        f"assert cli.main(['runs', 'import', {str(tmp_path)!r}]) == 0\n"
        "assert cli.main(['runs', 'list']) == 0\n"
        "loaded = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
