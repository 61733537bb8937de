"""Outside text is only text, on every screen.

Routine files, imported sessions, notes and error messages that carry markup (``[@click=…]``,
``[link=…]``, an unbalanced ``[/]``), brackets that are plain text ("Hold [30 s]") and
terminal controls (OSC 52, ``ESC [2J``, C1, bidi overrides, DEL, NUL) are walked through
every screen. Each screen must show the text as written, less its control characters; no
control character may reach the terminal; clicking it runs nothing; nothing crashes. The
checks in :mod:`tests.ui.hostile` go over every widget, so a new one cannot forget.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from coach.play.clock import FakeClock
from coach.routine.durations import StepTime
from coach.routine.model import Routine, Step
from coach.routine.timeline import Timeline, TimelineStep, expand
from coach.store import Store, StoreError
from coach.text import clean
from coach.ui.app import CoachApp, make_app
from coach.ui.literal import literal, literal_cell, rich_literal
from coach.ui.screens.advice import AdviceScreen
from coach.ui.screens.confirm import ConfirmScreen
from coach.ui.screens.follow_up import FollowUpScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.player import PlayerScreen
from coach.ui.screens.preview import PreviewScreen
from coach.ui.screens.session_detail import SessionDetailScreen
from coach.ui.screens.soreness import SorenessScreen
from coach.ui.screens.summary import SummaryScreen
from coach.ui.screens.trends import TrendsScreen
from coach.ui.widgets.text_update import set_text
from tests.ui.helpers import screen_opens, settle_workers

from .hostile import (
    CLEAR,
    CLICK,
    CLIPBOARD,
    CONTROL,
    EVERYTHING,
    MARKUP,
    check_screen,
    corpus,
    find_on_screen,
    notices,
)
from .hostile import shown as shown_text

SIZE = (120, 40)
NOW = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)


@pytest.fixture
def clicks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a click on the hostile cue would write its screenshot: it must stay empty.

    A relative folder (the test runs in its own temporary folder) keeps the cue short.
    """
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "clicks"
    folder.mkdir()
    return folder


@pytest.fixture
def hostile(clicks: Path) -> tuple[str, ...]:
    return corpus(clicks.name)


def no_actions(app: CoachApp) -> list[tuple[Any, ...]]:
    """Record, instead of running, the screenshot action a parsed ``@click`` would call."""
    calls: list[tuple[Any, ...]] = []
    app.action_screenshot = lambda *args: calls.append(args)  # type: ignore[method-assign]
    return calls


async def settle(pilot: Pilot[Any]) -> None:
    await settle_workers(pilot.app)
    await pilot.pause()


# ---------------------------------------------------------------------------- the boundary


@pytest.mark.parametrize("text", EVERYTHING)
def test_literal_keeps_every_character_but_the_controls(text: str) -> None:
    content = literal(text)
    assert content.plain == clean(text)
    assert not content.spans
    assert literal(text, "bold").spans[0].style == "bold"
    rich = rich_literal(text, "italic")
    assert rich.plain == clean(text) and rich.style == "italic" and not rich.spans
    assert literal_cell(text + "\nsecond").plain == clean(text, newlines=False) + " second"


async def test_set_text_shows_a_str_literally_and_content_as_styled() -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(id="label")

    app = One()
    async with app.run_test() as pilot:
        label = app.query_one("#label", Static)
        for text in EVERYTHING:
            set_text(label, text)
            await pilot.pause()
            assert isinstance(label.content, Content) and label.content.plain == clean(text)
            assert not label.content.spans
        set_text(label, Content.from_markup("[b]Paused[/b]"))
        await pilot.pause()
        assert isinstance(label.content, Content) and label.content.plain == "Paused"
        assert label.content.spans


# ---------------------------------------------------------------------------- routine files


def toml_text(value: str) -> str:
    """A TOML basic string: JSON's escapes (``\\uXXXX``, ``\\\\``, ``\\"``) are TOML's."""
    return json.dumps(value)


def write_routines(home: Path, hostile: tuple[str, ...]) -> list[str]:
    """A user warm-up made of markup, a broken file and a file whose name is hostile.

    Returns the texts that must show on the home screen and in the preview.
    """
    folder = home / "routines"
    folder.mkdir(parents=True)
    markup = [text for text in hostile if text in MARKUP or "Tap here" in text]
    lines = [
        f"name = {toml_text('Hold [30 s]')}",
        'kind = "warm-up"',
        f"summary = {toml_text(' · '.join(markup[1:4]))}",
    ]
    for number, text in enumerate(markup):
        name = text if len(text) <= 60 else f"Step {number} [/]"
        lines += ["", "[[steps]]", f"name = {toml_text(name)}", 'time = "30s"',
                  f"cue = {toml_text(text)}"]
    (folder / "warm-up.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "broken.toml").write_text(
        f"name = {toml_text('[link=file:///x]Broken')}\nkind = \"warm-up\"\n"
        f"summary = \"\"\n[[steps]]\nname = {toml_text('Stop [/] here')}\n"
        f"time = {toml_text('[@click=app.quit]soon')}\n",
        encoding="utf-8",
    )
    (folder / "[@click=app.quit]Quit \x1b]52;c;aGk=\x07 \x9b2J [.toml").write_text(
        "name = 3\n", encoding="utf-8"
    )
    return markup


@pytest.mark.slow
async def test_a_routine_file_full_of_markup_shows_as_written_on_home_and_preview(
    coach_home: Path, hostile: tuple[str, ...], clicks: Path
) -> None:
    markup = write_routines(coach_home, hostile)
    app = make_app(clock=FakeClock(), now=lambda: NOW.replace(tzinfo=None))
    calls = no_actions(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await screen_opens(pilot, HomeScreen)
        held = check_screen(app, hostile, expect=["Hold [30 s]"])
        assert "[@click=app.quit]Quit ]52;c;aGk= 2J [" in held  # the file's name
        assert "[@click=app.quit]soon" in held  # the broken file's problem
        options = app.screen.query_one("#routines", OptionList)
        for index in range(options.option_count):
            if options.get_option_at_index(index).disabled:
                continue
            options.highlighted = index
            await pilot.pause()
            check_screen(app, hostile)
        # The hostile routine's preview: every name and cue as written.
        options.highlighted = options.get_option_index("warm-up")
        await pilot.pause()
        check_screen(app, hostile, expect=markup)
        spot = find_on_screen(app, "Tap")
        assert spot is not None
        await pilot.click(offset=spot)
        # A broken file: enter explains it in a notice, literally.
        options.highlighted = options.get_option_index("broken")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        check_screen(app, hostile)
        assert any("[@click=app.quit]soon" in notice for notice in notices(app))
        options.highlighted = options.get_option_index("warm-up")
        await pilot.press("p")
        await screen_opens(pilot, PreviewScreen)
        check_screen(app, hostile, expect=markup)
        spot = find_on_screen(app, "Tap")
        assert spot is not None
        await pilot.click(offset=spot)
        await pilot.press("enter")
        await screen_opens(pilot, PlayerScreen)
        check_screen(app, hostile, expect=["Hold [30 s]", markup[0]])
    assert calls == [] and list(clicks.iterdir()) == []


# ---------------------------------------------------------------------------- the player


def hostile_routine(hostile: tuple[str, ...]) -> Routine:
    """Every hostile text as a step name and a cue; made in code, so nothing refuses the
    control characters a routine file can't carry but an older session could."""
    steps = tuple(
        Step(text, "stretch" if number == 4 else "walk", StepTime(30, 30), cue=text,
             sides=number == 4)
        for number, text in enumerate(hostile)
    )
    return Routine(id="hostile", name=f"{CLIPBOARD} {CLEAR} [/] name", kind="cool-down",
                   summary=hostile[1], steps=steps)


@pytest.mark.slow
async def test_the_player_and_the_summary_show_names_and_cues_as_written(
    hostile: tuple[str, ...], clicks: Path, tmp_path: Path
) -> None:
    clock = FakeClock()
    routine = hostile_routine(hostile)
    store = Store.open(tmp_path / "coach.db", clock=lambda: NOW)
    app = make_app(routine=routine, clock=clock, now=lambda: NOW, store=store)
    calls = no_actions(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        spot = find_on_screen(app, "Tap")
        assert spot is not None
        await pilot.click(offset=spot)
        await pilot.press("space")  # paused: the hint changes, the step stays
        for step in expand(routine):  # one step is held per side, with a switch between
            assert isinstance(app.screen, PlayerScreen)
            check_screen(app, hostile, expect=[routine.name, step.title, step.cue])
            await pilot.press("n")
        assert isinstance(app.screen, SummaryScreen)
        check_screen(app, hostile, expect=[routine.name, *hostile])
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, SorenessScreen)
        check_screen(app, hostile, expect=[routine.name])
        app.screen.query_one("#note", Input).value = f"{CLIPBOARD} {hostile[0]}"
        await pilot.press("ctrl+s")
        await screen_opens(pilot, AdviceScreen)
        check_screen(app, hostile)
        (entry,) = store.soreness_history()
        assert entry.note == f"{CLIPBOARD} {hostile[0]}"  # kept as typed; shown cleaned
    store.close()
    assert calls == [] and list(clicks.iterdir()) == []


async def test_a_click_on_a_cue_that_is_an_action_runs_nothing(clicks: Path) -> None:
    cue = CLICK.replace("{folder}", clicks.name)
    routine = Routine(id="click", name=cue, kind="mixed", summary="",
                      steps=(Step("Tap me", "walk", StepTime(30, 30), cue=cue),))
    app = make_app(routine=routine, clock=FakeClock(), now=lambda: NOW)
    calls = no_actions(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for _ in range(2):  # the routine's name, then (with the name hidden) the cue
            spot = find_on_screen(app, "Tap")
            assert spot is not None
            await pilot.click(offset=spot)
            await pilot.click(offset=(spot[0] + 4, spot[1]))
            app.screen.query_one("#routine-name").display = False
            await pilot.pause()
        assert calls == [] and list(clicks.iterdir()) == []
        assert isinstance(app.screen, PlayerScreen)
        app.screen.query_one("#routine-name").display = True
        await pilot.pause()
        check_screen(app, [cue], expect=[cue])


# ---------------------------------------------------------------------------- history


def seed_hostile_history(store: Store, hostile: tuple[str, ...]) -> str:
    """A session like an import could bring: hostile names and kind, a hostile note, advice
    ids coach doesn't know (shown as they are), due for the next-day question."""
    steps = []
    for number, text in enumerate(hostile):
        steps.append(TimelineStep(index=number, name=text, kind="walk", time=StepTime(30, 30),
                                  cue=text))
    timeline = Timeline("imported", " ".join(hostile[-4:]), CLEAR, tuple(steps))
    started = NOW - timedelta(hours=24)
    session = store.start_session(timeline, "after", started_at=started)
    for step in steps[: len(steps) // 2]:
        store.record_step(session, step, "done", 30, 30, ended_at=started)
    store.end_session(session, "stopped", 300, ended_at=started + timedelta(minutes=5))
    store.add_soreness(
        3, timing="after", session_id=session, note=" ".join(hostile),
        advice=[hostile[0], CLIPBOARD], recorded_at=started + timedelta(minutes=6),
    )
    return session


@pytest.fixture
def history_store(tmp_path: Path, hostile: tuple[str, ...]) -> Iterator[Store]:
    with Store.open(tmp_path / "coach.db", clock=lambda: NOW) as store:
        seed_hostile_history(store, hostile)
        yield store


@pytest.mark.slow
async def test_an_imported_history_shows_as_written_on_every_history_screen(
    history_store: Store, hostile: tuple[str, ...], clicks: Path
) -> None:
    name = " ".join(hostile[-4:])
    app = make_app(store=history_store, now=lambda: NOW, clock=FakeClock())
    calls = no_actions(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await screen_opens(pilot, FollowUpScreen)
        check_screen(app, hostile, expect=[name])
        await pilot.press("escape")
        await pilot.press("h")
        await settle(pilot)
        await screen_opens(pilot, HistoryScreen)
        check_screen(app, hostile)
        await pilot.press("enter")
        await screen_opens(pilot, SessionDetailScreen)
        check_screen(app, hostile, expect=[name, CLEAR, *hostile, " ".join(hostile), CLIPBOARD])
        spot = find_on_screen(app, "Tap")
        assert spot is not None
        await pilot.click(offset=spot)
        await pilot.press("e")
        await screen_opens(pilot, SorenessScreen)
        check_screen(app, hostile, expect=[name, " ".join(hostile)])
        await pilot.press("escape")
        await pilot.press("d")
        await screen_opens(pilot, ConfirmScreen)
        check_screen(app, hostile, expect=[name])
        await pilot.press("n", "escape")
        await screen_opens(pilot, HistoryScreen)
        await pilot.press("t")
        await settle(pilot)
        await screen_opens(pilot, TrendsScreen)
        check_screen(app, hostile)
        await pilot.press("w")
        await pilot.pause()
        check_screen(app, hostile)
    assert calls == [] and list(clicks.iterdir()) == []


def failing(message: str) -> Any:
    def fail(*args: object, **kwargs: object) -> object:
        raise StoreError(message)

    return fail


async def test_error_messages_naming_a_hostile_file_show_as_written(
    history_store: Store, hostile: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    problem = f"can't read {CLIPBOARD} [/] {hostile[0]}: disk I/O error"
    app = make_app(history=True, store=history_store, now=lambda: NOW, clock=FakeClock())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        monkeypatch.setattr(history_store, "get_session", failing(problem))
        await pilot.press("enter")
        await screen_opens(pilot, HistoryScreen)
        check_screen(app, hostile, expect=[problem])
        assert shown_text(problem) in notices(app)
        monkeypatch.setattr(history_store, "count_sessions", failing(problem))
        screen.reload()
        await pilot.pause()
        check_screen(app, hostile, expect=[problem])  # in place of the list
        monkeypatch.undo()
        monkeypatch.setattr("coach.ui.screens.trends.insights_for", failing(problem))
        await pilot.press("t")
        await settle(pilot)
        await screen_opens(pilot, TrendsScreen)
        check_screen(app, hostile, expect=[problem])


async def test_settings_problems_are_notices_shown_as_written(
    hostile: tuple[str, ...],
) -> None:
    """Problems in config.toml quote what the runner wrote; they show as notices on start."""
    problems = [f"config.toml: {text}" for text in hostile]
    app = CoachApp(routine=hostile_routine(hostile), clock=FakeClock(), now=lambda: NOW,
                   settings_problems=problems, store=Store.memory(clock=lambda: NOW))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        check_screen(app, hostile)
        assert notices(app) == [shown_text(problem) for problem in problems]


@pytest.mark.parametrize(
    "widget",
    [
        lambda: Static("Next: [b]Bold?[/b] [red]Red?[/red]"),  # outside text as markup
        lambda: Static(Text("Clip \x1b]52;c;aGk=\x1b\\ board")),  # Rich keeps the ESC
        lambda: Static(Content.from_markup("[@click=app.bell]Ring[/]")),  # an action
        lambda: Static(literal("Hold [30 s]")),  # fine, but not what is expected
    ],
    ids=["markup", "control", "action", "missing"],
)
async def test_the_checks_catch_a_widget_that_forgets(widget: Any) -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield widget()

    app = One()
    async with app.run_test() as pilot:
        await pilot.pause()
        with pytest.raises(AssertionError):
            check_screen(app, MARKUP + CONTROL, expect=["Stop [/] here"])



HOSTILE_FILES = Path(__file__).parent.parent / "hostile" / "routines"


@pytest.mark.skipif(not HOSTILE_FILES.is_dir(), reason="no hostile routine files")
async def test_every_hostile_routine_file_is_listed_on_home_as_written(
    coach_home: Path, hostile: tuple[str, ...]
) -> None:
    """The loader's own hostile corpus: each file is listed, loaded or with its problem."""
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    names = set()
    for path in HOSTILE_FILES.glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
        names.add(path.stem)
    app = make_app(clock=FakeClock(), now=lambda: NOW.replace(tzinfo=None))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#routines", OptionList)
        ids = {options.get_option_at_index(i).id for i in range(options.option_count)}
        assert names <= ids
        check_screen(app, hostile)
