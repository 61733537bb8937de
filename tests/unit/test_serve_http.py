"""``coach serve`` lets in only the holder of the token, through the address it serves.

Real HTTP over loopback against a real ``coach serve``: no page, no file and no WebSocket
without the token, for another ``Host`` (DNS rebinding) or from another site's page.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.support.serving import Served, start_serve, wait_gone


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = start_serve(tmp_path_factory.mktemp("serve-home"))
    yield server
    server.stop()


def get(url: str, **headers: str) -> tuple[int, dict[str, str], str, list[str]]:
    async def fetch() -> tuple[int, dict[str, str], str, list[str]]:
        async with (aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session,
                    session.get(url, headers=headers, allow_redirects=False) as response):
            cookies = response.headers.getall("Set-Cookie", [])
            return response.status, dict(response.headers), await response.text(), cookies

    return asyncio.run(fetch())


def websocket_status(url: str, **headers: str) -> int:
    """101 when the WebSocket opens (then closed at once), else the refusal's status."""
    async def connect() -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url, headers=headers) as socket:
                    await socket.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    return asyncio.run(connect())


def test_the_printed_address_opens_the_page_and_sets_a_strict_http_only_cookie(
    served: Served,
) -> None:
    status, headers, body, cookies = get(served.url)
    assert status == 200
    assert "textual-terminal" in body
    assert "where-sound" in body  # the page says where the sound comes from
    assert "googleapis" not in body  # nothing is fetched from the internet
    (cookie,) = cookies
    parts = [part.strip().lower() for part in cookie.split(";")]
    assert parts[0] == f"coach_{served.port}={served.token}".lower()
    assert "httponly" in parts and "samesite=strict" in parts and "path=/" in parts
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/?token=wrong", "/static/js/textual.js",
                                  "/static/css/xterm.css", "/ws/nope", "/nothing"])
def test_without_the_token_everything_is_403_and_empty(served: Served, path: str) -> None:
    status, _headers, body, cookies = get(served.base + path)
    assert status == 403
    assert "<html" not in body.lower() and len(body) < 40
    assert cookies == []


def test_the_cookie_alone_lets_the_same_browser_back_in(served: Served) -> None:
    status, _headers, _body, _cookies = get(
        served.base + "/static/css/xterm.css", Cookie=f"coach_{served.port}={served.token}")
    assert status == 200
    status, *_ = get(served.base + "/", Cookie=f"coach_{served.port}=wrong")
    assert status == 403


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1:1",
                                  "192.168.1.2:{port}"])
def test_another_host_header_is_refused_even_with_the_token(served: Served, host: str) -> None:
    status, _headers, body, cookies = get(served.url, Host=host.format(port=served.port))
    assert status == 403 and "wrong host" in body and cookies == []


def test_localhost_is_the_same_address(served: Served) -> None:
    status, *_ = get(served.url, Host=f"localhost:{served.port}")
    assert status == 200


def test_a_websocket_from_another_site_or_without_the_token_is_refused(served: Served) -> None:
    socket_url = f"ws://127.0.0.1:{served.port}/ws/{served.token}"
    own = f"http://127.0.0.1:{served.port}"
    assert websocket_status(socket_url, Origin="http://evil.example") == 403
    assert websocket_status(socket_url, Origin=f"http://localhost:{served.port}") == 403
    assert websocket_status(socket_url) == 403  # no Origin: not a page of ours
    assert websocket_status(f"ws://127.0.0.1:{served.port}/ws/wrong", Origin=own) == 403
    assert websocket_status(socket_url, Origin=own, Host=f"evil.example:{served.port}") == 403
    assert served.children() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for children")
def test_ctrl_c_ends_the_server_and_every_coach_it_started(tmp_path: Path) -> None:
    server = start_serve(tmp_path / "home")

    async def open_window() -> list[int]:
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(
                f"ws://127.0.0.1:{server.port}/ws/{server.token}?width=40&height=20",
                headers={"Origin": f"http://127.0.0.1:{server.port}"})
            await socket.receive(timeout=15)  # the child has drawn its first bytes
            children = server.children()
            assert server.stop() == 0  # Ctrl+C while a window is open
            return children

    try:
        children = asyncio.run(open_window())
    finally:
        server.process.kill()
    assert len(children) == 1
    assert all(wait_gone(pid, 1.0) for pid in children)
    assert "coach serve stopped." in (server.process.stdout.read() if server.process.stdout
                                      else "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for children")
def test_a_coach_whose_server_was_killed_ends_by_itself(tmp_path: Path) -> None:
    """Even a server killed outright (no Ctrl+C) leaves no coach running behind it."""
    server = start_serve(tmp_path / "home")

    async def open_window() -> list[int]:
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(
                f"ws://127.0.0.1:{server.port}/ws/{server.token}",
                headers={"Origin": f"http://127.0.0.1:{server.port}"})
            await socket.receive(timeout=15)
            children = server.children()
            server.process.kill()
            server.process.wait()
            return children

    children = asyncio.run(open_window())
    assert len(children) == 1
    assert wait_gone(children[0])
