"""Hostile outside text, and checks that walk every widget of a screen for it.

The checks are generic: they look at every widget the screen holds (labels, statics,
toasts, option lists, tables, row lists, inputs) and at the frame as the terminal would
get it, so a new widget that forgets the literal boundary fails without a test of its own.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets._toast import Toast

from coach.text import clean, first_unsafe
from coach.ui.widgets.row_list import RowList

CLICK: Final = "[@click=app.screenshot('coach.db','{folder}')]Tap here[/]"
"""An action a click would run: it would write a screenshot over the history database."""

MARKUP: Final = (
    CLICK,
    "[link=file:///etc/passwd]Open me",
    "[link='file:///etc/passwd']Quoted link[/link]",
    "Stop [/] here",
    "Open [ bracket",
    "Hold [30 s]",
    "[b]Bold?[/b] [red]Red?[/red]",
    "Escaped \\[b] text",
    "[on $error]Variable",
)
"""Legal in a routine file: brackets are text."""

CLIPBOARD: Final = "Clip \x1b]52;c;aGFja2Vk\x1b\\ board"
"""OSC 52: printed raw, it writes the terminal's clipboard."""
CLEAR: Final = "Wipe \x1b[2J\x1b[H screen"

CONTROL: Final = (
    CLIPBOARD,
    CLEAR,
    "Bidi \u202edesrever\u202c order",
    "C1 \x9b31m csi",
    "Del\x7f nul\x00 bell\x07 back\x08 cr\r end",
)
"""Only an import or a database can carry these: a routine file with one is refused."""

EVERYTHING: Final = MARKUP + CONTROL

RAW_FORBIDDEN: Final = (
    "\x1b]52", "\x1b[2J", "\x1b]8;", "\x9b", "\u202e", "\u202c", "\x7f", "\x00", "\x07",
    "\x08", "\r",
)
"""What must never reach the terminal from a frame: clipboard writes, screen clears,
hyperlinks (no widget here makes one), C1 controls, bidi overrides and other controls."""


def corpus(folder: str) -> tuple[str, ...]:
    return tuple(text.replace("{folder}", folder) for text in EVERYTHING)


def shown(text: str) -> str:
    """What the screen must show for ``text``: all of it, less the control characters."""
    return clean(text, newlines=False)


def fragment(text: str) -> str:
    """A distinctive start of ``text``, found even in a truncated or lowered copy."""
    return shown(text)[:10].lower()


# ---------------------------------------------------------------------------- widgets


@dataclass(frozen=True)
class Piece:
    """Text one widget holds: what it shows, and whether it was parsed as markup."""

    widget: Widget
    text: str
    markup: bool


def _plain(value: object) -> str:
    if isinstance(value, Content):
        return value.plain
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, str):
        return value
    console = Console(width=400, file=io.StringIO(), record=True, color_system=None)
    console.print(value)
    return console.export_text(styles=False)


def pieces(widgets: Iterable[Widget]) -> Iterator[Piece]:
    """Every text the widgets hold. A ``str`` handed to a widget that parses markup is
    reported with ``markup=True`` and its raw text: that is the mistake to catch."""
    for widget in widgets:
        if isinstance(widget, Toast):
            note = widget._notification
            yield Piece(widget, note.message, note.markup)
            yield Piece(widget, note.title, False)
        elif isinstance(widget, Static):
            content = widget.content
            markup = isinstance(content, str) and widget._render_markup
            yield Piece(widget, content if isinstance(content, str) else _plain(content),
                        markup)
        elif isinstance(widget, OptionList):
            for option in widget.options:
                prompt = option.prompt
                yield Piece(widget, _plain(prompt), isinstance(prompt, str) and widget._markup)
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                for cell in widget.get_row_at(row):
                    yield Piece(widget, _plain(cell), isinstance(cell, str))
        elif isinstance(widget, RowList):
            for row in range(widget.row_count):
                yield Piece(widget, widget._line(row).plain, False)
        elif isinstance(widget, Input):
            yield Piece(widget, widget.value, False)


def screen_pieces(app: App[Any]) -> list[Piece]:
    nodes = app.screen.walk_children(with_self=False)  # toasts too, unlike a query
    return list(pieces(node for node in nodes if isinstance(node, Widget)))


# ---------------------------------------------------------------------------- the frame


@dataclass(frozen=True)
class Frame:
    raw: str
    """The bytes a terminal would get, escape sequences and all."""
    lines: list[str]
    """The text of each row of the screen."""
    segments: list[tuple[int, int, Segment]]
    """Each piece of text with its row, column and style (click actions live in its meta)."""


def frame(app: App[Any]) -> Frame:
    console = Console(
        width=app.size.width, height=app.size.height, file=io.StringIO(),
        force_terminal=True, color_system="truecolor", legacy_windows=False, safe_box=False,
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    assert isinstance(update, LayoutUpdate)
    lines: list[str] = []
    segments: list[tuple[int, int, Segment]] = []
    for y, strips in enumerate(update.strips):
        line = ""
        for strip in strips:
            for segment in strip:
                if segment.control:
                    continue
                segments.append((y, len(line), segment))
                line += segment.text
        lines.append(line)
    return Frame(update.render_segments(console), lines, segments)


def check_screen(app: App[Any], hostile: Iterable[str], *, expect: Iterable[str] = ()) -> str:
    """Assert no outside text on this screen is markup, a control character or an action.

    ``expect``: outside texts that must be on the screen, shown exactly as written (less
    their control characters). Returns all the screen's widget text, for further checks.
    """
    hostile = tuple(hostile)
    where = type(app.screen).__name__
    all_pieces = screen_pieces(app)
    for piece in all_pieces:
        name = f"{where} {type(piece.widget).__name__}#{piece.widget.id}"
        if piece.markup:
            lowered = piece.text.lower()
            leaked = [text for text in hostile if fragment(text) in lowered]
            assert not leaked, f"{name} parses outside text as markup: {piece.text!r}"
        else:
            bad = first_unsafe(piece.text)
            assert bad is None, f"{name} holds a control character {bad!r}: {piece.text!r}"
    held = "\n".join(piece.text for piece in all_pieces)
    for text in expect:
        assert shown(text) in held, f"{where} does not show {shown(text)!r} as written"

    drawn = frame(app)
    for sequence in RAW_FORBIDDEN:
        assert sequence not in drawn.raw, f"{where} sends {sequence!r} to the terminal"
    for number, line in enumerate(drawn.lines):
        assert first_unsafe(line) is None, f"{where} row {number}: {line!r}"
    for y, x, segment in drawn.segments:
        style = segment.style
        action = (style.meta or {}).get("@click") if style is not None else None
        link = style.link if style is not None else None
        # coach draws no action or link into text: one found here came from outside.
        assert action is None and link is None, (
            f"{where} row {y} column {x}: {segment.text!r} runs {action or link!r} if clicked"
        )
    return held


def notices(app: App[Any]) -> list[str]:
    """The messages of the notifications shown on the screen now."""
    return [toast._notification.message for toast in app.screen.query(Toast)]


def find_on_screen(app: App[Any], text: str) -> tuple[int, int] | None:
    """Where ``text`` is drawn on the screen (column, row), or None."""
    for y, line in enumerate(frame(app).lines):
        x = line.find(text)
        if x >= 0:
            return x, y
    return None
