"""Count the knobs (lesson 2), driven as a reader would: the digit network's 13,002, the
lesson's invitation (one hidden layer of 30, then of 100), other sizes typed with commas,
spaces or dashes and counted with Enter or the button, every row and total checked
against the formula (one weight per link, one bias per neuron after the input) and
pylib's count_parameters; nonsense refused beside the field, the last count kept faded."""

import pytest

from pylib.network import count_parameters
from tests.browser.demo_helpers import L2, assert_refused, demo_of, js_demo, open_lesson, wait_live
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def formula(sizes):
    """Weights and biases of a fully connected network, counted by hand."""
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    biases = sum(sizes[1:])
    return weights, biases


def shows_the_count(page, knobs, sizes):
    """The summary, each layer's row and the totals are the formula's, and pylib's."""
    weights, biases = formula(sizes)
    assert tuple(count_parameters(sizes)) == (weights, biases)
    total = weights + biases
    wait_until(page, f"{js_demo('count-knobs')}.dataset.parameters === '{total}'", 15)
    assert (
        knobs.locator(".count-knobs__summary").inner_text()
        == f"{'-'.join(map(str, sizes))}: {weights:,} weights + {biases:,} biases = {total:,} knobs."
    )
    rows = [
        r.locator("th, td").all_inner_texts()
        for r in knobs.locator("table.count-knobs__table tbody tr").all()
    ]
    assert len(rows) == len(sizes)
    assert rows[0] == ["Input (layer 0)", f"{sizes[0]:,}", "none", "none", "0"]
    for l in range(1, len(sizes)):
        name = f"Output (layer {l})" if l == len(sizes) - 1 else f"Hidden (layer {l})"
        n_in, n = sizes[l - 1], sizes[l]
        assert [" ".join(c.split()) for c in rows[l]] == [
            name,
            f"{n:,}",
            f"{n_in:,} × {n:,} = {n_in * n:,}",
            f"{n:,}",
            f"{n_in * n + n:,}",
        ], (sizes, l)
    foot = knobs.locator("table.count-knobs__table tfoot tr").locator("th, td").all_inner_texts()
    assert [c.strip() for c in foot] == ["Total", "", f"{weights:,}", f"{biases:,}", f"{total:,}"]


def test_count_knobs(page, server):
    open_lesson(page, server, L2, ["count-knobs"])
    knobs = demo_of(page, "count-knobs")
    wait_until(page, f"{js_demo('count-knobs')}.dataset.parameters", 90)
    wait_live(page)  # the first count may be the build's preview

    # ---- the digit network, as the lesson counts it
    wait_until(page, f"{js_demo('count-knobs')}.dataset.parameters === '13002'", 15)
    assert (
        knobs.locator(".count-knobs__summary").inner_text()
        == "784-16-16-10: 12,960 weights + 42 biases = 13,002 knobs."
    )
    table = knobs.locator("table.count-knobs__table").inner_text()
    assert "784 × 16 = 12,544" in table and "16 × 16 = 256" in table and "16 × 10 = 160" in table
    shows_the_count(page, knobs, [784, 16, 16, 10])

    # ---- the lesson's invitation: one hidden layer of 30, then of 100; the syntaxes agree
    sizes = knobs.get_by_label("Layer sizes, input first")
    count = knobs.get_by_role("button", name="Count")
    for typed, total in [("784, 30, 10", "23,860"), ("784-100-10", "79,510"), ("784 16 16 10", "13,002")]:
        sizes.fill(typed)
        count.click()
        wait_until(
            page,
            f"document.querySelector('.count-knobs__summary').textContent.endsWith('= {total} knobs.')",
            15,
        )
    # more sizes, each counted with Enter in the field, each row checked
    for typed, expected in [
        ("784, 30, 10", [784, 30, 10]),
        ("784 – 100 – 10", [784, 100, 10]),
        ("2, 1", [2, 1]),
        ("1 1 1 1 1 1", [1] * 6),
        ("100000, 100000", [100000, 100000]),
        ("  784 ,  16,16 ,  10 ", [784, 16, 16, 10]),
    ]:
        sizes.fill(typed)
        sizes.press("Enter")
        shows_the_count(page, knobs, expected)
        assert sizes.get_attribute("aria-invalid") == "false"

    # ---- nonsense: refused beside the field, the last count kept but faded
    for value, expected in [
        ("-3", "Give between 2 and 6"),
        ("784,-3,10", "at least 1"),
        ("784,1e9,10", "at most 100,000"),
        ("abc", "Give between 2 and 6"),
        ("784,abc", "written in digits"),
        ("", "Type between 2 and 6"),
        (",".join(["16"] * 50), "too long"),
        (",".join(["16"] * 7), "you gave 7"),
        ("784,,10", "missing"),
        ("784,16.5,10", "whole number"),
        ("784,NaN", "written in digits"),
        ("784,Infinity", "written in digits"),
        ("784,0", "at least 1"),
        ("<img src=x onerror=alert(1)>", "written in digits"),
    ]:
        assert_refused(page, sizes, count.click, value, expected)
        assert "count-knobs__result--stale" in knobs.locator(".count-knobs__result").get_attribute("class")
    assert page.locator("img[src=x]").count() == 0
    # the faded count is still the last good one, and the status says so
    assert knobs.locator(".count-knobs__summary").inner_text().endswith("= 13,002 knobs.")
    assert (
        "faded count below is for the last sizes that worked" in knobs.locator(".demo__status").inner_text()
    )
    # Enter refuses too, and names the layer at fault
    assert_refused(page, sizes, lambda: sizes.press("Enter"), "784, 16, 0, 10", "Layer 2's size")
    assert_refused(page, sizes, lambda: sizes.press("Enter"), "0, 10", "The input layer's size")
    assert_refused(page, sizes, lambda: sizes.press("Enter"), "784, 100001", "The output layer's size")
    # fixing the sizes counts again and lifts the fading
    sizes.fill("784, 30, 10")
    sizes.press("Enter")
    shows_the_count(page, knobs, [784, 30, 10])
    assert "count-knobs__result--stale" not in knobs.locator(".count-knobs__result").get_attribute("class")
    knobs.get_by_role("button", name="Reset").click()
    wait_until(
        page, "document.querySelector('.count-knobs__summary').textContent.endsWith('= 13,002 knobs.')", 15
    )
    assert sizes.get_attribute("aria-invalid") == "false"
    assert sizes.input_value() == "784, 16, 16, 10"
