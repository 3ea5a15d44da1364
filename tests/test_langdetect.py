"""Language detection: short French and English news paragraphs, and a replaceable detector."""

from __future__ import annotations

import pytest

from checker import ingest, langdetect

FRENCH = [
    "Les ventes de vélos électriques ont progressé de 14 % l'an dernier, selon la fédération du secteur.",
    "Le gouvernement a annoncé mardi une enveloppe de 300 millions d'euros pour les hôpitaux.",
    "La grève a duré trois jours et a touché 40 usines dans le nord du pays.",
    "Les exportations de blé reculent",
    "Le ministre a indique que le budget serait vote avant la fin du mois",  # no accents at all
    "« C'est une décision historique », a déclaré la présidente de la région.",
]

ENGLISH = [
    "Sales of electric bikes rose 14% last year, according to the industry federation.",
    "The government announced on Tuesday a package of 300 million euros for hospitals.",
    "The strike lasted three days and hit 40 factories in the north of the country.",
    "Wheat exports fall for a second year",
    "President Emmanuel Macron said the Élysée would publish the figures after the summit in Orléans.",
    "\"It's a historic decision,\" the region's president said.",
]


@pytest.mark.parametrize("text", FRENCH)
def test_french_news_paragraphs_are_detected_as_french(text: str) -> None:
    assert langdetect.detect(text) == "fr"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_news_paragraphs_are_detected_as_english(text: str) -> None:
    assert langdetect.detect(text) == "en"


def test_text_without_any_evidence_falls_back_to_english() -> None:
    assert langdetect.detect("12 345 — 2023") == "en"
    assert langdetect.detect("") == "en"


def test_scores_favour_the_language_of_the_function_words() -> None:
    s = langdetect.scores("Le chiffre d'affaires de l'entreprise a augmenté.")
    assert s["fr"] > s["en"]


def test_the_detector_used_by_ingestion_can_be_replaced(tmp_path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(FRENCH[0] + "\n", encoding="utf-8")
    monkeypatch.setattr(langdetect, "DETECTOR", lambda text: "en")
    docs, _ = ingest.read_paths([tmp_path / "a.txt"])
    assert docs[0].lang == "en"
    assert docs[0].lang_source == "detected"
