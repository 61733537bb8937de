"""Advice a runner gets from ``coach log --json`` after a dated history arrives with
``coach import``: spells of soreness end at a new run, whatever told coach about the run
(``--minutes``, a routine played after it, the watch); emergencies and same-day signs come
first and alone; ordinary soreness after separate runs is never told to stop running."""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import coach.cli
from coach.cli import log, main
from coach.runs.model import Run
from coach.store import Store
from coach.store.exchange import export_json
from tests.support.seed import cool_down_timeline

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
GENTLE = {"rest-until-checked", "drink-water"}
"""All that may stand beside a message to see someone."""
RUB_OR_HEAT = {"self-massage", "warm-bath", "contrast-shower"}
STOP_RUNNING = "don't run"


@pytest.fixture(autouse=True)
def log_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(coach.cli.COMMANDS, "log", "coach.cli.log")


# --- building a dated history ----------------------------------------------------------------


@dataclass
class History:
    """What happened before now, written through a store as coach writes it."""

    steps: list[Callable[[Store], object]] = field(default_factory=list)

    def rating(self, days_ago: float, overall: int, *, minutes: float | None = None,
               effort: int | None = None, flags: tuple[str, ...] = (),
               **regions: int) -> History:
        """A rating logged on its own; with ``minutes`` it rates the run just done."""
        at = NOW - days_ago * DAY
        self.steps.append(lambda store: store.add_soreness(
            overall, timing="standalone", regions=regions, run_minutes=minutes,
            effort=effort, recorded_at=at, flags=flags))
        return self

    def watch_run(self, days_ago: float, minutes: float, effort: float | None = None
                  ) -> History:
        """A run from the watch that ended ``days_ago`` days before now."""
        start = NOW - days_ago * DAY - minutes * timedelta(minutes=1)

        def add(store: Store) -> None:
            run = Run(start=start, seconds=minutes * 60, elapsed_seconds=minutes * 60,
                      sport="running", source="fit", distance_m=minutes * 180, effort=effort)
            key = "sha256:" + hashlib.sha256(start.isoformat().encode()).hexdigest()
            assert store.add_run(run, [key])[0] == "added"

        self.steps.append(add)
        return self

    def cool_down(self, days_ago: float, overall: int | None = None, **regions: int
                  ) -> History:
        """A cool-down played after a run (no length given), rated right after if asked."""
        start = NOW - days_ago * DAY

        def play(store: Store) -> None:
            session = store.start_session(cool_down_timeline(), "after", start)
            step = cool_down_timeline()[0]
            store.record_step(session, step, "done", 300, 300, start + 5 * timedelta(minutes=1))
            store.end_session(session, "completed", 300, start + 6 * timedelta(minutes=1))
            if overall is not None:
                store.add_soreness(overall, timing="after", session_id=session,
                                   regions=regions, recorded_at=start + 7 * timedelta(minutes=1))

        self.steps.append(play)
        return self

    def imported(self, tmp_path: Path) -> None:
        """Export it from a scratch store and bring it in with ``coach import``."""
        with Store.memory(clock=lambda: NOW) as scratch:
            for step in self.steps:
                step(scratch)
            text = export_json(scratch)
        path = tmp_path / "history.json"
        path.write_text(text, encoding="utf-8")
        assert main(["import", str(path)]) == 0


def logged(capsys: pytest.CaptureFixture[str], *argv: str, at: datetime = NOW
           ) -> dict[str, Any]:
    """``coach log ARGV --json`` at ``at``: the advice as a script reads it."""
    capsys.readouterr()
    parser = argparse.ArgumentParser(prog="coach")
    log.register(parser.add_subparsers())
    assert log.run_log(parser.parse_args(["log", *argv, "--json"]), now=lambda: at) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def shown(document: dict[str, Any]) -> list[str]:
    return [tip["id"] for tip in (*document["today"], *document["next_run"])]


def all_text(document: dict[str, Any]) -> str:
    parts = [document["specialist"]["reason"]] if document["specialist"] else []
    parts += [f"{tip['title']} {tip['text']}" for tip in (*document["today"],
                                                          *document["next_run"])]
    return " ".join(parts).lower()


def assert_ordinary(document: dict[str, Any]) -> None:
    """Normal soreness: no one to see, nothing that says stop running."""
    assert document["specialist"] is None, document["specialist"]
    assert STOP_RUNNING not in all_text(document)
    assert "rest-until-checked" not in shown(document)


def assert_sent(document: dict[str, Any], urgency: str) -> None:
    """Someone should look: that message first and alone, only gentle tips beside it."""
    assert document["specialist"] is not None
    assert document["specialist"]["urgency"] == urgency
    assert set(shown(document)) <= GENTLE and document["next_run"] == []
    assert not RUB_OR_HEAT & set(shown(document))


# --- a spell of soreness ends at a new run ---------------------------------------------------

SEPARATE_RUNS: dict[str, History] = {
    "each rated with its minutes": History()
    .rating(6, 6, minutes=45, quads=6).rating(5, 5, quads=6).rating(3, 5, minutes=50, quads=6)
    .rating(2, 5, quads=5).rating(1, 6, minutes=40, quads=6),
    "runs from the watch between ratings": History()
    .watch_run(6.1, 45).rating(6, 6, quads=6).watch_run(3.1, 50).rating(3, 6, quads=6)
    .watch_run(0.1, 40),
    "runs known from cool-downs played after them": History()
    .cool_down(6, 6, quads=6).rating(5, 5, quads=6).cool_down(3, 6, quads=6)
    .rating(2, 5, quads=5).cool_down(0.2),
}


@pytest.mark.parametrize("name", list(SEPARATE_RUNS))
def test_soreness_after_separate_runs_is_never_told_to_stop_running(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SEPARATE_RUNS[name].imported(tmp_path)
    document = logged(capsys, "--overall", "6", "--region", "quads=6")
    assert_ordinary(document)
    assert shown(document)[0] == "normal-soreness"


def test_the_same_ratings_with_no_run_between_have_stayed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(6, 6, minutes=45, quads=6).rating(4, 6, quads=6).rating(2, 6, quads=6) \
        .imported(tmp_path)
    document = logged(capsys, "--overall", "6", "--region", "quads=6")
    assert_sent(document, "soon")
    assert "quads" in document["specialist"]["reason"]
    assert "five days" in document["specialist"]["reason"]


def test_a_rating_right_after_a_new_run_starts_a_new_spell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(6, 6, minutes=45, quads=6).rating(3, 6, quads=6).imported(tmp_path)
    assert_ordinary(logged(capsys, "--overall", "6", "--region", "quads=6", "--minutes", "40"))


# --- pain that rises late ------------------------------------------------------------------


def test_pain_that_rises_three_days_after_a_run_with_no_run_since_is_looked_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(4, 3, minutes=50, calves=3).rating(3, 3, calves=4) \
        .rating(1, 2, calves=2).imported(tmp_path)
    document = logged(capsys, "--overall", "3", "--region", "calves=5")
    assert_sent(document, "soon")
    assert "rising" in document["specialist"]["reason"] and "calves" in \
        document["specialist"]["reason"]


def test_the_same_rise_after_a_new_run_is_ordinary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(4, 3, minutes=50, calves=3).rating(3, 3, calves=4) \
        .rating(1, 2, calves=2).watch_run(0.5, 45).imported(tmp_path)
    assert_ordinary(logged(capsys, "--overall", "3", "--region", "calves=5"))


def test_pain_rising_within_three_days_is_normal_soreness_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(2, 2, minutes=50, quads=2).imported(tmp_path)
    assert_ordinary(logged(capsys, "--overall", "5", "--region", "quads=6"))


# --- emergencies and same-day signs --------------------------------------------------------


def test_a_swollen_warm_calf_names_the_emergency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(2, 2, minutes=40).imported(tmp_path)
    document = logged(capsys, "--overall", "3", "--region", "calves=6",
                      "--flag", "calf-swollen-warm")
    assert_sent(document, "urgent")
    reason = document["specialist"]["reason"].lower()
    for words in ("today", "short of breath", "chest pain", "call emergency services now",
                  "don't massage"):
        assert words in reason, words


def test_back_pain_with_saddle_numbness_is_an_emergency_before_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(2, 2, minutes=40).imported(tmp_path)
    document = logged(capsys, "--overall", "4", "--region", "lower_back=6",
                      "--flag", "calf-swollen-warm", "--flag", "saddle-numbness")
    assert_sent(document, "emergency")
    assert document["today"] == []
    reason = document["specialist"]["reason"]
    assert "call emergency services" in reason
    assert reason.index("numbness between the legs") < reason.index("swollen, warm")


def test_the_text_output_puts_the_emergency_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["log", "--overall", "4", "--flag", "saddle-numbness"]) == 0
    out = capsys.readouterr().out
    assert out.index("EMERGENCY") < out.index("Not a diagnosis")
    assert "Today" not in out and "Next run" not in out


@pytest.mark.parametrize("argv", [
    ("--overall", "8", "--region", "quads=10", "--minutes", "100", "--effort", "6"),
    ("--overall", "8", "--region", "calves=9", "--minutes", "40", "--effort", "8"),
    ("--overall", "3", "--flag", "dark-urine"),
], ids=["after a long run", "after a very hard run", "dark urine"])
def test_muscle_breakdown_is_seen_today_and_never_rubbed_warm(
    argv: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(3, 1).imported(tmp_path)
    document = logged(capsys, *argv)
    assert_sent(document, "urgent")
    reason = document["specialist"]["reason"].lower()
    assert "rhabdomyolysis" in reason and "don't rub" in reason and "today" in reason


def test_extreme_pain_the_day_after_a_long_watch_run_is_seen_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(3, 1).watch_run(1, 150).imported(tmp_path)
    assert_sent(logged(capsys, "--overall", "7", "--region", "hamstrings=9"), "urgent")


def test_extreme_muscle_pain_with_no_hard_effort_known_rests_without_rubbing_or_heat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(3, 1).imported(tmp_path)
    document = logged(capsys, "--overall", "9")
    assert document["specialist"] is None
    assert shown(document)[0] == "rest-severe"
    assert "dark" in document["today"][0]["text"]
    assert not RUB_OR_HEAT & set(shown(document))


# --- truths of the tips --------------------------------------------------------------------


def test_glutes_at_8_are_rested_like_other_muscles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(3, 1).imported(tmp_path)
    document = logged(capsys, "--overall", "5", "--region", "hips=8", "--minutes", "40")
    assert document["specialist"] is None
    assert shown(document)[0] == "rest-severe"


def test_keep_it_up_only_the_day_after_and_never_beside_a_spike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(10, 2, minutes=40).watch_run(1, 40).imported(tmp_path)
    next_day = logged(capsys, "--overall", "0")
    assert shown(next_day)[0] == "keep-it-up"
    right_after = logged(capsys, "--overall", "0", "--minutes", "60", at=NOW + HOUR)
    assert "load-spike" in shown(right_after)
    assert "keep-it-up" not in shown(right_after)
    assert "keep it up" not in all_text(right_after)


def test_sore_shins_say_what_to_do_and_never_sit_beside_rubbing_the_legs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(3, 1).imported(tmp_path)
    document = logged(capsys, "--overall", "2", "--region", "shins=4", "--minutes", "90")
    shin = next(tip for tip in document["today"] if tip["id"] == "shin-bone-check")
    assert "don't run on it" in shin["text"] and "physiotherapist" in shin["text"]
    assert "rub your legs" not in all_text(document)


def test_every_tip_keeps_one_sentence_of_why_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(3, 1).imported(tmp_path)
    hips = logged(capsys, "--overall", "5", "--region", "hips=4", "--minutes", "70",
                  "--effort", "8")
    ankles = logged(capsys, "--overall", "3", "--region", "ankles=4", at=NOW + HOUR)
    tips = [*hips["today"], *hips["next_run"], *ankles["today"], *ankles["next_run"]]
    for tip in tips:
        finding, _, source = tip["why"].rpartition(" (")
        assert finding and source.endswith(")") and ". " not in finding, tip["why"]
    whys = " ".join(tip["why"] for tip in tips)
    assert "under a third" in whys and "Wu et al. 2024" in whys
    achilles = next(tip for tip in ankles["next_run"] if tip["id"] == "achilles-raises")
    assert "mild" in achilles["text"] and "gets worse" in achilles["text"]
    assert "below the step" in achilles["text"]


# --- the new signs travel ------------------------------------------------------------------


def test_the_new_signs_survive_export_and_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    History().rating(2, 3, flags=("dark-urine", "saddle-numbness")).imported(tmp_path)
    with Store.open() as store:
        [entry] = store.soreness_history()
    assert entry.flags == ("dark-urine", "saddle-numbness")
