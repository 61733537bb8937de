"""Rows as aligned columns, the way every listing command prints them."""

from __future__ import annotations

from collections.abc import Sequence


def table(rows: Sequence[Sequence[str]]) -> list[str]:
    """Each row as one line, cells padded to their column's widest; the last column is not
    padded, so a long last cell (a path, a problem) never pushes trailing spaces."""
    if not rows:
        return []
    count = max(len(row) for row in rows)
    widths = [max((len(row[n]) for row in rows if n < len(row)), default=0)
              for n in range(count - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines
