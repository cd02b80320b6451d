"""Loopback servers for the end-to-end tests: the real Caveat app plus the test pages.

One WSGI app answers both, so a page and the API share 127.0.0.1 (which the extension's host
permission covers on any port), and every request is logged so tests can assert what was sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Site:
    """The Caveat app, with test pages under /pages/ and a log of every request path."""

    api: WsgiApp
    pages: dict[str, str] = field(default_factory=dict)
    url: str = ""  # set once the server listens
    log: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        self.log.append((request.method, request.path))
        if request.path.startswith("/pages/"):
            name = request.path.removeprefix("/pages/")
            html = self.pages.get(name)
            response = Response(html or "not found", status=200 if html else 404, content_type="text/html")
            return response(environ, start_response)
        return self.api(environ, start_response)

    def count(self, path: str) -> int:
        return sum(1 for _, p in self.log if p == path)


class QuietHandler(WSGIRequestHandler):
    """Tests assert on Site.log; a line per request on stderr would only bury the failures."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class LoopbackServer:
    """A threaded werkzeug server on a free 127.0.0.1 port; stop() shuts it down and joins."""

    def __init__(self, app: WsgiApp) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
