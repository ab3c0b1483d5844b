"""Lesson 5's two demos on one page load, driven as a reader would: What does this image
want? first with the runtime unreachable (a clear error, Retry), then Full batch vs
mini-batch on the same warm runtime."""

import re

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


def test_lesson_5_demos(page, server, faults):
    """Both demos of lesson 5 on one page; first with the runtime unreachable (a clear
    error, Retry), then as a reader uses them."""
    page.watch.allow_errors("Failed to load resource", "pyodide.mjs")
    faults.set("/pyodide/pyodide.mjs", "missing")
    page.goto(server.url + L5)
    demo = demo_of(page, "what-image-wants")
    demo.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants] .demo__runtime--failed')", 60)
    assert "could not load" in demo.locator(".demo__runtime").inner_text()
    # the network is there from the start, with the build's preview of its first image
    assert (
        demo.locator(".what-image-wants__circle").count() == 42
        and demo.locator(".what-image-wants__arrow").count() > 0
    )
    assert demo.get_attribute("data-preview") == "shown" and demo.locator(".demo__preview").is_visible()
    demo.get_by_role(
        "button", name="Next", exact=True
    ).click()  # another image while it is down: told plainly
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=what-image-wants] .demo__status').textContent.includes('press Retry above')",
        30,
    )
    demo.get_by_label("Held-out image (0–999)").fill("0")  # back to the first image
    faults.clear()
    demo.get_by_role("button", name="Retry").click()
    first_results(page, L5)
    what_image_wants(page, demo_of(page, "what-image-wants"))
    batch_vs_minibatch(page, demo_of(page, "batch-vs-minibatch"))


def what_image_wants(page, demo):
    # the partly trained network first: unsure, so its outputs want more
    assert demo.get_by_label("Weights", exact=True).input_value() == "partly"
    # the key describes the shading in words true in both schemes
    assert (
        "The more a circle is filled in, the more active its neuron"
        in demo.locator(".what-image-wants__legend").inner_text()
    )

    label = int(
        re.search(r"A handwritten (\d)", demo.locator(".what-image-wants__about").inner_text()).group(1)
    )
    arrows = demo.locator(".what-image-wants__arrow[data-layer='3']")
    assert arrows.count() == 10
    for j in range(10):
        kind = arrows.nth(j).get_attribute("class")
        assert ("what-image-wants__arrow--up" in kind) == (j == label), (j, kind)
    # the numbers behind the arrows: desire = (y − a)·σ′(z), sign of y − a
    demo.locator(".demo__numbers summary").click()
    for row in demo.locator(".demo__numbers tbody tr").all():
        _, a, y, gap, slope, desire = [
            number_as_written(c.lstrip("+")) for c in row.locator("td").all_inner_texts()
        ]
        assert (desire > 0) == (y > a) and abs(desire - gap * slope) <= 0.02 * abs(desire) + 1e-3

    # keyboard: focus an output, arrows move, Enter shows its levers
    output = demo.get_by_role("button", name=re.compile(rf"^Output {label} \(the digit {label}\)"))
    assert "wants up" in output.get_attribute("aria-label")
    output.focus()
    page.keyboard.press("ArrowDown")
    other = (label + 1) % 10
    assert page.evaluate("document.activeElement.dataset.neuron") == str(other)
    page.keyboard.press("Enter")
    wait_until(
        page,
        f"document.querySelector('.demo[data-demo=what-image-wants]').dataset.selected === '3:{other}'",
        5,
    )
    levers = demo.locator(".what-image-wants__levers")
    assert levers.locator("h4").inner_text() == f"Output {other} (the digit {other}) wants down"
    assert [e.get_attribute("data-lever") for e in levers.locator(".what-image-wants__lever").all()] == [
        "bias",
        "weights",
        "activations",
    ]
    assert "weights from bright neurons change most" in levers.inner_text()
    assert demo.locator(".what-image-wants__link").count() == 16
    assert (
        demo.get_by_role("button", name=re.compile(rf"^Output {other} ")).get_attribute("aria-pressed")
        == "true"
    )
    # a click on the right digit's output shows it wants up
    output.click()
    wait_until(
        page,
        f"document.querySelector('.demo[data-demo=what-image-wants]').dataset.selected === '3:{label}'",
        5,
    )
    assert "wants up" in levers.locator("h4").inner_text() and "raise it" in levers.inner_text()

    # propagate twice: 16 desires on hidden layer 2, then on hidden layer 1
    assert demo.locator(".what-image-wants__arrow[data-layer='2']").count() == 0
    demo.get_by_role("button", name="Propagate to hidden layer 2").click()
    assert demo.locator(".what-image-wants__arrow[data-layer='2']").count() == 16
    assert "adds up what the ten outputs want" in demo.locator(".what-image-wants__stage").inner_text()
    assert "reached hidden layer 2" in status(demo) and "Click an output" not in status(demo)
    # hidden neurons are numbered from 1, as the lessons write a₁ … a₁₆
    third = demo.get_by_role("button", name=re.compile(r"^Neuron 3 of hidden layer 2"))
    assert third.get_attribute("data-neuron") == "2"
    third.click()
    assert "Neuron 3 of hidden layer 2 wants" in levers.locator("h4").inner_text()
    assert "pulls on it" in levers.inner_text()
    assert demo.get_by_role("button", name=re.compile(r"^Neuron 16 of hidden layer 2")).count() == 1
    assert demo.get_by_role("button", name=re.compile(r"^Neuron 0 ")).count() == 0
    assert re.search(r"neuron (1[0-6]|[1-9]) \(a = ", levers.inner_text())
    demo.get_by_role("button", name="Propagate to hidden layer 1").click()
    assert demo.locator(".what-image-wants__arrow[data-layer='1']").count() == 16
    assert demo.get_by_role("button", name="Propagated to hidden layer 1").is_disabled()
    demo.get_by_role("button", name="Outputs only").click()
    assert (
        demo.locator(
            ".what-image-wants__arrow[data-layer='2'], .what-image-wants__arrow[data-layer='1']"
        ).count()
        == 0
    )

    # another image, through the fully trained network
    demo.get_by_label("Weights", exact=True).select_option("shipped")
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants]').dataset.loaded === '2'", 30)
    demo.get_by_role("button", name="Next", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants]').dataset.index === '1'", 20)
    refuse(
        page,
        demo,
        "Held-out image (0–999)",
        TYPED_NONSENSE + ["1000", "-1", "2.5"],
        demo.get_by_role("button", name="Show", exact=True).click,
    )
    demo.get_by_label("Held-out image (0–999)").fill("999")
    demo.get_by_role("button", name="Show", exact=True).click()
    wait_until(
        page, "document.querySelector('.demo[data-demo=what-image-wants]').dataset.index === '999'", 20
    )


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
