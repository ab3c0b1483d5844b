"""Lessons 1–3's demos driven as a reader would, in headless Chromium on the real
self-hosted Pyodide: look-inside (lesson 1); one-neuron, count-knobs and
weight-pictures (lesson 2); score-guess (lesson 3).

One page load a lesson (the Python runtime boots once per page), so each test walks
through everything its lesson's demos do, including nonsense typed into every field.
"""

import re
import time

import pytest

from tests.browser.demo_helpers import wait_live
from tests.conftest import wait_until

pytestmark = pytest.mark.browser

L1 = "/lessons/01-what-a-network-is/"
L2 = "/lessons/02-neurons-weights-biases/"
L3 = "/lessons/03-cost/"

CALLS = "import('/assets/js/runtime/client.js').then(m => m.getRuntime().callsSent)"

# What a reader might type into a number field, and a word the message must contain.
NONSENSE = [
    ("abc", "written in digits"),
    ("", "empty"),
    ("NaN", "written in digits"),
    ("Infinity", "written in digits"),
    ("-5", "at least"),
    ("1e9", "at most"),
    ("2.5", "whole number"),
    ("9" * 40, "too long"),
    ("<img src=x onerror=alert(1)>", "too long"),
]


def demo_of(page, name):
    return page.locator(f".demo[data-demo={name}]")


def js_demo(name):
    return f"document.querySelector('.demo[data-demo={name}]')"


def open_lesson(page, server, path, names):
    page.goto(server.url + path)
    for name in names:
        wait_until(page, f"{js_demo(name)} && {js_demo(name)}.dataset.ready", 20)
    # as a reader would: scroll to the demo, which then fetches the runtime
    page.locator(f".demo[data-demo={names[0]}]").scroll_into_view_if_needed()


def wait_for_path(page, path, timeout=30.0):
    """Wait until the page shows path, whether it got there by a full page load or by
    mkdocs-material's instant navigation (which swaps the page in place)."""
    deadline = time.monotonic() + timeout
    while not page.url.split("#")[0].endswith(path):
        assert time.monotonic() < deadline, f"still at {page.url}, not {path}"
        page.wait_for_timeout(100)
    page.wait_for_load_state()


def message_for(page, field):
    return page.locator("#" + field.get_attribute("aria-describedby").split()[0]).inner_text()


def assert_refused(page, field, submit, value, expected):
    """Type a value, submit it, and check the page explains and Python never hears of it."""
    before = page.evaluate(CALLS)
    field.fill(value)
    submit()
    assert field.get_attribute("aria-invalid") == "true", value
    text = message_for(page, field)
    assert expected in text, (value, text)
    assert page.evaluate(CALLS) == before, f"{value!r} reached Python"


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


# ------------------------------------------------------------------ lesson 1


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
    wait_until(page, "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 1,')", 15)
    demo.get_by_role("button", name="Previous").click()
    wait_until(page, "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 0,')", 15)
    field = demo.get_by_label("Held-out image (0–999)")
    field.fill("42")
    field.press("Enter")
    wait_until(page, "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 42,')", 15)
    trained = demo.locator(".bars__value").all_inner_texts()

    # Random weights: same image, different (meaningless) answer
    demo.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js_demo('look-inside')}.dataset.weights === 'random'", 15)
    assert "random weights" in demo.locator(".look-inside__verdict").inner_text()
    assert demo.locator(".bars__value").all_inner_texts() != trained
    demo.get_by_label("Trained weights").check()
    wait_until(page, f"{js_demo('look-inside')}.dataset.weights === 'shipped'", 15)

    # Nonsense in the image number: a message beside it, nothing sent, the demo still works
    for value, expected in NONSENSE + [("1000", "at most 999")]:
        assert_refused(page, field, lambda: field.press("Enter"), value, expected)
    demo.get_by_role("button", name="Next").click()  # carries on from the last good image
    wait_until(page, "document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image 43,')", 15)
    assert field.get_attribute("aria-invalid") == "false"

    # Draw a small 1 in the top-left corner: fitted, centred and read as a 1, live
    calls = page.evaluate(CALLS)
    announced = int(page.evaluate(f"{js_demo('look-inside')}.dataset.announced || 0"))
    events, most_in_flight = draw(page, demo.locator("canvas.look-inside__pad"),
                                  [(0.2, 0.08), (0.2, 0.2), (0.19, 0.3), (0.19, 0.42)], steps=10)
    wait_until(page, f"{js_demo('look-inside')}.dataset.source === 'drawing'", 15)
    wait_until(page, "import('/assets/js/runtime/client.js').then(m => window.__busy = m.getRuntime().jobs.size) "
                     "&& window.__busy === 0", 15)
    most_in_flight = max(most_in_flight, page.evaluate("() => (clearInterval(window.__watch), window.__mostInFlight)"))
    sent = page.evaluate(CALLS) - calls
    print(f"drawing: {events} pointer events, {sent} requests, at most {most_in_flight} in flight")
    assert 1 <= sent <= events          # coalesced: at most one request an event...
    assert most_in_flight <= 1          # ...and never more than one at a time
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
    assert max(rows) - min(rows) + 1 == 20       # the digit's height is the 20-pixel box
    assert abs(row - 14) < 1.0                   # its mass is centred (pixel 14, counting from 0)

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
    wait_until(page, f"{js_demo('look-inside')}.dataset.final === 'true' && {js_demo('look-inside')}.dataset.guess === '1'", 15)
    assert sum(v > 0.5 for v in grid_inputs(page)) > 20   # a stroke, fitted into the box
    assert demo.locator(".look-inside__caption").first.inner_text() == "Your drawing"
    page.keyboard.press("Delete")
    assert demo.locator(".look-inside__guess").inner_text() == ""

    # Clear empties the pad; picking an image afterwards shows it again
    demo.get_by_role("button", name="Clear").click()
    assert "Draw a digit" in demo.locator(".look-inside__caption").first.inner_text()
    assert demo.locator(".look-inside__guess").inner_text() == ""
    demo.get_by_role("button", name="Random").click()
    wait_until(page, "/^Held-out image \\d+,/.test(document.querySelector('.look-inside__caption').textContent)", 15)
    # every number is also in the table behind "The numbers"
    demo.locator(".demo__numbers summary").click()
    assert demo.locator(".look-inside__table").first.locator("tbody tr").count() == 16
    assert demo.locator(".look-inside__table").nth(1).locator("tbody tr").count() == 10


# ------------------------------------------------------------------ lesson 2


def test_lesson_2_demos_and_instant_navigation(page, server):
    open_lesson(page, server, L2, ["one-neuron", "count-knobs", "weight-pictures"])
    neuron, knobs, pictures = (demo_of(page, n) for n in ("one-neuron", "count-knobs", "weight-pictures"))

    # ---- one neuron: the defaults give z = 2 − 0.5 + 0.1 − 1 = 0.6
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z", 90)
    wait_live(page)  # the first results may be the build's previews
    assert float(neuron.get_attribute("data-z")) == pytest.approx(0.6)
    assert "z = 0.60, so the neuron's activation is a = σ(z) = 0.646" in neuron.locator(".one-neuron__summary").inner_text()
    assert "= 0.646" in neuron.locator(".one-neuron__sum").inner_text()
    # the bias slider moves with the arrow keys, 0.1 a press: ten presses raise z by 1
    bias = neuron.get_by_label("Bias b", exact=True)
    bias.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - 1.6) < 1e-9", 15)
    assert neuron.get_by_label("Bias b, typed").input_value() == "0.0"
    # typed values: with b = −10 the weighted sum must reach 10 for the neuron to be half on
    for label, value in [("Input a₁", "1"), ("Input a₂", "1"), ("Input a₃", "0"),
                         ("Weight w₁", "5"), ("Weight w₂", "5"), ("Bias b", "-10")]:
        box = neuron.get_by_label(f"{label}, typed")
        box.fill(value)
        box.press("Enter")
    wait_until(page, f"{js_demo('one-neuron')}.dataset.a === '0.5'", 15)
    assert "a = σ(z) = 0.500" in neuron.locator(".one-neuron__summary").inner_text()
    assert neuron.get_by_label("Bias b", exact=True).input_value() == "-10"   # the slider followed
    # far beyond the drawn stretch of z, the point waits at the edge with a note
    box = neuron.get_by_label("Bias b, typed")
    box.fill("20")
    box.press("Enter")
    wait_until(page, "document.querySelector('.one-neuron__offchart')", 15)
    assert "z = 30.00 is off the chart" in neuron.locator(".one-neuron__offchart").text_content()
    for value, expected in [("abc", "written in digits"), ("", "empty"), ("NaN", "written in digits"),
                            ("Infinity", "written in digits"), ("-21", "at least -20"), ("1e9", "at most 20"),
                            ("<img src=x onerror=alert(1)>", "too long")]:
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
    assert knobs.locator(".count-knobs__summary").inner_text() == "784-16-16-10: 12,960 weights + 42 biases = 13,002 knobs."
    table = knobs.locator("table.count-knobs__table").inner_text()
    assert "784 × 16 = 12,544" in table and "16 × 16 = 256" in table and "16 × 10 = 160" in table
    sizes = knobs.get_by_label("Layer sizes, input first")
    count = knobs.get_by_role("button", name="Count")
    for typed, total in [("784, 30, 10", "23,860"), ("784-100-10", "79,510"), ("784 16 16 10", "13,002")]:
        sizes.fill(typed)
        count.click()
        wait_until(page, f"document.querySelector('.count-knobs__summary').textContent.endsWith('= {total} knobs.')", 15)
    for value, expected in [("-3", "Give between 2 and 6"), ("784,-3,10", "at least 1"), ("784,1e9,10", "at most 100,000"),
                            ("abc", "Give between 2 and 6"), ("784,abc", "written in digits"), ("", "Type between 2 and 6"),
                            (",".join(["16"] * 50), "too long"), (",".join(["16"] * 7), "you gave 7"),
                            ("784,,10", "missing"), ("784,16.5,10", "whole number"), ("784,NaN", "written in digits"),
                            ("784,Infinity", "written in digits"), ("784,0", "at least 1"),
                            ("<img src=x onerror=alert(1)>", "written in digits")]:
        assert_refused(page, sizes, count.click, value, expected)
        assert "count-knobs__result--stale" in knobs.locator(".count-knobs__result").get_attribute("class")
    assert page.locator("img[src=x]").count() == 0
    knobs.get_by_role("button", name="Reset").click()
    wait_until(page, "document.querySelector('.count-knobs__summary').textContent.endsWith('= 13,002 knobs.')", 15)
    assert sizes.get_attribute("aria-invalid") == "false"

    # ---- weight pictures: 16 heat maps, a legend, one enlarged
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'shipped'", 15)
    tiles = pictures.locator(".weight-pictures__tile")
    assert tiles.count() == 16
    colours = page.evaluate("""() => [...document.querySelectorAll('.weight-pictures__canvas')].map(c => {
        const d = c.getContext('2d').getImageData(0, 0, 28, 28).data; let blue = 0, orange = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 2] > d[i] + 40) blue++; if (d[i] > d[i + 2] + 40) orange++; }
        return [blue, orange]; })""")
    assert all(blue > 20 and orange > 20 for blue, orange in colours)   # signed weights, both colours
    assert "−" in pictures.locator(".heat-legend").inner_text() and "+" in pictures.locator(".heat-legend").inner_text()
    shipped_scale = pictures.locator(".heat-legend__end").last.inner_text()
    tiles.nth(5).click()
    assert pictures.locator(".weight-pictures__title").inner_text() == "Neuron 6 of hidden layer 1"
    assert tiles.nth(5).get_attribute("aria-checked") == "true" and tiles.nth(0).get_attribute("aria-checked") == "false"
    assert "Neuron 6's 784 trained incoming weights" in pictures.locator("canvas.weight-pictures__big").get_attribute("aria-label")
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
    before = page.evaluate("Array.from(document.querySelector('canvas.weight-pictures__big').getContext('2d').getImageData(0,0,28,28).data.slice(0,400))")
    pictures.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'random'", 15)
    assert pictures.locator(".weight-pictures__note").inner_text().startswith("Random weights")
    assert pictures.locator(".heat-legend__end").last.inner_text() != shipped_scale
    after = page.evaluate("Array.from(document.querySelector('canvas.weight-pictures__big').getContext('2d').getImageData(0,0,28,28).data.slice(0,400))")
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
    wait_until(page, f"{js_demo('count-knobs')} && {js_demo('count-knobs')}.dataset.parameters === '13002'", 90)
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z && {js_demo('weight-pictures')}.dataset.network", 30)
    print(f"navigation between lessons 2 and 3 was {'instant' if instant else 'a full page load'}")


# ------------------------------------------------------------------ lesson 3


def test_score_guess_and_retry_after_the_runtime_fails(page, server, faults, build_stats):
    # The runtime cannot load (its first file is missing): the demo says so, keeps its description, offers Retry.
    faults.set("pyodide.mjs", "missing")
    page.watch.allow_errors("404", "Failed to load resource")
    open_lesson(page, server, L3, ["score-guess"])
    demo = demo_of(page, "score-guess")
    wait_until(page, "document.querySelector('.demo__runtime--failed')", 60)
    assert "press Retry" in demo.locator(".demo__runtime").inner_text()
    assert "Pick an image" in demo.locator(".demo__about").inner_text()
    faults.clear()
    demo.get_by_role("button", name="Retry").click()

    wait_until(page, f"{js_demo('score-guess')}.dataset.cost", 90)
    wait_live(page)  # the first result may be the build's preview
    rows = [[c.strip() for c in row.locator("th, td").all_inner_texts()] for row in demo.locator("table.score-guess__table tbody tr").all()]
    assert [int(r[0].split()[0]) for r in rows] == list(range(10))
    number = lambda text: float(text.split()[0].replace("−", "-"))
    targets = [number(r[2]) for r in rows]
    assert sorted(targets) == [0] * 9 + [1]
    label = targets.index(1)
    assert demo.locator("tbody tr.score-guess__row--label th").inner_text().startswith(str(label))
    for r in rows:
        a, y, difference, square = number(r[1]), number(r[2]), number(r[3]), number(r[4])
        assert difference == pytest.approx(a - y, abs=2e-4)
        assert square == pytest.approx((a - y) ** 2, abs=2e-4)
    total = number(demo.locator("tfoot tr").first.locator("td").inner_text())
    cost = number(demo.locator("tfoot tr.score-guess__cost td").inner_text())
    assert total == pytest.approx(sum(number(r[4]) for r in rows), abs=2e-5)
    assert cost == pytest.approx(total / 2, abs=1e-6)
    assert float(demo.get_attribute("data-cost")) == pytest.approx(cost, abs=1e-6)
    trained_cost = cost

    demo.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js_demo('score-guess')}.dataset.weights === 'random'", 15)
    assert float(demo.get_attribute("data-cost")) > trained_cost
    assert "With random weights" in demo.locator(".score-guess__result").inner_text()

    field = demo.get_by_label("Held-out image (0–999)")
    for value, expected in NONSENSE:
        assert_refused(page, field, lambda: field.press("Enter"), value, expected)
    field.fill("5")
    field.press("Enter")
    wait_until(page, f"{js_demo('score-guess')}.dataset.index === '5'", 15)

    demo.get_by_role("button", name="Average over the training set").click()
    wait_until(page, f"{js_demo('score-guess')}.dataset.averageShipped", 30)
    table = demo.locator("table.score-guess__average").inner_text()
    stats = build_stats["shipped"]
    assert f"{stats['random_train_cost']:.4f}" in table and f"{stats['train_cost']:.4f}" in table
    assert f"of {stats['train_images']:,}" in table
    assert "over all 4,000 training images" in demo.locator(".score-guess__note").inner_text()
