"""Warning signs are stored with each soreness entry: only names coach knows, each once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.record.scales import WARNING_SIGN_KEYS
from coach.store import SorenessEntry, Store
from coach.store import soreness as rows

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Store:
    return Store.memory(clock=lambda: NOW)


def entry(**values: object) -> SorenessEntry:
    fields: dict[str, object] = {"id": "e1", "session_id": None, "recorded_at": NOW,
                                 "timing": "standalone", "overall": 3}
    fields.update(values)
    return SorenessEntry(**fields)  # type: ignore[arg-type]


def test_signs_are_written_and_read_back_in_coach_s_order(store: Store) -> None:
    with store.transaction() as conn:
        rows.insert(conn, entry(flags=("swelling", "sharp-pain")))
    assert store.get_soreness("e1").flags == ("sharp-pain", "swelling")
    with store.snapshot() as conn:
        stored = conn.execute("SELECT flags_json FROM soreness").fetchone()[0]
    assert stored == '["sharp-pain","swelling"]'


def test_an_entry_without_signs_stores_an_empty_list(store: Store) -> None:
    entry_id = store.add_soreness(2)
    assert store.get_soreness(entry_id).flags == ()


def test_replacing_an_entry_keeps_or_changes_its_signs(store: Store) -> None:
    with store.transaction() as conn:
        rows.insert(conn, entry(flags=("numbness",)))
    store.update_soreness("e1", overall=4)
    assert store.get_soreness("e1").flags == ("numbness",)
    with store.transaction() as conn:
        rows.replace(conn, entry(overall=4, flags=("calf-swollen-warm",)))
    assert store.get_soreness("e1").flags == ("calf-swollen-warm",)


@pytest.mark.parametrize(
    "flags",
    [("sore",), ("Swelling",), ("swelling", "swelling"), "swelling", (3,), ("",),
     ("swelling\x1b[2J",), None],
)
def test_unknown_or_repeated_signs_are_refused(store: Store, flags: object) -> None:
    with pytest.raises(ValueError, match="flags|warning sign"):
        rows.check_entry(entry(flags=flags))
    with pytest.raises(ValueError), store.transaction() as conn:
        rows.insert(conn, entry(flags=flags))
    assert store.soreness_history() == []


@pytest.mark.parametrize(
    "stored", ['["swelling","made-up"]', "{}", "not json", '"swelling"', "[1, null]"],
)
def test_a_hand_edited_row_keeps_only_known_signs(store: Store, stored: str) -> None:
    store.add_soreness(2)
    with store.transaction() as conn:
        conn.execute("UPDATE soreness SET flags_json = ?", (stored,))
    [read] = store.soreness_history()
    assert set(read.flags) <= set(WARNING_SIGN_KEYS)
    assert read.flags == (("swelling",) if "swelling" in stored and "[" in stored else ())
