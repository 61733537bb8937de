"""Properties of import: whatever the file holds, the answer is an import or one clear line.

Hypothesis feeds the import arbitrary bytes, arbitrary text, arbitrary JSON values and real
exports with a value anywhere replaced, removed or added. Nothing may escape but an
:class:`ExchangeError` whose message is one clean line; and whatever is accepted must be
stored without an SQLite error and come back out as an export that imports again to the
same bytes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.store import Store
from coach.store.exchange import ExchangeError, export_json, prepare, write
from coach.store.validate import Invalid, validate
from coach.text import first_unsafe
from tests.support.histories import small_history


def _base() -> str:
    with Store.memory() as store:
        small_history(store)
        return export_json(store)


BASE = _base()

scalars = (
    st.none() | st.booleans() | st.floats() | st.text(max_size=30)
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.sampled_from([0, 1, -1, 2**31, 2**63, -(2**63) - 1, 1e308, 604801, 0.5, "", " ",
                       "\ud800", "\x1b[2J", "\u202e", "open", "5m..10m", "walk", "left",
                       "in progress", "2024-06-01T07:00:00.000Z", "0001-01-01T00:00:00+05:00"])
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


PLACES = _places(json.loads(BASE))[1:]
KEYS = sorted({place[-1] for place in PLACES if isinstance(place[-1], str)})


def assert_one_clean_line(error: Exception) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message
    assert first_unsafe(message) is None, repr(message)
    assert len(message) < 600, message


def outcome(data: bytes | str) -> Any:
    """Prepare ``data``; returns what was prepared, or None after a clean refusal."""
    try:
        return prepare(data, "f.json")
    except ExchangeError as error:
        assert_one_clean_line(error)
        return None


def assert_stored_and_round_trips(prepared: Any) -> None:
    with Store.memory() as first:
        try:
            write(first, prepared)
        except ExchangeError as error:  # an entry of a session in neither file nor database
            assert_one_clean_line(error)
            assert "session_id: no session" in str(error)
            return
        text = export_json(first)
    again = prepare(text, "the export")
    with Store.memory() as second:
        write(second, again)
        assert export_json(second) == text


@given(st.binary(max_size=400))
def test_any_bytes_are_imported_or_refused_in_one_line(data: bytes) -> None:
    outcome(data)


@given(st.text(st.characters(codec=None), max_size=300))
def test_any_text_is_imported_or_refused_in_one_line(text: str) -> None:
    outcome(text)


@given(json_values)
def test_any_json_value_is_validated_or_refused(value: Any) -> None:
    try:
        validate(value)
    except Invalid as error:
        assert_one_clean_line(error)
    outcome(json.dumps(value))


@given(st.sampled_from(PLACES), json_values, st.sampled_from(["replace", "remove", "add"]),
       st.sampled_from(KEYS + ["extra", "\ud800"]), st.booleans())
def test_a_real_export_broken_anywhere_is_imported_or_refused(
    place: tuple[Any, ...], value: Any, how: str, key: str, as_bytes: bool,
) -> None:
    document = json.loads(BASE)
    node: Any = document
    for part in place[:-1]:
        node = node[part]
    last = place[-1]
    if how == "replace":
        node[last] = value
    elif how == "remove":
        del node[last]
    elif isinstance(node[last], dict):
        node[last][key] = value
    elif isinstance(node[last], list):
        node[last].append(value)
    else:
        node[last] = [node[last], value]
    text = json.dumps(document)
    prepared = outcome(text.encode() if as_bytes else text)
    if prepared is not None:
        assert_stored_and_round_trips(prepared)


@given(st.sampled_from([p for p in PLACES if p[-1] in ("status", "phase", "seq", "position",
                                                       "elapsed_seconds", "note", "overall")]),
       st.sampled_from(["in progress", "interrupted", "after", None, 0, 1, 3, 11, 0.0,
                        "x" * 500, "x" * 501, 604800, 604800.5]))
def test_values_at_the_edges_round_trip_when_accepted(place: tuple[Any, ...],
                                                      value: Any) -> None:
    document = json.loads(BASE)
    node: Any = document
    for part in place[:-1]:
        node = node[part]
    node[place[-1]] = value
    prepared = outcome(json.dumps(document))
    if prepared is not None:
        assert_stored_and_round_trips(prepared)


def test_the_honest_export_round_trips() -> None:
    prepared = outcome(BASE)
    assert prepared is not None
    assert_stored_and_round_trips(prepared)


@pytest.mark.parametrize("depth", [50, 900, 5_000, 200_000])
def test_nesting_at_any_depth_is_refused_in_one_line(depth: int) -> None:
    for text in ("[" * depth + "]" * depth, '{"a":' * depth + "0" + "}" * depth):
        assert outcome(text) is None
