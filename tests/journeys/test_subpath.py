"""The site at a Pages-style address with a path: built for http://127.0.0.1:PORT/course/
and served under /course/ only, as GitHub Pages serves a project site under /<repo>/.

A scan of the built files finds no absolute /… URL outside the base (pages, styles,
scripts, the worker, the runtime's lock file), and in each engine a reader there trains
the network, moves between pages by instant navigation, studies on the deck page and
opens a notebook page, with nothing requested outside /course/.
"""

import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import SUBPATH
from tests.journeys import browser_engines
from tests.journeys import reader_journeys as journeys

pytestmark = pytest.mark.browser


def top_level(site):
    """The built site's top-level names: a string "/<one of these>…" in a script is a URL
    that ignores the base (Pyodide's own files are full of file-system paths like "/lib")."""
    return sorted(p.name for p in site.iterdir())


# Strings that look like site paths but are not URLs, each with its reason.
NOT_URLS = {
    ("assets/js/runtime/worker.js", "/data"): "Pyodide's in-memory file system",
    ("assets/js/runtime/worker.js", "/data/digits.npz"): "Pyodide's in-memory file system",
    ("assets/js/runtime/worker.js", "/data/shipped-weights.npz"): "Pyodide's in-memory file system",
    ("assets/js/runtime/worker.js", "/data/one-step.npz"): "Pyodide's in-memory file system",
    # lunr's Thai word cutter (mkdocs-material's search languages): read from disk under
    # Node only, never fetched in a browser
    ("assets/javascripts/lunr/wordcut.js", "/data/tdict-*.txt"): "a Node file path",
}
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data", "srcset", "formaction", "content"}


class Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in URL_ATTRIBUTES or (name.startswith("data-") and value.startswith("/"))):
                if name == "content" and not value.startswith("/"):
                    continue
                self.urls.append(f"<{tag} {name}={value}>")


def absolute(value):
    return value.startswith("/") and not value.startswith("//") and not value.startswith(SUBPATH)


def test_no_absolute_url_outside_the_base(subpath_server):
    site = subpath_server.root
    names = "|".join(re.escape(n) for n in top_level(site))
    in_script = re.compile(rf"""["'`](/(?:{names})(?:[/?#][^"'`\s]*)?)["'`]""")
    found, scanned = [], 0
    for file in sorted(site.rglob("*")):
        relative = file.relative_to(site).as_posix()
        if not file.is_file() or file.suffix not in (".html", ".css", ".js", ".mjs", ".json", ".xml"):
            continue
        text = file.read_text(errors="replace")
        scanned += 1
        if file.suffix == ".html":
            parser = Attributes()
            parser.feed(text)
            found += [f"{relative}: {u}" for u in parser.urls if absolute(u.split("=", 1)[1])]
        if file.suffix in (".html", ".css"):
            found += [
                f"{relative}: url({u})" for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) if absolute(u)
            ]
        if file.suffix in (".js", ".mjs", ".html"):
            found += [f"{relative}: {u}" for u in in_script.findall(text) if (relative, u) not in NOT_URLS]
        if file.name == "pyodide-lock.json":
            for name, package in json.loads(text)["packages"].items():
                if package["file_name"].startswith("/") or "://" in package["file_name"]:
                    found.append(f"{relative}: {name} -> {package['file_name']}")
    assert scanned > 50
    assert not found, "absolute URLs that ignore the site's base:\n" + "\n".join(found)


def test_every_page_carries_the_same_policy(subpath_server):
    """Instant navigation keeps the first page's policy for every later page, so every
    page must allow every page's inline code: one policy for all."""
    policies = {}
    for page in subpath_server.root.rglob("*.html"):
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text())
        if match:
            policies.setdefault(match.group(1), []).append(page.name)
    assert len(policies) == 1, f"{len(policies)} different policies"


@pytest.fixture(scope="module", params=browser_engines.ENGINES)
def reader(request, subpath_server):
    yield from browser_engines.session(request, subpath_server)


def no_problems(d):
    problems = d.problems()
    assert not problems, f"{d.name} at {SUBPATH}:\n" + "\n".join(problems)


def test_nothing_is_served_at_the_root(reader):
    import urllib.request
    from urllib.error import HTTPError

    with pytest.raises(HTTPError):
        urllib.request.urlopen(reader.server.url + "/index.html", timeout=5)
    reader.server.outside.clear()


def test_instant_navigation_across_three_pages(reader):
    journeys.go(reader, journeys.COURSE[0])
    journeys.same_document(reader)
    for path in journeys.COURSE[1:3]:
        journeys.follow(reader, reader.find("a.md-footer__link--next"), reader.server.site_url + path)
    assert reader.evaluate("window.__sameDocument === true")
    no_problems(reader)


def test_train(reader):
    result = journeys.train(reader)
    print(f"{reader.name} at {SUBPATH}: train {result}")
    no_problems(reader)


def test_deck_page_study(reader):
    journeys.study_next_card(reader)
    no_problems(reader)


def test_notebook_page(reader):
    journeys.notebook_page(reader)
    no_problems(reader)
