"""The server's configuration: one frozen record, read from CAVEAT_* environment variables.

Every setting lives here so an operator has one place to look (README's configuration table
mirrors ``SETTINGS``). Bad values stop the server with the variable named, because a typo in
a port or token found at the first request is a typo found too late.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import limits

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_PUBLISHER = "Caveat"
MIN_TOKEN_LENGTH = 16
# A long article has a few thousand elements and 100,000 characters of text; these bounds leave
# room for the biggest real pages while refusing what would keep a worker busy for many seconds.
DEFAULT_MAX_ELEMENTS = 100_000
DEFAULT_MAX_TEXT_CHARS = 1_000_000
DEFAULT_TIME_BUDGET = 10.0  # seconds; below gunicorn's default 30 s worker timeout
DEFAULT_RATE_LIMIT = "120/minute"
DEFAULT_RATE_LIMIT_STORAGE = "memory://"
DEFAULT_CACHE_ENTRIES = 256
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024

T = TypeVar("T", int, float)

# Variable -> what it sets; `caveat config check` and the README list these.
SETTINGS = {
    "CAVEAT_HOST": f"address `caveat serve` binds to (default {DEFAULT_HOST})",
    "CAVEAT_PORT": f"port `caveat serve` listens on (default {DEFAULT_PORT})",
    "CAVEAT_TOKEN": f"when set, /api/* requires `Authorization: Bearer <token>` ({MIN_TOKEN_LENGTH}+ chars)",
    "CAVEAT_ORIGINS": "comma-separated origins allowed by CORS (default: none)",
    "CAVEAT_MAX_BODY_BYTES": f"largest request body accepted (default {DEFAULT_MAX_BODY_BYTES})",
    "CAVEAT_CLAIMS_DIR": "claim database directory (default: the bundled database)",
    "CAVEAT_PUBLISHER": f"publisher name in ClaimReview exports (default {DEFAULT_PUBLISHER!r})",
    "CAVEAT_MAX_ELEMENTS": f"most HTML start tags in one page (default {DEFAULT_MAX_ELEMENTS})",
    "CAVEAT_MAX_TEXT_CHARS": f"longest plain `text`, in characters (default {DEFAULT_MAX_TEXT_CHARS})",
    "CAVEAT_TIME_BUDGET": f"seconds one analysis may take (default {DEFAULT_TIME_BUDGET:g})",
    "CAVEAT_RATE_LIMIT": f"requests per client address to /api/*, or off (default {DEFAULT_RATE_LIMIT})",
    "CAVEAT_RATE_LIMIT_STORAGE": f"where request counts live (default {DEFAULT_RATE_LIMIT_STORAGE})",
    "CAVEAT_PROXY_HOPS": "reverse proxies in front whose X-Forwarded-For is trusted (default 0)",
    "CAVEAT_CACHE_ENTRIES": f"answers each worker keeps for pages sent again; 0 turns the cache off "
    f"(default {DEFAULT_CACHE_ENTRIES})",
    "CAVEAT_CACHE_BYTES": f"most JSON the cache keeps per worker, in bytes (default {DEFAULT_CACHE_BYTES})",
    "CAVEAT_FEEDBACK_DB": "reader reports: a SQLite path, a postgresql:// URL, or off (default: "
    "feedback.sqlite3 in the user's data directory)",
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
    max_elements: int = DEFAULT_MAX_ELEMENTS
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    time_budget: float = DEFAULT_TIME_BUDGET
    rate_limit: str | None = DEFAULT_RATE_LIMIT  # None: no rate limit
    rate_limit_storage: str = DEFAULT_RATE_LIMIT_STORAGE
    proxy_hops: int = 0
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    cache_bytes: int = DEFAULT_CACHE_BYTES
    feedback_db: str = ""  # "": feedback.sqlite3 in the user's data directory; "off": no feedback

    def __post_init__(self) -> None:
        _check_host(self.host)
        _check_range("CAVEAT_PORT", self.port, 1, 65535)
        _check_range("CAVEAT_MAX_BODY_BYTES", self.max_body_bytes, 1, None)
        _check_range("CAVEAT_MAX_ELEMENTS", self.max_elements, 1, None)
        _check_range("CAVEAT_MAX_TEXT_CHARS", self.max_text_chars, 1, None)
        _check_range("CAVEAT_PROXY_HOPS", self.proxy_hops, 0, 10)
        _check_range("CAVEAT_CACHE_ENTRIES", self.cache_entries, 0, None)
        _check_range("CAVEAT_CACHE_BYTES", self.cache_bytes, 0, None)
        if isinstance(self.time_budget, bool) or not 0 < self.time_budget <= 3600:
            raise ConfigError(
                f"CAVEAT_TIME_BUDGET must be seconds above 0 and at most 3600, not {self.time_budget!r}"
            )
        if self.rate_limit is not None:
            _check_rate_limit(self.rate_limit)
        if "://" not in self.rate_limit_storage:
            raise ConfigError(
                f"CAVEAT_RATE_LIMIT_STORAGE: {self.rate_limit_storage!r} is not a storage URL like "
                "memory:// or redis://host:6379"
            )
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
            max_elements=_integer("CAVEAT_MAX_ELEMENTS", get("CAVEAT_MAX_ELEMENTS"), DEFAULT_MAX_ELEMENTS),
            max_text_chars=_integer(
                "CAVEAT_MAX_TEXT_CHARS", get("CAVEAT_MAX_TEXT_CHARS"), DEFAULT_MAX_TEXT_CHARS
            ),
            time_budget=_seconds("CAVEAT_TIME_BUDGET", get("CAVEAT_TIME_BUDGET"), DEFAULT_TIME_BUDGET),
            rate_limit=_rate_limit(get("CAVEAT_RATE_LIMIT")),
            rate_limit_storage=get("CAVEAT_RATE_LIMIT_STORAGE") or DEFAULT_RATE_LIMIT_STORAGE,
            proxy_hops=_integer("CAVEAT_PROXY_HOPS", get("CAVEAT_PROXY_HOPS"), 0),
            cache_entries=_integer(
                "CAVEAT_CACHE_ENTRIES", get("CAVEAT_CACHE_ENTRIES"), DEFAULT_CACHE_ENTRIES
            ),
            cache_bytes=_integer("CAVEAT_CACHE_BYTES", get("CAVEAT_CACHE_BYTES"), DEFAULT_CACHE_BYTES),
            feedback_db=get("CAVEAT_FEEDBACK_DB") or "",
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
            "CAVEAT_MAX_ELEMENTS": str(self.max_elements),
            "CAVEAT_MAX_TEXT_CHARS": str(self.max_text_chars),
            "CAVEAT_TIME_BUDGET": f"{self.time_budget:g}",
            "CAVEAT_RATE_LIMIT": self.rate_limit or "off",
            "CAVEAT_RATE_LIMIT_STORAGE": _without_password(self.rate_limit_storage),
            "CAVEAT_PROXY_HOPS": str(self.proxy_hops),
            "CAVEAT_CACHE_ENTRIES": str(self.cache_entries),
            "CAVEAT_CACHE_BYTES": str(self.cache_bytes),
            "CAVEAT_FEEDBACK_DB": _without_password(self.feedback_db)
            or "default file in the user's data directory",
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
    return _number(name, raw, default, int, "a whole number")


def _seconds(name: str, raw: str | None, default: float) -> float:
    return _number(name, raw, default, float, "a number of seconds")


def _number(name: str, raw: str | None, default: T, kind: Callable[[str], T], what: str) -> T:
    if raw is None:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be {what}, not {raw!r}") from None


def _rate_limit(raw: str | None) -> str | None:
    if raw is None:
        return DEFAULT_RATE_LIMIT
    return None if raw.lower() in {"off", "none", "0"} else raw


def _check_rate_limit(value: str) -> None:
    try:
        limits.parse_many(value)
    except ValueError:
        raise ConfigError(
            f"CAVEAT_RATE_LIMIT: {value!r} is not a rate like 120/minute or 10/second;100/hour (or off)"
        ) from None


def _without_password(url: str) -> str:
    """A storage URL for display: a Redis password is as secret as the token."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)
