"""Gates over every page of the built site, in headless Chromium:

* offline and first-party only: each page loads with every request to another host
  blocked and recorded (the `open_site` fixture fails on any), with no console error
  and no Content-Security-Policy violation;
* accessibility: axe-core finds no serious or critical violation, light and dark;
* layout: no horizontal scrolling at 360 px.
"""

from pathlib import Path

import pytest

from tests.conftest import site_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()


def pages(site_dir):
    return site_pages(site_dir)


def run_axe(page):
    """axe-core injected through the DevTools protocol (not a <script>: the page's policy
    rightly refuses those), run against WCAG 2.x A and AA rules."""
    page.evaluate(AXE)
    return page.evaluate("""async () => {
        const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
        return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) }));
    }""")


def test_every_page_loads_offline_and_passes_axe(site_dir, server, open_site):
    counts = {"pages": 0, "minor": 0, "moderate": 0, "serious": 0, "critical": 0}
    failures = []
    for scheme in ("light", "dark"):
        page = open_site(scheme=scheme)
        for path in pages(site_dir):
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            # let the page's own scripts run (maths, demos' frames, flashcards)
            page.wait_for_timeout(150)
            counts["pages"] += 1
            for violation in run_axe(page):
                counts[violation["impact"] or "minor"] += 1
                if violation["impact"] in ("serious", "critical"):
                    failures.append(
                        f"{scheme} {path}: {violation['id']} ({violation['impact']}): "
                        f"{violation['help']}\n      " + "\n      ".join(violation["nodes"])
                    )
    print(
        f"\naxe over {counts['pages']} page loads: "
        + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "pages")
    )
    assert not failures, "\n".join(failures)


def test_no_horizontal_scrolling_at_360px(site_dir, server, open_site):
    page = open_site(width=360, height=740)
    wide = []
    for path in pages(site_dir):
        page.goto(server.url + path)
        page.wait_for_timeout(150)
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            culprits = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))""")
            wide.append(f"{path}: {width[0]} px wide > {width[1]}: {culprits}")
    assert not wide, "\n".join(wide)
