"""Shared fixtures. ../shared beside the checkout holds the seeds, dev set and benchmarks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _data_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Apps (and server processes) keep their default feedback database in a temporary folder,
    never in the user's data directory."""
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared material not found beside the checkout: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def dev_page(shared: Path) -> dict[str, str]:
    """A labelled dev-set page that asserts several claims, as the API takes it: {"url", "html"}."""
    dev = shared / "eval" / "dev"
    labels = json.loads((dev / "labels.json").read_text(encoding="utf-8"))
    page = next(p for p in labels["pages"] if p["file"].endswith("seed-000.html"))
    return {"url": page["url"], "html": (dev / page["file"]).read_text(encoding="utf-8")}


@pytest.fixture(scope="session")
def app():
    """The app on the bundled claim database with default settings, built once for the session."""
    # imported here so that a broken app fails the tests that use it, not the collection of all tests
    from caveat.app import create_app
    from caveat.config import Config

    return create_app(Config())


@pytest.fixture
def client(app):
    return app.test_client()
