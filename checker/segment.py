"""Splits a document into sentences, skipping its page furniture, with offsets into the document text.

Paragraphs are lines; within a line a sentence ends at ".", "!", "?" or "…"
(and any closing quote) followed by a capital, a digit or an opening quote —
except after the language's abbreviations ("M.", "Mme", "U.S.").  This is a
rule splitter on purpose: it costs next to nothing, and spaCy's sentencizer
breaks French quotations ("« Nous ...") in the wrong place.  The expensive
pipeline runs later, only on the sentences that hold a figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .lexicon import load_lexicon
from .models import Sentence

_END = re.compile(r"[.!?…]+[»\"”’)\]]*(?=[\s\u00a0\u202f]+[«\"“(\[]?[\s\u00a0\u202f]*[A-ZÀ-ÖØ-Þ0-9«\"“])")


@lru_cache(maxsize=4)
def _abbreviations(lang: str) -> frozenset[str]:
    lex = load_lexicon(lang)
    return frozenset(a.lower() for a in lex.raw.get("abbreviations", []))


def _line_spans(text: str, furniture: tuple[tuple[int, int], ...]) -> Iterator[tuple[int, int]]:
    """Non-empty lines of ``text`` outside the furniture ranges."""
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        if not text[start:end].strip():
            continue
        # Cut the line around any furniture range that overlaps it.
        pieces = [(start, end)]
        for fs, fe in furniture:
            if fe <= start or fs >= end:
                continue
            new = []
            for s, e in pieces:
                if fe <= s or fs >= e:
                    new.append((s, e))
                    continue
                if s < fs:
                    new.append((s, fs))
                if fe < e:
                    new.append((fe, e))
            pieces = new
        for s, e in pieces:
            if text[s:e].strip():
                yield s, e


def split_sentences(text: str, lang: str, furniture: tuple[tuple[int, int], ...] = ()) -> list[Sentence]:
    """Sentences of ``text`` (outside furniture), stripped, with their offsets."""
    abbreviations = _abbreviations(lang)
    out: list[Sentence] = []
    for line_start, line_end in _line_spans(text, furniture):
        line = text[line_start:line_end]
        cut = 0
        for m in _END.finditer(line):
            word = line[: m.start() + 1].rsplit(None, 1)[-1].lower() if line[: m.start() + 1].strip() else ""
            if (
                word in abbreviations
                or re.fullmatch(r"(?:[a-zà-ÿ]\.)+", word)
                or re.fullmatch(r"[a-z]\.", word)
            ):
                continue
            _add(out, text, line_start + cut, line_start + m.end())
            cut = m.end()
        _add(out, text, line_start + cut, line_end)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))
