"""Help for the screen below: what it is for and every key it answers to.

Nothing here is written twice: the keys come from the screen's own ``BINDINGS`` (and those
of the coach widgets on it, such as a rating row), each with its footer label and its
``tooltip``, and the words about the screen from its ``HELP``. A new binding is listed the
moment it is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from coach.ui.about import About, CoachModalScreen, Described
from coach.ui.literal import rich_literal

Display = Callable[[Binding], str]


@dataclass(frozen=True)
class KeyRow:
    keys: str
    what: str
    why: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[KeyRow, ...]


def declared_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The ``BINDINGS`` an owner class and its bases declare, nearest first, as
    :class:`Binding` objects (tuples allowed); Textual's own base classes add nothing."""
    found: list[Binding] = []
    for cls in owner.__mro__:
        if not cls.__module__.startswith("coach."):
            continue
        declared: list[BindingType] = cls.__dict__.get("BINDINGS", [])
        found.extend(item if isinstance(item, Binding) else Binding(*item) for item in declared)
    return found


def _keys(binding: Binding, display: Display) -> list[str]:
    keys = [key.strip() for key in binding.key.split(",") if key.strip()]
    if len(keys) == 1 and binding.key_display:
        return [binding.key_display]
    return [display(replace(binding, key=key, key_display=None)) for key in keys]


def _compress(keys: list[str]) -> str:
    """``0 1 2 … 9`` as ``0–9``, ``1 … 9 0`` (0 as the tenth) as ``1–9, 0``; other keys
    joined with spaces."""
    if len(keys) > 2 and all(re.fullmatch(r"\d", k) for k in keys):
        if keys[-1] == "0" and sorted(int(k) for k in keys[:-1]) == list(range(1, len(keys))):
            return f"1–{len(keys) - 1}, 0"
        numbers = sorted(int(k) for k in keys)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{numbers[0]}–{numbers[-1]}"
    return " ".join(keys)


def key_rows(bindings: Iterable[Binding], display: Display) -> tuple[KeyRow, ...]:
    """One row per thing a key does. Keys of one action share a row; one key with two
    actions (space: pause, resume) shares one; rows saying the same thing are merged."""
    by_action: dict[str, tuple[list[str], Binding]] = {}
    for binding in bindings:
        if not (binding.description or binding.tooltip):
            continue
        action_keys = by_action.setdefault(binding.action, ([], binding))[0]
        action_keys.extend(k for k in _keys(binding, display) if k not in action_keys)
    by_keys: dict[tuple[str, ...], list[Binding]] = {}
    for keys, binding in by_action.values():
        by_keys.setdefault(tuple(keys), []).append(binding)
    merged: dict[tuple[str, str], list[str]] = {}
    for key_group, same in by_keys.items():
        what = " / ".join(dict.fromkeys(b.description for b in same if b.description))
        why = " / ".join(dict.fromkeys(b.tooltip for b in same if b.tooltip))
        merged.setdefault((what, why), []).extend(key_group)
    return tuple(KeyRow(_compress(keys), what, why) for (what, why), keys in merged.items())


def sections(screen: Screen[object], app_bindings: Iterable[Binding],
             display: Display) -> list[Section]:
    """The screen's keys, then those of the coach widgets on it, then the app's."""
    found = [Section("On this screen", key_rows(declared_bindings(type(screen)), display))]
    seen: set[type[DOMNode]] = set()
    for widget in screen.walk_children():
        kind = type(widget)
        title = kind.HELP_TITLE if issubclass(kind, Described) else ""
        if kind in seen or not title:
            continue
        seen.add(kind)
        found.append(Section(title, key_rows(declared_bindings(kind), display)))
    found.append(Section("Everywhere", key_rows(app_bindings, display)))
    return [section for section in found if section.rows]


def help_text(title: str, about: str, parts: list[Section]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(ratio=1)
    table.add_row("", rich_literal(title, "bold"))
    if about:
        table.add_row("", rich_literal(about))
    for section in parts:
        table.add_row("", "")
        table.add_row("", Text(section.title, style="bold underline"))
        for row in section.rows:
            what = Text(row.what or row.why, style="bold" if row.why else "")
            if row.why and row.what:
                what.append(f" — {row.why}", style="")
            table.add_row(Text(row.keys), what)
    return table


class HelpScreen(CoachModalScreen[None]):
    """Every key of the screen below; escape, ``?`` or q closes it."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", key_display="esc")]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    #help-box {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent 70%;
        background: $surface;
    }
    #help-body {
        height: auto;
        max-height: 100%;
        padding: 0 1;
    }
    #help-close {
        color: $text-muted;
        padding: 0 1;
        dock: bottom;
    }
    """

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.target = screen
        title = (screen.HELP_TITLE if isinstance(screen, About) else "") or type(screen).__name__
        about = screen.HELP or ""
        app_bindings = declared_bindings(type(screen.app))
        self.parts = sections(screen, app_bindings, screen.app.get_key_display)
        self.title_text = f"Keys: {title}"
        self.about = " ".join(about.split())

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("esc, ? or q closes this help", id="help-close")
            with VerticalScroll(id="help-body"):
                yield Static(help_text(self.title_text, self.about, self.parts), id="help")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
