"""The flashcards on the pages: a practice page's ```flashcards fences become cards, and
the deck page's ``{{ flashcards.deck }}`` and ``{{ flashcards.downloads }}`` are filled in.

The cards themselves (their ids, the Anki deck, the CSV) are read and written by the
flashcards build step (sitebuild/flashcards.py); this module only renders pages.
"""

import re

from . import flashcards
from .common import BuildError
from .flashcards import Card, Lesson

DECK = re.compile(r"\{\{\s*flashcards\.(\w+)\s*\}\}")


def fill_flashcards(markdown: str, src_uri: str, deck: tuple[list[Lesson], list[Card]]) -> str:
    """``markdown`` with its flashcard fences rendered and the deck placeholders filled."""
    lessons, cards = deck
    title = next((lesson.title for lesson in lessons if lesson.page == src_uri), None)
    markdown = flashcards.render_page(markdown, src_uri, title)

    def replace(match: re.Match[str]) -> str:
        if match.group(1) == "deck":
            return flashcards.deck_markdown(lessons, cards, src_uri)
        if match.group(1) == "downloads":
            return flashcards.downloads_html(src_uri.rpartition("/")[0])
        raise BuildError(f"{src_uri}: unknown {match.group(0)} (flashcards.deck or flashcards.downloads)")

    return DECK.sub(replace, markdown)
