"""Shared fixtures: the reference seeds (when the shared folder is beside the checkout) and a fixed date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

REF = dt.date(2023, 4, 6)  # a Thursday


def seeds_dir() -> Path | None:
    override = os.environ.get("CHECKER_SEEDS")
    path = Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "seeds"
    return path if path.is_dir() else None


@pytest.fixture
def seeds() -> Path:
    path = seeds_dir()
    if path is None:
        pytest.skip("the reference seeds (shared/seeds beside the checkout, or CHECKER_SEEDS) are not here")
    return path
