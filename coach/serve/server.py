"""The web server behind ``coach serve``: the page, its files and one WebSocket per window.

Built on aiohttp with ``textual-serve``'s pieces (the page's script and the relay of one
app process), but with its own routes, because every request passes :mod:`coach.serve.guard`
first, the page loads nothing from the internet, and the children are ended on Ctrl+C
(:mod:`coach.serve.children`). A refused request gets a bare 403 with one word of reason:
no page, no file, no WebSocket.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import signal
import socket
from collections.abc import Awaitable, Callable
from importlib.resources import files
from pathlib import Path
from string import Template

from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from coach.serve.children import CoachChild
from coach.serve.guard import Guard

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

FONT_SIZE = 16
"""Pixels per cell: a phone held upright shows about 40 columns by 20 or more rows."""

HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
}
"""Nothing cached, no address leaked to another site, no framing by another page."""


def _statics() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).resolve().parent / "static"


class CoachServer:
    """Serves coach to the browsers that hold the token."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.children: set[CoachChild] = set()
        self.downloads = DownloadManager()
        self._page = Template(files("coach.serve").joinpath("page.html").read_text("utf-8"))

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guarded])
        app.add_routes([
            web.get("/", self.index),
            web.get("/ws/{token}", self.websocket),
            web.get("/favicon.ico", lambda _request: _no_content()),
            web.static("/static", _statics(), show_index=False),
        ])
        app.on_shutdown.append(lambda _app: self.end_children())
        return app

    @web.middleware
    async def _guarded(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        websocket = request.path.startswith("/ws/")
        path_token = request.match_info.get("token") if websocket else None
        why = self.guard.refusal(
            request.method, request.headers.get("Host"), request.query, request.cookies,
            path_token, request.headers.get("Origin"), websocket,
        )
        if why is not None:
            return web.Response(status=403, text=f"403: {why}\n", headers=HEADERS)
        response = await handler(request)
        if not response.prepared:
            response.headers.update(HEADERS)
        return response

    async def index(self, request: web.Request) -> web.Response:
        body = self._page.substitute(
            websocket_path=html.escape(f"/ws/{self.guard.token}", quote=True),
            font_size=FONT_SIZE,
        )
        response = web.Response(text=body, content_type="text/html")
        # Plain HTTP, so not Secure; HttpOnly keeps it from scripts, Strict from other sites.
        response.set_cookie(self.guard.cookie_name, self.guard.token, httponly=True,
                            samesite="Strict", path="/")
        return response

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        width = _cells(request.query.get("width"), 80)
        height = _cells(request.query.get("height"), 24)
        child = CoachChild(
            self.children, write_bytes=socket.send_bytes, write_str=socket.send_str,
            close=socket.close, download_manager=self.downloads,
        )
        try:
            await child.start(width, height)
            await self._relay(socket, child)
        finally:
            await child.stop()
            with contextlib.suppress(Exception):
                await socket.close()
        return socket

    async def _relay(self, socket: web.WebSocketResponse, child: CoachChild) -> None:
        """The browser's keys, clicks and size to the child; anything malformed is dropped."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = message.json()
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await child.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await child.set_terminal_size(_cells(data.get("width"), 80),
                                              _cells(data.get("height"), 24))
            elif kind == "ping":
                await socket.send_json(["pong", data])
            elif kind == "blur":
                await child.blur()
            elif kind == "focus":
                await child.focus()

    async def end_children(self) -> None:
        """End every coach this server started, and wait for each."""
        await asyncio.gather(*(child.stop() for child in list(self.children)),
                             return_exceptions=True)


async def _no_content() -> web.Response:
    return web.Response(status=204)


def _cells(value: object, default: int) -> int:
    """A terminal size from the browser, kept within sane bounds."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return min(max(number, 10), 500)


async def serve(server: CoachServer, listening: socket.socket,
                ready: Callable[[], None]) -> None:
    """Serve on the ``listening`` socket until SIGINT or SIGTERM, then end every child."""
    runner = web.AppRunner(server.application(), handle_signals=False, access_log=None,
                           shutdown_timeout=2.0)
    await runner.setup()
    try:
        await web.SockSite(runner, listening).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(signum, stop.set)
        ready()
        await stop.wait()
    finally:
        await server.end_children()  # before the connections close under them
        await runner.cleanup()
