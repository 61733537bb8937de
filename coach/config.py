"""User settings from ``config.toml``.

The file is optional; every setting has a sensible default. A bad value is reported in one
line naming the file and the key, and the default is used, so a typo never stops a run.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from coach import locations
from coach.files import FileProblem, read_text
from coach.routine.model import CUE_EVENTS
from coach.text import one_line

"""Names of the sound cues, one per engine event that makes a sound."""


MAX_CONFIG_BYTES = 64 * 1024
"""A config file is a few lines; one bigger than this is the wrong file."""
TOP_SETTINGS = ("sound", "runs", "morning_until", "theme")
DEFAULT_THEME = "textual-dark"
THEMES = (
    "textual-dark", "textual-light", "nord", "gruvbox", "catppuccin-mocha", "dracula",
    "tokyo-night", "monokai", "flexoki", "catppuccin-latte", "catppuccin-frappe",
    "catppuccin-macchiato", "solarized-light", "solarized-dark", "rose-pine",
    "rose-pine-moon", "rose-pine-dawn", "atom-one-dark", "atom-one-light", "ansi-dark",
    "ansi-light",
)
"""The colour themes the screens can use: Textual's own, named here so that reading the
settings never loads Textual (a test keeps the list in step with it)."""


class ConfigError(Exception):
    """A problem in the config file, phrased for the user."""


@dataclass(frozen=True)
class SoundSettings:
    volume: int = 80
    """Loudness of the cues, 0–100."""
    mute: bool = False
    """Start muted (``m`` toggles it in the player)."""
    events: tuple[str, ...] = CUE_EVENTS
    """Which cues sound; leave one out to silence it."""
    speech: bool | None = None
    """Speak the steps aloud: their name, how, what comes next and the last seconds. Unset,
    coach offers it once when it finds a speech engine; ``false`` stops the offer."""
    speech_command: tuple[str, ...] = ()
    """A command that speaks text given as its last argument, e.g. ``["espeak-ng"]``; unset,
    the system's own engine is used (``say``, ``espeak-ng``, ``spd-say``, Windows speech).
    Written as one string in ``config.toml``, it is split as a shell would split it (no shell
    ever runs it); a list is taken exactly.

    Only the user's own config may name a command; a routine file never can."""
    speech_timeout: float = 5.0
    """Seconds a speech command may take before it is stopped."""


@dataclass(frozen=True)
class RunsSettings:
    folders: tuple[Path, ...] = ()
    """Folders of watch files (FIT, GPX, TCX, exports) imported quietly when coach starts."""


@dataclass(frozen=True)
class Settings:
    sound: SoundSettings = field(default_factory=SoundSettings)
    """Sound cues and speech."""
    runs: RunsSettings = field(default_factory=RunsSettings)
    """Where coach finds your runs."""
    morning_until: int = 12
    """Hour (local, 0–23) before which coach suggests the longer morning warm-up."""
    theme: str = DEFAULT_THEME
    """The colour theme, one of :data:`THEMES`; ctrl+t in the app switches and saves it."""


def _check_sound(raw: dict[str, Any], path: Path, problems: list[str]) -> SoundSettings:
    defaults = SoundSettings()
    values: dict[str, Any] = {}
    known = {f.name for f in fields(SoundSettings)}
    for key, value in raw.items():
        where = f"{path}: [sound] {_short(key)}"
        if key in TOP_SETTINGS:
            problems.append(f"{where}: belongs at the top of the file, above [sound]; TOML "
                            "puts every key below a [table] line into that table")
        elif key not in known:
            problems.append(_unknown(where, key, sorted(known)))
        elif key == "volume":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                problems.append(f"{where}: must be a whole number from 0 to 100, e.g. volume = 70")
            else:
                values[key] = value
        elif key in ("mute", "speech"):
            if not isinstance(value, bool):
                problems.append(f"{where}: must be true or false, e.g. {key} = true")
            else:
                values[key] = value
        elif key == "events":
            if not isinstance(value, list) or any(v not in CUE_EVENTS for v in value):
                problems.append(
                    f"{where}: must be a list of cue names from {', '.join(CUE_EVENTS)}, "
                    'e.g. events = ["start", "switch", "done"]'
                )
            else:
                values[key] = tuple(value)
        elif key == "speech_command":
            command = _speech_words(value, where, problems)
            if command is None:
                continue
            if (
                not isinstance(command, list)
                or not command
                or not all(isinstance(v, str) and v and "\0" not in v for v in command)
            ):
                problems.append(f"{where}: must be a command as a list, e.g. {SPEECH_EXAMPLE}")
            else:
                values[key] = tuple(command)
        elif key == "speech_timeout":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 60:
                problems.append(
                    f"{where}: must be seconds between 0 and 60, e.g. speech_timeout = 5"
                )
            else:
                values[key] = float(value)
    return SoundSettings(**{**defaults.__dict__, **values})


SPEECH_EXAMPLE = 'speech_command = ["espeak-ng", "-s", "160"]'
"""How a speech command is written exactly, shown whenever one can't be read."""


def _speech_words(value: object, where: str, problems: list[str]) -> object | None:
    """The speech command as a list of words. People write a command the way they type it,
    so one string is split as a shell would split it (quotes keep a path with a space as one
    word) but never run through a shell; a list is taken exactly as written. ``None`` when
    the string can't be split: the problem is then already named."""
    if not isinstance(value, str):
        return value
    import shlex

    if not value.strip():
        problems.append(f"{where}: is empty; name the program that speaks, e.g. "
                        f'speech_command = "espeak-ng -s 160", or as a list: {SPEECH_EXAMPLE}')
        return None
    try:
        return shlex.split(value)
    except ValueError as error:
        reason = ("a quote is not closed" if "quotation" in str(error)
                  else "it ends in a lone backslash")
        problems.append(f"{where}: cannot be split into a program and its arguments "
                        f"({reason}); write it as a list, e.g. {SPEECH_EXAMPLE}")
        return None


def _short(key: str) -> str:
    """A key as a problem names it: one clean line, cut to a readable length."""
    text = one_line(key)
    return text if len(text) <= 40 else text[:39] + "…"


def _check_runs(raw: object, path: Path, problems: list[str]) -> RunsSettings:
    example = 'e.g. [runs] then folders = ["~/Garmin/Activities"]'
    if not isinstance(raw, dict):
        problems.append(f"{path}: [runs] must be a table, {example}")
        return RunsSettings()
    folders: tuple[Path, ...] = ()
    for key, value in raw.items():
        if key != "folders":
            problems.append(_unknown(f"{path}: [runs] {_short(key)}", key, ["folders"]))
            continue
        values = [value] if isinstance(value, str) else value
        if (not isinstance(values, list) or not values
                or not all(isinstance(v, str) and v.strip() and "\0" not in v for v in values)):
            problems.append(f"{path}: [runs] folders: must be a list of folders, {example}")
            continue
        expanded = [_expanded(v, path, problems) for v in values]
        folders = tuple(folder for folder in expanded if folder is not None)
    return RunsSettings(folders)


def _expanded(value: str, path: Path, problems: list[str]) -> Path | None:
    """``~/x`` in the runner's home; ``~name/x`` for a user this computer doesn't know is a
    problem to name, not a crash at every start."""
    try:
        return Path(value).expanduser()
    except (RuntimeError, KeyError, ValueError):
        problems.append(f"{path}: [runs] folders: {_short(value)} starts with a user's name "
                        'this computer does not know; write the full path, e.g. '
                        '"/home/me/Garmin/Activities" or "~/Garmin/Activities"')
        return None


def _unknown(where: str, key: str, known: list[str]) -> str:
    """An unknown key, with the setting it most likely meant."""
    from coach.routine.problems import suggest

    guess = suggest(key, known)
    if guess:
        return f'{where}: unknown setting; did you mean "{guess}"?'
    return f"{where}: unknown setting (known: {', '.join(known)})"


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Read the settings, returning them with one line per problem found.

    Problems never raise: the affected settings keep their defaults. Only a regular file
    is read (a named pipe or a device named config.toml is a problem, not a hang), and each
    problem is one clean line, whatever the file's keys hold.
    """
    path = path or locations.config_file()
    settings, problems = _load(path)
    return settings, [one_line(problem) for problem in problems]


def _load(path: Path) -> tuple[Settings, list[str]]:
    if not os.path.lexists(path):
        return Settings(), []
    try:
        text = read_text(path, MAX_CONFIG_BYTES, "config file")
    except FileProblem as problem:
        return Settings(), [f"{problem}; using default settings"]
    from coach.routine import tomlsafe  # only when there is a file: most runs have none

    try:
        raw = tomlsafe.loads(text.removeprefix("\ufeff"))
    except tomlsafe.TomlProblem as problem:
        return Settings(), [f"{path}: {problem}; using default settings"]
    problems: list[str] = []
    sound_raw = raw.pop("sound", {})
    if not isinstance(sound_raw, dict):
        problems.append(f"{path}: [sound] must be a table, e.g. [sound] then volume = 70")
        sound_raw = {}
    sound = _check_sound(sound_raw, path, problems)
    runs = _check_runs(raw.pop("runs", {}), path, problems)
    morning_until = Settings.morning_until
    if "morning_until" in raw:
        value = raw.pop("morning_until")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 23:
            problems.append(f"{path}: morning_until must be an hour from 0 to 23, e.g. 12")
        else:
            morning_until = value
    theme = _check_theme(raw.pop("theme", DEFAULT_THEME), path, problems)
    for key in raw:
        problems.append(_unknown(f"{path}: {_short(key)}", key, list(TOP_SETTINGS)))
    return (Settings(sound=sound, runs=runs, morning_until=morning_until, theme=theme),
            problems)


def _check_theme(value: object, path: Path, problems: list[str]) -> str:
    if isinstance(value, str) and value in THEMES:
        return value
    from coach.routine.problems import suggest

    text = value.strip().lower() if isinstance(value, str) else ""
    guess = {"light": "textual-light", "dark": "textual-dark"}.get(text) or (
        suggest(text, list(THEMES)) if text else "")
    if not isinstance(value, str):
        problems.append(f'{path}: theme: must be a theme\'s name in quotes, e.g. theme = '
                        f'"textual-light"; coach\'s themes: {", ".join(THEMES)}')
    elif guess:
        problems.append(f'{path}: theme: "{_short(value)}" is not one of coach\'s themes; '
                        f'did you mean "{guess}"?')
    else:
        problems.append(f'{path}: theme: "{_short(value)}" is not one of coach\'s themes: '
                        f'{", ".join(THEMES)}')
    return DEFAULT_THEME


_THEME_LINE = (r"""^([ \t]*theme[ \t]*=[ \t]*)"""
               r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^#\n]*?)([ \t]*(?:#.*)?)$""")
"""A top-level ``theme = ...`` line (prefix, value, comment): the one line
:func:`save_theme` rewrites, keeping its comment."""


def save_theme(theme: str, path: Path | None = None) -> None:
    """Keep the chosen theme in ``config.toml``, leaving every other line as it was.

    The top-level ``theme`` line is rewritten in place, or added at the top of the file
    (above any ``[table]``, where TOML needs it). Raises :class:`ConfigError` with one line
    naming the file when it can't be written.
    """
    import re

    if theme not in THEMES:
        raise ConfigError(f"{theme!r} is not a theme coach knows")
    path = path or locations.config_file()
    text = _text_to_edit(path, "the theme")
    line = f'theme = "{theme}"'
    header = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    top, rest = (text[: header.start()], text[header.start():]) if header else (text, "")
    found = re.search(_THEME_LINE, top, re.MULTILINE)
    if found is not None:
        top = (top[: found.start()] + found.group(1) + f'"{theme}"' + found.group(3)
               + top[found.end():])
    else:
        top = f"{line}\n{top}"
    _write(path, top + rest)


def _text_to_edit(path: Path, what: str) -> str:
    """The settings file's text as it stands ("" when there is none yet), for a change to
    ``what`` written back around every other line; :class:`ConfigError` when unreadable."""
    if not os.path.lexists(path):
        return ""
    try:
        return read_text(path, MAX_CONFIG_BYTES, "config file").removeprefix("\ufeff")
    except FileProblem as problem:
        raise ConfigError(f"{problem}; {what} is not saved") from None


_SPEECH_LINE = r"^[ \t]*speech[ \t]*=[^\n]*$"
"""A ``speech = ...`` line inside the ``[sound]`` table: the one :func:`save_speech`
rewrites."""


def save_speech(on: bool, path: Path | None = None) -> None:
    """Keep the runner's answer to "speak the steps?" in ``config.toml`` (``[sound] speech``),
    leaving every other line as it was; :class:`ConfigError` with one line when it can't."""
    import re

    path = path or locations.config_file()
    text = _text_to_edit(path, "speech")
    line = f"speech = {'true' if on else 'false'}"
    table = re.search(r"^[ \t]*\[[ \t]*sound[ \t]*\][ \t]*(?:#.*)?$", text, re.MULTILINE)
    if table is None:
        new = f"{text.rstrip()}\n\n[sound]\n{line}\n" if text.strip() else f"[sound]\n{line}\n"
    else:
        after = re.search(r"^[ \t]*\[", text[table.end():], re.MULTILINE)
        end = table.end() + after.start() if after else len(text)
        body = text[table.end():end]
        found = re.search(_SPEECH_LINE, body, re.MULTILINE)
        if found is not None:
            body = body[: found.start()] + line + body[found.end():]
        else:
            body = f"\n{line}{body}"
        new = text[: table.end()] + body + text[end:]
    if not _only_speech_changed(text, new, on):
        raise ConfigError(f"{one_line(path)}: its [sound] settings are written in a way coach "
                          f"does not edit; add {line} under [sound] yourself")
    _write(path, new, "speech")


def _only_speech_changed(old: str, new: str, on: bool) -> bool:
    """Whether ``new`` reads as ``old`` with ``[sound] speech = on`` and nothing else: a
    table written as dotted keys, inline or twice, or a line inside a string, is never
    edited into a file that no longer loads."""
    from coach.routine import tomlsafe

    try:
        before, after = tomlsafe.loads(old or ""), tomlsafe.loads(new)
    except tomlsafe.TomlProblem:
        return False
    sound = after.get("sound")
    if not isinstance(sound, dict) or sound.get("speech") is not on:
        return False
    rest = {**after, "sound": {k: v for k, v in sound.items() if k != "speech"}}
    old_sound = before.get("sound", {})
    if not isinstance(old_sound, dict):
        return False
    return rest == {**before, "sound": {k: v for k, v in old_sound.items() if k != "speech"}}


def _write(path: Path, text: str, what: str = "the theme") -> None:
    """Write the file whole or not at all: a crash midway never leaves half a config. A
    config file that is a link (into a dotfiles folder, say) stays one: its target is
    written."""
    path = Path(os.path.realpath(path))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ConfigError(
            f"{path}: cannot save {what} ({error.strerror or error})"
        ) from None
