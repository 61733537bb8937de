"""Where ``coach serve`` listens and the URL it prints (with a QR code on a terminal)."""

from __future__ import annotations

import contextlib
import socket
from typing import TextIO

LOOPBACK = "127.0.0.1"
EVERYWHERE = "0.0.0.0"


def lan_address() -> str | None:
    """This computer's address on the home network: the one it would use to reach the
    outside (no packet is sent), or None without a network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # a documentation address: never routed anywhere
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == EVERYWHERE else address


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0 picks a free port); OSError if it can't."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(64)
        listening.setblocking(False)
    except OSError:
        listening.close()
        raise
    return listening


def url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def print_qr(url: str, out: TextIO) -> None:
    """The URL as a QR code drawn with text blocks, for a phone's camera."""
    import segno

    with contextlib.suppress(OSError, UnicodeEncodeError):
        segno.make(url, error="l").terminal(out=out, compact=True, border=2)
