"""A run's words in the running log: where it was run, and how a shoe is named.

The watch-file readers, ``coach runs edit``, the import of an export and the store all
take these, so a surface or a shoe name means one thing wherever it comes from.
"""

from __future__ import annotations

from typing import Final

from coach.text import is_blank, one_line

SURFACES: Final = ("road", "trail", "track", "treadmill")
"""Where a run was run; anything else (or nothing said) is no surface at all."""
MAX_SHOE_LENGTH: Final = 60


def shoe_name(text: str | None) -> str | None:
    """A shoe's name as outside text: one clean line, spaces collapsed, of a sensible
    length; None when nothing visible is left."""
    if text is None:
        return None
    cleaned = " ".join(one_line(text).split())[:MAX_SHOE_LENGTH].strip()
    return None if is_blank(cleaned) else cleaned
