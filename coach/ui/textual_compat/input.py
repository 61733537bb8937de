"""Textual's private terminal input parser and clock, for reading pastes whole (apart from the
rest of the compatibility package: only the app's start-up needs them)."""

from __future__ import annotations

from textual._time import get_time
from textual._xterm_parser import XTermParser

__all__ = ["XTermParser", "get_time", "read_input_with"]


def read_input_with(parser: type[XTermParser]) -> None:
    """Make Textual's Linux/macOS driver read the terminal's input with ``parser``."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = parser  # type: ignore[attr-defined]
