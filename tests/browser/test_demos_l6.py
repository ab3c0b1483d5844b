"""Lesson 6's demos, driven as a reader would in headless Chromium on the real Pyodide:
the chain-rule calculator and the gradient check."""

import json
import math
import re
import time

import pytest

from tests.conftest import wait_until
from tests.browser.demo_helpers import calls_sent, message_for, number, open_demo, refuse_everything, wait_live

pytestmark = pytest.mark.browser

LESSON = "/lessons/06-backpropagation-calculus/"
CHAIN = "document.querySelector('.demo[data-demo=chain-rule]')"
CHECK = "document.querySelector('.demo[data-demo=gradient-check]')"


def shown(demo, name):
    """The number an <output data-name=…> shows, as the reader reads it."""
    return number(demo.locator(f"output[data-name={name}]").first.inner_text())


def test_chain_rule_calculator(page, server):
    demo = open_demo(page, server, LESSON, "chain-rule")
    started = time.monotonic()
    first = json.loads(wait_until(page, f"{CHAIN}.dataset.result", 60))
    wait_live(page)  # the first result may be the build's preview
    print(f"chain-rule: page open to first result {time.monotonic() - started:.2f} s (runtime prefetched on view)")
    # the worked case, as the page shows it: a ≈ 0.6225, σ′ ≈ 0.2350, ∂C/∂w ≈ −0.0887, ∂C/∂a_prev ≈ −0.0444
    assert (first["a_prev"], first["w"], first["b"], first["y"]) == (1, 0.5, 0, 1)

    def check_worked_case():
        assert demo.locator("output[data-name=a]").inner_text() == "0.6225"
        assert demo.locator("output[data-name=da_dz]").inner_text() == "0.2350"
        assert demo.locator("output[data-name=dc_dw]").inner_text() == "−0.0887"
        assert demo.locator("output[data-name=dc_da_prev]").inner_text() == "−0.0444"
        assert demo.locator("output[data-name=dc_db]").inner_text() == "−0.0887"
        assert demo.locator("output[data-name=z]").inner_text() == "0.5000"
        assert demo.locator("output[data-name=dz_dw]").inner_text() == "1.0000"
        assert demo.locator("output[data-name=dc_da]").inner_text() == "−0.3775"
        assert "1.0000 × 0.2350 × (−0.3775)" in demo.locator("[data-name=dc_dw_working]").inner_text()
    check_worked_case()

    # move w with the keyboard on its slider: the text field and every number follow
    slider = demo.get_by_label("w, slider")
    slider.focus()
    for _ in range(10):
        slider.press("ArrowRight")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).w === 0.6", 10)
    assert demo.get_by_label("w, the weight", exact=True).input_value() == "0.6"
    assert shown(demo, "z") == pytest.approx(0.6)
    a = 1 / (1 + math.exp(-0.6))
    assert shown(demo, "a") == pytest.approx(a, abs=1e-4)
    assert shown(demo, "dc_dw") == pytest.approx(a * (1 - a) * (a - 1), abs=1e-4)  # a nearer 1: a smaller slope
    for _ in range(10):
        slider.press("ArrowLeft")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).w === 0.5", 10)
    check_worked_case()

    # type other values, then the worked case again
    for label, value in (("a prev, the previous activation", "0.2"), ("b, the bias", "-3"), ("y, the desired output", "0")):
        demo.get_by_label(label, exact=True).fill(value)
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).b === -3", 10)
    assert demo.get_by_label("b, slider").input_value() == "-3"
    assert "saturated" not in demo.locator(".chain-rule__note:visible").all_inner_texts()
    demo.get_by_label("b, the bias", exact=True).fill("-8")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).b === -8", 10)
    assert "the neuron is saturated" in demo.locator(".chain-rule__note").first.inner_text()
    for label, value in (("a prev, the previous activation", "1"), ("b, the bias", "0"), ("y, the desired output", "1")):
        demo.get_by_label(label, exact=True).fill(value)
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).y === 1 && JSON.parse({CHAIN}.dataset.result).b === 0", 10)
    check_worked_case()

    # nudge w by 0.001: the actual ΔC beside the slope × 0.001
    demo.get_by_role("button", name="Nudge w by 0.001").click()
    panel = demo.locator(".chain-rule__nudge")
    panel.wait_for(state="visible")
    actual = number(panel.locator("output[data-name=actual]").inner_text())
    predicted = number(panel.locator("output[data-name=predicted]").inner_text())
    assert predicted == pytest.approx(-0.0887e-3, abs=1e-7)
    assert actual == pytest.approx(predicted, rel=2e-3)
    assert "w goes from 0.5000 to 0.5010" in panel.inner_text()

    # nonsense in every field: a message beside it, nothing sent, the numbers kept
    first = page.evaluate(f"{CHAIN}.dataset.result")
    ranges = {
        "a prev, the previous activation": [("-0.1", "at least 0"), ("1.5", "at most 1")],
        "w, the weight": [("-11", "at least -10"), ("1e6", "at most 10")],
        "b, the bias": [("10.5", "at most 10")],
        "y, the desired output": [("-1", "at least 0"), ("2", "at most 1")],
    }
    for label, extra in ranges.items():
        field = demo.get_by_label(label, exact=True)
        refuse_everything(page, demo, field, extra)
        assert "Fix the highlighted value" in demo.locator(".demo__status").inner_text()
        assert page.evaluate(f"{CHAIN}.dataset.result") == first  # the numbers stay those of the last good values
        field.fill("0.5")
        field.press("Tab")
        assert field.get_attribute("aria-invalid") == "false" and message_for(page, field) == ""
        key = label.split(",")[0].replace(" ", "_")   # "a prev" is a_prev in the code
        first = wait_until(page, f"JSON.parse({CHAIN}.dataset.result).{key} === 0.5 && {CHAIN}.dataset.result", 10)
    # still working: a value typed after all that gives its answer
    before = calls_sent(page)
    demo.get_by_label("w, the weight", exact=True).fill("2")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).w === 2", 10)
    assert calls_sent(page) > before


def test_gradient_check(page, server):
    demo = open_demo(page, server, LESSON, "gradient-check")
    first = json.loads(wait_until(page, f"{CHECK}.dataset.check", 60))
    wait_live(page)  # the first result may be the build's preview
    assert first["relative"] < 1e-6
    numbers = demo.locator(".gradient-check__results dd")
    assert number(numbers.nth(0).inner_text()) == pytest.approx(first["backprop"])
    assert number(numbers.nth(1).inner_text()) == pytest.approx(first["numeric"])
    assert "They agree to about" in demo.locator(".gradient-check__verdict").inner_text()
    assert len(demo.locator(".gradient-check__same").first.inner_text()) >= 8  # the digits both share are marked

    # click a link of the network: its weight is chosen (layer 1, from input 4 to hidden 3)
    demo.locator("line.gradient-check__hit[data-layer='1'][data-j='3'][data-k='4']").click()
    result = json.loads(wait_until(page, f"{CHECK}.dataset.check.includes('\"k\":4') && {CHECK}.dataset.check", 30))
    assert (result["kind"], result["layer"], result["j"], result["k"]) == ("weight", 1, 3, 4)
    assert demo.get_by_label(re.compile("^Layer l")).input_value() == "1" and demo.get_by_label(re.compile("^k, neuron")).input_value() == "4"
    assert "network.weights[0][2, 3]" in demo.locator(".gradient-check__knob").inner_text()
    assert result["relative"] < 1e-6
    # click a neuron: its bias
    demo.locator("circle.gradient-check__neuron--live").nth(3).click()  # layer 2, neuron 1
    result = json.loads(wait_until(page, f"{CHECK}.dataset.check.includes('bias') && {CHECK}.dataset.check", 30))
    assert (result["layer"], result["j"], result["k"]) == (2, 1, None)
    assert demo.get_by_label(re.compile("^k, neuron")).is_hidden()

    # a tiny h: rounding spoils the agreement, and the page says why
    h = demo.get_by_label(re.compile("^Step h"))
    h.fill("1e-12")
    h.press("Tab")
    tiny = json.loads(wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1e-12 && {CHECK}.dataset.check", 30))
    assert tiny["relative"] > 100 * result["relative"]
    assert "h is tiny" in demo.locator(".gradient-check__verdict").inner_text()
    # the h slider, by keyboard: End is h = 1, far too large
    slider = demo.get_by_label("h, slider in powers of ten")
    slider.focus()
    slider.press("End")
    large = json.loads(wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1 && {CHECK}.dataset.check", 30))
    assert h.input_value() == "1"
    assert large["relative"] > 100 * result["relative"]
    assert "h is large" in demo.locator(".gradient-check__verdict").inner_text()
    for _ in range(10):
        slider.press("ArrowLeft")  # 0.5 a press: h = 10⁻⁵
    good = json.loads(wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1e-5 && {CHECK}.dataset.check", 30))
    assert good["relative"] < 1e-6 and h.input_value() == "1e-5"
    # the sweep chart shows the whole curve and the reader's h on it
    # its text alternative describes the curve in rounded powers of ten, not single points
    label = demo.locator("svg.chart__svg").get_attribute("aria-label")
    assert "the relative difference falls from about " in label and "to its lowest, about 10" in label, label
    assert "then rises again" in label and "Your h, 1.0 × 10⁻⁵, gives" in label, label
    assert not re.search(r"10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+\.[\d⁰¹²³⁴⁵⁶⁷⁸⁹]", label) and not re.search(r"\d\.\d{4,}", label), label

    # back to a weight (by keyboard on the radio buttons: the k field comes back)
    demo.get_by_role("radio", name="a bias").focus()
    page.keyboard.press("ArrowUp")
    assert demo.get_by_role("radio", name="a weight").is_checked()
    demo.get_by_label(re.compile("^k, neuron")).wait_for(state="visible")

    # nonsense in every field
    layer = demo.get_by_label(re.compile("^Layer l"))
    refuse_everything(page, demo, layer, [("0", "at least 1"), ("3", "at most 2"), ("1.5", "whole number"), ("-1", "at least 1")])

    def fix(field, value, check):
        field.fill(value)
        field.press("Tab")
        wait_until(page, f"JSON.parse({CHECK}.dataset.check).{check}", 30)
        page.wait_for_timeout(300)

    fix(layer, "2", "layer === 2")
    j = demo.get_by_label(re.compile("^j, neuron"))
    refuse_everything(page, demo, j, [("0", "at least 1"), ("3", "Layer 2 has 2 neurons"), ("5", "at most 4")])
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
    refuse_everything(page, demo, h, [("0", "at least 1e-12"), ("-1e-5", "at least 1e-12"), ("2", "at most 1"), ("1e-13", "at least")])
    # pressing Check with a bad value explains it too, and sends nothing
    before = calls_sent(page)
    h.fill("tiny")
    demo.get_by_role("button", name="Check").click()
    assert "Fix the highlighted value" in demo.locator(".demo__status").inner_text()
    assert calls_sent(page) == before
    # and after all that, a good choice still checks
    h.fill("1e-6")
    demo.get_by_role("button", name="Check").click()
    result = json.loads(wait_until(page, f"JSON.parse({CHECK}.dataset.check).h === 1e-6 && {CHECK}.dataset.check", 30))
    assert (result["layer"], result["j"], result["k"]) == (2, 1, 1) and result["relative"] < 1e-6
