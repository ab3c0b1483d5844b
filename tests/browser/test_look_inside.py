"""Look inside (lesson 1), driven as a reader would in headless Chromium on the real
self-hosted Pyodide: drawing, the image picker, the numbers, and nonsense in every field."""

import re

import pytest

from tests.browser.demo_helpers import (
    CALLS,
    L1,
    WHOLE_NUMBER_NONSENSE,
    assert_refused,
    demo_of,
    js_demo,
    open_lesson,
    wait_live,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def draw(page, canvas, points, steps=4):
    """Draw one stroke through points given as fractions of the canvas, as fast as a mouse
    can. Returns the pointer events sent and the most requests the runtime held at once."""
    page.evaluate("""() => import('/assets/js/runtime/client.js').then(m => {
        const runtime = m.getRuntime(); window.__mostInFlight = 0;
        window.__watch = setInterval(() => { window.__mostInFlight = Math.max(window.__mostInFlight, runtime.jobs.size); }, 2);
    })""")
    box = canvas.bounding_box()
    at = lambda p: (box["x"] + p[0] * box["width"], box["y"] + p[1] * box["height"])
    page.mouse.move(*at(points[0]))
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*at(point), steps=steps)
    page.mouse.up()
    events = 2 + steps * (len(points) - 1)
    return events, page.evaluate("() => window.__mostInFlight")


def grid_inputs(page):
    """The 28 × 28 input grid as drawn on its canvas: the ink (0–1) of each cell, read
    from a grey pixel inside it (the fitted box and the centre-of-mass cross are coloured)."""
    return page.evaluate("""() => {
        const c = document.querySelector('canvas.look-inside__grid'), g = c.getContext('2d');
        const cell = c.width / 28, d = g.getImageData(0, 0, c.width, c.height).data, out = [];
        for (let r = 0; r < 28; r++) for (let k = 0; k < 28; k++) {
            let ink = null;
            for (const [dx, dy] of [[0.5, 0.5], [0.3, 0.7], [0.7, 0.3], [0.7, 0.7], [0.3, 0.3]]) {
                const i = (Math.floor((r + dy) * cell) * c.width + Math.floor((k + dx) * cell)) * 4;
                if (Math.abs(d[i] - d[i + 1]) < 6 && Math.abs(d[i + 1] - d[i + 2]) < 6) { ink = 1 - d[i + 1] / 255; break; }
            }
            out.push(ink ?? 0);
        }
        return out; }""")


def test_look_inside(page, server):
    open_lesson(page, server, L1, ["look-inside"])
    demo = demo_of(page, "look-inside")
    # Before anything is clicked, the demo shows held-out image 0 once the runtime is up.
    wait_until(page, f"{js_demo('look-inside')}.dataset.guess", 90)
    wait_live(page)  # the first image may be the build's preview
    assert demo.locator(".look-inside__guess").inner_text().startswith("Guess: ")
    assert re.match(r"The image is a \d: (right|wrong)\.", demo.locator(".look-inside__verdict").inner_text())
    assert demo.locator(".look-inside__cell").count() == 32
    values = demo.locator(".look-inside__value").all_inner_texts()
    assert all(re.fullmatch(r"[01]\.\d\d", v) for v in values)
    assert "neuron 5" in demo.locator(".look-inside__cell").nth(4).get_attribute("title")
    assert demo.locator(".bars__item").count() == 10
    assert sum(v > 0.5 for v in grid_inputs(page)) > 40

    # Next (by keyboard), Previous, and typing a number
    demo.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    wait_until(
        page,
        "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 1,')",
        15,
    )
    demo.get_by_role("button", name="Previous").click()
    wait_until(
        page,
        "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 0,')",
        15,
    )
    field = demo.get_by_label("Held-out image (0–999)")
    field.fill("42")
    field.press("Enter")
    wait_until(
        page,
        "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 42,')",
        15,
    )
    trained = demo.locator(".bars__value").all_inner_texts()

    # Random weights: same image, different (meaningless) answer
    demo.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js_demo('look-inside')}.dataset.weights === 'random'", 15)
    assert "random weights" in demo.locator(".look-inside__verdict").inner_text()
    assert demo.locator(".bars__value").all_inner_texts() != trained
    demo.get_by_label("Trained weights").check()
    wait_until(page, f"{js_demo('look-inside')}.dataset.weights === 'shipped'", 15)

    # Nonsense in the image number: a message beside it, nothing sent, the demo still works
    for value, expected in WHOLE_NUMBER_NONSENSE + [("1000", "at most 999")]:
        assert_refused(page, field, lambda: field.press("Enter"), value, expected)
    demo.get_by_role("button", name="Next").click()  # carries on from the last good image
    wait_until(
        page,
        "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 43,')",
        15,
    )
    assert field.get_attribute("aria-invalid") == "false"

    # Draw a small 1 in the top-left corner: fitted, centred and read as a 1, live
    calls = page.evaluate(CALLS)
    announced = int(page.evaluate(f"{js_demo('look-inside')}.dataset.announced || 0"))
    events, most_in_flight = draw(
        page,
        demo.locator("canvas.look-inside__pad"),
        [(0.2, 0.08), (0.2, 0.2), (0.19, 0.3), (0.19, 0.42)],
        steps=10,
    )
    wait_until(page, f"{js_demo('look-inside')}.dataset.source === 'drawing'", 15)
    wait_until(
        page,
        "import('/assets/js/runtime/client.js').then(m => window.__busy = m.getRuntime().jobs.size) "
        "&& window.__busy === 0",
        15,
    )
    most_in_flight = max(
        most_in_flight, page.evaluate("() => (clearInterval(window.__watch), window.__mostInFlight)")
    )
    sent = page.evaluate(CALLS) - calls
    print(f"drawing: {events} pointer events, {sent} requests, at most {most_in_flight} in flight")
    assert 1 <= sent <= events  # coalesced: at most one request an event...
    assert most_in_flight <= 1  # ...and never more than one at a time
    assert demo.locator(".look-inside__caption").first.inner_text() == "Your drawing"
    assert demo.locator(".look-inside__guess").inner_text() == "Guess: 1"
    # the guess is said aloud once, when the stroke ends (not at every answer during it),
    # and the image field no longer names a held-out image
    wait_until(page, f"{js_demo('look-inside')}.dataset.final === 'true'", 15)
    assert int(page.evaluate(f"{js_demo('look-inside')}.dataset.announced")) == announced + 1
    assert demo.locator(".demo__sr[aria-live]").inner_text().startswith("Guess: 1.")
    assert demo.locator(".look-inside__guess").get_attribute("aria-live") is None
    assert field.input_value() == "" and field.get_attribute("placeholder") == "—"
    assert field.get_attribute("aria-invalid") == "false"
    note = demo.locator(".look-inside__note").inner_text()
    assert "fitted into a" in note and "× 20 box" in note and "centre of mass" in note
    inputs = grid_inputs(page)
    ink = [(r, k, inputs[r * 28 + k]) for r in range(28) for k in range(28) if inputs[r * 28 + k] > 0.02]
    mass = sum(v for _, _, v in ink)
    row = sum(r * v for r, _, v in ink) / mass
    rows = [r for r, _, _ in ink]
    assert max(rows) - min(rows) + 1 == 20  # the digit's height is the 20-pixel box
    assert abs(row - 14) < 1.0  # its mass is centred (pixel 14, counting from 0)

    # Drawing by keyboard: the arrow keys move the pen, Space puts it down and lifts it
    demo.get_by_role("button", name="Clear").click()
    pad = demo.locator("canvas.look-inside__pad")
    pad.focus()
    assert demo.locator(".look-inside__pen").is_visible()
    for _ in range(6):
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    for _ in range(12):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    wait_until(
        page,
        f"{js_demo('look-inside')}.dataset.final === 'true' && {js_demo('look-inside')}.dataset.guess === '1'",
        15,
    )
    assert sum(v > 0.5 for v in grid_inputs(page)) > 20  # a stroke, fitted into the box
    assert demo.locator(".look-inside__caption").first.inner_text() == "Your drawing"
    page.keyboard.press("Delete")
    assert demo.locator(".look-inside__guess").inner_text() == ""

    # Clear empties the pad; picking an image afterwards shows it again
    demo.get_by_role("button", name="Clear").click()
    assert "Draw a digit" in demo.locator(".look-inside__caption").first.inner_text()
    assert demo.locator(".look-inside__guess").inner_text() == ""
    demo.get_by_role("button", name="Random").click()
    wait_until(
        page, "/^Held-out image \\d+,/.test(document.querySelector('.look-inside__caption').textContent)", 15
    )
    # every number is also in the table behind "The numbers"
    demo.locator(".demo__numbers summary").click()
    assert demo.locator(".look-inside__table").first.locator("tbody tr").count() == 16
    assert demo.locator(".look-inside__table").nth(1).locator("tbody tr").count() == 10
