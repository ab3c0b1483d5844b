"""Gates over every demo, as a learner meets it, in headless Chromium:

* every demo's description is a test: from the default state the test does what the
  description invites, and reads the effect it promises from the page;
* then, light and dark, at 1280 and 390 px (switched on the same page, which loads and
  boots its Python runtime once):
  - every target a finger can press is at least 44 × 44 CSS px at 390 px, or spaced so a
    44 px circle on it meets no other target (WCAG 2.5.5, with 2.5.8's spacing rule); a
    target drawn too small on purpose names its equivalent control (data-equivalent);
    no select, label or button text is cut off;
  - no text in a demo (HTML, SVG, KaTeX) renders below 12 CSS px at 390 px;
  - focused, hovered and invalid controls keep their text at 4.5:1 or more and the focus
    ring at 3:1 against what is around it, in both schemes; an invalid field is marked
    by a shape, not a ring, so an error never reads as focus;
  - every chart and picture has a text alternative in rounded numbers.

The smallest target and the smallest text of each demo are printed (pytest -s).
"""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

CHECKS = (Path(__file__).parent / "demo_checks.js").read_text()
LESSONS = {
    "/lessons/01-what-a-network-is/": ["look-inside"],
    "/lessons/02-neurons-weights-biases/": ["one-neuron", "count-knobs", "weight-pictures"],
    "/lessons/03-cost/": ["score-guess"],
    "/lessons/04-gradient-descent/": ["roll-downhill", "biggest-nudges"],
    "/lessons/05-backpropagation/": ["what-image-wants", "batch-vs-minibatch"],
    "/lessons/06-backpropagation-calculus/": ["chain-rule", "gradient-check"],
    "/lessons/07-training/": ["train"],
    "/lessons/08-seeing-it-whole/": ["one-step"],
}


def js(name):
    return f"document.querySelector('.demo[data-demo={name}]')"


def data(page, name, key):
    return page.evaluate(f"{js(name)}.dataset.{key}")


def status(demo):
    return demo.locator(".demo__status").inner_text()


def number(text):
    text = text.strip().replace("−", "-").lstrip("+")
    if "×" in text:
        mantissa, power = text.split("×")
        return float(mantissa) * 10 ** int(
            power.strip()[2:].translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        )
    return float(text)


def type_in(field, value):
    field.fill(value)
    field.press("Enter")


# ------------------------------------------------------------------ each description, as a test


def look_inside(page, demo):
    """Pick one of the held-out images, or draw a digit on the pad (… or the keyboard …).
    You see the 784 input pixels, how lit each of the 16 + 16 hidden neurons is, the ten
    outputs as bars, and the guess. Then switch to random weights … answers turn to nonsense."""
    wait_until(page, f"{js('look-inside')}.dataset.guess", 90)
    assert demo.locator(".look-inside__value").count() == 32 and demo.locator(".bars__item").count() == 10
    assert demo.locator(".look-inside__guess").inner_text().startswith("Guess: ")
    pad = demo.locator("canvas.look-inside__pad")  # draw a 1, by keyboard
    pad.focus()
    for key in ["ArrowUp"] * 6 + ["Space"] + ["ArrowDown"] * 12 + ["Space"]:
        page.keyboard.press(key)
    wait_until(
        page,
        f"{js('look-inside')}.dataset.source === 'drawing' && {js('look-inside')}.dataset.final === 'true'"
        " && document.querySelector('.look-inside__guess').textContent !== ''",
        15,
    )
    assert demo.locator(".look-inside__guess").inner_text() == "Guess: 1"

    def right_answers():
        right = 0
        for index in range(8):
            type_in(demo.get_by_label("Held-out image (0–999)"), str(index))
            wait_until(
                page,
                f"document.querySelector('.look-inside__caption').textContent.startsWith('Held-out image {index},')"
                f" && {js('look-inside')}.dataset.final === 'true'",
                15,
            )
            right += ": right." in demo.locator(".look-inside__verdict").inner_text()
        return right

    trained = right_answers()
    demo.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js('look-inside')}.dataset.weights === 'random'", 15)
    random = right_answers()
    assert trained >= 7 and random <= 3, (trained, random)  # the answers turn to nonsense
    demo.get_by_label("Trained weights").check()


def one_neuron(page, demo):
    """Try a large negative bias, b = −10, then raise all three inputs to 1: the dot barely
    leaves 0. Now turn up the weights w₁ and w₃ until the dot climbs past 0.5."""
    wait_until(page, f"{js('one-neuron')}.dataset.a", 90)
    for label, value in [("Bias b", "-10"), ("Input a₁", "1"), ("Input a₂", "1"), ("Input a₃", "1")]:
        type_in(demo.get_by_label(f"{label}, typed"), value)
    wait_until(page, f"{js('one-neuron')}.dataset.z === '-8.5'", 15)
    assert float(data(page, "one-neuron", "a")) < 0.001
    for label in ("Weight w₁", "Weight w₃"):
        type_in(demo.get_by_label(f"{label}, typed"), "10")
    wait_until(page, f"Number({js('one-neuron')}.dataset.a) > 0.5", 15)
    dot = page.evaluate("""() => { const c = document.querySelector('.one-neuron__point circle'), svg = c.ownerSVGElement;
        return [Number(c.getAttribute('cy')), svg.viewBox.baseVal.height]; }""")
    assert dot[0] < 14 + (1 - 0.5) * (200 - 14 - 34)  # the dot is above the 0.5 line
    demo.get_by_role("button", name="Reset").click()


def count_knobs(page, demo):
    """Type layer sizes such as 784,16,16,10 … Try one hidden layer of 30, or of 100,
    and see how fast the count grows."""
    wait_until(page, f"{js('count-knobs')}.dataset.parameters === '13002'", 90)
    field = demo.get_by_label("Layer sizes, input first")
    totals = []
    for sizes in ("784,30,10", "784,100,10"):
        type_in(field, sizes)
        wait_until(
            page, f"{js('count-knobs')}.dataset.parameters !== '{totals[-1] if totals else 13002}'", 15
        )
        totals.append(int(data(page, "count-knobs", "parameters")))
    assert (
        totals == [23860, 79510]
        and f"{totals[1]:,} knobs" in demo.locator(".count-knobs__summary").inner_text()
    )
    demo.get_by_role("button", name="Reset").click()


def weight_pictures(page, demo):
    """See each of the 16 first-layer neurons' weights as a 28 × 28 heat map … Choose a
    neuron to see its picture larger. Compare the trained weights with random ones."""
    wait_until(page, f"{js('weight-pictures')}.dataset.network === 'shipped'", 90)

    def pictures():
        return page.evaluate("""() => [...document.querySelectorAll('.weight-pictures__canvas')].map(c =>
            Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data).join(','))""")

    trained = pictures()
    assert len(trained) == 16 and len(set(trained)) == 16
    demo.locator(".weight-pictures__tile").nth(3).click()
    assert demo.locator(".weight-pictures__title").inner_text() == "Neuron 4 of hidden layer 1"
    demo.get_by_label("Random weights (untrained)").check()
    wait_until(page, f"{js('weight-pictures')}.dataset.network === 'random'", 15)
    assert pictures() != trained and demo.locator(".weight-pictures__note").inner_text().startswith(
        "Random weights"
    )
    demo.get_by_label("Trained weights").check()


def score_guess(page, demo):
    """Pick an image and see the network's ten outputs beside the targets, each
    difference, its square, and the halved sum. Then press Average over the training set
    to get C … for random weights and for the trained ones."""
    wait_until(page, f"{js('score-guess')}.dataset.cost", 90)
    rows = demo.locator("table.score-guess__table tbody tr")
    assert rows.count() == 10
    squares = sum(number(r.locator("td").nth(3).inner_text().split()[0]) for r in rows.all())
    assert number(demo.locator("tfoot tr.score-guess__cost td").inner_text()) == pytest.approx(
        squares / 2, abs=1e-5
    )
    demo.get_by_role("button", name="Average over the training set").click()
    wait_until(page, f"{js('score-guess')}.dataset.averageShipped", 60)
    assert float(data(page, "score-guess", "averageRandom")) > 10 * float(
        data(page, "score-guess", "averageShipped")
    )


def roll_downhill(page, demo):
    """Set the starting point and η, then press Step or Run … Find an η that crawls, one
    that settles, one that overshoots and one that diverges; and a start from which
    descent settles in the higher valley."""
    wait_until(page, f"{js('roll-downhill')}.dataset.steps === '0'", 90)
    page.emulate_media(reduced_motion="reduce")
    run, step, reset = (demo.get_by_role("button", name=n, exact=True) for n in ("Run", "Step", "Reset"))
    eta = demo.get_by_label("Learning rate η")
    # (an overshoot shows on the second step: the first jumps across the floor, the second comes back)
    for value, presses, words in [
        ("0.002", [run], "crawling"),
        ("0.1", [run], "higher valley"),
        ("0.3", [step, step], "overshot"),
        ("1", [run], "Diverged"),
    ]:
        reset.click()
        wait_until(page, f"{js('roll-downhill')}.dataset.steps === '0'", 15)
        eta.fill(value)
        for n, press in enumerate(presses, 1):
            press.click()
            if press is step:
                wait_until(page, f"{js('roll-downhill')}.dataset.steps === '{n}'", 15)
        wait_until(
            page, f"{js('roll-downhill')}.querySelector('.demo__status').textContent.includes({words!r})", 20
        )
    page.emulate_media(reduced_motion="no-preference")
    eta.fill("0.1")
    reset.click()


def biggest_nudges(page, demo):
    """The real digit network's gradient on a handful of training images …: its ten
    largest entries by size, with the knob each belongs to and its sign. Below them, one
    step downhill: compare the cost before and after."""
    wait_until(page, f"{js('biggest-nudges')}.dataset.computed", 90)
    sizes = [
        abs(number(t)) for t in demo.locator(".biggest-nudges__gradient > span:last-child").all_inner_texts()
    ]
    assert len(sizes) == 10 and sizes == sorted(sizes, reverse=True)
    assert all(
        re.match(r"(Weight into|Bias of) ", w)
        for w in demo.locator(".biggest-nudges__words").all_inner_texts()
    )
    before, after = (
        float(data(page, "biggest-nudges", "costBefore")),
        float(data(page, "biggest-nudges", "costAfter")),
    )
    assert after < 0.9 * before, (before, after)  # the fall is visible
    assert "down" in demo.locator("[data-key=batch] .biggest-nudges__delta").inner_text()


def what_image_wants(page, demo):
    """A held-out image, first image 0 … Arrows on the ten outputs … Click an output to
    see its three levers … Press Propagate to see the desires arrive one layer back."""
    wait_until(page, f"{js('what-image-wants')}.dataset.loaded === '1'", 90)  # no button pressed
    assert "A handwritten" in demo.locator(".what-image-wants__about").inner_text()
    arrows = demo.locator(".what-image-wants__arrow[data-layer='3']")
    assert arrows.count() == 10 and demo.locator(".what-image-wants__arrow--up[data-layer='3']").count() == 1
    demo.locator("[role=button][data-layer='3'][data-neuron='4']").click()
    assert demo.locator(".what-image-wants__lever").count() == 3
    demo.get_by_role("button", name="Propagate to hidden layer 2").click()
    assert demo.locator(".what-image-wants__arrow[data-layer='2']").count() == 16


def batch_vs_minibatch(page, demo):
    """Two walkers … the same budget of examples … Press Run both and compare their
    paths and how low each gets."""
    wait_until(page, f"{js('batch-vs-minibatch')}.dataset.drawn", 90)
    assert data(page, "batch-vs-minibatch", "runs") is None  # nothing walks before Run both
    page.emulate_media(reduced_motion="reduce")
    demo.get_by_role("button", name="Run both").click()
    wait_until(page, f"{js('batch-vs-minibatch')}.dataset.runs === '1'", 30)
    page.emulate_media(reduced_motion="no-preference")
    rows = {
        r.get_attribute("data-walker"): r.locator("td").all_inner_texts()
        for r in demo.locator(".batch-vs-minibatch__results tbody tr").all()
    }
    assert rows["full"][1] == rows["mini"][1]  # the same budget
    assert int(rows["mini"][0].replace(",", "")) > int(rows["full"][0].replace(",", ""))
    assert (
        demo.locator(".batch-vs-minibatch__walker--full").count()
        and demo.locator(".batch-vs-minibatch__walker--mini").count()
    )
    assert "Same budget" in status(demo)


def chain_rule(page, demo):
    """Press Nudge w by 0.001 and compare the change in C with slope × 0.001. Set the
    worked case above and check the table."""
    wait_until(page, f"{js('chain-rule')}.dataset.result", 90)
    demo.get_by_role("button", name="Nudge w by 0.001").click()
    wait_until(page, f"{js('chain-rule')}.dataset.nudge", 15)
    actual = number(demo.locator("output[data-name=actual]").inner_text())
    predicted = number(demo.locator("output[data-name=predicted]").inner_text())
    assert actual == pytest.approx(predicted, rel=0.01)
    demo.get_by_role("button", name="The lesson's worked case").click()
    wait_until(page, f"JSON.parse({js('chain-rule')}.dataset.result).w === 0.5", 15)
    shown = {
        n: demo.locator(f"output[data-name={n}]").first.inner_text()
        for n in ("a", "da_dz", "cost", "dc_dw", "dc_db", "dc_da_prev")
    }
    assert shown == {
        "a": "0.6225",
        "da_dz": "0.2350",
        "cost": "0.0713",
        "dc_dw": "−0.0887",
        "dc_db": "−0.0887",
        "dc_da_prev": "−0.0444",
    }


def gradient_check(page, demo):
    """… backprop's slope beside the finite-difference estimate … and their relative
    difference. Change h: very large or very small values make the estimate worse."""
    first = json.loads(wait_until(page, f"{js('gradient-check')}.dataset.check", 90))
    h = demo.get_by_label(re.compile("^Step h"))
    for value, words in (("1", "h is large"), ("1e-12", "h is tiny")):
        h.fill(value)
        h.press("Tab")
        worse = json.loads(
            wait_until(
                page,
                f"JSON.parse({js('gradient-check')}.dataset.check).h === {value} && {js('gradient-check')}.dataset.check",
                20,
            )
        )
        assert (
            worse["relative"] > 100 * first["relative"]
            and words in demo.locator(".gradient-check__verdict").inner_text()
        )
    h.fill("1e-5")
    h.press("Tab")


def train(page, demo):
    """… press Train. After each epoch the charts show the cost on the training images and
    the accuracy … Afterwards, look through the held-out digits it misreads, each with the
    network's guess."""
    demo.get_by_role("button", name="Train", exact=True).click()
    wait_until(page, f"{js('train')}.querySelector('.demo__status').dataset.kind === 'done'", 120)
    assert data(page, "train", "epoch") == "10"
    assert demo.locator(".chart__series").count() == 3
    labels = demo.locator("svg.chart__svg").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert "cost C falls from" in labels[0] and "held-out images rises from" in labels[1]
    wait_until(page, f"{js('train')}.dataset.misread", 30)
    thumbs = demo.locator(".train__gallery-thumb")
    assert thumbs.count() > 0 and all(
        re.fullmatch(r"read \d\s*is \d", t.replace("\n", " ")) for t in thumbs.all_inner_texts()
    )


def one_step(page, demo):
    """Press Next to walk through one step …: the forward pass, the cost, the backward
    pass and the update. Then compare the outputs for the 7 before and after, watch the
    cost dip, and see what the step did to the 1,000 held-out digits."""
    wait_until(page, f"{js('one-step')}.dataset.firstResultSeconds", 90)
    nxt = demo.get_by_role("button", name="Next", exact=True)
    seen = {}
    for phase in range(1, 6):
        nxt.click()
        wait_until(page, f"{js('one-step')}.dataset.phase === '{phase}'", 10)
        seen[phase] = demo.locator(".one-step__text").inner_text()
    wait_until(page, f"{js('one-step')}.querySelectorAll('.one-step__layer--lit').length === 4", 5)
    assert (
        seen[1].startswith("Forward pass")
        and seen[2].startswith("Cost")
        and seen[3].startswith("Backward pass")
    )
    before, after = re.search(r"Cₓ falls from (\d+\.\d+) to (\d+\.\d+)", seen[4]).groups()
    assert float(after) < float(before)  # the cost dips
    outputs = demo.locator(".one-step__compare ol.bars")
    assert outputs.count() == 2
    rise = [
        number(o.locator(".bars__item").nth(7).locator(".bars__value").inner_text()) for o in outputs.all()
    ]
    assert rise[1] > rise[0]  # the 7's output, before and after
    assert (
        demo.locator("table.one-step__held-out tbody tr").count() == 3
        and "On the 1,000 held-out digits" in seen[5]
    )


DESCRIPTIONS = {
    "look-inside": look_inside,
    "one-neuron": one_neuron,
    "count-knobs": count_knobs,
    "weight-pictures": weight_pictures,
    "score-guess": score_guess,
    "roll-downhill": roll_downhill,
    "biggest-nudges": biggest_nudges,
    "what-image-wants": what_image_wants,
    "batch-vs-minibatch": batch_vs_minibatch,
    "chain-rule": chain_rule,
    "gradient-check": gradient_check,
    "train": train,
    "one-step": one_step,
}


def test_every_demo_page_is_covered(site_dir):
    on_pages = set()
    for html in site_dir.glob("lessons/*/index.html"):
        on_pages |= set(re.findall(r'data-demo="([a-z-]+)"', html.read_text()))
    assert on_pages == set(DESCRIPTIONS) == {n for names in LESSONS.values() for n in names}


# ------------------------------------------------------------------ the states of every control


def tag_controls(page):
    """Number the visible controls of every demo (data-gate) and describe them."""
    return page.evaluate("""() => {
        const c = window.__demoChecks, out = [];
        document.querySelectorAll('[data-gate]').forEach(e => delete e.dataset.gate);
        document.querySelectorAll('.demo[data-demo]').forEach(demo => c.controls(demo).forEach(e => {
            e.dataset.gate = String(out.length);
            out.push({ id: out.length, what: c.describe(e), field: e.matches('input[type=text], input:not([type])') && !e.readOnly });
        }));
        return out; }""")


def check_states(page, scheme):
    problems = []
    controls = tag_controls(page)
    # focused (by keyboard, so :focus-visible applies)
    page.keyboard.press("Shift")
    for c in controls:
        found = page.evaluate(f"""() => {{ const e = document.querySelector('[data-gate="{c["id"]}"]');
            if (!e || !window.__demoChecks.visible(e)) return null;
            e.focus({{ preventScroll: true }}); return window.__demoChecks.stateContrast(e, {{ ring: true }}); }}""")
        problems += [f"{scheme}, focused: {c['what']}: {p}" for p in found or []]
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # hovered, by the mouse
    for c in controls:
        where = page.evaluate(f"""() => {{ const e = document.querySelector('[data-gate="{c["id"]}"]');
            if (!e || !window.__demoChecks.visible(e)) return null;
            e.scrollIntoView({{ block: 'center' }}); const b = e.getBoundingClientRect();
            return [b.left + b.width / 2, b.top + b.height / 2]; }}""")
        if not where:
            continue
        page.mouse.move(*where)
        found = page.evaluate(
            f"""() => window.__demoChecks.stateContrast(document.querySelector('[data-gate="{c["id"]}"]'))"""
        )
        problems += [f"{scheme}, hovered: {c['what']}: {p}" for p in found]
    page.mouse.move(1, 1)
    # invalid: every text field given nonsense at once (each checked as it is left), then put back
    fields = [(c, page.locator(f'[data-gate="{c["id"]}"]')) for c in controls if c["field"]]
    fields = [(c, f) for c, f in fields if f.is_visible() and f.is_editable()]
    originals = [f.input_value() for _, f in fields]
    for _, field in fields:
        field.fill("abc")
        field.press("Enter")
        field.evaluate("e => e.blur()")
    page.wait_for_timeout(320)  # the shell checks a field again as it is left
    for c, field in fields:
        found = field.evaluate("e => window.__demoChecks.errorState(e)")
        page.keyboard.press("Shift")
        found += field.evaluate("e => (e.focus(), window.__demoChecks.stateContrast(e, { ring: true }))")
        field.evaluate("e => e.blur()")
        problems += [f"{scheme}, invalid: {c['what']}: {p}" for p in found]
    for (_, field), original in zip(fields, originals):
        field.fill(original)
        field.press("Enter")
        field.evaluate("e => e.blur()")
    page.wait_for_timeout(300)
    return problems


def switch(page, scheme, width):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    wanted = "slate" if scheme == "dark" else "default"
    wait_until(page, f"document.body.dataset.mdColorScheme === '{wanted}'", 10)
    page.wait_for_timeout(300)  # pictures redraw for the new width and scheme


def visit(page, server, path):
    """Go to a lesson as a reader would, by its link in the navigation: mkdocs-material's
    instant navigation swaps the page in place and the Python runtime, booted once, stays
    warm. (A full load if the link is not there.)"""
    link = page.locator(
        f"nav.md-nav--primary a.md-nav__link[href$='{path.rstrip('/').split('/')[-1]}/']"
    ).first
    if page.url.startswith(server.url) and link.count() and link.is_visible():
        link.click()
    else:
        page.goto(server.url + path)
    wait_until(page, f"location.pathname === {path!r}", 30)
    for name in LESSONS[path]:
        wait_until(page, f"{js(name)} && {js(name)}.dataset.ready", 20)


def test_demos_do_what_they_say_and_work_everywhere(server, open_site):
    """Every lesson with demos, one after the other in one page (the runtime boots once)."""
    page = open_site(width=1280, height=900, scheme="light")
    problems = []
    for path, names in LESSONS.items():
        visit(page, server, path)
        page.locator(f".demo[data-demo={names[0]}]").scroll_into_view_if_needed()  # the runtime starts
        # ready before the demos are driven: their first results may be the build's previews
        wait_until(
            page,
            "import('/assets/js/runtime/client.js').then(m => m.getRuntime().start().then(() => true))",
            120,
        )
        for name in names:
            demo = page.locator(f".demo[data-demo={name}]")
            demo.scroll_into_view_if_needed()
            DESCRIPTIONS[name](page, demo)
        page.evaluate(CHECKS)
        for scheme, width in (("light", 1280), ("dark", 1280), ("dark", 390), ("light", 390)):
            switch(page, scheme, width)
            problems += [
                f"{scheme} {width}: {p}" for p in page.evaluate("window.__demoChecks.textAlternatives()")
            ]
            if width == 1280:
                problems += check_states(page, scheme)
                continue
            sizes = page.evaluate("window.__demoChecks.targetSizes()")
            text = page.evaluate("window.__demoChecks.textSizes()")
            problems += [f"{scheme} {width}: {p}" for p in sizes["problems"] + text["problems"]]
            if scheme == "light":
                print(f"\n{path} at 390 px:")
                for name in names:
                    target, words = sizes["smallest"].get(name), text["smallest"].get(name)
                    print(
                        f"  {name}: smallest target {target['width']:.0f} × {target['height']:.0f} px ({target['what']}); "
                        f"smallest text {words['size']:.1f} px ({words['text']!r})"
                    )
        switch(page, "light", 1280)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(dict.fromkeys(problems))


def test_study_mode_names_its_keys_only_where_there_is_a_keyboard(server, open_site):
    """The study mode's "Keys: …" hint is for a keyboard: shown on a desktop, not on a phone."""
    page = open_site(width=1280, height=900)
    page.goto(server.url + "/flashcards/")
    wait_until(page, "document.querySelector('.flashcard-study__start')", 15)
    page.locator(".flashcard-study__start").click()
    keys = page.locator(".flashcard-study__keys")
    assert keys.is_visible() and keys.inner_text().startswith("Keys:")
    page.set_viewport_size({"width": 390, "height": 844})
    assert keys.is_hidden()
