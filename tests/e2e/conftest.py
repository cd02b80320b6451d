"""End-to-end fixtures: one Chromium with the unpacked extension per session, the real server on
loopback, and helpers that read the extension's state through its service worker.

Chromium comes from Debian (/usr/lib/chromium/chromium; /usr/bin/chromium is a wrapper script);
Playwright drives it and never downloads a browser. In CI (CI=true) a missing browser or
Playwright fails the run; elsewhere the tests skip.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .servers import LoopbackServer, Site
from .site_pages import ROOT, build_pages

EXTENSION = ROOT / "extension"
CHROMIUM = Path("/usr/lib/chromium/chromium")
SCREENSHOTS = ROOT / "docs" / "screenshots"
WAIT_S = 20.0


def layer_js(expression: str) -> str:
    """A page-world expression over Caveat's shadow root (open, so tests and assistive tech see it)."""
    root = "document.querySelector('caveat-layer')?.shadowRoot"
    return f"(() => {{ const root = {root}; return {expression}; }})()"


def settled(status: dict[str, Any]) -> bool:
    """The content script has finished deciding about its page: checked, or held back by the gate."""
    return status.get("checked") is True or status.get("reason") not in (None, "pending", "ok")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"end-to-end tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_api() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        yield p


def serve(app: Any, pages: dict[str, str]) -> tuple[Site, LoopbackServer]:
    site = Site(app, pages=pages)
    server = LoopbackServer(site)
    site.url = server.url
    return site, server


@pytest.fixture(scope="session")
def site(shared: Path) -> Iterator[Site]:
    """The real app on the bundled database, serving the test pages."""
    from caveat.app import create_app
    from caveat.config import Config

    site, server = serve(create_app(Config()), build_pages(shared))
    yield site
    server.stop()


class Extension:
    """The browser with Caveat loaded, and ways to read and steer it from the service worker."""

    def __init__(self, context: Any, worker: Any, server: str) -> None:
        self.context = context
        self.worker = worker
        self.id = worker.url.split("/")[2]
        self.server = server

    def configure(self, **settings: Any) -> None:
        """Reset storage to the defaults, pointed at the test server, plus ``settings``."""
        values = {"server": self.server, **settings}
        self.worker.evaluate(
            f"chrome.storage.local.clear().then(() => chrome.storage.local.set({json.dumps(values)}))"
        )

    def tab_id(self, url: str) -> int:
        return self.worker.evaluate(
            "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id ?? -1", url
        )

    def send(self, page: Any, message: dict[str, Any]) -> Any:
        """Send a runtime message to the page's content script, as the popup would."""
        return self.worker.evaluate(
            "async ([tabId, message]) => chrome.tabs.sendMessage(tabId, message)",
            [self.tab_id(page.url), message],
        )

    def wait_status(self, page: Any, done: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Poll caveat:status until ``done`` holds; fail with the last status if it never does."""
        deadline = time.monotonic() + WAIT_S
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            try:
                status = self.send(page, {"type": "caveat:status"}) or {}
            except Exception as err:  # the content script is not listening yet
                status = {"error": str(err)}
            if done(status):
                return status
            time.sleep(0.1)
        pytest.fail(f"extension never reached the expected state on {page.url}: {status}")

    def open(self, url: str) -> Any:
        page = self.context.new_page()
        page.goto(url)
        return page

    def open_checked(self, url: str) -> tuple[Any, dict[str, Any]]:
        """Open a page and wait until the extension has checked and painted it."""
        page = self.open(url)
        status = self.wait_status(page, lambda s: s.get("checked") is True and s.get("painted") is True)
        return page, status

    def details(self, page: Any) -> dict[str, Any]:
        return self.send(page, {"type": "caveat:details"})

    def set_storage(self, **values: Any) -> None:
        self.worker.evaluate("(values) => chrome.storage.local.set(values)", values)

    def open_popup(self, page: Any) -> Any:
        """The popup as a tab, pointed at ``page``'s tab (a real popup cannot be opened headless)."""
        popup = self.context.new_page()
        popup.set_viewport_size({"width": 360, "height": 560})
        popup.goto(f"chrome-extension://{self.id}/popup.html?tab={self.tab_id(page.url)}")
        return popup


@pytest.fixture(scope="session")
def extension(playwright_api: Any, site: Site) -> Iterator[Extension]:
    profile = tempfile.mkdtemp(prefix="caveat-e2e-")
    try:
        context = playwright_api.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                f"--disable-extensions-except={EXTENSION}",
                f"--load-extension={EXTENSION}",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            # Tests reach only loopback: the dev pages' off-site scripts and styles fail at once.
            context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
            worker = (
                context.service_workers[0]
                if context.service_workers
                else context.wait_for_event("serviceworker")
            )
            ext = Extension(context, worker, site.url)
            # Automatic checking starts once the content script is registered for 127.0.0.1.
            deadline = time.monotonic() + WAIT_S
            while not worker.evaluate("chrome.scripting.getRegisteredContentScripts().then((s) => s.length)"):
                if time.monotonic() > deadline:
                    pytest.fail("the extension never registered its content script")
                time.sleep(0.1)
            yield ext
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def ext(extension: Extension) -> Iterator[Extension]:
    """The shared browser, reset to default settings; pages opened by the test are closed after."""
    extension.configure()
    yield extension
    for page in extension.context.pages:
        if not page.is_closed():
            page.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], None]:
    """Save a screenshot to docs/screenshots/ when CAVEAT_SCREENSHOTS=1, else do nothing."""

    def take(target: Any, name: str) -> None:
        if os.environ.get("CAVEAT_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            target.screenshot(path=str(SCREENSHOTS / f"{name}.png"), animations="disabled")

    return take
