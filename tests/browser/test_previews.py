"""Previews: every demo shows a real first picture before the Python runtime has loaded
(sitebuild/previews.py computes it at build time, docs/assets/js/runtime/previews.js shows
it), marked as a preview, printed with the page; the live runtime agrees with it and takes
over when it is ready."""

import json
import math

import pytest

from sitebuild.previews import FIRST_CALLS
from tests.browser.demo_helpers import open_demo
from tests.conftest import site_pages, wait_until
from tests.journeys.reader_journeys import DEMOS

pytestmark = pytest.mark.browser

RUNTIME = "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime())"
BLOCKED_RUNTIME_ERRORS = (
    "Failed to load resource",
    "ERR_FAILED",
    "pyodide",
    "Pyodide",
    "WebAssembly",
    "wasm",
    "could not load",
    "Worker",
)


def demo(name):
    return f"document.querySelector('.demo[data-demo={name}]')"


# The demo shows something real: a picture (SVG, canvas, image) or numbers, and no box
# still waiting for Python.
SHOWS_SOMETHING = """(d) => {
  const output = d.querySelector('.demo__output');
  const picture = [...output.querySelectorAll('svg, canvas, img')].some((e) => e.getBoundingClientRect().width > 20);
  const waiting = [...d.querySelectorAll('.demo__waiting')].some((e) => e.getClientRects().length > 0);
  return { picture, text: output.innerText.trim().length, waiting };
}"""


def test_every_demo_shows_its_preview_with_the_runtime_blocked(page, server):
    page.watch.allow_errors(*BLOCKED_RUNTIME_ERRORS)
    page.route("**/pyodide/**", lambda route: route.abort())
    lessons = {}
    for name, (lesson, first_result) in DEMOS.items():
        lessons.setdefault(lesson, []).append((name, first_result))
    for lesson, demos in lessons.items():
        page.goto(f"{server.url}/lessons/{lesson}/")
        wait_until(
            page, "[...document.querySelectorAll('.demo[data-demo]')].every((e) => e.dataset.ready)", 30
        )
        for name, first_result in demos:
            element = page.locator(f".demo[data-demo={name}]")
            shown = element.evaluate(SHOWS_SOMETHING)
            if FIRST_CALLS[name]:
                wait_until(page, f"{demo(name)}.dataset.preview === 'shown'", 20)
                wait_until(page, first_result, 5)  # the demo's own "first result" hook, from the preview
                note = element.locator(".demo__preview")
                assert note.is_visible() and "Preview" in note.inner_text(), name
                shown = element.evaluate(SHOWS_SOMETHING)
                assert shown["picture"] or shown["text"] > 20, f"{name}: nothing in the preview"
            else:  # the Train demo: its empty charts, with their axes, need no Python
                assert shown["picture"], f"{name} shows no picture before Python"
            assert not shown["waiting"], f"{name} still shows a box waiting for Python"
        # printed, the previews print (and their notes say what they are)
        page.emulate_media(media="print")
        for name, _ in demos:
            if FIRST_CALLS[name]:
                assert page.locator(f".demo[data-demo={name}] .demo__preview").is_visible(), name
                assert page.locator(f".demo[data-demo={name}] .demo__output").is_visible(), name
        page.emulate_media(media="screen")
    # nothing reached Python: the runtime never came
    assert page.evaluate(f"{RUNTIME}.then((r) => r.callsSent)") == 0


def close(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    return a == b


def test_the_live_runtime_agrees_with_every_preview_and_takes_over(page, server, site_dir):
    # Before the runtime: lesson 6's chain rule, from the preview, with its note.
    demo_ = open_demo(page, server, "/lessons/06-backpropagation-calculus/", "chain-rule")
    wait_until(page, f"{demo('chain-rule')}.dataset.preview === 'shown'", 20)
    assert demo_.locator("output[data-name=a]").inner_text() == "0.6225"
    note = demo_.locator(".demo__preview")
    assert note.is_visible()
    # The demo is in view, so the runtime is fetched; once ready the note goes, the
    # numbers stay, and a change is answered live.
    wait_until(page, f"{demo('chain-rule')}.dataset.preview === 'live'", 120)
    assert not note.count() and demo_.locator("output[data-name=a]").inner_text() == "0.6225"
    before = page.evaluate(f"{RUNTIME}.then((r) => r.callsSent)")
    field = demo_.get_by_label("w, the weight", exact=True)
    field.fill("2")
    field.press("Enter")
    wait_until(page, f"JSON.parse({demo('chain-rule')}.dataset.result).w === 2", 30)
    assert page.evaluate(f"{RUNTIME}.then((r) => r.callsSent)") > before
    # Every preview the build wrote is what the page's Python answers to the same call.
    for name in FIRST_CALLS:
        for answer in json.loads((site_dir / "assets" / "previews" / f"{name}.json").read_text()):
            live = page.evaluate(f"(a) => {RUNTIME}.then((r) => r.call(a.fn, a.args))", answer)
            assert close(beyond_rounding(live), beyond_rounding(answer["data"])), (
                f"{name}: {answer['fn']}({answer['args']}) differs live"
            )


def beyond_rounding(answer):
    """The gradient check's sweep at steps h below 10⁻⁸ is rounding error by design (that is
    what it shows), and CPython's NumPy and the browser's round differently there: those
    points are left out; everything else must agree."""
    if isinstance(answer, dict) and "sweep" in answer:
        return dict(answer, sweep=[point for point in answer["sweep"] if point[0] >= -8])
    return answer


def test_every_demo_on_the_site_has_a_previews_file(site_dir):
    import re

    names = set()
    for path in site_pages(site_dir):
        file = site_dir / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        names |= set(re.findall(r'data-demo="([a-z0-9-]+)"', file.read_text()))
    # the course's demos, and the Your work page's panel (whose empty file says: no preview)
    assert names == set(FIRST_CALLS) == set(DEMOS) | {"your-work"}
    assert FIRST_CALLS["your-work"] == []
    for name in names:
        assert isinstance(json.loads((site_dir / "assets" / "previews" / f"{name}.json").read_text()), list)
