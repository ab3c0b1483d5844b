"""The reader journeys, written once against the driver interface of browser_engines.py and
run in Chromium, Firefox and WebKit (test_engines.py) and at a Pages-style subpath
(test_subpath.py).

Everything a journey needs to know about the site's markup is in this file, and it uses
stable hooks only: ``.demo[data-demo=name]``, the ``data-ready`` attribute and the
``data-*`` results a demo publishes, fields by their ``name``, buttons by their text.
When a demo changes, its entry in DEMOS (or its journey below) is the one place to edit.
"""

import io
import re
import time

from pypdf import PdfReader

LESSONS = [
    "01-what-a-network-is",
    "02-neurons-weights-biases",
    "03-cost",
    "04-gradient-descent",
    "05-backpropagation",
    "06-backpropagation-calculus",
    "07-training",
    "08-seeing-it-whole",
]
COURSE = [page for lesson in LESSONS for page in (f"lessons/{lesson}/", f"lessons/{lesson}/practice/")]
DECK = "flashcards/"
NOTEBOOK = "notebooks/network-in-code/"
CARDS_PAGE = "lessons/08-seeing-it-whole/practice/"


def demo(name):
    return f"document.querySelector('.demo[data-demo={name}]')"


# Each demo's lesson and the expression that is truthy once it shows its first result
# (every demo asks Python for one as soon as the runtime is ready).
DEMOS = {
    "look-inside": ("01-what-a-network-is", f"{demo('look-inside')}.dataset.guess"),
    "one-neuron": ("02-neurons-weights-biases", f"{demo('one-neuron')}.dataset.z"),
    "count-knobs": ("02-neurons-weights-biases", f"{demo('count-knobs')}.dataset.parameters"),
    "weight-pictures": ("02-neurons-weights-biases", f"{demo('weight-pictures')}.dataset.network"),
    "score-guess": ("03-cost", f"{demo('score-guess')}.dataset.cost"),
    "roll-downhill": ("04-gradient-descent", f"{demo('roll-downhill')}.querySelector('.landscape__ball')"),
    "biggest-nudges": ("04-gradient-descent", f"{demo('biggest-nudges')}.dataset.computed"),
    "what-image-wants": ("05-backpropagation", f"{demo('what-image-wants')}.dataset.loaded"),
    "batch-vs-minibatch": ("05-backpropagation", f"{demo('batch-vs-minibatch')}.dataset.drawn"),
    "chain-rule": ("06-backpropagation-calculus", f"{demo('chain-rule')}.dataset.result"),
    "gradient-check": ("06-backpropagation-calculus", f"{demo('gradient-check')}.dataset.check"),
    "train": ("07-training", f"{demo('train')}.dataset.ready"),
    "one-step": ("08-seeing-it-whole", f"{demo('one-step')}.dataset.firstResultSeconds"),
}
# Demos whose first result waits for the reader: the button that starts them, and the
# expression that is truthy once that run has finished.
MAIN_ACTIONS = {
    "batch-vs-minibatch": ("Run both", f"{demo('batch-vs-minibatch')}.dataset.runs"),
}
# The page's runtime, through the probe (probe.js says why not an import() of our own).
RUNTIME = "window.__probe.runtime()"
# The runtime has booted (started now if the demo's prefetch has not started it yet).
LIVE = f"{RUNTIME}.then((r) => r.start().then(() => true))"
FIRST_RESULT_SECONDS = 120  # a cold runtime on a loaded 2-core machine


# ------------------------------------------------------------------ moving around


def page_ready(d):
    """The page is mounted: maths typeset, every demo and flashcard set ready."""
    d.wait(
        "document.querySelector('.md-content h1') && "
        "[...document.querySelectorAll('.demo[data-demo]')].every((e) => e.dataset.ready) && "
        "[...document.querySelectorAll('.flashcards')].every((e) => e.dataset.ready) && "
        "[...document.querySelectorAll('.md-content .arithmatex')].every((e) => e.querySelector('.katex'))",
        30,
    )


def go(d, path):
    """Go to a page of the site as a reader does: by a link in the sidebar (opening its
    section first if needed), so mkdocs-material's instant navigation swaps the page in
    place and the Python runtime is kept. A full load only when no site page is open."""
    if not d.evaluate("Boolean(window.__probe && window.document$)"):
        d.open(path)
        page_ready(d)
        return
    if d.path() == path:
        return
    target = d.server.site_url + path
    link = "nav.md-nav--primary a.md-nav__link"
    visible = d.evaluate(
        f"""[...document.querySelectorAll({link!r})].some((a) => a.href === arg
        && a.checkVisibility({{ visibilityProperty: true, checkVisibilityCSS: true }}))""",
        target,
    )
    if not visible:  # in a closed section: open it, as a reader does, by its label
        section = d.evaluate(
            f"""(() => {{ const a = [...document.querySelectorAll({link!r})].find((a) => a.href === arg);
            const item = a && a.closest('.md-nav__item--nested:not(.md-nav__item--active)') ;
            const label = item && item.querySelector(':scope > label.md-nav__link, :scope > .md-nav__container > label');
            return label ? label.getAttribute('for') : null; }})()""",
            target,
        )
        assert section, f"{d.name}: no way to {path} from the sidebar of {d.path()}"
        d.find(f"label[for='{section}']").click()
    follow(d, d.find(link, href=target), target)


def follow(d, link, target):
    """Click a link and wait until its page has replaced this one and is ready."""
    d.evaluate("window.__leaving = document.querySelector('.md-content')")
    link.click()
    d.wait(
        "location.href.split('#')[0] === arg && !(window.__leaving && window.__leaving.isConnected)",
        20,
        target,
    )
    page_ready(d)


def same_document(d):
    """Mark the loaded document; still marked later means instant navigation was used."""
    d.evaluate("window.__sameDocument = true")


def open_demo(d, name):
    """Go to the demo's lesson and scroll to it (it then prefetches the runtime)."""
    lesson, _ = DEMOS[name]
    go(d, f"lessons/{lesson}/")
    element = d.find(f".demo[data-demo={name}]")
    element.evaluate("arg.scrollIntoView({block: 'start'})")
    return element


def first_result(d, name):
    result = d.wait(DEMOS[name][1], FIRST_RESULT_SECONDS)
    d.wait(LIVE, FIRST_RESULT_SECONDS)  # a first result may be the build's preview: Python is ready too
    return result


# ------------------------------------------------------------------ journeys


def walk_the_course(d):
    """Home, then every lesson and practice page in order by the footer's Next link, each
    with its maths typeset and its demos and cards ready, all in one document."""
    go(d, "")
    same_document(d)
    visited = []
    for path in COURSE:
        follow(d, d.find("a.md-footer__link--next"), d.server.site_url + path)
        visited.append(path)  # page_ready: every formula typeset by KaTeX
    assert d.evaluate("window.__sameDocument === true"), "the walk left the document (no instant navigation)"
    assert visited == COURSE
    typeset = d.count(".md-content .arithmatex .katex")
    assert typeset > 0 or not d.count(".md-content .arithmatex")
    return visited


def first_results_everywhere(d):
    """Every demo's first result, lesson by lesson (one runtime for them all)."""
    times = {}
    for name in DEMOS:
        open_demo(d, name)
        started = time.monotonic()
        first_result(d, name)
        if name in MAIN_ACTIONS:
            button, done = MAIN_ACTIONS[name]
            d.find("button", text=button, within=f".demo[data-demo={name}]").click()
            d.wait(done, FIRST_RESULT_SECONDS)
        times[name] = round(time.monotonic() - started, 2)
    return times


def look_inside(d):
    """Lesson 1: a picked held-out image, then a drawn digit, each with the network's guess."""
    element = open_demo(d, "look-inside")
    first_result(d, "look-inside")
    d.find("input[name=image_index]", within=".demo[data-demo=look-inside]").fill("42", then=["Enter"])
    d.wait(
        "/^Held-out image 42,/.test(document.querySelector('.demo[data-demo=look-inside] .look-inside__caption').textContent)",
        20,
    )
    guess = d.wait(
        f"{demo('look-inside')}.dataset.source !== 'drawing' && {demo('look-inside')}.dataset.guess", 20
    )
    assert guess in "0123456789"
    # a small 1, drawn in the top-left corner of the pad: fitted, centred and read
    pad = d.find("canvas.look-inside__pad", within=".demo[data-demo=look-inside]")
    pad.drag([(0.2, 0.08), (0.2, 0.2), (0.19, 0.3), (0.19, 0.42)])
    d.wait(f"{demo('look-inside')}.dataset.source === 'drawing'", 20)
    d.wait(f"{RUNTIME}.then((r) => r.jobs.size === 0)", 20)
    drawn = element.evaluate("arg.querySelector('.look-inside__guess').textContent")
    assert re.fullmatch(r"Guess: \d", drawn), drawn
    return {"picked": guess, "drawn": drawn[-1]}


def train(d, epochs=3):
    """Lesson 7: Train for a few epochs; the cost falls and the held-out accuracy rises."""
    element = open_demo(d, "train")
    d.find("input[name=epochs]", within=".demo[data-demo=train]").fill(str(epochs))
    clicked = time.monotonic()
    d.find("button", text="Train", within=".demo[data-demo=train]").click()
    d.wait(f"{demo('train')}.querySelector('.demo__status').dataset.kind === 'done'", 180)
    wall = time.monotonic() - clicked
    rows = element.evaluate("""[...arg.querySelectorAll('.demo__numbers tbody tr')]
        .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))""")
    assert [int(r[0]) for r in rows] == list(range(1, epochs + 1)), rows
    cost = [float(r[1]) for r in rows]
    held_out = [float(r[3].rstrip("%")) for r in rows]
    assert cost[-1] < cost[0], cost
    assert held_out[-1] > held_out[0], held_out
    assert held_out[-1] >= 85.0, held_out
    status = element.evaluate("arg.querySelector('.demo__status').textContent")
    seconds = float(re.search(r"\(([\d.]+) s of training\)", status).group(1))
    d.wait(
        "document.querySelector('.demo[data-demo=train] .demo__answer').textContent.includes('The network answers')",
        30,
    )
    return {"held_out": held_out, "cost": cost, "seconds_per_epoch": seconds / epochs, "click_to_done": wall}


def one_step(d):
    """Lesson 8: Next through every phase of one gradient-descent step."""
    element = open_demo(d, "one-step")
    first_result(d, "one-step")
    phases = element.evaluate("arg.querySelectorAll('.one-step__phases li').length")
    assert phases >= 5
    for phase in range(1, phases):
        d.find("button", text="Next", within=".demo[data-demo=one-step]").click()
        d.wait(f"{demo('one-step')}.dataset.phase === arg", 20, str(phase))
        current = element.evaluate("arg.querySelector('.one-step__phases [aria-current]').textContent")
        assert current.strip(), phase
    assert element.evaluate("arg.querySelector('.one-step__text').textContent.includes('%')")
    return phases


def gradient_check(d):
    """Lesson 6: Check: backprop's slope against a finite difference, agreeing closely."""
    import json

    open_demo(d, "gradient-check")
    first = json.loads(first_result(d, "gradient-check"))
    field = d.find("input[name=check_h]", within=".demo[data-demo=gradient-check]")
    field.fill("1e-6")
    d.find("button", text="Check", within=".demo[data-demo=gradient-check]").click()
    result = json.loads(
        d.wait(
            f"JSON.parse({demo('gradient-check')}.dataset.check).h === 1e-6 && "
            f"{demo('gradient-check')}.dataset.check",
            30,
        )
    )
    assert first["relative"] < 1e-6 and result["relative"] < 1e-6, (first, result)
    assert "agree" in d.find(".gradient-check__verdict").text()
    return result["relative"]


# ------------------------------------------------------------------ flashcards


def flip_cards(d):
    """A practice page's cards flip by mouse (the button, or anywhere on the card) and by keyboard."""
    go(d, CARDS_PAGE)
    toggle = d.find(".flashcards div.flashcard .flashcard__toggle")
    expanded = lambda: toggle.attribute("aria-expanded")
    assert expanded() == "false" and toggle.text() == "Show answer"
    toggle.click()
    assert expanded() == "true" and toggle.text() == "Hide answer"
    d.find(".flashcards div.flashcard .flashcard__question").click()
    assert expanded() == "false"
    toggle.focus()
    d.press("Enter")
    assert expanded() == "true"
    d.press("Space")
    assert expanded() == "false"
    d.press("Tab")  # on to the next card's button
    assert d.evaluate(
        "document.activeElement.classList.contains('flashcard__toggle') && "
        "document.activeElement !== document.querySelector('.flashcards div.flashcard .flashcard__toggle')"
    )
    d.press("Space")
    assert d.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    d.press("Space")


def print_cards(d):
    """Print flashcards: one card per page. Counted in the printed PDF where the driver can
    print; elsewhere (WebKit) from the print stylesheet's layout, its print rules applied
    to the screen: one page box per card, each breaking after it, nothing else shown."""
    go(d, CARDS_PAGE)
    cards = d.count(".flashcards div.flashcard")
    d.evaluate("(window.__prints = 0, window.print = () => { window.__prints += 1; })")
    d.find("button", text="Print flashcards").click()
    assert d.evaluate("window.__prints") == 1
    assert d.evaluate("document.documentElement.classList.contains('flashcards-printing')")
    try:
        if d.can_print:
            pages = PdfReader(io.BytesIO(d.pdf())).pages
            texts = [" ".join(p.extract_text().split()) for p in pages]
            assert len(pages) == cards, f"{d.name}: {len(pages)} printed pages for {cards} cards"
            for number, text in enumerate(texts, 1):
                assert f"card {number} of {cards}" in text.lower(), (number, text[:200])
            return {"pages": len(pages), "by": "PDF"}
        layout = d.evaluate(PRINT_LAYOUT)
        assert layout["pages"] == cards, layout
        assert layout["breaks"] == cards - 1, layout
        assert layout["overflowing"] == 0, layout
        assert layout["otherShown"] == 0, layout
        return {"pages": layout["pages"], "by": "print stylesheet layout"}
    finally:
        d.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert not d.evaluate("document.documentElement.classList.contains('flashcards-printing')")


# Applies every @media print rule of the site's own stylesheets to the screen for a
# moment, measures the print copy, and puts the rules back.
PRINT_LAYOUT = """(() => {
  const changed = [];
  for (const sheet of document.styleSheets) {
    let rules; try { rules = sheet.cssRules; } catch { continue; }
    for (const rule of rules) {
      if (rule.media && [...rule.media].includes('print')) { changed.push([rule, rule.media.mediaText]); rule.media.mediaText = 'all'; }
    }
  }
  try {
    const pages = [...document.querySelectorAll('.flashcards-print__page')].filter((p) => p.getClientRects().length);
    const breaks = pages.filter((p) => ['page', 'always'].includes(getComputedStyle(p).breakAfter || getComputedStyle(p).pageBreakAfter)).length;
    const overflowing = pages.filter((p) => [...p.querySelectorAll('.flashcards-print__text')].some((t) => t.scrollHeight > t.clientHeight + 1)).length;
    const otherShown = [...document.body.children].filter((e) => !e.classList.contains('flashcards-print') && e.tagName !== 'SCRIPT' && e.getClientRects().length).length;
    return { pages: pages.length, breaks, overflowing, otherShown, rules: changed.length };
  } finally {
    for (const [rule, text] of changed) rule.media.mediaText = text;
  }
})()"""


# ------------------------------------------------------------------ the deck page's study mode

STUDY = ".flashcard-study"


def study_next_card(d):
    """The deck page: Study now, Show answer, Good; the next card comes and the schedule is kept."""
    go(d, DECK)
    d.wait("document.querySelector('.flashcard-study__start')", 20)
    d.evaluate("localStorage.removeItem('nn-flashcards')")
    d.reload()
    d.wait("document.querySelector('.flashcard-study__start')", 20)
    d.find(".flashcard-study__start").click()
    first = d.find(".flashcard-study__card").attribute("data-card-id")
    d.find("button", text="Show answer", within=STUDY).click()
    d.find(".flashcard-study__rate--good").click()
    second = d.wait(
        "document.querySelector('.flashcard-study__card').dataset.cardId !== arg && "
        "document.querySelector('.flashcard-study__card').dataset.cardId",
        10,
        first,
    )
    assert second != first
    # by keyboard: Space shows the answer, 4 rates it Easy
    d.press("Space")
    d.wait("!document.querySelector('.flashcard-study__ratings').hidden", 5)
    d.press("4")
    saved = d.evaluate("JSON.parse(localStorage.getItem('nn-flashcards'))")
    assert saved and len(saved["cards"]) == 2 and first in saved["cards"] and second in saved["cards"]
    d.find("button", text="End session", within=STUDY).click()
    assert d.find(".flashcard-study__progress").text().startswith("Studied 2 of")
    d.evaluate("localStorage.removeItem('nn-flashcards')")


def study_without_storage(d, mode):
    """Storage the browser refuses: blocked ("throws"), turned off ("null") or full ("full",
    filled for real to the engine's quota). A clear notice; studying still works."""
    go(d, DECK)
    if mode == "full":
        filled = d.evaluate(FILL_STORAGE)
        d.reload()
    else:
        filled = None
        d.set_storage_mode(mode)
        d.reload()
    try:
        d.wait("document.querySelector('.flashcard-study__start')", 20)
        page_ready(d)
        notice = d.find(".flashcard-study__notice", timeout=2) if mode != "full" else None
        if notice:
            assert "does not let the site keep your progress" in notice.text(), notice.text()
        d.find(".flashcard-study__start").click()
        first = d.find(".flashcard-study__card").attribute("data-card-id")
        d.find("button", text="Show answer", within=STUDY).click()
        d.find(".flashcard-study__rate--good").click()
        d.wait("document.querySelector('.flashcard-study__card').dataset.cardId !== arg", 10, first)
        if mode == "full":
            notice = d.find(".flashcard-study__notice")
            assert "could not be saved" in notice.text(), notice.text()
        d.find("button", text="End session", within=STUDY).click()
        assert d.find(".flashcard-study__progress").text().startswith("Studied 1 of")  # kept for this visit
        # the rest of the page still works: a card of the deck flips
        toggle = d.find(".flashcard-deck div.flashcard .flashcard__toggle")
        toggle.click()
        assert toggle.attribute("aria-expanded") == "true"
        return filled
    finally:
        if mode == "full":
            d.evaluate("localStorage.clear()")
        else:
            d.set_storage_mode(None)
        d.reload()
        page_ready(d)


# Fills this origin's localStorage until the engine refuses more; returns the bytes stored.
FILL_STORAGE = """(() => {
  localStorage.clear();
  let chunk = 'x'.repeat(1 << 20), stored = 0, i = 0;
  while (chunk.length >= 16) {
    try { localStorage.setItem('filler-' + i++, chunk); stored += chunk.length; }
    catch { chunk = chunk.slice(0, chunk.length >> 1); }
  }
  return stored;
})()"""


# ------------------------------------------------------------------ policy


def policy_refuses_a_foreign_image(d):
    """The page's Content-Security-Policy refuses an image from another host, and the
    refusal is seen (the reader's browser never contacts that host)."""
    go(d, "")
    d.evaluate(
        "(() => { const img = document.createElement('img'); img.src = 'http://example.com/pixel.png';"
        "document.body.append(img); })()"
    )
    d.wait(
        "window.__probe.problems.some((p) => p.includes('CSP violation') && p.includes('example.com'))", 10
    )
    d.evaluate("document.querySelector('img[src=\"http://example.com/pixel.png\"]').remove()")
    # The engine's own report of the refusal (Firefox's BiDi log) can arrive a moment after
    # the page's: collect until a second passes with nothing new, so none of it is left
    # over for the next journey to meet.
    seen, quiet_since, deadline = [], time.monotonic(), time.monotonic() + 10
    while time.monotonic() < deadline and time.monotonic() - quiet_since < 1.0:
        new = d.problems()
        if new:
            seen += new
            quiet_since = time.monotonic()
        time.sleep(0.1)
    return seen


# ------------------------------------------------------------------ a notebook page

NOTEBOOK_PLOTS = """(() => {
  const plots = [...document.querySelectorAll('.jupyter-wrapper .jp-RenderedImage img')];
  return plots.length > 0 && plots.every((img) => img.complete && img.naturalWidth > 100 && img.alt) && plots.length;
})()"""


def notebook_page(d):
    """A "Build it in code" page: its plots show and the notebook it offers downloads."""
    go(d, NOTEBOOK)
    plots = d.wait(NOTEBOOK_PLOTS, 20)
    assert d.find(".nn-run-it").visible()
    link = d.find(".nn-run-it a[download]")
    href = link.evaluate("arg.href")
    assert href.startswith(d.server.site_url), href
    cells = d.evaluate("fetch(arg).then((r) => r.json()).then((nb) => nb.cells.length)", href)
    assert cells > 3
    return plots


# ------------------------------------------------------------------ gates: hostile input, faults

# Short: WebKitWebDriver types about 30 keys a second (the full attack string runs in
# Chromium's gate, tests/gates/test_hostile.py).
MARKUP = "<img src=x>"
FIELDS = "[...document.querySelectorAll('.demo input[type=text][data-min]')].filter((e) => e.checkVisibility() && !e.readOnly && !e.disabled)"
CALLS = f"{RUNTIME}.then((r) => r.callsSent)"


def settle(d):
    """Wait until no demo on the page is still asking Python for something."""
    last, stable = d.evaluate(CALLS), 0
    while stable < 4:
        time.sleep(0.15)
        now = d.evaluate(CALLS)
        stable = stable + 1 if now == last and d.evaluate(f"{RUNTIME}.then((r) => r.jobs.size === 0)") else 0
        last = now


def hostile_input(d):
    """Every field of every demo refuses markup and a number past its maximum with a
    message beside it, sends nothing to Python, and takes a good value again. (The full
    list of probes runs in Chromium: tests/gates/test_hostile.py; here, the events and
    messages of each engine.) Each value is typed so that none of its prefixes is a
    usable number either: Selenium types key by key, and a demo that answers as the
    reader types rightly sends a prefix such as "1" of "11"."""
    tried = 0
    for lesson in dict.fromkeys(lesson for lesson, _ in DEMOS.values()):
        go(d, f"lessons/{lesson}/")
        for name, (home, ready) in DEMOS.items():
            if home == lesson:
                d.find(f".demo[data-demo={name}]").evaluate("arg.scrollIntoView({block: 'start'})")
                d.wait(ready, FIRST_RESULT_SECONDS)
        d.wait(LIVE, FIRST_RESULT_SECONDS)
        settle(d)
        for index in range(d.evaluate(f"{FIELDS}.length")):
            field = d.element(f"{FIELDS}[arg]", index)
            before = field.evaluate(
                f"{CALLS}.then((calls) => {{ arg.focus(); arg.select(); "
                "return {calls, value: arg.value, name: arg.name}; })"
            )
            where = f"{d.name} {lesson} {before['name']}"
            # markup, and a number past every maximum typed so that no prefix is usable: "e9", then 5 before it
            for value, keys in ((MARKUP, ["Enter"]), ("e9", ["Home", "5", "Enter"])):
                field.type_over(value, keys)
                state = field.evaluate(FIELD_STATE)
                assert state["invalid"] == "true", f"{where}: accepted {value!r}"
                assert len(state["message"]) > 10, (
                    f"{where}: no clear message for {value!r} ({state['message']!r})"
                )
                assert state["markup"] == 0, f"{where}: markup became an element"
                tried += 1
            assert d.evaluate(CALLS) == before["calls"], f"{where}: a refused value reached Python"
            field.type_over(before["value"], ["Enter"])
            assert field.attribute("aria-invalid") == "false", f"{where}: the good value was refused"
            settle(d)  # the good value's own answer, before the next field counts calls
    return tried


# A field's state after a value was entered; selects its text again for the next one.
FIELD_STATE = """(() => {
  const state = { invalid: arg.getAttribute('aria-invalid'), markup: document.querySelectorAll("img[src='x']").length,
    message: document.getElementById(arg.getAttribute('aria-describedby').split(' ')[0]).textContent.trim() };
  arg.focus(); arg.select();
  return state;
})()"""


FAILED = "document.querySelector('.demo[data-demo=train] .demo__runtime--failed:not([hidden])')"


def runtime_fault_and_retry(d, path, kind):
    """A runtime file missing or damaged: a clear error with Retry; once the file is back,
    Retry loads the runtime and Train works. (A fresh page, so a fresh runtime.)"""
    d.server.faults.set(path, kind)
    # a runtime an earlier journey ran is kept for offline use: start from none kept
    d.evaluate(
        "typeof caches === 'undefined' ? null : caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))"
    )
    try:
        d.open("lessons/07-training/")
        page_ready(d)
        d.find("input[name=epochs]", within=".demo[data-demo=train]").fill("1")
        d.find("button", text="Train", within=".demo[data-demo=train]").click()
        d.wait(FAILED, 90)
        box = d.find(".demo[data-demo=train] .demo__runtime").text()
        assert ("could not load" in box or "stopped" in box) and "Retry" in box, box
        assert d.find(".demo[data-demo=train] .demo__about").visible()  # the lesson's text stays
    finally:
        d.server.faults.clear()
    d.find("button", text="Retry", within=".demo[data-demo=train]").click()
    d.wait(f"{RUNTIME}.then((r) => r.state === 'ready')", 90)
    d.find("button", text="Train", within=".demo[data-demo=train]").click()
    d.wait(f"{demo('train')}.dataset.epoch === '1'", 90)
    return box


def worker_dies_mid_training(d):
    """The worker goes silent in the middle of a long run: the watchdog notices within a
    few seconds, says so, and a fresh worker trains again."""
    go(d, "lessons/07-training/")
    d.find("input[name=epochs]", within=".demo[data-demo=train]").fill("100")
    d.find("button", text="Train", within=".demo[data-demo=train]").click()
    d.wait(f"Number({demo('train')}.dataset.epoch) >= 1", 90)
    d.evaluate(
        f"{RUNTIME}.then((r) => {{ r.worker.onmessage = null; r.worker.terminate(); }})"
    )  # dies without a word
    killed = time.monotonic()
    d.wait(f"{demo('train')}.querySelector('.demo__status').textContent.includes('stopped responding')", 15)
    noticed = time.monotonic() - killed
    d.find("input[name=epochs]", within=".demo[data-demo=train]").fill("1")
    d.find("button", text="Train", within=".demo[data-demo=train]").click()
    d.wait(f"{demo('train')}.querySelector('.demo__status').dataset.kind === 'done'", 90)
    return noticed


# ------------------------------------------------------------------ offline (test_offline_engines.py)

OFFLINE_PAGE = "offline/"
CONTROL = "document.querySelector('[data-offline-control]')"
HEADER_STATUS = "document.querySelector('[data-offline-status]')"
FALLBACK_TITLE = "This page is not saved on this device yet"
# Why an engine offers no offline use, in its own words: the control's text and what
# navigator.serviceWorker.register() answers.
WHY_NOT = """navigator.serviceWorker
  ? navigator.serviceWorker.register(new URL('sw.js', __md_scope).href, { scope: __md_scope.href })
      .then(() => 'register() succeeded', (e) => `register() refused: ${e.name}: ${e.message}`)
  : 'navigator.serviceWorker is ' + typeof navigator.serviceWorker"""


def save_for_offline(d):
    """Use it offline: press Save and wait for "Saved"; the header's button says saved too.
    Returns the saved status, or None and why this engine offers no offline use."""
    d.open(OFFLINE_PAGE)
    state = d.wait(
        f"['ready', 'incomplete', 'saved', 'unavailable', 'error'].includes({CONTROL}.dataset.state)"
        f" && {CONTROL}.dataset.state",
        30,
    )
    said = d.find(".offline-control__status").text()
    if state in ("unavailable", "error"):
        return None, f"the page says {said!r}; {d.evaluate(WHY_NOT)}"
    d.find("button", text="Save this course for offline use").click()
    state = d.wait(f"['saved', 'error'].includes({CONTROL}.dataset.state) && {CONTROL}.dataset.state", 180)
    said = d.find(".offline-control__status").text()
    assert state == "saved", f"{d.name}: {said}"
    assert d.evaluate(f"{HEADER_STATUS}.dataset.state") == "saved"
    assert d.evaluate(f"{HEADER_STATUS}.getAttribute('aria-label')").startswith(
        "Offline use: saved on this device"
    )
    return said, None


def offline_course(d):
    """With the network cut (the test's server shut down): every lesson page from the
    saved copy, Train to 85 % on held-out digits, and for a page the copy has lost the
    fallback page, whose links open what is kept."""
    for lesson in LESSONS:
        d.open(f"lessons/{lesson}/")
        page_ready(d)
        assert d.count("body.offline-fallback") == 0, f"{d.name}: lessons/{lesson}/ is not in the saved copy"
        state = d.wait(f"{HEADER_STATUS}.dataset.state !== 'checking' && {HEADER_STATUS}.dataset.state", 15)
        assert state == "saved", f"{d.name}: the header says {state} on lessons/{lesson}/"
    trained = train(d)

    # a page the copy lost (deleted here, as a browser short of space may): the fallback page
    lost = "lessons/03-cost/practice/"
    d.evaluate(
        "caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('nn-course-'))"
        ".map((n) => caches.open(n).then((c) => c.delete(arg)))))",
        d.server.site_url + lost + "index.html",
    )
    d.open(lost)
    d.wait(f"document.querySelector('h1')?.textContent === {FALLBACK_TITLE!r}", 15)
    assert d.evaluate("location.href") == d.server.site_url + lost
    summary = d.wait(
        "(t => !t.startsWith('Open the') && t)(document.querySelector('.offline-fallback__summary').textContent.trim())",
        15,
    )
    assert summary == "25 of the course's 26 pages are kept on this device:", summary
    d.find("button", text="Try again")
    follow_link = d.find(".offline-fallback__pages a", text="The cost: measuring wrongness")
    follow_link.click()
    d.wait("location.pathname.endsWith('/lessons/03-cost/') && document.querySelector('article h1')", 15)
    page_ready(d)
    assert d.count("body.offline-fallback") == 0
    return trained
