"""A bounded, thread-safe LRU of /analyze answers, so a page sent again skips the pipeline.

Readers reload pages and several readers open the same article; the answer depends only on
the document (url plus html or text) and the claim database, which is fixed for the life of a
worker. Entries are keyed by a SHA-256 of the document, so the key holds no page text, and
are bounded both by count and by the size of their JSON, because one huge page must not be
able to push the worker's memory up unnoticed. The cache lives in worker memory only and is
gone when the worker stops; CAVEAT_CACHE_ENTRIES=0 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from caveat.config import DEFAULT_CACHE_BYTES, DEFAULT_CACHE_ENTRIES
from caveat.serialize import JsonDict


class ResponseCache:
    """Least recently used answers, at most ``max_entries`` of them and ``max_bytes`` of JSON."""

    def __init__(
        self, max_entries: int = DEFAULT_CACHE_ENTRIES, max_bytes: int = DEFAULT_CACHE_BYTES
    ) -> None:
        if max_entries < 0 or max_bytes < 0:
            raise ValueError("cache bounds must be zero or more")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[JsonDict, int]] = OrderedDict()
        self._bytes = 0
        # Gunicorn's threaded workers and Flask's dev server call in from several threads.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def get(self, key: str) -> JsonDict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: str, body: JsonDict) -> None:
        """Keep ``body`` (never mutated afterwards) and evict the oldest entries beyond the bounds."""
        if self.max_entries == 0:
            return
        size = len(json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        if size > self.max_bytes:
            return  # it would evict everything else and still not fit
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (body, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._bytes -= evicted


def document_key(url: str, html: str | bytes | None, text: str | None) -> str:
    """SHA-256 of the document; html and text with equal content are different documents."""
    digest = hashlib.sha256()
    kind, content = ("html", html) if html is not None else ("text", text or "")
    for part in (url, kind, content):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        # length-prefixed, so ("ab", "c") and ("a", "bc") cannot collide
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def answer(
    cache: ResponseCache | None,
    url: str,
    html: str | bytes | None,
    text: str | None,
    compute: Callable[[], JsonDict],
) -> JsonDict:
    """The /analyze body from ``cache`` or from ``compute()``; its stats say which, and how long.

    ``stats.elapsed_ms`` is the time spent on this request, so a cache hit reports about zero.
    """
    started = time.perf_counter()
    key = document_key(url, html, text) if cache is not None else ""
    body = cache.get(key) if cache is not None else None
    cached = body is not None
    if body is None:
        body = compute()
        if cache is not None:
            cache.put(key, body)
    elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
    # a shallow copy: the cached body is shared between requests and must stay as it was stored
    return {**body, "stats": {**body["stats"], "elapsed_ms": elapsed_ms, "cached": cached}}
