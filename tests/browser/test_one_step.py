"""Lesson 8's "One step, slowed down", driven as a reader would: Next, Back, Restart and the
arrow keys through the phases, and what each phase shows, against the build's numbers."""

import time

import pytest

from tests.browser.demo_helpers import calls_sent, open_demo, refuse_everything
from tests.conftest import wait_until

pytestmark = pytest.mark.browser

LESSON = "/lessons/08-seeing-it-whole/"
DEMO = "document.querySelector('.demo[data-demo=one-step]')"


def phase(page):
    return int(page.evaluate(f"{DEMO}.dataset.phase"))


def current_step(demo):
    return demo.locator(".one-step__phases [aria-current]").inner_text()


def ball_height(page):
    """The ball's y in the picture (SVG y grows downwards: a lower cost is a larger y)."""
    return float(page.evaluate(f"{DEMO}.querySelector('.one-step__ball').getAttribute('cy')"))


def test_one_step_phase_by_phase(page, server, build_stats):
    stats = build_stats["one_step"]
    demo = open_demo(page, server, LESSON, "one-step")
    text = demo.locator(".one-step__text")
    assert "as a 1" in text.inner_text() and current_step(demo).endswith(
        "The image"
    )  # the preview's first phase
    assert demo.get_by_role("button", name="Back", exact=True).is_disabled()

    clicked = time.monotonic()
    demo.get_by_role("button", name="Next", exact=True).click()
    wait_until(page, f"{DEMO}.dataset.phase === '1'", 90)
    print(
        f"one-step: Next to the forward pass {time.monotonic() - clicked:.2f} s (runtime loading since the page opened)"
    )
    assert current_step(demo).endswith("Forward pass")
    # 1. forward pass: the layers light up left to right, and the guess is a 1
    wait_until(page, f"{DEMO}.querySelectorAll('.one-step__layer--lit').length === 4", 5)
    assert f"The most lit output is 1 ({stats['output_guess_before']:.2f})" in text.inner_text()
    assert f"the 7 output is only {stats['output_label_before']:.2f}" in text.inner_text()
    label = demo.locator("svg.one-step__network").get_attribute("aria-label")
    assert f"training image {stats['image_index']}, a handwritten 7" in label

    # 2. cost: one number, and the ball appears at that height
    stage = demo.locator(".one-step__stage")
    stage.focus()
    page.keyboard.press("ArrowRight")
    wait_until(page, f"{DEMO}.dataset.phase === '2'", 5)
    assert f"Cₓ = {stats['cost_before']:.3f}" in text.inner_text()
    assert demo.locator(".one-step__cost").inner_text().endswith(f"{stats['cost_before']:.3f}")
    assert "ball's height is the cost" in demo.locator("svg.one-step__picture").get_attribute("aria-label")
    height_before = ball_height(page)

    # 3. backward pass: desires right to left, the gradient's size per layer
    page.keyboard.press("ArrowRight")
    wait_until(page, f"{DEMO}.dataset.phase === '3'", 5)
    wait_until(page, f"{DEMO}.querySelectorAll('.one-step__layer--desiring').length === 3", 5)
    assert "Output 7 wants to rise and output 1 to fall" in text.inner_text()
    assert (
        demo.locator(".one-step__desire--up").count() > 0
        and demo.locator(".one-step__desire--down").count() > 0
    )
    bars = demo.locator(".one-step__bars li").all_inner_texts()
    assert (
        len(bars) == 3
        and bars[0].startswith("the outputs (170 knobs)")
        and bars[2].startswith("hidden layer 1 (12,560 knobs)")
    )

    # 4. update: the knobs move, the largest changes listed, the ball rolls down, the dials turn
    needles = lambda: page.evaluate(
        f"[...{DEMO}.querySelectorAll('.one-step__dial-needle')].map(n => n.style.transform)"
    )
    dials_before = needles()
    demo.get_by_role("button", name="Next", exact=True).click()
    wait_until(page, f"{DEMO}.dataset.phase === '4'", 5)
    assert f"{stats['moved']:,} of the 13,002 knobs moved" in text.inner_text()
    assert f"Cₓ falls from {stats['cost_before']:.3f} to {stats['cost_after']:.3f}" in text.inner_text()
    assert demo.locator(".one-step__changes tbody tr").count() == 8
    assert demo.locator(".one-step__change").count() == 8
    assert needles() != dials_before
    wait_until(
        page, f"Number({DEMO}.querySelector('.one-step__ball').getAttribute('cy')) > {height_before + 20}", 5
    )

    # 5. before and after: the outputs for that 7, and what the step did to the held-out digits
    demo.get_by_role("button", name="Next", exact=True).click()
    wait_until(page, f"{DEMO}.dataset.phase === '5'", 5)
    after = text.inner_text()
    assert (
        f"the 7 output went from {stats['output_label_before']:.2f} to {stats['output_label_after']:.2f}"
        in after
    )
    assert ("now reads it as a 7" if stats["guess_after"] == 7 else "still reads it as a") in after
    # what the step did to the held-out digits, and why; then the ordinary mini-batch step beside it
    assert (
        f"accuracy went from {100 * stats['test_accuracy']:.1f}% to {100 * stats['test_accuracy_after']:.1f}%"
        in after
    )
    assert f"({stats['held_out_now_wrong']} it read right are now wrong" in after
    assert "fitted to this one image alone" in after
    assert (
        f"to {100 * stats['mini_batch_test_accuracy_after']:.1f}%" in after
        and "9 other training images with η = 3" in after
    )
    held_out = demo.locator("table.one-step__held-out tbody tr").all_inner_texts()
    assert len(held_out) == 3 and f"{100 * stats['mini_batch_test_accuracy_after']:.1f}%" in held_out[2]
    bars = demo.locator(".one-step__compare ol.bars")
    assert bars.count() == 2
    assert bars.nth(0).locator(".bars__item--guess .bars__digit").inner_text() == "1"
    assert bars.nth(1).locator(".bars__item--guess .bars__digit").inner_text() == str(stats["guess_after"])
    assert demo.get_by_role("button", name="Next", exact=True).is_disabled()
    assert page.evaluate("document.activeElement.textContent") == "Restart"  # focus is not lost

    # Back and Restart, by button and key
    demo.get_by_role("button", name="Back", exact=True).click()
    assert phase(page) == 4
    stage.focus()
    page.keyboard.press("ArrowLeft")
    assert phase(page) == 3
    demo.get_by_role("button", name="Restart", exact=True).click()
    assert phase(page) == 0 and demo.get_by_role("button", name="Back", exact=True).is_disabled()
    # the ball is hidden until the cost is measured
    assert page.evaluate(f"{DEMO}.querySelector('.one-step__ball').style.display") == "none"
    # the phases are buttons: one press goes straight to a phase
    demo.get_by_role("button", name="6. Before and after").click()
    assert phase(page) == 5 and current_step(demo) == "6. Before and after"
    demo.get_by_role("button", name="3. Cost").click()
    assert phase(page) == 2 and "Cₓ =" in text.inner_text()


def test_one_step_learning_rate_is_checked_and_changes_the_step(page, server, build_stats):
    demo = open_demo(page, server, LESSON, "one-step")
    demo.scroll_into_view_if_needed()
    wait_until(page, f"{DEMO}.dataset.firstResultSeconds", 90)  # prefetched and taken on view
    print(
        f"one-step: prefetched step ready {page.evaluate(f'{DEMO}.dataset.firstResultSeconds')} s after the runtime"
    )
    before = calls_sent(page)
    clicked = time.monotonic()
    demo.get_by_role("button", name="Next", exact=True).click()
    wait_until(page, f"{DEMO}.dataset.phase === '1'", 5)
    print(f"one-step: Next to the forward pass, prefetched: {time.monotonic() - clicked:.2f} s")
    assert calls_sent(page) == before  # the step was already taken

    eta = demo.get_by_label("Learning rate η for this step")
    assert eta.input_value() == "0.3"  # this image's share of a training step: η = 3 over m = 10
    next_button = demo.get_by_role("button", name="Next", exact=True)
    refuse_everything(page, demo, eta, [("0", "more than 0"), ("-3", "more than 0"), ("1000", "at most 100")])
    next_button.click()  # nothing to go on with
    assert "Fix the learning rate" in demo.locator(".demo__status").inner_text()

    # a smaller step than the default (0.3): the cost falls less
    eta.fill("0.1")
    eta.press("Tab")
    assert int(page.evaluate(f"{DEMO}.dataset.phase")) == 0
    for expected in range(1, 5):
        next_button.click()
        wait_until(page, f"{DEMO}.dataset.phase === '{expected}'", 30)
    text = demo.locator(".one-step__text").inner_text()
    assert "(η = 0.1)" in text
    small_after = float(text.split("Cₓ falls from ")[1].split(" to ")[1].rstrip("."))
    assert build_stats["one_step"]["cost_after"] < small_after < build_stats["one_step"]["cost_before"]
