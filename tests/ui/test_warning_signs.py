"""The soreness form's warning-sign row and the advice screen's sections, keys and whys."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from textual.app import App
from textual.widgets import Static

from coach.soreness.advice import AdviceInput, advise
from coach.soreness.checkin import Rating
from coach.ui.screens.advice import AdviceScreen
from coach.ui.screens.soreness import SorenessPrompt, SorenessScreen
from coach.ui.widgets.signs import WarningSigns

NOW = datetime(2024, 5, 10, 18, 0, tzinfo=UTC)


class Host(App[None]):
    """A bare app that shows one screen and keeps what it dismissed with."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.first = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)


def plain(widget: Any) -> str:
    return str(widget.render())


async def test_signs_are_ticked_with_digits_and_space_and_saved_with_the_rating() -> None:
    app = Host(SorenessScreen(SorenessPrompt("How do your legs feel?", "After a run.")))
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.press("3")
        signs = app.screen.query_one("#signs", WarningSigns)
        signs.focus()
        await pilot.press("2", "8", "8", "left", "space")
        await pilot.pause()
        assert signs.value == ("swelling", "knee-locking")
        assert "☑ swelling" in plain(signs)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [rating] = app.results
    assert rating.overall == 3 and rating.flags == ("swelling", "knee-locking")


async def test_the_new_signs_are_ticked_with_9_and_0_and_saved() -> None:
    app = Host(SorenessScreen(SorenessPrompt("How do your legs feel?", "After a run.")))
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.press("6")
        signs = app.screen.query_one("#signs", WarningSigns)
        signs.focus()
        await pilot.press("9", "0")
        await pilot.pause()
        assert signs.value == ("dark-urine", "saddle-numbness")
        assert "9 ☑ dark urine" in plain(signs) and "0 ☑ numb groin" in plain(signs)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [rating] = app.results
    assert rating.flags == ("dark-urine", "saddle-numbness")


async def test_an_edited_entry_starts_with_its_signs_ticked() -> None:
    initial = Rating(2, {}, flags=("numbness",))
    prompt = SorenessPrompt("Edit soreness", "Next day.", ask_run=False, initial=initial)
    app = Host(SorenessScreen(prompt))
    async with app.run_test(size=(110, 50)) as pilot:
        assert app.screen.query_one("#signs", WarningSigns).value == ("numbness",)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results[0].flags == ("numbness",)


async def test_no_sign_ticked_is_an_empty_tuple() -> None:
    app = Host(SorenessScreen(SorenessPrompt("Log soreness", "On its own.")))
    async with app.run_test(size=(110, 50)) as pilot:
        await pilot.press("4", "ctrl+s")
        await pilot.pause()
    assert app.results[0].flags == ()


def shown_text(screen: AdviceScreen) -> str:
    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(screen.query_one("#advice-tips", Static).content)
    return console.export_text()


async def test_the_advice_screen_shows_today_and_next_run_and_whys_on_w() -> None:
    advice = advise(AdviceInput(overall=4, regions={"knees": 5}, now=NOW, zone=UTC))
    app = Host(AdviceScreen(advice))
    async with app.run_test(size=(110, 50)) as pilot:
        text = shown_text(app.screen)  # type: ignore[arg-type]
        assert text.index("Today") < text.index("Next run")
        assert "Why:" not in text
        await pilot.press("w")
        await pilot.pause()
        text = shown_text(app.screen)  # type: ignore[arg-type]
        assert text.count("Why:") == len(advice.tips)
        assert "Heiderscheit" in text
        await pilot.press("w")
        await pilot.pause()
        assert "Why:" not in shown_text(app.screen)  # type: ignore[arg-type]


async def test_the_specialist_comes_first_and_urgent_says_so() -> None:
    advice = advise(AdviceInput(overall=2, flags=["calf-swollen-warm"], now=NOW, zone=UTC))
    app = Host(AdviceScreen(advice))
    async with app.run_test(size=(110, 50)):
        text = shown_text(app.screen)  # type: ignore[arg-type]
        assert text.lstrip().startswith("Urgent: See a doctor today")
        assert "Next run" not in text
        assert text.index("blood clot") < text.index("Today")


async def test_each_sign_keeps_its_number_box_and_label_on_one_line_at_any_width() -> None:
    from coach.ui.widgets.signs import SHORT_LABELS

    for width in (60, 100, 200):
        app = Host(SorenessScreen(SorenessPrompt("How do your legs feel?", "After a run.")))
        async with app.run_test(size=(width, 40)):
            signs = app.screen.query_one("#signs", WarningSigns)
            region = signs.content_region
            lines = ["".join(segment.text for segment in strip).rstrip()
                     for strip in app.screen._compositor.render_strips()[
                         region.y:region.y + region.height]]
            lines = [line[region.x:] for line in lines]
            for number, label in zip("1234567890", SHORT_LABELS.values(), strict=True):
                assert any(f"{number} ☐ {label}" in line for line in lines), (width, lines)
