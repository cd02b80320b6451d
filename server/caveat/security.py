"""What stands between the API and the open network: client addresses, CORS, rate limits, headers.

The bearer token itself is checked in ``api.py``, next to the routes it guards. Everything
here is set up once by ``install`` from the app's Config; docs/security.md explains each
choice.
"""

from __future__ import annotations

import ipaddress

from flask import Blueprint, Flask, Response, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits.errors import ConfigurationError
from werkzeug.middleware.proxy_fix import ProxyFix

from caveat.config import Config, ConfigError

# Every answer is JSON for a script or the extension, never a document to render, embed or
# cache: forbid all of it.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def is_loopback_client() -> bool:
    """Whether the request comes from this machine (after trusted proxies are unwrapped)."""
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def _limiter(app: Flask, config: Config, open_routes: Blueprint) -> None:
    """Per-client-address limits on the API; the open routes (health, OpenAPI) are never limited.

    Clients on this machine are exempt: the local extension user, the test suite and the
    scorer. Behind a reverse proxy every request comes from the proxy, so CAVEAT_PROXY_HOPS
    must be set for the limit to apply to readers (docs/security.md).
    """
    if config.rate_limit is None:
        return
    try:
        limiter = Limiter(
            get_remote_address,
            app=app,
            application_limits=[config.rate_limit],  # one budget per client across all routes
            storage_uri=config.rate_limit_storage,
            headers_enabled=True,
            # a Redis outage must not take the API down: count in memory until it is back
            swallow_errors=True,
            in_memory_fallback_enabled=True,
        )
    except ConfigurationError as err:
        raise ConfigError(f"CAVEAT_RATE_LIMIT_STORAGE: {err}") from None
    limiter.request_filter(is_loopback_client)
    limiter.exempt(open_routes)


def install(app: Flask, config: Config, open_routes: Blueprint) -> None:
    """Apply proxy trust, CORS, rate limits and security headers to ``app``."""
    if config.proxy_hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.proxy_hops)  # type: ignore[method-assign]
    if config.origins:
        CORS(app, origins=list(config.origins), allow_headers=["Authorization", "Content-Type"], max_age=600)
    _limiter(app, config, open_routes)
    app.after_request(_add_security_headers)
