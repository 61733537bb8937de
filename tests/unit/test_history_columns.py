"""Every history column's header says what its cells hold, for sessions and runs alike."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.store.listing import HistoryItem
from coach.store.runs import StoredRun
from coach.ui.widgets.history_rows import LAYOUTS, header_line

START = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
RUN = StoredRun(
    id="r" * 36, start=START, end=START, seconds=3000, elapsed_seconds=3000,
    distance_m=10_000, ascent_m=80, descent_m=120, sport="running", sub_sport=None,
    surface="trail", effort=6, feel=None, average_hr=None, shoe="Pegasus", source="fit",
    imported_at=START, updated_at=START,
)
RUN_VALUES = ("10.0 km", "↓120", "50:00", "trail", "Pegasus")
SESSION_ONLY = {"Phase": (), "Steps": (), "Status": ()}
"""Headers that belong to sessions: a run's values never stand under them."""


@pytest.mark.parametrize("least", [least for least, _ in LAYOUTS])
def test_a_runs_values_stand_only_under_headers_that_name_them(least: int) -> None:
    columns = dict(LAYOUTS)[least]
    item = HistoryItem(run=RUN)
    for column in columns:
        text, _ = column.cell(item)
        if column.label in SESSION_ONLY:
            assert not any(value in text for value in RUN_VALUES), (column.label, text)
        assert column.fit(column.label).strip() == column.label  # the header is never cut
    shown = " ".join(column.cell(item)[0] for column in columns)
    assert "10.0 km" in shown  # the run still says what it was
    assert len(header_line(columns).plain) <= max(least, 60) - 4
