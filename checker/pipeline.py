"""The whole check: paths in, a ``Result`` out (documents, claims, findings, skipped files).

Stages are timed so that the speed benchmark and ``--verbose`` can say where
the time goes.  ``progress`` is called after each document so the CLI can show
a progress bar on long runs without the library printing anything.  With a
store (``db``), each document's claims are taken from its cache when neither
the document nor the extractor changed, only the others are analysed (in
``workers`` processes), and the run's documents, claims and findings are
recorded in it; grouping and comparison always run over all the claims.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .analyze import Prefetch, WorkerPool, analyze_documents, extractor_version, start_pool, worker_count
from .compare import compare
from .errors import StoreError
from .group import build_groups
from .ingest import read_paths, require_documents
from .lexicon import lexicon_version
from .models import Claim, Document, Result, Skipped
from .rules import Rule, load_rules

if TYPE_CHECKING:
    from .store import Store

Progress = Callable[[int, int, Document], None]


def check_documents(
    documents: list[Document],
    rules: list[Rule] | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
    use_models: bool = True,
    *,
    workers: int | None = None,
    db: str | os.PathLike[str] | None = None,
    pool: WorkerPool | None = None,
    prefetch: Prefetch | None = None,
) -> Result:
    """Extract, group and compare ``documents`` already read; with ``db``, incrementally (see above).

    ``pool``: worker processes already started (``analyze.start_pool``), used instead of new ones;
    ``prefetch``: documents already sent to that pool while the inputs were read.
    """
    rules = rules if rules is not None else load_rules()
    if db is None:
        return _check(documents, rules, skipped, progress, use_models, workers, None, pool, prefetch)
    from .store import Store  # imported here: a run without a store needs none of it

    with Store.open(db) as store:
        version = extractor_version(use_models)
        run_id = store.start_run(lexicon_version(), version)
        try:
            cache = (store, version)
            result = _check(documents, rules, skipped, progress, use_models, workers, cache, pool, prefetch)
            t0 = time.perf_counter()
            store.record_run(run_id, result)
            store.remember_findings(run_id, result.stats["inputs_key"], result.findings)
            result.stats["db"] = str(db)
            store.finish_run(run_id)
            result.timings["store"] = time.perf_counter() - t0
        except BaseException:
            # Ctrl-C or an error: say so in the store (a killed process leaves the run 'running').  The
            # original error is the one to report.
            with contextlib.suppress(StoreError):
                store.fail_run(run_id)
            raise
    return result


def _check(
    documents: list[Document],
    rules: list[Rule],
    skipped: list[Skipped] | None,
    progress: Progress | None,
    use_models: bool,
    workers: int | None,
    cache: tuple[Store, str] | None,
    pool: WorkerPool | None = None,
    prefetch: Prefetch | None = None,
) -> Result:
    t0 = time.perf_counter()
    per_doc: list[list[Claim] | None] = [None] * len(documents)
    done = 0

    def finished(i: int, claims: list[Claim], analysed: bool) -> None:
        nonlocal done
        per_doc[i] = claims
        if analysed and cache:
            # Saved at once, so a run killed half-way keeps what it analysed.
            cache[0].save_extraction(documents[i], cache[1], claims)
        done += 1
        if progress:
            progress(done, len(documents), documents[i])

    pending: list[int] = []
    if cache:
        from .store import input_hash

        keys = [input_hash(doc) for doc in documents]
    else:
        keys = []
    for i, doc in enumerate(documents):
        hit = cache[0].cached_claims(doc, cache[1], keys[i]) if cache else None
        if hit is None:
            pending.append(i)
        else:
            finished(i, hit, analysed=False)
    n_proc = pool.size if pool is not None else worker_count(workers, len(pending))
    analyze_documents(
        [documents[i] for i in pending],
        use_models,
        n_proc,
        lambda k, claims: finished(pending[k], claims, analysed=True),
        pool=pool if pending else None,
        prefetch=prefetch if pending else None,
    )
    claims = [c for doc_claims in per_doc for c in doc_claims or ()]
    t1 = time.perf_counter()
    run_key = inputs_key(documents, keys, cache[1], rules) if cache else None
    # Nothing re-analysed and the same inputs as a finished run: its findings are this run's.
    findings = cache[0].cached_findings(run_key) if cache and run_key and not pending else None
    findings_cached = findings is not None
    groups = build_groups(claims) if findings is None else []
    t2 = time.perf_counter()
    if findings is None:
        findings = compare(groups, rules, {d.id: d for d in documents})
    t3 = time.perf_counter()
    return Result(
        documents=list(documents),
        claims=claims,
        findings=findings,
        skipped=list(skipped or []),
        rules=list(rules),
        timings={"extract": t1 - t0, "group": t2 - t1, "compare": t3 - t2},
        stats={
            "analysed": len(pending),
            "cached": len(documents) - len(pending),
            "workers": n_proc if pending else 0,
            "inputs_key": run_key,
            "findings_cached": findings_cached,
        },
    )


def inputs_key(
    documents: Sequence[Document], keys: Sequence[str], version: str, rules: Sequence[Rule]
) -> str:
    """One hash of everything the findings depend on: each document's input, the extractor, the rules
    (their files are in the extractor version; their code is hashed here) and the comparison code."""
    digest = hashlib.sha256(version.encode())
    digest.update(_comparison_code().encode())
    digest.update(json.dumps([[r.id, r.params] for r in rules], sort_keys=True, default=str).encode())
    for doc, key in zip(documents, keys, strict=True):
        digest.update(f"{doc.id}\x1f{key}\x1e".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _comparison_code() -> str:
    here = Path(__file__).resolve().parent
    return hashlib.sha1(
        b"".join((here / n).read_bytes() for n in ("group.py", "compare.py", "rules.py"))
    ).hexdigest()


def check(
    paths: Sequence[str | os.PathLike[str]],
    rules: list[Rule] | None = None,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    db: str | os.PathLike[str] | None = None,
) -> Result:
    """Read ``paths`` (files and folders) and check them; unreadable files are listed in ``skipped``.

    ``workers``: processes for the analysis (default: one per core, fewer for small inputs).
    ``db``: a store file (created if missing) that makes the run incremental and records it.
    """
    t0 = time.perf_counter()
    # Several workers asked for: start them now, so they load their models while the files are read.
    pool = start_pool(workers) if workers is not None and workers > 1 else None
    try:
        return _check_paths(paths, rules, progress, workers, db, pool, t0)
    finally:
        if pool is not None:
            pool.executor.shutdown(wait=False, cancel_futures=True)


def _check_paths(
    paths: Sequence[str | os.PathLike[str]],
    rules: list[Rule] | None,
    progress: Progress | None,
    workers: int | None,
    db: str | os.PathLike[str] | None,
    pool: WorkerPool | None,
    t0: float,
) -> Result:
    # With workers started, each document goes to them as soon as it is read (unless the store has its
    # claims), so that they analyse while the main process reads on.
    prefetch = Prefetch(pool) if pool is not None else None
    if db is None:
        documents, skipped = read_paths(paths, on_document=prefetch.add if prefetch else None)
    else:
        from .store import Store

        # The store also remembers parsed files: unchanged files are not read again.
        with Store.open(db) as store:
            feed = _feed_uncached(store, prefetch) if prefetch else None
            documents, skipped = read_paths(paths, cache=store, on_document=feed)
    require_documents(documents, skipped)
    t1 = time.perf_counter()
    result = check_documents(
        documents, rules, skipped, progress, workers=workers, db=db, pool=pool, prefetch=prefetch
    )
    result.timings = {"ingest": t1 - t0, **result.timings}
    return result


def _feed_uncached(store: Store, prefetch: Prefetch) -> Callable[[Document], None]:
    """``prefetch.add`` for the documents whose claims the store does not have."""
    version = extractor_version(True)

    def feed(doc: Document) -> None:
        if not store.has_claims(doc, version):
            prefetch.add(doc)

    return feed


def write(
    result: Result, out_dir: str | os.PathLike[str], formats: Sequence[str] | None = None
) -> list[Path]:
    """Write the reports.  For a result ``check`` returned with a store, a report rendered before from
    the same inputs (documents, extractor, rules, paths, renderer) is taken from the store as it was."""
    from .report import FORMATS, renderer_version, write_reports

    t0 = time.perf_counter()
    db, run_key = result.stats.get("db"), result.stats.get("inputs_key")
    if db and run_key:
        from .store import Store

        # What a report shows beyond the inputs: the paths as typed, the skipped files, the renderer.
        shown = json.dumps([[d.path for d in result.documents], [s.to_dict() for s in result.skipped]])
        key = hashlib.sha256(f"{run_key}\x1f{renderer_version()}\x1f{shown}".encode()).hexdigest()
        with Store.open(db) as store:
            paths = write_reports(result, Path(out_dir), formats or FORMATS, cache=store, key=key)
    else:
        paths = write_reports(result, Path(out_dir), formats or FORMATS)
    result.timings["report"] = time.perf_counter() - t0
    return paths
