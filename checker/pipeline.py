"""The whole check: paths in, a ``Result`` out (documents, claims, findings, skipped files).

Stages are timed so that the speed benchmark and ``--verbose`` can say where
the time goes.  ``progress`` is called after each document so the CLI can show
a progress bar on long runs without the library printing anything.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .analyze import analyze_document
from .compare import compare
from .group import build_groups
from .ingest import read_paths, require_documents
from .models import Claim, Document, Result, Skipped
from .rules import Rule, load_rules

Progress = Callable[[int, int, Document], None]


def check_documents(
    documents: list[Document],
    rules: list[Rule] | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
    use_models: bool = True,
) -> Result:
    """Extract, group and compare ``documents`` already read."""
    rules = rules if rules is not None else load_rules()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    claims: list[Claim] = []
    for i, doc in enumerate(documents, 1):
        claims.extend(analyze_document(doc, use_models=use_models))
        if progress:
            progress(i, len(documents), doc)
    t1 = time.perf_counter()
    groups = build_groups(claims)
    t2 = time.perf_counter()
    findings = compare(groups, rules, {d.id: d for d in documents})
    t3 = time.perf_counter()
    timings.update(extract=t1 - t0, group=t2 - t1, compare=t3 - t2)
    return Result(
        documents=list(documents),
        claims=claims,
        findings=findings,
        skipped=list(skipped or []),
        rules=list(rules),
        timings=timings,
    )


def check(
    paths: Sequence[str | os.PathLike[str]],
    rules: list[Rule] | None = None,
    progress: Progress | None = None,
) -> Result:
    """Read ``paths`` (files and folders) and check them; unreadable files are listed in ``skipped``."""
    t0 = time.perf_counter()
    documents, skipped = read_paths(paths)
    require_documents(documents, skipped)
    t1 = time.perf_counter()
    result = check_documents(documents, rules, skipped, progress)
    result.timings = {"ingest": t1 - t0, **result.timings}
    return result


def write(
    result: Result, out_dir: str | os.PathLike[str], formats: Sequence[str] | None = None
) -> list[Path]:
    from .report import FORMATS, write_reports

    t0 = time.perf_counter()
    paths = write_reports(result, Path(out_dir), formats or FORMATS)
    result.timings["report"] = time.perf_counter() - t0
    return paths
