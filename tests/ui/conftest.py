"""UI tests never touch a real sound device or speech engine: screens look and behave the
same everywhere."""

from __future__ import annotations

import pytest

from coach.sound.backends import NullBackend
from coach.ui import sound


@pytest.fixture(autouse=True)
def silent_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sound, "DEFAULT_BACKEND", NullBackend)
    monkeypatch.setattr("coach.sound.engines.find_speech_command", lambda *args: None)
