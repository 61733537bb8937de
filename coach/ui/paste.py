"""Pasted text is text: a bracketed paste reaches the app whole, as one Paste event.

Textual 8.2's terminal parser reads an escape sequence inside a paste as it would outside
one: a pasted ``ESC [31m`` starts a "sequence" that swallows the characters after it and
gives them back as key presses. A paste holding escapes and control bytes then acts (0x13
is ctrl+s: Save) and comes out scrambled, and a large one becomes hundreds of thousands of
key presses. Here everything between the terminal's paste markers is collected as it is
and handed over in one Paste event; what lies outside them goes to Textual's parser as
before. Cleaning the text stays with the widget it lands in (the editor shows controls as
U+FFFD).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from textual import constants, events

from coach.ui.textual_compat.input import XTermParser, get_time, read_input_with

PASTE_START: Final = "\x1b[200~"
PASTE_END: Final = "\x1b[201~"


class PasteSafeParser(XTermParser):
    """Textual's parser, with bracketed pastes taken verbatim."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pasting = False
        self._pasted: list[str] = []
        self._held = ""
        """The end of the last chunk when it may be the start of a paste marker."""
        self._fed_at = 0.0

    def feed(self, data: str) -> Iterable[Any]:
        if not data:  # end of input
            yield from super().feed(data)
            return
        text, self._held = self._held + data, ""
        self._fed_at = get_time()
        while text:
            if self._pasting:
                end = text.find(PASTE_END)
                if end < 0:
                    keep = _marker_prefix(text, PASTE_END)
                    self._pasted.append(text[:len(text) - keep])
                    self._held = text[len(text) - keep:]
                    return
                self._pasted.append(text[:end])
                text = text[end + len(PASTE_END):]
                self._pasting = False
                pasted, self._pasted = "".join(self._pasted), []
                yield events.Paste(pasted.replace("\x00", ""))
                continue
            start = text.find(PASTE_START)
            if start < 0:
                keep = _marker_prefix(text, PASTE_START)
                if keep < len(text):
                    yield from super().feed(text[:len(text) - keep])
                self._held = text[len(text) - keep:]
                return
            if start:
                yield from super().feed(text[:start])
            text = text[start + len(PASTE_START):]
            self._pasting = True


    def tick(self) -> Iterable[Any]:
        # Input stayed quiet with a marker's beginning held back: it was keys after all.
        if (self._held and not self._pasting
                and get_time() - self._fed_at >= constants.ESCAPE_DELAY):
            held, self._held = self._held, ""
            if held == "\x1b":
                yield events.Key("escape", "\x1b")  # already waited for: no second delay
            else:
                yield from super().feed(held)
        yield from super().tick()


def _marker_prefix(text: str, marker: str) -> int:
    """How many characters at the end of ``text`` begin ``marker`` (0 if none)."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:size]):
            return size
    return 0


def install() -> None:
    """Make Textual's Linux/macOS driver read input with :class:`PasteSafeParser` (called
    when the app is built: nothing changes at import)."""
    read_input_with(PasteSafeParser)
