"""The figure grammar: builds money, percentages, quantities, durations and counts around number atoms.

Around each atom it looks, in this order, for a scale word ("milliards", "bn",
"Md"), a currency, percent sign or unit after it (possibly joined by "de"/"d'"/
"of", possibly glued: "5Md€", "3.5bn", "29km"), a currency symbol or code before
it ("$", "US$", "USD"), a second atom making a range ("entre 40 et 45",
"10-15 %"), and a qualifier before it ("plus de", "près de", "up to").  All
words come from the language's lexicon; nothing here names a word.

Durations also come without a number atom: vaguely counted ("a few hours", about three) or whole ("all
day").  A fraction may follow a unit ("two years and a half"); a bare number before "and"/"or" shares the
unit of the figure after it ("45 and 50 mg"), and a value and its margin are one figure ("2.5 ± 0.1 kg",
precise to the margin).  A bare number after an age word is years ("aged 87").  Some units count only in
context: a double quote that closes no quotation is inches ('a 9" plate'), a glued "C"/"F" a temperature
where the text speaks of one ("highs of 30C"), "pm"/"am" a length where no time of day can be meant ("a
size of 2.1 pm").  A few quantities are named with no number ("absolute zero").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon, alternation, fold, trie_alternation
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
    not_figure: re.Pattern[str]
    cued_not_figures: list[tuple[tuple[str, ...], re.Pattern[str]]]
    reference: re.Pattern[str]
    any_cue: re.Pattern[str]
    clock_before: re.Pattern[str]
    percent: re.Pattern[str]
    points: re.Pattern[str]
    unit_after: re.Pattern[str]
    duration_after: re.Pattern[str]
    counted_after: re.Pattern[str]
    range_joiner: re.Pattern[str]
    range_start: re.Pattern[str]
    range_not_after: re.Pattern[str]
    denominator_before: re.Pattern[str]
    qualifier: re.Pattern[str]
    time: re.Pattern[str]
    duration_joined: re.Pattern[str]
    glued_duration: re.Pattern[str]
    clock_after: re.Pattern[str]
    unit_fraction: re.Pattern[str]
    fractions: dict[str, float]
    counted_duration: re.Pattern[str]
    vague_before: re.Pattern[str]
    vague_counts: dict[str, float]
    rate_before: re.Pattern[str]
    article_context_before: re.Pattern[str] | None
    article_context_after: re.Pattern[str] | None
    articles: frozenset[str]
    article_exclusions: dict[str, frozenset[str]]
    guarded_unit: re.Pattern[str]
    spaced_sign: re.Pattern[str]
    signed_units: frozenset[str]
    list_joiner: re.Pattern[str]
    percent_before: re.Pattern[str]
    phrase_end: re.Pattern[str]
    joined_or_end: re.Pattern[str]
    compound_joiner: re.Pattern[str]
    fraction_joiner: re.Pattern[str]
    margin_joiner: re.Pattern[str]
    age_before: re.Pattern[str]
    age_seconds: float
    named: re.Pattern[str]
    named_values: dict[str, tuple[float, str]]
    quote_unit: re.Pattern[str]
    cued_glued: re.Pattern[str]
    temperature_cue: re.Pattern[str]
    clock_unit: re.Pattern[str]
    length_cue: re.Pattern[str]


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
    bracket_sym = alternation([u for u in lex.unit_symbols if len(u) > 1], boundary=False)
    unit_names = alternation(lex.units.keys())
    subunit_names = alternation(lex.subunits.keys(), boundary=False)
    ambiguous = alternation(lex.ambiguous_scales, boundary=False)
    clock_units = {fold(u) for u in r.get("clock_units", [])}
    durations = alternation(lex.durations.keys(), boundary=False)
    glued_durations = {str(k): dict(v) for k, v in (r.get("glued_durations") or {}).items()}
    # "and a half", "et demie": fraction words of numbers.yaml that stand alone after a unit.
    fractions = {
        fold(k): 1.0 / float(v)
        for k, v in (r.get("fraction_words") or {}).items()
        if not str(k).endswith("s")
    }
    vague = r.get("vague_counts") or {}
    whole = r.get("whole_durations") or []
    context = r.get("article_duration_context")
    pct_words = [j for j in r.get("percent_before_joiners", []) if j[-1:] not in "'’"]
    pct_glued = [j for j in r.get("percent_before_joiners", []) if j[-1:] in "'’"]
    named = {fold(k): (float(v[0]), str(v[1])) for k, v in (r.get("named_quantities") or {}).items()}
    cued = r.get("cued_glued_units") or {}
    cues = [str(c) for c in r.get("temperature_cues", [])]
    # "30C (86F)": the two scales side by side speak of temperature by themselves.
    cued_alt = alternation(cued, boundary=False)
    pair = rf"\d{cued_alt}{BLANK}*\({BLANK}*[-\u2212+]?\d[\d.,]*{cued_alt}{BLANK}*\)"
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
        # Phone numbers, postcodes: patterns that begin with a literal character, one fast scan.
        not_figure=re.compile("|".join(str(x) for x in r.get("not_figures", [])) or r"(?!x)x"),
        # Street numbers, reading times: looked for only where one of their cues is in the text.
        cued_not_figures=[
            (tuple(str(c) for c in e["cues"]), re.compile(str(e["pattern"])))
            for e in r.get("not_figures_cued", [])
        ],
        any_cue=re.compile(trie_alternation(c for e in r.get("not_figures_cued", []) for c in e["cues"])),
        # "l'article 49.3", "Section 1030", "la loi n° 2023-270", "article L. 432-12": a reference word, then
        # the number that names the thing.
        reference=re.compile(
            rf"(?<![\w.])(?:{trie_alternation(r.get('reference_words', []))})(?![^\W\d_])"
            rf"(?={BLANK}*(?:n[°º]|[A-Z]{{1,2}}\.?{BLANK}?)?\d)",
            re.IGNORECASE,
        ),
        clock_before=re.compile(rf"(?:{alternation(r.get('clock_before', []))}){BLANK}*$", re.IGNORECASE),
        percent=re.compile(
            rf"{BLANK}*(?:{alternation(r['percent'], boundary=False)})(?![A-Za-z])", re.IGNORECASE
        ),
        points=re.compile(rf"(?:{BLANK}+|-)(?:{alternation(r['percent_points'])})", re.IGNORECASE),
        # "20 (kg)", "20 [kg]": a unit symbol of two letters or more alone in brackets.
        unit_after=re.compile(
            rf"(?:{join_words}(?P<name>(?i:{unit_names}))|{join}(?P<sym>{unit_sym})(?![\w/²³-])"
            rf"|{BLANK}*(?P<open>[(\[{{<])(?P<bsym>{bracket_sym})(?P<close>[)\]}}>]))"
        ),
        # Spaced, glued ("3heures", "3.5years") or hyphenated ("a two-year break").
        duration_after=re.compile(rf"(?:{BLANK}*|-)(?:{durations})(?![\w])", re.IGNORECASE),
        counted_after=re.compile(rf"{join_words}(?P<name>{alternation(lex.counted.keys())})", re.IGNORECASE),
        range_joiner=re.compile(rf"^(?:{alternation(r['range_joiners'], boundary=False)})"),
        range_start=re.compile(rf"(?:{alternation(r['range_start'])}){BLANK}*$", re.IGNORECASE),
        # "fell by 12,000 to 210,000": a change then a level, no range.
        range_not_after=re.compile(
            rf"(?:{alternation(r.get('range_not_after', []))}){BLANK}*$", re.IGNORECASE
        ),
        denominator_before=re.compile(
            rf"(?:{alternation(r.get('rate_denominator_before', []))}){BLANK}+$", re.IGNORECASE
        ),
        qualifier=lex.patterns["qualifier"],
        # "16h30", "16:30"; a bare "16h" is a time of day only where "h" is a clock unit (French).
        time=re.compile(
            r"(?<!\d)\d{1,2}(?:h|:)\d{2}(?!\d)" + (r"|(?<!\d)\d{1,2}h(?!\w)" if "h" in clock_units else "")
        ),
        # "millions d'années", "4 billion years": after a scale word, a duration may follow "de"/"of".
        duration_joined=re.compile(rf"{joined}(?:{durations})(?![\w])", re.IGNORECASE),
        glued_duration=re.compile(rf"(?P<letter>{alternation(glued_durations, boundary=False)})(?![\w])"),
        clock_after=re.compile(
            rf"{BLANK}*(?:{alternation(r.get('clock_after', []), boundary=False)})(?![\w])", re.I
        ),
        unit_fraction=re.compile(
            rf"{BLANK}+(?:{alternation(r.get('unit_fractions', []))}){BLANK}+"
            rf"(?P<frac>{alternation(fractions)})(?![\w-])",
            re.IGNORECASE,
        ),
        fractions=fractions,
        # One pass for both: "a few hours" (vague) and "all day" (whole).
        counted_duration=re.compile(
            rf"(?<![\w])(?P<q>{alternation(vague)}){BLANK}+(?P<unit>{durations})(?![\w])"
            rf"|(?P<whole>{alternation(whole)})",
            re.IGNORECASE,
        ),
        vague_before=re.compile(rf"(?:{alternation(vague)}){BLANK}+$", re.IGNORECASE),
        vague_counts={fold(k): float(v) for k, v in vague.items()},
        rate_before=re.compile(rf"(?:{alternation(r.get('rate_before', []))}){BLANK}+$", re.IGNORECASE),
        article_context_before=re.compile(rf"(?:{alternation(context['before'])}){BLANK}+$", re.IGNORECASE)
        if context
        else None,
        article_context_after=re.compile(
            rf"(?:{BLANK}+(?:{alternation([w for w in context['after'] if w[:1] != '-'])})"
            rf"|(?:{alternation([w for w in context['after'] if w[:1] == '-'], boundary=False)})(?![\w]))",
            re.IGNORECASE,
        )
        if context
        else None,
        articles=frozenset(fold(a) for a in r.get("articles") or {}),
        article_exclusions={
            fold(k): frozenset(fold(x) for x in v)
            for k, v in (r.get("article_duration_exclusions") or {}).items()
        },
        guarded_unit=re.compile(
            rf"{BLANK}+(?P<name>{alternation(r.get('guarded_units', {}))})"
            rf"(?={BLANK}*(?:$|[.;!?)\]])|{BLANK}+(?:{alternation(r.get('guarded_unit_followers', []))}))"
        ),
        spaced_sign=re.compile(rf"[^\W\d_]{BLANK}+(?P<sign>[-\u2212]){BLANK}+$"),
        signed_units=frozenset(r.get("signed_units", [])),
        list_joiner=re.compile(rf"^(?:{alternation(r.get('list_joiners', []), boundary=False)})$", re.I),
        percent_before=re.compile(
            rf"(?P<word>{alternation(r['percent'])}){BLANK}+(?:(?:{alternation(pct_words)}){BLANK}+"
            rf"|(?:{alternation(pct_glued, boundary=False)}){BLANK}*)$",
            re.IGNORECASE,
        ),
        phrase_end=re.compile(rf"{BLANK}*(?:$|[.,;:!?)])"),
        joined_or_end=re.compile(rf"{joined}|{BLANK}*(?:$|[.,;:!?)])"),
        compound_joiner=re.compile(
            rf"{BLANK}*(?:(?:{alternation(r.get('compound_duration_joiners', []), boundary=False)}){BLANK}+)?"
        ),
        # "a quarter of a percentage point", "half an hour", "trois quarts d'heure", "un quart de point".
        fraction_joiner=re.compile(
            rf"{BLANK}+(?:{alternation(r.get('fraction_unit_joiners', []), boundary=False)})"
            rf"(?=[\s\u00a0\u202f]|(?<=['’]))",
            re.IGNORECASE,
        ),
        margin_joiner=re.compile(rf"^(?:{alternation(r.get('margin_joiners', []), boundary=False)})$"),
        # Case-sensitive cue ("Ice Age 2" is a title); a qualifier or range opener may follow it.
        age_before=re.compile(
            rf"(?:{alternation(r.get('age_before', []))}){BLANK}+"
            rf"(?i:(?:{alternation(list(lex.qualifiers) + list(r['range_start']))}){BLANK}+)?$"
        ),
        age_seconds=lex.durations.get(fold(str(r.get("age_unit", ""))), 0.0),
        named=re.compile(alternation(named), re.IGNORECASE),
        named_values=named,
        # Glued or after one blank, and followed by a word or the end of the text, never by punctuation.
        quote_unit=re.compile(
            rf"[ \u00a0]?(?P<q>{alternation(r.get('quote_units') or {}, boundary=False)})"
            rf"(?={BLANK}+[^\W_]|{BLANK}*$)"
        ),
        cued_glued=re.compile(rf"(?P<letter>{cued_alt})(?![\w])"),
        temperature_cue=re.compile(
            rf"{alternation([c for c in cues if c[:1].isalpha()])}"
            rf"|{alternation([c for c in cues if not c[:1].isalpha()], boundary=False)}|{pair}",
            re.IGNORECASE,
        ),
        clock_unit=re.compile(alternation(r.get("clock_after_units") or {}, boundary=False)),
        length_cue=re.compile(
            rf"(?:{alternation(r.get('length_cues', []))})(?:{BLANK}+(?:{word_joiners}))?{BLANK}+$",
            re.IGNORECASE,
        ),
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
    fraction: float = 0.0  # a fraction of the unit written after it ("two years and a half")
    sign: float = 1.0  # -1 for a spaced minus before a unit that can be negative ("- 20 degrees")
    unit_word: str = ""  # the duration word as read ("hour" in "one hour and a half")
    margin: float = 0.0  # a stated margin in base units ("± 0.01 pounds")
    approximate: bool = False  # read with a scale that gives an order of size ("une vingtaine")


def _unit_symbol(match: re.Match[str], lex: Lexicon) -> str | None:
    sym = match.group("sym")
    if sym is None:
        sym = match.group("bsym")
        if sym is None or match.group("open") + match.group("close") not in ("()", "[]", "{}", "<>"):
            return None
    return lex.unit_symbols.get(sym)


def _suffix(
    text: str, pos: int, g: Grammar, fig: Figure, currency_before: bool = False, joined: bool = False
) -> int:
    """Reads scale and unit after ``pos``; sets the figure's kind and unit; returns the new end.

    ``currency_before``: a currency symbol stands before the number, which makes a scale letter after it
    unambiguous ("$2.174T", "£5m").  A spelled common fraction (halves to fifths) may be joined to its unit
    by "of a"/"de" (``joined`` once it is): "a quarter of a percentage point", "trois quarts d'heure";
    "quatre centièmes de seconde" stays a number.
    """
    atom = fig.atoms[-1]
    if atom.spelled and not joined and 0 < atom.value < 1 and atom.precision >= 0.2 and not atom.scaled:
        fj = g.fraction_joiner.match(text, pos) if len(fig.atoms) == 1 else None
        if fj:
            trial = Figure(fig.start, fig.end, fig.atoms)
            end = _suffix(text, fj.end(), g, trial, joined=True)
            if trial.kind in ("percent", "quantity", "duration") and trial.scale == 1.0:
                fig.kind, fig.unit, fig.unit_factor = trial.kind, trial.unit, trial.unit_factor
                fig.unit_word = trial.unit_word
                return end
    lex = g.lex
    ck = g.clock_after.match(text, pos)
    if ck:
        # "at 2 pm", "2.13 am": a time of day, which is no figure to check; "a size of 2.1 pm", "2.123 pm"
        # are picometres.
        unit = _clock_letters_unit(text, ck, g, fig)
        if unit is None:
            fig.kind = "clock"
            return ck.end()
        fig.kind, fig.unit = "quantity", unit
        return ck.end()
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
        fig.approximate = word.lower() in _name_set(lex, "approximate_scales")
        # "une vingtaine de morts", "ils étaient une vingtaine.", but "une quarantaine aux voyageurs".
        if fig.approximate and not g.joined_or_end.match(text, m.end()):
            scale, fig.approximate = None, False
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
        if code and name and fig.scale == 1.0 and fold(name) in _name_set(lex, "ambiguous_currency_names"):
            code = None
        # "one won the race", "un franc succès": a word, unless written after digits ("500 won") or a scale.
        if code and name and fig.scale == 1.0 and fig.atoms[-1].spelled:
            code = None if fold(name) in _name_set(lex, "word_currency_names") else code
        if code:
            fig.kind, fig.unit = "money", code
            return _cents(text, cm.end(), g, fig)
    if fig.scale == 1.0:
        sm = g.subunit_after.match(text, pos)
        if sm:
            fig.kind, fig.unit = "money", lex.subunits[fold(sm.group("name"))]
            return sm.end()
    if amb_scale and currency_before:
        return pos
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
            return _unit_fraction(text, um.end(), g, fig)
    dm = g.duration_after.match(text, pos)
    if dm is None and fig.scale != 1.0:
        dm = g.duration_joined.match(text, pos)
    if dm and fig.scale == 1.0 and _clock_time(text, fig.start, dm, g):
        fig.kind = "clock"  # "à 16 heures": a time of day, which is no figure to check
        return dm.end()
    if dm:
        fig.kind, fig.unit, fig.unit_word = "duration", "s", fold(_last_word(dm.group(0)))
        fig.unit_factor = lex.durations[fig.unit_word]
        return _unit_fraction(text, dm.end(), g, fig)
    gd = g.glued_duration.match(text, pos) if pos == fig.atoms[-1].end and fig.scale == 1.0 else None
    if gd:
        spec = lex.raw["glued_durations"][gd.group("letter")]
        atom = fig.atoms[-1]
        if not (spec.get("not_after_single_digit") and atom.end - atom.start == 1):
            fig.kind, fig.unit, fig.unit_factor = "duration", "s", float(spec["seconds"])
            return gd.end()
    glued_end = _cued_or_quoted_unit(text, pos, g, fig, currency_before)
    if glued_end is not None:
        return glued_end
    gu = g.guarded_unit.match(text, pos)
    if gu and fig.scale == 1.0:
        fig.kind, fig.unit = "quantity", lex.raw["guarded_units"][gu.group("name")]
        return gu.end("name")
    km = g.counted_after.match(text, pos)
    if km:
        fig.counted = lex.counted[fold(km.group("name"))]
        # The counted noun is context, not part of the figure's span.
    return pos


def _clock_letters_unit(text: str, ck: re.Match[str], g: Grammar, fig: Figure) -> str | None:
    """The unit "pm"/"am" name after a number that cannot be a time of day, else None (a time).

    A time has at most two decimals ("2.13 am"); three or more ("2.123 pm"), or a length named before the
    number ("a size of 2.1 pm"), make it a length."""
    um = g.clock_unit.fullmatch(ck.group(0).strip())
    if um is None:
        return None
    atom = fig.atoms[-1]
    written = text[atom.start : atom.end]
    decimals = len(written) - written.rfind(".") - 1 if "." in written else 0
    if decimals < 3 and not g.length_cue.search(text[max(0, atom.start - 30) : atom.start]):
        return None
    return str(g.lex.raw["clock_after_units"][um.group(0)])


def _cued_or_quoted_unit(text: str, pos: int, g: Grammar, fig: Figure, currency_before: bool) -> int | None:
    """A unit glued to the number that only context makes one: a temperature letter where the text speaks
    of temperature ("highs of 30C"), or inches written as a double quote that closes no quotation ('a 9"
    plate'); the new end, or None.  Never after a currency symbol ("$ 48 " is ...")."""
    atom = fig.atoms[-1]
    if pos != atom.end or fig.scale != 1.0 or currency_before:
        return None
    cu = g.cued_glued.match(text, pos)
    if cu and g.temperature_cue.search(text):
        fig.kind, fig.unit = "quantity", str(g.lex.raw["cued_glued_units"][cu.group("letter")])
        return cu.end()
    qu = g.quote_unit.match(text, pos)
    if qu is None or text[atom.start - 1 : atom.start] in ("'", "’", "′"):
        return None
    mark = qu.group("q")
    if mark == '"' and (text.count('"', 0, qu.start("q")) % 2 or text.count('"', qu.end()) % 2):
        return None  # it closes the quotation opened before it, or opens one closed after it
    fig.kind, fig.unit = "quantity", str(g.lex.raw["quote_units"][mark])
    return qu.end()


def _last_word(phrase: str) -> str:
    """The duration word of "-year", " d'années", "heures"."""
    return re.split(r"[\s\u00a0\u202f'’-]+", phrase.strip(" -"))[-1]


def _unit_fraction(text: str, pos: int, g: Grammar, fig: Figure) -> int:
    """ "2 ans et demi", "one hour and a half": the fraction of the unit after it."""
    m = g.unit_fraction.match(text, pos)
    if not m or len(fig.atoms) != 1:
        return pos
    fig.fraction = g.fractions[fold(m.group("frac"))]
    return m.end()


@lru_cache(maxsize=32)
def _name_set(lex: Lexicon, key: str) -> frozenset[str]:
    """The folded words of a lexicon list ("ambiguous_currency_names")."""
    return frozenset(fold(n) for n in lex.raw.get(key) or [])


def _clock_time(text: str, start: int, dm: re.Match[str], g: Grammar) -> bool:
    """ "à 16 heures", "vers 8 h": an hour after a clock preposition is a time of day."""
    unit = fold(_last_word(dm.group(0)))
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
    if match.group(0)[:1] == "-" and text[match.start() - 1 : match.start()].isdigit():
        return False  # "a 3-point shot"; but "a half-point cut"
    if len(match.group(0).replace("-", " ").split()) > 1:
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


def not_figure_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans whose digits name or reach a thing and count nothing (a phone number, "article 49.3"); the
    dates found inside them are dropped too."""
    g = grammar_for(lex)
    spans = [_back_over_digits(text, m.start(), m.end()) for m in g.not_figure.finditer(text)]
    lowered = text.lower()
    if g.any_cue.search(lowered):
        for cues, pattern in g.cued_not_figures:
            if any(c in lowered for c in cues):
                spans += [m.span() for m in pattern.finditer(text)]
    for m in g.reference.finditer(text):
        tail = _REFERENCE_TAIL.match(text, m.end())
        if tail:
            spans.append(tail.span(1))
    return spans


def _back_over_digits(text: str, start: int, end: int) -> tuple[int, int]:
    """A span found from a hyphen ("-555-0143") takes the digits written before it ("202-555-0143")."""
    if text[start] == "-":
        while start and text[start - 1].isdigit():
            start -= 1
    return start, end


# The number after a reference word: digits joined by dots, hyphens or slashes ("49.3", "432-12"), possibly
# after "n°" and a letter ("L. 432-12").
_REFERENCE_TAIL = re.compile(
    rf"{BLANK}*(?:n[°º]\.?{BLANK}*)?(?:[A-Z]{{1,2}}\.?{BLANK}?)?(\d+(?:[.\-\u2013/]\d+)*)(?!\d)"
)


def build_figures(
    text: str, lex: Lexicon, taken: list[tuple[int, int]], not_figures: list[tuple[int, int]] | None = None
) -> list[Mention]:
    """Every figure of ``text`` outside the ``taken`` spans (dates, times), as mentions; ``not_figures``:
    the ``not_figure_spans`` of the text, when the caller has them."""
    g = grammar_for(lex)
    blocked = list(taken) + [(m.start(), m.end()) for m in g.time.finditer(text)]
    blocked += [(m.start(), m.end()) for m in g.url.finditer(text)]
    blocked += not_figure_spans(text, lex) if not_figures is None else not_figures
    counted = _counted_durations(text, g, blocked) + _named_quantities(text, g, blocked)
    blocked += [(m.start, m.end) for m in counted]
    found = find_atoms(text, lex)
    atoms = [
        a
        for k, a in enumerate(found)
        if not _inside(a.start, a.end, blocked) and not _identifier(text, a, found[k - 1] if k else None)
    ]
    mentions: list[Mention] = []
    i = 0
    while i < len(atoms):
        if mentions and atoms[i].start < mentions[-1].end:  # read as part of the previous figure
            i += 1
            continue
        atom = atoms[i]
        fig = Figure(atom.start, atom.end, [atom])
        pre = _prefix_currency(text, atom.start, g)
        # Glued letters that are not a scale, unit, currency or percent make it no figure ("2e", "A4").
        end = _suffix(text, atom.end, g, fig, currency_before=pre is not None)
        if _glued_junk(text, atom, end) or _vague_scale(text, atom, g):
            i += 1
            continue
        # A range "X à Y", "X-Y", "entre X et Y", "8- to 16-meter", "$5 to $10".
        consumed = 1
        if i + 1 < len(atoms):
            nxt = atoms[i + 1]
            bare = fig.kind == "number" and fig.scale == 1.0
            opening = pre[0] if pre else atom.start  # "between $5 and $10 million"
            pre2 = _prefix_currency(text, nxt.start, g) if pre else None  # "$5 to $10"
            stop = pre2[0] if pre and pre2 and pre2[1] == pre[1] and pre2[0] >= end else nxt.start
            between = text[atom.end if bare else end : stop]
            if between[:1] == "-" and between[1:2].isspace():
                between = between[1:]  # "8- to 16-meter": a hyphen left hanging by a shared unit
            if (
                g.range_joiner.match(between)
                and len(between) <= 6
                and not _BULLET_AFTER_BREAK.search(between)  # "3 millions\n- 12 arrests": a list's next line
                and _range_ok(text, opening, g, between)
                and not g.range_not_after.search(text[max(0, opening - 12) : opening])
                and not _chained(text, atom, nxt, between)
            ):
                fig2 = Figure(nxt.start, nxt.end, [nxt])
                end2 = _suffix(text, nxt.end, g, fig2, currency_before=pre2 is not None)
                if pre2 and fig2.kind == "number":
                    fig2.kind, fig2.unit = "money", pre2[1]
                if _descending(fig, fig2):
                    if _score(atom, nxt, between, fig, fig2):
                        i += 2  # "3-1", "a 6-3 majority": a score or a tally, no figure
                        continue
                    # "de 7,5 % à 7,1 %", "from 12 to 8 %": a change from one value to another, two figures.
                    if bare and not pre:
                        _share_unit(text, fig, nxt, g)
                elif (
                    fig.kind in ("number", fig2.kind)
                    and (fig.kind == "number" or fig.unit == fig2.unit)  # "44 ml to 50 mg" is two figures
                    and not _glued_junk(text, nxt, end2)
                ):
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
            elif bare and not pre and g.list_joiner.match(between):
                _share_unit(text, fig, nxt, g)
            elif g.margin_joiner.match(between):
                margin_end = _margin(text, fig, nxt, g)
                if margin_end is not None:
                    end, consumed = margin_end, 2
        fig.end = end
        if fig.kind == "number" and fig.scale == 1.0 and not pre:
            _age(text, fig, g)
        if pre and fig.kind in ("number", "money"):
            fig.start = pre[0]
            if fig.kind == "number":
                fig.kind, fig.unit = "money", pre[1]
                if len(fig.atoms) == 1 and fig.scale == 1.0:
                    fig.end = _cents(text, fig.end, g, fig)  # "c $ 100 and fifty"
        if len(fig.atoms) == 1:
            fig.start = _sign_or_percent_before(text, fig, g, mentions[-1].end if mentions else 0)
        mention = _to_mention(text, fig, g, mentions[-1].end if mentions else None)
        i += consumed
        if mention is not None and _denominator(text, mention, g):
            continue
        if mention is not None:
            mentions.append(mention)
    if counted:
        mentions = sorted(mentions + counted, key=lambda m: m.start)
    return _compound_durations(text, mentions, g)


def _compound_durations(text: str, mentions: list[Mention], g: Grammar) -> list[Mention]:
    """ "2 h 05 min", "two years and six months", "1 minute 30 seconds": durations in falling units, side by
    side, are one duration."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == m.kind == "duration"
            and prev.value is not None
            and m.value is not None
            and m.qualifier is None
            and prev.precision
            and m.precision
            and m.precision < prev.precision
            and 0 < m.value < prev.precision
            and g.compound_joiner.fullmatch(text[prev.end : m.start])
        ):
            out[-1] = Mention(
                start=prev.start,
                end=m.end,
                text=text[prev.start : m.end],
                kind="duration",
                value=_round(prev.value + m.value),
                unit="s",
                qualifier=prev.qualifier,
                precision=m.precision,
            )
            continue
        out.append(m)
    return out


def _denominator(text: str, m: Mention, g: Grammar) -> bool:
    """ "250 cases per 100,000 people", "pour 1 000 habitants": a round count after "per" is the base of a
    rate, no figure of its own."""
    if m.kind != "number" or m.value is None or m.value < 10 or m.qualifier:
        return False
    exponent = math.log10(m.value)
    if abs(exponent - round(exponent)) > 1e-9:
        return False
    return bool(g.denominator_before.search(text[max(0, m.start - 20) : m.start]))


def _share_unit(text: str, fig: Figure, nxt: Atom, g: Grammar) -> None:
    """ "45 and 50 mg", "10 ou 15 %": a bare number takes the unit of the figure after "and"/"or"."""
    fig2 = Figure(nxt.start, nxt.end, [nxt])
    end2 = _suffix(text, nxt.end, g, fig2)
    if fig2.kind in ("quantity", "money", "percent", "duration") and not _glued_junk(text, nxt, end2):
        fig.kind, fig.unit, fig.unit_factor = fig2.kind, fig2.unit, fig2.unit_factor
        if fig.scale == 1.0:
            fig.scale = fig2.scale


def _margin(text: str, fig: Figure, nxt: Atom, g: Grammar) -> int | None:
    """ "2,000.45±0.01 pounds", "5 kg ± 0.2 kg": the margin joins the figure (a bare value takes the unit
    written after it) and widens its precision; the new end, or None when the two do not go together."""
    fig2 = Figure(nxt.start, nxt.end, [nxt])
    end2 = _suffix(text, nxt.end, g, fig2)
    if fig2.kind == "clock" or _glued_junk(text, nxt, end2):
        return None
    if fig.kind == "number" and fig.scale == 1.0:
        fig.kind, fig.unit, fig.unit_factor, fig.scale = fig2.kind, fig2.unit, fig2.unit_factor, fig2.scale
    elif fig2.kind == "number" and fig2.scale == 1.0:
        fig2.scale, fig2.unit_factor = fig.scale, fig.unit_factor  # "5 kg ± 0.2": the margin in kg
    elif (fig2.kind, fig2.unit) != (fig.kind, fig.unit):
        return None
    fig.margin = nxt.value * fig2.scale * fig2.unit_factor
    return end2


def _age(text: str, fig: Figure, g: Grammar) -> None:
    """ "died aged 87", "at the age of 5", "ages 18 to 24": a bare number after an age word is years."""
    if g.age_seconds and g.age_before.search(text[max(0, fig.start - 40) : fig.start]):
        fig.kind, fig.unit, fig.unit_factor = "duration", "s", g.age_seconds


def _named_quantities(text: str, g: Grammar, blocked: list[tuple[int, int]]) -> list[Mention]:
    """Quantities named by a phrase with no number: "absolute zero" is 0 K."""
    out: list[Mention] = []
    for m in g.named.finditer(text):
        if _inside(m.start(), m.end(), blocked):
            continue
        value, unit = g.named_values[fold(m.group(0))]
        out.append(
            Mention(start=m.start(), end=m.end(), text=m.group(0), kind="quantity", value=value, unit=unit)
        )
    return out


def _sign_or_percent_before(text: str, fig: Figure, g: Grammar, floor: int) -> int:
    """The figure's new start: a spaced minus before a unit that can be negative ("convert - 20 degrees"),
    or a percent word before a number that ends the phrase ("percent of 10"); never before ``floor``, the
    end of the previous figure ("twenty percent of ten" is 20 % and 10)."""
    offset = max(floor, fig.start - 40)
    before = text[offset : fig.start]
    if fig.kind == "quantity" and fig.unit in g.signed_units:
        m = g.spaced_sign.search(before)
        if m:
            fig.sign = -1.0
            return offset + m.start("sign")
    if fig.kind == "number" and g.phrase_end.match(text, fig.end):
        m = g.percent_before.search(before)
        # Not "20 percent of 10" either: there the number before holds the percent.
        if m and not _ends_in_digit(before[: m.start()]):
            fig.kind, fig.unit = "percent", "%"
            return offset + m.start()
    return fig.start


def _ends_in_digit(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1].isdigit()


def _counted_durations(text: str, g: Grammar, blocked: list[tuple[int, int]]) -> list[Mention]:
    """Durations with no number: "a few hours", "quelques jours" (about three), "all day" (one)."""
    out: list[Mention] = []
    for m in g.counted_duration.finditer(text):
        if _inside(m.start(), m.end(), blocked):
            continue
        vague = m.group("q") is not None
        unit = g.lex.durations[fold(m.group("unit") if vague else _last_word(m.group("whole")))]
        count = g.vague_counts[fold(m.group("q"))] if vague else 1.0
        out.append(
            Mention(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                kind="duration",
                value=_round(count * unit),
                unit="s",
                qualifier="about" if vague else None,
                precision=_round(unit),
            )
        )
    return out


def _vague_scale(text: str, atom: Atom, g: Grammar) -> bool:
    """ "several hundred years": a bare "hundred" or "thousand" after a vague count is no figure."""
    if not atom.spelled or atom.value not in (100.0, 1000.0) or " " in text[atom.start : atom.end]:
        return False
    return bool(g.vague_before.search(text[max(0, atom.start - 20) : atom.start]))


def _identifier(text: str, atom: Atom, previous: Atom | None) -> bool:
    """ "SCP-173", "L-202", "scp2-173m", "fb−1", "J1149.5+6663": digits glued by a hyphen, minus or plus
    to a token with letters name a thing, they count nothing.  Spelled numbers count after another
    number ("three-nought-four"), not after a word ("a top-ten finish")."""
    if atom.start < 2 or text[atom.start - 1] not in "-\u2212+":
        return False
    if atom.spelled and previous is not None and previous.end == atom.start - 1:
        return False
    k = atom.start - 1
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "."):
        k -= 1
    return any(c.isalpha() for c in text[k : atom.start - 1])


# A line break then a list bullet: what follows is the list's next item, not a range's end.
_BULLET_AFTER_BREAK = re.compile(r"\n[ \t]*[-–—•*]")


def _chained(text: str, atom: Atom, nxt: Atom, between: str) -> bool:
    """ "1-222-2222", "three-nought-four": numbers chained by hyphens are a code or a score, no range."""
    if between != "-":
        return False
    before = text[atom.start - 2 : atom.start]
    after = text[nxt.end : nxt.end + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalnum()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalnum()
    )


def _descending(fig: Figure, fig2: Figure) -> bool:
    """Whether the second number is no greater than the first: "3-1", "de 7,5 % à 7,1 %" are no range.
    Two negative numbers are compared by size ("entre -5 et -10 °C" is a range); a bare first number
    takes the scale written after the second ("40 à 45 milliards")."""
    a, b = fig.atoms[-1].value, fig2.atoms[0].value
    if a < 0 and b < 0:
        a, b = -a, -b
    first = a * (fig2.scale if fig.kind == "number" and fig.scale == 1.0 else fig.scale)
    return first >= b * fig2.scale


def _score(atom: Atom, nxt: Atom, between: str, fig: Figure, fig2: Figure) -> bool:
    """ "3-1", "51-49", "a 6-3 majority": two whole numbers glued by a hyphen, the first no smaller, nothing
    after them, are a score or a tally."""
    if between not in ("-", "–") or atom.spelled or nxt.spelled or atom.value < 0:
        return False
    plain = all(f.kind == "number" and f.scale == 1.0 for f in (fig, fig2))
    return plain and atom.precision == 1.0 and nxt.precision == 1.0


def _range_ok(text: str, start: int, g: Grammar, between: str) -> bool:
    stripped = between.strip()
    if stripped in ("-", "–", ""):
        return True
    # Word joiners ("et", "à", "and", "to") need a range opener before the first number, except "à"/"to".
    if stripped.lower() in ("à", "to", "au"):
        return True
    return bool(g.range_start.search(text[max(0, start - 12) : start]))


def _glued_junk(text: str, atom: Atom, end: int) -> bool:
    nxt = text[atom.end : atom.end + 1]
    return end == atom.end and nxt.isalpha()


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _to_mention(text: str, fig: Figure, g: Grammar, last_end: int | None = None) -> Mention | None:
    """The mention of a finished figure, or None when it is no figure (a clock time, an article).

    ``last_end``: where the previous mention of the text ends ("$15 an hour" is a rate, not an hour).
    """
    first = fig.atoms[0]
    if fig.kind == "clock":
        return None
    if first.weak and fig.scale == 1.0:
        # "un"/"a" is an article unless a scale, a currency or a spelled-out unit follows ("une tonne").
        unit_words = text[first.end : fig.end].strip()
        if fig.kind == "duration":
            if not _duration_after_article(text, fig, g, last_end):
                return None
        elif first.value < 1 and fig.kind in ("percent", "quantity", "duration"):
            pass  # "half a percentage point", "half an hour": a bare fraction of a unit
        elif (
            fig.kind == "number"
            and first.value < 1
            and g.qualifier.search(text[max(0, first.start - 40) : first.start])
        ):
            pass  # "more than half": a bare fraction after a qualifier is a claim
        elif fig.kind in ("number", "percent") or (fig.kind == "quantity" and len(unit_words) < 3):
            return None
        elif fig.kind == "quantity" and last_end is not None and not text[last_end : first.start].strip():
            return None  # "$92 a barrel", "€1.95 a litre": a price per unit, no quantity
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
    elif fig.approximate:
        qualifier = "about"
    # An atom that holds its own scale ("4 milliards et demi") takes only the unit's factor.
    factors = [fig.unit_factor if a.scaled else factor for a in fig.atoms]
    values = [
        fig.sign * (a.value + fig.fraction) * f + fig.extra for a, f in zip(fig.atoms, factors, strict=True)
    ]
    precision = 0.01 if fig.extra else min(a.precision * f for a, f in zip(fig.atoms, factors, strict=True))
    if fig.fraction:
        precision = min(precision, fig.fraction * factors[0])
    # A stated margin: the value is known to +/- the margin, half the precision's width each side.
    precision = max(precision, 2 * fig.margin)
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


def _duration_after_article(text: str, fig: Figure, g: Grammar, last_end: int | None) -> bool:
    """ "for an hour", "un an", "one year old" are durations; "a second term", "twice a day", "$15 an hour"
    are not."""
    first = fig.atoms[0]
    if fig.unit_word in g.article_exclusions.get(fold(text[first.start : first.end]), ()):
        return False
    if last_end is not None and not text[last_end : first.start].strip():
        return False
    before = text[max(0, first.start - 20) : first.start]
    if g.rate_before.search(before):
        return False
    if fold(text[first.start : first.end]) not in g.articles or g.article_context_before is None:
        return True
    # An article ("a", not the numeral "one"): only where a duration is expected.
    return bool(g.article_context_before.search(before)) or bool(
        g.article_context_after is not None and g.article_context_after.match(text, fig.end)
    )


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return float(f"{x:.12g}")
