"""The store: one SQLite file that remembers runs, documents, claims and findings, and editors' reviews.

It serves two features.  Incremental runs read and write ``extractions``, the
cache of each document's claims keyed by the document (its content and
metadata) and the extractor's version, so only what changed is analysed
again.  The review app reads findings across runs (a finding keeps its id, its
first and last run, the run that lost it) and records verdicts with an
optimistic version check, so that two editors never silently overwrite each
other.  Every write is one transaction (a run killed half-way leaves the file
consistent and loses no review), every statement takes its values as
parameters, and the schema is upgraded in place by the numbered ``MIGRATIONS``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from .errors import SchemaTooNew, StaleUpdate, StoreError
from .models import Claim, Document, Finding, Result, Skipped
from .report.json_report import claim_json, finding_json

REVIEW_STATUSES = ("open", "confirmed_error", "not_a_contradiction", "needs_follow_up")
RUN_STATUSES = ("running", "done", "failed")

# Each migration is the list of statements that takes the schema from version i to i + 1; the schema
# version is SQLite's ``user_version``.  Append new migrations; never edit a released one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
            rules_version TEXT NOT NULL,
            extractor_version TEXT,
            n_documents INTEGER,
            n_claims INTEGER,
            n_findings INTEGER,
            n_analysed INTEGER,
            n_cached INTEGER
        )""",
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            metadata TEXT NOT NULL,
            text TEXT NOT NULL,
            first_seen_run INTEGER NOT NULL REFERENCES runs (id),
            last_seen_run INTEGER NOT NULL REFERENCES runs (id)
        )""",
        # No foreign key to documents: a run saves each extraction as soon as it is made, before the
        # run's documents are recorded, so that a killed run keeps the work it finished.
        """CREATE TABLE extractions (
            doc_id TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            extractor_version TEXT NOT NULL,
            claims TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, input_hash, extractor_version)
        )""",
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents (id),
            run_id INTEGER NOT NULL REFERENCES runs (id),
            data TEXT NOT NULL
        )""",
        "CREATE INDEX claims_by_document ON claims (doc_id)",
        """CREATE TABLE findings (
            id TEXT PRIMARY KEY,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            claim_ids TEXT NOT NULL,
            message TEXT NOT NULL,
            group_key TEXT NOT NULL,
            data TEXT NOT NULL,
            first_run INTEGER NOT NULL REFERENCES runs (id),
            last_run INTEGER NOT NULL REFERENCES runs (id),
            gone_run INTEGER REFERENCES runs (id),
            claims_fingerprint TEXT NOT NULL,
            reviewed_fingerprint TEXT,
            review_status TEXT NOT NULL DEFAULT 'open' CHECK (
                review_status IN ('open', 'confirmed_error', 'not_a_contradiction', 'needs_follow_up')
            ),
            version INTEGER NOT NULL DEFAULT 1
        )""",
        "CREATE INDEX findings_by_status ON findings (review_status)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            finding_id TEXT NOT NULL REFERENCES findings (id),
            at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            claims_fingerprint TEXT NOT NULL,
            version INTEGER NOT NULL
        )""",
        "CREATE INDEX reviews_by_finding ON reviews (finding_id, id)",
    ),
    (
        # v2: parsed files, so that a re-run over unchanged files skips reading them again.
        """CREATE TABLE ingested (
            key TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
    ),
    (
        # v3: which of the finding's figures a "confirmed error" verdict says is wrong (NULL: not said),
        # so that an export names the erroneous article rather than every article of the finding.
        "ALTER TABLE reviews ADD COLUMN wrong_claim_id TEXT",
    ),
    (
        # v4: a run's findings under the key of all its inputs, so that a re-run over unchanged documents
        # and rules takes them instead of comparing again.
        "ALTER TABLE runs ADD COLUMN inputs_key TEXT",
        "ALTER TABLE runs ADD COLUMN findings TEXT",
        "CREATE INDEX runs_by_inputs ON runs (inputs_key)",
    ),
    (
        # v5: rendered reports under the key of what they show, for re-runs where nothing changed.
        """CREATE TABLE reports (
            key TEXT NOT NULL,
            format TEXT NOT NULL,
            content TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (key, format)
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# Severity order for listings: the most serious first.
_SEVERITY_RANK = "CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END"
_CHANGED = "(reviewed_fingerprint IS NOT NULL AND reviewed_fingerprint != claims_fingerprint)"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _doc_metadata(doc: Document) -> dict[str, Any]:
    return {**doc.to_dict(), "lang_source": doc.lang_source, "furniture": doc.furniture}


def input_hash(doc: Document) -> str:
    """What the extraction cache keys a document by: its text and everything read with it.

    The content hash alone is not enough: an HTML page's date or a JSON record's language can change
    while the text stays the same, and the claims depend on them.  The path is left out: it is shown as
    the user typed it (relative to where the check runs), and no claim depends on it.
    """
    data = {**doc.to_dict(), "lang_source": doc.lang_source, "furniture": doc.furniture, "text": doc.text}
    del data["path"]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def claims_fingerprint(claims: Sequence[Claim]) -> str:
    """A hash of what a reviewer judged: the figures as written, their values and sentences."""
    parts = [[c.doc_id, c.text, c.value, c.unit, c.mention.low, c.mention.high, c.sentence] for c in claims]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- records the store returns


@dataclass(frozen=True)
class RunRecord:
    id: int
    started_at: str
    finished_at: str | None
    status: str
    rules_version: str
    extractor_version: str | None
    n_documents: int | None
    n_claims: int | None
    n_findings: int | None
    n_analysed: int | None
    n_cached: int | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# The run columns a RunRecord shows (the findings cache stays in the table).
_RUN_COLUMNS = ", ".join(
    (
        "id",
        "started_at",
        "finished_at",
        "status",
        "rules_version",
        "extractor_version",
        "n_documents",
        "n_claims",
        "n_findings",
        "n_analysed",
        "n_cached",
    )
)


@dataclass(frozen=True)
class DocumentRecord:
    """A document as last seen (``text`` is empty when listed without it)."""

    document: Document
    first_seen_run: int
    last_seen_run: int

    @property
    def id(self) -> str:
        return self.document.id

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.document.to_dict(),
            "text": self.document.text,
            "first_seen_run": self.first_seen_run,
            "last_seen_run": self.last_seen_run,
        }


@dataclass(frozen=True)
class FindingRecord:
    """A finding across runs, with the claims it was last seen with and its review state."""

    finding: Finding
    claims: tuple[Claim, ...]
    first_run: int
    last_run: int
    gone_run: int | None
    review_status: str
    claims_fingerprint: str
    reviewed_fingerprint: str | None
    version: int

    @property
    def id(self) -> str:
        return self.finding.id

    @property
    def gone(self) -> bool:
        return self.gone_run is not None

    @property
    def changed_since_review(self) -> bool:
        """The claims changed (an article was corrected) after the last verdict."""
        return self.reviewed_fingerprint is not None and self.reviewed_fingerprint != self.claims_fingerprint

    def to_dict(self) -> dict[str, Any]:
        return {
            **finding_json(self.finding),
            "claims": [claim_json(c) for c in self.claims],
            "first_run": self.first_run,
            "last_run": self.last_run,
            "gone_run": self.gone_run,
            "review_status": self.review_status,
            "changed_since_review": self.changed_since_review,
            "version": self.version,
        }


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    finding_id: str
    at: str
    reviewer: str
    from_status: str
    to_status: str
    note: str
    claims_fingerprint: str
    version: int
    # For a "confirmed error": the id of the claim the reviewer found wrong, if they said which.
    wrong_claim_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# --------------------------------------------------------------------------- the store

_T = TypeVar("_T")
_P = ParamSpec("_P")


def _guarded(method: Callable[Concatenate[Store, _P], _T]) -> Callable[Concatenate[Store, _P], _T]:
    """SQLite's own errors (a damaged file, a locked database) become a StoreError naming the file."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.path}: {exc}") from exc

    return wrapper


class Store:
    """An open store file.  Use ``Store.open(path)``, preferably as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly

    # -- opening -----------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, create: bool = True, readonly: bool = False) -> Store:
        """Open (and create, and upgrade) the store at ``path``.

        ``readonly`` opens an existing store without writing to it; ``create=False`` refuses a missing
        file.  Raises ``StoreError`` for a missing file that may not be created or a file that is not a
        store, ``SchemaTooNew`` for a store written by a newer checker.
        """
        path = Path(path)
        if (readonly or not create) and not path.is_file():
            raise StoreError(f"no store at {path}")
        if readonly:
            target, uri = path.resolve().as_uri() + "?mode=ro", True
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            target, uri = str(path), False
        try:
            # isolation_level=None: transactions are begun and ended explicitly (see _write).
            conn = sqlite3.connect(target, uri=uri, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {path}: {exc}") from exc
        conn.row_factory = sqlite3.Row
        store = cls(conn, path, readonly)
        try:
            store._prepare()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{path} is not a checker store, or it is damaged: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        conn = self._conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"store {self.path} has schema version {version}, newer than this checker's "
                f"{SCHEMA_VERSION}: upgrade the checker (or use another --db file)"
            )
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.path} is an SQLite database of something else, not a checker store")
        conn.execute("PRAGMA foreign_keys = ON")
        if self.readonly:
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"store {self.path} has schema version {version}, this checker needs {SCHEMA_VERSION}: "
                    "open it once for writing to upgrade it"
                )
            return
        # WAL: readers (the review app) never block the run that writes, nor the other way round;
        # synchronous=FULL makes every commit (a review decision) survive a power cut, at ~0.3 ms each.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        self._migrate()

    def _migrate(self) -> None:
        """Apply the missing migrations, each in one transaction: a failed one leaves the previous version."""
        for target, statements in enumerate(MIGRATIONS, start=1):
            try:
                with self._write() as conn:
                    # Re-read inside the write lock: another process may have upgraded the file meanwhile.
                    if conn.execute("PRAGMA user_version").fetchone()[0] >= target:
                        continue
                    for statement in statements:
                        conn.execute(statement)
                    # PRAGMA takes no parameters; ``target`` is an int from this module.
                    conn.execute(f"PRAGMA user_version = {int(target)}")
            except sqlite3.OperationalError as exc:
                raise StoreError(
                    f"store {self.path}: upgrading to schema version {target} failed: {exc}"
                ) from exc

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; IMMEDIATE takes the write lock first, so checks made inside it hold."""
        if self.readonly:
            raise StoreError(f"store {self.path} is open read-only")
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- runs ----------------------------------------------------------------------------------------------

    @_guarded
    def start_run(self, rules_version: str, extractor_version: str | None = None) -> int:
        """Record a new run as 'running' (it stays so if the process is killed) and return its id.

        ``extractor_version`` is the key the run caches extractions under: recording the run then drops
        its documents' extractions made under other keys.
        """
        with self._write() as conn:
            cur = conn.execute(
                """INSERT INTO runs (started_at, status, rules_version, extractor_version)
                   VALUES (?, 'running', ?, ?)""",
                (_now(), rules_version, extractor_version),
            )
            return int(cur.lastrowid or 0)

    @_guarded
    def record_run(self, run_id: int, result: Result) -> None:
        """Write a run's documents, claims and findings, in one transaction.

        Findings seen before are updated and un-gone; findings this run did not produce are marked gone
        (never deleted, so their reviews stay).  A review made on other claims than the current ones shows
        as ``changed_since_review``.
        """
        stats = result.stats
        with self._write() as conn:
            run = conn.execute("SELECT extractor_version FROM runs WHERE id = ?", (run_id,)).fetchone()
            if run is None:
                raise StoreError(f"store {self.path}: no run {run_id}")
            version = run["extractor_version"]
            previous = conn.execute(
                "SELECT extractor_version FROM runs WHERE id < ? AND status = 'done' "
                "ORDER BY id DESC LIMIT 1",
                (run_id,),
            ).fetchone()
            same_extractor = previous is not None and previous["extractor_version"] == version
            known = {
                row["id"]: (row["content_hash"], row["metadata"])
                for row in conn.execute("SELECT id, content_hash, metadata FROM documents")
            }
            # A document read again unchanged, by the same extractor, keeps its rows: only its run moves on.
            # Rewriting every text and claim of a large unchanged corpus would cost more than the run.
            unchanged: set[str] = set()
            for doc in result.documents:
                metadata = _dumps(_doc_metadata(doc))
                if same_extractor and known.get(doc.id) == (doc.content_hash, metadata):
                    unchanged.add(doc.id)
                else:
                    self._upsert_document(conn, run_id, doc, version, metadata)
            conn.executemany(
                "UPDATE documents SET last_seen_run = ? WHERE id = ?",
                [(run_id, d) for d in sorted(unchanged)],
            )
            # The claims table holds the latest run's claims only; the extraction cache keeps the rest.
            kept = conn.execute("SELECT doc_id FROM claims GROUP BY doc_id").fetchall()
            conn.executemany(
                "DELETE FROM claims WHERE doc_id = ?",
                [(r["doc_id"],) for r in kept if r["doc_id"] not in unchanged],
            )
            conn.execute("UPDATE claims SET run_id = ?", (run_id,))
            conn.executemany(
                "INSERT INTO claims (id, doc_id, run_id, data) VALUES (?, ?, ?, ?)",
                [
                    (c.id, c.doc_id, run_id, _dumps(claim_json(c)))
                    for c in result.claims
                    if c.doc_id not in unchanged
                ],
            )
            by_id = {c.id: c for c in result.claims}
            for finding in result.findings:
                claims = [by_id[i] for i in finding.claim_ids if i in by_id]
                self._upsert_finding(conn, run_id, finding, claims)
            conn.execute(
                "UPDATE findings SET gone_run = ? WHERE gone_run IS NULL AND last_run != ?", (run_id, run_id)
            )
            conn.execute(
                """UPDATE runs SET n_documents = ?, n_claims = ?, n_findings = ?, n_analysed = ?, n_cached = ?
                   WHERE id = ?""",
                (
                    len(result.documents),
                    len(result.claims),
                    len(result.findings),
                    stats.get("analysed"),
                    stats.get("cached"),
                    run_id,
                ),
            )

    def _upsert_document(
        self,
        conn: sqlite3.Connection,
        run_id: int,
        doc: Document,
        extractor_version: str | None,
        metadata: str | None = None,
    ) -> None:
        conn.execute(
            """INSERT INTO documents (id, path, content_hash, metadata, text, first_seen_run, last_seen_run)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET path = excluded.path,
                   content_hash = excluded.content_hash, metadata = excluded.metadata, text = excluded.text,
                   last_seen_run = excluded.last_seen_run""",
            (
                doc.id,
                doc.path,
                doc.content_hash,
                metadata or _dumps(_doc_metadata(doc)),
                doc.text,
                run_id,
                run_id,
            ),
        )
        if extractor_version is not None:
            # Only the extraction this run used stays cached for the document: older ones would pile up.
            conn.execute(
                "DELETE FROM extractions WHERE doc_id = ? AND NOT (input_hash = ? AND extractor_version = ?)",
                (doc.id, input_hash(doc), extractor_version),
            )

    def _upsert_finding(
        self, conn: sqlite3.Connection, run_id: int, finding: Finding, claims: list[Claim]
    ) -> None:
        plain = finding_json(finding)
        data = {"details": plain["details"], "claims": [claim_json(c) for c in claims]}
        # The version moves on only when the claims change, so that an editor's open form goes stale
        # exactly when what they are judging did.
        conn.execute(
            """INSERT INTO findings (id, rule, severity, claim_ids, message, group_key, data,
                                     first_run, last_run, claims_fingerprint)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, severity = excluded.severity,
                   claim_ids = excluded.claim_ids, message = excluded.message, group_key = excluded.group_key,
                   data = excluded.data, last_run = excluded.last_run, gone_run = NULL,
                   version = findings.version + (findings.claims_fingerprint != excluded.claims_fingerprint),
                   claims_fingerprint = excluded.claims_fingerprint""",
            (
                finding.id,
                finding.rule,
                finding.severity,
                _dumps(list(finding.claim_ids)),
                finding.message,
                finding.group,
                _dumps(data),
                run_id,
                run_id,
                claims_fingerprint(claims),
            ),
        )

    @_guarded
    def cached_findings(self, inputs_key: str) -> list[Finding] | None:
        """The findings of the last finished run over exactly these inputs (``pipeline.inputs_key``)."""
        row = self._conn.execute(
            "SELECT findings FROM runs WHERE inputs_key = ? AND status = 'done' AND findings IS NOT NULL "
            "ORDER BY id DESC LIMIT 1",
            (inputs_key,),
        ).fetchone()
        if row is None:
            return None
        return [Finding.from_dict(f) for f in json.loads(row["findings"])]

    @_guarded
    def cached_report(self, key: str, fmt: str) -> str | None:
        row = self._conn.execute(
            "SELECT content FROM reports WHERE key = ? AND format = ?", (key, fmt)
        ).fetchone()
        return row["content"] if row else None

    @_guarded
    def save_report(self, key: str, fmt: str, text: str) -> None:
        with self._write() as conn:
            # One rendering per format is enough: an older one will not be asked for again.
            conn.execute("DELETE FROM reports WHERE format = ? AND key != ?", (fmt, key))
            conn.execute(
                "INSERT OR REPLACE INTO reports (key, format, content, created_at) VALUES (?, ?, ?, ?)",
                (key, fmt, text, _now()),
            )

    @_guarded
    def remember_findings(self, run_id: int, inputs_key: str, findings: Sequence[Finding]) -> None:
        data = json.dumps([f.to_dict() for f in findings], ensure_ascii=False, separators=(",", ":"))
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET inputs_key = ?, findings = ? WHERE id = ?", (inputs_key, data, run_id)
            )

    @_guarded
    def finish_run(self, run_id: int) -> None:
        self._end_run(run_id, "done")

    @_guarded
    def fail_run(self, run_id: int) -> None:
        """Mark a run that stopped on an error; what it recorded stays."""
        self._end_run(run_id, "failed")

    def _end_run(self, run_id: int, status: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET status = ?, finished_at = ? WHERE id = ? AND status = 'running'",
                (status, _now(), run_id),
            )

    @_guarded
    def runs(self) -> list[RunRecord]:
        """Every run, newest first."""
        return [
            RunRecord(**dict(r))
            for r in self._conn.execute(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC")
        ]

    @_guarded
    def run(self, run_id: int) -> RunRecord | None:
        row = self._conn.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return RunRecord(**dict(row)) if row else None

    # -- extraction cache ---------------------------------------------------------------------------------

    @_guarded
    def cached_claims(
        self, doc: Document, extractor_version: str, key: str | None = None
    ) -> list[Claim] | None:
        """The claims saved for this very document and extractor version, or None.

        ``key``: the document's ``input_hash``, when the caller has it already.
        """
        row = self._conn.execute(
            "SELECT claims FROM extractions WHERE doc_id = ? AND input_hash = ? AND extractor_version = ?",
            (doc.id, key or input_hash(doc), extractor_version),
        ).fetchone()
        if row is None:
            return None
        return [Claim.from_dict(c) for c in json.loads(row["claims"])]

    @_guarded
    def has_claims(self, doc: Document, extractor_version: str, key: str | None = None) -> bool:
        """Whether ``cached_claims`` would find claims for this document, without reading them."""
        row = self._conn.execute(
            "SELECT 1 FROM extractions WHERE doc_id = ? AND input_hash = ? AND extractor_version = ?",
            (doc.id, key or input_hash(doc), extractor_version),
        ).fetchone()
        return row is not None

    @_guarded
    def cached_ingest(self, key: str) -> tuple[list[Document], list[Skipped]] | None:
        """The documents and skipped entries a file gave last time it had these bytes, or None."""
        row = self._conn.execute("SELECT data FROM ingested WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        data = json.loads(row["data"])
        return ([Document.from_dict(d) for d in data["documents"]], [Skipped(**s) for s in data["skipped"]])

    @_guarded
    def save_ingest(self, key: str, documents: list[Document], skipped: list[Skipped]) -> None:
        data = {
            "documents": [
                {**d.to_dict(), "text": d.text, "lang_source": d.lang_source, "furniture": d.furniture}
                for d in documents
            ],
            "skipped": [s.to_dict() for s in skipped],
        }
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO ingested (key, data, created_at) VALUES (?, ?, ?)",
                (key, json.dumps(data, ensure_ascii=False, separators=(",", ":")), _now()),
            )

    @_guarded
    def save_extraction(self, doc: Document, extractor_version: str, claims: Sequence[Claim]) -> None:
        # The raw to_dict (not the report's JSON, which turns NaN into null) so cached claims are exact.
        data = json.dumps([c.to_dict() for c in claims], ensure_ascii=False, separators=(",", ":"))
        with self._write() as conn:
            conn.execute(
                """INSERT OR REPLACE INTO extractions
                   (doc_id, input_hash, extractor_version, claims, created_at) VALUES (?, ?, ?, ?, ?)""",
                (doc.id, input_hash(doc), extractor_version, data, _now()),
            )

    # -- reading, for the review app ------------------------------------------------------------------------

    @_guarded
    def findings(
        self,
        *,
        status: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
        doc_id: str | None = None,
        include_gone: bool = False,
        changed_since_review: bool | None = None,
    ) -> list[FindingRecord]:
        """Findings, most severe first; gone ones only with ``include_gone``."""
        where: list[str] = []
        params: list[Any] = []
        if not include_gone:
            where.append("gone_run IS NULL")
        for column, value in (("review_status", status), ("rule", rule), ("severity", severity)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if doc_id is not None:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(findings.data, '$.claims') AS c"
                " WHERE json_extract(c.value, '$.doc_id') = ?)"
            )
            params.append(doc_id)
        if changed_since_review is not None:
            where.append(_CHANGED if changed_since_review else f"NOT {_CHANGED}")
        sql = "SELECT * FROM findings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_SEVERITY_RANK}, rule, id"
        return [self._finding_record(row) for row in self._conn.execute(sql, params)]

    @_guarded
    def finding(self, finding_id: str) -> FindingRecord | None:
        row = self._conn.execute("SELECT * FROM findings WHERE id = ?", (finding_id,)).fetchone()
        return self._finding_record(row) if row else None

    @staticmethod
    def _finding_record(row: sqlite3.Row) -> FindingRecord:
        data = json.loads(row["data"])
        finding = Finding.from_dict(
            {
                "id": row["id"],
                "rule": row["rule"],
                "severity": row["severity"],
                "claim_ids": json.loads(row["claim_ids"]),
                "message": row["message"],
                "group": row["group_key"],
                "details": data.get("details"),
            }
        )
        return FindingRecord(
            finding=finding,
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", [])),
            first_run=row["first_run"],
            last_run=row["last_run"],
            gone_run=row["gone_run"],
            review_status=row["review_status"],
            claims_fingerprint=row["claims_fingerprint"],
            reviewed_fingerprint=row["reviewed_fingerprint"],
            version=row["version"],
        )

    @_guarded
    def set_verdict(
        self,
        finding_id: str,
        status: str,
        note: str,
        reviewer: str,
        expected_version: int,
        wrong_claim_id: str | None = None,
    ) -> int:
        """Record an editor's verdict on a finding; return the finding's new version.

        ``expected_version`` is the version the editor was shown: if the finding changed since (another
        editor's verdict, or a run that changed its claims), ``StaleUpdate`` is raised and nothing is
        written.  ``wrong_claim_id`` names, for a confirmed error, the finding's claim that is wrong.
        """
        if status not in REVIEW_STATUSES:
            raise StoreError(f"unknown review status {status!r} (one of {', '.join(REVIEW_STATUSES)})")
        if not reviewer.strip():
            raise StoreError("a verdict needs the reviewer's name")
        if wrong_claim_id is not None and status != "confirmed_error":
            raise StoreError("only a confirmed error names a wrong figure")
        with self._write() as conn:
            row = conn.execute(
                "SELECT review_status, version, claims_fingerprint, claim_ids FROM findings WHERE id = ?",
                (finding_id,),
            ).fetchone()
            if row is None:
                raise StoreError(f"store {self.path}: no finding {finding_id!r}")
            if wrong_claim_id is not None and wrong_claim_id not in json.loads(row["claim_ids"]):
                raise StoreError(f"claim {wrong_claim_id!r} is not one of finding {finding_id}'s claims")
            if row["version"] != expected_version:
                raise StaleUpdate(
                    f"finding {finding_id} changed since you opened it (version {row['version']}, "
                    f"you had {expected_version}): reload it and decide again"
                )
            new_version = expected_version + 1
            conn.execute(
                """UPDATE findings SET review_status = ?, reviewed_fingerprint = claims_fingerprint,
                       version = ? WHERE id = ? AND version = ?""",
                (status, new_version, finding_id, expected_version),
            )
            conn.execute(
                """INSERT INTO reviews (finding_id, at, reviewer, from_status, to_status, note,
                                        claims_fingerprint, version, wrong_claim_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    finding_id,
                    _now(),
                    reviewer,
                    row["review_status"],
                    status,
                    note,
                    row["claims_fingerprint"],
                    new_version,
                    wrong_claim_id,
                ),
            )
        return new_version

    @_guarded
    def history(self, finding_id: str) -> list[ReviewRecord]:
        """The verdicts on a finding, oldest first."""
        rows = self._conn.execute("SELECT * FROM reviews WHERE finding_id = ? ORDER BY id", (finding_id,))
        return [ReviewRecord(**dict(r)) for r in rows]

    @_guarded
    def last_reviews(self) -> dict[str, ReviewRecord]:
        """Each reviewed finding's latest verdict, by finding id (one query for a whole listing)."""
        rows = self._conn.execute(
            "SELECT * FROM reviews WHERE id IN (SELECT max(id) FROM reviews GROUP BY finding_id)"
        )
        return {r["finding_id"]: ReviewRecord(**dict(r)) for r in rows}

    @_guarded
    def documents(self, with_text: bool = False) -> list[DocumentRecord]:
        """Every document ever recorded, by path."""
        rows = self._conn.execute(
            "SELECT id, metadata, first_seen_run, last_seen_run"
            + (", text" if with_text else "")
            + " FROM documents ORDER BY path, id"
        )
        return [self._document_record(r) for r in rows]

    @_guarded
    def document(self, doc_id: str) -> DocumentRecord | None:
        """A document with its full text (offsets of its claims index into it)."""
        row = self._conn.execute(
            "SELECT id, metadata, first_seen_run, last_seen_run, text FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return self._document_record(row) if row else None

    @staticmethod
    def _document_record(row: sqlite3.Row) -> DocumentRecord:
        data = json.loads(row["metadata"])
        if "text" in row.keys():
            data["text"] = row["text"]
        return DocumentRecord(Document.from_dict(data), row["first_seen_run"], row["last_seen_run"])

    @_guarded
    def claims(self, doc_id: str | None = None) -> list[Claim]:
        """The latest run's claims, of one document or all, in the run's order."""
        if doc_id is None:
            rows = self._conn.execute("SELECT data FROM claims ORDER BY rowid")
        else:
            rows = self._conn.execute("SELECT data FROM claims WHERE doc_id = ? ORDER BY rowid", (doc_id,))
        return [Claim.from_dict(json.loads(r["data"])) for r in rows]
