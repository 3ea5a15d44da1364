"""Shared fixtures: the reference seeds (when the shared folder is beside the checkout) and a fixed date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

REF = dt.date(2023, 4, 6)  # a Thursday

# Two articles on one figure, a million/billion slip apart, for the CLI and store tests.
TRADE_FR = """Title: Le commerce entre l'Inde et le Japon bondit
Outlet: Le Quotidien d'Exemple
Date: 2023-03-02
Lang: fr

Le commerce bilatéral entre l'Inde et le Japon a atteint 21 millions de dollars en 2022, selon le ministère.
"""
TRADE_EN = """Title: India-Japan trade hits record
Outlet: Example Herald
Date: 2023-03-03
Lang: en

Bilateral trade between India and Japan reached $21.4 billion in 2022, officials said.
"""


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
