"""How the app looks: its theme (kept in the settings), no colour where none is wanted,
and keys spelled out as the help and the README say them.

A base of :class:`coach.ui.app.CoachApp`, kept apart so the app module wires screens and
flows only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter, NoColor
from textual.theme import Theme

from coach.config import THEMES, ConfigError, Settings, save_theme
from coach.ui.terminal import wants_no_colour


class StyledApp(App[None]):
    """An app that starts in the runner's theme, saves a new one, and goes without colour
    under ``NO_COLOR`` or on a monochrome terminal."""

    settings: Settings

    def __init__(self, css_path: list[str | PurePath]) -> None:
        plain = wants_no_colour(os.environ)
        # Without colour the terminal's own colours are used and every colour is removed;
        # focus and selection then show by reverse video, bold and markers.
        super().__init__(css_path=css_path, ansi_color=True if plain else None)
        self._no_colour: list[LineFilter] = []
        if plain and not self.no_color:  # a monochrome TERM: Textual only reads NO_COLOR
            self.no_color = True
            self._no_colour.append(NoColor())

    def use_settings_theme(self) -> None:
        """Start in the theme the settings name (before the first frame)."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def on_mount(self) -> None:
        """From now on, a theme chosen is a theme kept (the app's own ``on_mount`` runs
        as well: Textual calls the handler of every class)."""
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def get_key_display(self, binding: Binding) -> str:
        """``ctrl+p`` rather than ``^p``: spelled out as the README and the help say it."""
        shown = super().get_key_display(binding)
        return f"ctrl+{shown[1:]}" if shown.startswith("^") and len(shown) > 1 else shown

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        return [*filters, *self._no_colour] if self._no_colour else filters

    def action_next_theme(self) -> None:
        names = [name for name in THEMES if name in self.available_themes]
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(f"Theme: {self.theme}. ctrl+t for the next one; ctrl+p, then Theme, "
                    "to choose.", timeout=3)

    def _theme_changed(self, theme: Theme) -> None:
        """However the theme changed (ctrl+t, the palette's list), the settings keep it."""
        if theme.name != self.settings.theme and theme.name in THEMES:
            self.settings = replace(self.settings, theme=theme.name)
            self._save_theme(theme.name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings")
    def _save_theme(self, name: str) -> None:
        """Keep the theme in the settings file (off the screen's thread: it is a write)."""
        try:
            save_theme(name)
        except ConfigError as error:
            self.call_from_thread(self.notify, f"{error}", title="Settings",
                                  severity="warning", timeout=6)
