"""The editor's text: a TOML ``TextArea`` that keeps outside text off the terminal and
stays quick at the 500-step limit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.strip import Strip

from coach.routine.draft import screen_text
from coach.ui.about import Described
from coach.ui.textual_compat.text_area import OwnTextPaste

if TYPE_CHECKING:
    from textual.widgets.text_area import Location

MAX_PASTE = 128 * 1024
"""Characters one paste may put in the editor: a routine file holds at most 512 KB, and a
500-step routine is far less; a larger paste is a mistake, cut rather than frozen on."""


class RoutineTextArea(Described, OwnTextPaste):
    """The TOML text. Undo and redo show in the footer; pasted text that would act on the
    terminal (control characters, bidi overrides) goes in as U+FFFD.

    Textual finds the highlighting of the whole file again after every edit, which at the
    500-step limit (3,000 lines) is most of a keystroke's cost; here only the lines around
    the visible ones are looked up, and more as the view scrolls to them.
    """

    HIGHLIGHT_MARGIN = 150
    """Lines above and below the visible ones whose highlighting is kept ready."""

    HELP_TITLE = "In the text"
    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back the last change"),
        Binding("ctrl+y", "redo", "Redo", tooltip="Put back what undo took back"),
        Binding("ctrl+x", "cut", "Cut", show=False),
        Binding("ctrl+c", "copy", "Copy", show=False),
        Binding("ctrl+v", "paste", "Paste", show=False),
        Binding("f6", "select_line", "Select the line", show=False),
        Binding("f7", "select_all", "Select everything", show=False),
    ]

    _window = (0, 0)

    async def handle_paste(self, event: events.Paste) -> None:
        """Pasted text is text: a terminal's carriage returns are line breaks, and a paste
        larger than a routine could be is cut, so it is taken in bounded time."""
        event.stop()  # the app would hand it to the focused widget: this one, again
        event.prevent_default()  # and TextArea's own handler would insert it once more
        text = event.text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_PASTE:
            text = text[:MAX_PASTE]
            self.notify(f"Pasted only the first {MAX_PASTE:,} characters: a routine is "
                        "never that long.", title="Paste", severity="warning")
        if self.read_only:
            return
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> Any:
        return super()._replace_via_keyboard(screen_text(insert)[0], start, end)

    def _build_highlight_map(self) -> None:
        top = int(self.scroll_offset.y)
        start = max(0, top - self.HIGHLIGHT_MARGIN)
        end = top + max(self.size.height, 1) + self.HIGHLIGHT_MARGIN
        self._window = (start, end)
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        if not self._highlight_query:
            return
        captures = self.document.query_syntax_tree(self._highlight_query, (start, 0),
                                                   (end, 0))
        for name, nodes in captures.items():
            for node in nodes:
                first_row, first_column = node.start_point
                last_row, last_column = node.end_point
                if first_row == last_row:
                    highlights[first_row].append((first_column, last_column, name))
                    continue
                highlights[first_row].append((first_column, None, name))
                for row in range(first_row + 1, last_row):
                    highlights[row].append((0, None, name))
                highlights[last_row].append((0, last_column, name))

    def render_line(self, y: int) -> Strip:
        start, end = self._window
        if self._highlight_query and not start <= int(self.scroll_offset.y) + y < end:
            self._build_highlight_map()
        return super().render_line(y)
