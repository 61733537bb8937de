"""The home screen's preview is drawn once per routine and width, and looks the same."""

from __future__ import annotations

import io

from rich.console import Console

from coach.routine.model import Routine
from coach.ui.widgets.routine_preview import DrawnOnce, drawn_preview, routine_preview
from tests.ui.helpers import sample_routine


def drawn(renderable: object, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=True,
                      color_system="truecolor")
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_a_preview_drawn_once_looks_as_drawn_afresh_at_every_width() -> None:
    preview = DrawnOnce(routine_preview(sample_routine()))
    for width in (40, 80, 40, 120, 80):
        assert drawn(preview, width) == drawn(routine_preview(sample_routine()), width)


def test_a_preview_shown_again_is_not_drawn_again() -> None:
    preview = DrawnOnce(routine_preview(sample_routine()))
    first = drawn(preview, 60)
    preview.renderable = routine_preview(Routine(
        id="other", name="Other", kind="warm-up", summary="", steps=sample_routine().steps))
    assert drawn(preview, 60) == first  # the width was drawn already: the copy is reused
    assert "Other" in drawn(preview, 61)


def test_a_routine_read_again_keeps_its_drawing_and_an_edited_one_is_drawn_anew() -> None:
    routine = sample_routine()
    assert drawn_preview(sample_routine()) is drawn_preview(routine)
    edited = Routine(id=routine.id, name="Renamed", kind=routine.kind,
                     summary=routine.summary, steps=routine.steps)
    assert drawn_preview(edited) is not drawn_preview(routine)
    assert "Renamed" in drawn(drawn_preview(edited), 60)
