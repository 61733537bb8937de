"""``coach serve`` in a real browser: Debian's Chromium, driven by Playwright, at phone size.

The runner's path in the hallway: open the printed address (token and all), start a routine,
tap pause, resume and next on the player's buttons, let it finish, and find the session in
``coach export``. What the page shows is read from the lock the playing coach writes (the
terminal in the page is a canvas); a phone-size screenshot is kept in ``test-artifacts/``.
Skipped, saying why, without /usr/bin/chromium or the playwright package (no browser is
ever downloaded).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.session.playing import Playing, now_playing
from tests.support.serving import Served, start_serve

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 740}
"""A phone held upright, in CSS pixels: about 40 columns of the page's font."""
WAIT_SECONDS = 20.0
SETTLED_SECONDS = 0.6

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium "
                       "(apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="the playwright package is not installed")

ROUTINE = """\
name = "Hallway test"
kind = "mixed"
summary = "Two short steps for the browser test."

[defaults]
countdown = 0

[[steps]]
name = "Stand tall"
kind = "rest"
time = "30s"
cue = "Tap pause, resume, then next."

[[steps]]
name = "Last breath"
kind = "rest"
time = "1s"
cue = "Ends by itself."
"""


def wait_for(what: str, check: Callable[[], Any]) -> Any:
    """Poll ``check`` until it returns something true; fail naming ``what``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def wait_for_briefly(check: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    return None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "hallway-test.toml").write_text(ROUTINE, encoding="utf-8")
    server = start_serve(home)
    try:
        yield server, home
    finally:
        assert server.stop() == 0


def test_a_routine_played_on_a_phone_is_in_the_history(served: tuple[Served, Path]) -> None:
    server, home = served
    lock = home / "playing.lock"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        try:
            page = browser.new_page(viewport=PHONE, has_touch=True)
            sizes: list[dict[str, int]] = []
            drawn = [0.0]  # when the page last got a frame of the screen

            def on_socket(socket: Any) -> None:
                def sent(payload: str | bytes) -> None:
                    if isinstance(payload, str) and payload.startswith('["resize"'):
                        sizes.append(json.loads(payload)[1])

                def received(payload: str | bytes) -> None:
                    drawn[0] = time.monotonic()

                socket.on("framesent", sent)
                socket.on("framereceived", received)

            page.on("websocket", on_socket)
            page.goto(server.url)
            page.wait_for_selector("body.-first-byte", timeout=WAIT_SECONDS * 1000)
            assert page.url.endswith("/")  # the token left the address bar for a cookie
            assert "Sound plays on the computer running coach" in page.inner_text(
                "#where-sound")
            columns, rows = sizes[-1]["width"], sizes[-1]["height"]
            assert 36 <= columns <= 48 and rows >= 20  # a phone's ~40×20 cells or more
            screen = page.locator(".xterm-screen").bounding_box()
            assert screen is not None
            cell_h = screen["height"] / rows

            def tap(button: int) -> None:
                """Tap one of the player's five buttons (pause, back, next, +30 s, done):
                the row of buttons sits just above the one-line footer."""
                x = screen["x"] + (button + 0.5) * screen["width"] / 5
                y = screen["y"] + (rows - 3 + 0.5) * cell_h
                page.mouse.click(x, y)

            # Keys typed while coach is still starting are lost or land on another screen:
            # type once home has drawn its list and the screen has been still for a moment.
            def settled() -> None:
                wait_for("the screen to settle",
                         lambda: time.monotonic() - drawn[0] > SETTLED_SECONDS)

            settled()
            page.focus(".xterm-helper-textarea")  # the keyboard, without a click on coach

            def search() -> None:
                for keys in ("/", "Hallway"):  # only the test routine is left in the list
                    page.keyboard.type(keys)
                    settled()

            search()

            def started() -> Playing | None:
                page.keyboard.press("Enter")  # again if the list was still loading
                found = wait_for_briefly(
                    lambda: (p := now_playing(lock)) is not None and p.step and p)
                if found and found.routine != "Hallway test":
                    # A key typed while the page was still connecting never reached coach,
                    # and enter started the highlighted routine: stop it, as a runner would
                    # (what was done is kept, as stopped), and search again.
                    page.keyboard.press("q")
                    settled()
                    page.keyboard.press("y")
                    wait_for("the other routine to stop", lambda: now_playing(lock) is None)
                    settled()
                    page.keyboard.press("Enter")  # past its summary, home again
                    settled()
                    search()
                    return None
                return found

            playing: Playing = wait_for("the routine to start", started)
            assert playing.routine == "Hallway test" and playing.step == "Stand tall"

            def tap_until(button: int, paused: bool) -> Playing | None:
                """Tap, and again if the tap was lost (a button ignores a tap while it
                still shows the one before)."""
                settled()
                tap(button)
                return wait_for_briefly(
                    lambda: (p := now_playing(lock)) is not None and p.paused == paused)

            wait_for("pause", lambda: tap_until(0, paused=True))
            settled()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "serve-phone-player.png"))
            wait_for("resume", lambda: tap_until(0, paused=False))
            settled()
            tap(2)
            wait_for("the routine to end", lambda: now_playing(lock) is None)
        finally:
            browser.close()

    exported = subprocess.run(
        [sys.executable, "-m", "coach", "export"], capture_output=True, text=True,
        env=dict(os.environ, COACH_HOME=str(home)), check=True,
    )
    sessions = json.loads(exported.stdout)["sessions"]
    (session,) = [s for s in sessions if s["routine_name"] == "Hallway test"]
    assert all(s["status"] == "stopped" for s in sessions if s is not session)
    assert session["routine_name"] == "Hallway test"
    assert session["status"] == "completed"
    assert [(step["name"], step["outcome"]) for step in session["steps"]] == [
        ("Stand tall", "skipped"), ("Last breath", "done")]
