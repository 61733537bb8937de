"""Shared fixtures: every test runs under its own COACH_HOME, never the real home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests set no sizes of their own: a profile does. "default" (the README's command and
# CI) explores the same examples on every run, so a red CI is never luck; without a deadline
# (test processes share the cores with everything else) and no example database in the
# checkout. HYPOTHESIS_PROFILE=thorough explores many new examples, for a change to a parser.
_PROPERTIES = dict(
    deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("default", max_examples=40, derandomize=True, **_PROPERTIES)
settings.register_profile("thorough", max_examples=1000, **_PROPERTIES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    yield home
