"""The biggest nudges (lesson 4), driven as a reader would in headless Chromium on the real
self-hosted Pyodide."""

import re
import time

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


def test_biggest_nudges(page, server):
    page.goto(server.url + L4)
    demo = demo_of(page, "biggest-nudges")
    demo.scroll_into_view_if_needed()
    started = time.monotonic()
    wait_until(page, "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed === '1'", 90)
    first_results(page, L4)
    print(f"biggest-nudges: first result {time.monotonic() - started:.2f} s after scrolling into view (cold)")

    rows = demo.locator(".biggest-nudges__table tbody tr")
    assert rows.count() == 10
    sizes = [
        abs(number_as_written(r.locator(".biggest-nudges__gradient span").last.inner_text().lstrip("+")))
        for r in rows.all()
    ]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 0
    first = rows.first.inner_text()
    assert re.search(
        r"(Weight into|Bias of) (neuron \d+ of hidden layer [12]|output \d \(the digit \d\))", first
    )
    assert demo.locator(".biggest-nudges__image").count() == 10
    before, after = (
        float(data(page, "biggest-nudges", "costBefore")),
        float(data(page, "biggest-nudges", "costAfter")),
    )
    assert demo.get_by_label("Weights", exact=True).input_value() == "partly"
    assert after < 0.9 * before  # visibly: the default weights are only partly trained
    assert "One step lowered this mini-batch's cost" in status(demo)
    batch_line = demo.locator("[data-key=batch]").inner_text()
    assert re.search(r"\(down [\d.]+, \d+(\.\d+)?%\)", batch_line), (
        batch_line
    )  # the change as a share of the cost
    # knobs are named as the lessons number them: hidden neurons from 1, pixels from 1
    words = " ".join(demo.locator(".biggest-nudges__words").all_inner_texts())
    assert "neuron 0 " not in words and "row 0" not in words and "column 0" not in words
    assert "13,002 components" in demo.locator(".biggest-nudges__results").inner_text()
    labels = demo.locator(".biggest-nudges__image figcaption").all_inner_texts()

    # the next mini-batch: other images, another gradient
    demo.get_by_role("button", name="Next mini-batch").click()
    wait_until(page, "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed === '2'", 30)
    assert demo.get_by_label("Mini-batch seed").input_value() == "1"
    assert demo.locator(".biggest-nudges__image figcaption").all_inner_texts() != labels

    # random weights: a big gradient, and one step lowers the cost a lot
    demo.get_by_label("Weights", exact=True).select_option("random")
    wait_until(page, "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed === '3'", 30)
    before, after = (
        float(data(page, "biggest-nudges", "costBefore")),
        float(data(page, "biggest-nudges", "costAfter")),
    )
    assert before > 1.0 and after < 0.8 * before
    assert "random network" in demo.locator(".biggest-nudges__note").first.inner_text()

    compute = demo.get_by_role("button", name="Compute the gradient")
    for label, extra in [
        ("Learning rate η", ["0", "-3", "1000"]),
        ("Mini-batch size m", ["0", "2.5", "4001"]),
        ("Mini-batch seed", ["-1", "1.5", "1000000"]),
        ("Weights seed", ["-1", "0.5"]),
    ]:
        refuse(page, demo, label, TYPED_NONSENSE + extra, compute.click)
        demo.get_by_label(label).fill("2" if label != "Mini-batch seed" else "5")
    demo.get_by_label("Mini-batch size m").fill("1")
    compute.click()
    wait_until(page, "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed === '4'", 30)
    assert demo.locator(".biggest-nudges__image").count() == 1
    assert demo.locator(".biggest-nudges__table tbody tr").count() == 10
