"""Offline use (issue 14): the service worker, "Save for offline", the network cut, updates
between two builds, a damaged or partial cache, a full disk, a Pages subpath, and browsers
without service workers. Each test runs the site on a server of its own, so it can cut the
network for real (Playwright's set_offline does not reach a service worker's own fetches,
so the server goes too)."""

import re

import pytest

from tests.browser.offline_helpers import (OFFLINE_PAGE, cached_urls, control_state, cut_network, fresh_server,
                                           save_course_offline, wait_for_state, wait_for_worker)
from tests.conftest import open_page, site_pages, wait_until

pytestmark = pytest.mark.browser

TRAIN = "lessons/07-training/"
DECK = "flashcards/"


@pytest.fixture
def own_server(site_dir):
    srv = fresh_server(site_dir)
    yield srv
    srv.close()


@pytest.fixture
def context_page(browser, own_server):
    """A page of a fresh context on this test's own server; fails on console errors and the like."""
    context, page = open_page(browser, own_server)
    yield context, page
    problems = page.watch.problems()
    context.close()
    assert not problems, "\n".join(problems)


def test_saved_course_works_with_the_network_cut(context_page, own_server, site_dir):
    context, page = context_page
    base = own_server.site_url
    page.goto(base + OFFLINE_PAGE)
    assert wait_for_state(page, "ready") == "ready"
    status = page.locator(".offline-control__status").inner_text()
    total = re.search(r"Saving fetches the whole course, (\d+\.\d) MB", status)
    assert total and 5 < float(total.group(1)) < 200, status
    page.get_by_role("button", name="Save this course for offline use").click()
    wait_until(page, "document.querySelector('.offline-control__bar:not([hidden]) progress')?.value > 0", 30)
    wait_for_state(page, "saved", timeout=120)
    saved = page.locator(".offline-control__status").inner_text()
    assert re.match(rf"Saved: {total.group(1)} MB, version [0-9a-f]{{10}}\.", saved), saved
    assert page.get_by_role("button", name="Remove the offline copy").is_visible()

    cut_network(context, own_server)
    pages = [p for p in site_pages(site_dir) if p.startswith(("/lessons/", "/notebooks/", "/flashcards", "/glossary"))]
    assert len(pages) >= 19
    for path in pages:
        response = page.goto(base + path.lstrip("/"))
        assert response.ok, path
        assert page.locator("article h1").count() == 1, path
        wait_until(page, "document.querySelector('[data-demo]') === null || document.querySelector('[data-demo][data-ready]')", 15)

    # Train reaches 85 % on the held-out digits, all from the cache
    page.goto(base + TRAIN)
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 15)
    demo = page.locator(".demo[data-demo=train]")
    demo.get_by_label("Epochs").fill("3")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=train]').dataset.epoch === '3'", 120)
    demo.locator(".demo__numbers summary").click()
    last = demo.locator(".demo__numbers tbody tr").last.locator("td").nth(3).inner_text()
    assert float(last.rstrip("%")) >= 85.0, last

    # the deck page: study mode's next card, and Print flashcards
    page.goto(base + DECK)
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    study = page.locator(".flashcard-study")
    study.get_by_role("button", name=re.compile(r"^Study now")).click()
    first = study.locator(".flashcard-study__card .flashcard__question").inner_text()
    study.locator(".flashcard-study__show").click()
    study.get_by_role("button", name=re.compile(r"^Good: again in")).click()
    assert study.locator(".flashcard-study__card .flashcard__question").inner_text() != first
    page.goto(base + "lessons/08-seeing-it-whole/practice/")
    page.evaluate("() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; }")
    page.get_by_role("button", name="Print flashcards").click()
    assert page.evaluate("window.__prints") == 1
    page.emulate_media(media="print")
    assert len(page.pdf(format="A4", prefer_css_page_size=True)) > 10000
