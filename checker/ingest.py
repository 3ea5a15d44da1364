"""Read the user's files and folders into Documents, and say in plain words why any input was skipped.

Accepted inputs are text and Markdown files (with an optional ``Key: value``
header block or YAML front matter), HTML pages (main text and metadata by
trafilatura), and JSON or JSON Lines files of records.  Folders are read
recursively in sorted order, hidden entries ignored.  One bad file never stops
the run: it becomes a ``Skipped`` with its reason, and only a path that does
not exist raises.  Each document gets an id that depends on where it was found
relative to the argument it came from (not on the machine), its language
(metadata or detected), its publication date (metadata, else a byline in the
text), and the ranges of page furniture that claims must not come from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from . import boilerplate, langdetect
from .boilerplate import find_furniture, looks_like_headline, merge_ranges, split_lines
from .errors import InputNotFound, NoDocuments
from .models import Document, Skipped, stable_id
from .pubdate import find_published, parse_date

TEXT_EXTENSIONS = (".txt", ".md")
HTML_EXTENSIONS = (".html", ".htm")
JSON_EXTENSIONS = (".json", ".jsonl")
EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSON_EXTENSIONS

# Header keys (lower case) and the metadata field each one fills.
HEADER_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "date": "published",
    "published": "published",
    "url": "url",
    "lang": "lang",
    "language": "lang",
    "author": "author",
}
# JSON record keys and the field each one fills.
RECORD_KEYS = {**HEADER_KEYS, "id": "id", "text": "text"}

LANG_NAMES = {
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
    "en": "en", "eng": "en", "english": "en", "anglais": "en",
}  # fmt: skip

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*(.*)$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z_-]+)", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # what Windows editors call "Unicode"
# Control characters that do not occur in text files (tab, newlines and form feed do).
_CONTROL_BYTES = bytes(sorted(set(range(0, 9)) | set(range(14, 32)) | {11, 127}))
_LETTER = re.compile(r"[^\W\d_]")
_ODD_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


@dataclass(frozen=True)
class _Source:
    """A file to read: the path to show, the key its id is made from, and where it is."""

    path: str
    key: str
    file: Path


class IngestCache(Protocol):
    """Where parsed files are kept between runs (the store): keyed by the file's bytes and the reader."""

    def cached_ingest(self, key: str) -> tuple[list[Document], list[Skipped]] | None: ...

    def save_ingest(self, key: str, documents: list[Document], skipped: list[Skipped]) -> None: ...


@lru_cache(maxsize=1)
def ingest_version() -> str:
    """A hash of the code and patterns that turn a file into documents: a change to any re-reads all."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for name in ("ingest.py", "boilerplate.py", "pubdate.py", "langdetect.py", "models.py"):
        digest.update((here / name).read_bytes())
    digest.update(boilerplate.rules_path().read_bytes())
    return digest.hexdigest()[:16]


def read_paths(
    paths: Sequence[str | os.PathLike[str]],
    cache: IngestCache | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> tuple[list[Document], list[Skipped]]:
    """Read files and folders (recursively) into documents; list what could not be read and why.

    ``on_document`` is called with each document as soon as it is read (to hand it to workers while
    the others are read).

    Raises ``InputNotFound`` for a path that does not exist; any other problem
    with one file becomes a ``Skipped`` entry.  With a ``cache``, a file whose
    bytes were read before (under the same path and reader version) is not
    parsed again.
    """
    sources: list[_Source] = []
    skipped: list[Skipped] = []
    for arg in paths:
        shown = _shown(arg)
        root = Path(arg)
        if not root.exists():
            raise InputNotFound(f"input not found: {shown}")
        if root.is_dir():
            base = root.name or root.resolve().name
            rels, errors = _walk(root)
            skipped += [Skipped(shown if rel == "." else f"{shown}/{rel}", why) for rel, why in errors]
            sources += [_Source(f"{shown}/{rel}", f"{base}/{rel}", root / rel) for rel in rels]
        else:
            sources.append(_Source(shown, root.name, root))

    documents: list[Document] = []
    used_ids: set[str] = set()
    read_files: dict[Path, str] = {}
    for src in sources:
        real = src.file.resolve()
        if real in read_files:  # the same file reached through two arguments
            skipped.append(Skipped(src.path, f"already read as {read_files[real]}"))
            continue
        read_files[real] = src.path
        docs, skips = _read_cached(src, cache) if cache else _read_source(src)
        skipped += skips
        for doc in docs:
            documents.append(_unique(doc, used_ids))
            if on_document is not None:
                on_document(documents[-1])
    return documents, skipped


def require_documents(documents: list[Document], skipped: Sequence[Skipped]) -> list[Document]:
    """Return ``documents``, or raise ``NoDocuments`` saying why each input was skipped."""
    if documents:
        return documents
    if not skipped:
        raise NoDocuments("no document to check: the inputs hold no file (hidden files are ignored)")
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped)
    raise NoDocuments(f"no readable document among the inputs ({reasons})")


def normalise_lang(value: object) -> str | None:
    """A language code from a metadata value: "fr-FR", "French", "français" -> "fr"; unknown -> None."""
    if value is None:
        return None
    code = str(value).strip().lower().replace("_", "-")
    return LANG_NAMES.get(code) or LANG_NAMES.get(code.split("-")[0])


def _shown(arg: str | os.PathLike[str]) -> str:
    """The path as the user wrote it, with forward slashes and no trailing slash."""
    shown = os.fspath(arg).replace(os.sep, "/")
    return shown.rstrip("/") or shown


def _walk(root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Relative paths (sorted, "/"-separated) of the files under ``root``, and folders that failed."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []

    def failed(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else "."
        reason = "permission denied" if isinstance(exc, PermissionError) else f"cannot list folder: {exc}"
        errors.append((rel, reason))

    for folder, dirs, names in os.walk(root, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_folder = Path(folder).relative_to(root)
        files += [(rel_folder / n).as_posix() for n in names if not n.startswith(".")]
    return sorted(files), sorted(errors)


def _unique(doc: Document, used: set[str]) -> Document:
    """Give ``doc`` an id no earlier document has (documents are read in a fixed order)."""
    new_id, n = doc.id, 1
    while new_id in used:
        n += 1
        new_id = f"{doc.id}-{n}"
    used.add(new_id)
    return doc if new_id == doc.id else replace(doc, id=new_id)


def _read_cached(src: _Source, cache: IngestCache) -> tuple[list[Document], list[Skipped]]:
    try:
        data = src.file.read_bytes()
    except OSError:
        return _read_source(src)  # the reader says why
    key = hashlib.sha256(
        "\x1f".join((ingest_version(), src.key, src.path)).encode("utf-8") + b"\x1f" + data
    ).hexdigest()
    hit = cache.cached_ingest(key)
    if hit is not None:
        return hit
    docs, skips = _read_source(src, data)
    cache.save_ingest(key, docs, skips)
    return docs, skips


def _read_source(src: _Source, data: bytes | None = None) -> tuple[list[Document], list[Skipped]]:
    ext = src.file.suffix.lower()
    if ext not in EXTENSIONS:
        what = f"extension {ext}" if ext else "file without extension"
        return [], [Skipped(src.path, f"unsupported {what} (expected {', '.join(EXTENSIONS)})")]
    try:
        data = src.file.read_bytes() if data is None else data
    except PermissionError:
        return [], [Skipped(src.path, "permission denied")]
    except OSError as exc:
        return [], [Skipped(src.path, f"cannot read file: {exc.strerror or exc}")]
    if not data:
        return [], [Skipped(src.path, "empty file")]
    if not data.startswith(_UTF16_BOMS) and _is_binary(data):
        return [], [Skipped(src.path, "binary file (not text)")]
    text = _decode(data)
    if text is None:
        return [], [Skipped(src.path, "cannot decode as UTF-8 or Latin-1")]
    if not text.strip():
        return [], [Skipped(src.path, "file has only whitespace")]
    if ext in HTML_EXTENSIONS:
        return _one(_read_html(src, text))
    if ext == ".json":
        return _read_json(src, text)
    if ext == ".jsonl":
        return _read_jsonl(src, text)
    return _one(_read_text(src, text))


def _one(result: Document | Skipped) -> tuple[list[Document], list[Skipped]]:
    return ([result], []) if isinstance(result, Document) else ([], [result])


def _is_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return controls > 0.05 * len(sample)


def _decode(data: bytes) -> str | None:
    """UTF-8 (a BOM is dropped), UTF-16 with a BOM; else Windows-1252 or Latin-1 if it reads as text."""
    try:
        if data.startswith(_UTF16_BOMS):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text
    return None


def _reads_as_text(text: str) -> bool:
    odd = len(_ODD_CHARS.findall(text))
    letters = sum(c.isalpha() or c.isspace() for c in text)
    return odd <= 0.01 * len(text) and letters >= 0.5 * len(text)


# --- plain text and Markdown ------------------------------------------------


def _read_text(src: _Source, text: str) -> Document:
    meta, header_end = _front_matter(text) or _header_block(text) or ({}, 0)
    header = ((0, header_end),) if header_end else ()
    return _document(src.path, src.key, text, meta, body_start=header_end, extra_furniture=header)


def _front_matter(text: str) -> tuple[dict[str, Any], int] | None:
    """YAML front matter between "---" lines; its range is furniture even when it is not valid YAML."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        data = None
    meta: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            field = HEADER_KEYS.get(str(key).strip().lower())
            if field and value is not None and field not in meta:
                meta[field] = value
    return meta, m.end()


def _header_block(text: str) -> tuple[dict[str, Any], int] | None:
    """``Key: value`` lines at the very start, ended by a blank line, with at least one known key."""
    meta: dict[str, Any] = {}
    for line in split_lines(text):
        if not line.raw.strip():
            return (meta, line.start) if meta else None
        m = _HEADER_LINE.match(line.raw)
        if not m:
            return None
        field = HEADER_KEYS.get(m.group(1).strip().lower())
        if field and m.group(2).strip() and field not in meta:
            meta[field] = m.group(2).strip()
    return None  # no blank line after it: this is not a header


# --- HTML ---------------------------------------------------------------------


def _read_html(src: _Source, html: str) -> Document | Skipped:
    try:
        import trafilatura
    except ImportError as exc:
        return Skipped(src.path, f"cannot read HTML: trafilatura is not usable ({exc})")
    data: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # A parser bug on one page must not stop the run: the page is skipped with the error.
        try:
            # Pages first with the defaults; a short page (a wire brief) then in the permissive mode,
            # and a fragment without <body> wrapped in one (the parser ignores bare fragments).
            permissive = {"favor_recall": True, "config": _small_page_config()}
            attempts: list[tuple[str, dict[str, Any]]] = [(html, {}), (html, permissive)]
            if not re.search(r"<body\b", html, re.IGNORECASE):
                attempts.append((f"<html><body>{html}</body></html>", permissive))
            for page, options in attempts:
                result = trafilatura.bare_extraction(
                    page, with_metadata=True, include_comments=False, **options
                )
                data = result if isinstance(result, dict) else (result.as_dict() if result else {})
                if _LETTER.search(data.get("text") or ""):
                    break
        except Exception as exc:
            return Skipped(src.path, f"cannot parse HTML: {exc}")
    text = (data.get("text") or "").strip()
    if not _LETTER.search(text):
        return Skipped(src.path, "no article text found in the HTML")
    lang_tag = _HTML_LANG.search(html[:5000])
    meta = {
        "title": data.get("title"),
        "outlet": data.get("sitename"),
        "published": data.get("date"),
        "url": data.get("url"),
        "author": data.get("author"),
        "lang": data.get("language") or (lang_tag.group(1) if lang_tag else None),
    }
    return _document(src.path, src.key, text, {k: v for k, v in meta.items() if v})


def _small_page_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_FILE_SIZE", "1")
    return config


# --- JSON and JSON Lines --------------------------------------------------------


def _read_json(src: _Source, text: str) -> tuple[list[Document], list[Skipped]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Skipped(src.path, f"invalid JSON at line {exc.lineno}: {exc.msg} (column {exc.colno})")]
    if isinstance(data, dict):
        records: list[tuple[str | None, object]] = [(None, data)]
    elif isinstance(data, list):
        records = [(f"record {n}", item) for n, item in enumerate(data, 1)]
    else:
        return [], [Skipped(src.path, "JSON holds neither an object nor a list of objects")]
    return _records(src, records)


def _read_jsonl(src: _Source, text: str) -> tuple[list[Document], list[Skipped]]:
    records: list[tuple[str | None, object]] = []
    skipped: list[Skipped] = []
    # Split on "\n" only: str.splitlines would also cut at U+2028, which JSON strings may hold.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append((f"line {n}", json.loads(line)))
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(f"{src.path}#line {n}", f"invalid JSON at line {n}: {exc.msg}"))
    documents, more = _records(src, records)
    return documents, sorted(skipped + more, key=lambda s: _line_order(s.path))


def _line_order(path: str) -> int:
    m = re.search(r"#line (\d+)$", path)
    return int(m.group(1)) if m else 0


def _records(src: _Source, records: list[tuple[str | None, object]]) -> tuple[list[Document], list[Skipped]]:
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for position, record in records:
        if not isinstance(record, dict):
            skipped.append(Skipped(f"{src.path}#{position}", "record is not a JSON object"))
            continue
        meta = {}
        for key, value in record.items():
            field = RECORD_KEYS.get(str(key).strip().lower())
            if field and value not in (None, "") and field not in meta:
                meta[field] = value
        label = str(meta.pop("id")) if "id" in meta else position
        path = f"{src.path}#{label}" if label else src.path
        key = f"{src.key}#{label}" if label else src.key
        text = meta.pop("text", None)
        if not isinstance(text, str) or not text.strip():
            skipped.append(Skipped(path, "record has no text"))
            continue
        documents.append(_document(path, key, text, meta))
    return documents, skipped


# --- building the Document --------------------------------------------------------


def _document(
    path: str,
    key: str,
    text: str,
    meta: dict[str, Any],
    body_start: int = 0,
    extra_furniture: tuple[tuple[int, int], ...] = (),
) -> Document:
    body = text[body_start:]
    lang = normalise_lang(meta.get("lang"))
    lang_source = "metadata" if lang else "detected"
    if lang:
        furniture = _furniture(body, lang, body_start)
    else:
        # Detect once on the whole body, then again without the furniture (an English menu on a
        # French page would mislead the first guess).
        lang = langdetect.DETECTOR(body)
        furniture = _furniture(body, lang, body_start)
        second = langdetect.DETECTOR(_without(text, furniture, body_start))
        if second != lang:
            lang, furniture = second, _furniture(body, second, body_start)
    furniture = merge_ranges(extra_furniture + furniture, text)

    published, source, note = _published(text, lang, furniture, meta.get("published"))
    return Document(
        id=stable_id("doc", key),
        path=path,
        text=text,
        lang=lang,
        title=_value(meta.get("title")) or _title_from_text(text, furniture),
        outlet=_value(meta.get("outlet")),
        url=_value(meta.get("url")),
        author=_value(meta.get("author")),
        published=published,
        published_source=source,
        published_note=note,
        lang_source=lang_source,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        furniture=furniture,
    )


def _furniture(body: str, lang: str, offset: int) -> tuple[tuple[int, int], ...]:
    return tuple((a + offset, b + offset) for a, b in find_furniture(body, lang))


def _without(text: str, ranges: Sequence[tuple[int, int]], start: int) -> str:
    parts, pos = [], start
    for a, b in ranges:
        parts.append(text[pos:a])
        pos = max(pos, b)
    parts.append(text[pos:])
    return "\n".join(parts)


def _published(
    text: str, lang: str, furniture: Sequence[tuple[int, int]], value: object
) -> tuple[dt.date | None, str, str | None]:
    """(date, source, note): metadata first, then a byline in the text."""
    if value is not None and value != "":
        date = parse_date(value if isinstance(value, dt.date) else str(value), lang)
        if date:
            return date, "metadata", None
    date, note = find_published(text, lang, furniture)
    if date or note:
        return date, "text", note
    if value is not None and value != "":
        return (
            None,
            "unknown",
            f"unreadable date in metadata ({value}); no publication date found in the text",
        )
    return None, "unknown", "no publication date found"


def _value(value: object) -> str | None:
    """A metadata value as one line of text (lists of authors are joined)."""
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v is not None)
    text = " ".join(str(value).split())
    return text or None


def _title_from_text(text: str, furniture: Sequence[tuple[int, int]]) -> str | None:
    """The first line outside the furniture, if it reads like a headline."""
    for line in split_lines(text):
        if not line.body or any(a < line.end and line.start < b for a, b in furniture):
            continue
        candidate = line.body.lstrip("#").strip()  # a Markdown heading
        return candidate if looks_like_headline(candidate) else None
    return None
