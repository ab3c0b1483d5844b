"""Offline use in Firefox and WebKit (Chromium's own tests: tests/browser/test_offline.py):
save the course on "Use it offline", shut the test's server down (the network is gone:
the page, its worker and WebKit's proxy all reach a closed port), then open every lesson,
train, and meet the fallback page for a page the copy lacks. An engine that offers no
service worker here is skipped with what its page reports, never passed in silence.

And in Chromium, on the journeys' server (built for its own address, so instant
navigation works): the header's offline button is the same element, still up to date,
after instant navigation.
"""

import time

import pytest

from tests.conftest import Server, build_site, free_port
from tests.journeys import browser_engines
from tests.journeys import reader_journeys as journeys

pytestmark = pytest.mark.browser

# What a page may log once the network is gone: the worker's update check and the
# theme's fetches (search index, sitemap) that find no server.
OFFLINE_NOISE = ("NetworkError", "Failed to fetch", "Load failed", "ServiceWorker", "sitemap", "search")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    """The site built for a port of its own, served (without the journeys' probe, whose
    script would change the pages' bytes) by a server each engine's journey shuts down."""
    port = free_port()
    root = build_site(tmp_path_factory.mktemp("offline-site"), f"http://127.0.0.1:{port}/")
    return root, port


@pytest.mark.parametrize("engine", ["firefox", "webkit"])
def test_saved_course_works_offline_and_shows_the_fallback_page(offline_site, engine):
    why = browser_engines.missing(engine)
    if why:
        pytest.fail(f"{engine}: {why}")
    root, port = offline_site
    server = Server(root, port)
    started = time.monotonic()
    d = browser_engines.launch(engine, server)
    try:
        saved, why_not = journeys.save_for_offline(d)
        if why_not:
            pytest.skip(f"{engine} {d.version} offers no offline use at {server.site_url}: {why_not}")
        print(f"\n{engine} {d.version}: {saved} ({time.monotonic() - started:.1f} s)")
        server.close()
        server.httpd.server_close()  # the network is cut: a closed port refuses at once
        trained = journeys.offline_course(d)
        print(f"{engine}: offline train {trained}; {time.monotonic() - started:.1f} s in all")
        problems = d.problems(OFFLINE_NOISE)
        assert not problems, f"{engine}:\n" + "\n".join(problems)
    finally:
        d.close()
        server.close()
        server.httpd.server_close()


def test_header_offline_button_survives_instant_navigation(browser, journey_server):
    from tests.conftest import open_page

    d = browser_engines.launch("chromium", journey_server, browser=browser, open_page=open_page)
    try:
        journeys.go(d, "lessons/01-what-a-network-is/")
        status = journeys.HEADER_STATUS
        d.wait(f"!['checking'].includes({status}.dataset.state)", 30)
        d.evaluate(f"window.__statusButton = {status}")
        journeys.same_document(d)
        journeys.go(d, "lessons/01-what-a-network-is/practice/")
        assert d.evaluate("window.__sameDocument === true"), "no instant navigation"
        assert d.evaluate(f"window.__statusButton === {status}")
        state = d.wait(f"!['checking'].includes({status}.dataset.state) && {status}.dataset.state", 30)
        assert state in ("ready", "incomplete", "saved"), state
        assert d.evaluate(f"{status}.getAttribute('aria-label') === {status}.title")
        # a reader's keyboard reaches it and opens "Use it offline"
        d.element(status).focus()
        d.press("Enter")
        d.wait(
            "location.pathname.endsWith('/offline/') && document.querySelector('[data-offline-control]')", 15
        )
        assert d.evaluate("window.__sameDocument === true")
        no = d.problems()
        assert not no, "\n".join(no)
    finally:
        d.close()


def test_instant_navigation_offline_to_a_page_not_kept_ends_on_the_fallback_page(browser, offline_site):
    """The theme's instant navigation fetches the next page; offline that fetch fails, the
    theme then loads the address in full, and the worker answers with the fallback page.
    (On this site, built for its server's address, instant navigation is on: checked first.)"""
    from tests.conftest import open_page

    root, port = offline_site
    server = Server(root, port)
    d = browser_engines.launch("chromium", server, browser=browser, open_page=open_page)
    d.page.watch.allow_errors("Failed to load resource")  # the failed fetch, as the browser reports it
    try:
        journeys.go(d, "lessons/03-cost/")
        d.wait("navigator.serviceWorker.controller !== null", 20)
        d.wait(
            "caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n)"
            ".then((c) => c.match(location.href + 'index.html'))))).then((found) => found.some(Boolean))",
            20,
        )
        journeys.same_document(d)
        journeys.follow(
            d,
            d.find("nav.md-nav--primary a.md-nav__link", href=server.site_url + "lessons/03-cost/practice/"),
            server.site_url + "lessons/03-cost/practice/",
        )
        assert d.evaluate("window.__sameDocument === true"), "instant navigation is off on this site"
        d.open("lessons/03-cost/")
        server.close()
        server.httpd.server_close()
        d.context.set_offline(True)
        d.find(
            "nav.md-nav--primary a.md-nav__link", href=server.site_url + "lessons/04-gradient-descent/"
        ).click()
        d.wait(f"document.querySelector('h1')?.textContent === {journeys.FALLBACK_TITLE!r}", 15)
        assert d.evaluate("location.href") == server.site_url + "lessons/04-gradient-descent/"
        problems = d.problems()
        assert not problems, "\n".join(problems)
    finally:
        d.close()
        server.close()
        server.httpd.server_close()
