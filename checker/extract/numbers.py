"""Finds the bare numbers of a text: digit groups and spelled-out numbers, with their precision.

A number "atom" is what the figure grammar builds on: "38,5" (value 38.5, written
to a step of 0.1), "12 000" (digits grouped with a space, narrow no-break space,
dot or comma as the language groups them), "trente-deux" (read with text2num).
Which marks group and which mark is decimal comes from the language's
numbers.yaml; an impossible grouping is cut back to its longest valid prefix
rather than guessed, and the rest read again: "2019 300" is two numbers, and
"192.168.1.2", "22,24,26,31" are lists (a decimal part is never followed by
another mark).

Beyond plain cardinals an atom may be a fraction ("deux tiers", "five eighths",
"3/4", "2 1/4", "un sur trois", "½", "2½"), a whole and a fraction ("cinq et un
quart", "un million et demi"), a spelled decimal ("deux cent virgule trois"), a
negative number ("-1", "moins cinq", a spaced "- 10 k" alone on its line: before
words it is a list bullet), an exponent ("1,2e6", "1.1^23", "8x2^10",
"2.48×10−5"), a spelled number with scales inside ("trois millions deux cent
mille", "three lakh crore") or digits with a scale letter ("10k"); such atoms say
so (``Atom.scaled``).  A number that ends in a plain scale word ("deux millions",
"3 dozen") stops before it: the figure grammar (figures.py) applies the scale, so
that ranges ("entre deux et trois millions") and currencies keep working.
Articles ("un", "a") and a bare "demi"/"half" are weak atoms, kept only before a
scale, unit, currency or duration name.  Spellings text2num does not read
("naught", "vingt-un") are rewritten first.  All words come from numbers.yaml.

How a run of number words is read: the text is cut into tokens (digit numbers
and known words), adjacent tokens form runs, and each run is read left to
right, taking at each point the longest prefix that parses as one number.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from text_to_num import text2num

from ..lexicon import Lexicon, alternation, fold, trie_alternation

_BLANKS = "[ \t\u00a0\u202f]"
# Vulgar fraction characters ("½ tbsp", "2½ years"), read with unicodedata.
_VULGAR = "\u00bc\u00bd\u00be\u2150-\u215e"
_SUPERSCRIPTS = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b\u207a", "0123456789-+"
)
# A digit number: an optional glued minus sign; a fraction ("3/4", "2 1/4", "2½") or digits with marks, or
# a leading decimal mark (".08"); then an optional exponent ("e+14", "^-1", "x2^10", "×10−5", "×10⁵").
# Digits right after "^" are an exponent of what comes before ("m^2"), never a number.  Validated in code.
_NUMBER = (
    r"(?P<sign>[-\u2212])?"
    rf"(?:(?<![\w.,/^])(?P<frac>(?:(?P<whole>\d{{1,3}}){_BLANKS}+)?(?P<fnum>\d+)/(?P<fden>\d+))(?![\d/])"
    rf"|(?<![\w.,^])(?P<vulgar>(?:(?P<vwhole>\d+){_BLANKS}?)?[{_VULGAR}])"
    r"|(?<![\w.,^])(?P<digits>\d+(?:(?:[.,'\u00a0\u202f]| (?=\d{3}(?!\d)))\d+)*|[.,]\d+)"
    r"(?:(?P<exp>[eE][+-]?\d+)(?!\w)|\^(?P<pow>[+-]*\d+)(?![\d]|[.,]\d)"
    # "8x2^10", "3 × 10^8": a power needs its caret; "×10−5", "5.5x10-3", "×10⁻⁵": a signed or raised power
    # of ten ("2x10" alone is a size).
    rf"|{_BLANKS}?[\u00d7xX*]{_BLANKS}?(?P<base>\d+)(?:\^|\*\*)(?P<bpow>[-+\u2212]?\d+)(?![\d]|[.,]\d)"
    rf"|{_BLANKS}?[\u00d7xX]{_BLANKS}?10(?P<tpow>[-\u2212]\d+|[\u207b\u207a]?[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)(?!\d))?)"
)
# What may stand between two tokens of one number: blanks, or a hyphen glued to both words.
# Between words, a spaced hyphen too ("fifty - two"): where the words make no number together
# ("vingt - trente") they stay two numbers, and the figure grammar reads a range.
_GAP_WORDS = re.compile(rf"{_BLANKS}+|{_BLANKS}*-{_BLANKS}*")
_GAP_DIGITS = re.compile(rf"{_BLANKS}+")
_BLANK_CHARS = " \t\u00a0\u202f"
_LINE_END = re.compile(rf"{_BLANKS}*(?:\r?\n|$)")
_INT = re.compile(r"\d+")
# The word after an article: "a million", "une tonne", "d'une yen", "a one-yen bid".
# "de"/"of" need a blank after them: "a decade" is no "a de cade".
_NEXT_WORD = re.compile(rf"{_BLANKS}*(?:(?:de|of){_BLANKS}+|d['’]{_BLANKS}*|-)?([^\W\d_]+)", re.IGNORECASE)
# After a bare fraction, an article may come first: "half a percentage point", "half an hour".
_NEXT_WORD_ARTICLE = re.compile(rf"{_BLANKS}+(?:an?|une?){_BLANKS}+([^\W\d_]+)", re.IGNORECASE)
_LAST_WORD = re.compile(r"(\w+)\W*$")
_COMPOUND = re.compile(r"-[^\W\d_]")
_MAX_RUN = 24  # tokens; longer runs are read in pieces


@dataclass(frozen=True)
class Atom:
    start: int
    end: int
    value: float
    precision: float
    spelled: bool = False
    weak: bool = False  # "un"/"a": a number only when a scale or unit follows
    scaled: bool = False  # the value already holds a scale ("un million et demi", "10k")


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


def _plain(word: str) -> str:
    """Folded and without accents: the key of every word lookup ("Cinquième" -> "cinquieme")."""
    decomposed = unicodedata.normalize("NFD", fold(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Token kinds.
NUM, DIG, SCALE, DEN = "num", "dig", "scale", "den"  # number word, digits, scale word, denominator
AND, DEC, OVER, MINUS, OF = "and", "dec", "over", "minus", "of"  # connectors
# The numbers.yaml lists of connector words.
_CONNECTORS = {
    "and_words": AND,
    "decimal_words": DEC,
    "over_words": OVER,
    "ratio_words": OVER,
    "minus_words": MINUS,
    "fraction_of": OF,
}

_CONNECTOR_KINDS = frozenset(_CONNECTORS.values())


@dataclass(slots=True)
class Token:
    kind: str
    start: int
    end: int
    text: str  # the word as written, lower-cased; for DIG the digits
    key: str = ""  # the plain form, for lookups
    value: float = 0.0  # DIG: its value; SCALE: the multiplier; DEN: the denominator (0 = read the cardinal)
    precision: float = 1.0
    integer: bool = True  # DIG: written without decimals
    simple: bool = True  # DIG: no fraction or exponent (it may combine with scales and words)
    plural: bool = False  # DEN: "cinquièmes"
    gap: str = ""  # what separates it from the previous token of its run


@dataclass
class Words:
    """Everything numbers.py reads from one language's numbers.yaml, compiled once per lexicon."""

    lang: str
    decimal: str
    number: re.Pattern[str]  # digit numbers
    word: re.Pattern[str]  # the words of ``lookup``
    lookup: dict[str, str]  # lower-cased word as written (with or without accents) -> plain key
    phrases: dict[str, list[tuple[re.Pattern[str], str]]]  # first word -> (rest, key) of "out of", "of a"
    alone: set[str]  # plain keys that are tokens on their own (not only as a phrase's first word)
    number_words: set[str]
    weak: set[str]
    weak_next: set[str]  # words after which an article is a number ("a million", "une tonne")
    articles: dict[str, str]
    scales: dict[str, float]  # word scales usable inside a spelled number
    figure_scales: set[str]  # scales the figure grammar reads after a number (plain keys)
    multipliers: dict[str, float]  # after digits
    fractions: dict[str, int]
    bare: set[str]
    ordinals: dict[str, str]  # plain ordinal (and plural) -> cardinal
    compound_only: set[str]
    tens: set[str]  # number words of a whole ten below a hundred: "thirty", "vingt"
    hundreds: set[str]  # number words of a hundred or more: "hundred", "mille"
    unit_ordinals: set[str]  # ordinals (and plurals) of one to nine: "fifth", "cinquièmes"
    kinds: dict[str, str]  # plain word -> token kind for connectors
    and_after_scale: bool
    hyphen_below_hundred: bool  # a hyphen joins only tens and units ("thirty-fifths", not "hundred-fifths")
    spaced_compound_ordinals: bool  # "one hundred thirty fifths" is 100/35 (else 130/5)
    follower: re.Pattern[str]
    not_after: set[str]
    minus_not_after: set[str]
    letter_scales: dict[str, dict[str, Any]]
    letter: re.Pattern[str]
    units: set[str]
    variants: dict[str, str]  # spelling -> the form text2num reads ("naught" -> "nought")
    variant: re.Pattern[str]
    qualifier: re.Pattern[str]  # "more than", "près de": the qualifiers of figures.yaml
    over: set[str]  # over_words: "un sur trois" before the end of the phrase
    ratio: set[str]  # ratio_words: "one in five", "un sur cinq" before a word too


def _items(r: dict[str, Any], key: str) -> list[str]:
    """A list (or a mapping's keys) of numbers.yaml, empty when absent."""
    return [str(x) for x in (r.get(key) or [])]


def _plains(items: Iterable[str]) -> set[str]:
    return {_plain(x) for x in items}


@lru_cache(maxsize=8)
def _words(lex: Lexicon) -> Words:
    r = lex.raw
    ordinals: dict[str, str] = {}
    for word, cardinal in (r.get("ordinals") or {}).items():
        ordinals[_plain(word)] = ordinals[_plain(word) + "s"] = cardinal
    kinds: dict[str, str] = {}
    for key, kind in _CONNECTORS.items():
        for word in _items(r, key):
            kinds[_plain(word)] = kind
    written = [o + s for o in (r.get("ordinals") or {}) for s in ("", "s")]
    for key in (
        "number_words",
        "weak_words",
        "word_scales",
        "digit_multipliers",
        "fraction_words",
        *_CONNECTORS,
    ):
        written += _items(r, key)
    # Accents are optional in copy ("cinquieme"); several-word connectors are found by their first word.
    lookup: dict[str, str] = {}
    phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    alone: set[str] = set()
    for word in written:
        key = _plain(word)
        first, *rest = key.split()
        if rest:
            tail = "".join(rf"{_BLANKS}+{re.escape(x)}" for x in rest)
            phrases.setdefault(first, []).append((re.compile(tail + r"(?!\w)", re.IGNORECASE), key))
        else:
            alone.add(key)
        lower = fold(word).split()[0]
        lookup[lower] = lookup[_strip_accents(lower)] = first
    followers = _items(r, "fraction_followers")
    glued = [f for f in followers if f[-1:] in "'’"]
    spaced = [f for f in followers if f[-1:] not in "'’"]
    follower = re.compile(
        rf"{_BLANKS}*(?:$|[^\w\s-]|{alternation(spaced)}|{alternation(glued, boundary=False)}\w)",
        re.IGNORECASE,
    )
    letters = {str(k): dict(v) for k, v in (r.get("letter_scales") or {}).items()}
    cardinals = {_plain(x): _cardinal(x, lex.lang) for x in _items(r, "number_words")}
    multipliers = {_plain(k): float(v) for k, v in (r.get("digit_multipliers") or {}).items()}
    variants = {fold(str(k)): str(v) for k, v in (r.get("spelling_variants") or {}).items()}
    letter = re.compile(rf"(?P<blank>{_BLANKS}*)(?P<letter>{alternation(letters, boundary=False)})(?![\w])")
    # An article is a number only before a scale, unit, currency or duration (the figure grammar decides).
    names = [*lex.scales, *lex.units, *lex.currencies, *getattr(lex, "subunits", {}), *lex.durations]
    # "un demi-point", "half a percentage point": points and percent words too.
    names += [x for x in _items(r, "percent_points") + _items(r, "percent") if x[:1].isalpha()]
    weak_next = {_plain(re.split(r"[\s'’-]", n)[0]) for n in names if len(n) > 1}
    return Words(
        lang=lex.lang,
        decimal=r["decimal_mark"],
        number=re.compile(rf"(?=[-\u2212.,\d{_VULGAR}]){_NUMBER}"),
        word=re.compile(rf"(?<!\w)(?:{trie_alternation(lookup)})(?!\w)", re.IGNORECASE),
        lookup=lookup,
        phrases=phrases,
        alone=alone,
        number_words=_plains(_items(r, "number_words")),
        weak=_plains(_items(r, "weak_words")),
        weak_next=weak_next,
        articles={_plain(k): v for k, v in (r.get("articles") or {}).items()},
        scales={_plain(x): float(lex.scales[x]) for x in _items(r, "word_scales")},
        figure_scales={_plain(x) for x in lex.scales if x not in lex.ambiguous_scales},
        multipliers=multipliers,
        fractions={_plain(k): int(v) for k, v in (r.get("fraction_words") or {}).items()},
        bare=_plains(_items(r, "bare_fractions")),
        ordinals=ordinals,
        compound_only=_plains(_items(r, "compound_only_ordinals"))
        | {_plain(x) + "s" for x in _items(r, "compound_only_ordinals")},
        tens={k for k, v in cardinals.items() if v is not None and 20 <= v < 100 and v % 10 == 0},
        hundreds={k for k, v in cardinals.items() if v is not None and v >= 100} | set(multipliers),
        unit_ordinals={k for k, c in ordinals.items() if 1 <= (_cardinal(c, lex.lang) or 0) <= 9},
        kinds=kinds,
        and_after_scale=bool(r.get("and_after_scale", False)),
        hyphen_below_hundred=bool(r.get("hyphen_below_hundred", False)),
        spaced_compound_ordinals=bool(r.get("spaced_compound_ordinals", False)),
        follower=follower,
        not_after=_plains(_items(r, "fraction_not_after")),
        minus_not_after=_plains(_items(r, "minus_not_after")),
        letter_scales=letters,
        letter=letter,
        units=set(lex.unit_symbols),
        variants=variants,
        variant=re.compile(alternation(variants), re.IGNORECASE),
        qualifier=lex.patterns["qualifier"],
        over=_plains(_items(r, "over_words")),
        ratio=_plains(_items(r, "ratio_words")),
    )


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _cardinal(phrase: str, lang: str) -> float | None:
    """The value of a plain spelled cardinal ("vingt et un", "one hundred and three"), or None."""
    try:
        return float(text2num(phrase, lang))
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        return None


def _spelled(phrase: str, w: Words) -> float | None:
    """A spelled cardinal, after the lexicon's spelling variants ("naught", "vingt-un") are made standard."""
    if w.variants:
        phrase = w.variant.sub(lambda m: w.variants[fold(m.group(0))], phrase)
    return _cardinal(phrase, w.lang)


# --- Tokens -------------------------------------------------------------------------------------------


def _tokens(text: str, w: Words) -> list[Token]:
    out: list[Token] = []
    for m in w.number.finditer(text):
        tok = _number_token(text, m, w)
        if isinstance(tok, list):
            out.extend(tok)
        elif tok is not None:
            out.append(tok)
    # Words: found by a prefix tree of the vocabulary (much faster than a flat alternation), then looked up.
    words: list[Token] = []
    taken = 0  # the end of the last several-word connector ("of a")
    for m in w.word.finditer(text):
        key = w.lookup.get(m.group(0).lower())
        start, end = m.span()
        if key is None or start < taken:
            continue
        for rest, phrase in w.phrases.get(key, ()):
            pm = rest.match(text, end)
            if pm:
                key, end = phrase, pm.end()
                taken = end
                break
        else:
            if key not in w.alone:
                continue
        tok = _word_token(text, start, end, key, w)
        if tok is not None:
            words.append(tok)
    if words:
        out = sorted(out + words, key=lambda t: t.start)
    return out


def _word_token(text: str, start: int, end: int, key: str, w: Words) -> Token | None:
    written = text[start:end].lower()
    kind = w.kinds.get(key)
    if kind == MINUS:
        # Not a sign after a number ("trois moins deux" is a subtraction) or the listed words.
        before = _previous_word(text, start)
        if before in w.minus_not_after or before in w.number_words or before[-1:].isdigit():
            return None
    if kind is not None:
        return Token(kind, start, end, written, key)
    if key in w.scales:
        return Token(SCALE, start, end, written, key, value=w.scales[key])
    if key in w.fractions:
        return Token(DEN, start, end, written, key, value=w.fractions[key], plural=key.endswith("s"))
    if key in w.ordinals:
        return Token(DEN, start, end, written, key, plural=key.endswith("s") and key[:-1] in w.ordinals)
    if key in w.number_words or key in w.weak or key in w.multipliers:
        return Token(NUM, start, end, written, key)
    return None


def _number_token(text: str, m: re.Match[str], w: Words) -> Token | list[Token] | None:
    start = m.start()
    if start and text[start - 1] == "^":  # "m^-2": an exponent
        return None
    negative = False
    if m.group("sign"):
        # A minus sign stands alone before the digits: not "10-15", "COVID-19", "2019 -2020".
        before = text[:start].rstrip(" \t\u00a0\u202f")
        glued_ok = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ".,-/+\u2212")
        if glued_ok and not (before and before[-1].isdigit()):
            negative = True
        else:
            start += 1
    sign = -1.0 if negative else 1.0
    if m.group("frac"):
        num, den = int(m.group("fnum")), int(m.group("fden"))
        if den == 0:  # "1/0" divides by zero: no number at all
            return None
        if not 0 < num < den:  # "24/7", "50/50" are no fractions but two numbers each
            return [
                Token(DIG, d.start(), d.end(), d.group(0), value=float(d.group(0)))
                for d in _INT.finditer(text, m.start("frac"), m.end())
            ]
        value = float(m.group("whole") or 0) + num / den
        return Token(
            DIG,
            start,
            m.end(),
            m.group(0),
            value=sign * value,
            precision=1.0 / den,
            integer=False,
            simple=False,
        )
    if m.group("vulgar"):  # "½", "2½", "2 ¾"
        fraction = Fraction(unicodedata.numeric(m.group("vulgar")[-1])).limit_denominator(12)
        value = float(m.group("vwhole") or 0) + float(fraction)
        return Token(
            DIG,
            start,
            m.end(),
            m.group(0),
            value=sign * value,
            precision=1.0 / fraction.denominator,
            integer=False,
            simple=False,
        )
    digits = m.group("digits")
    if digits[0] in ".,":  # ".08": a leading decimal mark, in the language's own mark only
        if digits[0] != w.decimal:
            return None
        value, precision, length = float("0" + "." + digits[1:]), 10.0 ** -(len(digits) - 1), len(digits)
    else:
        parsed = parse_digits(digits, w.decimal)
        if parsed is None:
            return None
        value, precision, length = parsed
        if length < len(digits):
            return _digit_list(m.start("digits"), digits, value, precision, length, sign, w.decimal)
    end = m.start("digits") + length
    simple = True
    if length == len(digits) and m.end() > m.end("digits"):
        raised = _exponent(m, value, precision)
        if raised is None:
            return None
        value, precision = raised
        end = m.end()
        simple = False
    return Token(
        DIG,
        start,
        end,
        text[start:end],
        value=sign * value,
        precision=precision,
        integer=precision >= 1.0,
        simple=simple,
    )


def _exponent(m: re.Match[str], value: float, precision: float) -> tuple[float, float] | None:
    """The value and precision of digits with an exponent: "1,2e6", "1,1^23", "8x2^10", "2.48×10−5"."""
    if m.group("exp"):  # "1,2e6": the precision moves with the exponent
        factor = 10.0 ** int(m.group("exp")[1:])
        return value * factor, precision * factor
    if m.group("pow"):  # "1,1^23"; "^--23" is "^23"
        exp = m.group("pow")
        power = int(exp.lstrip("+-")) * (-1 if exp.count("-") % 2 else 1)
        try:
            raised = value**power
        except (OverflowError, ZeroDivisionError):
            return None
        return raised, (abs(raised / value) * precision if value else precision)
    if m.group("bpow"):  # "8x2^10": a multiple of a power
        base, power = float(m.group("base")), int(m.group("bpow").replace("\u2212", "-"))
    else:  # "×10−5", "×10⁵"
        base, power = 10.0, int(m.group("tpow").translate(_SUPERSCRIPTS).replace("\u2212", "-"))
    try:
        factor = base**power
    except (OverflowError, ZeroDivisionError):
        return None
    return value * factor, precision * factor


def _digit_list(
    start: int, digits: str, value: float, precision: float, length: int, sign: float, decimal: str
) -> list[Token]:
    """Digits that no grouping reads whole: "2019 300" (cut at a blank) is two numbers, the second read
    again from its start; "192.168.1.2", "22,24,26,31" (cut at a mark) are a list of numbers.

    A valid grouping at the start stays one number ("192.168" in French); a decimal reading does not, since
    a decimal part is never followed by another mark: then every piece is a number of its own.
    """
    if digits[length] not in ".,'":
        first = Token(DIG, start, start + length, digits[:length], value=sign * value, precision=precision)
        first.integer = precision >= 1.0
        rest = digits[length + 1 :]
        parsed = parse_digits(rest, decimal)
        if parsed is None:
            return [first]
        at = start + length + 1
        if parsed[2] < len(rest):
            return [first, *_digit_list(at, rest, parsed[0], parsed[1], parsed[2], 1.0, decimal)]
        tok = Token(DIG, at, at + len(rest), rest, value=parsed[0], precision=parsed[1])
        tok.integer = parsed[1] >= 1.0
        return [first, tok]
    out: list[Token] = []
    skip = 0
    if precision >= 1.0:
        out.append(Token(DIG, start, start + length, digits[:length], value=sign * value))
        skip = length + 1
    for d in _INT.finditer(digits, skip):
        value = float(d.group(0)) * (sign if not out and d.start() == 0 else 1.0)
        out.append(Token(DIG, start + d.start(), start + d.end(), d.group(0), value=value))
    return out


def _previous_word(text: str, pos: int) -> str:
    m = _LAST_WORD.search(text, max(0, pos - 30), pos)
    return _plain(m.group(1)) if m else ""


def _runs(text: str, tokens: list[Token]) -> list[list[Token]]:
    """Groups adjacent tokens: words joined by blanks or a hyphen, digits by blanks."""
    runs: list[list[Token]] = []
    prev: Token | None = None
    for tok in tokens:
        if prev is not None and len(runs[-1]) < _MAX_RUN:
            gap = text[prev.end : tok.start]
            both_words = prev.kind != DIG and tok.kind != DIG
            if (_GAP_WORDS if both_words else _GAP_DIGITS).fullmatch(gap):
                tok.gap = gap
                runs[-1].append(tok)
                prev = tok
                continue
        runs.append([tok])
        prev = tok
    return runs


# --- Reading a run ------------------------------------------------------------------------------------


@dataclass
class Reading:
    value: float
    precision: float
    weak: bool = False
    scaled: bool = False  # a scale word is inside


def find_atoms(text: str, lex: Lexicon) -> list[Atom]:
    """All number atoms of ``text``, left to right, not overlapping."""
    w = _words(lex)
    atoms: list[Atom] = []
    for run in _runs(text, _tokens(text, w)):
        if len(run) == 1 and run[0].kind in _CONNECTOR_KINDS:
            continue  # a lone "in", "et", "point": no number
        atoms.extend(_read_run(text, run, w))
    return atoms


def _read_run(text: str, run: list[Token], w: Words) -> list[Atom]:
    atoms: list[Atom] = []
    i, n = 0, len(run)
    while i < n:
        found = None
        if n == 1 and run[0].kind == DIG:  # the common case: a lone digit number
            found = (1, Reading(run[0].value, run[0].precision))
        for strict in (True, False) if found is None else ():
            for j in range(n, i, -1):
                # A number does not stop right before a scale or multiplier it could have taken
                # ("one hundred and two | hundred"), unless nothing longer reads.
                if strict and j < n and _orphan(run[j], w):
                    continue
                reading = _read(run[i:j], text, w)
                if reading is not None:
                    found = (j, reading)
                    break
            if found:
                break
        if found is None:
            i += 1
            continue
        j, reading = found
        toks = run[i:j]
        end = toks[-1].end
        # "deux millions", "3 dozen": leave the last scale to the figure grammar when it reads it.
        last = toks[-1]
        if len(toks) > 1 and _figures_read(last, w) and last.gap.strip() == "":
            rest = _read(toks[:-1], text, w)
            if rest is not None and not rest.scaled:
                reading, end = rest, toks[-2].end
        elif last.kind == DIG and last.simple:
            end, reading = _letter_scale(text, end, last, reading, w)
        start = toks[0].start
        # The scale left to the figure grammar is part of the line: "- 3 million".
        sign = _line_sign(text, start, max(end, last.end)) if reading.value > 0 and not reading.weak else None
        if sign is not None:
            start, reading = sign, Reading(-reading.value, reading.precision, False, reading.scaled)
        spelled = any(t.kind != DIG for t in toks)
        # An article is a number only before a scale, unit, currency or duration name: not in "a $5 fee";
        # a bare "half" also after a qualifier ("more than half").
        if (
            reading.weak
            and not _weak_ok(text, end, w)
            and not _qualified_fraction(text, start, reading, w)
            and not _fraction_before_unit(text, end, reading, w)
        ):
            i = j
            continue
        atoms.append(
            Atom(start, end, _tidy(reading.value), reading.precision, spelled, reading.weak, reading.scaled)
        )
        i = j
    return atoms


def _line_sign(text: str, start: int, end: int) -> int | None:
    """Where a spaced minus before ``start`` begins, when it opens a line that holds nothing but the number:
    "- 1 4/5", "− 10 k".  Before words it is a list bullet ("- 12 arrests")."""
    k = start
    while k and text[k - 1] in _BLANK_CHARS:
        k -= 1
    if k == start or not k or text[k - 1] not in "-\u2212":
        return None
    sign = k - 1
    while k > 1 and text[k - 2] in _BLANK_CHARS:
        k -= 1
    if k > 1 and text[k - 2] not in "\r\n":
        return None
    return sign if _LINE_END.match(text, end) else None


def _qualified_fraction(text: str, start: int, reading: Reading, w: Words) -> bool:
    return reading.value < 1 and bool(w.qualifier.search(text, max(0, start - 40), start))


def _fraction_before_unit(text: str, end: int, reading: Reading, w: Words) -> bool:
    """ "half a percentage point", "half an hour": a bare fraction, an article, then a unit."""
    if reading.value >= 1:
        return False
    m = _NEXT_WORD_ARTICLE.match(text, end)
    return bool(m) and _plain(m.group(1)) in w.weak_next


def _weak_ok(text: str, end: int, w: Words) -> bool:
    m = _NEXT_WORD.match(text, end)
    return bool(m) and _plain(m.group(1)) in w.weak_next


def _tidy(value: float) -> float:
    """Rounds away float noise from sums of fractions (5.25000000001), keeping 15 significant digits."""
    return float(f"{value:.15g}") if value else 0.0


def _orphan(tok: Token, w: Words) -> bool:
    """A scale or "hundred"/"cent"/"mille" cannot start a number of its own after another number."""
    return (
        tok.kind == SCALE
        or tok.key in w.multipliers
        or (tok.kind == NUM and _spelled(tok.text, w) in (100.0, 1000.0))
    )


def _figures_read(tok: Token, w: Words) -> bool:
    return (
        tok.kind == SCALE or (tok.kind == NUM and tok.key in w.multipliers)
    ) and tok.key in w.figure_scales


def _letter_scale(text: str, end: int, last: Token, reading: Reading, w: Words) -> tuple[int, Reading]:
    """ "10k", "2,33 k", "1.2b": a scale letter after bare digits, when it is no unit and stands alone."""
    m = w.letter.match(text, end)
    if not m:
        return end, reading
    spec = w.letter_scales[m.group("letter")]
    if m.group("blank") and not spec.get("spaced"):
        return end, reading
    if m.group("letter") in w.units:
        return end, reading
    if spec.get("not_after_single_digit") and re.fullmatch(r"\d", last.text):
        return end, reading
    factor = float(spec["value"])
    return m.end(), Reading(reading.value * factor, reading.precision * factor, scaled=True)


def _read(toks: list[Token], text: str, w: Words) -> Reading | None:
    """One number from all of ``toks``, or None."""
    if not toks:
        return None
    if toks[0].kind == MINUS:
        inner = _read(toks[1:], text, w) if len(toks) > 1 else None
        if inner is None:
            return None
        return Reading(-inner.value, inner.precision, False, inner.scaled)
    kinds = [t.kind for t in toks]
    if OVER in kinds:
        return _read_over(toks, kinds.index(OVER), text, w)
    if DEC in kinds:
        return _read_decimal(toks, kinds.index(DEC), w)
    if DEN in kinds:
        return _read_with_fraction(toks, text, w)
    if any(t.kind == DIG and not t.simple for t in toks):
        return Reading(toks[0].value, toks[0].precision) if len(toks) == 1 else None
    return _read_int(toks, w)


def _read_over(toks: list[Token], k: int, text: str, w: Words) -> Reading | None:
    """ "un sur trois", "2000 over 3": the denominator must end the phrase."""
    top, bottom = _read_int(toks[:k], w), _read_int(toks[k + 1 :], w)
    if top is None or bottom is None or not bottom.value or top.scaled or bottom.scaled:
        return None
    end = toks[-1].end
    if not (toks[k].key in w.over and w.follower.match(text, end)) and not _ratio(
        toks[k], top, bottom, end, text, w
    ):
        return None
    return Reading(top.value / bottom.value, top.precision / bottom.value)


def _ratio(word: Token, top: Reading, bottom: Reading, end: int, text: str, w: Words) -> bool:
    """ "one in five have", "nine in ten Americans", "un sur cinq dit": a ratio before a word that is no
    unit, when it reads as one: a whole part of a whole below a hundred or a power of ten ("1 in 1,000"),
    never "5 in 2020" or "sur 3 ans"."""
    if word.key not in w.ratio or not 0 < top.value < bottom.value or top.value != int(top.value):
        return False
    if bottom.value > 100 and bottom.value != 10 ** round(math.log10(bottom.value)):
        return False
    return not _weak_ok(text, end, w)


def _read_decimal(toks: list[Token], k: int, w: Words) -> Reading | None:
    """ "deux cent virgule trois", "nine point nought four": spelled digits after the decimal word."""
    whole = _read_int(toks[:k], w)
    tail = toks[k + 1 :]
    if whole is None or whole.scaled or not tail or any(t.kind != NUM for t in tail + toks[:k]):
        return None
    values = [_spelled(t.text, w) for t in tail]
    if all(v is not None and v < 10 for v in values):
        digits = "".join(str(int(v)) for v in values if v is not None)
    else:
        zeros = 0
        while zeros < len(values) and values[zeros] == 0:
            zeros += 1
        rest = _spelled(" ".join(t.text for t in tail[zeros:]), w)
        if rest is None:
            return None
        digits = "0" * zeros + str(int(rest))
    return Reading(whole.value + float("0." + digits), 10.0 ** -len(digits))


def _read_with_fraction(toks: list[Token], text: str, w: Words) -> Reading | None:
    """A fraction, possibly after a whole and "et"/"and", possibly before a scale."""
    # The fraction's own scale after it: "un demi-million", "half a dozen", "two thirds of a million".
    den_at = max(i for i, t in enumerate(toks) if t.kind == DEN)
    tail = toks[den_at + 1 :]
    tail_scale = 1.0
    if tail:
        if tail[0].kind == OF or (tail[0].kind == NUM and tail[0].key in w.articles):
            tail = tail[1:]
        if len(tail) != 1 or tail[0].kind != SCALE:
            return None
        tail_scale = tail[0].value
    head = toks[: den_at + 1]
    # "une demi-finale", "a third-party", "a half-point cut": a fraction word glued to a noun is no number.
    if not tail and _COMPOUND.match(text, toks[den_at].end) and not _weak_ok(text, toks[den_at].end, w):
        return None  # but "une demi-heure", "un demi-point": a fraction of a unit
    # A whole and a fraction: "cent trois et deux tiers", "un million et demi", "one and a half".
    ands = [i for i, t in enumerate(head) if t.kind == AND]
    if ands and not _and_continues(head, ands[-1], w):
        a = ands[-1]
        whole = _read_int(head[:a], w)
        frac = _read_fraction(head[a + 1 :], text, toks[-1].end, w, after_and=True)
        if whole is not None and frac is not None:
            last_scale = whole.last_scale
            if tail_scale == 1.0:
                # "un million et demi" is 1,5 million; "cent et trois quarts" 100,75.
                return Reading(
                    whole.value + frac.value * last_scale, frac.precision * last_scale, scaled=whole.scaled
                )
            if last_scale > tail_scale:  # "one billion and a half million"
                return Reading(
                    whole.value + frac.value * tail_scale, frac.precision * tail_scale, scaled=True
                )
            if last_scale == 1.0:  # "two and a half million"
                return Reading(
                    (whole.value + frac.value) * tail_scale, frac.precision * tail_scale, scaled=True
                )
            return None
    frac = _read_fraction(head, text, toks[-1].end, w, after_and=False)
    if frac is None:
        return None
    if tail_scale != 1.0:
        return Reading(frac.value * tail_scale, frac.precision * tail_scale, scaled=True)
    return frac


def _read_fraction(toks: list[Token], text: str, end: int, w: Words, after_and: bool) -> Reading | None:
    """ "deux tiers", "a hundred trillionths", "un vingt et unième", a bare "demi".

    The numerator is taken as long as possible; hyphen-bound words go to a compound denominator, and so
    does, where the lexicon says so, a tens word between a numerator and a units ordinal.
    """
    den = toks[-1]
    words = toks[:-1]
    if den.kind != DEN or any(t.kind == DEN for t in words):
        return None
    ordinal = den.key in w.ordinals
    if not words:
        # Bare "demi"/"half": a number after "et" or before a scale; alone, weak.
        if den.key not in w.bare:
            return None
        return Reading(1.0 / den.value, 1.0 / den.value, weak=not after_and)
    if _previous_word(text, toks[0].start) in w.not_after:
        return None
    # Hyphen-bound words belong to a compound denominator when they make one ("thirty-fifths"); where only
    # tens and units are hyphenated, "ninety-five hundred-fifths" is 9500 fifths.
    bound = len(words)
    while (
        bound > 0
        and toks[bound].gap == "-"
        and words[bound - 1].kind in (NUM, AND)
        and not (w.hyphen_below_hundred and words[bound - 1].key in w.hundreds)
    ):
        bound -= 1
    if bound < len(words) and _denominator(words[bound:], den, w) is None:
        bound = len(words)
    # Where the lexicon says so, a tens word right before a units ordinal makes a compound denominator after
    # a numerator: "one hundred thirty fifths" is 100 thirty-fifths, "twenty twenty fifths" 20/25; alone it
    # is the numerator ("twenty fifths" is 4), and after "and" it ends the cardinal ("one hundred and thirty
    # fifths" is 130 fifths).
    if (
        w.spaced_compound_ordinals
        and bound == len(words) >= 2
        and words[-1].key in w.tens
        and den.key in w.unit_ordinals
        and words[-2].kind == NUM
    ):
        bound -= 1
    for k in range(bound, 0, -1):
        denominator = _denominator(words[k:], den, w)
        if denominator is None:
            continue
        # Digits take no spelled denominator: "100 millionths" is rather 100 and an ordinal.
        top = _read_int(words[:k], w) if all(t.kind != DIG for t in words[:k]) else None
        if top is None:
            continue
        # A singular ordinal is a fraction only before "de"/"of" or the end: "un cinquième mandat" is not.
        if ordinal and not den.plural and not w.follower.match(text, end):
            return None
        return Reading(top.value / denominator, top.precision / denominator, scaled=top.scaled)
    return None


def _and_continues(head: list[Token], a: int, w: Words) -> bool:
    """ "and" then a tens word after a hundred or a scale goes on with the cardinal, not a whole and a
    fraction: "one hundred and thirty fifths" is 130 fifths, "one hundred and three quarters" 100¾."""
    if not w.and_after_scale or a == 0 or a + 1 >= len(head):
        return False
    before, after = head[a - 1], head[a + 1]
    return (before.kind == SCALE or before.key in w.hundreds) and after.key in w.tens


def _denominator(prefix: list[Token], den: Token, w: Words) -> float | None:
    if den.key in w.fractions:
        return float(den.value) if not prefix else None
    cardinal = w.ordinals[den.key]
    if not prefix:
        if den.key in w.compound_only:
            return None
        plain = _plain(cardinal)
        return w.scales.get(plain) or _cardinal(cardinal, w.lang)
    if any(t.kind not in (NUM, AND) or t.key in w.articles for t in prefix) or _plain(cardinal) in w.scales:
        return None
    return _spelled(" ".join(t.text for t in prefix) + " " + cardinal, w)


@dataclass
class _IntReading(Reading):
    last_scale: float = 1.0


def _read_int(toks: list[Token], w: Words) -> _IntReading | None:
    """A whole number: spelled groups and digits, with scales ("trois millions deux cent mille",
    "4 thousand 3 hundred and 21", "three lakh crore")."""
    parts: list[tuple[float, float, float]] = []  # value, scale, precision of each scaled group
    cur: _Group | None = None  # the group not yet scaled
    after_and = False
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n else None
        if t.kind == DIG:
            if cur is not None:
                # "3 hundred and 21"
                if not (cur.hundreds and after_and and t.integer and t.simple and 0 <= t.value < 100):
                    return None
                cur = _Group(cur.value + t.value, 1.0, False, True)
            else:
                if not t.simple or (t.value < 0 and i > 0):
                    return None
                # Digits after a scale only after "and" or before a multiplier: "10 millions 5 ans" is two.
                if parts and not after_and and not (nxt is not None and nxt.key in w.multipliers):
                    return None
                cur = _Group(t.value, t.precision, False, True)
        elif t.kind == NUM and cur is not None and cur.digits and not cur.hundreds and t.key in w.multipliers:
            factor = w.multipliers[t.key]
            if factor >= 1000:  # "4 thousand": a scale
                if parts and (parts[-1][1] <= factor or cur.value * factor >= parts[-1][1]):
                    return None
                parts.append((cur.value * factor, factor, cur.precision * factor))
                cur = None
            else:  # "322 hundred", "2.12 hundred"
                cur = _Group(cur.value * factor, cur.precision * factor, False, True, hundreds=True)
        elif t.kind == NUM:
            j = i
            while j < n and (
                toks[j].kind == NUM or (toks[j].kind == AND and j + 1 < n and toks[j + 1].kind == NUM)
            ):
                j += 1
            value = _group_value(toks[i:j], w)
            if value is None:
                return None
            weak = j == i + 1 and (t.key in w.weak or t.key in w.articles)
            # An article only opens a number ("a hundred"): "1.17 billion a year" is no 1 170 000 001; "one"
            # inside a number follows "and" ("3 hundred and one").
            if i > 0 and (t.key in w.articles or (weak and not after_and)):
                return None
            if cur is not None:
                # "3 hundred and one"
                if not (cur.hundreds and after_and and value < 100):
                    return None
                cur = _Group(cur.value + value, 1.0, False, False)
            else:
                cur = _Group(value, 1.0, weak, False)
            i = j
            after_and = False
            if parts and cur.value >= parts[-1][1]:
                return None
            continue
        elif t.kind == SCALE:
            if after_and:
                return None
            if cur is None:
                # "three lakh crore": a scale multiplying the group before.
                if not parts or parts[-1][1] >= t.value:
                    return None
                v, s, p = parts.pop()
                parts.append((v * t.value, s * t.value, p * t.value))
            else:
                if parts and (parts[-1][1] <= t.value or cur.value * t.value >= parts[-1][1]):
                    return None
                parts.append((cur.value * t.value, t.value, cur.precision * t.value))
                cur = None
        elif t.kind == AND:
            # "twenty-one trillion and three hundred", "3 hundred and 21".
            ok = (cur is not None and cur.hundreds) or (cur is None and parts and w.and_after_scale)
            if after_and or nxt is None or not ok:
                return None
            after_and = True
            i += 1
            continue
        else:
            return None
        if parts and cur is not None and cur.value >= parts[-1][1]:
            return None
        after_and = False
        i += 1
    if after_and or (cur is None and not parts):
        return None
    total = sum(p[0] for p in parts) + (cur.value if cur else 0.0)
    if cur is not None:
        return _IntReading(total, cur.precision, cur.weak and not parts, bool(parts), 1.0)
    return _IntReading(total, parts[-1][2], False, True, parts[-1][1])


@dataclass
class _Group:
    value: float
    precision: float
    weak: bool
    digits: bool
    hundreds: bool = False  # digits times "hundred": "and 21" may follow


def _group_value(group: list[Token], w: Words) -> float | None:
    """A run of cardinal words read by text2num; an article stands for "one" before more words."""
    words = [t.text for t in group]
    if group[0].key in w.articles:
        if len(group) == 1:
            return 1.0
        words[0] = w.articles[group[0].key]
    elif len(group) > 1 and _spelled(words[0], w) == 0.0:
        return None  # "three-nought-four", "zero four": digits said one by one, no cardinal
    return _spelled(" ".join(words), w)


def trigger_words(lex: Lexicon) -> list[str]:
    """The words beyond number words and scales that can make a figure on their own, for the cheap test that
    a sentence may hold one: fraction and minus words that make a number with an article ("un tiers", "a
    half", "minus one"), vulgar fractions ("½"), a currency's subunits ("a penny"), and the phrases that
    count without a number word: an article before a duration ("an hour"), a vague count ("a few hours",
    "quelques jours") or a whole unit of time ("all day", "toute la journée")."""
    r = lex.raw
    words = list(r.get("fraction_words") or {}) + list(r.get("minus_words") or [])
    words += [o + s for o in (r.get("ordinals") or {}) for s in ("", "s")]
    words += [chr(c) for c in (0xBC, 0xBD, 0xBE, *range(0x2150, 0x215F))]
    words += [n for n in lex.subunits if len(n) > 2]
    # Phrases, not their words: "hours" or "few" alone would wake the grammar on many sentences; each
    # phrase costs the test a little on every sentence, so only spelled units, and only the singular after
    # an article.  Articles before days, weeks, months and years are in the dates lexicon's count units.
    spelled = [u for u in lex.durations if len(u) > 2 and "." not in u]
    counted = {fold(u) for u in (r.get("count_units") or {})}
    plural = {u for u in spelled if u[-1:] in "sx" and u[:-1] in lex.durations}
    singular = [u for u in spelled if u not in counted and u not in plural]
    words += [_phrase(a, u) for a in r.get("weak_words") or [] for u in singular]
    # "a few" is found by "few"; after a vague count, only plurals ("quelques heures", "several weeks").
    vague = [v for v in r.get("vague_counts") or {} if " " not in v]
    words += [_phrase(v, u) for v in vague for u in spelled if u + "s" not in lex.durations]
    words += list(r.get("whole_durations") or [])
    return sorted(set(words) | {_strip_accents(x) for x in words})


def _phrase(first: str, second: str) -> str:
    """Two words as written: "an hour", "toute l'année"."""
    return first + second if first[-1:] in "'’" else f"{first} {second}"
