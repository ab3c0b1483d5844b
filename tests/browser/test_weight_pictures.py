"""Weight pictures (lesson 2), driven as a reader would: the 16 heat maps of hidden layer 1,
a neuron picked by click and by the arrow keys, the enlarged picture read cell by cell with
the pointer, the trained weights compared with the random ones. Every cell's colour, every
fact and read-out is checked against the weights pylib ships (weight_pictures, the rows of
W¹) and the colour scale of lib/heatmap.js."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from tests.browser.demo_helpers import L2, calls_sent, demo_of, js_demo, open_lesson, wait_live
from tests.conftest import demo_call, wait_until

pytestmark = pytest.mark.browser

# The light scheme's diverging scale (--nn-heat-* in course.css): orange, white, blue.
NEGATIVE, ZERO, POSITIVE = np.array([213, 94, 0]), np.array([255, 255, 255]), np.array([0, 114, 178])
CANVAS_PIXELS = "(c) => Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data)"


def heat_colours(weights, scale):
    """Each weight's colour, as heatColour() paints it: from white towards orange (negative)
    or blue (positive), saturating at ±scale."""
    t = np.clip(np.asarray(weights) / scale, -1, 1)[:, None]
    end = np.where(t < 0, NEGATIVE, POSITIVE)
    return np.floor(ZERO + (end - ZERO) * np.abs(t) + 0.5)  # Math.round


def pixels(canvas):
    return np.array(canvas.evaluate(CANVAS_PIXELS)).reshape(784, 4)


def js_fixed(value, decimals):
    """format.js's fixed(): toFixed (halves away from zero) with a real minus sign."""
    text = str(Decimal(abs(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return ("−" if value < 0 and float(text) != 0 else "") + text


def where(i):
    return f"row {i // 28 + 1}, column {i % 28 + 1}"


def shows_neuron(pictures, answer, j, kind):
    """The enlarged picture is neuron j's row of W¹, cell by cell; its title and facts
    are pylib's numbers."""
    row = np.array(answer["weights"][j])
    assert pictures.locator(".weight-pictures__title").inner_text() == f"Neuron {j + 1} of hidden layer 1"
    shown = pixels(pictures.locator("canvas.weight-pictures__big"))
    assert np.abs(shown[:, :3] - heat_colours(row, answer["scale"])).max() <= 1, j
    assert (shown[:, 3] == 255).all()
    lo, hi = int(np.argmin(row)), int(np.argmax(row))
    assert pictures.locator(".weight-pictures__facts").inner_text() == (
        f"Its 784 {kind} incoming weights run from {js_fixed(row[lo], 2)} ({where(lo)}) "
        f"to {js_fixed(row[hi], 2)} ({where(hi)}); its bias is {js_fixed(answer['biases'][j], 2)}."
    )


def test_weight_pictures(page, server, session):
    shipped = demo_call("weight_pictures", weights="shipped")
    random = demo_call("weight_pictures", weights="random")
    assert np.allclose(shipped["weights"], session.shipped.weights[0], atol=5e-5)  # the shipped W¹

    open_lesson(page, server, L2, ["weight-pictures"])
    pictures = demo_of(page, "weight-pictures")
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network", 90)
    wait_live(page)  # the first pictures may be the build's preview

    # ---- 16 heat maps, a legend, one enlarged
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'shipped'", 15)
    tiles = pictures.locator(".weight-pictures__tile")
    assert tiles.count() == 16
    colours = page.evaluate("""() => [...document.querySelectorAll('.weight-pictures__canvas')].map(c => {
        const d = c.getContext('2d').getImageData(0, 0, 28, 28).data; let blue = 0, orange = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 2] > d[i] + 40) blue++; if (d[i] > d[i + 2] + 40) orange++; }
        return [blue, orange]; })""")
    assert all(blue > 20 and orange > 20 for blue, orange in colours)  # signed weights, both colours
    # every cell of every small picture is its neuron's weight for that pixel, on the scale
    for j in range(16):
        shown = pixels(tiles.nth(j).locator("canvas"))
        assert np.abs(shown[:, :3] - heat_colours(shipped["weights"][j], shipped["scale"])).max() <= 1, j
        assert tiles.nth(j).locator(".weight-pictures__number").inner_text() == str(j + 1)
    assert (
        "−" in pictures.locator(".heat-legend").inner_text()
        and "+" in pictures.locator(".heat-legend").inner_text()
    )
    shipped_scale = pictures.locator(".heat-legend__end").last.inner_text()
    assert shipped_scale == f"+{shipped['scale']:.2f} or more"
    assert pictures.locator(".heat-legend__end").first.inner_text() == f"−{shipped['scale']:.2f} or less"
    assert pictures.locator(".weight-pictures__note").inner_text() == (
        f"Trained weights. Full colour means a weight of {js_fixed(shipped['scale'], 2)} or more either way "
        f"(99 in 100 weights are smaller); the largest is {js_fixed(shipped['largest'], 2)}."
    )
    shows_neuron(pictures, shipped, 0, "trained")

    # ---- pick a neuron: by click, then by keyboard (one tab stop, arrows as laid out)
    tiles.nth(5).click()
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 6 of hidden layer 1"
    assert (
        tiles.nth(5).get_attribute("aria-checked") == "true"
        and tiles.nth(0).get_attribute("aria-checked") == "false"
    )
    assert "Neuron 6's 784 trained incoming weights" in pictures.locator(
        "canvas.weight-pictures__big"
    ).get_attribute("aria-label")
    shows_neuron(pictures, shipped, 5, "trained")
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
    assert pictures.get_attribute("data-selected") == "16"
    shows_neuron(pictures, shipped, 15, "trained")
    page.keyboard.press("Home")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 1 of hidden layer 1"
    page.keyboard.press("End")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 16 of hidden layer 1"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 11 of hidden layer 1"
    assert [t.get_attribute("tabindex") for t in tiles.all()].index("0") == 10

    # ---- the pointer over the enlarged picture reads out the weight under it
    big = pictures.locator("canvas.weight-pictures__big")
    box = big.bounding_box()
    row = shipped["weights"][10]
    for r, c in [(0, 0), (13, 14), (27, 27), (int(np.argmax(row)) // 28, int(np.argmax(row)) % 28)]:
        page.mouse.move(box["x"] + (c + 0.5) * box["width"] / 28, box["y"] + (r + 0.5) * box["height"] / 28)
        readout = pictures.locator(".weight-pictures__readout")
        assert readout.inner_text() == f"Row {r + 1}, column {c + 1}: weight {js_fixed(row[r * 28 + c], 3)}"
    page.mouse.move(0, 0)
    assert pictures.locator(".weight-pictures__readout").inner_text() == ""

    # ---- the random weights training started from: other pictures, a smaller scale
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
    assert random["scale"] < 0.1 and random["scale"] < shipped["scale"]  # training grew the weights
    assert pictures.locator(".heat-legend__end").last.inner_text() == f"+{random['scale']:.3f} or more"
    shows_neuron(pictures, random, 10, "random")
    for j in (0, 15):
        shown = pixels(tiles.nth(j).locator("canvas"))
        assert np.abs(shown[:, :3] - heat_colours(random["weights"][j], random["scale"])).max() <= 1, j
    # and back: the trained pictures return (from the page's cache, no new request)
    sent = calls_sent(page)
    pictures.get_by_label("Trained weights").check()
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'shipped'", 15)
    shows_neuron(pictures, shipped, 10, "trained")
    assert calls_sent(page) == sent
