"""The expensive language model, run only where it can change a claim.

French uses spaCy's ``fr_core_news_sm`` named-entity recogniser to find the
people a figure is attributed to ("a déclaré Vladimir Poutine") and the people
a later "a-t-il noté" refers back to.  It runs only on sentences that hold a
figure *and* a reporting cue (a reporting verb, "selon", a pronoun subject):
elsewhere a person's name cannot change a claim.  Only the token-to-vector and
NER components are loaded.  English uses no statistical model: speakers come
from the reporting patterns and the entity lexicon alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .lexicon import fold, load_lexicon

MODELS = {"fr": "fr_core_news_sm"}
# Components that feed nothing the checker reads.
EXCLUDE = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]


@lru_cache(maxsize=4)
def pipeline(lang: str) -> Any | None:
    name = MODELS.get(lang)
    if name is None:
        return None
    import spacy

    return spacy.load(name, exclude=EXCLUDE)


def needs_model(lang: str, text: str) -> bool:
    """Whether a figure sentence has a cue that makes its speaker worth looking for, and a speaker the
    lexicon cannot name by itself ("selon la protection civile" needs no model; "a déclaré Jean Dupont"
    does)."""
    lex = load_lexicon(lang)
    p = lex.patterns
    if not any(p[name].search(text) for name in ("reporting_verbs", "attribution", "reporting_nouns")):
        return False
    speakers = ("person", "institution", "org")
    named = any(
        lex.entities[lex.entity_aliases[fold(m.group(0))]].type in speakers
        for m in p["entity"].finditer(text)
    )
    return not named or bool(p["pronouns"].search(text))


def annotate(lang: str, texts: list[str]) -> list[list[str]]:
    """For each text, the person names the model finds (none where it has no reporting cue)."""
    out: list[list[str]] = [[] for _ in texts]
    nlp = pipeline(lang)
    if nlp is None:
        return out
    todo = [i for i, t in enumerate(texts) if needs_model(lang, t)]
    for i, doc in zip(todo, nlp.pipe([texts[i] for i in todo], batch_size=64), strict=True):
        out[i] = [ent.text for ent in doc.ents if ent.label_ == "PER"]
    return out
