"""One document in, its claims out: segment, extract, parse the figure sentences, put figures in context.

This is the unit of work a worker process runs; it depends only on the
document and the rules folder, so its result can be cached by the document's
content hash and the lexicon version.
"""

from __future__ import annotations

from .context import SentenceInfo, build_claims
from .extract import extract_text
from .models import Claim, Document
from .parse import annotate
from .segment import split_sentences


def analyze_document(doc: Document, use_models: bool = True) -> list[Claim]:
    sentences = split_sentences(doc.text, doc.lang, doc.furniture)
    infos: list[SentenceInfo] = []
    for sent in sentences:
        mentions = extract_text(sent.text, doc.lang, doc.published)
        if mentions:
            infos.append(SentenceInfo(sent, [m.shifted(sent.start) for m in mentions]))
    if use_models and infos:
        for info, (persons, future) in zip(
            infos, annotate(doc.lang, [i.sentence.text for i in infos]), strict=True
        ):
            info.persons = persons
            info.future = future
    return build_claims(doc, infos, sentences)
