"""Find page furniture pasted with an article: menus, share buttons, credits, related-article lists.

Articles copied from web pages carry lines that are not the article: navigation
menus, social buttons, photo captions, copyright and legal links, calls to
subscribe, bylines, and lists of related articles with their own titles and
dates.  Figures in them are not claims of the article.  ``find_furniture``
returns the character ranges of such lines.  Which single lines are furniture
is data (``rules/boilerplate.yaml``, one regex per pattern with examples that
must and must not match); what depends on neighbouring lines (runs of menu
bullets, related-article items, repeated lines, author lines near the top) is
decided here.  Article paragraphs are never marked by a line pattern: a line of
ten words or more that ends like a sentence is text unless a pattern says
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import RuleFileError
from .paths import rules_dir

RULES_FILE = "boilerplate.yaml"
LANGS = ("fr", "en", "any")

# A leading bullet glyph; a dash counts only when a space follows ("- Sport", not "-5 %").
_BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□►▶‣⁃∙*]|[-–—](?=\s))\s*")
_SENTENCE_END = re.compile(r"[.!?…»”\"]\s*$")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
# A person's name alone on a line: two to four capitalised words, particles allowed.
_NAME = re.compile(
    r"^[A-ZÀ-Ý][^\W\d_]*(?:[-'’.][^\W\d_]+)*\.?"
    r"(?:\s+(?:de|du|des|van|von|der|le|la|da|di|[A-ZÀ-Ý][^\W\d_]*(?:[-'’.][^\W\d_]+)*\.?)){1,3}$"
)


@dataclass(frozen=True)
class Pattern:
    """One line pattern of the rules file."""

    id: str
    lang: str
    description: str
    regex: re.Pattern[str]
    max_words: int | None = None
    allow_sentences: bool = False
    block: str | None = None
    furniture: tuple[str, ...] = ()
    content: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """A line of the text: its span (without the newline) and its text without bullet and spaces."""

    start: int
    end: int
    raw: str
    body: str
    bullet: bool


def rules_path() -> Path:
    """The boilerplate rules file in the rules folder (see ``checker.paths``)."""
    path = rules_dir() / RULES_FILE
    if not path.is_file():
        raise RuleFileError(f"cannot find {RULES_FILE} in {path.parent}")
    return path


@lru_cache(maxsize=4)
def load_patterns(path: str | None = None) -> tuple[Pattern, ...]:
    """Read and check the patterns of the rules file (cached)."""
    file = Path(path) if path else rules_path()
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(f"{file}: cannot read boilerplate rules: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise RuleFileError(f"{file}: expected a mapping with a 'patterns' list")
    patterns: list[Pattern] = []
    seen: set[str] = set()
    for n, item in enumerate(data["patterns"], 1):
        patterns.append(_parse_pattern(file, n, item, seen))
    return tuple(patterns)


def _parse_pattern(file: Path, n: int, item: object, seen: set[str]) -> Pattern:
    if not isinstance(item, dict):
        raise RuleFileError(f"{file}: pattern #{n} is not a mapping")
    pid = item.get("id")
    where = f"{file}: pattern {pid or '#' + str(n)}"
    for key in ("id", "description", "regex"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise RuleFileError(f"{where}: missing or empty '{key}'")
    if pid in seen:
        raise RuleFileError(f"{where}: duplicate id")
    seen.add(pid)
    lang = item.get("lang", "any")
    if lang not in LANGS:
        raise RuleFileError(f"{where}: lang must be one of {', '.join(LANGS)}, not {lang!r}")
    flags = 0 if item.get("case_sensitive") else re.IGNORECASE
    try:
        regex = re.compile(item["regex"], flags)
    except re.error as exc:
        raise RuleFileError(f"{where}: invalid regex: {exc}") from exc
    if item.get("block") not in (None, "related"):
        raise RuleFileError(f"{where}: block must be 'related', not {item['block']!r}")
    if item.get("max_words") is not None and not isinstance(item["max_words"], int):
        raise RuleFileError(f"{where}: max_words must be a whole number")
    furniture, content = item.get("furniture") or [], item.get("content") or []
    if not furniture or not content:
        raise RuleFileError(f"{where}: needs 'furniture' and 'content' examples")
    return Pattern(
        id=pid,
        lang=lang,
        description=item["description"],
        regex=regex,
        max_words=item.get("max_words"),
        allow_sentences=bool(item.get("allow_sentences", False)),
        block=item.get("block"),
        furniture=tuple(str(x) for x in furniture),
        content=tuple(str(x) for x in content),
    )


def strip_bullet(line: str) -> str:
    """The line without its bullet glyph and surrounding spaces."""
    return _BULLET.sub("", line, count=1).strip()


def words(s: str, cap: int | None = None) -> int:
    """The number of words of ``s``; with ``cap``, counted up to ``cap + 1`` only (enough for a
    comparison with ``cap``, and cheap on a long paragraph)."""
    return len(s.split(None, cap)) if cap is not None else len(s.split())


def is_sentence(s: str) -> bool:
    """Article prose: ten words or more, ending like a sentence."""
    return words(s, 10) >= 10 and bool(_SENTENCE_END.search(s))


def looks_like_headline(s: str) -> bool:
    """A title: some letters, fewer than 25 words, no final period."""
    s = s.strip()
    if not s or not _LETTER.search(s) or words(s, 25) >= 25:
        return False
    return not s.endswith((".", ",", ";", ":", "|"))


def is_body_paragraph(s: str) -> bool:
    """A line of article text, as opposed to a title, a label or a credit."""
    return words(s, 12) >= 12 or (words(s, 6) >= 6 and bool(_SENTENCE_END.search(s)))


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` with their offsets ("\\r\\n" and "\\r" end lines too)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for brk in re.finditer(r"\r\n|\r|\n", text):
        spans.append((pos, brk.start()))
        pos = brk.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [Line(a, b, text[a:b], strip_bullet(text[a:b]), bool(_BULLET.match(text[a:b]))) for a, b in spans]


def matches(p: Pattern, line: str) -> bool:
    """Whether pattern ``p`` marks ``line`` (bullet removed; length and prose guards applied)."""
    body = strip_bullet(line)
    return bool(body) and _matches_body(p, body, words(body), is_sentence(body))


def _matches_body(p: Pattern, body: str, n_words: int, sentence: bool) -> bool:
    if sentence and not p.allow_sentences:
        return False
    if p.max_words is not None and n_words > p.max_words:
        return False
    return bool(p.regex.search(body))


@lru_cache(maxsize=8)
def _patterns_for(lang: str) -> tuple[Pattern, ...]:
    return tuple(p for p in load_patterns() if lang not in ("fr", "en") or p.lang in ("any", lang))


@lru_cache(maxsize=8)
def _max_words(lang: str) -> int:
    """The largest ``max_words`` of the patterns of ``lang``: word counts above it need not be exact."""
    return max((p.max_words for p in _patterns_for(lang) if p.max_words is not None), default=0)


def classify_line(line: str, lang: str) -> str | None:
    """The id of the first pattern that marks ``line`` as furniture in ``lang``, or None.

    Patterns of the other language are skipped; a language other than "fr" or
    "en" gets every pattern.
    """
    body = strip_bullet(line)
    if not body:
        return None
    # Measured once per line, not once per pattern: this runs on every line of every article.
    n_words, sentence = words(body, _max_words(lang)), is_sentence(body)
    for p in _patterns_for(lang):
        if _matches_body(p, body, n_words, sentence):
            return p.id
    return None


def is_date_line(line: str) -> bool:
    """A line that is only a date (and maybe a weekday and a time)."""
    return any(p.id == "date.only" and matches(p, line) for p in load_patterns())


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


class _Marker:
    """The furniture decision for each line, and the rule that made it."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.why: list[str | None] = [None] * len(lines)

    def mark(self, i: int, why: str) -> None:
        if self.why[i] is None and self.lines[i].body:
            self.why[i] = why

    def marked(self, i: int) -> bool:
        return self.why[i] is not None

    def next_nonblank(self, i: int, step: int = 1, max_blank: int = 2) -> int | None:
        j, blanks = i + step, 0
        while 0 <= j < len(self.lines):
            if self.lines[j].body:
                return j
            blanks += 1
            if blanks > max_blank:
                return None
            j += step
        return None


def find_furniture(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of ``text`` that are page furniture, sorted and merged."""
    lines = split_lines(text)
    m = _Marker(lines)
    patterns = {p.id: p for p in load_patterns()}
    for i, line in enumerate(lines):
        rid = classify_line(line.raw, lang)
        if rid:
            m.mark(i, rid)
    _mark_menu_runs(m)
    _mark_related_items(m)
    for i, why in enumerate(list(m.why)):
        if why in patterns and patterns[why].block == "related":
            _mark_related_block(m, i)
    _mark_short_runs(m)
    _mark_sandwiched(m)
    # The title is the first line left, if it reads like one (as ingestion decides it).
    first = next((i for i, ln in enumerate(lines) if ln.body and not m.marked(i)), None)
    title = first if first is not None and looks_like_headline(lines[first].body) else None
    _mark_repeats(m, title)
    _mark_authors(m, title)
    _mark_sandwiched(m)
    ranges = []
    for i, line in enumerate(lines):
        if m.marked(i):
            lead = len(line.raw) - len(line.raw.lstrip())
            ranges.append((line.start + lead, line.start + len(line.raw.rstrip())))
    return merge_ranges(ranges, text)


def _is_menu_item(line: Line) -> bool:
    # Menu entries are a few words with no figure and no sentence punctuation.
    b = line.body
    if not line.bullet or not 0 < words(b, 4) <= 4:
        return False
    return not _DIGIT.search(b) and not b.endswith((".", "!", "?", ":"))


def _mark_menu_runs(m: _Marker) -> None:
    """A run of two or more short bullet lines (blank lines allowed between) is a menu."""
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2 and any(_is_menu_item(m.lines[k]) for k in run):
            for k in run:
                m.mark(k, "block.menu")
        run.clear()

    for i, line in enumerate(m.lines):
        if not line.body:
            continue
        if line.bullet and (_is_menu_item(line) or m.marked(i)):
            run.append(i)
        else:
            close()
    close()


def _mark_related_items(m: _Marker) -> None:
    """A title followed by a date line and/or by itself again is a related-article item."""
    for i, line in enumerate(m.lines):
        if not line.body or m.why[i] == "date.only" or (is_sentence(line.body) and not line.bullet):
            continue
        j = m.next_nonblank(i)
        if j is None:
            continue
        same = _norm(m.lines[j].body) == _norm(line.body)
        dated = is_date_line(m.lines[j].raw)
        k = m.next_nonblank(j) if dated else None
        again = k is not None and _norm(m.lines[k].body) == _norm(line.body)
        # A bare title then a date is a byline at the top; a bullet or a repeat makes it a list item.
        if (dated and (line.bullet or again)) or (same and line.bullet):
            for idx in (i, j, k if again else None):
                if idx is not None:
                    m.mark(idx, "block.related-item")


def _mark_related_block(m: _Marker, i: int) -> None:
    """Below a heading alone ("Related articles"), titles and dates up to the next paragraph."""
    if words(m.lines[i].body, 5) > 5 or ":" in m.lines[i].body.rstrip(":"):
        return
    for j in range(i + 1, min(len(m.lines), i + 40)):
        line = m.lines[j]
        if not line.body or m.marked(j):
            continue
        listed = line.bullet or not is_body_paragraph(line.body)
        if not (listed and (looks_like_headline(line.body) or is_date_line(line.raw))):
            break
        m.mark(j, "block.related-list")


def _mark_short_runs(m: _Marker) -> None:
    """Four or more consecutive one-to-three-word lines without figures are a menu."""
    run: list[int] = []

    def short(line: Line) -> bool:
        b = line.body
        return 0 < words(b, 3) <= 3 and not _DIGIT.search(b) and not _SENTENCE_END.search(b)

    for i, line in enumerate([*m.lines, Line(0, 0, "", "", False)]):
        if line.body and short(line):
            run.append(i)
            continue
        if len(run) >= 4:
            for k in run:
                m.mark(k, "block.short-lines")
        run = []


def _mark_sandwiched(m: _Marker) -> None:
    """A short label directly between two furniture lines ("Blog Title" inside a menu) is furniture."""
    for i in range(1, len(m.lines) - 1):
        b = m.lines[i].body
        if (
            b
            and not m.marked(i)
            and words(b, 5) <= 5
            and not _SENTENCE_END.search(b)
            and m.lines[i - 1].body
            and m.lines[i + 1].body
            and m.marked(i - 1)
            and m.marked(i + 1)
        ):
            m.mark(i, "block.between-furniture")


def _mark_repeats(m: _Marker, title: int | None) -> None:
    """After the title, a line that repeats an earlier line (a title shown twice) is furniture."""
    seen: set[str] = set()
    for i, line in enumerate(m.lines):
        if not line.body:
            continue
        key = _norm(line.body)
        if key in seen and (title is None or i > title):
            m.mark(i, "block.repeated-line")
        seen.add(key)


def _mark_authors(m: _Marker, title: int | None) -> None:
    """Near the top, a name alone beside a date or byline line is the author's byline."""
    for i, line in enumerate(m.lines):
        if not line.body:
            continue
        if i != title and not m.marked(i) and is_body_paragraph(line.body):
            return  # the article has started
        if i == title or m.marked(i) or not _NAME.match(line.body):
            continue
        for j in (m.next_nonblank(i), m.next_nonblank(i, -1)):
            if j is not None and (m.why[j] or "").startswith(("date.", "byline.")):
                m.mark(i, "block.author")
                break


def merge_ranges(ranges: Iterable[tuple[int, int]], text: str | None = None) -> tuple[tuple[int, int], ...]:
    """Sort and merge ranges; with ``text``, ranges separated only by whitespace merge too."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged:
            last_start, last_end = merged[-1]
            gap_blank = text is not None and not text[last_end:start].strip()
            if start <= last_end or gap_blank:
                merged[-1] = (last_start, max(last_end, end))
                continue
        merged.append((start, end))
    return tuple(merged)
