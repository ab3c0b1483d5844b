"""Each page names in its head every ES module it runs as it loads (sitebuild/module_preload.py),
so the browser fetches them at once instead of one import level at a time.

Checked as a browser sees it, on a lesson with three demos and on the deck page (whose study
mode is loaded on demand): the links name exactly main.js's static import graph and that of
each module the page loads on demand, every module the page fetched from assets/js while
loading and mounting was named by a link, and no link is broken. A module missing from the
links would only be slower; one named but absent would be a wasted fetch and a 404."""

from urllib.parse import urlsplit

import pytest

from sitebuild import module_preload
from sitebuild.common import ROOT
from tests.conftest import wait_until

pytestmark = pytest.mark.browser

JS_DIR = ROOT / "docs" / "assets" / "js"
# Each page, and what it loads on demand besides main.js: its demos, the deck's study mode.
PAGES = {
    "/lessons/02-neurons-weights-biases/": ["one-neuron", "count-knobs", "weight-pictures"],
    "/flashcards/": ["flashcards/study.js"],
}
MOUNTED = "[...document.querySelectorAll('.demo[data-demo]')].every((d) => d.dataset.ready)"


@pytest.mark.parametrize("path", PAGES)
def test_every_module_a_page_runs_at_load_is_preloaded(page, server, path):
    fetched = []
    page.on(
        "request",
        lambda request: (
            fetched.append(urlsplit(request.url).path)
            if request.resource_type == "script" and "/assets/js/" in request.url
            else None
        ),
    )
    page.goto(server.url + path)
    wait_until(page, MOUNTED, 30)
    wait_until(page, "document.readyState === 'complete'", 30)
    links = page.eval_on_selector_all("link[rel=modulepreload]", "(ls) => ls.map((l) => l.href)")
    preloaded = {urlsplit(href).path for href in links}
    assert len(preloaded) == len(links), "a module is named twice"
    graphs = [module_preload.static_graph(JS_DIR, "main.js")]
    entries = [e if e.endswith(".js") else f"demos/{e}.js" for e in PAGES[path]]
    graphs += [module_preload.static_graph(JS_DIR, entry) for entry in entries]
    assert preloaded == {f"/assets/js/{name}" for graph in graphs for name in graph}
    loaded_at_start = {p for p in fetched if p.endswith(".js")}
    not_preloaded = {p for p in loaded_at_start if p not in preloaded and "/vendor/" not in p}
    assert not not_preloaded, f"fetched without a modulepreload link: {sorted(not_preloaded)}"
    assert (
        page.evaluate(
            "performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'link'"
            " && r.name.includes('/assets/js/') && r.responseStatus >= 400).length"
        )
        == 0
    )
