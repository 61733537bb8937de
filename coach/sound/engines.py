"""The speech engine already on this computer, if any: what coach offers to speak with.

Only engines that come with the system or its usual packages are looked for, each run with
the text as its last argument and no shell: ``say`` on macOS, ``espeak-ng`` (or ``espeak``)
and ``spd-say`` on Linux, and Windows' own System.Speech through PowerShell, given a small
script shipped beside this module so the text is a parameter, never code. A command the
user names in ``config.toml`` always wins over what is found here.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

WINDOWS_SCRIPT = Path(__file__).with_name("speak.ps1")
"""Says its one parameter with System.Speech; run with ``-File``, so the text is data."""

Which = Callable[[str], str | None]


def find_speech_command(
    which: Which = shutil.which, platform: str = sys.platform
) -> tuple[str, ...] | None:
    """The command that speaks text given as its last argument, or None where none is found."""
    if platform == "darwin":
        return ("say",) if which("say") else None
    if platform.startswith("win"):
        shell = which("powershell") or which("pwsh")
        if shell is None:
            return None
        return (shell, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-File", str(WINDOWS_SCRIPT))
    for name, options in (("espeak-ng", ()), ("espeak", ()), ("spd-say", ("--wait",))):
        if which(name):
            return (name, *options)
    return None


def engine_name(command: tuple[str, ...]) -> str:
    """How the runner knows the engine: ``espeak-ng``, ``say``, ``Windows speech``."""
    if WINDOWS_SCRIPT.name in " ".join(command):
        return "Windows speech"
    return Path(command[0]).name if command else "speech"
