"""Flashcards at build time: the fence syntax, the cards in the built pages, the deck
page, and the exports (the Anki package and the CSV) matching the site one for one."""

import csv
import io
import json
import re
import sqlite3
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import flashcards
from sitebuild.common import BuildError

ROOT = Path(__file__).resolve().parents[2]
FINAL = "lessons/08-seeing-it-whole/practice/index.html"
DOWNLOADS = "downloads/how-neural-networks-learn-flashcards"


# ---------------------------------------------------------------- the syntax


def test_parse_cards_reads_multiline_answers_until_the_next_question():
    body = [
        "Q: First \\(x\\)?",
        "A: One line",
        "and another.",
        "",
        "Second paragraph.",
        "",
        "Q: Second",
        "question?",
        "A: Two.",
    ]
    cards = flashcards.parse_cards(body, 10)
    assert cards == [
        ("First \\(x\\)?", "One line\nand another.\n\nSecond paragraph.", 10),
        ("Second\nquestion?", "Two.", 16),
    ]


@pytest.mark.parametrize(
    "body, message",
    [
        (["A: no question"], "must follow a 'Q:'"),
        (["Q: no answer"], "has no answer"),
        (["Q: empty answer", "A:   "], "has no answer"),
        (["Q: two", "A: one", "A: two"], "must follow a 'Q:'"),
        (["stray text", "Q: x", "A: y"], "must start with 'Q:'"),
        ([""], "holds no cards"),
    ],
)
def test_malformed_sets_fail_the_build_with_the_line(body, message):
    with pytest.raises(BuildError, match=message):
        flashcards.parse_cards(body, 3)


def test_fences_inside_other_fences_are_examples_not_cards():
    source = (
        "Text\n\n````markdown\n```flashcards\nQ: x\nA: y\n```\n````\n\n```flashcards\nQ: real?\nA: yes\n```\n"
    )
    segments = list(flashcards.split_fences(source))
    assert [kind for kind, *_ in segments] == ["text", "cards", "text"]
    assert segments[1][1] == ["Q: real?", "A: yes"]
    assert "```flashcards" in "\n".join(segments[0][1])  # the example is left as written


def test_ids_ignore_case_spacing_and_punctuation_but_not_words():
    a = flashcards.card_id("03", "What is the cost?")
    assert a == flashcards.card_id("03", "what is  the cost")
    assert a != flashcards.card_id("04", "What is the cost?")
    assert a != flashcards.card_id("03", "What is the total cost?")
    assert re.fullmatch(r"03-[0-9a-f]{8}", a)


def test_same_question_twice_in_a_lesson_fails():
    lesson = flashcards.Lesson(3, "3 · Cost", "lessons/03-cost/practice.md")
    text = "```flashcards\nQ: Same?\nA: a\n\nQ: same\nA: b\n```\n"
    with pytest.raises(BuildError, match="same question"):
        flashcards.cards_of_page(text, lesson.page, lesson, lambda t, w: t)


def test_relative_links_are_rebased_for_the_deck_page():
    text = "See [the lesson](index.md), [a part](#flashcards), [far](../03-cost/index.md#x) and [web](https://example.org)."
    rebased = flashcards.rebase_links(text, "lessons/04-gradient-descent")
    assert "(lessons/04-gradient-descent/index.md)" in rebased
    assert "(lessons/04-gradient-descent/practice.md#flashcards)" in rebased
    assert "(lessons/03-cost/index.md#x)" in rebased
    assert "(https://example.org)" in rebased


# ---------------------------------------------------------------- the built pages


class Cards(HTMLParser):
    """The .flashcard elements of a page: their question and answer text."""

    def __init__(self):
        super().__init__()
        self.cards, self.stack, self.sets, self.target = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, self.target))
        if "flashcards" in classes:
            self.sets += 1
        if "flashcard" in classes:
            self.cards.append(
                {"id": dict(attrs).get("data-card-id"), "question": "", "answer": "", "maths": 0}
            )
        if "flashcard__question" in classes:
            self.target = "question"
        elif "flashcard__answer" in classes:
            self.target = "answer"
        if "arithmatex" in classes and self.cards:
            self.cards[-1]["maths"] += 1

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, previous = self.stack.pop()
            if open_tag == tag:
                self.target = previous
                break

    def handle_data(self, data):
        if self.target and self.cards:
            self.cards[-1][self.target] += data


def page_cards(site_dir, path):
    parser = Cards()
    parser.feed((site_dir / path).read_text())
    for card in parser.cards:
        card["question"] = " ".join(card["question"].split())
        card["answer"] = " ".join(card["answer"].split())
    return parser


@pytest.fixture(scope="session")
def deck(site_dir):
    return json.loads((site_dir / f"{DOWNLOADS}.json").read_text())


def test_final_practice_page_has_its_ten_cards(site_dir):
    parsed = page_cards(site_dir, FINAL)
    assert parsed.sets == 1 and len(parsed.cards) == 10
    for card in parsed.cards:
        assert card["question"].endswith("?") and len(card["answer"]) > 40
    questions = [c["question"] for c in parsed.cards]
    assert questions[0] == "What is a neural network, in one sentence?"
    assert "What are the four phases of one training step?" in questions
    by_question = {c["question"]: c for c in parsed.cards}
    # the brief's fixes, and a build stat filled in inside a card
    parameters = by_question["What are a network's parameters, and how many does the digit network have?"]
    assert "has 13,002;" in parameters["answer"] and "about" not in parameters["answer"]
    phases = by_question["What are the four phases of one training step?"]["answer"]
    assert "Then repeat with the next image (in practice, the next mini-batch)." in phases
    html = (site_dir / FINAL).read_text()
    assert "{{" not in html and "Q:" not in html
    # without JavaScript: <details>, the question as <summary>
    assert html.count('<details class="flashcard"') == 10
    assert html.count('<summary class="flashcard__question">') == 10


def test_deck_page_holds_every_card_of_every_practice_page(site_dir, deck):
    practice = sorted(site_dir.glob("lessons/*/practice/index.html"))
    on_pages = []
    for page in practice:
        on_pages += page_cards(site_dir, page.relative_to(site_dir)).cards
    on_deck = page_cards(site_dir, "flashcards/index.html").cards
    assert len(on_deck) == len(on_pages) == len(deck["cards"]) >= 10
    assert [c["id"] for c in on_deck] == [c["id"] for c in on_pages] == [c["id"] for c in deck["cards"]]
    assert [c["question"] for c in on_deck] == [c["question"] for c in on_pages]
    assert [c["answer"] for c in on_deck] == [c["answer"] for c in on_pages]
    assert len({c["id"] for c in on_deck}) == len(on_deck)
    html = (site_dir / "flashcards" / "index.html").read_text()
    for lesson in deck["lessons"]:
        if lesson["cards"]:
            assert f'data-lesson="{lesson["key"]}"' in html and lesson["title"] in html


def test_exports_are_linked_from_the_deck_and_the_practice_page(site_dir):
    for page, prefix in ((FINAL, "../../../"), ("flashcards/index.html", "../")):
        html = (site_dir / page).read_text()
        for ext in ("apkg", "csv"):
            assert f'href="{prefix}{DOWNLOADS}.{ext}"' in html
    assert (site_dir / f"{DOWNLOADS}.apkg").stat().st_size > 2000


def test_ts_fsrs_is_served_from_the_site(site_dir):
    module = site_dir / "assets" / "vendor" / "ts-fsrs" / "ts-fsrs.mjs"
    text = module.read_text()
    assert "export {" in text and "createEmptyCard" in text and "sourceMappingURL" not in text
    assert (site_dir / "assets" / "vendor" / "ts-fsrs" / "LICENSE").exists()


# ---------------------------------------------------------------- the Anki package and the CSV


def open_apkg(path, tmp_path):
    with zipfile.ZipFile(path) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        assert json.loads(z.read("media")) == {}
        db = tmp_path / f"{path.stem}-{path.stat().st_mtime_ns}.anki2"
        db.write_bytes(z.read("collection.anki2"))
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return connection


def anki_ids(connection):
    col = connection.execute("SELECT decks, models FROM col").fetchone()
    decks = {d["name"]: int(i) for i, d in json.loads(col[0]).items()}
    models = {m["name"]: int(i) for i, m in json.loads(col[1]).items()}
    notes = connection.execute("SELECT id, guid, mid, flds FROM notes ORDER BY id").fetchall()
    cards = connection.execute("SELECT id, nid, did FROM cards ORDER BY id").fetchall()
    return decks, models, notes, cards


def test_apkg_is_an_anki_collection_whose_notes_are_the_sites_cards(site_dir, deck, tmp_path):
    connection = open_apkg(site_dir / f"{DOWNLOADS}.apkg", tmp_path)
    decks, models, notes, cards = anki_ids(connection)
    track = "How neural networks learn"
    assert track in decks
    lessons = [l for l in deck["lessons"] if l["cards"]]
    assert {f"{track}::{l['title']}" for l in lessons} <= set(decks)
    model_id = models[f"{track} (question and answer)"]
    assert len(notes) == len(cards) == len(deck["cards"])
    by_guid = {guid: (nid, mid, fields.split("\x1f")) for nid, guid, mid, fields in notes}
    deck_of_note = {nid: did for _, nid, did in cards}
    site = page_cards(site_dir, "flashcards/index.html").cards
    for card, shown in zip(deck["cards"], site):
        nid, mid, fields = by_guid[card["guid"]]
        assert mid == model_id
        question, answer, lesson, card_id = fields
        assert card_id == card["id"] == shown["id"]
        title = next(l["title"] for l in lessons if l["key"] == card["lesson"])
        assert deck_of_note[nid] == decks[f"{track}::{title}"]
        # the same words as on the page (HTML tags aside); maths stays \( … \) for Anki's MathJax
        # tags become spaces; spaces before punctuation are not a difference a reader sees
        tidy = lambda t: re.sub(r"([(\[])\s+", r"\1", re.sub(r"\s+([,.?!;:)\]])", r"\1", t))
        text = lambda html, tidy=tidy: tidy(
            " ".join(__import__("html").unescape(re.sub(r"<[^>]+>", " ", html)).split())
        )
        assert text(question) == tidy(shown["question"])
        assert text(answer) == tidy(shown["answer"])
        assert "<a " not in answer


def test_anki_ids_are_the_same_in_every_build(site_dir, tmp_path):
    lessons, cards = flashcards.collect(ROOT / "docs", None)
    first = flashcards.write_apkg(lessons, cards, tmp_path / "first.apkg", timestamp=1.7e9)
    second = flashcards.write_apkg(lessons, cards, tmp_path / "second.apkg", timestamp=1.8e9)
    a, b = anki_ids(open_apkg(first, tmp_path)), anki_ids(open_apkg(second, tmp_path))
    built = anki_ids(open_apkg(site_dir / f"{DOWNLOADS}.apkg", tmp_path))
    for ids in (a, b, built):
        # deck names differ here only by the lesson titles, which the nav gives the site
        assert sorted(ids[0].values()) == sorted(a[0].values())
        assert list(ids[1].values()) == list(a[1].values())
        assert [(nid, guid, mid) for nid, guid, mid, _ in ids[2]] == [(n, g, m) for n, g, m, _ in a[2]]
        assert [(cid, nid, did) for cid, nid, did in ids[3]] == a[3]
    mods = [
        open_apkg(p, tmp_path).execute("SELECT DISTINCT mod FROM notes").fetchall() for p in (first, second)
    ]
    assert mods[0] != mods[1]  # a newer build is newer to Anki, so re-importing updates


def test_csv_has_one_row_per_card(site_dir, deck):
    text = (site_dir / f"{DOWNLOADS}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == [c["id"] for c in deck["cards"]]
    assert [r["question"] for r in rows] == [c["question"] for c in deck["cards"]]
    assert [r["answer"] for r in rows] == [c["answer"] for c in deck["cards"]]
    final = [r for r in rows if r["lesson"] == "8"]
    assert len(final) == 10 and final[0]["page"].endswith("lessons/08-seeing-it-whole/practice/")
