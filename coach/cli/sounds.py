"""``coach sounds``: which cues play, from which files, through which device.

Answers "why don't I hear anything?" without opening the app, and ``--play`` checks the
speakers. Like every command without a screen it never imports Textual.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.config import SoundSettings
    from coach.sound.backends import Backend
    from coach.sound.report import SoundReport

GAP_SECONDS = 0.4
"""Pause between cues with ``--play``, so each is heard on its own."""
OPEN_SECONDS = 10.0
"""How long ``--play`` waits for the device to open before giving up."""


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``coach sounds``."""
    parser = commands.add_parser(
        "sounds",
        help="list the sound cues, or play them to check the speakers",
        description="List each sound cue (what it marks, its file, built-in or yours, its "
        "length), the device that will play it and the sound settings. A file named "
        "<cue>.wav in your sounds folder replaces the built-in cue.",
    )
    parser.add_argument(
        "--play", action="store_true", help="play every cue in turn, to check the speakers"
    )
    parser.set_defaults(handler=sounds)


def make_backend() -> Backend:
    from coach.sound.player import default_backend

    return default_backend()


def sounds(args: argparse.Namespace) -> int:
    from coach.config import load_settings

    settings, problems = load_settings()
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.play:
        return play_all(settings.sound)
    return list_sounds(settings.sound)


def _device_line(report: SoundReport) -> str:
    if not report.available:
        return report.reason
    line = f"{report.backend} through {report.output}" if report.output else report.backend
    if report.device:
        line += f', device "{report.device}"'
    return line


def _settings_lines(sound: SoundSettings) -> list[str]:
    from coach import locations
    from coach.sound.cues import CUES
    from coach.sound.pcm import gain_db

    gain = gain_db(sound.volume)
    level = "silent" if sound.volume == 0 else f"{gain:+.1f} dB"
    off = [cue for cue in CUES if cue not in sound.events]
    cues_line = ", ".join(sound.events) if sound.events else "none"
    if off:
        cues_line += f" (off: {', '.join(off)})"
    if sound.speech_command:
        speech = f"{' '.join(sound.speech_command)} (stopped after {sound.speech_timeout:g} s)"
    else:
        speech = "off (set speech_command under [sound] in config.toml)"
    return [
        f"Volume:  {sound.volume} of 100 ({level}){', muted' if sound.mute else ''}",
        f"Cues on: {cues_line}",
        f"Speech:  {speech}",
        f"Config:  {locations.config_file()}",
        f"Yours:   {locations.user_sounds_dir()} (<cue>.wav there replaces a built-in)",
    ]


def list_sounds(sound: SoundSettings) -> int:
    from coach.sound.report import describe
    from coach.text import one_line

    report = describe(make_backend())
    print(f"Sound:   {one_line(_device_line(report))}")  # device names come from the system
    for line in _settings_lines(sound):
        print(one_line(line))
    if report.available and len(report.devices) > 1:
        print("Devices: " + "; ".join(
            f"{one_line(device.name)}{' (default)' if device.default else ''}"
            for device in report.devices
        ))
    print()
    rows = [("cue", "marks", "length", "from", "file")]
    for cue in report.cues:
        length = "unreadable" if cue.seconds is None else f"{cue.seconds:.2f} s"
        name = cue.name if cue.name in sound.events else f"{cue.name} (off)"
        where = one_line(cue.path)
        if cue.problem:
            where += f": {cue.problem}; the built-in {cue.name} sound plays instead"
        rows.append((name, cue.marks, length, "built-in" if cue.builtin else "yours",
                     one_line(where)))
    from coach.cli.table import table

    print("\n".join(table(rows)))
    return 0


def play_all(sound: SoundSettings) -> int:
    from coach.sound.cues import CUES, MEANINGS, builtin_cue, find_cue
    from coach.sound.player import CuePlayer
    from coach.sound.report import cue_seconds

    player = CuePlayer(sound, backend=make_backend())
    try:
        if not player.wait_ready(OPEN_SECONDS):
            print(f"Sound: the sound device did not answer within {OPEN_SECONDS:g} s.")
            return 1
        if not player.available:
            print(f"Sound: {player.reason}.")
            print("Nothing to play the cues on: in the app each cue rings the terminal bell "
                  "and flashes the screen instead.")
            return 0
        note = " (muted in config.toml; playing anyway)" if sound.mute else ""
        print(f"Playing each cue at volume {player.volume} through {player.output}{note}:")
        if player.volume == 0:
            print("Volume is 0 in config.toml: the cues will be silent.")
        for cue in CUES:
            print(f"  {cue:8} {MEANINGS[cue]}", flush=True)
            seconds = cue_seconds(find_cue(cue)) or cue_seconds(builtin_cue(cue)) or 1.0
            if not player.play_and_wait(cue, timeout=seconds + 5.0):
                print("  (it did not finish in time)")
            time.sleep(GAP_SECONDS)
    finally:
        player.close()
    return 0
