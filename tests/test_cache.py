"""The response cache: a page sent again is answered from memory, identically, within its bounds."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from caveat.app import create_app
from caveat.cache import ResponseCache, answer, document_key
from caveat.config import Config, ConfigError


def post(client: Any, body: dict[str, str]) -> dict[str, Any]:
    response = client.post("/api/v1/analyze", json=body)
    assert response.status_code == 200
    return response.get_json()


@pytest.fixture
def fresh_client():
    """A client on an app of its own, so no other test has warmed its cache."""
    return create_app(Config()).test_client()


def test_a_page_seen_before_is_answered_from_the_cache(fresh_client, dev_page: dict[str, str]) -> None:
    first = post(fresh_client, dev_page)
    second = post(fresh_client, dev_page)
    assert first["highlights"], "the dev page asserts claims"
    assert (first["stats"]["cached"], second["stats"]["cached"]) == (False, True)
    for result in (first, second):
        result["stats"].pop("elapsed_ms")
        result["stats"].pop("cached")
    assert second == first


def test_a_hit_reports_its_own_time_not_the_pipelines() -> None:
    cache = ResponseCache()
    slow = {"highlights": [], "stats": {"sentences": 1, "elapsed_ms": 999.0}}
    answer(cache, "u", "<p>x</p>", None, lambda: slow)
    hit = answer(cache, "u", "<p>x</p>", None, lambda: pytest.fail("the pipeline ran again"))
    assert hit["stats"]["cached"] is True
    assert hit["stats"]["elapsed_ms"] < 999.0
    assert slow["stats"] == {"sentences": 1, "elapsed_ms": 999.0}, "the stored body is never changed"


@pytest.mark.parametrize(
    ("url", "extra_html"),
    [("https://elsewhere.example/kratom", ""), (None, "<p>One more paragraph.</p>")],
    ids=["different url", "different html"],
)
def test_a_different_document_misses(
    fresh_client, dev_page: dict[str, str], url: str | None, extra_html: str
) -> None:
    post(fresh_client, dev_page)
    changed = {"url": url or dev_page["url"], "html": dev_page["html"] + extra_html}
    assert post(fresh_client, changed)["stats"]["cached"] is False


def test_html_and_text_with_equal_content_are_different_documents() -> None:
    assert document_key("u", "kratom", None) != document_key("u", None, "kratom")
    assert document_key("ab", "c", None) != document_key("a", "bc", None)
    assert document_key("u", b"kratom", None) == document_key("u", "kratom", None)


def body(n: int, padding: int = 0) -> dict[str, Any]:
    return {"n": n, "pad": "x" * padding, "stats": {"sentences": 0, "elapsed_ms": 0.0}}


def test_the_least_recently_used_entry_is_evicted_beyond_the_entry_bound() -> None:
    cache = ResponseCache(max_entries=3)
    for n in range(3):
        cache.put(str(n), body(n))
    assert cache.get("0") is not None  # now the most recently used
    cache.put("3", body(3))
    assert len(cache) == 3
    assert cache.get("1") is None
    assert [cache.get(k)["n"] for k in ("0", "2", "3")] == [0, 2, 3]


def test_the_byte_bound_holds_and_a_too_large_answer_is_not_kept() -> None:
    cache = ResponseCache(max_entries=100, max_bytes=3000)
    for n in range(10):
        cache.put(str(n), body(n, padding=900))
    assert 0 < cache.size_bytes <= 3000
    assert len(cache) < 10 and cache.get("9") is not None
    cache.put("huge", body(99, padding=5000))
    assert cache.get("huge") is None and cache.get("9") is not None


def test_zero_entries_turns_the_cache_off() -> None:
    cache = ResponseCache(max_entries=0)
    cache.put("k", body(1))
    assert cache.get("k") is None


def test_bounds_come_from_the_environment_and_a_bad_value_is_named() -> None:
    config = Config.from_env({"CAVEAT_CACHE_ENTRIES": "7", "CAVEAT_CACHE_BYTES": "1000"})
    cache = create_app(config).extensions["caveat.cache"]
    assert (cache.max_entries, cache.max_bytes) == (7, 1000)
    for bad in ("many", "-1"):
        with pytest.raises(ConfigError, match="CAVEAT_CACHE_ENTRIES"):
            Config.from_env({"CAVEAT_CACHE_ENTRIES": bad})


def test_a_bad_cache_setting_stops_the_app_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAVEAT_CACHE_BYTES", "lots")
    with pytest.raises(ConfigError, match="CAVEAT_CACHE_BYTES"):
        create_app()


def test_concurrent_use_keeps_the_bounds() -> None:
    cache = ResponseCache(max_entries=16, max_bytes=20_000)

    def work(worker: int) -> None:
        for n in range(300):
            key = str((worker * 7 + n) % 40)
            if cache.get(key) is None:
                cache.put(key, body(n, padding=n % 500))

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) <= 16 and cache.size_bytes <= 20_000
    assert cache.size_bytes == sum(size for _, size in cache._entries.values())
