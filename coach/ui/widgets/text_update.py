"""Update a label only when its text changes, and re-layout only when its length does.

The player redraws once a second; a full layout pass for every unchanged or same-length
label would cost far more CPU than the countdown itself.
"""

from __future__ import annotations

from textual.widgets import Static


def set_text(widget: Static, text: str) -> None:
    old = getattr(widget, "_coach_text", None)
    if old == text:
        return
    widget._coach_text = text  # type: ignore[attr-defined]
    widget.update(text, layout=old is None or len(old) != len(text))
