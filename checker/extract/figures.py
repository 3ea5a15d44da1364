"""The figure grammar: builds money, percentages, quantities, durations and counts around number atoms.

Around each atom it looks, in this order, for a scale word ("milliards", "bn",
"Md"), a currency, percent sign or unit after it (possibly joined by "de"/"d'"/
"of", possibly glued: "5Md€", "3.5bn", "29km"), a currency symbol or code before
it ("$", "US$", "USD"), a second atom making a range ("entre 40 et 45",
"10-15 %"), and a qualifier before it ("plus de", "près de", "up to").  All
words come from the language's lexicon; nothing here names a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon, alternation, fold
from ..models import Mention
from .numbers import Atom, find_atoms

BLANK = r"[\s\u00a0\u202f]"
APPROX_KINDS = {"about"}
LOWER_KINDS = {"more_than", "at_least"}
UPPER_KINDS = {"less_than", "at_most", "up_to"}


@dataclass
class Grammar:
    lex: Lexicon
    scale: re.Pattern[str]
    glued_scale: re.Pattern[str]
    currency_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    subunit_after: re.Pattern[str]
    cents_tail: re.Pattern[str]
    url: re.Pattern[str]
    clock_before: re.Pattern[str]
    percent: re.Pattern[str]
    points: re.Pattern[str]
    unit_after: re.Pattern[str]
    duration_after: re.Pattern[str]
    counted_after: re.Pattern[str]
    range_joiner: re.Pattern[str]
    range_start: re.Pattern[str]
    qualifier: re.Pattern[str]
    time: re.Pattern[str]


@lru_cache(maxsize=8)
def grammar_for(lex: Lexicon) -> Grammar:
    r = lex.raw
    # "de"/"of" need a blank after them; "d'" glues to the next word ("d'USD").
    word_joiners = alternation([j.strip() for j in r["unit_joiners"] if j.strip()[-1:] not in "'’"])
    glue_joiners = alternation(
        [j.strip() for j in r["unit_joiners"] if j.strip()[-1:] in "'’"], boundary=False
    )
    joined = rf"{BLANK}+(?:(?:{word_joiners}){BLANK}+|(?:{glue_joiners}){BLANK}*)"
    # A hyphen makes a compound adjective: "a 12-cent dividend", "a 2,5-km stretch", "68-ounce cans".
    join = rf"(?:{joined}|{BLANK}*|-)"
    join_words = rf"(?:{joined}|{BLANK}+|-)"
    scale_words = [w for w in lex.scales if w not in lex.ambiguous_scales]
    symbols = list(lex.currency_symbols)
    sym_alt = alternation(symbols, boundary=False)
    cur_names = alternation(lex.currencies.keys())
    unit_sym = alternation(lex.unit_symbols.keys(), boundary=False)
    unit_names = alternation(lex.units.keys())
    subunit_names = alternation(lex.subunits.keys(), boundary=False)
    ambiguous = alternation(lex.ambiguous_scales, boundary=False)
    return Grammar(
        lex=lex,
        # A scale word after the number: "380 millions", "2,5 Mds", "5 M$" (ambiguous letters need a
        # currency or unit right after them, checked by the caller).
        scale=re.compile(
            rf"{BLANK}*(?:(?P<word>{alternation(scale_words)})|(?P<amb>{ambiguous})(?![\w]))",
            re.IGNORECASE if lex.lang == "en" else 0,
        ),
        glued_scale=re.compile(rf"(?P<word>{alternation(list(lex.scales), boundary=False)})"),
        currency_after=re.compile(
            rf"(?:{join}(?P<name>{cur_names})|{join}(?P<sym>{sym_alt})(?![A-Za-z]))", re.IGNORECASE
        ),
        currency_before=re.compile(rf"(?P<sym>{sym_alt}){BLANK}?$", re.IGNORECASE),
        subunit_after=re.compile(rf"(?:{BLANK}*|-)(?P<name>{subunit_names})(?![\w])", re.IGNORECASE),
        # "15 dollars et 15 cents", "3 dollars 50": the hundredths after a whole amount.
        cents_tail=re.compile(
            rf"{BLANK}+(?:(?:et|and){BLANK}+)?(?P<num>\d{{1,2}}|[a-zà-ÿ]+(?:[- ][a-zà-ÿ]+)?)"
            rf"(?:{BLANK}*(?P<name>{subunit_names})(?![\w])|(?=[{BLANK[1:-1]}]*(?:[.,;:!?)]|$)))",
            re.IGNORECASE,
        ),
        url=re.compile(r"(?:https?://|www\.)\S+"),
        clock_before=re.compile(rf"(?:{alternation(r.get('clock_before', []))}){BLANK}*$", re.IGNORECASE),
        percent=re.compile(
            rf"{BLANK}*(?:{alternation(r['percent'], boundary=False)})(?![A-Za-z])", re.IGNORECASE
        ),
        points=re.compile(rf"{BLANK}+(?:{alternation(r['percent_points'])})", re.IGNORECASE),
        unit_after=re.compile(
            rf"(?:{join_words}(?P<name>(?i:{unit_names}))|{join}(?P<sym>{unit_sym})(?![\w/²³-]))"
        ),
        duration_after=re.compile(rf"{BLANK}*(?:{alternation(lex.durations.keys())})", re.IGNORECASE),
        counted_after=re.compile(rf"{join_words}(?P<name>{alternation(lex.counted.keys())})", re.IGNORECASE),
        range_joiner=re.compile(rf"^(?:{alternation(r['range_joiners'], boundary=False)})"),
        range_start=re.compile(rf"(?:{alternation(r['range_start'])}){BLANK}*$", re.IGNORECASE),
        qualifier=lex.patterns["qualifier"],
        time=re.compile(r"(?<!\d)\d{1,2}(?:h|:)\d{2}(?!\d)|(?<!\d)\d{1,2}h(?!\w)"),
    )


@dataclass
class Figure:
    """A figure under construction: one or two atoms and what was found around them."""

    start: int
    end: int
    atoms: list[Atom]
    scale: float = 1.0
    kind: str = "number"
    unit: str | None = None
    counted: str | None = None
    qualifier: str | None = None
    unit_factor: float = 1.0
    extra: float = 0.0  # hundredths written after a whole amount


def _unit_symbol(match: re.Match[str], lex: Lexicon) -> str | None:
    sym = match.group("sym")
    if sym is None:
        return None
    return lex.unit_symbols.get(sym)


def _suffix(text: str, pos: int, g: Grammar, fig: Figure) -> int:
    """Reads scale and unit after ``pos``; sets the figure's kind and unit; returns the new end."""
    lex = g.lex
    # Scale word, spaced or glued ("3.5bn", "5Md").
    amb_scale = None
    m = g.scale.match(text, pos)
    glued = g.glued_scale.match(text, pos)
    if glued and (pos >= len(text) or not text[pos].isspace()):
        word = glued.group("word")
        after = glued.end()
        if after >= len(text) or not text[after].isalpha():
            fig.scale = lex.scales[word]
            pos = after
            if word in lex.ambiguous_scales:
                amb_scale = word
    elif m:
        word = m.group("word") or m.group("amb")
        scale = _scale_value(lex, word)
        if scale:
            if m.group("amb"):
                amb_scale = word
            fig.scale = scale
            pos = m.end()
    # Currency.
    cm = g.currency_after.match(text, pos)
    if cm:
        name, sym = cm.group("name"), cm.group("sym")
        code = lex.currencies.get(fold(name)) if name else _symbol_code(lex, sym)
        if code and name and fig.scale == 1.0 and fold(name) in _ambiguous_names(lex):
            code = None
        if code:
            fig.kind, fig.unit = "money", code
            return _cents(text, cm.end(), g, fig)
    if fig.scale == 1.0:
        sm = g.subunit_after.match(text, pos)
        if sm:
            fig.kind, fig.unit = "money", lex.subunits[fold(sm.group("name"))]
            return sm.end()
    if amb_scale:
        # A lone "M"/"k"/"m" that no currency follows is not a scale: "5 m" is five metres.
        fig.scale = 1.0
        pos = _undo_scale(text, pos, amb_scale)
    # Points first: "percentage points" must not stop at "percentage".
    pt = g.points.match(text, pos)
    if pt and fig.scale == 1.0 and _looks_like_points(text, pt, g):
        fig.kind, fig.unit = "percent", "pp"
        return pt.end()
    pm = g.percent.match(text, pos)
    if pm and fig.scale == 1.0:
        fig.kind, fig.unit = "percent", "%"
        return pm.end()
    um = g.unit_after.match(text, pos)
    if um:
        unit = lex.units.get(fold(um.group("name"))) if um.group("name") else _unit_symbol(um, lex)
        if unit:
            fig.kind, fig.unit = "quantity", unit
            return um.end()
    dm = g.duration_after.match(text, pos)
    if dm and fig.scale == 1.0 and _clock_time(text, fig.start, dm, g):
        fig.kind = "clock"  # "à 16 heures": a time of day, which is no figure to check
        return dm.end()
    if dm and fig.scale == 1.0:
        fig.kind, fig.unit = "duration", "s"
        fig.unit_factor = lex.durations[fold(dm.group(0))]
        return dm.end()
    km = g.counted_after.match(text, pos)
    if km:
        fig.counted = lex.counted[fold(km.group("name"))]
        # The counted noun is context, not part of the figure's span.
    return pos


@lru_cache(maxsize=8)
def _ambiguous_names(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(n) for n in lex.raw.get("ambiguous_currency_names", []))


def _clock_time(text: str, start: int, dm: re.Match[str], g: Grammar) -> bool:
    """ "à 16 heures", "vers 8 h": an hour after a clock preposition is a time of day."""
    unit = fold(dm.group(0))
    if unit not in {fold(u) for u in g.lex.raw.get("clock_units", [])}:
        return False
    return bool(g.clock_before.search(text[max(0, start - 12) : start]))


def _symbol_code(lex: Lexicon, sym: str) -> str | None:
    """A currency symbol or code, exactly as written or else ignoring case ("c $" is "C$")."""
    code = lex.currency_symbols.get(sym)
    if code:
        return code
    folded = fold(sym)
    for key, value in lex.currency_symbols.items():
        if fold(key) == folded:
            return value
    return None


def _cents(text: str, pos: int, g: Grammar, fig: Figure) -> int:
    """Adds the hundredths written after a whole amount ("15 dollars et 15 cents") to the figure."""
    if fig.scale != 1.0:
        return pos
    m = g.cents_tail.match(text, pos)
    if not m:
        return pos
    atoms = find_atoms(m.group("num"), g.lex)
    if len(atoms) != 1 or atoms[0].end - atoms[0].start != len(m.group("num")):
        return pos
    cents = atoms[0].value
    if not 0 < cents < 100 or cents != int(cents):
        return pos
    fig.extra = cents / 100.0
    return m.end("name") if m.group("name") else m.end("num")


def _scale_value(lex: Lexicon, word: str) -> float | None:
    if word in lex.scales:
        return lex.scales[word]
    lowered = {k.lower(): v for k, v in lex.scales.items() if k not in lex.ambiguous_scales}
    return lowered.get(word.lower())


def _undo_scale(text: str, pos: int, word: str) -> int:
    start = pos - len(word)
    while start > 0 and text[start - 1] in " \u00a0\u202f":
        start -= 1
    return start


def _looks_like_points(text: str, match: re.Match[str], g: Grammar) -> bool:
    """ "3 points de pourcentage" is clear; a bare "3 points" only where the text also speaks in percent."""
    if len(match.group(0).split()) > 1:
        return True
    return bool(g.percent.search(text))


def _prefix_currency(text: str, start: int, g: Grammar) -> tuple[int, str] | None:
    window = text[max(0, start - 8) : start]
    m = g.currency_before.search(window)
    if not m:
        return None
    sym = m.group("sym")
    code = _symbol_code(g.lex, sym)
    if not code:
        return None
    begin = start - (len(window) - m.start())
    # A code glued to a preceding word is not a currency ("ABCUSD").
    if begin > 0 and text[begin - 1].isalnum() and sym[0].isalpha():
        return None
    return begin, code


def build_figures(text: str, lex: Lexicon, taken: list[tuple[int, int]]) -> list[Mention]:
    """Every figure of ``text`` outside the ``taken`` spans (dates, times), as mentions."""
    g = grammar_for(lex)
    blocked = list(taken) + [(m.start(), m.end()) for m in g.time.finditer(text)]
    blocked += [(m.start(), m.end()) for m in g.url.finditer(text)]
    atoms = [
        a for a in find_atoms(text, lex) if not _inside(a.start, a.end, blocked) and not _identifier(text, a)
    ]
    mentions: list[Mention] = []
    i = 0
    while i < len(atoms):
        if mentions and atoms[i].start < mentions[-1].end:  # read as part of the previous figure
            i += 1
            continue
        atom = atoms[i]
        fig = Figure(atom.start, atom.end, [atom])
        # Glued letters that are not a scale, unit, currency or percent make it no figure ("2e", "A4").
        end = _suffix(text, atom.end, g, fig)
        if _glued_junk(text, atom, end):
            i += 1
            continue
        # A range "X à Y", "X-Y", "entre X et Y".
        consumed = 1
        if i + 1 < len(atoms):
            nxt = atoms[i + 1]
            between = (
                text[atom.end : nxt.start]
                if fig.kind == "number" and fig.scale == 1.0
                else text[end : nxt.start]
            )
            if g.range_joiner.match(between) and len(between) <= 6 and _range_ok(text, atom, g, between):
                fig2 = Figure(nxt.start, nxt.end, [nxt])
                end2 = _suffix(text, nxt.end, g, fig2)
                same_unit = fig.kind == "number" or fig.unit == fig2.unit  # "44 ml to 50 mg" is two figures
                if fig.kind in ("number", fig2.kind) and same_unit and not _glued_junk(text, nxt, end2):
                    # "40 à 45 milliards d'euros": the first number takes the scale and unit written once.
                    if fig.kind == "number":
                        fig.kind, fig.unit, fig.unit_factor = fig2.kind, fig2.unit, fig2.unit_factor
                        if fig.scale == 1.0:
                            fig.scale = fig2.scale
                    fig.counted = fig.counted or fig2.counted
                    fig.atoms.append(nxt)
                    fig.end = end2
                    end = end2
                    consumed = 2
        fig.end = end
        start = fig.start
        pre = _prefix_currency(text, start, g)
        if pre and fig.kind in ("number", "money"):
            start, code = pre
            if fig.kind == "number":
                fig.kind, fig.unit = "money", code
        fig.start = start
        mention = _to_mention(text, fig, g)
        i += consumed
        if mention is not None:
            mentions.append(mention)
    return mentions


def _identifier(text: str, atom: Atom) -> bool:
    """ "SCP-173", "L-202", "COVID-19": digits after letters and a hyphen name a thing, they count nothing."""
    return atom.start >= 2 and text[atom.start - 1] == "-" and text[atom.start - 2].isalpha()


def _range_ok(text: str, atom: Atom, g: Grammar, between: str) -> bool:
    stripped = between.strip()
    if stripped in ("-", "–", ""):
        return True
    # Word joiners ("et", "à", "and", "to") need a range opener before the first number, except "à"/"to".
    if stripped.lower() in ("à", "to", "au"):
        return True
    return bool(g.range_start.search(text[max(0, atom.start - 12) : atom.start]))


def _glued_junk(text: str, atom: Atom, end: int) -> bool:
    nxt = text[atom.end : atom.end + 1]
    return end == atom.end and nxt.isalpha()


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _to_mention(text: str, fig: Figure, g: Grammar) -> Mention | None:
    first = fig.atoms[0]
    if fig.kind == "clock":
        return None
    if first.weak and fig.scale == 1.0:
        # "un"/"a" is an article unless a scale, a currency or a spelled-out unit follows ("une tonne").
        unit_words = text[first.end : fig.end].strip()
        if fig.kind in ("number", "percent", "duration") or (fig.kind == "quantity" and len(unit_words) < 3):
            return None
    factor = fig.scale * fig.unit_factor
    qualifier = None
    start = fig.start
    # Qualifier right before the figure (or before "entre"/"between" for a range).
    before = text[max(0, start - 40) : start]
    if len(fig.atoms) == 2:
        rs = g.range_start.search(before)
        if rs:
            start -= len(before) - rs.start()
            before = text[max(0, start - 40) : start]
    qm = g.qualifier.search(before)
    if qm:
        qualifier = g.lex.qualifiers.get(fold(qm.group(0)))
    # An atom that holds its own scale ("4 milliards et demi") takes only the unit's factor.
    factors = [fig.unit_factor if a.scaled else factor for a in fig.atoms]
    values = [a.value * f + fig.extra for a, f in zip(fig.atoms, factors, strict=True)]
    precision = 0.01 if fig.extra else min(a.precision * f for a, f in zip(fig.atoms, factors, strict=True))
    low = high = None
    value: float | None = values[0]
    if len(values) == 2:
        low, high = sorted(values)
        value = None
        qualifier = "range"
    elif qualifier in LOWER_KINDS:
        low = value
    elif qualifier in UPPER_KINDS:
        high = value
    span_text = text[start : fig.end]
    # Values are rounded to 12 significant digits so that 38.5 * 1e9 prints as 38500000000.0.
    return Mention(
        start=start,
        end=fig.end,
        text=span_text,
        kind=fig.kind,
        value=_round(value),
        unit=fig.unit,
        low=_round(low),
        high=_round(high),
        qualifier=qualifier,
        precision=_round(precision),
        counted=fig.counted,
    )


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return float(f"{x:.12g}")
