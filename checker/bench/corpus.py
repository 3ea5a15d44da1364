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
        "Le commerce bilatéral entre {A} et {B} a progressé de {p} % en {y}, selon le ministère.",
        "Les investissements de {A} en {B} dépassaient {m} milliards d'euros en {y}.",
        "Le budget de {C} s'élève à {n} millions d'euros pour {y}, en hausse de {p} %.",
        "Au moins {c} personnes ont été évacuées à {C} le {d} {mo} {y}, a indiqué la protection civile.",
        "Le bilan des intempéries du {d} {mo} {y} à {C} s'établit à {c} morts et {c2} blessés.",
        "Les livraisons de gaz de {A} vers {B} ont atteint {m} milliards de mètres cubes en {y}.",
        "Le taux de participation a atteint {p},{p2} % au premier tour à {C} en {y}.",
        "Près de {c} manifestants ont défilé à {C} le {d} {mo} {y}.",
        "Les exportations de {A} vers {B} ont reculé de {p} % au premier trimestre {y}.",
        "Le sommet entre {A} et {B} s'est tenu le {d} {mo} {y} à {C}.",
    ],
    "en": [
        "Bilateral trade between {A} and {B} reached ${m} billion in {y}.",
        "Trade between {A} and {B} rose {p}% in {y}, the economy ministry said.",
        "Investment from {A} in {B} exceeded {m} billion euros in {y}.",
        "The budget of {C} stands at €{n} million for {y}, up {p}% on the year.",
        "At least {c} people were evacuated in {C} on {mo} {d}, {y}, civil protection said.",
        "The storms of {mo} {d}, {y} in {C} left {c} dead and {c2} injured.",
        "Gas deliveries from {A} to {B} reached {m} billion cubic metres in {y}.",
        "Turnout in {C} reached {p}.{p2}% in the first round in {y}.",
        "About {c} protesters marched in {C} on {mo} {d}, {y}.",
        "Exports from {A} to {B} fell {p}% in the first quarter of {y}.",
        "The summit between {A} and {B} was held in {C} on {mo} {d}, {y}.",
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
CITIES = [
    "Lyon",
    "Bordeaux",
    "Samarkand",
    "Almaty",
    "Valencia",
    "Montreal",
    "Nantes",
    "Lille",
    "Toulouse",
    "Marseille",
]
TITLES = {
    "fr": "Nouvelles tensions autour des échanges entre {A} et {B}",
    "en": "New tensions over trade between {A} and {B}",
}


def _sentence(rng: random.Random, lang: str, index: int) -> str:
    """A figure sentence.  Its figures follow from the fact it reports (template, countries, year), so
    articles about the same quantity agree, as they mostly do; one in thirty gets a figure wrong."""
    ia, ib = rng.sample(range(len(COUNTRIES[lang])), 2)
    year = rng.randint(2015, 2025)
    city = rng.randrange(len(CITIES))
    template = FIGURES[lang][index]
    # The fact is what the sentence names: the same template, places and year give the same figures.
    pair = sorted((ia, ib))  # trade between A and B is trade between B and A
    seen = {"A": pair[0], "B": pair[1], "C": city, "y": year}
    identity = [f"{k}={v}" for k, v in seen.items() if "{" + k + "}" in template and k != "y"]
    # Levels grow 4 % a year from a base of their own, so adjacent years agree with the stated growth.
    base = random.Random(f"{index}|{'|'.join(identity)}")
    fact = random.Random(f"{index}|{'|'.join(identity)}|{year}")
    trend = 1.04 ** (year - 2015)
    values = {
        "A": COUNTRIES[lang][ia],
        "B": COUNTRIES[lang][ib],
        "C": CITIES[city],
        "m": round(base.randint(5, 90) * trend),
        "n": round(base.randint(100, 900) * trend),
        "p": 4,
        "p2": fact.randint(0, 9),
        "c": fact.randint(2, 990),
        "c2": fact.randint(2, 300),
        "y": year,
        "d": fact.randint(1, 28),
        "mo": MONTHS[lang][fact.randrange(12)],
    }
    if rng.random() < 1 / 30:
        key = rng.choice(["m", "n", "c", "c2"])
        values[key] = values[key] * rng.choice([3, 7, 1000]) + 1
    values["c"] = f"{values['c']:,}".replace(",", "\u202f" if lang == "fr" else ",")
    text = template.format(**{k: str(v) for k, v in values.items()})
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
                sentences.append(_sentence(rng, lang, rng.randrange(len(FIGURES[lang]))))
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
