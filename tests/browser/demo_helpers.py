"""What the lesson 6–8 demo tests share: opening a demo, reading numbers the page shows,
counting requests that reached Python, and the nonsense every input gets."""


from tests.conftest import wait_until

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
    return page.locator(f"#{field.get_attribute('aria-describedby')}").inner_text()


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
