"""Gate: every field of every demo on every page refuses hostile input with a clear
message beside it, executes nothing, sends nothing to Python, and recovers.

Fields publish their rule (data-min, data-max, data-integer, data-exclusive-min,
data-list) so the probes include each bound: just below the minimum, just above the
maximum. No reader-controlled text may reach innerHTML: the scripts must not use it.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import site_pages, wait_until

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent.parent
MARKUP = "<img src=x onerror=alert(1)>"
ALWAYS_BAD = ["abc", "", "NaN", "Infinity", "-Infinity", "1e999", "9" * 500, MARKUP, "0x10", "1 2", "١٢"]


def probes(rule):
    values = list(ALWAYS_BAD)
    if rule["list"]:
        values.remove("1 2")  # sizes may be separated by spaces
        if rule["list"].startswith("0-"):
            values.remove("")  # an empty list of layer sizes means no hidden layer: allowed
    low, high = float(rule["min"]), float(rule["max"])
    values += [repr(high * 10 + 1), repr(-abs(high) * 10 - 1) if low > -abs(high) * 10 - 1 else None]
    if rule["exclusive"]:
        values.append(repr(low))
    if low >= 0:
        values.append("-1")
    if rule["integer"]:
        values.append(repr(low + 0.5))
    if rule["list"]:
        values += ["16,,16", "16, abc", ",", "1;2", ", ".join(["8"] * 20)]
    return [v for v in values if v is not None]


def demo_pages(site_dir):
    return [
        p
        for p in site_pages(site_dir)
        if 'class="demo"'
        in (site_dir / (p.lstrip("/") + ("index.html" if p.endswith("/") else ""))).read_text()
    ]


def calls(page):
    return page.evaluate("import('/assets/js/runtime/client.js').then(m => m.getRuntime().callsSent)")


def settle(page):
    """Let the page's demos load the runtime and show their first results (a demo asks
    for one as soon as the runtime is ready), so every later call is the probes' doing."""
    wait_until(
        page, "import('/assets/js/runtime/client.js').then(m => m.getRuntime().start().then(() => true))", 120
    )
    last, stable = calls(page), 0
    while stable < 5:
        page.wait_for_timeout(200)
        now = calls(page)
        stable = stable + 1 if now == last else 0
        last = now


def test_no_script_writes_html_from_strings():
    """No innerHTML/outerHTML/insertAdjacentHTML/document.write anywhere in our scripts."""
    offenders = []
    for script in (ROOT / "docs" / "assets" / "js").rglob("*.js"):
        for number, line in enumerate(script.read_text().splitlines(), 1):
            if re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", line):
                offenders.append(f"{script.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_every_demo_field_refuses_hostile_input(site_dir, server, page):
    tried = {}
    pages = demo_pages(site_dir)
    assert pages, "no page has a demo"
    for path in pages:
        page.goto(server.url + path)
        wait_until(page, "[...document.querySelectorAll('.demo[data-demo]')].every(d => d.dataset.ready)", 20)
        settle(page)
        fields = page.locator(".demo input[type=text][data-min]")
        for i in range(fields.count()):
            field = fields.nth(i)
            if not field.is_visible() or not field.is_editable():
                continue
            demo = field.evaluate("e => e.closest('.demo').dataset.demo")
            rule = field.evaluate("""e => ({min: e.dataset.min, max: e.dataset.max, integer: e.dataset.integer === 'true',
                exclusive: e.dataset.exclusiveMin === 'true', list: e.dataset.list || ''})""")
            original = field.input_value()
            message = page.locator("#" + field.get_attribute("aria-describedby").split()[0])
            before = calls(page)
            for value in probes(rule):
                field.fill(value)
                field.press("Enter")
                label = field.evaluate(
                    "e => e.getAttribute('aria-label') || "
                    "document.querySelector(`label[for='${e.id}']`).textContent"
                )
                assert field.get_attribute("aria-invalid") == "true", (
                    f"{path} {demo} '{label}' accepted {value[:40]!r}"
                )
                text = message.inner_text().strip()
                assert len(text) > 10, f"{path} {demo} '{label}': no clear message for {value[:40]!r}"
                assert "<img" not in text or "written in digits" in text or "too long" in text
                tried[demo] = tried.get(demo, 0) + 1
            assert page.locator("img[src='x']").count() == 0, "markup was turned into an element"
            assert calls(page) == before, f"{path} {demo}: a refused value reached Python"
            field.fill(original)
            field.press("Enter")
            assert field.get_attribute("aria-invalid") == "false"
            assert message.inner_text().strip() == ""
    print("\nhostile values tried per demo:", ", ".join(f"{k} {v}" for k, v in sorted(tried.items())))
    assert tried
