"""The demos of lessons 4 and 5, driven as a reader would in headless Chromium on the real
self-hosted Pyodide: Roll downhill, The biggest nudges, What does this image want?, and
Full batch vs mini-batch."""

import re
import time

import pytest

from tests.browser.demo_helpers import wait_live
from tests.conftest import wait_until

pytestmark = pytest.mark.browser

L4 = "/lessons/04-gradient-descent/"
L5 = "/lessons/05-backpropagation/"
CALLS = "import('/assets/js/runtime/client.js').then(m => m.getRuntime().callsSent)"
NONSENSE = ["abc", "", "   ", "NaN", "Infinity", "-Infinity", "1e999", "9" * 40, "<img src=x onerror=alert(1)>", "3,5", "0x10"]


FIRST_RESULTS = {
    # every demo of a page asks Python for a first result once the runtime is ready
    L4: ["document.querySelector('.demo[data-demo=roll-downhill] .landscape__ball')",
         "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed"],
    L5: ["document.querySelector('.demo[data-demo=what-image-wants]').dataset.loaded",
         "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.drawn"],
}


def first_results(page, lesson):
    """Wait until every demo on the page has shown its first result (so that the number of
    requests sent to Python only changes when the reader asks for something)."""
    for expression in FIRST_RESULTS[lesson]:
        wait_until(page, expression, 90)
    wait_live(page)  # the first results may be the build's previews


def demo_of(page, name):
    return page.locator(f".demo[data-demo={name}]")


def data(page, name, key):
    return page.evaluate(f"document.querySelector('.demo[data-demo={name}]').dataset.{key}")


def status(demo):
    return demo.locator(".demo__status").inner_text()


def number(text):
    """A number as the page writes it (− for minus, × 10⁻ⁿ for powers of ten)."""
    text = text.replace("−", "-").strip()
    m = re.match(r"^(-?[\d.]+)(?: × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$", text)
    assert m, text
    value = float(m.group(1))
    if m.group(2):
        exponent = int(m.group(2).translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
        value *= 10 ** exponent
    return value


def refuse(page, demo, label, values, press, message_needed=True):
    """Type each value into a field, press a button: a message beside the field, the field
    marked invalid, no request reaches Python, and no markup from the value gets in."""
    field = demo.get_by_label(label)
    before = page.evaluate(CALLS)
    for value in values:
        field.fill(value)
        press()
        message = page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()
        assert field.get_attribute("aria-invalid") == "true", (label, value)
        if message_needed:
            assert label.split(" (")[0] in message or "must" in message or "empty" in message, (label, value, message)
        assert page.evaluate(CALLS) == before, (label, value)
    assert page.evaluate("document.querySelectorAll('.demo img').length") == 0


# ------------------------------------------------------------------ lesson 4: roll downhill

def test_roll_downhill(page, server):
    """One page, three readers: one checks the lesson's facts on x², one explores the
    valleys, the map and Stop, one types nonsense."""
    page.goto(server.url + L4)
    demo = demo_of(page, "roll-downhill")
    demo.scroll_into_view_if_needed()   # prefetch starts the runtime; the curve appears
    first_results(page, L4)
    page.emulate_media(reduced_motion="reduce")   # Run shows its steps at once (Stop is tested with motion below)
    checks_the_lessons_facts_on_x_squared(page, demo)
    explores_valleys_the_map_and_stop(page, demo)
    refuses_nonsense(page, demo)


def checks_the_lessons_facts_on_x_squared(page, demo):
    step = demo.get_by_role("button", name="Step", exact=True)
    run = demo.get_by_role("button", name="Run", exact=True)

    # η = 0.1 multiplies x by 0.8 each step
    demo.get_by_role("button", name="x² from 3, η = 0.1").click()
    wait_until(page, "document.querySelector('.roll-downhill__formula').textContent === 'f(x) = x²'", 20)
    for n, (x, slope, height) in enumerate([("2.4", "4.8", "5.76"), ("1.92", "3.84", "3.686"), ("1.536", "3.072", "2.359")], 1):
        step.click()
        wait_until(page, f"document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '{n}'", 20)
        assert demo.locator("dd[data-key=position]").inner_text() == f"x = {x}"
        assert demo.locator("dd[data-key=slope]").inner_text() == f"f′(x) = {slope}"
        assert demo.locator("dd[data-key=height]").inner_text() == f"f = {height}"
        assert "x was multiplied by 0.8 (that is 1 − 2η)" in status(demo)
    demo.locator(".demo__numbers summary").click()
    rows = demo.locator(".demo__numbers tbody tr")
    assert rows.count() == 4
    assert [c.inner_text() for c in rows.nth(3).locator("td").all()] == ["3", "1.536", "3.072", "2.3593", "0.8"]
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')", 30)
    assert "This is the lowest point" in status(demo)
    assert abs(number(demo.locator("dd[data-key=position]").inner_text()[4:])) < 1e-4

    # η = 1 bounces between 3 and −3 forever
    demo.get_by_role("button", name="x² from 3, η = 1", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Bouncing')", 30)
    text = status(demo)
    assert "x = 3" in text and "x = −3" in text and "forever" in text
    assert data(page, "roll-downhill", "outcome") == "bouncing"

    # η = 1.1 diverges, ×(−1.2) a step: said plainly, drawn on the picture's edge, no garbage
    demo.get_by_role("button", name="x² from 3, η = 1.1").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    for n in range(1, 4):
        step.click()
        wait_until(page, f"document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '{n}'", 20)
    assert "multiplied by −1.2" in status(demo) and "diverging" in status(demo)
    assert demo.locator(".landscape__offscreen").count() == 1
    assert "x = −5.184" in demo.locator(".landscape__offscreen text").text_content()
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Diverged')", 30)
    assert "η = 1.1 is too large" in status(demo)
    svg_text = demo.locator("svg.landscape").evaluate("e => e.outerHTML")
    assert "NaN" not in svg_text and "Infinity" not in svg_text
    step.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.includes('run away')", 10)
    demo.get_by_role("button", name="Reset").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)


def explores_valleys_the_map_and_stop(page, demo):
    run = demo.get_by_role("button", name="Run", exact=True)

    # from the right, it settles in the higher valley and says the lower one is out of reach
    demo.get_by_role("button", name="Two valleys from 3").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')", 30)
    assert "higher valley" in status(demo) and "out of reach" in status(demo)
    demo.get_by_role("button", name="Two valleys from −3").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')", 30)
    assert "lower valley" in status(demo)

    # clicking the curve sets the start
    curve = demo.locator("svg.landscape")
    box = curve.bounding_box()
    curve.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.5})
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    x = float(demo.get_by_label("Start x").input_value())
    assert 1.0 < x < 3.0

    # the two-dial map: a click sets both dials; a large η zigzags and settles on the floor
    demo.get_by_label("Landscape").select_option("long-valley")
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .landscape--map .landscape__contour')", 20)
    assert demo.get_by_label("Start y").is_visible()
    curve = demo.locator("svg.landscape")
    box = curve.bounding_box()
    curve.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.25})
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    x, y = float(demo.get_by_label("Start x").input_value()), float(demo.get_by_label("Start y").input_value())
    assert x < -1 and y > 1
    demo.get_by_label("Learning rate η").fill("0.35")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Settled')", 30)
    assert "lowest point" in status(demo)
    assert demo.locator(".roll-downhill__trail circle").count() > 10

    # a crawl can be stopped mid-run, and Run goes on from there
    page.emulate_media(reduced_motion="no-preference")
    demo.get_by_label("Learning rate η").fill("0.002")
    demo.get_by_role("button", name="Reset").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '0'", 20)
    run.click()
    wait_until(page, "Number(document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps) >= 3", 20)
    demo.get_by_role("button", name="Stop").click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .demo__status').textContent.startsWith('Stopped after')", 5)
    steps = int(data(page, "roll-downhill", "steps"))
    assert 3 <= steps < 200
    page.wait_for_timeout(500)
    assert int(data(page, "roll-downhill", "steps")) == steps
    run.click()
    wait_until(page, f"Number(document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps) > {steps}", 20)
    demo.get_by_role("button", name="Stop").click()
    wait_until(page, "!document.querySelector('.demo[data-demo=roll-downhill] button.md-button--primary').disabled", 5)


def refuses_nonsense(page, demo):
    demo.get_by_label("Landscape").select_option("two-valleys")
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill] .landscape--curve .landscape__ball')", 20)
    demo.get_by_label("Start x").fill("3")
    step = demo.get_by_role("button", name="Step", exact=True)
    refuse(page, demo, "Learning rate η", NONSENSE + ["0", "-0.5", "101"], step.click)
    assert "Fix the highlighted value" in status(demo)
    demo.get_by_label("Learning rate η").fill("0.1")
    refuse(page, demo, "Start x", NONSENSE + ["4.5", "-40"], step.click)
    message = page.locator(f"#{demo.get_by_label('Start x').get_attribute('aria-describedby')}").inner_text()
    assert "at least -4 and at most 4" in message
    # fixed, it works again
    demo.get_by_label("Start x").fill("2")
    step.click()
    wait_until(page, "document.querySelector('.demo[data-demo=roll-downhill]').dataset.steps === '1'", 20)
    # two valleys: f′(2) = 2³/2 − 2·2 + 3/8 = 0.375, so one step goes to 2 − 0.1 × 0.375
    assert number(demo.locator("dd[data-key=position]").inner_text()[4:]) == pytest.approx(1.9625, abs=6e-4)
    assert demo.get_by_label("Start x").get_attribute("aria-invalid") == "false"


# ------------------------------------------------------------------ lesson 4: biggest nudges

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
    sizes = [abs(number(r.locator(".biggest-nudges__gradient span").last.inner_text().lstrip("+"))) for r in rows.all()]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 0
    first = rows.first.inner_text()
    assert re.search(r"(Weight into|Bias of) (neuron \d+ of hidden layer [12]|output \d \(the digit \d\))", first)
    assert demo.locator(".biggest-nudges__image").count() == 10
    before, after = float(data(page, "biggest-nudges", "costBefore")), float(data(page, "biggest-nudges", "costAfter"))
    assert demo.get_by_label("Weights", exact=True).input_value() == "partly"
    assert after < 0.9 * before          # visibly: the default weights are only partly trained
    assert "One step lowered this mini-batch's cost" in status(demo)
    batch_line = demo.locator("[data-key=batch]").inner_text()
    assert re.search(r"\(down [\d.]+, \d+(\.\d+)?%\)", batch_line), batch_line   # the change as a share of the cost
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
    before, after = float(data(page, "biggest-nudges", "costBefore")), float(data(page, "biggest-nudges", "costAfter"))
    assert before > 1.0 and after < 0.8 * before
    assert "random network" in demo.locator(".biggest-nudges__note").first.inner_text()

    compute = demo.get_by_role("button", name="Compute the gradient")
    for label, extra in [("Learning rate η", ["0", "-3", "1000"]), ("Mini-batch size m", ["0", "2.5", "4001"]),
                         ("Mini-batch seed", ["-1", "1.5", "1000000"]), ("Weights seed", ["-1", "0.5"])]:
        refuse(page, demo, label, NONSENSE + extra, compute.click)
        demo.get_by_label(label).fill("2" if label != "Mini-batch seed" else "5")
    demo.get_by_label("Mini-batch size m").fill("1")
    compute.click()
    wait_until(page, "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed === '4'", 30)
    assert demo.locator(".biggest-nudges__image").count() == 1
    assert demo.locator(".biggest-nudges__table tbody tr").count() == 10


# ------------------------------------------------------------------ lesson 5: what does this image want?

def test_lesson_5_demos(page, server, faults):
    """Both demos of lesson 5 on one page; first with the runtime unreachable (a clear
    error, Retry), then as a reader uses them."""
    page.watch.allow_errors("Failed to load resource", "pyodide.mjs")
    faults.set("/pyodide/pyodide.mjs", "missing")
    page.goto(server.url + L5)
    demo = demo_of(page, "what-image-wants")
    demo.scroll_into_view_if_needed()
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants] .demo__runtime--failed')", 60)
    assert "could not load" in demo.locator(".demo__runtime").inner_text()
    # the network is there from the start, with the build's preview of its first image
    assert demo.locator(".what-image-wants__circle").count() == 42 and demo.locator(".what-image-wants__arrow").count() > 0
    assert demo.get_attribute("data-preview") == "shown" and demo.locator(".demo__preview").is_visible()
    demo.get_by_role("button", name="Next", exact=True).click()   # another image while it is down: told plainly
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants] .demo__status').textContent.includes('press Retry above')", 30)
    demo.get_by_label("Held-out image (0–999)").fill("0")   # back to the first image
    faults.clear()
    demo.get_by_role("button", name="Retry").click()
    first_results(page, L5)
    what_image_wants(page, demo_of(page, "what-image-wants"))
    batch_vs_minibatch(page, demo_of(page, "batch-vs-minibatch"))


def what_image_wants(page, demo):
    # the partly trained network first: unsure, so its outputs want more
    assert demo.get_by_label("Weights", exact=True).input_value() == "partly"
    # the key describes the shading in words true in both schemes
    assert "The more a circle is filled in, the more active its neuron" in demo.locator(".what-image-wants__legend").inner_text()

    label = int(re.search(r"A handwritten (\d)", demo.locator(".what-image-wants__about").inner_text()).group(1))
    arrows = demo.locator(".what-image-wants__arrow[data-layer='3']")
    assert arrows.count() == 10
    for j in range(10):
        kind = arrows.nth(j).get_attribute("class")
        assert ("what-image-wants__arrow--up" in kind) == (j == label), (j, kind)
    # the numbers behind the arrows: desire = (y − a)·σ′(z), sign of y − a
    demo.locator(".demo__numbers summary").click()
    for row in demo.locator(".demo__numbers tbody tr").all():
        _, a, y, gap, slope, desire = [number(c.lstrip("+")) for c in row.locator("td").all_inner_texts()]
        assert (desire > 0) == (y > a) and abs(desire - gap * slope) <= 0.02 * abs(desire) + 1e-3

    # keyboard: focus an output, arrows move, Enter shows its levers
    output = demo.get_by_role("button", name=re.compile(rf"^Output {label} \(the digit {label}\)"))
    assert "wants up" in output.get_attribute("aria-label")
    output.focus()
    page.keyboard.press("ArrowDown")
    other = (label + 1) % 10
    assert page.evaluate("document.activeElement.dataset.neuron") == str(other)
    page.keyboard.press("Enter")
    wait_until(page, f"document.querySelector('.demo[data-demo=what-image-wants]').dataset.selected === '3:{other}'", 5)
    levers = demo.locator(".what-image-wants__levers")
    assert levers.locator("h4").inner_text() == f"Output {other} (the digit {other}) wants down"
    assert [e.get_attribute("data-lever") for e in levers.locator(".what-image-wants__lever").all()] == ["bias", "weights", "activations"]
    assert "weights from bright neurons change most" in levers.inner_text()
    assert demo.locator(".what-image-wants__link").count() == 16
    assert demo.get_by_role("button", name=re.compile(rf"^Output {other} ")).get_attribute("aria-pressed") == "true"
    # a click on the right digit's output shows it wants up
    output.click()
    wait_until(page, f"document.querySelector('.demo[data-demo=what-image-wants]').dataset.selected === '3:{label}'", 5)
    assert "wants up" in levers.locator("h4").inner_text() and "raise it" in levers.inner_text()

    # propagate twice: 16 desires on hidden layer 2, then on hidden layer 1
    assert demo.locator(".what-image-wants__arrow[data-layer='2']").count() == 0
    demo.get_by_role("button", name="Propagate to hidden layer 2").click()
    assert demo.locator(".what-image-wants__arrow[data-layer='2']").count() == 16
    assert "adds up what the ten outputs want" in demo.locator(".what-image-wants__stage").inner_text()
    assert "reached hidden layer 2" in status(demo) and "Click an output" not in status(demo)
    # hidden neurons are numbered from 1, as the lessons write a₁ … a₁₆
    third = demo.get_by_role("button", name=re.compile(r"^Neuron 3 of hidden layer 2"))
    assert third.get_attribute("data-neuron") == "2"
    third.click()
    assert "Neuron 3 of hidden layer 2 wants" in levers.locator("h4").inner_text()
    assert "pulls on it" in levers.inner_text()
    assert demo.get_by_role("button", name=re.compile(r"^Neuron 16 of hidden layer 2")).count() == 1
    assert demo.get_by_role("button", name=re.compile(r"^Neuron 0 ")).count() == 0
    assert re.search(r"neuron (1[0-6]|[1-9]) \(a = ", levers.inner_text())
    demo.get_by_role("button", name="Propagate to hidden layer 1").click()
    assert demo.locator(".what-image-wants__arrow[data-layer='1']").count() == 16
    assert demo.get_by_role("button", name="Propagated to hidden layer 1").is_disabled()
    demo.get_by_role("button", name="Outputs only").click()
    assert demo.locator(".what-image-wants__arrow[data-layer='2'], .what-image-wants__arrow[data-layer='1']").count() == 0

    # another image, through the fully trained network
    demo.get_by_label("Weights", exact=True).select_option("shipped")
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants]').dataset.loaded === '2'", 30)
    demo.get_by_role("button", name="Next", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants]').dataset.index === '1'", 20)
    refuse(page, demo, "Held-out image (0–999)", NONSENSE + ["1000", "-1", "2.5"],
           demo.get_by_role("button", name="Show", exact=True).click)
    demo.get_by_label("Held-out image (0–999)").fill("999")
    demo.get_by_role("button", name="Show", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=what-image-wants]').dataset.index === '999'", 20)


# ------------------------------------------------------------------ lesson 5: full batch vs mini-batch

def results(demo):
    out = {}
    for row in demo.locator(".batch-vs-minibatch__results tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        out[row.get_attribute("data-walker")] = cells
    return out


def batch_vs_minibatch(page, demo):
    demo.scroll_into_view_if_needed()
    # the map and the start are drawn, but the walkers wait for the reader
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.drawn", 90)
    page.wait_for_timeout(500)
    assert page.evaluate("document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs") is None
    assert demo.locator(".batch-vs-minibatch__walker--full").count() == 0 and "press Run both" in status(demo)
    page.emulate_media(reduced_motion="reduce")
    demo.get_by_role("button", name="Run both").click()
    page.emulate_media(reduced_motion="no-preference")
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '1'", 90)
    table = results(demo)
    assert table["full"][:2] == ["10", "1,000"] and table["mini"][:2] == ["100", "1,000"]
    full, mini, best = (number(table[k][2]) for k in ("full", "mini", "best"))
    assert best < mini < full
    assert "Same budget, 1,000 examples each" in status(demo)
    assert demo.locator(".batch-vs-minibatch__walker--full circle").count() == 11
    chart = demo.locator("svg.chart__svg").get_attribute("aria-label")
    assert "full batch falls from" in chart and "mini-batch falls from" in chart

    run = demo.get_by_role("button", name="Run both")
    # the walk is animated; Skip to the end shows where both arrive
    run.click()
    wait_until(page, "!document.querySelector('.demo[data-demo=batch-vs-minibatch] button.md-button--primary + button').disabled", 10)
    demo.get_by_role("button", name="Skip to the end").click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '2'", 5)
    assert results(demo) == table
    page.emulate_media(reduced_motion="reduce")   # the rest without waiting for animations
    # m = 100 is the whole batch: the two walkers agree
    demo.get_by_label("Mini-batch size m").fill("100")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '3'", 30)
    table = results(demo)
    assert table["full"] == table["mini"]
    # m = 1 with a bigger budget: many more steps
    demo.get_by_label("Mini-batch size m").fill("1")
    demo.get_by_label("Budget: passes over the points").fill("3")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '4'", 30)
    table = results(demo)
    assert table["full"][:2] == ["3", "300"] and table["mini"][:2] == ["300", "300"]
    # a new shuffle gives another mini-batch path
    demo.get_by_role("button", name="New shuffle").click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '5'", 30)
    assert results(demo)["mini"] != table["mini"]
    # too large an η: said plainly
    demo.get_by_label("Learning rate η").fill("5")
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '6'", 30)
    assert "ran away" in status(demo) and "too large" in status(demo)
    assert "NaN" not in demo.inner_text()
    # a click on the map starts the walkers from there
    demo.get_by_label("Learning rate η").fill("0.3")
    cost_map = demo.locator(".batch-vs-minibatch__map svg.landscape")
    box = cost_map.bounding_box()
    cost_map.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.2})
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '7'", 30)
    assert float(demo.get_by_label("Start w").input_value()) > 1 and float(demo.get_by_label("Start b").input_value()) > 1

    for label, extra in [("Mini-batch size m", ["0", "101", "2.5"]), ("Budget: passes over the points", ["0", "51", "-2"]),
                         ("Learning rate η", ["0", "-1"])]:
        refuse(page, demo, label, NONSENSE + extra, run.click)
        demo.get_by_role("button", name="Reset").click()
    demo.locator(".batch-vs-minibatch__more summary").click()
    refuse(page, demo, "Start w", ["5", "abc", "<img src=x onerror=alert(1)>"], run.click)
    demo.get_by_role("button", name="Reset").click()
    run.click()
    wait_until(page, "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.runs === '8'", 30)
