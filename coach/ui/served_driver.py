"""The Textual driver of a coach drawing in a browser for ``coach serve``.

Textual's web driver keeps the app running when its input ends; for a served coach the end
of input means the server has gone, so it ends the way a closed terminal ends coach (a
hangup: a routine playing is recorded as interrupted), and no coach is left behind.
"""

from __future__ import annotations

import os
import signal

from textual.drivers.web_driver import WebDriver


class ServedDriver(WebDriver):
    def run_input_thread(self) -> None:
        super().run_input_thread()
        if not self.exit_event.is_set():  # input ended without the app stopping
            os.kill(os.getpid(), getattr(signal, "SIGHUP", signal.SIGTERM))
