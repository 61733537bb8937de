"""Shared fixtures and how the suite runs.

Every test runs under its own COACH_HOME, never the real home. The suite is ordered so that
work stealing can balance it: long walks (``@pytest.mark.slow``) first, then the screen tests,
then the quick headless ones, which fill the gaps at the end.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path

# The tests allocate millions of short-lived objects (every app start builds a DOM and its
# styles), and Python's collector ran thousands of times, each old-generation pass walking
# every imported module's objects again: a sixth of the screen tests' CPU. Young objects are
# now collected less often (set before the big imports below), and what is loaded once
# collection ends (it stays for the whole run) is set aside from collection.
gc.set_threshold(50_000, 20, 20)

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

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


def _cost(item: pytest.Item) -> int:
    """0 for a long walk, 1 for a screen test, 2 for the rest: the order tests are handed out."""
    if item.get_closest_marker("slow"):
        return 0
    return 1 if "/tests/ui/" in item.path.as_posix() else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A stable sort: within a group tests keep the order of their files.
    items.sort(key=_cost)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # At the very end pytest collects five times over, to catch errors raised while objects
    # are freed; one pass frees them (and any error still reaches pytest), and setting aside
    # what is left spares the other four walks over every object of the run: a second of CPU.
    gc.collect()
    gc.freeze()


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    if hasattr(config, "workerinput"):  # a worker: the controller says it once
        return
    workers = getattr(config.option, "numprocesses", None)
    dist = getattr(config.option, "dist", "no")
    how = (f"{workers} workers, {dist} distribution" if workers and dist != "no"
           else "one process")
    profile = settings.get_current_profile_name()
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"coach tests: {how}; long walks and screens first; "
                            f"property tests with the {profile!r} Hypothesis profile.")


_numbers = itertools.count()


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new empty folder for each test, under this run's base folder as pytest's own is.

    pytest's ``tmp_path`` numbers its folders by listing every folder made before, so each
    test paid for all the tests before it (seconds of CPU over this suite). Here a counter
    names them; the test's name is kept in the folder's so a failure's files are found.
    """
    name = re.sub(r"[^A-Za-z0-9_-]", "_", request.node.name)[:40]
    path = tmp_path_factory.getbasetemp() / f"{next(_numbers)}-{name}"
    path.mkdir()
    return path


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "coach-home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    yield home
