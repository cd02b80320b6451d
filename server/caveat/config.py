"""The server's configuration: one frozen record, read from CAVEAT_* environment variables.

Every setting lives here so an operator has one place to look (README's configuration table
mirrors ``SETTINGS``). Bad values stop the server with the variable named, because a typo in
a port or token found at the first request is a typo found too late.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_PUBLISHER = "Caveat"
MIN_TOKEN_LENGTH = 16

# Variable -> what it sets; `caveat config check` and the README list these.
SETTINGS = {
    "CAVEAT_HOST": f"address `caveat serve` binds to (default {DEFAULT_HOST})",
    "CAVEAT_PORT": f"port `caveat serve` listens on (default {DEFAULT_PORT})",
    "CAVEAT_TOKEN": f"when set, /api/* requires `Authorization: Bearer <token>` ({MIN_TOKEN_LENGTH}+ chars)",
    "CAVEAT_ORIGINS": "comma-separated origins allowed by CORS (default: none)",
    "CAVEAT_MAX_BODY_BYTES": f"largest request body accepted (default {DEFAULT_MAX_BODY_BYTES})",
    "CAVEAT_CLAIMS_DIR": "claim database directory (default: the bundled database)",
    "CAVEAT_PUBLISHER": f"publisher name in ClaimReview exports (default {DEFAULT_PUBLISHER!r})",
}

# scheme://host[:port] with no path: what browsers send in the Origin header, extensions included.
_ORIGIN = re.compile(r"^[a-z][a-z0-9+.-]*://[^/\s]+$")


class ConfigError(ValueError):
    """A setting with a bad value; the message names the variable and what it expects."""


@dataclass(frozen=True, slots=True)
class Config:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None
    origins: tuple[str, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    claims_dir: Path | None = None  # None: the bundled database
    publisher: str = DEFAULT_PUBLISHER

    def __post_init__(self) -> None:
        _check_host(self.host)
        _check_range("CAVEAT_PORT", self.port, 1, 65535)
        _check_range("CAVEAT_MAX_BODY_BYTES", self.max_body_bytes, 1, None)
        if self.token is not None and (len(self.token) < MIN_TOKEN_LENGTH or _has_space(self.token)):
            raise ConfigError(
                f"CAVEAT_TOKEN must be at least {MIN_TOKEN_LENGTH} characters without spaces "
                "(e.g. from `python3 -c 'import secrets; print(secrets.token_urlsafe())'`)"
            )
        for origin in self.origins:
            if origin != "*" and not _ORIGIN.match(origin):
                raise ConfigError(
                    f"CAVEAT_ORIGINS: {origin!r} is not an origin like https://example.org or "
                    "chrome-extension://<id> (no path, no trailing slash)"
                )
        if not self.publisher.strip():
            raise ConfigError("CAVEAT_PUBLISHER must not be blank")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        """Build from CAVEAT_* variables; unset or empty ones keep their defaults."""
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        claims_dir = get("CAVEAT_CLAIMS_DIR")
        return cls(
            host=get("CAVEAT_HOST") or DEFAULT_HOST,
            port=_integer("CAVEAT_PORT", get("CAVEAT_PORT"), DEFAULT_PORT),
            token=get("CAVEAT_TOKEN"),
            origins=tuple(o.strip() for o in (get("CAVEAT_ORIGINS") or "").split(",") if o.strip()),
            max_body_bytes=_integer(
                "CAVEAT_MAX_BODY_BYTES", get("CAVEAT_MAX_BODY_BYTES"), DEFAULT_MAX_BODY_BYTES
            ),
            claims_dir=Path(claims_dir) if claims_dir else None,
            publisher=get("CAVEAT_PUBLISHER") or DEFAULT_PUBLISHER,
        )

    @property
    def is_loopback(self) -> bool:
        """Whether ``host`` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False  # a host name may resolve anywhere: treat it as exposed

    def describe(self) -> dict[str, str]:
        """The effective settings by variable name, for display: the token is masked."""
        return {
            "CAVEAT_HOST": self.host,
            "CAVEAT_PORT": str(self.port),
            "CAVEAT_TOKEN": f"set ({len(self.token)} characters)" if self.token else "not set",
            "CAVEAT_ORIGINS": ", ".join(self.origins) or "none",
            "CAVEAT_MAX_BODY_BYTES": str(self.max_body_bytes),
            "CAVEAT_CLAIMS_DIR": str(self.claims_dir) if self.claims_dir else "bundled database",
            "CAVEAT_PUBLISHER": self.publisher,
        }


def _has_space(value: str) -> bool:
    return any(ch.isspace() for ch in value)


def _check_host(host: str) -> None:
    if not host or _has_space(host):
        raise ConfigError(f"CAVEAT_HOST: {host!r} is not a host name or address")


def _check_range(name: str, value: int, low: int, high: int | None) -> None:
    # bool is an int subclass; True as a port is a bug, not 1
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high and value > high):
        bounds = f"between {low} and {high}" if high else f"at least {low}"
        raise ConfigError(f"{name} must be a whole number {bounds}, not {value!r}")


def _integer(name: str, raw: str | None, default: int) -> int:
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
