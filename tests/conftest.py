"""Shared fixtures. ../shared beside the checkout holds the seeds, dev set and benchmarks."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared material not found beside the checkout: {SHARED}")
    return SHARED
