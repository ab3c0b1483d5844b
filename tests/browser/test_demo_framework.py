"""The demo framework as a whole, in headless Chromium on the real Pyodide: a runtime that
cannot load (its files missing or truncated) shows an error with Retry, and Retry works
once the files are back; Stop during a long Train run acts within a second; instant
navigation between demo pages leaves every demo working. (The page fixture fails any
test whose page requested another host or logged a console error.)"""

import time
from urllib.parse import urlsplit

import pytest

from tests.browser.demo_helpers import open_demo
from tests.conftest import wait_until

pytestmark = pytest.mark.browser

L6 = "/lessons/06-backpropagation-calculus/"
L7 = "/lessons/07-training/"
L8 = "/lessons/08-seeing-it-whole/"
CHAIN = "document.querySelector('.demo[data-demo=chain-rule]')"
TRAIN = "document.querySelector('.demo[data-demo=train]')"
STEP = "document.querySelector('.demo[data-demo=one-step]')"


WASM = "/pyodide/pyodide.asm.wasm"
NUMPY = "/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"  # in a folder named by its hash


def test_a_blocked_runtime_shows_an_error_and_retry_recovers(page, server, faults):
    # First the runtime's WebAssembly is missing (404)...
    faults.set(WASM, "missing")
    page.watch.allow_errors("404 (File not found)")  # the browser logs the missing file itself
    demo = open_demo(page, server, L6, "chain-rule")
    other = page.locator(".demo[data-demo=gradient-check]")
    failed = demo.locator(".demo__runtime--failed")
    failed.wait_for(state="visible", timeout=60_000)
    assert "could not load" in failed.inner_text() and "press Retry" in failed.inner_text()
    assert other.locator(".demo__runtime--failed").is_visible()  # every demo on the page says so
    retry = demo.get_by_role("button", name="Retry")
    assert retry.is_visible()
    # nothing worked out live: what the demo shows is the build's preview, marked as one
    assert page.evaluate(f"{CHAIN}.dataset.preview") == "shown"
    assert demo.locator(".demo__preview").is_visible()
    # the controls stay usable and values are still checked (a good value would try again)
    field = demo.get_by_label("w, the weight", exact=True)
    field.fill("abc")
    field.press("Tab")
    assert "written in digits" in page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()
    runtime_state = "import('/assets/js/runtime/client.js').then(m => m.getRuntime().state)"
    assert page.evaluate(runtime_state) == "failed"

    # ...then the WebAssembly arrives but NumPy's wheel is cut short: Pyodide refuses it
    faults.clear()
    faults.set(NUMPY, "truncated")
    # the first try fetched the whole wheel at once and the service worker kept it
    # (sitebuild/offline.py): forget it, so this try meets the damaged file
    page.evaluate("caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))")
    retry.click()
    wait_until(page, f"{runtime_state}.then(s => s === 'loading')", 10)
    failed.wait_for(state="visible", timeout=60_000)
    assert "could not load" in failed.inner_text() and retry.is_visible()

    # once every file is whole again, Retry brings both demos to life
    faults.clear()
    retry.click()
    field.fill("0.5")
    wait_until(page, f"{CHAIN}.dataset.result", 90)
    wait_until(page, "document.querySelector('.demo[data-demo=gradient-check]').dataset.check", 30)
    assert not failed.is_visible() and not retry.is_visible()
    assert demo.locator("output[data-name=a]").inner_text() == "0.6225"


def measure_stop(page, demo):
    """Press Stop; the milliseconds from the click to the status saying it stopped, in the page."""
    page.evaluate(f"""() => {{
        const demo = {TRAIN};
        const status = demo.querySelector('.demo__status');
        window.stopTimes = {{}};
        new MutationObserver(() => {{
            if (status.textContent.startsWith('Stopped') && !window.stopTimes.stopped) window.stopTimes.stopped = performance.now();
        }}).observe(status, {{ childList: true, characterData: true, subtree: true }});
        [...demo.querySelectorAll('button')].find(b => b.textContent === 'Stop')
            .addEventListener('click', () => {{ window.stopTimes.clicked = performance.now(); }}, {{ capture: true }});
    }}""")
    demo.get_by_role("button", name="Stop").click()
    times = wait_until(page, "window.stopTimes.stopped && window.stopTimes", 10)
    return times["stopped"] - times["clicked"]


def test_stop_during_a_long_train_run_acts_within_a_second(page, server):
    demo = open_demo(page, server, L7, "train")
    # a long run of many small steps: the worker notices Stop between steps
    demo.get_by_label("Epochs").fill("100")
    demo.get_by_label("Mini-batch size m").fill("1")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, f"Number({TRAIN}.dataset.epoch) >= 1", 120)
    elapsed = measure_stop(page, demo)
    print(f"Stop between steps: {elapsed:.0f} ms")
    assert elapsed < 1000
    assert "The network keeps what it learned" in demo.locator(".demo__status").inner_text()
    epochs = demo.get_attribute("data-epoch")
    page.wait_for_timeout(1000)
    assert demo.get_attribute("data-epoch") == epochs

    # a run of huge steps (three layers of 128, mini-batches of 4,000): when a step takes longer
    # than Stop may wait, the runtime is replaced, and the reader is told what that costs
    demo.get_by_label("Hidden layer sizes").fill("128, 128, 128")
    demo.get_by_label("Mini-batch size m").fill("4000")
    demo.get_by_label("Epochs").fill("20")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(
        page,
        f"{TRAIN}.querySelector('.demo__status').textContent.startsWith('Training a 784-128-128-128-10')",
        10,
    )
    page.wait_for_timeout(1500)
    elapsed = measure_stop(page, demo)
    print(f"Stop in the middle of a long step: {elapsed:.0f} ms")
    assert elapsed < 1000
    status = demo.locator(".demo__status").inner_text()
    if "the runtime was restarted" in status:  # mid-step: the network went with the old runtime
        assert "is gone" in status and demo.locator(".demo__viewer").is_hidden()
    else:  # the step happened to end in time
        assert "The network keeps what it learned" in status
    # the fresh runtime trains again
    demo.get_by_role("button", name="Reset").click()
    demo.get_by_label("Epochs").fill("1")
    demo.get_by_label("Training images", exact=True).fill("500")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, f"{TRAIN}.querySelector('.demo__status').dataset.kind === 'done'", 120)


def serve_sitemap(page, server, site_dir):
    """mkdocs-material's instant navigation only takes over links listed in sitemap.xml, and
    the sitemap lists pages only when site_url is set (for the deployed site). Serve the
    sitemap such a build would have, for this test server's address."""
    pages = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    urls = "".join(f"<url><loc>{server.url}/{'' if p == '.' else p + '/'}</loc></url>" for p in pages)
    body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    page.route(
        "**/sitemap.xml", lambda route: route.fulfill(status=200, content_type="application/xml", body=body)
    )


def follow_nav_link(page, href_end):
    """Click the sidebar link to a lesson, as a reader would (instant navigation)."""
    page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{href_end}']").first.click()


def test_instant_navigation_between_demo_pages_keeps_every_demo_working(page, server, site_dir):
    wasm_requests = lambda: sum("pyodide.asm.wasm" in r for r in server.requests)
    wasm_before = wasm_requests()
    serve_sitemap(page, server, site_dir)
    open_demo(page, server, L6, "chain-rule")
    wait_until(page, f"{CHAIN}.dataset.result", 90)
    page.evaluate("window.sameDocument = true")

    # lesson 6 → lesson 7 by the sidebar: the page is swapped in place, the runtime kept
    follow_nav_link(page, "07-training/")
    wait_until(page, f"{TRAIN} && {TRAIN}.dataset.ready", 20)
    # (the theme's tracking may add the heading in view as a #fragment)
    assert page.evaluate("window.sameDocument") is True and urlsplit(page.url).path.endswith(L7)
    train = page.locator(".demo[data-demo=train]")
    train.get_by_label("Epochs").fill("1")
    train.get_by_label("Training images", exact=True).fill("500")
    train.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, f"{TRAIN}.querySelector('.demo__status').dataset.kind === 'done'", 60)
    wait_until(page, f"{TRAIN}.dataset.misread", 30)

    # back to lesson 6: a fresh calculator on the same runtime
    follow_nav_link(page, "06-backpropagation-calculus/")
    wait_until(page, f"{CHAIN} && {CHAIN}.dataset.result", 30)
    chain = page.locator(".demo[data-demo=chain-rule]")
    chain.get_by_label("w, the weight", exact=True).fill("-1")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).w === -1", 10)
    assert page.locator(".demo[data-demo=gradient-check]").get_attribute("data-ready") == "true"
    assert wasm_requests() - wasm_before == 1  # one runtime for all three pages

    # lesson 7 again, leaving in the middle of a long run: the run stops with its page,
    # and lesson 8's demo gets the runtime straight away
    follow_nav_link(page, "07-training/")
    wait_until(page, f"{TRAIN} && {TRAIN}.dataset.ready", 20)
    train.get_by_label("Epochs").fill("100")
    train.get_by_label("Mini-batch size m").fill("1")
    train.get_by_role("button", name="Train", exact=True).click()
    # running: its first status, or (if the poll comes late) an epoch's progress
    wait_until(
        page,
        f"/^(Training a|Epoch \\d+ of 100)/.test({TRAIN}.querySelector('.demo__status').textContent)",
        20,
    )
    page.wait_for_timeout(500)
    follow_nav_link(page, "08-seeing-it-whole/")
    wait_until(page, f"{STEP} && {STEP}.dataset.ready", 20)
    step = page.locator(".demo[data-demo=one-step]")
    clicked = time.monotonic()
    step.get_by_role("button", name="Next").click()
    wait_until(page, f"{STEP}.dataset.phase === '1'", 30)
    print(f"one-step after leaving a running Train: {time.monotonic() - clicked:.2f} s")
    assert page.evaluate("window.sameDocument") is True
    assert page.locator(".demo[data-demo=train]").count() == 0
