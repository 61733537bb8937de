"""A countdown drawn as large as its room allows, to be read from a mat two metres away.

Textual's ``Digits`` is always three rows tall. This widget draws the time in a bold 3×5
pixel font, each pixel scaled to a block of cells, and picks the largest whole scale that
fits its size: three rows on a small terminal, half the screen on a big one. Half-block
characters give two pixel rows per terminal row, so a pixel can be as wide as it is tall.

The scale is chosen for a fixed pattern (``00:00``) rather than the text shown, so the
digits keep their size when ``10:00`` becomes ``9:59``. The lines are drawn once per change
of time, size or colour and served from a cache between changes: the player repaints once
a second and nothing else in it may cost CPU while a step counts down.
"""

from __future__ import annotations

from typing import Final

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

GLYPHS: Final[dict[str, tuple[str, ...]]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("...", "...", "...", "...", "..."),
}
"""Each character as five rows of pixels; ``#`` is lit."""
HEIGHT: Final = 5
"""Pixel rows of every glyph."""
PATTERN: Final = "00:00"
"""The widest time most steps show: the scale is chosen for it."""
_HALVES: Final = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def pixel_rows(text: str) -> list[str]:
    """The text as rows of ``#`` and ``.``, one pixel column between characters."""
    glyphs = [GLYPHS.get(char, GLYPHS[" "]) for char in text]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]


def pixel_width(text: str) -> int:
    return len(pixel_rows(text)[0]) if text else 0


def fit_scale(text: str, width: int, height: int) -> tuple[int, int]:
    """The largest (across, down) scale at which ``text`` (or the pattern, if wider) fits.

    A pixel is ``across`` cells wide and ``down`` half-rows tall. The two are equal (square
    pixels), or ``down`` is one more where that makes it even and there is room: every pixel
    row then fills whole terminal rows. (0, 0) means even the smallest block digits don't
    fit, and the time is shown as plain text.
    """
    widest = max(pixel_width(text), pixel_width(PATTERN))
    if widest == 0:
        return 0, 0
    most_down = (2 * height) // HEIGHT
    scale = min(width // widest, most_down)
    if scale <= 0:
        return 0, 0
    down = scale + 1 if scale % 2 and scale + 1 <= most_down else scale
    return scale, down


def draw(text: str, across: int, down: int) -> list[str]:
    """The text as lines of block characters, ``across`` cells and ``down`` half-rows a
    pixel (no padding)."""
    pixels = pixel_rows(text)
    half_rows = HEIGHT * down
    lines: list[str] = []
    for top in range(0, half_rows, 2):
        upper = pixels[top // down]
        lower = pixels[(top + 1) // down] if top + 1 < half_rows else "." * len(upper)
        lines.append("".join(_HALVES[a == "#", b == "#"] * across
                             for a, b in zip(upper, lower, strict=True)))
    return lines


class BigCountdown(Widget):
    """The time left in the step, centred in the widget at the largest scale that fits."""

    DEFAULT_CSS = """
    BigCountdown {
        width: 100%;
        height: 1fr;
        min-height: 1;
        text-style: bold;
    }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._key: tuple[object, ...] = ()
        self._lines: list[Strip] = []

    @property
    def value(self) -> str:
        """The time shown, e.g. ``0:45``."""
        return self._value

    def update(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.refresh()

    @property
    def scale(self) -> tuple[int, int]:
        """How many cells across and half-rows down each pixel takes at the current size."""
        return fit_scale(self._value, self.content_size.width, self.content_size.height)

    def render_line(self, y: int) -> Strip:
        lines = self._strips()
        return lines[y] if 0 <= y < len(lines) else Strip.blank(self.content_size.width)

    def _strips(self) -> list[Strip]:
        size = self.content_size
        style = self.rich_style
        key = (self._value, size, style)
        if key != self._key:
            self._key = key
            self._lines = self._draw(size.width, size.height, style)
        return self._lines

    def _draw(self, width: int, height: int, style: Style) -> list[Strip]:
        across, down = fit_scale(self._value, width, height)
        art = draw(self._value, across, down) if across else [self._value[:width]]
        top = max(0, (height - len(art)) // 2)
        blank = Strip([Segment(" " * width, style)], width)
        strips = [blank] * height
        for row, line in enumerate(art[:height]):
            left = max(0, (width - len(line)) // 2)
            text = (" " * left + line).ljust(width)[:width]
            strips[top + row] = Strip([Segment(text, style)], width)
        return strips
