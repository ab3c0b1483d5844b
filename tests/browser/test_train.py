"""The Train demo (lesson 7), driven as a reader would in headless Chromium on the real
self-hosted Pyodide: cost falls and accuracy rises, Stop, bad input, foreign requests, the
same curve as natively; hidden layer sizes, seed and training-set size as checked inputs,
and the gallery of misread held-out digits."""

import re
import time

import pytest

from tests.browser.demo_helpers import calls_sent, open_demo, refuse_everything
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


LESSON = "/lessons/07-training/"
DEMO = "document.querySelector('.demo[data-demo=train]')"


def open_train(page, server):
    page.goto(server.url + LESSON)
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 15)
    return page.locator(".demo[data-demo=train]")


def table_rows(demo):
    rows = []
    for row in demo.locator(".demo__numbers tbody tr").all():
        cells = [c.inner_text() for c in row.locator("td").all()]
        rows.append(
            {
                "epoch": int(cells[0]),
                "cost": float(cells[1]),
                "train": float(cells[2].rstrip("%")),
                "test": float(cells[3].rstrip("%")),
            }
        )
    return rows


def test_train_cost_falls_accuracy_rises_and_outputs_show(page, server):
    demo = open_train(page, server)
    demo.get_by_label("Epochs").fill("4")
    started = time.monotonic()
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=train]').dataset.epoch === '4'", 90)
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=train] .demo__status').textContent.includes('Done')",
        10,
    )
    print(f"click to 4 epochs: {time.monotonic() - started:.2f} s (cold runtime)")

    status = demo.locator(".demo__status").inner_text()
    assert status.startswith("Epoch 4 of 4: cost ")
    demo.locator(".demo__numbers summary").click()
    rows = table_rows(demo)
    assert [r["epoch"] for r in rows] == [1, 2, 3, 4]
    assert rows[-1]["cost"] < rows[0]["cost"]  # the cost falls...
    assert rows[-1]["test"] > rows[0]["test"]  # ...and held-out accuracy rises
    assert rows[-1]["test"] >= 85.0
    # both charts say in their accessible names where each curve went, in rounded numbers
    labels = demo.locator("svg.chart__svg").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert "cost C falls from" in labels[0] and "(epoch 4)" in labels[0]
    assert "held-out images rises from" in labels[1] and "(epoch 4)" in labels[1]

    # the held-out image viewer: a 28×28 picture, ten bars, the network's answer
    viewer = demo.locator(".demo__viewer")
    viewer.wait_for(state="visible")
    wait_until(
        page, "document.querySelector('.demo__answer').textContent.includes('The network answers')", 15
    )
    assert demo.locator(".bars__item").count() == 10
    answer = demo.locator(".demo__answer").inner_text()
    guess = int(answer.split("answers ")[1][0])
    assert "bars__item--guess" in demo.locator(".bars__item").nth(guess).get_attribute("class")
    drawn = page.evaluate("""() => { const c = document.querySelector('canvas.digit');
        const d = c.getContext('2d').getImageData(0, 0, 28, 28).data; let ink = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 128) ink++; return [c.width, c.height, ink]; }""")
    assert drawn[0] == drawn[1] == 28 and drawn[2] > 30
    before = answer
    viewer.get_by_role("button", name="Next").click()
    wait_until(page, "document.querySelector('input[name=image_index]').value === '1'", 5)
    wait_until(page, f"document.querySelector('.demo__answer').textContent !== {before!r}", 10)


def test_stop_mid_run_stops_and_keeps_the_network(page, server):
    demo = open_train(page, server)
    demo.get_by_label("Epochs").fill("100")
    demo.get_by_label("Mini-batch size m").fill("1")  # slow epochs: plenty of time to stop mid-run
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, "Number(document.querySelector('.demo[data-demo=train]').dataset.epoch) >= 1", 90)
    stop = demo.get_by_role("button", name="Stop")
    clicked = time.monotonic()
    stop.click()
    wait_until(page, "document.querySelector('.demo__status').textContent.startsWith('Stopped after')", 5)
    assert time.monotonic() - clicked < 1.5
    epochs = int(demo.get_attribute("data-epoch"))
    assert epochs < 100
    page.wait_for_timeout(1000)
    assert int(demo.get_attribute("data-epoch")) == epochs  # nothing more arrives
    assert "The network keeps what it learned" in demo.locator(".demo__status").inner_text()
    # Train is usable again; the viewer shows the partly trained network's answer
    assert demo.get_by_role("button", name="Train", exact=True).is_enabled()
    wait_until(
        page, "document.querySelector('.demo__answer').textContent.includes('The network answers')", 15
    )


BAD_INPUTS = [
    ("Learning rate η", "abc", "must be a number written in digits"),
    ("Learning rate η", "-1", "must be more than 0"),
    ("Learning rate η", "0", "must be more than 0"),
    ("Learning rate η", "1e9", "at most 100"),
    ("Epochs", "0", "at least 1"),
    ("Epochs", "1000000", "at most 100"),
    ("Mini-batch size m", "0", "at least 1"),
    ("Mini-batch size m", "5000", "at most 4,000"),
]


def test_bad_input_gets_a_message_and_never_reaches_python(page, server):
    demo = open_train(page, server)
    calls = "import('/assets/js/runtime/client.js').then(m => m.getRuntime().callsSent)"
    train = demo.get_by_role("button", name="Train", exact=True)
    for label, value, message in BAD_INPUTS:
        field = demo.get_by_label(label)
        field.fill(value)
        train.click()
        described = field.get_attribute("aria-describedby")
        text = page.locator(f"#{described}").inner_text()
        assert message in text, (label, value, text)
        assert field.get_attribute("aria-invalid") == "true"
        assert "Fix the highlighted value" in demo.locator(".demo__status").inner_text()
        assert page.evaluate(calls) == 0
        demo.get_by_role("button", name="Reset").click()
    # after all that, the page still trains
    demo.get_by_label("Epochs").fill("1")
    train.click()
    wait_until(page, "document.querySelector('.demo[data-demo=train]').dataset.epoch === '1'", 90)


def test_foreign_requests_are_refused_and_caught(page, open_site, server):
    """Two guards: the page's policy refuses a request to another host (and the refusal is
    logged as an error, which fails any test), and, with the policy bypassed, the test
    harness records and aborts it."""
    page.goto(server.url + "/")
    page.evaluate("() => fetch('http://example.com/x').catch(() => null)")
    page.wait_for_timeout(300)
    assert any("Content Security Policy" in e for e in page.watch.errors)
    assert not page.watch.foreign
    page.watch.errors.clear()

    unguarded = open_site(bypass_csp=True)
    unguarded.goto(server.url + "/")
    unguarded.evaluate("() => fetch('http://example.com/x').catch(() => null)")
    unguarded.wait_for_timeout(300)
    assert any("example.com" in f for f in unguarded.watch.foreign)
    unguarded.watch.foreign.clear()
    unguarded.watch.errors.clear()


def test_same_seed_same_curve_in_the_browser_and_natively(page, server, digits):
    """The design's promise: a seed fixes the curve, in CPython and in Pyodide alike
    (to float rounding; the page shows four decimals)."""
    import numpy as np

    from pylib import Network
    from pylib.training import FastSGD

    demo = open_train(page, server)
    demo.get_by_label("Epochs").fill("2")
    demo.get_by_label("Seed").fill("7")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=train] .demo__status').textContent.includes('Done')",
        90,
    )
    shown = [
        float(row.locator("td").nth(1).text_content())
        for row in demo.locator(".demo__numbers tbody tr").all()
    ]

    network = Network((784, 16, 16, 10), seed=7)
    native = []
    for progress in FastSGD(network, digits.train_images, digits.train_labels, 10, 3.0).steps(2, seed=7):
        if progress.end_of_epoch:
            native.append(network.evaluate(*digits.training)["cost"])
    assert np.allclose(shown, native, atol=1e-4), (shown, native)


def rows(demo):
    demo.locator(".demo__numbers summary").click() if not demo.locator(
        ".demo__numbers[open]"
    ).count() else None
    return [
        [c.inner_text() for c in row.locator("td").all()]
        for row in demo.locator(".demo__numbers tbody tr").all()
    ]


def train(page, demo, epochs):
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, f"{DEMO}.querySelector('.demo__status').dataset.kind === 'done'", 120)
    assert demo.get_attribute("data-epoch") == str(epochs)


def test_new_inputs_train_the_network_they_describe_and_the_gallery_shows_its_misreads(page, server):
    demo = open_demo(page, server, LESSON, "train")
    demo.get_by_label("Epochs").fill("2")
    demo.get_by_label("Hidden layer sizes").fill(" 8 ")
    demo.get_by_label("Seed", exact=True).fill("7")
    demo.get_by_label("Training images", exact=True).fill("500")
    demo.get_by_role("button", name="Train", exact=True).click()
    # the status names the network and the data it trains on: 784·8 + 8 + 8·10 + 10 = 6,370
    wait_until(
        page,
        f"{DEMO}.querySelector('.demo__status').textContent.includes('784-8-10 network (6,370 weights and biases) on 500 images')",
        10,
    )
    wait_until(page, f"{DEMO}.querySelector('.demo__status').dataset.kind === 'done'", 120)
    first_run = rows(demo)
    assert [r[0] for r in first_run] == ["1", "2"]
    accuracy = float(first_run[-1][3].rstrip("%")) / 100

    # the gallery: every misread held-out digit, counted, 40 at a time
    gallery = demo.locator(".demo__gallery")
    gallery.wait_for(state="visible")
    misread = int(wait_until(page, f"{DEMO}.dataset.misread", 30))
    assert misread == round(1000 * (1 - accuracy))
    summary = gallery.locator(".train__gallery-summary").inner_text()
    assert f"It misreads {misread:,} of the 1,000 held-out digits" in summary
    thumbs = gallery.locator(".train__gallery-thumb")
    assert thumbs.count() == min(40, misread)
    labels = thumbs.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    for label in labels:
        index, truth, guess = re.fullmatch(r"Held-out image (\d+): a (\d), read as (\d)", label).groups()
        assert truth != guess
    drawn = thumbs.first.locator("canvas").evaluate("""c => { const d = c.getContext('2d').getImageData(0, 0, 28, 28).data;
        let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) ink++; return ink; }""")
    assert drawn > 30

    # one tab stop for the whole gallery; the arrow keys move between the digits, Enter shows one
    assert thumbs.evaluate_all("els => els.filter(e => e.tabIndex === 0).length") == 1
    thumbs.first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.index") == thumbs.nth(1).get_attribute("data-index")
    page.keyboard.press("ArrowDown")  # the digit below, in the next row as laid out
    below = page.evaluate("document.activeElement.dataset.index")
    assert below not in (thumbs.nth(0).get_attribute("data-index"), thumbs.nth(1).get_attribute("data-index"))
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.dataset.index") == thumbs.last.get_attribute("data-index")
    assert thumbs.evaluate_all("els => els.filter(e => e.tabIndex === 0).length") == 1
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    wait_until(
        page,
        f"document.querySelector('input[name=image_index]').value === '{thumbs.first.get_attribute('data-index')}'",
        5,
    )

    # clicking one shows it in the viewer, with the network's (wrong) answer
    pick = thumbs.nth(3)
    index, truth, guess = re.fullmatch(
        r"Held-out image (\d+): a (\d), read as (\d)", pick.get_attribute("aria-label")
    ).groups()
    pick.click()
    wait_until(page, f"document.querySelector('input[name=image_index]').value === '{index}'", 5)
    wait_until(
        page,
        f"{DEMO}.querySelector('.demo__answer').textContent.includes('answers {guess}; the image is a {truth}. Wrong.')",
        15,
    )
    assert pick.get_attribute("aria-current") == "true"

    # Show more, then only one digit
    if misread > 40:
        gallery.get_by_role("button", name="Show more").click()
        wait_until(
            page, f"{DEMO}.querySelectorAll('.train__gallery-thumb').length === {min(80, misread)}", 15
        )
    options = gallery.get_by_label("Show", exact=True).locator("option").all_inner_texts()
    assert options[0] == f"every digit ({misread})"
    counts = [int(re.search(r"\((\d+)\)", o).group(1)) for o in options[1:]]
    assert sum(counts) == misread
    digit = max(range(10), key=lambda d: counts[d])
    gallery.get_by_label("Show", exact=True).select_option(str(digit))
    wait_until(
        page,
        f"[...{DEMO}.querySelectorAll('.train__gallery-thumb')].every(b => b.getAttribute('aria-label').includes(': a {digit},'))"
        f" && {DEMO}.querySelectorAll('.train__gallery-thumb').length === {min(40, counts[digit])}",
        15,
    )

    # the same seed and settings give the same curve; another seed, another curve
    train(page, demo, 2)
    assert rows(demo) == first_run
    demo.get_by_label("Seed", exact=True).fill("8")
    train(page, demo, 2)
    assert rows(demo) != first_run


def test_new_inputs_refuse_nonsense_and_nothing_reaches_python(page, server):
    demo = open_demo(page, server, LESSON, "train")
    train_button = demo.get_by_role("button", name="Train", exact=True)
    commit = lambda field: train_button.click()
    before = calls_sent(page)
    hidden = demo.get_by_label("Hidden layer sizes")
    # the list field: its own messages (an empty list is fine: no hidden layer)
    for value, expected in [
        ("abc", "Each size must be a whole number written in digits"),
        ("16, abc", "written in digits"),
        ("16,,16", "Each size is missing"),
        ("0", "at least 1"),
        ("200", "at most 128"),
        ("16, 16, 16, 16", "between 0 and 3 sizes"),
        ("-16", "at least 1"),
        ("16.5", "whole number"),
        ("NaN", "written in digits"),
        ("Infinity", "written in digits"),
        ("9" * 70, "too long"),
        ("<img src=x onerror=alert(1)>", "written in digits"),
    ]:
        hidden.fill(value)
        train_button.click()
        message = page.locator(f"#{hidden.get_attribute('aria-describedby')}").inner_text()
        assert expected in message, (value, message)
        assert hidden.get_attribute("aria-invalid") == "true"
    assert "Fix the highlighted value" in demo.locator(".demo__status").inner_text()
    hidden.fill("16, 16")
    refuse_everything(
        page,
        demo,
        demo.get_by_label("Seed", exact=True),
        [("-1", "at least 0"), ("1000000", "at most 999,999"), ("1.5", "whole number")],
        commit=commit,
    )
    demo.get_by_label("Seed", exact=True).fill("0")
    refuse_everything(
        page,
        demo,
        demo.get_by_label("Training images", exact=True),
        [("0", "at least 100"), ("99", "at least 100"), ("4001", "at most 4,000"), ("-5", "at least 100")],
        commit=commit,
    )
    # a mini-batch larger than the training set: the message goes beside the mini-batch size
    demo.get_by_label("Training images", exact=True).fill("100")
    demo.get_by_label("Mini-batch size m").fill("200")
    train_button.click()
    field = demo.get_by_label("Mini-batch size m")
    assert (
        "at most the number of training images (100)"
        in page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()
    )
    assert field.get_attribute("aria-invalid") == "true"
    assert calls_sent(page) == before and not page.dialogs
    # Reset puts every field back, and training works
    demo.get_by_role("button", name="Reset").click()
    assert [
        demo.get_by_label(l, exact=True).input_value()
        for l in ("Hidden layer sizes", "Seed", "Training images", "Mini-batch size m")
    ] == ["16, 16", "0", "4000", "10"]
    demo.get_by_label("Epochs").fill("1")
    demo.get_by_label("Hidden layer sizes").fill("")  # no hidden layer at all: 784·10 + 10 = 7,850 knobs
    # every status the run shows, as it shows it: the first step's progress replaces the
    # opening line within milliseconds once the runtime is warm, too soon for polling
    page.evaluate(f"""() => {{
        const status = {DEMO}.querySelector('.demo__status');
        window.trainStatuses = [];
        new MutationObserver(() => window.trainStatuses.push(status.textContent))
            .observe(status, {{ childList: true, characterData: true, subtree: true }});
    }}""")
    train_button.click()
    wait_until(
        page,
        "window.trainStatuses.some((text) => text.includes('784-10 network (7,850 weights and biases) on 4,000 images'))",
        30,
    )
    wait_until(page, f"{DEMO}.querySelector('.demo__status').dataset.kind === 'done'", 120)
    assert calls_sent(page) > before
