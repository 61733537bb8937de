"""The one boundary where outside text enters the screen.

Routine names and cues, imported sessions, notes, settings and file names are data: they
must be shown exactly as written, with no Rich or Textual markup interpreted (``[@click=…]``
would be an action a click runs; an unbalanced ``[/]`` would crash the render) and no
terminal control sequence reaching the terminal. Widgets never get such text as a markup
string: they get :func:`literal` (a Textual ``Content``) or :func:`rich_literal` (a Rich
``Text``), both made from :func:`coach.text.clean`.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from coach.text import clean


def literal(text: str, style: str = "", *, newlines: bool = True) -> Content:
    """Outside text as Textual content: shown as written, never parsed as markup.

    ``newlines=False`` makes it one line, for a label or a cell that must not grow.
    """
    content = Content(clean(text, newlines=newlines))
    return content.stylize(style) if style else content


def rich_literal(text: str, style: str = "", *, newlines: bool = True,
                 **options: object) -> Text:
    """Outside text as a Rich ``Text`` (for tables, groups and other Rich renderables).

    Rich strips only a few control codes itself (not ESC), so the text is cleaned here.
    """
    return Text(clean(text, newlines=newlines), style=style, **options)  # type: ignore[arg-type]


def literal_cell(text: str, style: str = "", **options: object) -> Text:
    """Outside text as one line of a table cell: a ``str`` cell would be parsed as markup."""
    return rich_literal(text, style, newlines=False, **options)
