"""Offline use (issue 14): the service worker, "Save for offline", the network cut, updates
between two builds, a damaged or partial cache, a full disk, a Pages subpath, and browsers
without service workers. Each test runs the site on a server of its own, so it can cut the
network for real (Playwright's set_offline does not reach a service worker's own fetches,
so the server goes too)."""

import re
import time

import pytest

from tests.browser.offline_helpers import (
    OFFLINE_PAGE,
    cached_urls,
    control_state,
    cut_network,
    fresh_server,
    save_course_offline,
    wait_for_state,
    wait_for_worker,
)
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
    header = page.locator("[data-offline-status]")
    assert header.get_attribute("aria-label").startswith("Offline use: not saved on this device")
    started = time.monotonic()
    page.get_by_role("button", name="Save this course for offline use").click()
    wait_until(page, "document.querySelector('.offline-control__bar:not([hidden]) progress')?.value > 0", 30)
    # the header's button shows the save's progress
    saving = wait_until(
        page,
        "(s => s.dataset.state === 'saving' && s.getAttribute('aria-label'))"
        "(document.querySelector('[data-offline-status]'))",
        30,
    )
    assert re.fullmatch(r"Offline use: saving the course, \d{1,3} %", saving), saving
    wait_for_state(page, "saved", timeout=120)
    saved = page.locator(".offline-control__status").inner_text()
    assert re.match(rf"Saved: {total.group(1)} MB, version [0-9a-f]{{10}}\.", saved), saved
    assert page.get_by_role("button", name="Remove the offline copy").is_visible()
    version = saved.split("version ")[1][:10]
    assert header.get_attribute("data-state") == "saved"
    assert header.get_attribute("aria-label") == f"Offline use: saved on this device (version {version})"
    assert header.get_attribute("title") == header.get_attribute("aria-label")

    print(f"saved in {time.monotonic() - started:.1f} s")
    # on a lesson the header's button finds the copy saved; by keyboard it opens "Use it offline"
    # (instant navigation, which keeps the button, is the journeys': tests/journeys/test_offline_engines.py)
    page.locator("nav.md-nav--primary a.md-nav__link[href$='lessons/01-what-a-network-is/']").first.click()
    page.wait_for_url(base + "lessons/01-what-a-network-is/")
    wait_until(page, "document.querySelector('[data-offline-status]').dataset.state === 'saved'", 10)
    header.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(base + OFFLINE_PAGE)
    wait_for_state(page, "saved")
    cut_network(context, own_server)
    started = time.monotonic()
    pages = [p for p in site_pages(site_dir) if p.startswith("/lessons/")]
    assert len(pages) == 16
    for path in pages:
        response = page.goto(base + path.lstrip("/"))
        assert response.ok, path
        assert page.locator("article h1").count() == 1, path
        assert page.locator("body.offline-fallback").count() == 0, path  # saved: no fallback needed
        wait_until(
            page,
            "document.querySelector('[data-demo]') === null || document.querySelector('[data-demo][data-ready]')",
            15,
        )

    print(f"{len(pages)} pages offline in {time.monotonic() - started:.1f} s")
    started = time.monotonic()
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

    print(f"offline Train in {time.monotonic() - started:.1f} s")
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


FALLBACK_TITLE = "This page is not saved on this device yet"


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_offline_a_page_never_opened_gets_the_fallback_page_with_links_to_what_is_kept(
    browser, site_dir, subpath_server, where
):
    """Without Save, only visited pages are kept: offline, another page is the site's own
    fallback page (not the browser's error page), at the address asked for, linking to the
    pages kept on this device, with Try again; by a link and by instant navigation."""
    srv = (
        fresh_server(site_dir) if where == "root" else fresh_server(subpath_server.root, subpath_server.base)
    )
    context, page = open_page(browser, srv)
    page.watch.allow_errors("Failed to load resource", "ERR_INTERNET_DISCONNECTED")
    base = srv.site_url
    first = "lessons/01-what-a-network-is/"
    try:
        page.goto(base + first)
        wait_for_worker(page)
        wait_until(page, KEPT, 20)
        cut_network(context, srv)

        wanted = base + "lessons/03-cost/"
        response = page.goto(wanted)
        assert response.ok and page.url == wanted
        assert page.locator("h1").inner_text() == FALLBACK_TITLE
        wait_until(
            page, "!document.querySelector('.offline-fallback__summary').textContent.includes('Open the')", 10
        )
        assert page.locator(".offline-fallback__summary").inner_text() == (
            "1 of the course's 26 pages is kept on this device:"
        )
        kept = page.locator(".offline-fallback__pages a:visible")
        assert kept.count() == 1 and kept.inner_text() == "What a neural network is"
        assert kept.get_attribute("href") == "lessons/01-what-a-network-is/"
        # the theme's styles came from the fallback's own cache: the header is the theme's colour
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        retry = page.get_by_role("button", name="Try again")
        with page.expect_navigation():
            retry.click()
        assert page.url == wanted and page.locator("h1").inner_text() == FALLBACK_TITLE

        kept = page.locator(".offline-fallback__pages a:visible")
        kept.click()
        page.wait_for_url(base + first)
        assert page.locator("article h1").inner_text().startswith("What a neural network is")
        assert page.locator("body.offline-fallback").count() == 0

        # a sidebar link to a page not kept
        page.locator("nav.md-nav--primary a.md-nav__link[href$='02-neurons-weights-biases/']").first.click()
        page.wait_for_url(base + "lessons/02-neurons-weights-biases/")
        wait_until(page, f"document.querySelector('h1')?.textContent === {FALLBACK_TITLE!r}", 10)
        assert not srv.outside, srv.outside
        assert not page.watch.problems(), page.watch.problems()
    finally:
        context.close()


def cache_name(page):
    names = [n for n in cached_urls(page) if n.startswith("nn-course-")]
    assert len(names) == 1, names
    return names[0]


def test_damaged_or_partial_copy_is_found_and_repaired_on_save(context_page, own_server):
    context, page = context_page
    base = own_server.site_url
    save_course_offline(page, base)
    name = cache_name(page)
    # two files deleted, one replaced by wrong bytes (a partial or damaged copy)
    page.evaluate(
        """async ([name, base]) => { const cache = await caches.open(name);
        await cache.delete(base + 'pyodide/pyodide-lock.json');
        await cache.delete(base + 'lessons/03-cost/index.html');
        await cache.put(base + 'data/digits.npz', new Response('not the digits'));
    }""",
        [name, base],
    )
    page.reload()
    assert wait_for_state(page, "incomplete", "saved") == "incomplete"
    status = page.locator(".offline-control__status").inner_text()
    assert "2 of its files are missing" in status, status
    requests_before = len(own_server.requests)
    page.get_by_role("button", name="Save this course for offline use").click()
    wait_for_state(page, "saved", timeout=60)
    status = page.locator(".offline-control__status").inner_text()
    assert status.startswith("Saved: ") and "1 damaged file was fetched again." in status, status
    # (not Save's: the browser's update check of the worker after the reload, which may
    # still be under way, fetches sw.js and the Workbox modules it imports)
    update_check = lambda r: r == "/sw.js" or r.startswith("/assets/vendor/workbox/")
    fetched = {r.split("?")[0] for r in own_server.requests[requests_before:]}
    fetched = {r for r in fetched if not update_check(r)}
    assert fetched == {"/pyodide/pyodide-lock.json", "/lessons/03-cost/index.html", "/data/digits.npz"}, (
        fetched
    )
    assert not any(
        "pyodide.asm.wasm" in r for r in own_server.requests[requests_before:]
    )  # the rest was kept
    # (Save checked every kept file against its SHA-256; the update test boots a re-saved copy offline.)

    # Remove the offline copy: the caches go, the control offers to save again
    page.get_by_role("button", name="Remove the offline copy").click()
    wait_until(
        page,
        "document.querySelector('.offline-control__status').textContent.includes('The offline copy was removed.')",
        15,
    )
    assert control_state(page) == "ready"
    assert (
        page.evaluate("caches.keys().then(names => names.filter(n => n.startsWith('nn-course-')).length)")
        <= 1
    )
    assert page.evaluate(
        f"caches.open({name!r}).then(c => c.match({base + 'data/digits.npz'!r})).then(r => !r)"
    )


# Every file this page loaded from the site is in the course's cache (the page included).
KEPT = """(async () => {
  const names = (await caches.keys()).filter(n => n.startsWith('nn-course-'));
  if (names.length !== 1) return false;
  const cache = await caches.open(names[0]);
  const base = new URL('.', new URL('sw.js', __md_scope)).href;
  const loaded = [location.href.replace(/#.*/, ''), ...performance.getEntriesByType('resource').map(e => e.name)]
    .filter(u => u.startsWith(base) && !u.endsWith('/sw.js'))
    .map(u => { const k = new URL(u); k.search = ''; if (k.pathname.endsWith('/')) k.pathname += 'index.html'; return k.href; });
  const missing = [];
  for (const u of loaded) if (!(await cache.match(u))) missing.push(u);
  window.__missing = missing;
  return missing.length === 0;
})()"""


def test_a_file_the_cache_lacks_offline_gives_the_demos_error_and_retry(context_page, own_server):
    """Only visited pages are kept without Save: a demo offline whose runtime was never
    fetched says the runtime could not load, with Retry; it does not hang."""
    context, page = context_page
    page.watch.allow_errors("Failed to load resource", "pyodide", "Pyodide", "worker", "Worker", "Error")
    base = own_server.site_url
    page.goto(base + TRAIN)
    wait_for_worker(page)
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 15)
    try:
        wait_until(page, KEPT, 20)
    except AssertionError:
        raise AssertionError(f"not kept: {page.evaluate('window.__missing')}") from None
    # whatever of the runtime the page fetched ahead (the demo prefetches it in view) goes
    page.evaluate("""async () => { for (const name of await caches.keys()) { const cache = await caches.open(name);
        for (const request of await cache.keys()) if (request.url.includes('/pyodide/')) await cache.delete(request); } }""")
    cut_network(context, own_server)
    page.reload()  # the visited page itself comes from the cache
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 15)
    demo = page.locator(".demo[data-demo=train]")
    demo.get_by_label("Epochs").fill("1")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, "document.querySelector('.demo__runtime--failed:not([hidden])')", 30)
    box = demo.locator(".demo__runtime")
    assert "could not load" in box.inner_text() or "stopped unexpectedly" in box.inner_text()
    assert demo.get_by_role("button", name="Retry").is_visible()
    demo.get_by_role("button", name="Retry").click()  # still offline: the same error again, no hang
    wait_until(page, "document.querySelector('.demo__runtime--failed:not([hidden])')", 30)
    assert demo.locator(".demo__about").is_visible()


QUOTA = """(() => {
  const put = Cache.prototype.put;
  let puts = 0;
  Cache.prototype.put = function (...args) {
    if (++puts > 5) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    return put.apply(this, args);
  };
})();"""


def test_a_full_disk_while_saving_says_so_and_leaves_the_site_working(context_page, own_server):
    context, page = context_page
    base = own_server.site_url
    page.add_init_script(QUOTA)
    page.goto(base + OFFLINE_PAGE)
    wait_for_state(page, "ready")
    page.get_by_role("button", name="Save this course for offline use").click()
    assert wait_for_state(page, "error", "saved", timeout=60) == "error"
    assert page.evaluate("document.querySelector('[data-offline-control]').dataset.error") == "quota"
    alert = page.get_by_role("alert")
    assert "not enough storage space on this device" in alert.inner_text()
    assert page.get_by_role("button", name="Save this course for offline use").is_enabled()
    # the site goes on: another page opens, its demo answers
    page.goto(base + "lessons/02-neurons-weights-biases/")
    wait_until(page, "document.querySelector('.demo[data-ready]')", 15)
    assert page.locator("article h1").count() == 1


# Firefox's private windows refuse registration with a SecurityError; Playwright's "block"
# answers it with nothing; some browsers have no navigator.serviceWorker at all.
REFUSED = """navigator.serviceWorker.register = () => Promise.reject(
    new DOMException('The operation is insecure.', 'SecurityError'));"""
ABSENT = "Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined });"


@pytest.mark.parametrize("how", ["block", "refused", "absent"])
def test_without_service_workers_the_control_says_so_and_the_site_works(browser, own_server, how):
    context, page = open_page(browser, own_server, service_workers="block" if how == "block" else "allow")
    if how != "block":
        page.add_init_script(REFUSED if how == "refused" else ABSENT)
    try:
        page.goto(own_server.site_url + OFFLINE_PAGE)
        assert wait_for_state(page, "unavailable", "ready") == "unavailable"
        assert "not available in this browser window" in page.locator(".offline-control__status").inner_text()
        assert (
            page.get_by_role("button", name="Save this course for offline use").count() == 0
            or not page.get_by_role("button", name="Save this course for offline use").is_visible()
        )
        page.goto(own_server.site_url + "lessons/01-what-a-network-is/")
        assert page.locator("article h1").count() == 1
        wait_until(
            page, "document.querySelector('[data-offline-status]').dataset.state === 'unavailable'", 10
        )
        header = page.locator("[data-offline-status]")
        assert header.get_attribute("aria-label") == "Offline use is not available in this browser window"
        assert header.evaluate("a => a.href") == own_server.site_url + OFFLINE_PAGE  # the page says why
        assert not page.watch.problems()
    finally:
        context.close()


def test_save_and_offline_under_a_pages_subpath(browser, subpath_server):
    srv = fresh_server(subpath_server.root, base=subpath_server.base)
    context, page = open_page(browser, srv)
    try:
        save_course_offline(page, srv.site_url)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == srv.site_url
        cut_network(context, srv)
        page.goto(srv.site_url + "lessons/05-backpropagation/")
        assert page.locator("article h1").count() == 1
        wait_until(page, "document.querySelector('.demo[data-ready]')", 15)
        assert not srv.outside, srv.outside
        assert not page.watch.problems(), page.watch.problems()
    finally:
        context.close()


def second_version(site_dir, target, build_id):
    """A copy of the built site as the next deploy would differ: a new build id in every
    page, a changed runtime lock file and lesson 1's text, and its own service worker."""
    import shutil
    import subprocess

    from sitebuild.offline import SCRIPT

    shutil.copytree(site_dir, target)
    old_id = (site_dir / "build-stats.json").read_text().split('"build_id": "')[1].split('"')[0]
    for page in target.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(
            html.replace(f'name="nn-build" content="{old_id}"', f'name="nn-build" content="{build_id}"'),
            encoding="utf-8",
        )
    lesson = target / "lessons" / "01-what-a-network-is" / "index.html"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("</h1>", " (second version)</h1>", 1), encoding="utf-8"
    )
    lock = target / "pyodide" / "pyodide-lock.json"
    lock.write_text(lock.read_text() + "\n\n")  # other bytes, the same packages
    subprocess.run(["node", str(SCRIPT), str(target), build_id], check=True, capture_output=True)
    return old_id


def test_a_new_deploy_is_announced_and_pages_and_runtime_change_together(browser, site_dir, tmp_path):
    import os

    first, second = tmp_path / "first", tmp_path / "second"
    import shutil

    shutil.copytree(site_dir, first)
    first_id = second_version(site_dir, second, "second-build")
    served = tmp_path / "served"
    os.symlink(first, served)
    srv = fresh_server(served)
    context, page = open_page(browser, srv)
    base = srv.site_url
    try:
        save_course_offline(page, base)
        first_version = page.locator("[data-offline-control]").get_attribute("data-saved")
        page.goto(base + "lessons/01-what-a-network-is/")
        wait_for_worker(page)

        os.remove(served)
        os.symlink(second, served)  # the deploy
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        wait_until(
            page,
            "document.querySelector('.offline-notice')?.textContent.includes("
            "'A new version of the course is ready.')",
            30,
        )
        assert page.locator("[data-offline-status]").get_attribute("data-state") == "update"
        assert "a new version of the course is ready" in page.locator("[data-offline-status]").get_attribute(
            "title"
        )
        # until the reader reloads, this page's version serves everything: page and runtime
        lock = (
            "fetch(new URL('pyodide/pyodide-lock.json?v=' + document.querySelector('meta[name=nn-build]').content, "
            "__md_scope)).then(r => r.text())"
        )
        assert page.evaluate(lock) == (first / "pyodide" / "pyodide-lock.json").read_text()
        assert "(second version)" not in page.locator("article h1").inner_text()

        with page.expect_navigation():
            page.get_by_role("button", name="Reload").click()
        page.wait_for_load_state()
        wait_until(page, "document.querySelector('meta[name=nn-build]')?.content === 'second-build'", 30)
        assert "(second version)" in page.locator("article h1").inner_text()
        assert page.evaluate(lock) == (second / "pyodide" / "pyodide-lock.json").read_text()
        names = [n for n in cached_urls(page) if n.startswith("nn-course-")]
        assert len(names) == 1 and names[0] != f"nn-course-{first_version}", names  # the old cache is gone

        # the copy saved before is still marked, and saving again fetches only what changed
        page.goto(base + OFFLINE_PAGE)
        assert wait_for_state(page, "incomplete", "saved") == "incomplete"
        assert "earlier version" in page.locator(".offline-control__status").inner_text()
        before = len(srv.requests)
        page.get_by_role("button", name="Save this course for offline use").click()
        wait_for_state(page, "saved", timeout=60)
        fetched = srv.requests[before:]
        assert any(r.endswith("/lessons/02-neurons-weights-biases/index.html") for r in fetched), (
            fetched
        )  # changed
        assert not any("pyodide.asm.wasm" in r or "digits.npz" in r for r in fetched), fetched

        # offline, the new version's page boots the new version's runtime
        cut_network(context, srv)
        page.goto(base + TRAIN)
        wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 15)
        page.locator(".demo[data-demo=train]").get_by_label("Epochs").fill("1")
        page.locator(".demo[data-demo=train]").get_by_role("button", name="Train", exact=True).click()
        wait_until(page, "document.querySelector('.demo[data-demo=train]').dataset.epoch === '1'", 90)
        assert first_id != "second-build"
        assert not page.watch.problems(), page.watch.problems()
    finally:
        context.close()
