"""Where the package finds its data: the rules/ folder and the bundled sample corpus.

An installed wheel carries rules/ as ``checker/_rules``; a source checkout (or an
editable install) reads the top-level ``rules/`` folder.  ``CHECKER_RULES`` points
elsewhere, for trying rule changes without reinstalling.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def rules_dir() -> Path:
    override = os.environ.get("CHECKER_RULES")
    if override:
        return Path(override)
    bundled = PACKAGE_DIR / "_rules"
    if bundled.is_dir():
        return bundled
    return PACKAGE_DIR.parent / "rules"


def shown_path(path: Path) -> str:
    """``path`` relative to the current folder when it lies below it (reports then name no machine path)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def sample_corpus_dir() -> Path:
    """The articles of the bundled sample corpus (its manifest, EXPECTED.yaml, sits one level up)."""
    return PACKAGE_DIR / "sample_corpus" / "articles"
