"""``coach import`` against hostile files: one line naming the place, exit 2, nothing written.

Every case starts from a real export and breaks one thing, or is a whole file that is not
an export at all. Each run checks that the message is one clean line (no traceback, nothing
that could drive a terminal), that standard output stays empty, and that coach.db is byte
for byte and row for row what it was, with no journal or backup left beside it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest

from coach.cli import main
from coach.record.scales import WARNING_SIGN_KEYS
from coach.store import Store
from coach.store.exchange import export_csv, export_json
from coach.store.validate import VERSION
from coach.text import first_unsafe
from tests.support.histories import T0, small_history
from tests.support.seed import seed_sessions

RAW = "@@raw@@"


@dataclass(frozen=True)
class Base:
    text: str
    csv: str

    def document(self) -> dict[str, Any]:
        copy: dict[str, Any] = json.loads(self.text)
        return copy


@pytest.fixture(scope="module")
def base() -> Base:
    with Store.memory() as store:
        small_history(store)
        return Base(export_json(store), export_csv(store, tz=UTC))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The database every case imports into: a little history of its own."""
    path = tmp_path_factory.mktemp("template") / "coach.db"
    with Store.open(path) as store:
        seed_sessions(store, 3, T0 - timedelta(days=30), rng_seed=5)
    return path.read_bytes()


def _rows(path: Path) -> list[list[tuple[Any, ...]]]:
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)  # leaves no -wal, no -shm
    try:
        return [conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("sessions", "steps", "soreness", "follow_ups")]
    finally:
        conn.close()


def assert_refused(file: Path, home: Path, capsys: pytest.CaptureFixture[str],
                   expected: str) -> str:
    """Import ``file``; assert one clean line containing ``expected`` and no change."""
    database = home / "coach.db"
    before, rows = database.read_bytes(), _rows(database)
    code = main(["import", str(file)])
    captured = capsys.readouterr()
    err = captured.err
    assert (code, captured.out) == (2, ""), err
    assert err.startswith("coach: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and first_unsafe(err[:-1]) is None
    assert len(err) < 400, err
    assert expected in err, err
    assert database.read_bytes() == before
    assert sorted(os.listdir(home)) == ["coach.db"]
    assert _rows(database) == rows
    return err


@pytest.fixture
def home(coach_home: Path, template: bytes) -> Path:
    coach_home.mkdir()
    (coach_home / "coach.db").write_bytes(template)
    return coach_home


Build = Callable[[Base], bytes]


def at(path: str, value: Any, raw: str = "") -> Build:
    """The export with the value at ``path`` (``sessions.0.steps.1.kind``) replaced, or
    removed (``value=KeyError``); ``raw`` is JSON text put in place of the value as it is."""

    def build(base: Base) -> bytes:
        document = base.document()
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        key: Any = int(last) if isinstance(node, list) else last
        if value is KeyError:
            del node[key]
        else:
            node[key] = RAW if raw else value
        text = json.dumps(document)  # ASCII: lone surrogates travel as \ud800 escapes
        return text.replace(f'"{RAW}"', raw).encode()

    return build


def edit(change: Callable[[str], str]) -> Build:
    return lambda base: change(base.text).encode("utf-8")


def whole(content: bytes | Callable[[Base], bytes]) -> Build:
    return content if callable(content) else (lambda base: content)


def _zip(base: Base) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("history.json", base.text)
    return buffer.getvalue()


SIGN = WARNING_SIGN_KEYS[0]
DEEP = "[" * 10_000 + "]" * 10_000
HUGE = "1" + "0" * 5000
LONG = "x" * 1_000_000
S0, STEP, TL, E0 = "sessions.0", "sessions.0.steps.0", "sessions.0.timeline", "soreness.0"
TL0 = f"{TL}.steps.0"

FILES: list[tuple[str, Build, str]] = [
    # Whole files that are not an export.
    ("empty", whole(b""), "is empty"),
    ("blank", whole(b" \n\t\r\n"), "is empty"),
    ("truncated", lambda b: b.text[: len(b.text) // 2].encode(), "is not valid JSON (line"),
    ("not UTF-8", whole(b'{"format": "\xff\xfe"}'), "is not UTF-8 text (byte 12)"),
    ("UTF-16 with BOM", lambda b: b.text.encode("utf-16"), "is UTF-16 text"),
    ("UTF-16 big-endian", lambda b: b"\xfe\xff" + b.text.encode("utf-16-be"),
     "is UTF-16 text"),
    ("UTF-16 without BOM", lambda b: b.text.encode("utf-16-le"), "holds NUL bytes"),
    ("UTF-32", lambda b: b.text.encode("utf-32"), "is UTF-32 text"),
    ("the CSV export", lambda b: b.csv.encode(), "looks like a CSV export"),
    ("other CSV", whole(b"when,what,how long\n2024-06-01,walk,5\n"), "looks like CSV text"),
    ("coach.db", whole(b"SQLite format 3\x00" + bytes(200)), "is an SQLite database"),
    ("gzip", lambda b: gzip.compress(b.text.encode()), "is gzip-compressed"),
    ("zip", _zip, "is a zip archive"),
    ("routine", whole(b'name = "Mine"\n[[steps]]\nname = "Walk"\n'), "looks like a routine"),
    ("html", whole(b"<!doctype html><html></html>"), "looks like XML or HTML"),
    ("binary", whole(bytes(range(256)) * 4), "holds NUL bytes"),
    ("raw control char in a string", whole(b'{"format": "coach\x1b[2J"}'),
     "Invalid control character"),
    ("top-level list", whole(b"[]"), "the top level must be an object"),
    ("top-level text", whole(b'"coach-export"'), "the top level must be an object"),
    ("top-level number", whole(b"42"), "the top level must be an object"),
    ("top-level null", whole(b"null"), "the top level must be an object"),
    ("10k-deep lists", whole(DEEP.encode()), "nests lists or objects too deeply"),
    ("10k-deep objects", whole(('{"a":' * 10_000 + "1" + "}" * 10_000).encode()),
     "nests lists or objects too deeply"),
    ("a million open brackets", whole(b"[" * 1_000_000), "nests lists or objects too deeply"),
    ("deep inside a session", at(TL, None, raw=DEEP), "nests lists or objects too deeply"),
    ("NaN bare", whole(b"NaN"), "the top level must be an object with format, version, "
     "sessions, soreness, not nan"),
    # The envelope.
    ("format missing", at("format", KeyError), '"format" must be "coach-export", not null'),
    ("format wrong", at("format", "strava"), "not 'strava'; is this a coach export?"),
    ("future version", at("version", VERSION + 1),
     f"newer coach (export version {VERSION + 1}, this coach reads {VERSION})"),
    ("far future version", at("version", 10**9), "export version 1,000,000,000"),
    ("version 0", at("version", 0), '"version" must be a whole number from 1, not 0'),
    ("version negative", at("version", -1), '"version" must be a whole number from 1'),
    ("version as text", at("version", "1"), "not '1'"),
    ("version as float", at("version", 1.0), "not 1.0"),
    ("version as bool", at("version", True), "not true"),
    ("version 10^5000", at("version", None, raw=HUGE), "not a number 5,001 digits long"),
    ("unknown top-level key", at("exported_by", "me"), "exported_by: unknown key"),
    ("sessions missing", at("sessions", KeyError), "sessions: missing"),
    ("sessions an object", at("sessions", {}), "sessions: expected a list, not an object"),
    ("sessions null", at("sessions", None), "sessions: expected a list, not null"),
    ("soreness text", at("soreness", "none"), "soreness: expected a list, not 'none'"),
    ("duplicate top-level key", edit(lambda t: t.replace(f'"version": {VERSION},',
                                                         '"version": 1, "version": 2,')),
     "version: given twice in one object"),
    # Sessions.
    ("session a list", at(S0, []), "sessions[0]: expected an object, not an empty list"),
    ("session a number", at(S0, 7), "sessions[0]: expected an object, not 7"),
    ("unknown session key", at(f"{S0}.colour", "red"), "sessions[0].colour: unknown key"),
    ("surrogate key", at(f"{S0}.\ud800", 1), "sessions[0]['\\ud800']: unknown key"),
    ("escape key", at(f"{S0}.\x1b[2J", 1), "sessions[0]['\\x1b[2J']: unknown key"),
    ("id not a UUID", at(f"{S0}.id", "1234"), "sessions[0].id: '1234' is not a UUID"),
    ("id a megabyte long", at(f"{S0}.id", LONG), "1,000,000 characters, more than the 45"),
    ("id a number", at(f"{S0}.id", 5), "sessions[0].id: expected text, not 5"),
    ("id twice", lambda b: at("sessions.1.id", b.document()["sessions"][0]["id"])(b),
     "sessions[1].id: "),
    ("duplicate session key", edit(lambda t: t.replace('"status": "stopped"',
                                                       '"status": "stopped", "status": "x"')),
     "sessions[1].status: given twice"),
    ("routine name differs from timeline", at(f"{S0}.routine_name", "Other"),
     "sessions[0].routine_name: 'Other', but its timeline says 'Dynamic warm-up'"),
    ("routine id blank", at(f"{S0}.routine_id", " "), "sessions[0].routine_id: is empty"),
    ("phase unknown", at(f"{S0}.phase", "during"), "sessions[0].phase: expected one of"),
    ("status unknown", at(f"{S0}.status", "finished"), "sessions[0].status: expected one of"),
    ("status a list", at(f"{S0}.status", ["completed"]), "not a list of 1 item"),
    ("started_at words", at(f"{S0}.started_at", "yesterday"), "'yesterday' is not a UTC time"),
    ("started_at without zone", at(f"{S0}.started_at", "2024-06-01T07:00:00"),
     "is not a UTC time"),
    ("started_at overflows", at(f"{S0}.started_at", "0001-01-01T00:00:00+05:00"),
     "is not a UTC time"),
    ("started_at year 9999", at(f"{S0}.started_at", "9999-12-31T23:00:00Z"),
     "is not between the years 1970 and 2999"),
    ("started_at year 1900", at(f"{S0}.started_at", "1900-01-01T00:00:00Z"),
     "is not between the years"),
    ("started_at missing", at(f"{S0}.started_at", KeyError), "sessions[0].started_at: missing"),
    ("ended_at null when completed", at(f"{S0}.ended_at", None),
     "sessions[0].ended_at: a completed session needs its end time"),
    ("elapsed null when completed", at(f"{S0}.elapsed_seconds", None),
     "a completed session needs its elapsed time"),
    ("elapsed 1e308", at(f"{S0}.elapsed_seconds", 1e308),
     "sessions[0].elapsed_seconds: expected a number from 0 to 604,800, not 1e+308"),
    ("elapsed 1e400 (infinite)", at(f"{S0}.elapsed_seconds", None, raw="1e400"), "not inf"),
    ("elapsed NaN", at(f"{S0}.elapsed_seconds", None, raw="NaN"), "not nan"),
    ("elapsed Infinity", at(f"{S0}.elapsed_seconds", None, raw="Infinity"), "not inf"),
    ("elapsed -Infinity", at(f"{S0}.elapsed_seconds", None, raw="-Infinity"), "not -inf"),
    ("elapsed negative", at(f"{S0}.elapsed_seconds", -1), "not -1"),
    ("elapsed a bool", at(f"{S0}.elapsed_seconds", True), "not true"),
    ("elapsed text", at(f"{S0}.elapsed_seconds", "122"), "not '122'"),
    ("elapsed 10^5000", at(f"{S0}.elapsed_seconds", None, raw=HUGE),
     "not a number 5,001 digits long"),
    ("pid beyond 64 bits", at(f"{S0}.pid", 2**64), "sessions[0].pid: expected a whole number"),
    ("pid negative", at(f"{S0}.pid", -1), "from 0 to 4,294,967,295, not -1"),
    ("pid a bool", at(f"{S0}.pid", False), "not false"),
    ("pid a float", at(f"{S0}.pid", 1.5), "not 1.5"),
    ("pid 30 digits", at(f"{S0}.pid", None, raw="-" + "9" * 30), "30 digits long"),
    ("host with OSC 52", at(f"{S0}.host", "pc\x1b]52;c;SGVsbG8=\x07"),
     "sessions[0].host: contains a control character ('\\x1b')"),
    ("host 300 characters", at(f"{S0}.host", "h" * 300), "300 characters, more than the 255"),
    ("dismissed_at bad", at(f"{S0}.follow_up_dismissed_at", "soon"), "is not a UTC time"),
    ("speed zero", at(f"{S0}.speed", 0), "sessions[0].speed: expected a number above 0"),
    ("speed negative", at(f"{S0}.speed", -20), "speed: expected a number from 0 to 1,000"),
    ("speed a million", at(f"{S0}.speed", 1e6), "not 1000000.0"),
    ("speed text", at(f"{S0}.speed", "20x"), "not '20x'"),
    ("speed NaN", at(f"{S0}.speed", None, raw="NaN"), "speed: expected a number"),
    # Timeline snapshots.
    ("timeline missing", at(TL, KeyError), "sessions[0].timeline: missing"),
    ("timeline a list", at(TL, []), "sessions[0].timeline: expected an object"),
    ("empty timeline", at(f"{TL}.steps", []),
     "sessions[0].timeline.steps: is empty; coach writes at least 1"),
    ("timeline steps an object", at(f"{TL}.steps", {}), "timeline.steps: expected a list"),
    ("timeline step text", at(TL0, "walk"), "timeline.steps[0]: expected an object, not 'walk'"),
    ("timeline of 501 steps", lambda b: at(f"{TL}.steps", [
        dict(b.document()["sessions"][0]["timeline"]["steps"][0], index=n)
        for n in range(501)])(b), "501 items, more than the 500"),
    ("timeline unknown key", at(f"{TL}.command", "rm -rf ~"), "timeline.command: unknown key"),
    ("timeline step unknown key", at(f"{TL0}.exec", "sh"), "steps[0].exec: unknown key"),
    ("timeline routine kind", at(f"{TL}.routine_kind", "party"), "routine_kind: expected one"),
    ("timeline routine name surrogate", at(f"{TL}.routine_name", "Warm\udc00up"),
     "routine_name: contains a lone surrogate ('\\udc00')"),
    ("timeline routine id empty", at(f"{TL}.routine_id", ""), "routine_id: is empty"),
    ("timeline index wrong", at(f"{TL0}.index", 5), "steps[0].index: 5, but this is step 0"),
    ("timeline index 10^5000", at(f"{TL0}.index", None, raw=HUGE), "5,001 digits long"),
    ("unknown step kind in timeline", at(f"{TL0}.kind", "teleport"),
     "sessions[0].timeline.steps[0].kind: expected one of \"walk\", \"move\""),
    ("timeline name 61 characters", at(f"{TL0}.name", "N" * 61),
     "steps[0].name: 61 characters, more than the 60"),
    ("timeline name clears the screen", at(f"{TL0}.name", "\x1b[2JWalk"),
     "steps[0].name: contains a control character ('\\x1b')"),
    ("timeline name bidi override", at(f"{TL0}.name", "Walk \u202eklaw"),
     "contains a control character ('\\u202e')"),
    ("timeline name lone surrogate", at(f"{TL0}.name", "\ud800"), "a lone surrogate"),
    ("timeline name blank", at(f"{TL0}.name", "\u200b "), "steps[0].name: is empty"),
    ("timeline name two lines", at(f"{TL0}.name", "Walk\nfast"), "('\\n')"),
    ("timeline cue 201 characters", at(f"{TL0}.cue", "c" * 201), "201 characters"),
    ("timeline cue with BEL", at(f"{TL0}.cue", "Ring\x07"), "('\\x07')"),
    ("timeline time words", at(f"{TL0}.time", "soon"), '"soon" is not a duration'),
    ("timeline time 99h", at(f"{TL0}.time", "99h"), "longer than the 2h a step may last"),
    ("timeline time zero", at(f"{TL0}.time", "0s"), "is zero"),
    ("timeline time a number", at(f"{TL0}.time", 120), "time: expected text, not 120"),
    ("timeline countdown 11", at(f"{TL0}.countdown", 11), "from 0 to 10, not 11"),
    ("timeline round without rounds", at(f"{TL0}.round", 2), "round 2 of null"),
    ("timeline rounds 101", at("sessions.0.timeline.steps.4.rounds", 101),
     "steps[4].rounds: expected a whole number from 1 to 100, not 101"),
    ("timeline round past rounds", at("sessions.0.timeline.steps.4.round", 5), "round 5 of 4"),
    ("timeline sound a path", at(f"{TL0}.sound", "../../etc/passwd"),
     'sound: expected one of "start"'),
    ("timeline switch text", at(f"{TL0}.switch", "yes"), "expected true or false, not 'yes'"),
    ("timeline duplicate key", edit(lambda t: t.replace('"index": 0,', '"index": 0, "index": 0,',
                                                        1)),
     "sessions[0].timeline.steps[0].index: given twice"),
    # The steps of a session.
    ("steps an object", at(f"{S0}.steps", {}), "sessions[0].steps: expected a list"),
    ("step a number", at(STEP, 1), "sessions[0].steps[0]: expected an object, not 1"),
    ("unknown step kind", at(f"{STEP}.kind", "teleport"),
     'sessions[0].steps[0].kind: expected one of "walk"'),
    ("step kind differs from timeline", at(f"{STEP}.kind", "rest"),
     "sessions[0].steps[0].kind: 'rest', but step 0 of the timeline has 'walk'"),
    ("step name differs from timeline", at(f"{STEP}.name", "Sprint"),
     "'Sprint', but step 0 of the timeline has 'Brisk walk'"),
    ("step name with escapes", at(f"{STEP}.name", "\x1b[31mBrisk walk"),
     "sessions[0].steps[0].name: contains a control character"),
    ("position 9999", at(f"{STEP}.position", 9999), "position: expected a whole number from 0"),
    ("position past the timeline", at(f"{STEP}.position", 12),
     "sessions[0].steps[0].position: 12, but the timeline has 12 steps (positions 0 to 11)"),
    ("position negative", at(f"{STEP}.position", -1), "not -1"),
    ("position a float", at(f"{STEP}.position", 1.0), "not 1.0"),
    ("position a bool", at(f"{STEP}.position", True), "not true"),
    ("seq twice", at("sessions.0.steps.1.seq", 0), "sessions[0].steps[1].seq: 0 appears twice"),
    ("seq negative", at(f"{STEP}.seq", -1), "seq: expected a whole number from 0"),
    ("seq 10^5000", at(f"{STEP}.seq", None, raw=HUGE), "seq: expected a whole number"),
    ("side unknown", at(f"{STEP}.side", "up"), 'side: expected one of "left", "right"'),
    ("switch text", at(f"{STEP}.switch", "no"), "switch: expected true or false"),
    ("round zero", at(f"{STEP}.round", 0), "round: expected a whole number from 1 to 100"),
    ("outcome unknown", at(f"{STEP}.outcome", "great"), "outcome: expected one of"),
    ("planned 1e308", at(f"{STEP}.planned_seconds", 1e308), "not 1e+308"),
    ("actual negative", at(f"{STEP}.actual_seconds", -0.5), "not -0.5"),
    ("actual NaN", at(f"{STEP}.actual_seconds", None, raw="NaN"), "not nan"),
    ("actual 8 days", at(f"{STEP}.actual_seconds", 8 * 86400), "not 691200"),
    ("step ended_at missing", at(f"{STEP}.ended_at", KeyError), "steps[0].ended_at: missing"),
    ("step unknown key", at(f"{STEP}.heart_rate", 150), "steps[0].heart_rate: unknown key"),
    # Soreness entries.
    ("entry a list", at(E0, [4]), "soreness[0]: expected an object, not a list of 1 item"),
    ("overall 11", at(f"{E0}.overall", 11), "soreness[0].overall: expected a whole number"),
    ("overall negative", at(f"{E0}.overall", -1), "not -1"),
    ("overall a float", at(f"{E0}.overall", 5.5), "not 5.5"),
    ("overall text", at(f"{E0}.overall", "5"), "not '5'"),
    ("overall a bool", at(f"{E0}.overall", True), "not true"),
    ("overall 30 digits", at(f"{E0}.overall", None, raw="9" * 30), "30 digits long"),
    ("regions a list", at(f"{E0}.regions", []), "soreness[0].regions: expected an object"),
    ("region unknown", at(f"{E0}.regions", {"elbow": 3}), "regions.elbow: unknown key"),
    ("region 11", at(f"{E0}.regions.calves", 11), "regions.calves: expected a whole number"),
    ("region a bool", at(f"{E0}.regions.calves", True), "not true"),
    ("effort 11", at(f"{E0}.effort", 11), "soreness[0].effort: expected a whole number"),
    ("run minutes 1e9", at(f"{E0}.run_minutes", 1e9), "from 0 to 1,440, not 1000000000.0"),
    ("run minutes NaN", at(f"{E0}.run_minutes", None, raw="NaN"), "not nan"),
    ("timing unknown", at(f"{E0}.timing", "later"), "soreness[0].timing: expected one of"),
    ("note over the limit", at(f"{E0}.note", "n" * 501), "note: 501 characters"),
    ("note a megabyte", at(f"{E0}.note", LONG), "1,000,000 characters, more than the 500"),
    ("note a number", at(f"{E0}.note", 5), "soreness[0].note: expected text, not 5"),
    ("note clears the screen", at(f"{E0}.note", "ok\x1b[2J\x1b[H"), "('\\x1b')"),
    ("note with NUL", at(f"{E0}.note", "a\x00b"), "('\\x00')"),
    ("note lone surrogate", at(f"{E0}.note", "sore \udfff"), "a lone surrogate"),
    ("advice text", at(f"{E0}.advice", "walk"), "soreness[0].advice: expected a list"),
    ("advice numbers", at(f"{E0}.advice", [1]), "soreness[0].advice[0]: expected text"),
    ("advice 21 tips", at(f"{E0}.advice", ["walk"] * 21), "21 items, more than the 20"),
    ("advice escape", at(f"{E0}.advice", ["\x1b[5mwalk"]), "advice[0]: contains a control"),
    ("entry id twice", lambda b: at("soreness.1.id", b.document()["soreness"][0]["id"])(b),
     "soreness[1].id: "),
    ("entry of an unknown session", at(f"{E0}.session_id",
                                       "6f1c8c56-4b1e-4d0e-9f43-3a3f5d7c2b10"),
     "soreness[0].session_id: no session 6f1c8c56-4b1e-4d0e-9f43-3a3f5d7c2b10"),
    ("entry session id not a UUID", at(f"{E0}.session_id", "s1"), "'s1' is not a UUID"),
    ("recorded_at bad", at(f"{E0}.recorded_at", "monday"), "recorded_at: 'monday' is not a"),
    ("updated_at missing", at(f"{E0}.updated_at", KeyError), "updated_at: missing"),
    ("entry unknown key", at(f"{E0}.mood", "grumpy"), "soreness[0].mood: unknown key"),
    ("flags text", at(f"{E0}.flags", SIGN), "soreness[0].flags: expected a list"),
    ("flag unknown", at(f"{E0}.flags", ["headache"]), "flags[0]: expected one of"),
    ("flag twice", at(f"{E0}.flags", [SIGN, SIGN]), f"flags[1]: '{SIGN}' appears twice"),
    ("flag a number", at(f"{E0}.flags", [1]), "flags[0]: expected one of"),
    ("too many flags", at(f"{E0}.flags", [SIGN] * 50), "flags: 50 items, more than the"),
    ("duplicate entry key", edit(lambda t: t.replace('"overall": 4,', '"overall": 4, '
                                                     '"overall": 9,')),
     "soreness[0].overall: given twice"),
]


@pytest.mark.parametrize(("build", "expected"), [case[1:] for case in FILES],
                         ids=[case[0] for case in FILES])
def test_a_hostile_file_is_refused_in_one_line(
    base: Base, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], build: Build,
    expected: str,
) -> None:
    file = tmp_path / "hostile.json"
    file.write_bytes(build(base))
    err = assert_refused(file, home, capsys, expected)
    if "nothing was imported" not in err:  # the file as a whole: named before a space
        assert err.startswith(f"coach: {file} ")


def test_the_corpus_is_large_and_has_no_repeats() -> None:
    names = [case[0] for case in FILES]
    assert len(names) == len(set(names)) >= 150


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: os.mkfifo(p), "is a named pipe (FIFO), not a regular file"),
        (lambda p: p.mkdir(), "is a folder, not a regular file"),
        (lambda p: None, "no such file"),
        (lambda p: (os.mkfifo(p.with_name("pipe")), p.symlink_to("pipe")), "named pipe"),
    ],
    ids=["fifo", "folder", "missing", "link to a fifo"],
)
def test_an_import_file_that_is_not_a_file_never_blocks(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], object], expected: str,
) -> None:
    file = tmp_path / "history.json"
    make(file)
    assert_refused(file, home, capsys, expected)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_never_read(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_refused(Path("/dev/zero"), home, capsys, "/dev/zero: is a device")


def test_a_file_over_the_size_limit_is_refused_unread(
    base: Base, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coach.store import validate

    monkeypatch.setattr(validate, "MAX_FILE_BYTES", 1000)
    file = tmp_path / "big.json"
    file.write_text(base.text, encoding="utf-8")
    assert_refused(file, home, capsys, "too big for a coach export")


def test_standard_input_over_the_size_limit_is_refused(
    base: Base, home: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coach.store import validate

    monkeypatch.setattr(validate, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(base.text.encode())))
    assert_refused(Path("-"), home, capsys, "the standard input is too big for a coach export")


def test_a_refused_file_creates_no_database(
    coach_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.json"
    file.write_text('{"format": "coach-export", "version": 1, "sessions": [1], "soreness": []}')
    assert main(["import", str(file)]) == 2
    assert "sessions[0]: expected an object, not 1" in capsys.readouterr().err
    assert not coach_home.exists()


ACCEPTED: list[tuple[str, Build]] = [
    ("UTF-8 byte-order mark", lambda b: b"\xef\xbb\xbf" + b.text.encode()),
    ("pretty-printed", lambda b: json.dumps(b.document(), indent=2).encode()),
    ("all on one line, ASCII only", lambda b: json.dumps(b.document()).encode()),
    ("CRLF line ends", lambda b: b.text.replace("\n", "\r\n").encode()),
    ("upper-case UUIDs", lambda b: at(f"{S0}.id", b.document()["sessions"][0]["id"].upper())(b)),
    ("times with an offset", at(f"{S0}.started_at", "2024-06-01T09:00:00+02:00")),
    ("whole seconds", at(f"{S0}.elapsed_seconds", 122)),
    ("note on two lines with a tab", at(f"{E0}.note", "left calf\n\tthen right")),
    ("missing optional fields", at(f"{S0}.follow_up_dismissed_at", KeyError)),
]


@pytest.mark.parametrize("build", [case[1] for case in ACCEPTED],
                         ids=[case[0] for case in ACCEPTED])
def test_odd_but_honest_files_import(
    base: Base, coach_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    build: Build,
) -> None:
    file = tmp_path / "history.json"
    file.write_bytes(build(base))
    assert main(["import", str(file)]) == 0, capsys.readouterr().err
    assert "added 3 sessions and 2 soreness entries" in capsys.readouterr().out
    with Store.open() as store:
        exported = json.loads(export_json(store))
    expected = base.document()
    assert [s["id"] for s in exported["sessions"]] == [s["id"] for s in expected["sessions"]]
    assert exported["sessions"][0]["started_at"] == "2024-06-01T07:00:00.000Z"
