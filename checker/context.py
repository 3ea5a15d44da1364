"""Puts each figure in context: what it measures, whom it is about, when, how sure, and who says so.

Everything is read from the figure's own clause first, then its sentence, then
the sentence before, then the document as a whole: the metric concept (nearest
lexicon term in the clause), the entities (countries, regions, organisations
normalised across languages), the period (the nearest date of the clause or
sentence), the modality (forecast and estimate cues) and the speaker ("a déclaré
X", "selon X", "X said", or "a-t-il noté" resolved to the last person named
before).  A growth rate stated beside a level ("soit une augmentation de 33 %")
is attached to the level.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .lexicon import Lexicon, entity_closure, fold, load_lexicon
from .models import Claim, Document, Mention, Period, Sentence, stable_id

GROUPING_TYPES = {"country", "region", "city", "org"}
SPEAKER_TYPES = {"person", "org", "institution"}

# A name: capitalised words, with the particles names carry.
_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'-]+"
_PARTICLE = r"(?:de|du|des|la|le|von|van|al|bin|ben|d['’])"
_NAME = rf"{_WORD}(?:[\s\u00a0]+(?:{_PARTICLE}[\s\u00a0]*)?{_WORD}){{0,3}}"
_NAME_RE = re.compile(_NAME)


@dataclass
class SentenceInfo:
    sentence: Sentence
    mentions: list[Mention]
    # Filled by the optional French parse: the person names it found.
    persons: list[str] = field(default_factory=list)


def _entity_hits(lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    hits = []
    for m in lex.patterns["entity"].finditer(text):
        name = lex.entity_aliases.get(fold(m.group(0)))
        if name:
            hits.append((m.start(), m.end(), name))
    return hits


def _clauses(lex: Lexicon, text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in lex.patterns["clause_break"].finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return clauses[-1] if clauses else (0, 0)


def _nearest(items: list[tuple[int, int, str]], start: int, end: int) -> tuple[int, int, str] | None:
    """The item closest to [start, end); items before the figure win ties (the subject comes first)."""
    best, best_d = None, None
    for item in items:
        s, e, _ = item
        d = start - e if e <= start else (s - end + 0.5 if s >= end else 0)
        if best_d is None or d < best_d:
            best, best_d = item, d
    return best


# Date qualifiers that make a date the start of a span rather than a figure's period.
_START_BOUNDS = frozenset({"since", "after"})


def is_noise(m: Mention, lex: Lexicon) -> bool:
    """ "les deux pays", "the two leaders": a small spelled-out whole number is no claim to check, unless it
    counts something a metric is about ("trois morts"); a share ("deux tiers") is one.  A recurrence ("every
    day", "chaque lundi") names no date to check either."""
    if m.kind == "date" and m.qualifier == "recurring":
        return True
    if m.kind != "number" or m.value is None or m.value > 10 or any(ch.isdigit() for ch in m.text):
        return False
    if m.value != int(m.value):
        return False  # "trois quarts des sondés", "one in five": a share is a claim
    return not any(m.counted in spec.get("counted", []) for spec in lex.metrics.values())


def worth_a_speaker(mentions: list[Mention], lex: Lexicon) -> bool:
    """Whether a sentence holds a figure whose speaker matters: a date or a small spelled-out number
    ("tard dans la soirée", "les deux parties") needs no name behind it."""
    return any(m.kind != "date" and not is_noise(m, lex) for m in mentions)


class DocumentContext:
    """Context finder for one document; call ``claims`` once per document."""

    def __init__(self, doc: Document, infos: list[SentenceInfo], all_sentences: list[Sentence]) -> None:
        self.doc = doc
        self.lex = load_lexicon(doc.lang)
        self.infos = infos
        self.sentences = all_sentences
        self._entity_cache: dict[int, list[tuple[int, int, str]]] = {}
        self.main_entities = self._main_entities()
        self.persons = self._person_timeline()

    # -- document level -------------------------------------------------
    def _sentence_entities(self, index: int) -> list[tuple[int, int, str]]:
        if index not in self._entity_cache:
            s = self.sentences[index]
            self._entity_cache[index] = _entity_hits(self.lex, s.text)
        return self._entity_cache[index]

    def _main_entities(self) -> list[str]:
        counts: Counter[str] = Counter()
        if self.doc.title:
            for _, _, name in _entity_hits(self.lex, self.doc.title):
                counts[name] += 2
        # The sentences around the figures say what the story is about; the rest need no lookup.
        index_of = {s.start: i for i, s in enumerate(self.sentences)}
        near: set[int] = set()
        for info in self.infos:
            i = index_of.get(info.sentence.start)
            if i is not None:
                near.update(j for j in (i - 1, i, i + 1) if 0 <= j < len(self.sentences))
        for i in sorted(near | set(range(min(3, len(self.sentences))))):
            for _, _, name in self._sentence_entities(i):
                counts[name] += 1
        ranked = [n for n, _ in counts.most_common() if self._groupable(n)]
        return ranked[:2]

    def _groupable(self, name: str) -> bool:
        ent = self.lex.entities.get(name)
        return bool(ent and ent.type in GROUPING_TYPES)

    def _person_timeline(self) -> list[tuple[int, str]]:
        """(offset, name) of every person named in the document, in order, for resolving pronouns."""
        out: list[tuple[int, str]] = []
        titles = self.lex.patterns["person_titles"]
        people = self.lex.patterns["person"]
        for s in self.sentences:
            for m in people.finditer(s.text):
                out.append((s.start + m.start(), self.lex.entity_aliases[fold(m.group(0))]))
            for m in titles.finditer(s.text):
                after = s.text[m.end() :]
                nm = re.match(r"[\s\u00a0]+(?:[a-zé]+[\s\u00a0]+){0,2}?(" + _NAME + ")", after)
                if nm and not self._known_non_person(nm.group(1)):
                    out.append((s.start + m.end() + nm.start(1), self._person_name(nm.group(1))))
        for info in self.infos:
            for name in info.persons:
                pos = info.sentence.text.find(name)
                out.append((info.sentence.start + max(pos, 0), self._person_name(name)))
        out.sort()
        return out

    def _known_non_person(self, name: str) -> bool:
        ent = self.lex.entities.get(self.lex.entity_aliases.get(fold(name), ""))
        return bool(ent and ent.type != "person")

    def _person_name(self, name: str) -> str:
        canonical = self.lex.entity_aliases.get(fold(name))
        if canonical:
            return canonical
        for alias, ent in self.lex.entity_aliases.items():
            if self.lex.entities[ent].type == "person" and fold(name).endswith(alias):
                return ent
        return name.strip()

    def _last_person_before(self, offset: int) -> str | None:
        last = None
        for pos, name in self.persons:
            if pos >= offset:
                break
            last = name
        return last

    # -- per figure -----------------------------------------------------
    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        seen: Counter[tuple[str, str]] = Counter()
        index_of = {s.start: i for i, s in enumerate(self.sentences)}
        for info in self.infos:
            sent = info.sentence
            si = index_of.get(sent.start, 0)
            clauses = _clauses(self.lex, sent.text)
            local = [m.shifted(-sent.start) for m in info.mentions]
            dates = [m for m in local if m.kind == "date"]
            metric_hits = self._metric_hits(sent.text)
            speaker = self._speaker(sent, info)
            growth = self._growth(sent.text, local)
            figure_spans = [(m.start, m.end) for m in local]
            for mention, loc in zip(info.mentions, local, strict=True):
                if self._noise(mention):
                    continue
                clause = _clause_of(clauses, loc.start)
                metric, metric_id = self._metric(sent.text, loc, clause, metric_hits)
                entities = self._entities(si, sent.text, loc, clause, metric_id, speaker, figure_spans)
                period = mention.date if mention.kind == "date" else self._period(loc, clause, dates)
                modality = self._modality(sent.text, clause)
                key = (self.doc.id, mention.text)
                seen[key] += 1
                claim_growth = growth if mention.kind in ("money", "quantity", "number") else None
                out.append(
                    Claim(
                        id=stable_id("clm", self.doc.id, mention.text, seen[key]),
                        doc_id=self.doc.id,
                        mention=mention,
                        sentence=sent.text,
                        sentence_start=sent.start,
                        metric=metric,
                        metric_id=metric_id,
                        entities=tuple(entities),
                        period=period,
                        modality=modality,
                        speaker=speaker,
                        growth=claim_growth,
                    )
                )
        return out

    def _noise(self, m: Mention) -> bool:
        return is_noise(m, self.lex)

    def _metric_hits(self, text: str) -> list[tuple[int, int, str]]:
        hits = []
        for m in self.lex.patterns["metric"].finditer(text):
            concept = self.lex.metric_terms.get(fold(m.group(0)))
            if concept:
                hits.append((m.start(), m.end(), concept))
        return hits

    def _concept_fits(self, concept: str, kind: str) -> bool:
        kinds = self.lex.metrics[concept].get("kinds")
        return not kinds or kind in kinds

    def _metric(
        self, text: str, m: Mention, clause: tuple[int, int], hits: list[tuple[int, int, str]]
    ) -> tuple[str | None, str | None]:
        if m.counted:
            noun = re.match(r"[\s\u00a0\u202f]+(?:(?:de|d['’]|of)[\s\u00a0\u202f]*)?([\w-]+)", text[m.end :])
            phrase = noun.group(1) if noun else m.counted
            for concept, spec in self.lex.metrics.items():
                if m.counted in spec.get("counted", []):
                    return phrase, concept
        growth_pct = m.kind == "percent" and self._is_growth(text, m)
        kind = "money" if growth_pct else m.kind

        def fits(item: tuple[int, int, str]) -> bool:
            s, e, concept = item
            return self._concept_fits(concept, kind) and not (s < m.end and m.start < e)

        in_clause = [h for h in hits if clause[0] <= h[0] < clause[1] and fits(h)]
        best = _nearest(in_clause, m.start, m.end)
        if best is None:
            best = _nearest([h for h in hits if fits(h)], m.start, m.end)
        if best is None:
            if m.counted:
                return m.counted, f"count.{m.counted}"
            return None, None
        phrase = text[best[0] : best[1]]
        concept = best[2]
        if growth_pct:
            concept += ".growth"
        return phrase, concept

    def _is_growth(self, text: str, m: Mention) -> bool:
        before = text[max(0, m.start - 60) : m.start]
        return bool(
            self.lex.patterns["growth_up"].search(before) or self.lex.patterns["growth_down"].search(before)
        )

    def _growth(self, text: str, mentions: list[Mention]) -> float | None:
        """A growth rate written beside a level in the same sentence, as a fraction (+0.33)."""
        for m in mentions:
            if m.kind != "percent" or m.unit != "%" or m.value is None:
                continue
            before = text[max(0, m.start - 60) : m.start]
            up = self.lex.patterns["growth_up"].search(before)
            down = self.lex.patterns["growth_down"].search(before)
            if up or down:
                sign = -1.0 if (down and (not up or down.start() > up.start())) else 1.0
                return sign * m.value / 100.0
        return None

    def _entities(
        self,
        si: int,
        text: str,
        m: Mention,
        clause: tuple[int, int],
        metric_id: str | None,
        speaker: str | None,
        figure_spans: list[tuple[int, int]],
    ) -> list[str]:
        bilateral = bool(
            metric_id and self.lex.metrics.get(metric_id.split(".growth")[0], {}).get("bilateral")
        )
        need = 2 if bilateral else 1
        found: list[str] = []

        def take(hits: list[tuple[int, int, str]]) -> None:
            for _, _, name in hits:
                if name not in found and name != speaker and self._groupable(name):
                    found.append(name)

        hits = (
            self._sentence_entities(si)
            if self.sentences and self.sentences[si].text == text
            else _entity_hits(self.lex, text)
        )
        # "dollars américains" names a currency, not the United States.
        hits = [h for h in hits if not any(s < h[1] and h[0] < e for s, e in figure_spans)]
        take([h for h in hits if clause[0] <= h[0] < clause[1]])
        if len(found) < need:
            take(hits)
        if len(found) < need and si > 0:
            take(self._sentence_entities(si - 1))
        if len(found) < need:
            take([(0, 0, n) for n in self.main_entities])
        closure = entity_closure(self.lex, set(found))
        return sorted(closure)

    @staticmethod
    def _period(m: Mention, clause: tuple[int, int], dates: list[Mention]) -> Period | None:
        # An unresolved date says nothing of the period; nor does a lower bound ("the highest since
        # October 2021", "en baisse depuis 2019"): the figure is of a span that starts there, or of now.
        dated = [d for d in dates if d.date is not None and d.qualifier not in _START_BOUNDS]
        in_clause = [(d.start, d.end, d) for d in dated if clause[0] <= d.start < clause[1]]
        pool = in_clause or [(d.start, d.end, d) for d in dated]
        best = _nearest([(s, e, "") for s, e, _ in pool], m.start, m.end)
        if best is None:
            return None
        for s, e, d in pool:
            if (s, e) == best[:2]:
                return d.date
        return None

    def _modality(self, text: str, clause: tuple[int, int]) -> str:
        part = text[clause[0] : clause[1]]
        if self.lex.patterns["forecast"].search(part):
            return "forecast"
        if self.lex.patterns["estimate"].search(part):
            return "estimate"
        return "reported"

    def _speaker(self, sent: Sentence, info: SentenceInfo) -> str | None:
        text = sent.text
        lex = self.lex
        # "selon X", "according to X".
        for m in lex.patterns["attribution"].finditer(text):
            name = self._name_after(text, m.end())
            if name:
                return name
        # "a déclaré X", "said X" / "X a déclaré", "X said", "a-t-il noté".
        for m in lex.patterns["reporting_verbs"].finditer(text):
            after = text[m.end() : m.end() + 80]
            before = text[max(0, m.start() - 80) : m.start()]
            if (
                re.match(r"[\s\u00a0]*$", after)
                or re.match(r"[\s\u00a0]*[,.;:»\"”]", after)
                or not after.strip()
            ):
                pass
            name = self._name_after(text, m.end())
            if name:
                return name
            pron = lex.patterns["pronouns"].search(before[-12:])
            if pron:
                return self._last_person_before(sent.start)
            name = self._name_before(before)
            if name:
                return name
        for m in lex.patterns["reporting_nouns"].finditer(text):
            name = self._name_before(text[max(0, m.start() - 80) : m.start()])
            if name:
                return name
        return None

    def _name_after(self, text: str, pos: int) -> str | None:
        window = text[pos : pos + 80]
        window = re.split(r"[,.;:!?()«»\"“”]| lors | during | at the | au cours | à l'issue", window)[0]
        return self._normalise_speaker(window)

    def _name_before(self, window: str) -> str | None:
        window = re.split(r"[,.;:!?()«»\"“”]", window)[-1]
        return self._normalise_speaker(window, last=True)

    def _normalise_speaker(self, window: str, last: bool = False) -> str | None:
        if not window.strip():
            return None
        hits = [
            h
            for h in _entity_hits(self.lex, window)
            if self.lex.entities[h[2]].type in SPEAKER_TYPES or self.lex.entities[h[2]].type == "country"
        ]
        if hits:
            hit = hits[-1] if last else hits[0]
            ent = self.lex.entities[hit[2]]
            if ent.type in SPEAKER_TYPES:
                return hit[2]
        names = list(_NAME_RE.finditer(window))
        if names:
            nm = names[-1] if last else names[0]
            candidate = nm.group(0)
            if self._known_non_person(candidate):
                return None
            return self._person_name(candidate)
        return None


def build_claims(doc: Document, infos: list[SentenceInfo], sentences: list[Sentence]) -> list[Claim]:
    """The claims of one document, from its figure sentences (``infos``) and all its sentences."""
    return DocumentContext(doc, infos, sentences).claims()
