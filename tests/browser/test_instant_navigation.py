"""Lesson 2's three demos on one page load (one-neuron, count-knobs, weight-pictures; each
has its own test file), then mkdocs-material's instant navigation to lesson 3 and back:
every demo works on both pages."""

import pytest

from tests.browser.demo_helpers import (
    L2,
    L3,
    demo_of,
    js_demo,
    open_lesson,
    wait_for_path,
    wait_live,
)
from tests.conftest import wait_until

pytestmark = pytest.mark.browser


def test_lesson_2_demos_and_instant_navigation(page, server):
    open_lesson(page, server, L2, ["one-neuron", "count-knobs", "weight-pictures"])
    neuron, knobs, pictures = (demo_of(page, n) for n in ("one-neuron", "count-knobs", "weight-pictures"))

    # every demo has its first result (each demo's own test drives it: test_one_neuron.py,
    # test_count_knobs.py, test_weight_pictures.py)
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z", 90)
    wait_live(page)  # the first results may be the build's previews
    wait_until(page, f"Math.abs({js_demo('one-neuron')}.dataset.z - 0.6) < 1e-9", 15)
    wait_until(page, f"{js_demo('count-knobs')}.dataset.parameters === '13002'", 15)
    wait_until(page, f"{js_demo('weight-pictures')}.dataset.network === 'shipped'", 15)
    assert "a = σ(z) = 0.646" in neuron.locator(".one-neuron__summary").inner_text()
    assert knobs.locator(".count-knobs__summary").inner_text().endswith("= 13,002 knobs.")
    assert pictures.locator(".weight-pictures__tile").count() == 16

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
    wait_until(
        page, f"{js_demo('count-knobs')} && {js_demo('count-knobs')}.dataset.parameters === '13002'", 90
    )
    wait_until(page, f"{js_demo('one-neuron')}.dataset.z && {js_demo('weight-pictures')}.dataset.network", 30)
    print(f"navigation between lessons 2 and 3 was {'instant' if instant else 'a full page load'}")
