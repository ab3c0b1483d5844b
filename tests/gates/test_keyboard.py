"""Gate: a keyboard-only reader (Tab, Enter, Space, arrows) can run a demo, move a slider
and flip a flashcard, and always sees where the focus is."""

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

FOCUS = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return { tag: e.tagName.toLowerCase(), text: (e.getAttribute('aria-label') || e.textContent || e.name || '').trim().slice(0, 40),
           name: e.name || '', visible: outline || (s.boxShadow && s.boxShadow !== 'none'),
           inDemo: Boolean(e.closest('.demo')), inCards: Boolean(e.closest('.flashcards')) }; }"""


def tab_to(page, predicate, limit=250):
    """Press Tab until the focused element matches; every stop must show its focus."""
    unseen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if not focused:
            continue
        if (focused["inDemo"] or focused["inCards"]) and not focused["visible"]:
            unseen.append(focused)
        if predicate(focused):
            assert not unseen, f"focus not visible on {unseen}"
            return focused
    raise AssertionError("never reached the element by Tab")


def test_keyboard_runs_the_train_demo(page, server):
    page.goto(server.url + "/lessons/07-training/")
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 20)
    tab_to(page, lambda f: f["name"] == "epochs")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    focused = tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Train")
    assert focused["visible"]
    page.keyboard.press("Enter")
    wait_until(
        page,
        "document.querySelector('.demo[data-demo=train] .demo__status').textContent.includes('Epoch 2 of 2')"
        " && document.querySelector('.demo[data-demo=train] .demo__status').textContent.includes('Done')",
        90,
    )


def test_keyboard_moves_a_slider(page, server):
    page.goto(server.url + "/lessons/02-neurons-weights-biases/")
    wait_until(page, "document.querySelector('.demo[data-demo=one-neuron][data-ready]')", 20)
    slider = tab_to(
        page,
        lambda f: (
            f["tag"] == "input" and f["inDemo"] and page.evaluate("document.activeElement.type") == "range"
        ),
    )
    before = page.evaluate("document.activeElement.value")
    at_max = page.evaluate("document.activeElement.value === document.activeElement.max")
    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    assert page.evaluate("document.activeElement.value") != before, slider
    wait_until(page, "document.querySelector('.demo[data-demo=one-neuron]').dataset.z !== undefined", 60)


def test_keyboard_flips_a_flashcard(page, server):
    page.goto(server.url + "/lessons/01-what-a-network-is/practice/")
    wait_until(page, "document.querySelector('.flashcards[data-ready]')", 20)
    tab_to(
        page,
        lambda f: (
            f["inCards"] and page.evaluate("document.activeElement.getAttribute('aria-expanded') !== null")
        ),
    )
    expanded = "document.activeElement.getAttribute('aria-expanded')"
    assert page.evaluate(expanded) == "false"
    page.keyboard.press("Space")
    assert page.evaluate(expanded) == "true"
    page.keyboard.press("Enter")
    assert page.evaluate(expanded) == "false"
