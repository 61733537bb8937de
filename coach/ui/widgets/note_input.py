"""A one-line note field that keeps what fits of a paste instead of refusing all of it.

Textual's ``Input`` with a ``max_length`` drops a paste that would not fit, whole: a runner
pasting a long message from a phone would lose it without a word. This keeps the first part,
cleaned of control characters, and says how much was kept.
"""

from __future__ import annotations

from textual import events

from coach.text import clean
from coach.ui.textual_compat import OwnPaste


class NoteInput(OwnPaste):
    def handle_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = clean(event.text, newlines=False)
        if not text:
            return
        selection = self.selection
        start, end = sorted((selection.start, selection.end))
        room = (self.max_length or len(text) + len(self.value)) - (len(self.value) - (end - start))
        kept = text[: max(0, room)]
        if kept:
            self.replace(kept, start, end)
        if len(kept) < len(text):
            self.notify(f"Kept the first {len(kept)} characters of the paste: a note holds up "
                        f"to {self.max_length}.", title="Note", severity="warning")
