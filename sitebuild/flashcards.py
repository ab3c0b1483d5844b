"""Flashcards: authored in the practice pages, shown on every page, collected into a deck.

A practice page writes its cards in a fenced block (see CONTRIBUTING.md)::

    ```flashcards
    Q: A question (Markdown and maths allowed).
    A: Its answer, which may run over several lines
    and paragraphs, until the next line starting with Q:.
    ```

Three things happen at build time, all driven by ``sitebuild/hooks.py``:

* ``render_page`` turns each fence of a page into HTML the Markdown pipeline finishes
  (``md_in_html``): a ``.flashcards`` set of ``<details class="flashcard">`` holding
  ``.flashcard__question`` and ``.flashcard__answer``. Without JavaScript every question
  shows and each answer opens; ``assets/js/flashcards/`` turns them into flip cards.
* ``collect`` reads every ``docs/lessons/*/practice.md`` *source* (so the deck never
  depends on the order pages are built) into ``Card`` objects with stable ids.
* ``export`` writes the whole deck as an Anki package (``genanki``: one sub-deck per
  lesson) and a CSV, into the generated files the site serves under ``downloads/``.

A card's id is its lesson number and a hash of its question, letters and digits only
(``08-1c0ffee2``): rewording an answer, fixing punctuation or moving a card keeps its
id (and so a reader's study progress and the Anki note); a question reworded enough to
change its words is a new card.
"""

import csv
import hashlib
import html
import io
import json
import posixpath
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import CACHE, GENERATED, BuildError, write_if_changed

TRACK = "How neural networks learn"
TRACK_KEY = "how-neural-networks-learn"
DOWNLOADS = "downloads"
APKG_NAME = f"{TRACK_KEY}-flashcards.apkg"
CSV_NAME = f"{TRACK_KEY}-flashcards.csv"
MANIFEST_NAME = f"{TRACK_KEY}-flashcards.json"
OUTPUT = GENERATED / DOWNLOADS

FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")
QUESTION = re.compile(r"^Q:[ \t]?(?P<text>.*)$")
ANSWER = re.compile(r"^A:[ \t]?(?P<text>.*)$")
LESSON_FOLDER = re.compile(r"^lessons/(?P<number>\d\d)-[\w-]+/practice\.md$")


@dataclass(frozen=True)
class Lesson:
    number: int  # 1..8, from the folder name
    title: str  # as in the nav, e.g. "1 · What a neural network is"
    page: str  # the practice page, relative to docs/: lessons/01-…/practice.md

    @property
    def key(self):
        return f"{self.number:02d}"

    @property
    def folder(self):
        return posixpath.dirname(self.page)


@dataclass(frozen=True)
class Card:
    id: str
    lesson: Lesson | None  # None on a page that is not a lesson's practice page
    number: int  # 1-based position in its set
    question: str  # Markdown, build stats already filled in
    answer: str
    line: int = field(default=0, compare=False)  # where the question starts in the source


# ------------------------------------------------------------------ parsing


def split_fences(markdown):
    """Yield ("text", lines) and ("cards", body_lines, first_body_line) segments.

    Only top-level ```flashcards fences count; a fence inside another fence (an example
    of the syntax in a code block) is left alone, as is anything indented.
    """
    lines = markdown.split("\n")
    text, i = [], 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i])
        if not match:
            text.append(lines[i])
            i += 1
            continue
        fence = match.group("fence")
        closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if match.group("info") == "flashcards":
            if end == len(lines):
                raise BuildError(f"line {i + 1}: the ```flashcards fence is never closed")
            if text:
                yield "text", text
                text = []
            yield "cards", lines[i + 1 : end], i + 2
        else:
            text.extend(lines[i : end + 1])
        i = end + 1
    if text:
        yield "text", text


def parse_cards(body: list[str], first_line: int = 1) -> list[tuple[str, str, int]]:
    """The (question, answer, line) triples of one fence body; BuildError if malformed."""
    cards: list[dict[str, Any]] = []
    part = None
    for offset, line in enumerate(body):
        number = first_line + offset
        question_line, answer_line = QUESTION.match(line), ANSWER.match(line)
        if question_line:
            cards.append({"q": [question_line.group("text")], "a": None, "line": number})
            part = "q"
        elif answer_line:
            if not cards or cards[-1]["a"] is not None:
                raise BuildError(f"line {number}: an 'A:' line must follow a 'Q:' line")
            cards[-1]["a"] = [answer_line.group("text")]
            part = "a"
        elif part is None:
            if line.strip():
                raise BuildError(f"line {number}: a flashcards block must start with 'Q:'")
        else:
            cards[-1][part].append(line)
    result = []
    for card in cards:
        question = "\n".join(card["q"]).strip()
        answer = "\n".join(card["a"] or []).strip()
        if not question:
            raise BuildError(f"line {card['line']}: a card has an empty question")
        if card["a"] is None or not answer:
            raise BuildError(f"line {card['line']}: the card {question[:40]!r} has no answer ('A:' line)")
        result.append((question, answer, card["line"]))
    if not result:
        raise BuildError(f"line {first_line}: a flashcards block holds no cards")
    return result


def card_id(prefix, question):
    words = re.sub(r"[^a-z0-9]+", "", question.lower())
    return f"{prefix}-{hashlib.sha256(words.encode()).hexdigest()[:8]}"


def id_prefix(src_uri):
    match = LESSON_FOLDER.match(src_uri)
    if match:
        return match.group("number")
    return re.sub(r"[^a-z0-9]+", "-", src_uri.lower().removesuffix(".md")).strip("-")


def cards_of_page(markdown, src_uri, lesson, resolve):
    """Every card of one page's Markdown source, ids checked for duplicates."""
    cards: list[Card] = []
    try:
        for kind, *segment in split_fences(markdown):
            if kind == "cards":
                for question, answer, line in parse_cards(*segment):
                    question, answer = resolve(question, src_uri), resolve(answer, src_uri)
                    cards.append(
                        Card(
                            card_id(id_prefix(src_uri), question),
                            lesson,
                            len(cards) + 1,
                            question,
                            answer,
                            line,
                        )
                    )
    except BuildError as error:
        raise BuildError(f"{src_uri}: {error}") from None
    seen: dict[str, int] = {}
    for card in cards:
        if card.id in seen:
            raise BuildError(
                f"{src_uri}: line {card.line}: the same question as line {seen[card.id]} "
                "(cards are told apart by their questions)"
            )
        seen[card.id] = card.line
    return cards


# ------------------------------------------------------------------ the track's lessons


def lesson_titles(nav):
    """practice page -> the title of its lesson's section in mkdocs.yml's nav."""
    titles = {}
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, children in entry.items():
                if isinstance(children, list):
                    for child in children:
                        page = child if isinstance(child, str) else next(iter(child.values()), None)
                        if isinstance(page, str) and page.endswith("practice.md"):
                            titles[page] = title
    return titles


def collect(
    docs_dir: str | Path, nav: list[Any], resolve: Callable[[str, str], str] = lambda text, where: text
) -> tuple[list[Lesson], list[Card]]:
    """Every practice page's cards, in lesson order: (lessons, cards)."""
    docs_dir = Path(docs_dir)
    titles = lesson_titles(nav)
    lessons, cards = [], []
    for path in sorted(docs_dir.glob("lessons/*/practice.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        match = LESSON_FOLDER.match(src_uri)
        if not match:
            continue
        number = int(match.group("number"))
        title = titles.get(src_uri) or f"Lesson {number}"
        lesson = Lesson(number, title, src_uri)
        found = cards_of_page(path.read_text(encoding="utf-8"), src_uri, lesson, resolve)
        lessons.append(lesson)
        cards.extend(found)
    return lessons, cards


# ------------------------------------------------------------------ HTML for the pages


def rebase_links(markdown, folder):
    """Rewrite the relative links of a card written in ``folder`` so they work from docs/."""

    def rebase(match):
        target = match.group(2)
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|/|\{\{)", target, re.I):
            return match.group(0)
        if target.startswith("#"):
            target = posixpath.basename(folder + "/practice.md") + target
        return match.group(1) + posixpath.normpath(posixpath.join(folder, target))

    return re.sub(r"(\]\()([^)\s]+)", rebase, markdown)


def card_html(card, question=None, answer=None):
    """One card as HTML with Markdown inside, for md_in_html to finish."""
    question = card.question if question is None else question
    answer = card.answer if answer is None else answer
    # A question is a line or two of text: rendered inline, it sits in <summary> as it should.
    question = " ".join(line.strip() for line in question.splitlines())
    return "\n".join(
        [
            f'<details class="flashcard" id="card-{card.id}" data-card-id="{card.id}" '
            f'data-lesson="{card.lesson.key if card.lesson else ""}" markdown>',
            f'<summary class="flashcard__question" markdown="span">{question}</summary>',
            '<div class="flashcard__answer" markdown>',
            "",
            answer,
            "",
            "</div>",
            "</details>",
        ]
    )


def downloads_html(page_dir):
    base = posixpath.relpath(DOWNLOADS, page_dir or ".")
    return (
        f'<p class="flashcards__downloads" markdown="span">Every card of the course to take with you: '
        f"[Anki deck (.apkg)]({base}/{APKG_NAME}){{ download }} · "
        f"[spreadsheet (.csv)]({base}/{CSV_NAME}){{ download }}</p>"
    )


def set_html(cards, page_dir, lesson_key="", title=None):
    parts = [
        f'<div class="flashcards" data-lesson="{lesson_key}" data-count="{len(cards)}"'
        + (f' data-title="{html.escape(title, quote=True)}"' if title else "")
        + " markdown>"
    ]
    parts += [card_html(card) for card in cards]
    parts += [downloads_html(page_dir), "</div>"]
    return "\n".join(parts)


def render_page(markdown, src_uri, title=None):
    """A page's Markdown with each ```flashcards fence replaced by its set of cards.

    ``title`` (the lesson's, from the nav) labels the printed cards.
    """
    if "flashcards" not in markdown:
        return markdown
    match = LESSON_FOLDER.match(src_uri)
    lesson = Lesson(int(match.group("number")), "", src_uri) if match else None
    out = []
    try:
        for kind, *segment in split_fences(markdown):
            if kind == "text":
                out.append("\n".join(segment[0]))
                continue
            cards = [
                Card(card_id(id_prefix(src_uri), q), lesson, n, q, a, line)
                for n, (q, a, line) in enumerate(parse_cards(*segment), 1)
            ]
            out.append(
                "\n" + set_html(cards, posixpath.dirname(src_uri), lesson.key if lesson else "", title) + "\n"
            )
    except BuildError as error:
        raise BuildError(f"{src_uri}: {error}") from None
    return "\n".join(out)


def deck_markdown(lessons, cards, page_uri):
    """The deck page's sections: per lesson a heading, a link to its practice page and its set."""
    page_dir = posixpath.dirname(page_uri)
    parts = ['<div class="flashcard-deck" markdown>', "", "## All the cards", ""]
    for lesson in lessons:
        own = [c for c in cards if c.lesson == lesson]
        if not own:
            continue
        practice = posixpath.relpath(lesson.page, page_dir or ".")
        rebased = [
            Card(
                c.id,
                c.lesson,
                c.number,
                rebase_links(c.question, lesson.folder),
                rebase_links(c.answer, lesson.folder),
                c.line,
            )
            for c in own
        ]
        title = html.escape(lesson.title)
        parts += [
            f'<section class="flashcard-deck__lesson" data-lesson="{lesson.key}" '
            f'aria-labelledby="lesson-{lesson.key}" markdown>',
            "",
            f"### {title} {{ #lesson-{lesson.key} }}",
            "",
            f"{len(own)} cards · [practice page]({practice})",
            "",
            f'<div class="flashcards" data-lesson="{lesson.key}" data-count="{len(own)}" '
            f'data-title="{html.escape(lesson.title, quote=True)}" markdown>',
            *[card_html(card) for card in rebased],
            "</div>",
            "",
            "</section>",
            "",
        ]
    parts.append("</div>")
    return "\n".join(parts)


# ------------------------------------------------------------------ exports


def stable_int(*parts, low=1 << 30, high=1 << 31):
    """A number in [low, high) that depends only on ``parts``: Anki ids that never change."""
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def deck_name(lesson):
    return f"{TRACK}::{lesson.title}"


MODEL_CSS = """
.card { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
        font-size: 20px; line-height: 1.45; text-align: left; max-width: 34em; margin: 0 auto;
        color: #1d1d1f; background: #fff; padding: 0.5em; }
.card.nightMode, .nightMode .card { color: #eee; background: #222; }
.question { font-size: 1.2em; font-weight: 600; }
hr#answer { border: none; border-top: 2px dashed #999; margin: 1em 0; }
.lesson { margin-top: 1.5em; font-size: 0.7em; color: #777; }
"""


def anki_model():
    import genanki

    return genanki.Model(
        stable_int(TRACK_KEY, "model", 1),
        f"{TRACK} (question and answer)",
        fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Lesson"}, {"name": "Card ID"}],
        templates=[
            {
                "name": "Question first",
                "qfmt": '<div class="question">{{Question}}</div>',
                "afmt": '<div class="question">{{Question}}</div>\n<hr id="answer">\n'
                '<div class="answer">{{Answer}}</div>\n<div class="lesson">{{Lesson}}</div>',
            }
        ],
        css=MODEL_CSS,
        sort_field_index=0,
    )


def to_html(markdown_text):
    """A card's Markdown as HTML for Anki: maths stays \\( … \\), which Anki's MathJax reads."""
    import markdown

    rendered = markdown.markdown(
        markdown_text,
        extensions=["tables", "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    # Links point into the site, which the Anki card is not part of: keep their words.
    rendered = re.sub(r"<a\b[^>]*>(.*?)</a>", r"\1", rendered, flags=re.S)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered


def guid(card):
    import genanki

    return genanki.guid_for(TRACK_KEY, card.id)


def write_apkg(lessons, cards, path, timestamp=None):
    """The Anki package: the track's deck, one sub-deck per lesson, ids that never change.

    genanki numbers notes and cards from the clock; we then give them ids derived from
    each card's id, so every build writes the same deck, model, note and card ids and the
    same guids. Anki matches notes by guid when a package is imported again and updates
    them (the modification time is the build's, so the new text counts as newer).
    """
    import genanki

    model = anki_model()
    parent = genanki.Deck(
        stable_int(TRACK_KEY, "deck"), TRACK, description="Flashcards of the course, one sub-deck per lesson."
    )
    decks = [parent]
    for lesson in lessons:
        own = [c for c in cards if c.lesson == lesson]
        if not own:
            continue
        deck = genanki.Deck(stable_int(TRACK_KEY, "deck", lesson.key), deck_name(lesson))
        for card in own:
            deck.add_note(
                genanki.Note(
                    model=model,
                    guid=guid(card),
                    sort_field=card.question,
                    fields=[to_html(card.question), to_html(card.answer), html.escape(lesson.title), card.id],
                    tags=[TRACK_KEY, f"lesson-{lesson.key}"],
                )
            )
        decks.append(deck)
    timestamp = time.time() if timestamp is None else timestamp
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "collection.anki2"
        connection = sqlite3.connect(db)
        genanki.Package(decks).write_to_db(connection.cursor(), timestamp, iter(range(10**12, 10**13)))
        notes = connection.execute("SELECT id, guid FROM notes").fetchall()
        for old_id, note_guid in notes:
            new_id = stable_int(TRACK_KEY, "note", note_guid, low=10**12, high=2 * 10**12)
            connection.execute("UPDATE notes SET id = ? WHERE id = ?", (-new_id, old_id))
            connection.execute(
                "UPDATE cards SET nid = ?, id = ? WHERE nid = ?",
                (-new_id, -stable_int(TRACK_KEY, "card", note_guid, low=10**12, high=2 * 10**12), old_id),
            )
        connection.execute("UPDATE notes SET id = -id")
        connection.execute("UPDATE cards SET id = -id, nid = -nid")
        connection.commit()
        connection.close()
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(
                zipfile.ZipInfo("collection.anki2", (2024, 1, 1, 0, 0, 0)),
                db.read_bytes(),
                zipfile.ZIP_DEFLATED,
            )
            z.writestr(zipfile.ZipInfo("media", (2024, 1, 1, 0, 0, 0)), "{}")
    write_if_changed(path, data.getvalue())
    return path


def write_csv(cards, path, site_url=""):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "lesson", "lesson_title", "number", "question", "answer", "page"])
    for card in cards:
        page = (site_url.rstrip("/") + "/" if site_url else "") + card.lesson.page.removesuffix(".md") + "/"
        writer.writerow(
            [card.id, card.lesson.number, card.lesson.title, card.number, card.question, card.answer, page]
        )
    # A byte-order mark lets spreadsheet programs read the file as UTF-8 (σ, η, ·, ∇).
    write_if_changed(path, "\ufeff" + out.getvalue())
    return path


def manifest(lessons, cards):
    return {
        "track": TRACK,
        "lessons": [
            {
                "key": l.key,
                "number": l.number,
                "title": l.title,
                "page": l.page,
                "cards": sum(1 for c in cards if c.lesson == l),
            }
            for l in lessons
        ],
        "cards": [
            {
                "id": c.id,
                "lesson": c.lesson.key,
                "number": c.number,
                "question": c.question,
                "answer": c.answer,
                "guid": guid(c),
            }
            for c in cards
        ],
    }


def export(lessons: list[Lesson], cards: list[Card], site_url: str = "") -> dict[str, Any]:
    """Write the .apkg, the .csv and a JSON manifest; return their sizes for the build stats."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    data = manifest(lessons, cards)
    key = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    stamp = CACHE / "flashcards-apkg.key"
    apkg = OUTPUT / APKG_NAME
    # Rewrite the package only when a card changed, so its modification time (which
    # Anki compares on re-import) moves forward exactly when there is something new.
    if not apkg.exists() or not stamp.exists() or stamp.read_text() != key:
        write_apkg(lessons, cards, apkg)
        stamp.write_text(key)
    write_csv(cards, OUTPUT / CSV_NAME, site_url)
    write_if_changed(OUTPUT / MANIFEST_NAME, json.dumps(data, indent=1, ensure_ascii=False))
    return {
        "cards": len(cards),
        "lessons": {l.key: sum(1 for c in cards if c.lesson == l) for l in lessons},
        "apkg_bytes": apkg.stat().st_size,
        "csv_bytes": (OUTPUT / CSV_NAME).stat().st_size,
    }


# ------------------------------------------------------------------ the scheduler the deck page runs

FSRS_PACKAGE = "ts-fsrs"
FSRS_VERSION = "5.4.2"


def vendor_fsrs() -> None:
    """Serve ts-fsrs (FSRS, the scheduler Anki itself offers) from the site: one ES module.

    Copied from the npm package that package-lock.json pins, without its source-map
    comment (the map is not shipped), next to its licence.
    """
    from .common import ROOT

    package = ROOT / "node_modules" / FSRS_PACKAGE
    if not (package / "package.json").exists():
        raise BuildError(f"node_modules/{FSRS_PACKAGE} is missing: run `npm ci` (the Makefile does).")
    version = json.loads((package / "package.json").read_text())["version"]
    if version != FSRS_VERSION:
        raise BuildError(
            f"node_modules/{FSRS_PACKAGE} is {version}, the site needs {FSRS_VERSION}: run `npm ci`."
        )
    source = (package / "dist" / "index.mjs").read_text(encoding="utf-8")
    source = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", source)
    target = GENERATED / "assets" / "vendor" / FSRS_PACKAGE
    write_if_changed(target / "ts-fsrs.mjs", f"// {FSRS_PACKAGE} {FSRS_VERSION} (MIT), from npm.\n" + source)
    write_if_changed(target / "LICENSE", (package / "LICENSE").read_text(encoding="utf-8"))
