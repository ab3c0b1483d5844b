"""Roll downhill (lesson 4), driven as a reader would in headless Chromium on the real
self-hosted Pyodide: the lesson's facts on x², the valleys, the map, Stop, and nonsense."""

import pytest

from tests.browser.demo_helpers import (
    L4,
    TYPED_NONSENSE,
    data,
    demo_of,
    first_results,
    number_as_written,
    refuse,
    status,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def test_roll_downhill(page, server):
    """One page, three readers: one checks the lesson's facts on x², one explores the
    valleys, the map and Stop, one types nonsense."""
    page.goto(server.url + L4)
    demo = demo_of(page, "roll-downhill")
    demo.scroll_into_view_if_needed()  # prefetch starts the runtime; the curve appears
    first_results(page, L4)
    page.emulate_media(
        reduced_motion="reduce"
    )  # Run shows its steps at once (Stop is tested with motion below)
    checks_the_lessons_facts_on_x_squared(page, demo)
    explores_valleys_the_map_and_stop(page, demo)
    refuses_nonsense(page, demo)


def checks_the_lessons_facts_on_x_squared(page, demo):
    step = demo.get_by_role("button", name="Step", exact=True)
    run = demo.get_by_role("button", name="Run", exact=True)

    # η = 0.1 multiplies x by 0.8 each step
    demo.get_by_role("button", name="x² from 3, η = 0.1").click()
    wait_until(page, "document.querySelector('.roll-downhill__formula').textContent === 'f(x) = x²'", 20)
    for n, (x, slope, height) in enumerate(
        [("2.4", "4.8", "5.76"), ("1.92", "3.84", "3.686"), ("1.536", "3.072", "2.359")], 1
    ):
        step.click()
        wait_until(
            page, f"document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '{n}'", 20
        )
        assert demo.locator("dd[data-key=position]").inner_text() == f"x = {x}"
        assert demo.locator("dd[data-key=slope]").inner_text() == f"f′(x) = {slope}"
        assert demo.locator("dd[data-key=height]").inner_text() == f"f = {height}"
        assert "x was multiplied by 0.8 (that is 1 − 2η)" in status(demo)
    demo.locator(".demo__numbers summary").click()
    rows = demo.locator(".demo__numbers tbody tr")
    assert rows.count() == 4
    assert [c.inner_text() for c in rows.nth(3).locator("td").all()] == [
        "3",
        "1.536",
        "3.072",
        "2.3593",
        "0.8",
    ]
    run.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')",
        30,
    )
    assert "This is the lowest point" in status(demo)
    assert abs(number_as_written(demo.locator("dd[data-key=position]").inner_text()[4:])) < 1e-4

    # η = 1 bounces between 3 and −3 forever
    demo.get_by_role("button", name="x² from 3, η = 1", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Bouncing')",
        30,
    )
    text = status(demo)
    assert "x = 3" in text and "x = −3" in text and "forever" in text
    assert data(page, "roll-downhill", "outcome") == "bouncing"

    # η = 1.1 diverges, ×(−1.2) a step: said plainly, drawn on the picture's edge, no garbage
    demo.get_by_role("button", name="x² from 3, η = 1.1").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    for n in range(1, 4):
        step.click()
        wait_until(
            page, f"document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '{n}'", 20
        )
    assert "multiplied by −1.2" in status(demo) and "diverging" in status(demo)
    assert demo.locator(".landscape__offscreen").count() == 1
    assert "x = −5.184" in demo.locator(".landscape__offscreen text").text_content()
    run.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Diverged')",
        30,
    )
    assert "η = 1.1 is too large" in status(demo)
    svg_text = demo.locator("svg.landscape").evaluate("e => e.outerHTML")
    assert "NaN" not in svg_text and "Infinity" not in svg_text
    step.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.includes('run away')",
        10,
    )
    demo.get_by_role("button", name="Reset").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)


def explores_valleys_the_map_and_stop(page, demo):
    run = demo.get_by_role("button", name="Run", exact=True)

    # from the right, it settles in the higher valley and says the lower one is out of reach
    demo.get_by_role("button", name="Two valleys from 3").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')",
        30,
    )
    assert "higher valley" in status(demo) and "out of reach" in status(demo)
    demo.get_by_role("button", name="Two valleys from −3").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')",
        30,
    )
    assert "lower valley" in status(demo)

    # clicking the curve sets the start
    curve = demo.locator("svg.landscape")
    box = curve.bounding_box()
    curve.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.5})
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    x = float(demo.get_by_label("Start x").input_value())
    assert 1.0 < x < 3.0

    # the two-dial map: a click sets both dials; a large η zigzags and settles on the floor
    demo.get_by_label("Landscape").select_option("long-valley")
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .landscape--map .landscape__contour')",
        20,
    )
    assert demo.get_by_label("Start y").is_visible()
    curve = demo.locator("svg.landscape")
    box = curve.bounding_box()
    curve.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.25})
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    x, y = (
        float(demo.get_by_label("Start x").input_value()),
        float(demo.get_by_label("Start y").input_value()),
    )
    assert x < -1 and y > 1
    demo.get_by_label("Learning rate η").fill("0.35")
    run.click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')",
        30,
    )
    assert "lowest point" in status(demo)
    assert demo.locator(".roll-downhill__trail circle").count() > 10

    # a crawl can be stopped mid-run, and Run goes on from there
    page.emulate_media(reduced_motion="no-preference")
    demo.get_by_label("Learning rate η").fill("0.002")
    demo.get_by_role("button", name="Reset").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(
        page, "Number(document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps) >= 3", 20
    )
    demo.get_by_role("button", name="Stop").click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Stopped after')",
        5,
    )
    steps = int(data(page, "roll-downhill", "steps"))
    assert 3 <= steps < 200
    page.wait_for_timeout(500)
    assert int(data(page, "roll-downhill", "steps")) == steps
    run.click()
    wait_until(
        page, f"Number(document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps) > {steps}", 20
    )
    demo.get_by_role("button", name="Stop").click()
    wait_until(
        page,
        "!document.querySelector('.demo[data-demo=roll-downhill] button.md-button--primary').disabled",
        5,
    )


def refuses_nonsense(page, demo):
    demo.get_by_label("Landscape").select_option("two-valleys")
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=roll-downhill] .landscape--curve .landscape__ball')",
        20,
    )
    demo.get_by_label("Start x").fill("3")
    step = demo.get_by_role("button", name="Step", exact=True)
    refuse(page, demo, "Learning rate η", TYPED_NONSENSE + ["0", "-0.5", "101"], step.click)
    assert "Fix the highlighted value" in status(demo)
    demo.get_by_label("Learning rate η").fill("0.1")
    refuse(page, demo, "Start x", TYPED_NONSENSE + ["4.5", "-40"], step.click)
    message = page.locator(f"#{demo.get_by_label('Start x').get_attribute('aria-describedby')}").inner_text()
    assert "at least -4 and at most 4" in message
    # fixed, it works again
    demo.get_by_label("Start x").fill("2")
    step.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '1'", 20)
    # two valleys: f′(2) = 2³/2 − 2·2 + 3/8 = 0.375, so one step goes to 2 − 0.1 × 0.375
    assert number_as_written(demo.locator("dd[data-key=position]").inner_text()[4:]) == pytest.approx(
        1.9625, abs=6e-4
    )
    assert demo.get_by_label("Start x").get_attribute("aria-invalid") == "false"
