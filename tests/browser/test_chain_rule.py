"""The chain-rule calculator (lesson 6), driven as a reader would in headless Chromium on
the real self-hosted Pyodide."""

import json
import math
import time

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
CHAIN = "document.querySelector('.demo[data-demo=chain-rule]')"


def shown(demo, name):
    """The number an <output data-name=…> shows, as the reader reads it."""
    return number(demo.locator(f"output[data-name={name}]").first.inner_text())


def test_chain_rule_calculator(page, server):
    demo = open_demo(page, server, LESSON, "chain-rule")
    started = time.monotonic()
    first = json.loads(wait_until(page, f"{CHAIN}.dataset.result", 60))
    wait_live(page)  # the first result may be the build's preview
    print(
        f"chain-rule: page open to first result {time.monotonic() - started:.2f} s (runtime prefetched on view)"
    )
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
    assert shown(demo, "dc_dw") == pytest.approx(
        a * (1 - a) * (a - 1), abs=1e-4
    )  # a nearer 1: a smaller slope
    for _ in range(10):
        slider.press("ArrowLeft")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).w === 0.5", 10)
    check_worked_case()

    # type other values, then the worked case again
    for label, value in (
        ("a prev, the previous activation", "0.2"),
        ("b, the bias", "-3"),
        ("y, the desired output", "0"),
    ):
        demo.get_by_label(label, exact=True).fill(value)
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).b === -3", 10)
    assert demo.get_by_label("b, slider").input_value() == "-3"
    assert "saturated" not in demo.locator(".chain-rule__note:visible").all_inner_texts()
    demo.get_by_label("b, the bias", exact=True).fill("-8")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).b === -8", 10)
    assert "the neuron is saturated" in demo.locator(".chain-rule__note").first.inner_text()
    for label, value in (
        ("a prev, the previous activation", "1"),
        ("b, the bias", "0"),
        ("y, the desired output", "1"),
    ):
        demo.get_by_label(label, exact=True).fill(value)
    wait_until(
        page, f"JSON.parse({CHAIN}.dataset.result).y === 1 && JSON.parse({CHAIN}.dataset.result).b === 0", 10
    )
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
        assert (
            page.evaluate(f"{CHAIN}.dataset.result") == first
        )  # the numbers stay those of the last good values
        field.fill("0.5")
        field.press("Tab")
        assert field.get_attribute("aria-invalid") == "false" and message_for(page, field) == ""
        key = label.split(",")[0].replace(" ", "_")  # "a prev" is a_prev in the code
        first = wait_until(
            page, f"JSON.parse({CHAIN}.dataset.result).{key} === 0.5 && {CHAIN}.dataset.result", 10
        )
    # still working: a value typed after all that gives its answer
    before = calls_sent(page)
    demo.get_by_label("w, the weight", exact=True).fill("2")
    wait_until(page, f"JSON.parse({CHAIN}.dataset.result).w === 2", 10)
    assert calls_sent(page) > before
