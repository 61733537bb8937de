"""Who may open the served app: the holder of the token, through the address served.

Three checks, each written once and used by the server for every request:

* the token (at least 128 random bits) in the URL's ``token`` parameter, or in the cookie
  the first visit sets, or in the WebSocket's path: without it, 403 and nothing else;
* the ``Host`` header must be an address the server was started on, so a web page whose
  name was made to point at this computer (DNS rebinding) cannot read it;
* a WebSocket's ``Origin`` must be the page's own, so no other site can drive coach
  through the runner's browser.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TOKEN_BYTES = 24
"""192 random bits: well above the 128 that make guessing hopeless."""

COOKIE_PREFIX = "coach_"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def host_names(host: str, port: int, lan_address: str | None = None) -> frozenset[str]:
    """The ``Host`` values a browser sends for the addresses served (lower case)."""
    names = set()
    bound = [host]
    if host in ("127.0.0.1", "localhost", "::1"):
        bound = ["127.0.0.1", "localhost", "[::1]"]
    elif host in ("0.0.0.0", "::"):
        bound = ["127.0.0.1", "localhost", "[::1]"]
        if lan_address:
            bound.append(lan_address)
    for name in bound:
        name = name.lower()
        if ":" in name and not name.startswith("["):
            name = f"[{name}]"
        names.add(f"{name}:{port}")
        if port == 80:
            names.add(name)
    return frozenset(names)


@dataclass(frozen=True)
class Guard:
    """The token and the addresses one server accepts."""

    token: str
    hosts: frozenset[str]
    port: int

    @property
    def cookie_name(self) -> str:
        """Per port: two servers on one computer do not overwrite each other's cookie
        (browsers share cookies across ports)."""
        return f"{COOKIE_PREFIX}{self.port}"

    def host_allowed(self, host: str | None) -> bool:
        return host is not None and host.strip().lower() in self.hosts

    def token_given(self, candidates: Iterable[str | None]) -> bool:
        """Whether any of ``candidates`` is the token (compared in constant time)."""
        expected = self.token.encode()
        found = False
        for candidate in candidates:
            if candidate and secrets.compare_digest(candidate.encode("utf-8", "replace"),
                                                    expected):
                found = True
        return found

    def origin_allowed(self, origin: str | None, host: str | None) -> bool:
        """A WebSocket's ``Origin`` is the page's own: the host it asked for (over HTTP, or
        HTTPS when a TLS proxy in front passes the served address on)."""
        if origin is None or host is None or not self.host_allowed(host):
            return False
        host = host.strip().lower()
        return origin.strip().lower() in (f"http://{host}", f"https://{host}")

    def refusal(self, method: str, host: str | None, query: Mapping[str, str],
                cookies: Mapping[str, str], path_token: str | None, origin: str | None,
                websocket: bool) -> str | None:
        """Why a request is refused, or None to let it in."""
        if not self.host_allowed(host):
            return "wrong host"
        if method not in ("GET", "HEAD"):
            return "method not allowed"
        if not self.token_given((query.get("token"), cookies.get(self.cookie_name),
                                 path_token)):
            return "no token"
        if websocket and not self.origin_allowed(origin, host):
            return "foreign origin"
        return None
