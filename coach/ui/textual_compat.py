"""Every use of Textual's private parts, in one place, each with the reason coach needs it.

Textual is pinned; these names are not its public API and may change in any release.
``tests/unit/test_textual_compat.py`` fails if one of them is gone or has changed shape,
so an upgrade shows here what to redo instead of breaking a screen quietly.

- :class:`FooterKey`, and :func:`bindings_ready` (the footer's private "bindings known"
  flag): coach's footer lays out the keys itself so a narrow terminal keeps the essential
  ones (:mod:`coach.ui.widgets.footer`).
- :class:`OwnPaste`: ``Input`` refuses, whole, a paste longer than its ``max_length`` in its
  private ``_on_paste``; a note keeps what fits instead.
- :class:`OwnClick`: ``OptionList`` selects on a single click in its private ``_on_click``;
  the routine list shows the routine on one click and starts it on two.
"""

from __future__ import annotations

from textual import events
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.widgets import Footer, Input, OptionList, TextArea
from textual.widgets._footer import FooterKey

__all__ = [
    "FooterKey", "OwnClick", "OwnPaste", "OwnTextPaste", "XTermParser", "bindings_ready",
    "get_time", "read_input_with",
]


def read_input_with(parser: type[XTermParser]) -> None:
    """Make Textual's Linux/macOS driver read the terminal's input with ``parser``."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = parser  # type: ignore[attr-defined]


def bindings_ready(footer: Footer) -> bool:
    """Whether the footer knows the screen's bindings yet (before that, it shows none)."""
    return bool(footer._bindings_ready)


class OwnPaste(Input):
    """An input that handles a paste itself, in :meth:`handle_paste`."""

    def _on_paste(self, event: events.Paste) -> None:
        self.handle_paste(event)

    def handle_paste(self, event: events.Paste) -> None:
        raise NotImplementedError


class OwnClick(OptionList):
    """An option list that handles a click itself, in :meth:`handle_click`."""

    async def _on_click(self, event: events.Click) -> None:
        await self.handle_click(event)

    async def handle_click(self, event: events.Click) -> None:
        raise NotImplementedError


class OwnTextPaste(TextArea):
    """A text area that handles a paste itself, in :meth:`handle_paste` (Textual's own
    handler would insert the text as it came, control characters and all)."""

    async def _on_paste(self, event: events.Paste) -> None:
        await self.handle_paste(event)

    async def handle_paste(self, event: events.Paste) -> None:
        raise NotImplementedError
