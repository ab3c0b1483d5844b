"""The Train demo on the training lesson, driven as a reader would in headless Chromium,
on the real self-hosted Pyodide."""

import time

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

LESSON = "/lessons/07-training/"


def open_demo(page, server):
    page.goto(server.url + LESSON)
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 15)
    return page.locator(".demo[data-demo=train]")


def table_rows(demo):
    rows = []
    for row in demo.locator(".demo__numbers tbody tr").all():
        cells = [c.inner_text() for c in row.locator("td").all()]
        rows.append({"epoch": int(cells[0]), "cost": float(cells[1]), "train": float(cells[2].rstrip("%")),
                     "test": float(cells[3].rstrip("%"))})
    return rows


def test_train_cost_falls_accuracy_rises_and_outputs_show(page, server):
    demo = open_demo(page, server)
    demo.get_by_label("Epochs").fill("4")
    started = time.monotonic()
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=train]').dataset.epoch === '4'", 90)
    wait_until(page, "document.querySelector('.demo[data-demo=train] .demo__status').textContent.includes('Done')", 10)
    print(f"click to 4 epochs: {time.monotonic() - started:.2f} s (cold runtime)")

    status = demo.locator(".demo__status").inner_text()
    assert status.startswith("Epoch 4 of 4: cost ")
    demo.locator(".demo__numbers summary").click()
    rows = table_rows(demo)
    assert [r["epoch"] for r in rows] == [1, 2, 3, 4]
    assert rows[-1]["cost"] < rows[0]["cost"]          # the cost falls...
    assert rows[-1]["test"] > rows[0]["test"]          # ...and held-out accuracy rises
    assert rows[-1]["test"] >= 85.0
    # both charts say in their accessible names where each curve went, in rounded numbers
    labels = demo.locator("svg.chart__svg").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert "cost C falls from" in labels[0] and "(epoch 4)" in labels[0]
    assert "held-out images rises from" in labels[1] and "(epoch 4)" in labels[1]

    # the held-out image viewer: a 28×28 picture, ten bars, the network's answer
    viewer = demo.locator(".demo__viewer")
    viewer.wait_for(state="visible")
    wait_until(page, "document.querySelector('.demo__answer').textContent.includes('The network answers')", 15)
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
    demo = open_demo(page, server)
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
    wait_until(page, "document.querySelector('.demo__answer').textContent.includes('The network answers')", 15)


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
    demo = open_demo(page, server)
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

    demo = open_demo(page, server)
    demo.get_by_label("Epochs").fill("2")
    demo.get_by_label("Seed").fill("7")
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, "document.querySelector('.demo[data-demo=train] .demo__status').textContent.includes('Done')", 90)
    shown = [float(row.locator("td").nth(1).text_content()) for row in demo.locator(".demo__numbers tbody tr").all()]

    network = Network((784, 16, 16, 10), seed=7)
    native = []
    for progress in FastSGD(network, digits.train_images, digits.train_labels, 10, 3.0).steps(2, seed=7):
        if progress.end_of_epoch:
            native.append(network.evaluate(*digits.training)["cost"])
    assert np.allclose(shown, native, atol=1e-4), (shown, native)
