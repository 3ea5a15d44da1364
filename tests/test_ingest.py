"""Reading files and folders into Documents: formats, metadata, skipped inputs, stable ids and order."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import pytest

from checker.errors import InputNotFound, NoDocuments
from checker.ingest import normalise_lang, read_paths, require_documents
from checker.models import stable_id

PARAGRAPH_FR = "Les ventes de cidre ont atteint 18 millions de litres en 2023, selon l'interprofession."
PARAGRAPH_EN = "Cider sales reached 18 million litres in 2023, according to the trade body."


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def covered(doc, needle: str) -> bool:
    i = doc.text.index(needle)
    return any(a <= i and i + len(needle) <= b for a, b in doc.furniture)


def touches(doc, needle: str) -> bool:
    i = doc.text.index(needle)
    return any(a < i + len(needle) and i < b for a, b in doc.furniture)


# --- text files ------------------------------------------------------------------


def test_header_block_gives_metadata_and_is_furniture(tmp_path) -> None:
    text = (
        "Title: Le cidre normand s'exporte\n"
        "OUTLET: Le Courrier du Bocage\n"
        "published: 14 mai 2024\n"
        "URL: https://news.example/cidre\n"
        "Language: français\n"
        "Author: Claire Vasseur\n"
        "\n"
        f"{PARAGRAPH_FR}\n"
    )
    write(tmp_path / "a.txt", text)
    (doc,), skipped = read_paths([tmp_path / "a.txt"])
    assert skipped == []
    assert doc.text == text  # offsets are offsets in the file as read
    assert (doc.title, doc.outlet, doc.url, doc.author) == (
        "Le cidre normand s'exporte",
        "Le Courrier du Bocage",
        "https://news.example/cidre",
        "Claire Vasseur",
    )
    assert (doc.published, doc.published_source) == (dt.date(2024, 5, 14), "metadata")
    assert (doc.lang, doc.lang_source) == ("fr", "metadata")
    assert doc.furniture[0][0] == 0 and covered(doc, "Author: Claire Vasseur")
    assert not touches(doc, PARAGRAPH_FR)
    assert doc.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_yaml_front_matter_gives_metadata_and_is_furniture(tmp_path) -> None:
    text = (
        "---\n"
        "title: Cider exports soar\n"
        "date: 2024-05-14\n"
        "lang: en-GB\n"
        "author: [Ann Lee, Tom Hart]\n"
        "---\n"
        f"{PARAGRAPH_EN}\n"
    )
    write(tmp_path / "a.md", text)
    (doc,), _ = read_paths([tmp_path / "a.md"])
    assert doc.title == "Cider exports soar"
    assert doc.published == dt.date(2024, 5, 14)
    assert doc.lang == "en" and doc.lang_source == "metadata"
    assert doc.author == "Ann Lee, Tom Hart"
    assert covered(doc, "title: Cider exports soar")
    assert not touches(doc, PARAGRAPH_EN)


def test_key_value_lines_not_followed_by_a_blank_line_are_not_a_header(tmp_path) -> None:
    write(tmp_path / "a.txt", f"Title: Cider\n{PARAGRAPH_EN}\n")
    (doc,), _ = read_paths([tmp_path / "a.txt"])
    assert doc.furniture == ()
    assert doc.title == "Title: Cider"


def test_without_metadata_title_lang_and_date_come_from_the_text(tmp_path) -> None:
    write(tmp_path / "a.txt", f"Le cidre normand s'exporte\n\nPublié le 6 avril 2023\n\n{PARAGRAPH_FR}\n")
    (doc,), _ = read_paths([tmp_path / "a.txt"])
    assert doc.title == "Le cidre normand s'exporte"
    assert (doc.lang, doc.lang_source) == ("fr", "detected")
    assert (doc.published, doc.published_source) == (dt.date(2023, 4, 6), "text")
    assert covered(doc, "Publié le 6 avril 2023")


def test_a_first_line_that_is_a_sentence_is_not_taken_as_title(tmp_path) -> None:
    write(tmp_path / "a.txt", f"{PARAGRAPH_FR}\n")
    (doc,), _ = read_paths([tmp_path / "a.txt"])
    assert doc.title is None
    assert (doc.published, doc.published_source, doc.published_note) == (
        None,
        "unknown",
        "no publication date found",
    )


def test_partial_update_date_in_the_text_is_kept_as_a_note(tmp_path) -> None:
    write(tmp_path / "a.txt", f"Dernière mise à jour à 09h15 le 02/03\n{PARAGRAPH_FR}\n")
    (doc,), _ = read_paths([tmp_path / "a.txt"])
    assert doc.published is None
    assert doc.published_source == "text"
    assert doc.published_note == "02/03 (day and month only; year unknown)"


def test_utf8_bom_is_accepted_and_dropped(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + PARAGRAPH_FR.encode("utf-8"))
    (doc,), _ = read_paths([tmp_path / "a.txt"])
    assert doc.text == PARAGRAPH_FR


def test_utf16_file_with_bom_is_decoded(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(PARAGRAPH_FR.encode("utf-16"))
    (doc,), skipped = read_paths([tmp_path / "a.txt"])
    assert skipped == [] and doc.text == PARAGRAPH_FR


def test_windows_1252_file_is_decoded(tmp_path) -> None:
    text = "Le prix du litre a augmenté de 5 € en un an, à 12 € à la propriété."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (doc,), skipped = read_paths([tmp_path / "a.txt"])
    assert skipped == [] and doc.text == text


# --- HTML ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
<meta charset="utf-8">
<title>La production de cidre bondit | Le Courrier du Bocage</title>
<meta property="og:site_name" content="Le Courrier du Bocage">
<meta property="og:title" content="La production de cidre bondit">
<meta name="author" content="Claire Vasseur">
<meta property="article:published_time" content="2024-05-14T08:30:00+02:00">
<link rel="canonical" href="https://news.example/eco/cidre">
</head>
<body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/eco">Économie</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>La production de cidre bondit</h1>
<p>La production de cidre a atteint 18 millions de litres en 2023 dans la région, soit une hausse de 9 %
sur un an, selon l'interprofession.</p>
<p>« Nous n'avions jamais vendu autant de bouteilles à l'étranger », a déclaré le président de la
coopérative, qui emploie 240 salariés.</p>
<p>Les exportations vers le Japon ont doublé, à 1,2 million de bouteilles, portées par les restaurants.</p>
</article></main>
<footer><p>© 2024 Le Courrier du Bocage. Tous droits réservés.</p><a href="/mentions">Mentions légales</a>
</footer>
</body></html>
"""


def test_html_page_gives_main_text_and_metadata(tmp_path) -> None:
    write(tmp_path / "page.html", PAGE)
    (doc,), skipped = read_paths([tmp_path / "page.html"])
    assert skipped == []
    assert "18 millions de litres en 2023" in doc.text
    assert "Accueil" not in doc.text  # the navigation is not the article
    assert doc.title == "La production de cidre bondit"
    assert doc.outlet == "Le Courrier du Bocage"
    assert doc.author == "Claire Vasseur"
    assert doc.url == "https://news.example/eco/cidre"
    assert (doc.published, doc.published_source) == (dt.date(2024, 5, 14), "metadata")
    assert (doc.lang, doc.lang_source) == ("fr", "metadata")
    if "Tous droits réservés" in doc.text:
        assert covered(doc, "Tous droits réservés")


@pytest.mark.parametrize(
    "markup",
    ["<html><head><title></title></head><body><div><span></span></div></body></html>", "<html><<<>>"],
)
def test_html_without_any_text_is_skipped_with_a_reason(tmp_path, markup) -> None:
    write(tmp_path / "empty.htm", markup)
    docs, skipped = read_paths([tmp_path / "empty.htm"])
    assert docs == []
    assert [s.reason for s in skipped] == ["no article text found in the HTML"]


def test_a_short_html_fragment_still_gives_its_text(tmp_path) -> None:
    write(tmp_path / "brief.html", f"<p>{PARAGRAPH_FR}</p>")
    (doc,), _ = read_paths([tmp_path / "brief.html"])
    assert doc.text == PARAGRAPH_FR


# --- JSON and JSON Lines -----------------------------------------------------------------


def test_json_object_is_one_record_with_its_metadata(tmp_path) -> None:
    record = {"id": "n1", "text": PARAGRAPH_EN, "title": "Cider", "outlet": "Daily", "date": "2024-05-14"}
    write(tmp_path / "one.json", json.dumps(record))
    (doc,), _ = read_paths([tmp_path / "one.json"])
    assert doc.id == stable_id("doc", "one.json#n1")
    assert doc.path.endswith("one.json#n1")
    assert (doc.title, doc.outlet, doc.published) == ("Cider", "Daily", dt.date(2024, 5, 14))
    assert doc.lang == "en" and doc.lang_source == "detected"


def test_json_list_loads_good_records_and_skips_one_without_text(tmp_path) -> None:
    records = [
        {"id": "a", "text": PARAGRAPH_FR, "lang": "French", "published": "6 avril 2023"},
        {"id": "b", "title": "No body"},
        {"text": PARAGRAPH_EN, "lang": "en"},
    ]
    write(tmp_path / "list.json", json.dumps(records))
    docs, skipped = read_paths([tmp_path / "list.json"])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["list.json#a", "list.json#record 3"]
    assert docs[0].lang == "fr" and docs[0].published == dt.date(2023, 4, 6)
    assert [(s.path.rsplit("/", 1)[-1], s.reason) for s in skipped] == [("list.json#b", "record has no text")]


def test_jsonl_with_one_bad_line_loads_the_other_lines(tmp_path) -> None:
    lines = [
        json.dumps({"text": PARAGRAPH_FR}),
        '{"text": "broken',
        "",
        json.dumps({"id": 7, "text": PARAGRAPH_EN}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    docs, skipped = read_paths([tmp_path / "feed.jsonl"])
    assert [d.id for d in docs] == [stable_id("doc", "feed.jsonl#line 1"), stable_id("doc", "feed.jsonl#7")]
    assert len(skipped) == 1
    assert skipped[0].path.endswith("feed.jsonl#line 2")
    assert skipped[0].reason.startswith("invalid JSON at line 2:")


def test_invalid_json_file_is_skipped_with_the_line_of_the_error(tmp_path) -> None:
    write(tmp_path / "bad.json", '[\n  {"text": "a"},\n  {"text": "b" "c"}\n]\n')
    docs, skipped = read_paths([tmp_path / "bad.json"])
    assert docs == []
    assert skipped[0].reason.startswith("invalid JSON at line 3: ")


def test_records_with_the_same_id_get_distinct_document_ids(tmp_path) -> None:
    write(
        tmp_path / "dup.json", json.dumps([{"id": 1, "text": PARAGRAPH_FR}, {"id": 1, "text": PARAGRAPH_EN}])
    )
    docs, _ = read_paths([tmp_path / "dup.json"])
    assert len({d.id for d in docs}) == 2
    assert docs[0].id == stable_id("doc", "dup.json#1")


# --- skipped and missing inputs ----------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "file has only whitespace"),
        ("nul.txt", b"Les ventes\x00\x01\x02 ont progress\xc3\xa9", "binary file (not text)"),
        ("controls.txt", b"Les ventes" + bytes(range(1, 9)) * 4 + b" ont progress", "binary file (not text)"),
        ("noise.txt", bytes(range(0x80, 0x100)) * 8, "cannot decode as UTF-8 or Latin-1"),
        (
            "report.pdf",
            b"%PDF-1.4",
            "unsupported extension .pdf (expected .txt, .md, .html, .htm, .json, .jsonl)",
        ),
    ],
)
def test_unreadable_files_are_skipped_with_a_plain_reason(tmp_path, name, content, reason) -> None:
    (tmp_path / name).write_bytes(content)
    docs, skipped = read_paths([tmp_path / name])
    assert docs == []
    assert [s.reason for s in skipped] == [reason]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_file_without_read_permission_is_skipped(tmp_path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PARAGRAPH_FR, encoding="utf-8")
    path.chmod(0)
    try:
        docs, skipped = read_paths([path])
    finally:
        path.chmod(0o644)
    assert docs == []
    assert skipped[0].reason == "permission denied"


def test_permission_error_while_reading_is_reported_even_when_running_as_root(tmp_path, monkeypatch) -> None:
    # chmod cannot stop root from reading, so the error is raised by hand here.
    from pathlib import Path

    path = tmp_path / "secret.txt"
    path.write_text(PARAGRAPH_FR, encoding="utf-8")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    write(tmp_path / "ok.txt", PARAGRAPH_EN)
    docs, skipped = read_paths([tmp_path])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["ok.txt"]
    assert [(s.path.rsplit("/", 1)[-1], s.reason) for s in skipped] == [("secret.txt", "permission denied")]


def test_a_missing_path_raises_input_not_found_naming_it(tmp_path) -> None:
    missing = tmp_path / "nowhere" / "gone.txt"
    with pytest.raises(InputNotFound, match="gone.txt"):
        read_paths([missing])


def test_one_bad_file_does_not_stop_the_others(tmp_path) -> None:
    write(tmp_path / "in" / "a.txt", PARAGRAPH_FR)
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    write(tmp_path / "in" / "c.txt", PARAGRAPH_EN)
    docs, skipped = read_paths([tmp_path / "in"])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["a.txt", "c.txt"]
    assert [s.reason for s in skipped] == ["empty file"]


def test_require_documents_lists_why_each_input_was_skipped(tmp_path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    docs, skipped = read_paths([tmp_path])
    with pytest.raises(NoDocuments) as info:
        require_documents(docs, skipped)
    message = str(info.value)
    assert "e.txt: empty file" in message and "x.pdf: unsupported extension .pdf" in message


def test_require_documents_returns_the_documents_when_there_are_some(tmp_path) -> None:
    write(tmp_path / "a.txt", PARAGRAPH_FR)
    docs, skipped = read_paths([tmp_path])
    assert require_documents(docs, skipped) == docs


# --- folders, order and ids ------------------------------------------------------------------


def make_tree(root) -> None:
    write(root / "b.txt", PARAGRAPH_EN)
    write(root / "a" / "z.txt", PARAGRAPH_FR)
    write(root / "a.txt", PARAGRAPH_FR + " Deux.")
    write(root / ".hidden.txt", PARAGRAPH_EN)
    write(root / ".cache" / "c.txt", PARAGRAPH_EN)


def test_folders_are_read_recursively_in_sorted_order_without_hidden_entries(tmp_path) -> None:
    make_tree(tmp_path / "corpus")
    docs, skipped = read_paths([str(tmp_path / "corpus") + "/"])
    rels = [d.path.split("corpus/", 1)[1] for d in docs]
    assert rels == ["a.txt", "a/z.txt", "b.txt"]
    assert skipped == []


def test_document_path_is_the_argument_joined_with_the_relative_path(tmp_path, monkeypatch) -> None:
    make_tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    docs, _ = read_paths(["corpus"])
    assert [d.path for d in docs] == ["corpus/a.txt", "corpus/a/z.txt", "corpus/b.txt"]


def test_ids_do_not_depend_on_the_machine_or_the_current_directory(tmp_path, monkeypatch) -> None:
    make_tree(tmp_path / "corpus")
    absolute, _ = read_paths([tmp_path / "corpus"])
    monkeypatch.chdir(tmp_path)
    relative, _ = read_paths(["corpus"])
    monkeypatch.chdir(tmp_path / "corpus")
    from_inside, _ = read_paths(["."])
    assert [d.id for d in absolute] == [d.id for d in relative] == [d.id for d in from_inside]
    assert absolute[0].id == stable_id("doc", "corpus/a.txt")


def test_reading_twice_gives_the_same_documents(tmp_path) -> None:
    make_tree(tmp_path / "corpus")
    first, _ = read_paths([tmp_path / "corpus"])
    second, _ = read_paths([tmp_path / "corpus"])
    assert first == second


def test_files_with_the_same_name_in_two_arguments_get_distinct_ids(tmp_path) -> None:
    write(tmp_path / "x" / "a.txt", PARAGRAPH_FR)
    write(tmp_path / "y" / "a.txt", PARAGRAPH_EN)
    docs, _ = read_paths([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"])
    assert docs[0].id == stable_id("doc", "a.txt")
    assert docs[1].id != docs[0].id


def test_the_same_file_given_twice_is_read_once(tmp_path) -> None:
    write(tmp_path / "c" / "a.txt", PARAGRAPH_FR)
    docs, skipped = read_paths([tmp_path / "c", tmp_path / "c" / "a.txt"])
    assert len(docs) == 1
    assert skipped[0].reason.startswith("already read as ")


@pytest.mark.parametrize(
    "value, code",
    [("fr", "fr"), ("fr-FR", "fr"), ("French", "fr"), ("français", "fr"), ("en_GB", "en"), ("English", "en")],
)
def test_metadata_language_names_map_to_codes(value, code) -> None:
    assert normalise_lang(value) == code


def test_an_unknown_metadata_language_falls_back_to_detection(tmp_path) -> None:
    write(tmp_path / "a.txt", f"Lang: klingon\n\n{PARAGRAPH_FR}\n")
    (doc,), _ = read_paths([tmp_path / "a.txt"])
    assert (doc.lang, doc.lang_source) == ("fr", "detected")
