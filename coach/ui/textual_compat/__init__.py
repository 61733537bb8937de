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
- :mod:`.text_area` (``OwnTextPaste``): ``TextArea`` inserts a paste as it came in its
  private ``_on_paste``; the editor cuts a huge one and keeps line breaks.
- :mod:`.input` (``XTermParser``, ``get_time``): Textual's terminal parser reads escapes
  inside a paste as keys; :mod:`coach.ui.paste` reads bracketed pastes whole.

The last two are modules of their own so that a screen without a text area, and the
player above all, loads neither the text area's highlighting nor the parser.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer, Input, OptionList
from textual.widgets._footer import FooterKey

__all__ = ["FooterKey", "OwnClick", "OwnPaste", "bindings_ready"]


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
