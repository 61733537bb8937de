"""``coach serve``: the app in a browser, for a phone in the hallway.

The laptop keeps the timers, the database and the sounds; each browser connection gets a
coach process of its own (Textual's web driver) relayed over a WebSocket. Everything here is
about letting exactly one person in: the holder of the printed token, on the address served.
Nothing in this package imports Textual: the app runs in the child processes.
"""

SERVED_VARIABLE = "COACH_SERVED"
"""Set to ``1`` by the server in the coach processes it starts, and nowhere else."""

SERVED_DRIVER = "coach.ui.served_driver:ServedDriver"
"""The Textual driver the server's children draw with (``TEXTUAL_DRIVER``)."""


def served_here() -> bool:
    """Whether this coach was started by ``coach serve`` to draw in a browser: the server
    sets both variables and talks to it over pipes, so without pipes on both standard input
    and output the variables alone let nothing through (a script setting them is refused as
    one without a terminal is)."""
    import os
    import stat
    import sys

    if not started_by_server():
        return False
    try:
        return all(stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
                   for stream in (sys.stdin, sys.stdout))
    except (AttributeError, OSError, ValueError):
        return False


def started_by_server() -> bool:
    """Whether the server's variables are set: the question a running app asks (Textual has
    its standard output by then, so the pipes can't be looked at; the command line already
    checked them with :func:`served_here` before the app started)."""
    import os

    return (os.environ.get(SERVED_VARIABLE) == "1"
            and os.environ.get("TEXTUAL_DRIVER") == SERVED_DRIVER)
