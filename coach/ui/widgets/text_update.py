"""Update a label only when its text changes, and re-layout only when its length does.

The player redraws once a second; a full layout pass for every unchanged or same-length
label would cost far more CPU than the countdown itself.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.ui.literal import literal


def set_text(widget: Static, text: str | Content) -> None:
    """Show ``text`` in ``widget``: a ``str`` is outside text, shown literally (never
    parsed as markup, control characters removed); styled text comes as ``Content``."""
    content = literal(text) if isinstance(text, str) else text
    old: Content | None = getattr(widget, "_coach_text", None)
    if old is not None and old.is_same(content):
        return
    widget._coach_text = content  # type: ignore[attr-defined]
    widget.update(content, layout=old is None or old.cell_length != content.cell_length)
