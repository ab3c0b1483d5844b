"""The Train demo's additions (lesson 7), driven as a reader would: hidden layer sizes,
seed and training-set size as checked inputs, and the gallery of misread held-out digits.
(tests/browser/test_train_demo.py covers what the demo already did.)"""

import re

import pytest

from tests.conftest import wait_until
from tests.browser.demo_helpers import calls_sent, open_demo, refuse_everything

pytestmark = pytest.mark.browser

LESSON = "/lessons/07-training/"
DEMO = "document.querySelector('.demo[data-demo=train]')"


def rows(demo):
    demo.locator(".demo__numbers summary").click() if not demo.locator(".demo__numbers[open]").count() else None
    return [[c.inner_text() for c in row.locator("td").all()] for row in demo.locator(".demo__numbers tbody tr").all()]


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
    wait_until(page, f"{DEMO}.querySelector('.demo__status').textContent.includes('784-8-10 network (6,370 weights and biases) on 500 images')", 10)
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
    page.keyboard.press("ArrowDown")          # the digit below, in the next row as laid out
    below = page.evaluate("document.activeElement.dataset.index")
    assert below not in (thumbs.nth(0).get_attribute("data-index"), thumbs.nth(1).get_attribute("data-index"))
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.dataset.index") == thumbs.last.get_attribute("data-index")
    assert thumbs.evaluate_all("els => els.filter(e => e.tabIndex === 0).length") == 1
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    wait_until(page, f"document.querySelector('input[name=image_index]').value === '{thumbs.first.get_attribute('data-index')}'", 5)

    # clicking one shows it in the viewer, with the network's (wrong) answer
    pick = thumbs.nth(3)
    index, truth, guess = re.fullmatch(r"Held-out image (\d+): a (\d), read as (\d)", pick.get_attribute("aria-label")).groups()
    pick.click()
    wait_until(page, f"document.querySelector('input[name=image_index]').value === '{index}'", 5)
    wait_until(page, f"{DEMO}.querySelector('.demo__answer').textContent.includes('answers {guess}; the image is a {truth}. Wrong.')", 15)
    assert pick.get_attribute("aria-current") == "true"

    # Show more, then only one digit
    if misread > 40:
        gallery.get_by_role("button", name="Show more").click()
        wait_until(page, f"{DEMO}.querySelectorAll('.train__gallery-thumb').length === {min(80, misread)}", 15)
    options = gallery.get_by_label("Show", exact=True).locator("option").all_inner_texts()
    assert options[0] == f"every digit ({misread})"
    counts = [int(re.search(r"\((\d+)\)", o).group(1)) for o in options[1:]]
    assert sum(counts) == misread
    digit = max(range(10), key=lambda d: counts[d])
    gallery.get_by_label("Show", exact=True).select_option(str(digit))
    wait_until(page, f"[...{DEMO}.querySelectorAll('.train__gallery-thumb')].every(b => b.getAttribute('aria-label').includes(': a {digit},'))"
               f" && {DEMO}.querySelectorAll('.train__gallery-thumb').length === {min(40, counts[digit])}", 15)

    # the same seed and settings give the same curve; another seed, another curve
    train(page, demo, 2)
    assert rows(demo) == first_run
    demo.get_by_label("Seed", exact=True).fill("8")
    train(page, demo, 2)
    assert rows(demo) != first_run


def test_new_inputs_refuse_nonsense_and_nothing_reaches_python(page, server):
    demo = open_demo(page, server, LESSON, "train")
    train_button = demo.get_by_role("button", name="Train", exact=True)
    commit = lambda field: train_button.click()  # noqa: E731  (the reader presses Train)
    before = calls_sent(page)
    hidden = demo.get_by_label("Hidden layer sizes")
    # the list field: its own messages (an empty list is fine: no hidden layer)
    for value, expected in [("abc", "Each size must be a whole number written in digits"), ("16, abc", "written in digits"),
                            ("16,,16", "Each size is empty"), ("0", "at least 1"), ("200", "at most 128"),
                            ("16, 16, 16, 16", "between 0 and 3 sizes"), ("-16", "at least 1"), ("16.5", "whole number"),
                            ("NaN", "written in digits"), ("Infinity", "written in digits"), ("9" * 70, "too long"),
                            ("<img src=x onerror=alert(1)>", "too long")]:
        hidden.fill(value)
        train_button.click()
        message = page.locator(f"#{hidden.get_attribute('aria-describedby')}").inner_text()
        assert expected in message, (value, message)
        assert hidden.get_attribute("aria-invalid") == "true"
    assert "Fix the highlighted value" in demo.locator(".demo__status").inner_text()
    hidden.fill("16, 16")
    refuse_everything(page, demo, demo.get_by_label("Seed", exact=True), [("-1", "at least 0"), ("1000000", "at most 999,999"),
                                                             ("1.5", "whole number")], commit=commit)
    demo.get_by_label("Seed", exact=True).fill("0")
    refuse_everything(page, demo, demo.get_by_label("Training images", exact=True), [("0", "at least 100"), ("99", "at least 100"),
                                                                        ("4001", "at most 4,000"), ("-5", "at least 100")], commit=commit)
    # a mini-batch larger than the training set: the message goes beside the mini-batch size
    demo.get_by_label("Training images", exact=True).fill("100")
    demo.get_by_label("Mini-batch size m").fill("200")
    train_button.click()
    field = demo.get_by_label("Mini-batch size m")
    assert "at most the number of training images (100)" in page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    assert calls_sent(page) == before and not page.dialogs
    # Reset puts every field back, and training works
    demo.get_by_role("button", name="Reset").click()
    assert [demo.get_by_label(l, exact=True).input_value() for l in ("Hidden layer sizes", "Seed", "Training images", "Mini-batch size m")] \
        == ["16, 16", "0", "4000", "10"]
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
    wait_until(page, "window.trainStatuses.some((text) => text.includes('784-10 network (7,850 weights and biases) on 4,000 images'))", 30)
    wait_until(page, f"{DEMO}.querySelector('.demo__status').dataset.kind === 'done'", 120)
    assert calls_sent(page) > before
