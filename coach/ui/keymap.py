"""Every screen's keys, as the documentation lists them.

The keys come from each screen's own ``BINDINGS`` through the same rows the ``?`` help
shows, so the reference page cannot promise a key a screen does not answer to; the tests
hold every key table in the docs against these bindings too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding
from textual.keys import format_key

from coach.ui.about import CoachModalScreen, CoachScreen
from coach.ui.screens.help import KeyRow, declared_bindings, key_rows


def _screens() -> list[type[CoachScreen[Any]] | type[CoachModalScreen[Any]]]:
    """The screens a runner meets, in the order they meet them."""
    from coach.ui.screens.advice import AdviceScreen
    from coach.ui.screens.confirm import ConfirmScreen
    from coach.ui.screens.editor import EditorScreen
    from coach.ui.screens.entry_detail import EntryDetailScreen
    from coach.ui.screens.follow_up import FollowUpScreen
    from coach.ui.screens.history import HistoryScreen
    from coach.ui.screens.home import HomeScreen
    from coach.ui.screens.player import PlayerScreen
    from coach.ui.screens.preview import PreviewScreen
    from coach.ui.screens.run_detail import RunDetailScreen
    from coach.ui.screens.session_detail import SessionDetailScreen
    from coach.ui.screens.soreness import SorenessScreen
    from coach.ui.screens.summary import SummaryScreen
    from coach.ui.screens.trends import TrendsScreen

    return [HomeScreen, PreviewScreen, PlayerScreen, SummaryScreen, SorenessScreen,
            AdviceScreen, FollowUpScreen, HistoryScreen, SessionDetailScreen,
            RunDetailScreen, EntryDetailScreen, TrendsScreen, EditorScreen, ConfirmScreen]


def key_display(binding: Binding) -> str:
    """A key as the docs write it: ``ctrl+q``, ``→``, ``?``, ``enter``."""
    if binding.key_display:
        return binding.key_display
    *modifiers, key = binding.key.split("+")
    shown = format_key(key)
    shown = {"escape": "esc"}.get(shown, shown)
    return "+".join([*modifiers, shown])


def screen_keys() -> list[tuple[str, tuple[KeyRow, ...]]]:
    """Each screen's title and its key rows, then the keys that work everywhere."""
    from coach.ui.app import CoachApp

    found = [(screen.HELP_TITLE, key_rows(declared_bindings(screen), key_display))
             for screen in _screens()]
    found.append(("everywhere", key_rows(declared_bindings(CoachApp), key_display)))
    return [(title, rows) for title, rows in found if rows]


def bound_keys(screen: type) -> set[str]:
    """Every key ``screen`` answers to, in Textual's names and as displayed: its own
    bindings and those it inherits from Textual (a text area's cut and paste, ``tab``)."""
    keys: set[str] = set()
    bindings = [item if isinstance(item, Binding) else Binding(*item)
                for cls in screen.__mro__ for item in cls.__dict__.get("BINDINGS", [])]
    for binding in bindings:
        for key in binding.key.split(","):
            key = key.strip()
            keys.add(key)
            keys.add(key_display(replace(binding, key=key, key_display=None)))
        if binding.key_display:
            keys.add(binding.key_display)
    return keys


def markdown() -> str:
    """The keys reference page's body."""
    lines: list[str] = []
    for title, rows in screen_keys():
        lines += [f"## {title[:1].upper()}{title[1:]}", "", "| key | what it does |", "|---|---|"]
        for row in rows:
            what = row.why or row.what
            keys = " ".join(f"`{key}`" for key in row.keys.split(" "))
            lines.append(f"| {keys} | {what.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)
