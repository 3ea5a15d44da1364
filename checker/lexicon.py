"""Loads the per-language lexicons of rules/lexicon/ into compiled, cached lookups.

A ``Lexicon`` holds everything the extractor and the context finder need for one
language: number and scale words, currencies, units, qualifiers, date words and
context cues.  Patterns are built once per language and rules folder; the
shared files (currencies, units, metrics, entities) are merged in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import LexiconError
from .paths import rules_dir

LANGS = ("fr", "en")
# libyaml's safe loader is ten times faster than the pure-Python one; both build only plain data.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader, the C one where there is one
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file missing: {path.name}") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path.name}: invalid YAML: {exc}") from exc


def alternation(words: list[str] | Any, boundary: bool = True) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any blank."""
    items = sorted({str(w) for w in words if str(w)}, key=len, reverse=True)
    parts = []
    for item in items:
        escaped = re.escape(item).replace(r"\ ", r"[\s\u00a0\u202f]+")
        # Typographic and straight apostrophes are the same letter in news copy.
        escaped = re.sub("['’]", "['’]", escaped)
        parts.append(escaped)
    body = "|".join(parts) if parts else r"(?!x)x"
    if not boundary:
        return f"(?:{body})"
    return rf"(?<![\w])(?:{body})(?![\w])"


def trie_alternation(words: Iterable[Any]) -> str:
    """Like ``alternation(words, boundary=False)`` for a case-insensitive regex, but factored by common
    prefixes ("mars|mai|mardi" -> "ma(?:rs|i|rdi)"), which the regex engine walks letter by letter instead
    of trying every word at every position: for long word lists on hot paths."""
    tree: dict[str, dict] = {}
    for word in {str(w).lower() for w in words if str(w)}:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            if ch.isspace():
                head = r"[\s\u00a0\u202f]+"
            elif ch in "'’":
                head = "['’]"
            else:
                head = re.escape(ch)
            branches.append(head + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return emit(tree) or r"(?!x)x"


def fold(text: str) -> str:
    """Lower-case with typographic apostrophes and blanks made plain, for dictionary lookups."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text.replace("’", "'")).strip().lower()


@dataclass
class Entity:
    name: str
    type: str
    parent: str | None
    aliases: list[str]


@dataclass(eq=False)
class Lexicon:
    lang: str
    raw: dict[str, Any]
    version: str
    scales: dict[str, float]
    ambiguous_scales: set[str]
    currencies: dict[str, str]  # folded name/symbol/code -> ISO code
    currency_symbols: dict[str, str]
    subunits: dict[str, str]  # folded subunit name -> minor-unit code ("pence" -> "GBX")
    minor_units: dict[
        str, tuple[str, float]
    ]  # minor-unit code -> (ISO code, fraction): "GBX" -> ("GBP", 0.01)
    units: dict[str, str]  # folded name or exact symbol -> pint unit
    unit_symbols: dict[str, str]
    durations: dict[str, float]
    counted: dict[str, str]
    qualifiers: dict[str, str]  # folded phrase -> kind
    months: dict[str, int]
    weekdays: dict[str, int]
    metrics: dict[str, dict[str, Any]]
    metric_terms: dict[str, str]  # folded term -> concept id
    entities: dict[str, Entity]
    entity_aliases: dict[str, str]  # folded alias -> entity name
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def cue(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]


def _version_of(paths: list[Path]) -> str:
    digest = hashlib.sha1()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=8)
def load_lexicon(lang: str, root: str | None = None) -> Lexicon:
    if lang not in LANGS:
        raise LexiconError(f"no lexicon for language {lang!r} (have {', '.join(LANGS)})")
    base = Path(root) if root else rules_dir()
    lexdir = base / "lexicon"
    files = sorted((lexdir / lang).glob("*.yaml")) + sorted(lexdir.glob("*.yaml"))
    raw: dict[str, Any] = {}
    for name in ("numbers", "figures", "dates", "context"):
        raw.update(load_yaml(lexdir / lang / f"{name}.yaml") or {})
    currencies_raw = load_yaml(lexdir / "currencies.yaml")
    units_raw = load_yaml(lexdir / "units.yaml")
    metrics_raw = load_yaml(lexdir / "metrics.yaml")
    entities_raw = load_yaml(lexdir / "entities.yaml")

    currencies: dict[str, str] = {}
    currency_symbols: dict[str, str] = {}
    subunits: dict[str, str] = {}
    minor_units: dict[str, tuple[str, float]] = {}
    for code, spec in currencies_raw.items():
        sub = spec.get("subunits") or {}
        if sub:
            minor = code[:2] + "X"
            minor_units[minor] = (code, float(sub.get("factor", 0.01)))
            for name in sub.get(lang, []):
                subunits.setdefault(fold(name), minor)
        for sym in spec.get("symbols", []):
            currency_symbols[sym] = code
        for c in spec.get("codes", []):
            currency_symbols[c] = code
        for name in spec.get(lang, []):
            currencies[fold(name)] = code
    units: dict[str, str] = {}
    unit_symbols: dict[str, str] = {}
    for uid, spec in units_raw.items():
        pint_name = spec.get("pint", uid)
        for sym in spec.get("symbols", []):
            unit_symbols[str(sym)] = pint_name
        for name in spec.get(lang, []):
            units[fold(name)] = pint_name
    qualifiers = {fold(p): kind for kind, phrases in raw["qualifiers"].items() for p in phrases}
    metrics = {k: v for k, v in metrics_raw.items() if k != "examples"}
    metric_terms: dict[str, str] = {}
    for concept, spec in metrics.items():
        for term in spec.get(lang, []):
            metric_terms.setdefault(fold(term), concept)
    entities = {
        name: Entity(name, spec.get("type", "other"), spec.get("parent"), list(spec.get("aliases", [])))
        for name, spec in entities_raw.items()
    }
    entity_aliases = {}
    for ent in entities.values():
        for alias in ent.aliases:
            entity_aliases[fold(alias)] = ent.name

    lex = Lexicon(
        lang=lang,
        raw=raw,
        version=_version_of(files),
        scales={k: float(v) for k, v in raw["scales"].items()},
        ambiguous_scales=set(raw.get("ambiguous_scales", [])),
        currencies=currencies,
        currency_symbols=currency_symbols,
        subunits=subunits,
        minor_units=minor_units,
        units=units,
        unit_symbols=unit_symbols,
        durations={fold(k): float(v) for k, v in raw["durations"].items()},
        counted={fold(k): v for k, v in raw["counted"].items()},
        qualifiers=qualifiers,
        months={fold(k): int(v) for k, v in raw["months"].items()},
        weekdays={fold(k): int(v) for k, v in raw["weekdays"].items()},
        metrics=metrics,
        metric_terms=metric_terms,
        entities=entities,
        entity_aliases=entity_aliases,
    )
    _compile(lex)
    return lex


def _case_aware(aliases: list[str]) -> str:
    """Aliases written with a capital match only capitalised ("Vienne", not "vienne"; "US", not "us")."""
    lower = [a for a in aliases if a[:1].islower()]
    upper = [a for a in aliases if not a[:1].islower()]
    parts = []
    if upper:
        parts.append(alternation(upper))
    if lower:
        parts.append("(?i:" + alternation(lower) + ")")
    return "|".join(parts) if parts else r"(?!x)x"


def _compile(lex: Lexicon) -> None:
    r = lex.raw
    p = lex.patterns
    ci = re.IGNORECASE
    p["qualifier"] = re.compile(alternation(lex.qualifiers.keys()) + r"[\s\u00a0\u202f]*$", ci)
    p["metric"] = re.compile(alternation(lex.metric_terms.keys()), ci)
    all_aliases = [a for ent in lex.entities.values() for a in ent.aliases]
    p["entity"] = re.compile(_case_aware(all_aliases))
    # People alone, for the cheap scan of a whole document when resolving "a-t-il dit".
    p["person"] = re.compile(
        _case_aware([a for e in lex.entities.values() if e.type == "person" for a in e.aliases])
    )
    for name in (
        "reporting_verbs",
        "reporting_nouns",
        "attribution",
        "forecast",
        "estimate",
        "growth_up",
        "growth_down",
        "growth_scope",
        "pronouns",
        "person_titles",
    ):
        p[name] = re.compile(alternation(r.get(name, [])), ci)
    p["clause_break"] = re.compile(alternation(r.get("clause_breaks", []), boundary=False), ci)


def entity_closure(lex: Lexicon, names: set[str] | frozenset[str]) -> set[str]:
    """Names with their parents added ("Valencia" brings "Spain")."""
    out = set(names)
    for name in names:
        ent = lex.entities.get(name)
        while ent and ent.parent and ent.parent not in out:
            out.add(ent.parent)
            ent = lex.entities.get(ent.parent)
    return out


def lexicon_version(root: str | None = None) -> str:
    """One hash over every lexicon and rule file: cached results depend on it."""
    base = Path(root) if root else rules_dir()
    return _version_of([p for p in base.rglob("*.yaml")])


def metric_spec(concept: str, root: str | None = None) -> dict[str, Any]:
    """The metrics lexicon's entry for ``concept`` ("trade.bilateral.growth" reads "trade.bilateral")."""
    metrics = load_lexicon("en", root).metrics
    return metrics.get(concept) or metrics.get(concept.removesuffix(".growth")) or {}
