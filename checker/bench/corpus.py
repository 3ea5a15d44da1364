"""Writes a synthetic news corpus for the speed benchmark, deterministic by seed.

Articles are built from the project's own templates: French and English, about
400-700 words each, most sentences without a figure (as in real copy) and
about one in six with one or two (money, percentages, counts, quantities,
dates), about stories drawn from the entity and metric lexicons.  The same seed
always gives the same files, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

FILLER = {
    "fr": [
        "Les discussions se sont poursuivies tard dans la soirée, selon plusieurs participants.",
        "Les responsables ont insisté sur la nécessité de maintenir le dialogue entre les deux parties.",
        "Cette décision intervient dans un contexte politique tendu, marqué par de nombreuses incertitudes.",
        "Plusieurs observateurs estiment que la situation pourrait évoluer vite dans les prochains mois.",
        "Le gouvernement n'a pas souhaité commenter ces informations dans l'immédiat.",
        "Sur place, les habitants décrivent une atmosphère calme mais inquiète.",
        "Les experts appellent à la prudence face aux annonces faites ces derniers jours.",
        "La question devrait être de nouveau abordée lors de la prochaine réunion du conseil.",
        "Les syndicats ont exprimé leurs réserves quant à la méthode retenue par l'exécutif.",
        "Le texte doit encore être examiné par le Parlement avant son entrée en vigueur.",
        "Des représentants de la société civile ont demandé davantage de transparence.",
        "La presse locale a largement relayé ces déclarations au cours de la journée.",
        "Les autorités assurent que toutes les mesures nécessaires ont été prises.",
        "Cette annonce a été accueillie avec scepticisme par une partie de l'opposition.",
        "Le dossier reste au cœur des préoccupations des dirigeants de la région.",
        "Aucun calendrier précis n'a toutefois été communiqué à ce stade.",
    ],
    "en": [
        "Talks continued late into the evening, according to several people present.",
        "Officials stressed the need to keep the dialogue going between the two sides.",
        "The decision comes at a tense political moment, marked by a great deal of uncertainty.",
        "Several observers believe the situation could change quickly in the coming months.",
        "The government declined to comment on the reports for now.",
        "Residents describe a calm but anxious atmosphere on the ground.",
        "Experts urged caution over the announcements made in recent days.",
        "The issue is expected to come up again at the council's next meeting.",
        "Unions voiced reservations about the approach chosen by the executive.",
        "The bill still has to go through parliament before it takes effect.",
        "Civil society groups called for more transparency.",
        "Local newspapers widely reported the statements throughout the day.",
        "The authorities say all the necessary measures have been taken.",
        "The announcement was met with scepticism by part of the opposition.",
        "The matter remains at the heart of the region's leaders' concerns.",
        "No precise timetable has been given so far.",
    ],
}

FIGURES = {
    "fr": [
        "Les échanges bilatéraux entre {A} et {B} ont atteint {m} milliards de dollars en {y}.",
        "Le commerce bilatéral a progressé de {p} % en {y}, selon le ministère de l'Économie.",
        "Les investissements de {A} dépassent désormais {m} milliards d'euros.",
        "Le budget de la ville s'élève à {n} millions d'euros pour {y}, en hausse de {p} %.",
        "Au moins {c} personnes ont été évacuées le {d} {mo}, a indiqué la protection civile.",
        "Le bilan s'établit à {c} morts et {c2} blessés, selon les secours.",
        "Les livraisons de gaz ont atteint {m} milliards de mètres cubes l'an dernier.",
        "Le taux de participation a atteint {p},{p2} % lors du premier tour.",
        "Près de {c} manifestants ont défilé mardi dans les rues de la capitale.",
        "Les exportations vers {B} ont reculé de {p} % au premier trimestre {y}.",
        "Le sommet s'est tenu le {d} {mo} {y} à {C}.",
    ],
    "en": [
        "Bilateral trade between {A} and {B} reached ${m} billion in {y}.",
        "Trade turnover rose {p}% in {y}, the economy ministry said.",
        "Investment from {A} now exceeds {m} billion euros.",
        "The city budget stands at €{n} million for {y}, up {p}% on the year.",
        "At least {c} people were evacuated on {mo} {d}, civil protection said.",
        "The death toll stands at {c} dead and {c2} injured, according to rescuers.",
        "Gas deliveries reached {m} billion cubic metres last year.",
        "Turnout reached {p}.{p2}% in the first round.",
        "About {c} protesters marched through the capital on Tuesday.",
        "Exports to {B} fell {p}% in the first quarter of {y}.",
        "The summit was held in {C} on {mo} {d}, {y}.",
    ],
}

MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
COUNTRIES = {
    "fr": [
        "la France",
        "l'Allemagne",
        "l'Espagne",
        "le Maroc",
        "le Kazakhstan",
        "l'Ouzbékistan",
        "la Pologne",
        "la Roumanie",
        "le Japon",
        "l'Inde",
        "le Canada",
        "la Turquie",
    ],
    "en": [
        "France",
        "Germany",
        "Spain",
        "Morocco",
        "Kazakhstan",
        "Uzbekistan",
        "Poland",
        "Romania",
        "Japan",
        "India",
        "Canada",
        "Turkey",
    ],
}
CITIES = ["Lyon", "Bordeaux", "Samarkand", "Almaty", "Valencia", "Montreal", "Nantes", "Lille"]
TITLES = {
    "fr": "Nouvelles tensions autour des échanges entre {A} et {B}",
    "en": "New tensions over trade between {A} and {B}",
}


def _sentence(rng: random.Random, lang: str, template: str) -> str:
    a, b = rng.sample(COUNTRIES[lang], 2)
    values = {
        "A": a,
        "B": b,
        "C": rng.choice(CITIES),
        "m": f"{rng.randint(1, 90)}",
        "n": f"{rng.randint(100, 990)}",
        "p": f"{rng.randint(1, 60)}",
        "p2": f"{rng.randint(0, 9)}",
        "c": f"{rng.randint(2, 990):,}".replace(",", "\u202f" if lang == "fr" else ","),
        "c2": f"{rng.randint(2, 300)}",
        "y": f"{rng.randint(2015, 2025)}",
        "d": f"{rng.randint(1, 28)}",
        "mo": rng.choice(MONTHS[lang]),
    }
    text = template.format(**values)
    return text[0].upper() + text[1:]


def article(rng: random.Random, lang: str, index: int, base: dt.date) -> str:
    a, b = rng.sample(COUNTRIES[lang], 2)
    title = TITLES[lang].format(A=a, B=b)
    published = base + dt.timedelta(days=rng.randint(0, 700))
    paragraphs = []
    target_words = rng.randint(400, 700)
    words = 0
    while words < target_words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.17:
                sentences.append(_sentence(rng, lang, rng.choice(FIGURES[lang])))
            else:
                sentences.append(rng.choice(FILLER[lang]))
        paragraph = " ".join(sentences)
        words += len(paragraph.split())
        paragraphs.append(paragraph)
    header = (
        f"Title: {title}\nOutlet: Bench Wire {index % 37}\nDate: {published.isoformat()}\nLang: {lang}\n\n"
    )
    return header + f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, n: int = 5000, seed: int = 7) -> list[Path]:
    """Writes ``n`` articles (half French, half English) into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    base = dt.date(2022, 1, 1)
    paths = []
    for i in range(n):
        lang = "fr" if i % 2 == 0 else "en"
        path = folder / f"{i:05d}-{lang}.txt"
        path.write_text(article(rng, lang, i, base), encoding="utf-8")
        paths.append(path)
    return paths
