"""What does this image want? (lesson 5), driven as a reader would: first with the runtime
unreachable (a clear error, Retry), then the outputs' desires, the levers, propagating
back, another image and nonsense."""

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


def test_what_image_wants_and_retry_after_the_runtime_fails(page, server, faults):
    """First with the runtime unreachable (a clear error, Retry), then as a reader uses it."""
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
    # (how many images it has shown so far depends on the order the reader's earlier steps
    # met the runtime: one typed while it was down may be answered by the build's preview)
    loaded = int(demo.get_attribute("data-loaded"))
    demo.get_by_label("Weights", exact=True).select_option("shipped")
    wait_until(
        page,
        f"document.querySelector('.demo[data-demo=what-image-wants]').dataset.loaded === '{loaded + 1}'",
        30,
    )
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
