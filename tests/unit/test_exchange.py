"""Export and import: lossless, idempotent, merging, and all-or-nothing on bad files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.store import Store
from coach.store.exchange import (
    ExchangeError,
    ImportResult,
    export,
    export_csv,
    export_json,
    import_json,
)
from coach.store.spreadsheet import CSV_COLUMNS
from coach.store.validate import VERSION
from tests.support.seed import cool_down_timeline, seed_sessions, warm_up_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


@pytest.fixture
def open_store(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    opened: list[Store] = []

    def make(name: str) -> Store:
        store = Store.open(tmp_path / f"{name}.db", clock=lambda: T0)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def fill(store: Store, start: datetime = T0) -> list[str]:
    """A varied history: finished, interrupted and running sessions, revisits, soreness."""
    warm, cool = warm_up_timeline(), cool_down_timeline()
    first = store.start_session(warm, "before", start)
    store.record_step(first, warm[0], "done", 120, 120.25, start + timedelta(minutes=2))
    store.record_step(first, warm[1], "skipped", 30, 2, start + timedelta(minutes=3))
    store.record_step(first, warm[1], "extended", 60, 60, start + timedelta(minutes=4))
    store.end_session(first, "completed", 182.25, start + timedelta(minutes=4))
    second = store.start_session(cool, "after", start + timedelta(hours=1))
    store.record_step(second, cool[0], "cut short", 300, 200.5, start + timedelta(hours=1))
    store.end_session(second, "stopped", 200.5, start + timedelta(hours=1, minutes=4))
    store.add_soreness(4, timing="after", session_id=second, regions={"calves": 6},
                       effort=7, run_minutes=52.5, note="Côte raide — «ouch»",
                       advice=["Easy walk tomorrow"], recorded_at=start + timedelta(hours=1))
    store.add_soreness(2, timing="next day", session_id=second,
                       recorded_at=start + timedelta(hours=25))
    store.dismiss_follow_up(first, start + timedelta(hours=20))
    store.add_soreness(1, note="rest day", recorded_at=start + timedelta(days=2))
    third = store.start_session(warm, None, start + timedelta(days=3))  # still running
    return [first, second, third]


def finished(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` as another database holds it once imported: a session still in
    progress arrives interrupted, ended with its last step, as coach ends one whose player
    went away."""
    document = json.loads(json.dumps(document))
    for session in document["sessions"]:
        if session["status"] == "in progress":
            session["status"] = "interrupted"
            ends = [step["ended_at"] for step in session["steps"]]
            session["ended_at"] = max(ends, default=session["started_at"])
            session["elapsed_seconds"] = float(sum(s["actual_seconds"] for s in session["steps"]))
    return document


def test_export_import_export_gives_the_same_bytes(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    fill(source)
    seed_sessions(source, 40, T0 - timedelta(days=365), rng_seed=3)
    first = export_json(source)
    target = open_store("target")
    result = import_json(target, first)
    assert result.added_sessions == 43
    assert (result.skipped_existing, result.interrupted) == (0, 1)
    second = export_json(target)
    assert json.loads(second) == finished(json.loads(first))
    again = open_store("again")
    import_json(again, second)
    assert export_json(again) == second


def test_the_export_format(open_store: Callable[[str], Store]) -> None:
    store = open_store("one")
    first, second, third = fill(store)
    document = json.loads(export_json(store))
    assert (document["format"], document["version"]) == ("coach-export", VERSION)
    assert [s["id"] for s in document["sessions"]] == [first, second, third]
    session = document["sessions"][0]
    assert session["timeline"] == warm_up_timeline().to_dict()
    assert session["speed"] == 1.0
    assert [step["seq"] for step in session["steps"]] == [0, 1, 2]
    assert session["follow_up_dismissed_at"] == "2024-06-02T03:00:00.000Z"
    assert [e["timing"] for e in document["soreness"]] == ["after", "next day", "standalone"]
    assert document["soreness"][0]["regions"] == {"calves": 6}
    assert document["soreness"][0]["flags"] == []
    assert export_json(open_store("empty")) == (
        f'{{\n"format": "coach-export",\n"version": {VERSION},\n"sessions": [\n],\n'
        '"soreness": [\n],\n"runs": [\n],\n"shoes": [\n],\n"experiments": [\n]\n}\n'
    )


def test_a_session_in_progress_arrives_interrupted(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    warm = warm_up_timeline()
    running = source.start_session(warm, "before", T0)
    source.record_step(running, warm[0], "done", 120, 121.5, T0 + timedelta(minutes=2))
    source.record_step(running, warm[1], "cut short", 30, 10, T0 + timedelta(minutes=3))
    target = open_store("target")
    result = import_json(target, export_json(source))
    assert result.text() == ("added 1 session and 0 soreness entries (1 session in progress "
                             "when exported, kept as interrupted)")
    summary = target.list_sessions()[0]
    assert summary.status == "interrupted"
    assert summary.ended_at == T0 + timedelta(minutes=3)
    assert summary.elapsed_seconds == 131.5
    # Nothing on this computer is playing it: starting coach here leaves it as it is.
    assert target.mark_interrupted(T0 + timedelta(minutes=4)) == 0
    assert source.get_session(running).summary.status == "in progress"


def test_importing_twice_adds_nothing(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    fill(source)
    text = export_json(source)
    target = open_store("target")
    once = import_json(target, text)
    assert (once.added_sessions, once.added_soreness) == (3, 3)
    again = import_json(target, text)
    assert (again.added_sessions, again.skipped_existing) == (0, 3)
    assert (again.added_soreness, again.updated_soreness, again.skipped_soreness) == (0, 0, 3)
    assert again.text() == "nothing new: 3 sessions and 3 soreness entries already present"
    assert json.loads(export_json(target)) == finished(json.loads(text))
    assert import_json(source, text).added_sessions == 0


def test_two_machines_merge_into_one_history(open_store: Callable[[str], Store]) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    laptop_ids = fill(laptop)
    desktop_ids = fill(desktop, T0 + timedelta(days=10))
    result = import_json(laptop, export_json(desktop))
    assert (result.added_sessions, result.skipped_existing) == (3, 0)
    merged = {s.id for s in laptop.list_sessions(limit=None)}
    assert merged == set(laptop_ids) | set(desktop_ids)
    assert len(laptop.soreness_history()) == 6
    # And back the other way: both machines end up with the same history, except that
    # each one's running session is interrupted on the other.
    import_json(desktop, export_json(laptop))
    assert finished(json.loads(export_json(desktop))) == finished(json.loads(
        export_json(laptop)))
    statuses = {s.id: s.status for s in desktop.list_sessions(limit=None)}
    assert (statuses[laptop_ids[2]], statuses[desktop_ids[2]]) == ("interrupted", "in progress")


def test_an_entry_edited_later_elsewhere_is_updated(open_store: Callable[[str], Store]) -> None:
    laptop, desktop = open_store("laptop"), open_store("desktop")
    fill(laptop)
    import_json(desktop, export_json(laptop))
    entry = laptop.soreness_history(timing="next day")[0]
    laptop.update_soreness(entry.id, overall=6, note="worse", updated_at=T0 + timedelta(days=4))
    result = import_json(desktop, export_json(laptop))
    assert (result.updated_soreness, result.skipped_soreness) == (1, 2)
    assert desktop.get_soreness(entry.id).overall == 6
    # The older copy does not overwrite the newer one.
    stale = import_json(laptop, export_json(desktop))
    assert stale.updated_soreness == 0


def _break(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set the value at a dotted path (``sessions.1.steps.0.outcome``) in a document."""

    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is KeyError:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_break("format", "something-else"), '"format" must be "coach-export"'),
        (_break("version", VERSION + 1),
         f"newer coach (export version {VERSION + 1}, this coach reads {VERSION})"),
        (_break("version", "1"), '"version" must be a whole number'),
        (_break("sessions", {}), "sessions: expected a list, not an object"),
        (_break("sessions.2.status", "finished"), "sessions[2].status: expected one of"),
        (_break("sessions.2.started_at", KeyError), "sessions[2].started_at: missing"),
        (_break("sessions.2.started_at", "yesterday"), "sessions[2].started_at: 'yesterday'"),
        (_break("sessions.2.id", "1234"), "sessions[2].id: '1234' is not a UUID"),
        (_break("sessions.1.steps.0.outcome", "great"), "sessions[1].steps[0].outcome"),
        (_break("sessions.0.steps.1.seq", 0), "sessions[0].steps[1].seq: 0 appears twice"),
        (_break("sessions.0.steps.0.actual_seconds", "2m"), "actual_seconds: expected a number"),
        (_break("sessions.0.timeline.steps.0.time", "soon"),
         'sessions[0].timeline.steps[0].time: "soon" is not a duration'),
        (_break("sessions.0.elapsed_seconds", None), "a completed session needs its elapsed"),
        (_break("soreness.0.overall", 11), "soreness[0].overall: expected a whole number from 0 "
         "to 10, not 11"),
        (_break("soreness.0.regions", {"elbow": 3}), "soreness[0].regions.elbow: unknown key"),
        (_break("soreness.0.session_id", "6f1c8c56-4b1e-4d0e-9f43-3a3f5d7c2b10"),
         "soreness[0].session_id: no session 6f1c8c56"),
        (_break("soreness.2.id", None), "soreness[2].id: expected text"),
    ],
)
def test_a_malformed_file_writes_nothing(
    open_store: Callable[[str], Store], change: Callable[[dict[str, Any]], None], message: str
) -> None:
    source = open_store("source")
    fill(source)
    document = json.loads(export_json(source))
    change(document)
    target = open_store("target")
    seed_sessions(target, 4, T0 - timedelta(days=30), rng_seed=1)
    before = export_json(target)
    with pytest.raises(ExchangeError) as error:
        import_json(target, json.dumps(document), source="old.json")
    text = str(error.value)
    assert message in text
    assert text.startswith("old.json: ") and text.endswith("nothing was imported")
    assert "\n" not in text
    assert export_json(target) == before


def test_duplicate_ids_and_broken_json_are_refused(open_store: Callable[[str], Store]) -> None:
    source = open_store("source")
    fill(source)
    document = json.loads(export_json(source))
    document["sessions"].append(document["sessions"][0])
    target = open_store("target")
    with pytest.raises(ExchangeError, match=r"sessions\[3\].id: .* appears twice"):
        import_json(target, json.dumps(document))
    with pytest.raises(ExchangeError, match=r"not valid JSON \(line 1, column 2"):
        import_json(target, "{oops")
    with pytest.raises(ExchangeError, match=r"sessions\[0\].status: given twice"):
        import_json(target, json.dumps(document).replace(
            '"status": "completed"', '"status": "stopped", "status": "completed"', 1))
    with pytest.raises(ExchangeError, match="top level must be an object"):
        import_json(target, "[]")
    assert target.count_sessions() == 0


def session_rows(text: str) -> list[list[str]]:
    """The CSV's first table: the sessions, up to the blank line before the next one."""
    rows = list(csv.reader(io.StringIO(text)))
    return rows[:rows.index([])]


def test_csv_has_one_row_per_session(open_store: Callable[[str], Store]) -> None:
    store = open_store("one")
    first, second, third = fill(store)
    rows = session_rows(export_csv(store, tz=UTC))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[-1] for row in rows[1:]] == [first, second, third]  # oldest first
    cool = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert cool == {
        "date": "2024-06-01", "time": "08:00", "routine": "Cool-down",
        "routine_id": "cool-down", "kind": "cool-down", "phase": "after", "status": "stopped",
        "speed": "1", "steps_done": "1", "steps_planned": "8", "minutes": "3.3",
        "soreness_after": "4",
        "soreness_next_day": "2", "effort": "7", "run_minutes": "52.5", "load": "367.5",
        "session_id": second,
    }
    running = dict(zip(CSV_COLUMNS, rows[3], strict=True))
    assert (running["status"], running["phase"], running["minutes"]) == ("in progress", "", "")
    assert session_rows(export_csv(open_store("empty"))) == [list(CSV_COLUMNS)]


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "' Tabbed"),
        ("Red \x1b[31mtext\x1b[0m", "Red [31mtext[0m"),
        ("Two\nlines\r", "Two lines"),
        ("Calf \u202estretch", "Calf stretch"),
        ("Plain name", "Plain name"),
    ],
)
def test_csv_cells_are_text_never_formulas_or_escapes(
    open_store: Callable[[str], Store], name: str, cell: str
) -> None:
    store = open_store("one")
    timeline = warm_up_timeline()
    hostile = type(timeline)(name, name, "warm-up", timeline.steps)
    store.start_session(hostile, "before", T0)
    rows = session_rows(export_csv(store, tz=UTC))
    row = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert (row["routine"], row["routine_id"]) == (cell, cell)
    assert len(rows) == 2


def test_export_counts_what_it_wrote(open_store: Callable[[str], Store]) -> None:
    store = open_store("one")
    fill(store)
    json_export = export(store)
    assert (json_export.sessions, json_export.soreness) == (3, 3)
    assert json_export.text == export_json(store)
    csv_export = export(store, csv_format=True, tz=UTC)
    assert (csv_export.sessions, csv_export.soreness) == (3, 1)  # one logged on its own
    assert csv_export.text == export_csv(store, tz=UTC)
    empty = export(open_store("empty"))
    assert (empty.sessions, empty.soreness) == (0, 0)


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (ImportResult(1, 0, 1), "added 1 session and 1 soreness entry"),
        (ImportResult(2, 1, 0, 1, 3), "added 2 sessions and 0 soreness entries; updated 1 "
         "soreness entry; skipped 1 session and 3 soreness entries already present"),
        (ImportResult(1200, 0, 0), "added 1,200 sessions and 0 soreness entries"),
        (ImportResult(0, 1, 0, 0, 1), "nothing new: 1 session and 1 soreness entry already "
         "present"),
        (ImportResult(), "the file holds no sessions and no soreness entries"),
    ],
)
def test_import_results_read_as_english(result: ImportResult, text: str) -> None:
    assert result.text() == text


VERSION_1 = """{
"format": "coach-export",
"version": 1,
"sessions": [
{"elapsed_seconds": 304.5, "ended_at": "2024-06-01T07:06:00.000Z", "follow_up_dismissed_at": null, "host": "laptop", "id": "5d1e9a52-3f0c-4c8e-9b7a-2c4f6e8d1a01", "phase": "after", "pid": 4242, "routine_id": "cool-down", "routine_kind": "cool-down", "routine_name": "Cool-down", "started_at": "2024-06-01T07:00:00.000Z", "status": "stopped", "steps": [{"actual_seconds": 301.5, "ended_at": "2024-06-01T07:05:00.000Z", "kind": "walk", "name": "Cool-down walk", "outcome": "done", "planned_seconds": 300.0, "position": 0, "round": null, "rounds": null, "seq": 0, "side": null, "switch": false}, {"actual_seconds": 3.0, "ended_at": "2024-06-01T07:06:00.000Z", "kind": "stretch", "name": "Calf stretch", "outcome": "skipped", "planned_seconds": 30.0, "position": 1, "round": null, "rounds": null, "seq": 1, "side": "left", "switch": false}], "timeline": {"routine_id": "cool-down", "routine_kind": "cool-down", "routine_name": "Cool-down", "steps": [{"countdown": 3, "cue": "Easy pace.", "entry": 1, "group": null, "index": 0, "kind": "walk", "name": "Cool-down walk", "round": null, "rounds": null, "side": null, "sound": null, "switch": false, "time": "5m..10m"}, {"countdown": 3, "cue": "", "entry": 2, "group": null, "index": 1, "kind": "stretch", "name": "Calf stretch", "round": null, "rounds": null, "side": "left", "sound": null, "switch": false, "time": "30s"}, {"countdown": 0, "cue": "Get ready: calf stretch, right side.", "entry": 2, "group": null, "index": 2, "kind": "rest", "name": "Switch sides", "round": null, "rounds": null, "side": "right", "sound": null, "switch": true, "time": "5s"}, {"countdown": 3, "cue": "", "entry": 2, "group": null, "index": 3, "kind": "stretch", "name": "Calf stretch", "round": null, "rounds": null, "side": "right", "sound": null, "switch": false, "time": "30s"}]}}
],
"soreness": [
{"advice": ["walk-first"], "effort": 5, "id": "8b3c1f20-6a4d-4e5f-8c9b-0d1e2f3a4b5c", "note": "ok", "overall": 3, "recorded_at": "2024-06-01T07:07:00.000Z", "regions": {"calves": 4}, "run_minutes": 40.0, "session_id": "5d1e9a52-3f0c-4c8e-9b7a-2c4f6e8d1a01", "timing": "after", "updated_at": "2024-06-01T07:07:00.000Z"}
]
}
"""  # noqa: E501  (written by the first coach, byte for byte)


def test_a_version_1_export_still_imports(open_store: Callable[[str], Store]) -> None:
    target = open_store("target")
    result = import_json(target, VERSION_1)
    assert (result.added_sessions, result.added_soreness) == (1, 1)
    session = target.get_session("5d1e9a52-3f0c-4c8e-9b7a-2c4f6e8d1a01")
    assert (session.summary.status, session.summary.speed) == ("stopped", 1.0)
    assert [step.outcome for step in session.steps] == ["done", "skipped"]
    assert session.soreness[0].flags == ()
    assert session.soreness[0].advice == ("walk-first",)
    document = json.loads(export_json(target))
    old = json.loads(VERSION_1)
    assert document["version"] == VERSION
    assert document["sessions"][0] == dict(old["sessions"][0], speed=1.0)
    assert document["soreness"][0] == dict(old["soreness"][0], flags=[])


def test_previews_and_warning_signs_survive_the_round_trip(
    open_store: Callable[[str], Store]
) -> None:
    from coach.record.scales import WARNING_SIGN_KEYS

    source = open_store("source")
    preview = source.start_session(cool_down_timeline(), "after", T0, speed=20)
    source.end_session(preview, "stopped", 3, T0 + timedelta(seconds=10))
    entry = source.add_soreness(6, timing="standalone", flags=WARNING_SIGN_KEYS[:2],
                                recorded_at=T0 + timedelta(hours=2))
    target = open_store("target")
    import_json(target, export_json(source))
    assert target.get_session(preview).summary.speed == 20
    assert target.get_soreness(entry).flags == WARNING_SIGN_KEYS[:2]
    assert export_json(target) == export_json(source)


def _builtin_ids() -> list[str]:
    from coach import locations

    return sorted(path.stem for path in locations.builtin_routines_dir().glob("*.toml"))


@pytest.mark.parametrize("routine_id", _builtin_ids())
def test_every_built_in_routine_played_through_imports_unchanged(
    open_store: Callable[[str], Store], routine_id: str
) -> None:
    from coach import locations
    from coach.routine.loader import load_routine
    from coach.routine.timeline import expand

    routine = load_routine(locations.builtin_routines_dir() / f"{routine_id}.toml",
                           builtin=True)
    timeline = expand(routine)
    source = open_store("source")
    session = source.start_session(timeline, "after", T0)
    moment = T0
    for step in timeline:
        seconds = float(step.time.minimum or 30)
        moment += timedelta(seconds=seconds)
        source.record_step(session, step, "done", seconds, seconds + 0.25, moment)
    source.end_session(session, "completed", (moment - T0).total_seconds(), moment)
    text = export_json(source)
    target = open_store("target")
    assert import_json(target, text).added_sessions == 1
    assert export_json(target) == text
