"""One neuron (lesson 2), driven as a reader would: the defaults, the sliders by keyboard,
typed values, the lesson's experiment (b = −10, every input 1, then the weights up until
the dot passes 0.5), nonsense in every box, Reset. Every z and a the page shows is
checked against pylib's one_neuron, and the dot against where those numbers put it."""

import pytest

from tests.browser.demo_helpers import L2, assert_refused, demo_of, js_demo, number, open_lesson, wait_live
from tests.conftest import demo_call, wait_until

pytestmark = pytest.mark.browser

SUB = "₁₂₃"
# The chart's frame (CHART in demos/one-neuron.js): z from −10 to 10 across, a from 0 to 1 up.
LEFT, RIGHT, TOP, BOTTOM, WIDTH, HEIGHT = 40, 14, 14, 34, 340, 200


def knob_values(neuron):
    """The seven knobs as their sliders hold them (a refused typed value leaves its slider,
    and the neuron, as they were; every value this file types lies on its slider's step)."""
    read = lambda label: float(neuron.get_by_label(label, exact=True).input_value())
    return {
        "activations": [read(f"Input a{SUB[i]}") for i in range(3)],
        "weights": [read(f"Weight w{SUB[i]}") for i in range(3)],
        "bias": read("Bias b"),
    }


def shows_pylibs_numbers(page, neuron):
    """The page's z, a, terms, summary and dot are pylib's for the knobs' values."""
    expected = demo_call("one_neuron", knob_values(neuron))
    z, a = expected["weighted_input"], expected["activation"]
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - ({z})) < 1e-9", 15)
    assert float(neuron.get_attribute("data-a")) == pytest.approx(a, rel=1e-12, abs=1e-15)
    rows = neuron.locator("table.one-neuron__sum tbody tr")
    for i, term in enumerate(expected["terms"]):
        assert rows.nth(i).locator("th").inner_text() == f"w{SUB[i]}a{SUB[i]}"
        shown = rows.nth(i).locator(".one-neuron__num").inner_text()
        assert number(shown.removeprefix("= ")) == pytest.approx(term, abs=0.005), (i, shown)
    assert number(rows.nth(4).locator(".one-neuron__num").inner_text().removeprefix("= ")) == pytest.approx(
        z, abs=0.005
    )
    summary = neuron.locator(".one-neuron__summary").inner_text()
    assert summary.startswith(f"z = {z:.2f}".replace("-", "−")), summary
    if 0.001 <= a <= 0.999:
        assert f"a = σ(z) = {a:.3f}" in summary, summary
    # the dot sits at (z, a) on the chart (at the edge when z is off it)
    cx, cy = (
        float(v)
        for v in neuron.locator(".one-neuron__point circle").evaluate(
            "c => [c.getAttribute('cx'), c.getAttribute('cy')]"
        )
    )
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    assert cx == pytest.approx(LEFT + (min(10, max(-10, z)) + 10) / 20 * inner_w, abs=0.01)
    assert cy == pytest.approx(TOP + (1 - a) * inner_h, abs=0.01)
    return expected


def test_one_neuron(page, server):
    open_lesson(page, server, L2, ["one-neuron"])
    neuron = demo_of(page, "one-neuron")
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z", 90)
    wait_live(page)  # the first results may be the build's previews

    # ---- the defaults give z = 2 − 0.5 + 0.1 − 1 = 0.6
    default = shows_pylibs_numbers(page, neuron)
    assert default["weighted_input"] == pytest.approx(0.6)
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
    shows_pylibs_numbers(page, neuron)
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
    shows_pylibs_numbers(page, neuron)
    # far beyond the drawn stretch of z, the point waits at the edge with a note
    box = neuron.get_by_label("Bias b, typed")
    box.fill("20")
    box.press("Enter")
    wait_until(page, "document.querySelector('.one-neuron__offchart')", 15)
    assert "z = 30.00 is off the chart" in neuron.locator(".one-neuron__offchart").text_content()
    shows_pylibs_numbers(page, neuron)
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


def test_the_lessons_experiment_and_nonsense_in_every_box(page, server):
    """The lesson's invitation: b = −10 and every input at 1 (the dot barely leaves 0),
    then w₁ and w₃ turned up until the dot climbs past 0.5; all by keyboard. Then nonsense
    in each of the seven boxes: a message beside it, nothing sent, the rest keeps working."""
    open_lesson(page, server, L2, ["one-neuron"])
    neuron = demo_of(page, "one-neuron")
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z", 90)
    wait_live(page)

    box = neuron.get_by_label("Bias b, typed")
    box.fill("-10")
    box.press("Enter")
    for i in range(3):
        neuron.get_by_label(f"Input a{SUB[i]}", exact=True).focus()
        page.keyboard.press("End")  # the slider's top: 1
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z === '-8.5'", 15)
    off = shows_pylibs_numbers(page, neuron)
    assert off["activation"] < 0.001 and "almost off" in neuron.locator(".one-neuron__summary").inner_text()
    assert [neuron.get_by_label(f"Input a{SUB[i]}, typed").input_value() for i in range(3)] == ["1.00"] * 3

    neuron.get_by_label("Weight w₁", exact=True).focus()
    page.keyboard.press("End")  # w₁ = 10: z = −0.5, still below half on
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - (-0.5)) < 1e-9", 15)
    assert float(neuron.get_attribute("data-a")) < 0.5
    neuron.get_by_label("Weight w₃", exact=True).focus()
    presses = 0
    while float(neuron.get_attribute("data-a")) <= 0.5:
        assert presses < 20, "w₃ never lifted the dot past 0.5"
        page.keyboard.press("ArrowRight")
        presses += 1
        wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - ({-0.5 + 0.1 * presses})) < 1e-9", 15)
    assert presses == 6  # w₃ from 0.5 to 1.1: z = 10 − 1 + 1.1 − 10 = 0.1
    assert neuron.get_by_label("Weight w₃, typed").input_value() == "1.1"
    past = shows_pylibs_numbers(page, neuron)
    assert past["activation"] > 0.5

    # nonsense in every box: refused beside the box, nothing reaches Python, the numbers stay
    shown = neuron.locator(".one-neuron__summary").inner_text()
    for label in (
        [f"Input a{SUB[i]}" for i in range(3)] + [f"Weight w{SUB[i]}" for i in range(3)] + ["Bias b"]
    ):
        field = neuron.get_by_label(f"{label}, typed")
        before = field.input_value()
        for value, expected in [
            ("abc", "written in digits"),
            ("", "empty"),
            ("NaN", "written in digits"),
            ("0x10", "written in digits"),
            ("1e999", "finite"),
            ("99", "at most"),
            ("9" * 40, "too long"),
            ("<img src=x onerror=alert(1)>", "too long"),
        ]:
            assert_refused(page, field, lambda f=field: f.press("Enter"), value, expected)
        assert neuron.locator(".one-neuron__summary").inner_text() == shown
        assert page.locator("img[src=x]").count() == 0
        field.fill(before)  # put back: the box is valid again, and the same numbers show
        field.press("Enter")
        assert field.get_attribute("aria-invalid") == "false"
    # a refused box does not stop the others: the bias slider still works
    neuron.get_by_label("Input a₁, typed").fill("two")
    neuron.get_by_label("Input a₁, typed").press("Enter")
    neuron.get_by_label("Bias b", exact=True).focus()
    page.keyboard.press("ArrowLeft")
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - 0.0) < 1e-9", 15)
    assert neuron.get_by_label("Input a₁, typed").get_attribute("aria-invalid") == "true"
    shows_pylibs_numbers(page, neuron)
