"""The gradient check (lesson 6), driven as a reader would in headless Chromium on the real
self-hosted Pyodide."""

import json
import re

import pytest

from tests.browser.demo_helpers import (
    calls_sent,
    message_for,
    number,
    open_demo,
    refuse_everything,
    wait_live,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


LESSON = "/lessons/06-backpropagation-calculus/"
CHECK = "document.querySelector('.demo[data-demo=gradient-check]')"


def test_gradient_check(page, server):
    demo = open_demo(page, server, LESSON, "gradient-check")
    first = json.loads(wait_until(page, f"{CHECK}.dataset.check", 60))
    wait_live(page)  # the first result may be the build's preview
    assert first["relative"] < 1e-6
    numbers = demo.locator(".gradient-check__results dd")
    assert number(numbers.nth(0).inner_text()) == pytest.approx(first["backprop"])
    assert number(numbers.nth(1).inner_text()) == pytest.approx(first["numeric"])
    assert "They agree to about" in demo.locator(".gradient-check__verdict").inner_text()
    assert (
        len(demo.locator(".gradient-check__same").first.inner_text()) >= 8
    )  # the digits both share are marked

    # click a link of the network: its weight is chosen (layer 1, from input 4 to hidden 3)
    demo.locator("line.gradient-check__hit[data-layer='1'][data-j='3'][data-k='4']").click()
    result = json.loads(
        wait_until(page, f"{CHECK}.dataset.check.includes('\"k\":4') && {CHECK}.dataset.check", 30)
    )
    assert (result["kind"], result["layer"], result["j"], result["k"]) == ("weight", 1, 3, 4)
    assert (
        demo.get_by_label(re.compile("^Layer l")).input_value() == "1"
        and demo.get_by_label(re.compile("^k, neuron")).input_value() == "4"
    )
    assert "network.weights[0][2, 3]" in demo.locator(".gradient-check__knob").inner_text()
    assert result["relative"] < 1e-6
    # click a neuron: its bias
    demo.locator("circle.gradient-check__neuron--live").nth(3).click()  # layer 2, neuron 1
    result = json.loads(
        wait_until(page, f"{CHECK}.dataset.check.includes('bias') && {CHECK}.dataset.check", 30)
    )
    assert (result["layer"], result["j"], result["k"]) == (2, 1, None)
    assert demo.get_by_label(re.compile("^k, neuron")).is_hidden()

    # a tiny h: rounding spoils the agreement, and the page says why
    h = demo.get_by_label(re.compile("^Step h"))
    h.fill("1e-12")
    h.press("Tab")
    tiny = json.loads(
        wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1e-12 && {CHECK}.dataset.check", 30)
    )
    assert tiny["relative"] > 100 * result["relative"]
    assert "h is tiny" in demo.locator(".gradient-check__verdict").inner_text()
    # the h slider, by keyboard: End is h = 1, far too large
    slider = demo.get_by_label("h, slider in powers of ten")
    slider.focus()
    slider.press("End")
    large = json.loads(
        wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1 && {CHECK}.dataset.check", 30)
    )
    assert h.input_value() == "1"
    assert large["relative"] > 100 * result["relative"]
    assert "h is large" in demo.locator(".gradient-check__verdict").inner_text()
    for _ in range(10):
        slider.press("ArrowLeft")  # 0.5 a press: h = 10⁻⁵
    good = json.loads(
        wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1e-5 && {CHECK}.dataset.check", 30)
    )
    assert good["relative"] < 1e-6 and h.input_value() == "1e-5"
    # the sweep chart shows the whole curve and the reader's h on it
    # its text alternative describes the curve in rounded powers of ten, not single points
    label = demo.locator("svg.chart__svg").get_attribute("aria-label")
    assert "the relative difference falls from about " in label and "to its lowest, about 10" in label, label
    assert "then rises again" in label and "Your h, 1.0 × 10⁻⁵, gives" in label, label
    assert not re.search(r"10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+\.[\d⁰¹²³⁴⁵⁶⁷⁸⁹]", label) and not re.search(
        r"\d\.\d{4,}", label
    ), label

    # back to a weight (by keyboard on the radio buttons: the k field comes back)
    demo.get_by_role("radio", name="a bias").focus()
    page.keyboard.press("ArrowUp")
    assert demo.get_by_role("radio", name="a weight").is_checked()
    demo.get_by_label(re.compile("^k, neuron")).wait_for(state="visible")

    # nonsense in every field
    layer = demo.get_by_label(re.compile("^Layer l"))
    refuse_everything(
        page,
        demo,
        layer,
        [("0", "at least 1"), ("3", "at most 2"), ("1.5", "whole number"), ("-1", "at least 1")],
    )

    def fix(field, value, check):
        field.fill(value)
        field.press("Tab")
        wait_until(page, f"JSON.parse({CHECK}.dataset.check).{check}", 30)
        page.wait_for_timeout(300)

    fix(layer, "2", "layer === 2")
    j = demo.get_by_label(re.compile("^j, neuron"))
    refuse_everything(
        page, demo, j, [("0", "at least 1"), ("3", "Layer 2 has 2 neurons"), ("5", "at most 4")]
    )
    # a j the layer doesn't have stays highlighted after the field is left (the shell's own
    # check on leaving must not clear it), and a change of layer checks j again
    j.fill("3")
    j.press("Tab")
    page.wait_for_timeout(400)
    assert j.get_attribute("aria-invalid") == "true" and "Layer 2 has 2 neurons" in message_for(page, j)
    layer.fill("1")
    assert j.get_attribute("aria-invalid") == "false"
    layer.fill("2")
    assert j.get_attribute("aria-invalid") == "true"
    fix(j, "1", "j === 1")
    k = demo.get_by_label(re.compile("^k, neuron"))
    refuse_everything(page, demo, k, [("4", "Layer 1 has 3 neurons")])
    fix(k, "1", "k === 1")
    h = demo.get_by_label(re.compile("^Step h"))
    refuse_everything(
        page,
        demo,
        h,
        [("0", "at least 1e-12"), ("-1e-5", "at least 1e-12"), ("2", "at most 1"), ("1e-13", "at least")],
    )
    # pressing Check with a bad value explains it too, and sends nothing
    before = calls_sent(page)
    h.fill("tiny")
    demo.get_by_role("button", name="Check").click()
    assert "Fix the highlighted value" in demo.locator(".demo__status").inner_text()
    assert calls_sent(page) == before
    # and after all that, a good choice still checks
    h.fill("1e-6")
    demo.get_by_role("button", name="Check").click()
    result = json.loads(
        wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1e-6 && {CHECK}.dataset.check", 30)
    )
    assert (result["layer"], result["j"], result["k"]) == (2, 1, 1) and result["relative"] < 1e-6
