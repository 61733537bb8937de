"""Textual's private paste handler of a text area, replaced (kept apart from the rest of the
compatibility package: a text area brings its syntax highlighting along, which only the
editor needs)."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea


class OwnTextPaste(TextArea):
    """A text area that handles a paste itself, in :meth:`handle_paste` (Textual's own
    handler would insert the text as it came, control characters and all)."""

    async def _on_paste(self, event: events.Paste) -> None:
        await self.handle_paste(event)

    async def handle_paste(self, event: events.Paste) -> None:
        raise NotImplementedError
