"""Lesson 2's three demos on one page load (one-neuron, count-knobs, weight-pictures, each
driven as a reader would), then mkdocs-material's instant navigation to lesson 3 and back:
every demo works on both pages."""

import pytest

from tests.browser.demo_helpers import (
    L2,
    L3,
    assert_refused,
    demo_of,
    js_demo,
    open_lesson,
    wait_for_path,
    wait_live,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def test_lesson_2_demos_and_instant_navigation(page, server):
    open_lesson(page, server, L2, ["one-neuron", "count-knobs", "weight-pictures"])
    neuron, knobs, pictures = (demo_of(page, n) for n in ("one-neuron", "count-knobs", "weight-pictures"))

    # ---- one neuron: the defaults give z = 2 − 0.5 + 0.1 − 1 = 0.6
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z", 90)
    wait_live(page)  # the first results may be the build's previews
    assert float(neuron.get_attribute("data-z")) == pytest.approx(0.6)
    assert (
        "z = 0.60, so the neuron's activation is a = σ(z) = 0.646"
        in neuron.locator(".one-neuron__summary").inner_text()
    )
    assert "= 0.646" in neuron.locator(".one-neuron__sum").inner_text()
    # the bias slider moves with the arrow keys, 0.1 a press: ten presses raise z by 1
    bias = neuron.get_by_label("Bias b", exact=True)
    bias.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - 1.6) < 1e-9", 15)
    assert neuron.get_by_label("Bias b, typed").input_value() == "0.0"
    # typed values: with b = −10 the weighted sum must reach 10 for the neuron to be half on
    for label, value in [
        ("Input a₁", "1"),
        ("Input a₂", "1"),
        ("Input a₃", "0"),
        ("Weight w₁", "5"),
        ("Weight w₂", "5"),
        ("Bias b", "-10"),
    ]:
        box = neuron.get_by_label(f"{label}, typed")
        box.fill(value)
        box.press("Enter")
    wait_until(page, f"{js_demo('one-neuron')}.dataset.a === '0.5'", 15)
    assert "a = σ(z) = 0.500" in neuron.locator(".one-neuron__summary").inner_text()
    assert neuron.get_by_label("Bias b", exact=True).input_value() == "-10"  # the slider followed
    # far beyond the drawn stretch of z, the point waits at the edge with a note
    box = neuron.get_by_label("Bias b, typed")
    box.fill("20")
    box.press("Enter")
    wait_until(page, "document.querySelector('.one-neuron__offchart')", 15)
    assert "z = 30.00 is off the chart" in neuron.locator(".one-neuron__offchart").text_content()
    for value, expected in [
        ("abc", "written in digits"),
        ("", "empty"),
        ("NaN", "written in digits"),
        ("Infinity", "written in digits"),
        ("-21", "at least -20"),
        ("1e9", "at most 20"),
        ("<img src=x onerror=alert(1)>", "too long"),
    ]:
        assert_refused(page, box, lambda: box.press("Enter"), value, expected)
    weight = neuron.get_by_label("Weight w₃, typed")
    assert_refused(page, weight, lambda: weight.press("Enter"), "11", "at most 10")
    a1 = neuron.get_by_label("Input a₁, typed")
    assert_refused(page, a1, lambda: a1.press("Enter"), "1.5", "at most 1")
    assert_refused(page, a1, lambda: a1.press("Enter"), "-0.1", "at least 0")
    neuron.get_by_role("button", name="Reset").click()
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - 0.6) < 1e-9", 15)
    assert box.get_attribute("aria-invalid") == "false" and a1.get_attribute("aria-invalid") == "false"

    # ---- count the knobs
    wait_until(page, f"{js_demo('count-knobs')}.dataset.parameters === '13002'", 15)
    assert (
        knobs.locator(".count-knobs__summary").inner_text()
        == "784-16-16-10: 12,960 weights + 42 biases = 13,002 knobs."
    )
    table = knobs.locator("table.count-knobs__table").inner_text()
    assert "784 × 16 = 12,544" in table and "16 × 16 = 256" in table and "16 × 10 = 160" in table
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
    knobs.get_by_role("button", name="Reset").click()
    wait_until(
        page, "document.querySelector('.count-knobs__summary').textContent.endsWith('= 13,002 knobs.')", 15
    )
    assert sizes.get_attribute("aria-invalid") == "false"

    # ---- weight pictures: 16 heat maps, a legend, one enlarged
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'shipped'", 15)
    tiles = pictures.locator(".weight-pictures__tile")
    assert tiles.count() == 16
    colours = page.evaluate("""() => [...document.querySelectorAll('.weight-pictures__canvas')].map(c => {
        const d = c.getContext('2d').getImageData(0, 0, 28, 28).data; let blue = 0, orange = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 2] > d[i] + 40) blue++; if (d[i] > d[i + 2] + 40) orange++; }
        return [blue, orange]; })""")
    assert all(blue > 20 and orange > 20 for blue, orange in colours)  # signed weights, both colours
    assert (
        "−" in pictures.locator(".heat-legend").inner_text()
        and "+" in pictures.locator(".heat-legend").inner_text()
    )
    shipped_scale = pictures.locator(".heat-legend__end").last.inner_text()
    tiles.nth(5).click()
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 6 of hidden layer 1"
    assert (
        tiles.nth(5).get_attribute("aria-checked") == "true"
        and tiles.nth(0).get_attribute("aria-checked") == "false"
    )
    assert "Neuron 6's 784 trained incoming weights" in pictures.locator(
        "canvas.weight-pictures__big"
    ).get_attribute("aria-label")
    tiles.nth(10).focus()
    page.keyboard.press("Enter")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 11 of hidden layer 1"
    # one tab stop for the 16 pictures; the arrow keys move between them, as laid out (4 a row)
    assert [t.get_attribute("tabindex") for t in tiles.all()].count("0") == 1
    page.keyboard.press("ArrowRight")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 12 of hidden layer 1"
    page.keyboard.press("ArrowDown")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 16 of hidden layer 1"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Neuron 16"
    page.keyboard.press("Home")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 1 of hidden layer 1"
    tiles.nth(10).click()
    before = page.evaluate(
        "Array.from(document.querySelector('canvas.weight-pictures__big').getContext('2d').getImageData(0,0,28,28).data.slice(0,400))"
    )
    pictures.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'random'", 15)
    assert pictures.locator(".weight-pictures__note").inner_text().startswith("Random weights")
    assert pictures.locator(".heat-legend__end").last.inner_text() != shipped_scale
    after = page.evaluate(
        "Array.from(document.querySelector('canvas.weight-pictures__big').getContext('2d').getImageData(0,0,28,28).data.slice(0,400))"
    )
    assert before != after

    # ---- to lesson 3 by the navigation and back: every demo works on both pages. (With
    # mkdocs-material's instant navigation the page is swapped in place and the warm
    # runtime is reused; without it, each page boots its own.)
    page.evaluate("window.__samePage = true")
    page.click("a.md-nav__link[href$='03-cost/']")
    wait_for_path(page, L3)
    wait_until(page, f"{js_demo('score-guess')} && {js_demo('score-guess')}.dataset.cost", 90)
    instant = page.evaluate("window.__samePage === true")
    page.go_back()
    wait_for_path(page, L2)
    wait_until(
        page, f"{js_demo('count-knobs')} && {js_demo('count-knobs')}.dataset.parameters === '13002'", 90
    )
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z && {js_demo('weight-pictures')}.dataset.network", 30)
    print(f"navigation between lessons 2 and 3 was {'instant' if instant else 'a full page load'}")
