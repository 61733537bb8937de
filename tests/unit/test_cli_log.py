"""``coach log`` with flags: records without a screen, prints the advice, refuses bad values
in one line with status 2 and saves nothing."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import coach.cli
from coach.cli import UserError, log, main
from coach.record.scales import WARNING_SIGN_KEYS
from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.timeline import expand
from coach.store import Store

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def log_command(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``coach log`` served by :mod:`coach.cli.log`, as the command map will have it."""
    monkeypatch.setitem(coach.cli.COMMANDS, "log", "coach.cli.log")
    yield


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="coach")
    log.register(parser.add_subparsers())
    return parser.parse_args(["log", *argv])


def run_at(now: datetime, *argv: str) -> int:
    """The handler at a fixed moment, with :func:`coach.cli.main`'s one-line errors."""
    try:
        return log.run_log(parse(*argv), now=lambda: now)
    except UserError as error:
        print(f"coach: {error}", file=sys.stderr)
        return error.exit_code


def entries() -> list[Any]:
    with Store.open() as store:
        return store.soreness_history()


def session(started: datetime) -> str:
    routine = Routine(id="walk", name="Walk", kind="cool-down", summary="",
                      steps=(Step("Cool-down walk", "walk", StepTime(60, 60)),))
    with Store.open() as store:
        session_id = store.start_session(expand(routine), "after", started_at=started)
        store.end_session(session_id, "completed", 60, ended_at=started + timedelta(minutes=1))
    return session_id


def test_flags_record_the_rating_and_print_the_advice(
    capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["log", "--overall", "4", "--region", "calves=5", "--region", "knees=3",
                 "--effort", "6", "--minutes", "45", "--note", "hilly"])
    assert code == 0
    out = capsys.readouterr().out
    [entry] = entries()
    assert (entry.overall, entry.regions, entry.effort, entry.run_minutes, entry.note) == (
        4, {"calves": 5, "knees": 3}, 6, 45.0, "hilly")
    assert (entry.timing, entry.session_id, entry.flags) == ("standalone", None, ())
    assert entry.id in out and "Today" in out and "Next run" in out
    assert entry.advice and out.count("  • ") == len(entry.advice)
    assert "Not a diagnosis" in out


def test_json_prints_one_object_with_the_saved_id_and_tips(
    capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "--overall", "3", "--region", "shins=4", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["id", "specialist", "today", "next_run", "saved"]
    [entry] = entries()
    assert document["id"] == entry.id and document["specialist"] is None
    tips = [*document["today"], *document["next_run"]]
    assert [tip["id"] for tip in tips] == list(entry.advice)
    for tip in tips:
        assert list(tip) == ["id", "title", "text", "why"]
        assert tip["why"].endswith(")")  # the finding, then its source in brackets
    assert "shin-bone-check" in [tip["id"] for tip in document["today"]]


@pytest.mark.parametrize("sign", WARNING_SIGN_KEYS)
def test_a_warning_sign_is_saved_and_sends_to_a_specialist(
    sign: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "--overall", "2", "--flag", sign, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    expected = {"calf-swollen-warm": "urgent", "dark-urine": "urgent",
                "saddle-numbness": "emergency"}.get(sign, "soon")
    assert document["specialist"]["urgency"] == expected
    assert document["specialist"]["reason"]
    assert len(document["today"]) <= 2 and document["next_run"] == []
    [entry] = entries()
    assert entry.flags == (sign,)
    assert entry.advice[0].startswith("specialist-")


def test_several_signs_are_saved_once_each_in_a_fixed_order() -> None:
    argv = ["log", "--overall", "2", "--flag", "swelling", "--flag", "sharp-pain",
            "--flag", "swelling"]
    assert main(argv) == 0
    assert entries()[0].flags == ("sharp-pain", "swelling")


def test_text_output_puts_the_specialist_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--overall", "1", "--flag", "calf-swollen-warm"]) == 0
    out = capsys.readouterr().out
    assert out.index("URGENT") < out.index("Today")
    assert "Next run" not in out


def test_escalation_by_days_through_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    start = datetime.now(UTC)
    with Store.open() as store:
        for days in (6, 4, 2):
            store.add_soreness(5, regions={"quads": 6}, recorded_at=start - timedelta(days=days))
    assert main(["log", "--overall", "5", "--region", "quads=6", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["specialist"] is not None and document["specialist"]["urgency"] == "soon"
    assert "quads" in document["specialist"]["reason"]


def test_last_links_to_the_newest_session_right_after_it() -> None:
    older = session(NOW - timedelta(days=2))
    newest = session(NOW - timedelta(hours=1))
    assert older != newest
    assert run_at(NOW, "--overall", "3", "--last") == 0
    [entry] = entries()
    assert (entry.session_id, entry.timing) == (newest, "after")


def test_a_session_a_day_old_gets_a_next_day_rating() -> None:
    yesterday = session(NOW - timedelta(hours=22))
    assert run_at(NOW, "--overall", "5", "--session", yesterday) == 0
    [entry] = entries()
    assert (entry.session_id, entry.timing) == (yesterday, "next day")


def test_no_flags_open_the_form(monkeypatch: pytest.MonkeyPatch, coach_home: Path) -> None:
    from coach.cli import app_commands

    opened: list[argparse.Namespace] = []

    def open_form(args: argparse.Namespace) -> int:
        opened.append(args)
        return 0

    monkeypatch.setattr(app_commands, "log_soreness", open_form)
    assert main(["log"]) == 0
    assert len(opened) == 1
    assert not (coach_home / "coach.db").exists()


BAD: list[tuple[list[str], str]] = [
    (["--overall", "11"], "--overall 11: use a whole number from 0 to 10"),
    (["--overall", "-1"], "--overall -1: use a whole number from 0 to 10"),
    (["--overall", "3.5"], "from 0 to 10"),
    (["--overall", "three"], "from 0 to 10"),
    (["--overall", "\u0663"], "from 0 to 10"),
    (["--overall", ""], "from 0 to 10"),
    (["--overall", "3", "--effort", "12"], "--effort 12: use a whole number from 0 to 10"),
    (["--overall", "3", "--region", "elbows=3"], "unknown region"),
    (["--overall", "3", "--region", "calves=11"], "--region calves=11: use a whole number"),
    (["--overall", "3", "--region", "calves"], "write KEY=N"),
    (["--overall", "3", "--region", "calves="], "from 0 to 10"),
    (["--overall", "3", "--region", "=4"], "unknown region"),
    (["--overall", "3", "--region", "calves=5=6"], "from 0 to 10"),
    (["--overall", "3", "--region", "calves=2", "--region", "calves=3"], "twice"),
    (["--overall", "3", "--minutes", "0"], "more than 0 and at most 1440"),
    (["--overall", "3", "--minutes", "1441"], "more than 0 and at most 1440"),
    (["--overall", "3", "--minutes", "-5"], "more than 0 and at most 1440"),
    (["--overall", "3", "--minutes", "inf"], "more than 0 and at most 1440"),
    (["--overall", "3", "--minutes", "nan"], "more than 0 and at most 1440"),
    (["--overall", "3", "--minutes", "forty"], "more than 0 and at most 1440"),
    (["--overall", "3", "--flag", "Swelling"], "unknown warning sign; use one of sharp-pain"),
    (["--overall", "3", "--flag", "\x1b[2Jpain"], "unknown warning sign"),
    (["--overall", "3", "--note", "x" * 501], "--note: at most 500 characters"),
    (["--region", "calves=4"], "--overall N (0 to 10) is needed"),
    (["--json"], "--overall N (0 to 10) is needed"),
    (["--overall", "3", "--session", "no-such-id"], "--session no-such-id: no session"),
    (["--overall", "3", "--last"], "--last: no session recorded yet"),
    (["--overall", "3", "--last", "--session", "x"], "not allowed with"),
    (["--overall"], "--overall: expected one argument"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_a_bad_value_is_one_line_status_2_and_nothing_saved(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], coach_home: Path
) -> None:
    try:
        code = main(["log", *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and message in captured.err, captured.err
    assert "\x1b" not in captured.err
    assert not (coach_home / "coach.db").exists() or entries() == []


def test_an_unknown_session_saves_nothing_in_an_existing_history(
    capsys: pytest.CaptureFixture[str]
) -> None:
    session(NOW)
    assert main(["log", "--overall", "3", "--session", "0000-nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert entries() == []


def test_a_note_is_cleaned_of_terminal_controls() -> None:
    assert main(["log", "--overall", "1", "--note", "felt \x1b[31mred\x1b[0m \u202eok"]) == 0
    [entry] = entries()
    assert "\x1b" not in entry.note and "\u202e" not in entry.note
    assert "red" in entry.note


def test_help_names_the_regions_and_signs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["log", "--help"])
    assert exit_.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for word in ("--overall", "--region", "--flag", "--session", "--last", "--json",
                 "lower_back", "calf-swollen-warm"):
        assert word in out


def test_logging_with_flags_never_imports_textual_or_rich(tmp_path: Path) -> None:
    code = (
        "import sys, coach.cli as cli; cli.COMMANDS['log'] = 'coach.cli.log'; "
        "code = cli.main(['log', '--overall', '4', '--region', 'calves=5', '--json']); "
        "print(code, 'textual' in sys.modules, 'rich' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "COACH_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert result.stderr.split() == ["0", "False", "False"]
    assert json.loads(result.stdout)["today"]
