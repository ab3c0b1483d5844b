"""The "Build it in code" pages in headless Chromium: every plot shows, the notebook downloads,
and nothing comes from another host (the page fixtures fail a test on any request to another
host, any console error and any Content-Security-Policy violation)."""

import re
from pathlib import Path

import nbformat
import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
NAMES = ["network-in-code", "looking-inside", "experiments"]
PLOTS_SHOWN = """(() => {
    const plots = [...document.querySelectorAll('.jupyter-wrapper .jp-RenderedImage img')];
    return plots.length > 0 && plots.every(img => img.complete && img.naturalWidth > 100 && img.alt)
        && plots.length;
})()"""


def plotting_cells(name):
    nb = nbformat.read(ROOT / "docs" / "notebooks" / f"{name}.ipynb", as_version=4)
    return sum(1 for cell in nb.cells if cell.cell_type == "code" and "plt.show()" in cell.source)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_page_shows_its_plots_and_offers_the_notebook(page, server, name):
    page.goto(f"{server.url}/notebooks/{name}/")
    assert wait_until(page, PLOTS_SHOWN, 15) >= plotting_cells(name)
    assert page.locator(".nn-run-it").is_visible()
    # the notebook the box offers is there, with its outputs
    cells = page.evaluate(f"""() => fetch('{name}.ipynb').then(r => r.json())
        .then(nb => nb.cells.filter(c => c.cell_type === 'code' && c.outputs.length).length)""")
    assert cells > 3
    # nothing on the page was fetched from another host (the fixture checks requests too)
    hosts = page.evaluate(
        "() => [...new Set(performance.getEntriesByType('resource').map(e => new URL(e.name).host))]"
    )
    assert set(hosts) <= {server.url.split("//")[1]}


def test_notebook_pages_on_a_phone_in_dark_mode(open_site, server):
    phone = open_site(width=390, height=844, scheme="dark")
    for name in NAMES:
        phone.goto(f"{server.url}/notebooks/{name}/")
        wait_until(phone, PLOTS_SHOWN, 15)
        # the page itself never scrolls sideways: wide code and output scroll in their own boxes
        widths = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], (name, widths)
        # plots shrink less than the screen, so their labels stay legible, and scroll in their box
        boxes = phone.evaluate("""() => [...document.querySelectorAll('.jupyter-wrapper .jp-RenderedImage')]
            .map(box => [box.getBoundingClientRect().right <= window.innerWidth,
                         getComputedStyle(box).overflowX,
                         box.querySelector('img').getBoundingClientRect().width / window.innerWidth])""")
        assert all(fits for fits, _, _ in boxes), name
        assert all(scale <= 1 or overflow == "auto" for _, overflow, scale in boxes), name
        assert max(scale for _, _, scale in boxes) > 1


def test_links_lead_from_one_notebook_page_to_the_next(page, server):
    page.goto(f"{server.url}/notebooks/network-in-code/")
    page.locator("article").get_by_role("link", name="Looking inside", exact=True).click()
    # the theme's anchor tracking may add the heading in view (#where-next) as the page settles
    page.wait_for_url(re.compile(r"/notebooks/looking-inside/(#[\w-]+)?$"))
    page.locator("article").get_by_role("link", name="Experiments", exact=True).click()
    page.wait_for_url(re.compile(r"/notebooks/experiments/(#[\w-]+)?$"))
    wait_until(page, PLOTS_SHOWN, 15)
