"""Measures one end-to-end check: time per stage, words and documents per second, peak memory.

Run with ``checker bench check PATH...``.  The check runs ``repeat`` times in
the same process; the table reports the fastest run (the first pays for
loading the language models, reported separately as ``warm-up``).
"""

from __future__ import annotations

import datetime as dt
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..pipeline import check, write


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def bench_check(paths: Sequence[str | Path], repeat: int = 3) -> dict[str, Any]:
    t0 = time.perf_counter()
    first = check(list(paths))
    warm = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = check(list(paths))
        with tempfile.TemporaryDirectory() as tmp:
            write(result, tmp)
        total = time.perf_counter() - start
        runs.append((total, dict(result.timings)))
    total, timings = min(runs, key=lambda r: r[0])
    words = sum(len(d.text.split()) for d in first.documents)
    return {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "documents": len(first.documents),
        "words": words,
        "claims": len(first.claims),
        "findings": len(first.findings),
        "warm_up_seconds": round(warm, 3),
        "seconds": round(total, 4),
        "words_per_second": round(words / total, 1) if total else None,
        "documents_per_second": round(len(first.documents) / total, 2) if total else None,
        "stages": {k: round(v, 4) for k, v in timings.items()},
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def table(data: dict[str, Any]) -> str:
    rows = [
        ("documents", data["documents"]),
        ("words", data["words"]),
        ("claims / findings", f"{data['claims']} / {data['findings']}"),
        ("first run (loads models)", f"{data['warm_up_seconds']} s"),
        ("end-to-end (best run)", f"{data['seconds']} s"),
        ("words per second", data["words_per_second"]),
        ("documents per second", data["documents_per_second"]),
        *((f"stage: {k}", f"{v} s") for k, v in data["stages"].items()),
        ("peak memory (RSS)", f"{data['peak_rss_mb']} MB"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
    lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
    return "\n".join(lines)
