"""Flashcards in headless Chromium, as a reader uses them: flipping by mouse and
keyboard, printing one card per page (and double-sided) through the Print flashcards
button, the browser's own print, and the deck page's study mode with its saved schedule."""

import datetime
import io
import json
import re

import pytest
from pypdf import PdfReader

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

FINAL = "/lessons/08-seeing-it-whole/practice/"
DECK = "/flashcards/"
KEY = "nn-flashcards"


def words(text):
    return " ".join(text.replace("\u00ad", "").split())


def open_final(page, server):
    page.goto(server.url + FINAL)
    wait_until(page, "document.querySelectorAll('.flashcards[data-ready] div.flashcard').length === 10", 15)
    return page.locator(".flashcards").first


def card_texts(page):
    """Question and answer text of each card, as the page holds them."""
    return page.evaluate("""() => [...document.querySelectorAll('.flashcards div.flashcard')].map(c => ({
        question: c.querySelector('.flashcard__question').innerText,
        answer: c.querySelector('.flashcard__answer').textContent }))""")


# ---------------------------------------------------------------- flip


def test_flip_by_mouse_and_keyboard_with_aria_expanded(page, server):
    cards = open_final(page, server).locator("div.flashcard")
    first, second = cards.nth(0), cards.nth(1)
    toggle = first.locator(".flashcard__toggle")
    assert toggle.evaluate("b => b.tagName") == "BUTTON" and toggle.inner_text() == "Show answer"
    answer = first.locator(".flashcard__answer")
    assert toggle.get_attribute("aria-expanded") == "false" and not answer.is_visible()
    assert toggle.get_attribute("aria-controls") == answer.get_attribute("id")
    # every question is on show before any answer
    assert all(q.is_visible() for q in cards.locator(".flashcard__question").all())

    toggle.click()  # the button
    assert toggle.get_attribute("aria-expanded") == "true" and answer.is_visible()
    assert toggle.inner_text() == "Hide answer"
    first.locator(".flashcard__question").click()  # anywhere on the card
    assert toggle.get_attribute("aria-expanded") == "false" and not answer.is_visible()

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")  # on to the next card's button
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == second.locator(
        ".flashcard__answer"
    ).get_attribute("id")
    page.keyboard.press("Space")
    assert second.locator(".flashcard__toggle").get_attribute("aria-expanded") == "true"
    assert second.locator(".flashcard__answer").is_visible()


def test_reveal_all_and_hide_all(page, server):
    cards = open_final(page, server)
    cards.get_by_role("button", name="Reveal all").click()
    states = cards.locator(".flashcard__toggle").evaluate_all(
        "bs => bs.map(b => b.getAttribute('aria-expanded'))"
    )
    assert states == ["true"] * 10
    assert cards.locator(".flashcards__live").inner_text() == "All 10 answers shown."
    assert all(a.is_visible() for a in cards.locator(".flashcard__answer").all())
    cards.get_by_role("button", name="Hide all").click()
    assert not any(a.is_visible() for a in cards.locator(".flashcard__answer").all())


def test_maths_in_a_card_is_rendered(page, server):
    page.goto(server.url + "/lessons/06-backpropagation-calculus/practice/")
    wait_until(page, "document.querySelector('.flashcards[data-ready]')", 15)
    wait_until(page, "document.querySelector('.flashcard__answer .arithmatex .katex')", 15)


def test_cards_survive_instant_navigation(page, server):
    page.goto(server.url + "/lessons/08-seeing-it-whole/")
    wait_until(page, "window.document$ !== undefined", 10)
    page.locator(".md-nav a[href$='practice/']").filter(has_text="Practice").last.click()
    wait_until(page, "location.pathname.endsWith('/08-seeing-it-whole/practice/')", 10)
    wait_until(page, "document.querySelectorAll('.flashcards[data-ready] div.flashcard').length === 10", 10)
    toggle = page.locator(".flashcard__toggle").first
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"


# ---------------------------------------------------------------- print


def print_through(page, button_name):
    """Press a print button with window.print stubbed, then print to PDF as Chromium would."""
    page.evaluate("() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; }")
    page.get_by_role("button", name=button_name).click()
    assert page.evaluate("window.__prints") == 1
    assert page.evaluate("document.documentElement.classList.contains('flashcards-printing')")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    return [words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def answer_start(answer):
    """The first words of an answer: plain text in every card (maths comes later)."""
    return " ".join(words(answer).split()[:6])


def test_print_flashcards_gives_one_card_per_page(page, server):
    open_final(page, server)
    cards = card_texts(page)
    pages = print_through(page, "Print flashcards")
    assert len(pages) == 10
    for number, (text, card) in enumerate(zip(pages, cards)):
        assert words(card["question"]) in text, f"page {number + 1}"
        assert answer_start(card["answer"]) in text, f"page {number + 1}"
        others = [words(c["question"]) for c in cards if c is not card]
        assert not any(q in text for q in others), f"page {number + 1} holds another card"
        assert f"card {number + 1} of 10" in text.lower()
        # nothing else of the page: no header, navigation, intro, buttons or footer
        for foreign in (
            "How neural networks learn",
            "Reveal all",
            "Ten cards spanning",
            "Previous",
            "Credits",
        ):
            assert foreign not in text, f"page {number + 1} shows {foreign!r}"
    # the page is back to normal after printing
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.documentElement.classList.contains('flashcards-printing')")
    assert page.locator(".flashcards-print").count() == 0


def test_print_double_sided_puts_each_answer_on_the_next_page(page, server):
    open_final(page, server)
    cards = card_texts(page)
    pages = print_through(page, "Print double-sided")
    assert len(pages) == 20
    for number, card in enumerate(cards):
        front, back = pages[2 * number], pages[2 * number + 1]
        assert words(card["question"]) in front and answer_start(card["answer"]) not in front
        assert answer_start(card["answer"]) in back and words(card["question"]) not in back
        assert f"card {number + 1} of 10" in front.lower() and f"card {number + 1} of 10" in back.lower()


def test_the_browsers_own_print_shows_every_answer(page, server):
    open_final(page, server)
    cards = card_texts(page)
    page.emulate_media(media="print")
    answers = page.locator(".flashcard__answer")
    assert answers.count() == 10 and all(a.is_visible() for a in answers.all())
    assert not page.locator(".flashcards__toolbar").is_visible()
    assert not page.locator(".flashcard__toggle").first.is_visible()
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages))
    for card in cards:
        assert words(card["question"]) in text and answer_start(card["answer"]) in text


def test_without_javascript_questions_show_and_answers_open(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url + FINAL)
        cards = page.locator("details.flashcard")
        assert cards.count() == 10
        assert all(q.is_visible() for q in page.locator("summary.flashcard__question").all())
        assert not cards.first.locator(".flashcard__answer").is_visible()
        cards.first.locator("summary").click()
        assert cards.first.locator(".flashcard__answer").is_visible()
        page.emulate_media(media="print")  # plain print: every answer, even closed ones
        assert all(a.is_visible() for a in page.locator(".flashcard__answer").all())
    finally:
        context.close()


# ---------------------------------------------------------------- the deck page's study mode


def open_deck(page, server):
    page.goto(server.url + DECK)
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    return page.locator(".flashcard-study")


def progress(study):
    return study.locator(".flashcard-study__progress").inner_text()


def saved(page):
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def test_study_schedules_cards_and_survives_a_reload(page, server):
    now = datetime.datetime.now(datetime.UTC)
    page.clock.install(time=now)
    study = open_deck(page, server)
    total = len(page.locator(".flashcard-deck div.flashcard").all())
    assert progress(study) == f"Studied 0 of {total} cards · 0 due again now · {total} new."
    study.get_by_role("button", name=f"Study now ({total} cards)").click()
    assert not page.locator(".flashcard-deck").is_visible()  # one card at a time

    # by mouse: show the answer, rate it Good (a new card comes back in 10 minutes)
    show = study.locator(".flashcard-study__show")
    assert show.inner_text() == "Show answer"
    first_question = words(study.locator(".flashcard-study__card .flashcard__question").inner_text())
    assert show.get_attribute("aria-expanded") == "false"
    show.click()
    assert show.get_attribute("aria-expanded") == "true"
    assert study.locator(".flashcard-study__card .flashcard__answer").is_visible()
    good = study.get_by_role("button", name=re.compile(r"^Good: again in 10 min"))
    good.click()
    state = saved(page)
    assert state["version"] == 1 and len(state["cards"]) == 1
    ((first_id, entry),) = state["cards"].items()
    due = datetime.datetime.fromisoformat(entry["due"].replace("Z", "+00:00"))
    assert datetime.timedelta(minutes=9) < due - now < datetime.timedelta(minutes=11)
    assert words(study.locator(".flashcard-study__card .flashcard__question").inner_text()) != first_question

    # by keyboard: Space shows the answer (focus is on the button), 4 rates it Easy
    assert page.evaluate("document.activeElement.textContent") == "Show answer"
    page.keyboard.press("Space")
    assert study.locator(".flashcard-study__ratings").is_visible()
    page.keyboard.press("4")
    assert len(saved(page)["cards"]) == 2
    assert "comes back in" in study.locator(".flashcards__live").inner_text()
    study.get_by_role("button", name="End session").click()

    # rated cards have left the due list
    assert progress(study) == f"Studied 2 of {total} cards · 0 due again now · {total - 2} new."
    assert study.get_by_role("button", name=f"Study now ({total - 2} cards)").is_visible()
    assert page.locator(".flashcard-deck").is_visible()

    page.reload()  # the schedule is kept
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    assert progress(study) == f"Studied 2 of {total} cards · 0 due again now · {total - 2} new."
    assert "The next card is due" not in study.inner_text()  # new cards are still waiting

    # a reader who comes back a month later finds both cards due again
    page.clock.set_system_time(now + datetime.timedelta(days=40))
    page.reload()
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    assert progress(study) == f"Studied 2 of {total} cards · 2 due again now · {total - 2} new."
    study.get_by_role("button", name=f"Study now ({total} cards)").click()
    # due cards come before new ones
    shown = study.locator(".flashcard-study__card").get_attribute("data-card-id")
    assert shown in saved(page)["cards"]


def test_study_filter_by_lesson_and_reset(page, server):
    study = open_deck(page, server)
    boxes = study.get_by_role("checkbox")
    assert boxes.count() >= 1 and all(b.is_checked() for b in boxes.all())
    final = study.get_by_role("checkbox", name=re.compile("Seeing it whole"))
    final.uncheck()
    assert not page.locator(".flashcard-deck__lesson[data-lesson='08']").is_visible()
    page.reload()
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    assert not study.get_by_role("checkbox", name=re.compile("Seeing it whole")).is_checked()
    assert not page.locator(".flashcard-deck__lesson[data-lesson='08']").is_visible()
    study.get_by_role("button", name="All lessons").click()
    assert page.locator(".flashcard-deck__lesson[data-lesson='08']").is_visible()

    study.get_by_role("button", name=re.compile(r"^Study now")).click()
    study.get_by_role("button", name="Show answer").click()
    study.get_by_role("button", name=re.compile("^Again")).click()
    study.get_by_role("button", name="End session").click()
    assert progress(study).startswith("Studied 1 of")
    study.get_by_role("button", name="Reset progress").click()
    study.get_by_role("button", name="Yes, forget my progress").click()
    assert progress(study).startswith("Studied 0 of")
    assert not saved(page)["cards"]


@pytest.mark.parametrize(
    "stored, why",
    [
        ("{not json", "could not be read"),
        ('{"version": 1, "cards": {"08-x": {"due": "soon", "state": 7}}}', "could not be read"),
        ('{"version": 0, "boxes": [1, 2, 3]}', "another version"),
        ("[1, 2, 3]", "could not be read"),
    ],
)
def test_study_recovers_from_broken_saved_state_with_a_notice(page, server, stored, why):
    open_deck(page, server)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, stored])
    page.reload()
    study = page.locator(".flashcard-study")
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    notice = study.locator(".flashcard-study__notice")
    assert notice.is_visible() and why in notice.inner_text() and "start afresh" in notice.inner_text()
    assert progress(study).startswith("Studied 0 of")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None  # the broken copy is gone
    # and studying works from the fresh start
    study.get_by_role("button", name=re.compile(r"^Study now")).click()
    study.get_by_role("button", name="Show answer").click()
    study.get_by_role("button", name=re.compile("^Good")).click()
    assert len(saved(page)["cards"]) == 1
