"""Full batch vs mini-batch (lesson 5), driven as a reader would: the two walkers on the
same budget, Skip to the end, m = 100 and m = 1, a new shuffle, too large an η, a click
on the map, and nonsense in every field."""

import pytest

from tests.browser.demo_helpers import (
    L5,
    TYPED_NONSENSE,
    demo_of,
    first_results,
    number_as_written,
    refuse,
    status,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def test_batch_vs_minibatch(page, server):
    page.goto(server.url + L5)
    demo = demo_of(page, "batch-vs-minibatch")
    demo.scroll_into_view_if_needed()  # as a reader would; the demo then prefetches its runtime
    first_results(page, L5)
    batch_vs_minibatch(page, demo)


def results(demo):
    out = {}
    for row in demo.locator(".batch-vs-minibatch__results tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        out[row.get_attribute("data-walker")] = cells
    return out


def batch_vs_minibatch(page, demo):
    demo.scroll_into_view_if_needed()
    # the map and the start are drawn, but the walkers wait for the reader
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.drawn", 90)
    page.wait_for_timeout(500)
    assert page.evaluate("document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs") is None
    assert demo.locator(".batch-vs-minibatch__walker--full").count() == 0 and "press Run both" in status(demo)
    page.emulate_media(reduced_motion="reduce")
    demo.get_by_role("button", name="Run both").click()
    page.emulate_media(reduced_motion="no-preference")
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '1'", 90)
    table = results(demo)
    assert table["full"][:2] == ["10", "1,000"] and table["mini"][:2] == ["100", "1,000"]
    full, mini, best = (number_as_written(table[k][2]) for k in ("full", "mini", "best"))
    assert best < mini < full
    assert "Same budget, 1,000 examples each" in status(demo)
    assert demo.locator(".batch-vs-minibatch__walker--full circle").count() == 11
    chart = demo.locator("svg.chart__svg").get_attribute("aria-label")
    assert "full batch falls from" in chart and "mini-batch falls from" in chart

    run = demo.get_by_role("button", name="Run both")
    # the walk is animated; Skip to the end shows where both arrive
    run.click()
    wait_until(
        page,
        "!document.querySelector('.demo[data-demo=batch-vs-minibatch] button.md-button--primary + button').disabled",
        10,
    )
    demo.get_by_role("button", name="Skip to the end").click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '2'", 5)
    assert results(demo) == table
    page.emulate_media(reduced_motion="reduce")  # the rest without waiting for animations
    # m = 100 is the whole batch: the two walkers agree
    demo.get_by_label("Mini-batch size m").fill("100")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '3'", 30)
    table = results(demo)
    assert table["full"] == table["mini"]
    # m = 1 with a bigger budget: many more steps
    demo.get_by_label("Mini-batch size m").fill("1")
    demo.get_by_label("Budget: passes over the points").fill("3")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '4'", 30)
    table = results(demo)
    assert table["full"][:2] == ["3", "300"] and table["mini"][:2] == ["300", "300"]
    # a new shuffle gives another mini-batch path
    demo.get_by_role("button", name="New shuffle").click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '5'", 30)
    assert results(demo)["mini"] != table["mini"]
    # too large an η: said plainly
    demo.get_by_label("Learning rate η").fill("5")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '6'", 30)
    assert "ran away" in status(demo) and "too large" in status(demo)
    assert "NaN" not in demo.inner_text()
    # a click on the map starts the walkers from there
    demo.get_by_label("Learning rate η").fill("0.3")
    cost_map = demo.locator(".batch-vs-minibatch__map svg.landscape")
    box = cost_map.bounding_box()
    cost_map.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.2})
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '7'", 30)
    assert (
        float(demo.get_by_label("Start w").input_value()) > 1
        and float(demo.get_by_label("Start b").input_value()) > 1
    )

    for label, extra in [
        ("Mini-batch size m", ["0", "101", "2.5"]),
        ("Budget: passes over the points", ["0", "51", "-2"]),
        ("Learning rate η", ["0", "-1"]),
    ]:
        refuse(page, demo, label, TYPED_NONSENSE + extra, run.click)
        demo.get_by_role("button", name="Reset").click()
    demo.locator(".batch-vs-minibatch__more summary").click()
    refuse(page, demo, "Start w", ["5", "abc", "<img src=x onerror=alert(1)>"], run.click)
    demo.get_by_role("button", name="Reset").click()
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '8'", 30)
