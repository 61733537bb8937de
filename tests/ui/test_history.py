"""The history screens driven by keys: paging, filters, detail, editing, deleting, trends."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TabbedContent

from coach.play.clock import FakeClock
from coach.store import Store
from coach.ui.app import make_app
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.history import PAGE, HistoryScreen
from coach.ui.screens.session_detail import SessionDetailScreen
from coach.ui.screens.soreness import SorenessScreen
from coach.ui.screens.trends import TrendsScreen
from coach.ui.widgets.calendar import StreakCalendar
from coach.ui.widgets.chart import WeeklyBars
from coach.ui.widgets.row_list import RowList

from .helpers import screen_opens
from .hostile import frame
from .test_history_support import NOW, history_app, seeded_store, settle, utc_zone  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc_zone")
SIZE = (100, 30)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return seeded_store(tmp_path / "coach.db")


def labels(screen: HistoryScreen) -> list[str]:
    header = str(screen.query_one("#sessions-header", Static).content)
    return [label.strip() for label in header.split("  ") if label.strip()]


async def test_sessions_are_listed_newest_first_a_page_at_a_time(store: Store) -> None:
    newest = store.list_sessions(None)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.total == 300
        assert screen.visible_ids() == [s.id for s in newest[:PAGE]]
        table = screen.table
        assert table.row_count == PAGE
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        await pilot.press("end")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == 300
        assert screen.visible_ids() == [s.id for s in newest]
        assert "300 entries" in str(screen.query_one("#history-head", Static).content)


async def test_moving_down_row_by_row_loads_before_the_end_is_reached(store: Store) -> None:
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#sessions", RowList)
        await pilot.press("pagedown")
        table.cursor = PAGE - 27  # most of the way down the first page, by page keys' jump
        for _ in range(2):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == PAGE
        for _ in range(10):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 2 * PAGE
        assert table.cursor == PAGE - 15


async def test_f_cycles_the_kind_and_r_the_date_range(store: Store) -> None:
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await pilot.press("f")
        assert screen.total == store.count_sessions(kind="warm-up") == 150
        assert {s.session.routine_kind for s in screen.rows if s.session} == {"warm-up"}
        await pilot.press("f")
        assert {s.session.routine_kind for s in screen.rows if s.session} == {"cool-down"}
        await pilot.press("r")
        since = NOW.replace(hour=0) - timedelta(days=6)
        assert screen.total == store.count_sessions(kind="cool-down", since=since)
        assert 0 < screen.total < 10
        assert all(s.at >= since for s in screen.rows)
        head = str(screen.query_one("#history-head", Static).content)
        assert "cool-downs" in head and "last 7 days" in head
        await pilot.press("f", "f")  # mixed: none of those
        assert screen.total == 0
        assert not screen.query_one("#sessions-box").display
        empty = str(screen.query_one("#history-empty", Static).content)
        assert "No sessions match this filter" in empty
        await pilot.press("f")  # ratings logged on their own: none here either
        assert screen.total == 0
        await pilot.press("f")  # imported runs: none either
        assert screen.total == 0
        await pilot.press("f", "r", "r", "r", "r")  # back to everything
        assert screen.total == 300


async def test_an_empty_history_says_how_to_start(tmp_path: Path) -> None:
    app = history_app(Store.open(tmp_path / "coach.db"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        empty = str(app.screen.query_one("#history-empty", Static).content)
        assert "No sessions yet" in empty
        assert "coach run warm-up" in empty
        await pilot.press("enter", "t")  # nothing to open; trends still open
        await settle(pilot)
        await screen_opens(pilot, TrendsScreen)
        assert "Nothing to chart yet" in str(app.screen.query_one(".trend-wait", Static).content)


async def test_h_on_home_opens_history_and_q_goes_back(tmp_path: Path) -> None:
    app = make_app(store=Store.open(tmp_path / "coach.db"), now=lambda: NOW, clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await screen_opens(pilot, HistoryScreen)
        empty = str(app.screen.query_one("#history-empty", Static).content)
        assert "Press q, pick a routine and press enter" in empty
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
        assert app.is_running


async def test_q_leaves_coach_history(store: Store) -> None:
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_columns_follow_the_width(store: Store) -> None:
    app = history_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert labels(screen) == ["When", "Routine", "Steps", "Status", "Sore", "Next"]
        await pilot.press("down", "down")
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert "Phase" in labels(screen) and "Status" in labels(screen)
        assert screen.table.row_count == PAGE
        assert screen.table.cursor == 2


# ------------------------------------------------------------------ detail


async def open_row(pilot, index: int) -> SessionDetailScreen:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#sessions", RowList).cursor = index
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionDetailScreen)
    return screen


def first_row(store: Store, rated: bool) -> tuple[int, str]:
    for index, summary in enumerate(store.list_sessions(100)):
        if summary.phase == "after" and (summary.soreness_after is not None) == rated:
            return index, summary.id
    raise AssertionError("no such session in the seeded history")


async def test_enter_shows_every_step_and_the_soreness(store: Store) -> None:
    index, session_id = first_row(store, rated=True)
    detail = store.get_session(session_id)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_row(pilot, index)
        steps = screen.query_one("#detail-steps", DataTable)
        reached = {step.position for step in detail.steps if not step.switch}
        planned = sum(1 for step in detail.timeline.steps if not step.switch)
        assert steps.row_count == planned
        assert len(reached) <= planned
        head = str(screen.query_one("#detail-head", Static).content)
        assert detail.summary.routine_name in head
        assert f"{detail.summary.steps_done} of {detail.summary.steps_planned} steps" in head
        assert screen.selected_entry() == detail.soreness[0]
        await pilot.press("escape")
        await screen_opens(pilot, HistoryScreen)


async def test_e_edits_the_soreness_and_the_list_shows_it(store: Store) -> None:
    index, session_id = first_row(store, rated=True)
    entry = store.get_session(session_id).soreness[0]
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_row(pilot, index)
        await pilot.press("e")
        await screen_opens(pilot, SorenessScreen)
        assert app.screen.prompt.initial is not None
        assert app.screen.prompt.initial.overall == entry.overall
        await pilot.press("9", "ctrl+s")
        await screen_opens(pilot, SessionDetailScreen)
        saved = store.get_soreness(entry.id)
        assert saved.overall == 9
        assert (saved.effort, saved.run_minutes) == (entry.effort, entry.run_minutes)
        assert saved.updated_at == NOW
        await pilot.press("escape")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert history.rows[index].session.soreness_after == 9
        assert history.table.cursor == index


async def test_a_warning_sign_added_later_brings_the_specialist_first(store: Store) -> None:
    from coach.ui.screens.advice import AdviceScreen
    from coach.ui.widgets.signs import WarningSigns

    index, session_id = first_row(store, rated=True)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_row(pilot, index)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SorenessScreen)
        form.query_one("#signs", WarningSigns).focus()
        await pilot.press("2", "ctrl+s")  # swelling
        await pilot.pause()
        advice = app.screen
        assert isinstance(advice, AdviceScreen)
        assert advice.advice.specialist is not None
        await pilot.press("enter")
        await screen_opens(pilot, SessionDetailScreen)
        # Saved again unchanged, the sign is not new: no advice a second time.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await screen_opens(pilot, SessionDetailScreen)
    (entry,) = store.get_session(session_id).soreness
    assert entry.flags == ("swelling",)


async def test_e_adds_a_rating_when_there_is_none(store: Store) -> None:
    index, session_id = first_row(store, rated=False)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_row(pilot, index)
        assert "Press e to add one" in str(
            screen.query_one("#detail-no-soreness", Static).content
        )
        await pilot.press("e")
        await screen_opens(pilot, SorenessScreen)
        assert app.screen.prompt.title == "Add soreness"
        await pilot.press("4", "ctrl+s")
        await pilot.pause()
        (entry,) = store.get_session(session_id).soreness
        assert (entry.timing, entry.overall, entry.session_id) == ("after", 4, session_id)
        assert screen.selected_entry() == entry


async def test_escape_on_the_soreness_form_changes_nothing(store: Store) -> None:
    index, session_id = first_row(store, rated=True)
    before = store.get_session(session_id).soreness
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_row(pilot, index)
        await pilot.press("e", "9", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert not screen.changed
        assert store.get_session(session_id).soreness == before


async def test_d_deletes_after_a_yes(store: Store) -> None:
    index, session_id = first_row(store, rated=True)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_row(pilot, index)
        await pilot.press("d")
        await screen_opens(pilot, ConfirmScreen)
        assert app.screen.yes == "Yes, delete"
        box = app.screen.query_one("#dialog").region  # its words' size, in the middle
        assert box.height <= 12 and box.width < app.size.width
        assert abs((box.y + box.bottom) / 2 - app.size.height / 2) <= 1
        await pilot.press("y")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert store.count_sessions() == 299
        assert session_id not in history.visible_ids()
        assert history.total == 299


async def test_d_then_no_keeps_the_session(store: Store) -> None:
    index, session_id = first_row(store, rated=True)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_row(pilot, index)
        await pilot.press("d", "n")
        await pilot.pause()
        assert app.screen is screen
        assert store.get_session(session_id).summary.id == session_id
        assert store.count_sessions() == 300


# ------------------------------------------------------------------ trends


async def test_t_and_w_open_the_trends_and_what_helps(store: Store) -> None:
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert screen.insights is not None
        assert screen.insights.today == NOW.date()
        assert len(screen.query(WeeklyBars)) == 3
        assert len(screen.query(StreakCalendar)) == 1
        tabs = screen.query_one("#trend-tabs", TabbedContent)
        assert tabs.active == "trends"
        await pilot.press("w")
        assert tabs.active == "helps"
        await pilot.pause()
        assert {e.factor for e in screen.estimates} >= {"cool-down", "warm-up"}
        text = "\n".join(frame(app).lines)
        assert "Cool-down walk" in text and "runs with" in text and "95 % interval" in text
        assert "consider" not in text  # a trend, worded neutrally
        from coach.insights.family import shown

        judged = shown(screen.estimates, regions=False)
        cool = next(e for e in judged if e.factor == "cool-down" and e.region is None)
        assert cool.sentence in " ".join(text.split())
        assert "By region" not in text and "Holm" in " ".join(text.split())
        await pilot.press("r")
        await pilot.pause()
        assert screen.regions and tabs.active == "helps"
        if any(e.region is not None for e in screen.estimates):
            notes = " ".join(str(s.render()) for s in screen.query("#estimates"))
            assert "By region" in notes
        await pilot.press("escape")
        await screen_opens(pilot, HistoryScreen)
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.query_one("#trend-tabs", TabbedContent).active == "helps"


async def test_trends_say_so_when_the_history_cannot_be_read(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store import StoreError
    from coach.ui.screens import trends

    def broken(*args: object) -> None:
        raise StoreError("coach.db is damaged")

    monkeypatch.setattr(trends, "insights_for", broken)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await screen_opens(pilot, TrendsScreen)
        texts = [str(s.content) for s in app.screen.query("#trends-body Static").results(Static)]
        assert texts == ["Could not read the history: coach.db is damaged"]
        await pilot.press("escape")
        await screen_opens(pilot, HistoryScreen)


async def test_a_session_deleted_elsewhere_closes_its_detail(store: Store) -> None:
    index, session_id = first_row(store, rated=True)
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_row(pilot, index)
        store.delete_session(session_id)  # as another coach window would
        screen.load()
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert session_id not in history.visible_ids()


async def test_a_store_error_is_shown_in_place_of_the_list(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store import StoreError

    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def locked(**filters: object) -> int:
            raise StoreError("coach.db stayed locked by another program")

        monkeypatch.setattr(store, "count_history", locked)
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.rows == [] and screen.table.row_count == 0
        assert "locked" in str(screen.query_one("#history-empty", Static).content)
        await pilot.press("enter")  # nothing to open, nothing breaks
        assert app.screen is screen


async def test_a_resize_or_mount_left_over_as_coach_ends_does_nothing(store: Store) -> None:
    """Coach ending (a closed terminal, a browser that left) takes the screen's widgets down
    while a resize or a mount of it may still be queued: neither may raise."""
    app = history_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await screen.query_one("#history").remove()
        await pilot.resize_terminal(60, 20)  # another layout: the table would be redrawn
        await pilot.pause()
        screen.on_resize()
        screen.on_mount()
        assert app.return_code is None and screen.is_attached
