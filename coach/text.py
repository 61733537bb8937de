"""Outside text made safe to show: the one place where control characters are removed.

Routine files, imports, notes, settings and file names are data. Printed as they are, a
control character can restyle or clear a terminal (``ESC [2J``), write its clipboard
(OSC 52) or reorder what is shown (bidi overrides); in a spreadsheet a leading ``=`` is a
formula. Everything coach shows or writes from outside passes through :func:`clean` (and
CSV cells through :func:`csv_cell`) once, where it enters. Markup is a separate matter: the
UI shows outside text through :mod:`coach.ui.literal`, never as a markup string.

Standard library only, with no ``unicodedata`` import: the screen-less commands must start
fast.
"""

from __future__ import annotations

from typing import Final

BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Marks and embeddings/overrides/isolates that change the order text is drawn in."""

INVISIBLE: Final = frozenset("\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c"
                             "\u200d\u2060\u2061\u2062\u2063\u2064\u2800\u3164\ufeff"
                             "\uffa0") | BIDI_CONTROLS
"""Characters that draw as nothing (fillers, blanks, zero-width marks) beside Unicode's
format characters and combining marks: a name made only of these is empty to the eye."""
_NOTHING_TO_SEE: Final = frozenset(("Mn", "Me", "Cf", "Cc", "Co", "Cn", "Cs", "Zs", "Zl", "Zp"))
"""Unicode categories that draw nothing on their own: marks, format characters (tags,
annotation anchors), controls, private use, unassigned, and separators."""

REPLACEMENT: Final = "\ufffd"
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts a spreadsheet reads as a formula (OWASP's CSV injection list)."""


def is_unsafe(char: str) -> bool:
    """C0 controls but tab and newline, DEL, C1 controls, bidi controls, lone surrogates."""
    code = ord(char)
    if code < 0x20:
        return char not in "\t\n"
    return (
        0x7F <= code <= 0x9F
        or char in BIDI_CONTROLS
        or 0xD800 <= code <= 0xDFFF
    )


def first_unsafe(text: str) -> str | None:
    """The first character :func:`clean` would remove, or None: validators name it."""
    for char in text:
        if is_unsafe(char):
            return char
    return None


def clean(text: str, *, newlines: bool = True) -> str:
    """``text`` without terminal controls, bidi overrides and lone surrogates.

    Tabs and newlines stay (``newlines=False`` turns newlines and tabs into spaces, for
    one-line places such as a table cell or a file name in an error).
    """
    if text.isprintable() and (newlines or "\n" not in text):
        return text  # the common case, at C speed
    out = []
    for char in text:
        if char in "\n\t":
            out.append(char if newlines else " ")
        elif not is_unsafe(char):
            out.append(char)
    return "".join(out)


def one_line(text: object) -> str:
    """Any value as one clean line, for error messages naming a file or a value."""
    return clean(str(text), newlines=False)


def is_blank(text: str) -> bool:
    """True when nothing visible is left after removing spaces and invisible characters.

    A lone combining accent, a variation selector, a tag character or a Hangul filler
    draws nothing by itself, so a name of only such characters is blank too.
    """
    import unicodedata  # built in, and needed only when a name is checked

    return not any(
        char not in INVISIBLE and not is_unsafe(char) and not char.isspace()
        and unicodedata.category(char) not in _NOTHING_TO_SEE
        for char in text
    )


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text cleaned to one line and never read as a formula."""
    if not isinstance(value, str):
        return value
    text = clean(value, newlines=False)
    if text.startswith(FORMULA_STARTS) or value.startswith(FORMULA_STARTS):
        return "'" + text
    return text
