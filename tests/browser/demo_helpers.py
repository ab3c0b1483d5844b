"""What the demos' browser tests share: the lessons' paths, opening a demo or a lesson page,
reading numbers the page shows, counting requests that reached Python, and the nonsense every
input gets."""

import re
import time

from tests.conftest import wait_until

# The lessons' pages.
L1 = "/lessons/01-what-a-network-is/"
L2 = "/lessons/02-neurons-weights-biases/"
L3 = "/lessons/03-cost/"
L4 = "/lessons/04-gradient-descent/"
L5 = "/lessons/05-backpropagation/"


# The page's runtime module, found from the site's base (mkdocs-material's __md_scope), so
# the helpers work when the site is served under a path, as on GitHub Pages.
CALLS = "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime().callsSent)"

# Values no field should accept, whatever its bounds (each field adds its own out-of-range ones).
NONSENSE = [
    ("abc", "written in digits"),
    ("", "is empty"),
    ("NaN", "written in digits"),
    ("Infinity", "written in digits"),
    ("1e999", "finite"),
    ("9" * 40, "too long"),
    ("<img src=x onerror=alert(1)>", "too long"),
    ("0x10", "written in digits"),
]


def open_demo(page, server, path, name, timeout=20):
    page.goto(server.url + path)
    wait_until(page, f"document.querySelector('.demo[data-demo={name}][data-ready]')", timeout)
    demo = page.locator(f".demo[data-demo={name}]")
    demo.scroll_into_view_if_needed()  # as a reader would; the demo then prefetches its runtime
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return demo


# The page's runtime is ready. A demo's first result no longer means Python has loaded: the
# build's previews answer its first calls before (docs/assets/js/runtime/previews.js).
LIVE = "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime().state === 'ready')"


def wait_live(page, timeout=120):
    """Wait for the page's Python runtime (started by the demo's prefetch) to be ready."""
    wait_until(page, LIVE, timeout)


def calls_sent(page):
    return page.evaluate(CALLS)


def number(text):
    """A number as the page writes it (real minus signs, "× 10⁻⁵")."""
    text = text.strip().replace("−", "-")
    if "×" in text:
        mantissa, power = text.split("×")
        exponent = power.strip()[2:].translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789"))
        return float(mantissa) * 10 ** int(exponent)
    return float(text)


def message_for(page, field):
    """The message beside a field (the first element its aria-describedby names)."""
    return page.locator("#" + field.get_attribute("aria-describedby").split()[0]).inner_text()


def refuse_everything(page, demo, field, extra=(), commit=lambda field: field.press("Tab")):
    """Type every nonsense value into field; each gets a message beside it, aria-invalid,
    and nothing reaches Python. Returns the messages seen."""
    before = calls_sent(page)
    seen = []
    for value, expected in [*NONSENSE, *extra]:
        field.fill(value)
        commit(field)
        invalid, text = field.evaluate("""input => [input.getAttribute('aria-invalid'),
            document.getElementById(input.getAttribute('aria-describedby')).textContent]""")
        assert expected in text, (value, text)
        assert invalid == "true", value
        seen.append(text)
    page.wait_for_timeout(200)
    assert calls_sent(page) == before, "a refused value reached Python"
    assert demo.locator("img").count() == 0 and not page.dialogs  # the markup stayed text
    return seen


# ------------------------------------------------------------------ lessons 1–3's demos

# What a reader might type into a number field, and a word the message must contain.
WHOLE_NUMBER_NONSENSE = [
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


def assert_refused(page, field, submit, value, expected):
    """Type a value, submit it, and check the page explains and Python never hears of it."""
    before = calls_sent(page)
    field.fill(value)
    submit()
    assert field.get_attribute("aria-invalid") == "true", value
    text = message_for(page, field)
    assert expected in text, (value, text)
    assert calls_sent(page) == before, f"{value!r} reached Python"


# ------------------------------------------------------------------ lessons 4–5's demos

# Text no number field should accept (lessons 4–5's demos; each field adds its own out-of-range values).
TYPED_NONSENSE = [
    "abc",
    "",
    "   ",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "9" * 40,
    "<img src=x onerror=alert(1)>",
    "3,5",
    "0x10",
]


FIRST_RESULTS = {
    # every demo of a page asks Python for a first result once the runtime is ready
    L4: [
        "document.querySelector('.demo[data-demo=roll-downhill] .landscape__ball')",
        "document.querySelector('.demo[data-demo=biggest-nudges]').dataset.computed",
    ],
    L5: [
        "document.querySelector('.demo[data-demo=what-image-wants]').dataset.loaded",
        "document.querySelector('.demo[data-demo=batch-vs-minibatch]').dataset.drawn",
    ],
}


def first_results(page, lesson):
    """Wait until every demo on the page has shown its first result (so that the number of
    requests sent to Python only changes when the reader asks for something)."""
    for expression in FIRST_RESULTS[lesson]:
        wait_until(page, expression, 90)
    wait_live(page)  # the first results may be the build's previews


def data(page, name, key):
    return page.evaluate(f"document.querySelector('.demo[data-demo={name}]').dataset.{key}")


def status(demo):
    return demo.locator(".demo__status").inner_text()


def number_as_written(text):
    """A number as the page writes it (− for minus, × 10⁻ⁿ for powers of ten), checking it is
    written in exactly that form."""
    text = text.replace("−", "-").strip()
    m = re.match(r"^(-?[\d.]+)(?: × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$", text)
    assert m, text
    value = float(m.group(1))
    if m.group(2):
        exponent = int(m.group(2).translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
        value *= 10**exponent
    return value


def refuse(page, demo, label, values, press, message_needed=True):
    """Type each value into a field, press a button: a message beside the field, the field
    marked invalid, no request reaches Python, and no markup from the value gets in."""
    field = demo.get_by_label(label)
    before = calls_sent(page)
    for value in values:
        field.fill(value)
        press()
        message = page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()
        assert field.get_attribute("aria-invalid") == "true", (label, value)
        if message_needed:
            assert label.split(" (")[0] in message or "must" in message or "empty" in message, (
                label,
                value,
                message,
            )
        assert calls_sent(page) == before, (label, value)
    assert page.evaluate("document.querySelectorAll('.demo img').length") == 0
