"""Finds the bare numbers of a text: digit groups and spelled-out numbers, with their precision.

A number "atom" is what the figure grammar builds on: "38,5" (value 38.5, written
to a step of 0.1), "12 000" (digits grouped with a space, narrow no-break space,
dot or comma as the language groups them), "trente-deux" (read with text2num).
Which marks group and which mark is decimal comes from the language's
numbers.yaml; an impossible grouping is cut back to its longest valid prefix
rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from ..lexicon import Lexicon, alternation, fold

# Digits with any of the group/decimal marks between them; validated by ``parse_digits``.
_DIGIT_RUN = re.compile(r"(?<![\w.,])\d+(?:(?:[.,'\u00a0\u202f]| (?=\d{3}(?!\d)))\d+)*")


@dataclass(frozen=True)
class Atom:
    start: int
    end: int
    value: float
    precision: float
    spelled: bool = False
    weak: bool = False  # "un"/"a": a number only when a scale or unit follows


def parse_digits(s: str, lang_decimal: str) -> tuple[float, float, int] | None:
    """Value, precision and the length consumed of the longest valid number at the start of ``s``."""
    chunks = re.split(r"([.,'\u00a0\u202f ])", s)
    digits = chunks[0::2]
    seps = chunks[1::2]
    if not digits or not digits[0]:
        return None
    # Decide where the decimal part starts, if anywhere.
    best: tuple[float, float, int] | None = None
    n = len(digits)
    for count in range(n, 0, -1):  # try the longest prefix first
        ds = digits[:count]
        ss = seps[: count - 1]
        parsed = _parse_chunks(ds, ss, lang_decimal)
        if parsed is not None:
            length = sum(len(d) for d in ds) + sum(len(x) for x in ss)
            best = (parsed[0], parsed[1], length)
            break
    return best


def _parse_chunks(ds: list[str], ss: list[str], dec: str) -> tuple[float, float] | None:
    if not ss:
        return float(ds[0]), 1.0
    decimal_part = None
    group_seps = ss
    group_ds = ds
    last_sep, last_d = ss[-1], ds[-1]
    if last_sep == dec or (last_sep in ".," and len(last_d) != 3 and last_sep != _other(dec)):
        decimal_part = last_d
        group_seps = ss[:-1]
        group_ds = ds[:-1]
    elif last_sep in ".," and len(last_d) != 3:
        # English "1,5" or French-style mark in the wrong language: accept a single decimal mark.
        if len(ss) == 1:
            decimal_part = last_d
            group_seps, group_ds = [], ds[:-1]
        else:
            return None
    if group_seps:
        if len(set(group_seps)) != 1 or group_seps[0] == dec:
            return None
        if not (1 <= len(group_ds[0]) <= 3) or any(len(d) != 3 for d in group_ds[1:]):
            return None
    integer = "".join(group_ds)
    if decimal_part is not None:
        value = float(f"{integer}.{decimal_part}")
        precision = 10.0 ** -len(decimal_part)
    else:
        value = float(integer)
        precision = 1.0
    return value, precision


def _other(dec: str) -> str:
    return "." if dec == "," else ","


@lru_cache(maxsize=4)
def _word_pattern(lang: str, words: tuple[str, ...], joiners: tuple[str, ...]) -> re.Pattern[str]:
    word = alternation(words, boundary=False)
    join = "|".join(re.escape(j).replace(r"\ ", r"\s+") for j in sorted(joiners, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{word})(?:(?:{join})(?:{word}))*(?![\w-])", re.IGNORECASE)


def _spelled_value(phrase: str, lang: str) -> float | None:
    try:
        return float(text2num(fold(phrase).replace("-et-", " et "), lang))
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def find_atoms(text: str, lex: Lexicon) -> list[Atom]:
    """All number atoms of ``text``, left to right, not overlapping."""
    atoms: list[Atom] = []
    dec = lex.raw["decimal_mark"]
    for m in _DIGIT_RUN.finditer(text):
        parsed = parse_digits(m.group(0), dec)
        if parsed is None:
            continue
        value, precision, length = parsed
        atoms.append(Atom(m.start(), m.start() + length, value, precision))
    words = tuple(lex.raw["number_words"]) + tuple(lex.raw.get("weak_words", []))
    pattern = _word_pattern(lex.lang, words, tuple(lex.raw["number_joiners"]))
    weak = {fold(w) for w in lex.raw.get("weak_words", [])}
    for m in pattern.finditer(text):
        atoms.extend(_spelled_atoms(m.group(0), m.start(), lex.lang, weak))
    atoms.sort(key=lambda a: (a.start, -a.end))
    out: list[Atom] = []
    for atom in atoms:
        if out and atom.start < out[-1].end:
            continue
        out.append(atom)
    return out


def _spelled_atoms(phrase: str, offset: int, lang: str, weak: set[str]) -> list[Atom]:
    """Read a run of number words; where text2num refuses the whole run, split it at joiners."""
    phrase_stripped = phrase.rstrip()
    value = _spelled_value(phrase_stripped, lang)
    if value is not None:
        folded = fold(phrase_stripped)
        is_weak = folded in weak
        return [Atom(offset, offset + len(phrase_stripped), value, 1.0, spelled=True, weak=is_weak)]
    # Split at the last joiner and retry each side ("deux et trois" -> 2, 3).
    parts = list(re.finditer(r"\s+et\s+|\s+and\s+|\s+", phrase_stripped))
    if not parts:
        return []
    cut = parts[-1]
    left = _spelled_atoms(phrase_stripped[: cut.start()], offset, lang, weak)
    right = _spelled_atoms(phrase_stripped[cut.end() :], offset + cut.end(), lang, weak)
    return left + right
