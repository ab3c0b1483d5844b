"""Shared fixtures: the built site, a local server for it, and headless Chromium.

The site is built once per test session with ``mkdocs build --strict`` into a
temporary folder and served from 127.0.0.1 by a small threaded server that can also
inject faults (a missing or truncated file). Browser tests drive Debian's Chromium
through Playwright; every page fixture fails its test if the page requested any
other host, logged a console error, or hit a Content-Security-Policy violation.

The reader journeys (tests/journeys/) have two more builds and servers of their own:
``journey_server`` (the site at its own address, with the observer probe) and
``subpath_server`` (the site built for and served under /course/, as GitHub Pages
serves a project site).
"""

import http.server
import mimetypes
import os
import shutil
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")


# ---------------------------------------------------------------- the built site


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server_port():
    """The port the test server will use: the site is built for that address, so its
    sitemap names the pages the browser sees and instant navigation works as deployed."""
    return free_port()


def build_site(target, site_url):
    """mkdocs build --strict (a warning fails the build) for the address site_url.

    Builds share the cache of build steps (.cache/); with tests in parallel (make test runs
    pytest -n 2) one build at a time holds it, so a cold cache is filled once, not raced."""
    import fcntl

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    lock = Path(os.environ.get("NN_CACHE", ROOT / ".cache")) / "build.lock"
    lock.parent.mkdir(exist_ok=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
        )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return target


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, server_port):
    """The site, built once with --strict (a warning fails the build)."""
    return build_site(tmp_path_factory.mktemp("site"), f"http://127.0.0.1:{server_port}/")


@pytest.fixture(scope="session")
def build_stats(site_dir):
    import json

    return json.loads((site_dir / "build-stats.json").read_text())


@pytest.fixture(scope="session")
def digits(site_dir):
    """The digit data set exactly as the site serves it."""
    from pylib import load_digits

    return load_digits(site_dir / "data" / "digits.npz")


@pytest.fixture(scope="module")
def session(site_dir):
    """pylib.demos set up natively on the site's data and shipped weights, as the page's
    worker sets it up; module-scoped, since demos keep state (the trained network)."""
    from pylib import demos

    data = site_dir / "data"
    demos.setup(str(data / "digits.npz"), str(data / "shipped-weights.npz"), str(data / "one-step.npz"))
    return demos.session()


def demo_call(name, options=None, **more):
    """Call a demo function as the page does (JSON in, JSON out)."""
    import json

    from pylib import demos

    return json.loads(demos.call(name, json.dumps({**(options or {}), **more})))


class Faults:
    """Paths the server should answer badly: "missing" gives 404, "truncated" half the file,
    "slow" the whole file spread evenly over ``SLOW_SECONDS`` (a link a test can watch)."""

    SLOW_SECONDS = 2.0

    def __init__(self):
        self.rules = {}

    def set(self, path_fragment, kind):
        self.rules[path_fragment] = kind

    def clear(self):
        self.rules.clear()

    def match(self, path):
        for fragment, kind in self.rules.items():
            if fragment in path:
                return kind
        return None


class Server:
    """The built site on 127.0.0.1, optionally under a base path (as GitHub Pages serves a
    project site under /<repo>/), with faults on demand and a log of every request.

    ``headers`` are sent with every answer (make bench: cross-origin isolation).
    ``probe`` (the journeys' server) adds a small observer script to every page and the
    runtime's worker (tests/journeys/probe.js: console errors, uncaught errors, policy
    violations, seen in every engine), and answers as a proxy too: a browser pointed at
    it for other hosts (WebKit sends even 127.0.0.1 through it) gets the site for this
    server's own address and a refusal, recorded in ``foreign``, for any other host.
    """

    def __init__(self, root, port=0, *, base="/", probe=False, headers=None):
        self.root = root
        self.base = base
        self.faults = Faults()
        self.requests = []
        self.outside = []  # requests for a path outside base (the site asked for /… instead of its base)
        self.foreign = []  # requests for another host that came here as to a proxy
        server = self
        probes = (Path(__file__).resolve().parent / "journeys") if probe else None

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def log_message(self, *args):
                pass

            def translate_path(self, path):
                path = path.split("?", 1)[0].split("#", 1)[0]
                return super().translate_path(
                    "/" + path[len(server.base) :] if path.startswith(server.base) else path
                )

            def do_CONNECT(self):  # an https request for another host, sent to us as a proxy
                server.foreign.append(f"https://{self.path}")
                self.send_error(403)

            def do_GET(self):
                if self.path.startswith(("http://", "https://")):  # sent to us as a proxy
                    target = urlsplit(self.path)
                    if target.netloc != server.netloc:
                        server.foreign.append(self.path)
                        self.send_error(403)
                        return
                    self.path = target.path + (f"?{target.query}" if target.query else "")
                server.requests.append(self.path)
                path = self.path.split("?", 1)[0]
                if probes and path == server.base + "__probe__.js":
                    self.send_bytes((probes / "probe.js").read_bytes(), "text/javascript")
                    return
                if not path.startswith(server.base):
                    server.outside.append(self.path)
                    self.send_error(404)
                    return
                fault = server.faults.match(self.path)
                if fault == "missing":
                    self.send_error(404)
                    return
                if fault == "truncated":
                    file = Path(self.translate_path(self.path))
                    data = file.read_bytes()[: file.stat().st_size // 2]
                    self.send_bytes(data, self.guess_type(str(file)))
                    return
                if fault == "slow":
                    file = Path(self.translate_path(self.path))
                    self.send_bytes(file.read_bytes(), self.guess_type(str(file)), over=Faults.SLOW_SECONDS)
                    return
                if probes:
                    file = Path(self.translate_path(self.path))
                    if file.is_dir() and path.endswith("/"):
                        file = file / "index.html"
                    if file.suffix == ".html" and file.is_file():
                        tag = f'<script src="{server.base}__probe__.js"></script>'.encode()
                        self.send_bytes(file.read_bytes().replace(b"<head>", b"<head>" + tag, 1), "text/html")
                        return
                    if path.endswith("/runtime/worker.js") and file.is_file():
                        self.send_bytes(
                            (probes / "worker-probe.js").read_bytes() + file.read_bytes(), "text/javascript"
                        )
                        return
                super().do_GET()

            def send_bytes(self, data, content_type, over=0.0, parts=50):
                """data, at once or spread evenly over `over` seconds in `parts` writes."""
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if not over:
                    self.wfile.write(data)
                    return
                size = -(-len(data) // parts)
                for start in range(0, len(data), size):
                    self.wfile.write(data[start : start + size])
                    self.wfile.flush()
                    time.sleep(over / parts)

            def end_headers(self):
                self.send_header("Cache-Control", "no-store")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                super().end_headers()

        class Threaded(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True

            def handle_error(self, request, client_address):
                # A browser that goes away mid-download (a page closed, a worker stopped
                # while the runtime's files were on their way) is normal, not a server error.
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

        self.httpd = Threaded(("127.0.0.1", port), Handler)
        self.netloc = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"http://{self.netloc}"
        self.site_url = self.url + base  # the site's address: the base, with its trailing slash
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


@pytest.fixture(scope="session")
def server(site_dir, server_port):
    srv = Server(site_dir, server_port)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def journey_server(tmp_path_factory):
    """The site built for its own address and served with the probe (see Server): what the
    reader journeys open in Chromium, Firefox and WebKit (tests/journeys/)."""
    port = free_port()
    srv = Server(
        build_site(tmp_path_factory.mktemp("journey-site"), f"http://127.0.0.1:{port}/"), port, probe=True
    )
    yield srv
    srv.close()


SUBPATH = "/course/"


@pytest.fixture(scope="session")
def subpath_server(tmp_path_factory):
    """The site as GitHub Pages serves a project site: built for http://127.0.0.1:PORT/course/
    and served under /course/ only (nothing at /: a request there is recorded in
    ``outside`` and fails the journey that made it)."""
    port = free_port()
    target = build_site(tmp_path_factory.mktemp("subpath-site"), f"http://127.0.0.1:{port}{SUBPATH}")
    srv = Server(target, port, base=SUBPATH, probe=True)
    yield srv
    srv.close()


@pytest.fixture
def faults(server):
    server.faults.clear()
    yield server.faults
    server.faults.clear()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """What a page did that a reader should never see: foreign requests, errors, CSP."""

    def __init__(self, base):
        self.base = base
        self.foreign = []
        self.errors = []
        self.allowed_errors = []

    def allow_errors(self, *fragments):
        self.allowed_errors.extend(fragments)

    def problems(self):
        errors = [e for e in self.errors if not any(f in e for f in self.allowed_errors)]
        return self.foreign + errors


def open_page(browser, server, *, width=1280, height=900, scheme="light", **context_options):
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, **context_options
    )
    watch = PageWatch(server.url)
    host = urlsplit(server.url).netloc

    def route(r):
        url = r.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == host:
            r.continue_()
        else:
            watch.foreign.append(f"request to another host: {url}")
            r.abort()

    context.route("**/*", route)
    context.on(
        "request",
        lambda req: (
            urlsplit(req.url).netloc in (host, "")
            or req.url.startswith(("data:", "blob:"))
            or watch.foreign.append(f"request to another host: {req.url}")
        ),
    )
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and watch.errors.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: watch.errors.append(f"page error: {e}"))
    page.on(
        "worker",
        lambda w: w.on(
            "console", lambda m: m.type == "error" and watch.errors.append(f"worker console error: {m.text}")
        ),
    )
    page.watch = watch
    return context, page


@pytest.fixture
def page(browser, server):
    """A fresh page (own context); the test fails on foreign requests, console errors or CSP violations."""
    context, pg = open_page(browser, server)
    yield pg
    problems = pg.watch.problems()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def open_site(browser, server):
    """Open extra pages with options (phone width, dark scheme...); each is checked like ``page``."""
    opened = []

    def opener(**options):
        context, pg = open_page(browser, server, **options)
        opened.append((context, pg))
        return pg

    yield opener
    problems = []
    for context, pg in opened:
        problems += pg.watch.problems()
        context.close()
    assert not problems, "\n".join(problems)


def wait_until(page, expression, timeout=60.0, interval=0.1):
    """Poll a JavaScript expression until it is truthy. (Playwright's wait_for_function
    evaluates a string, which the site's Content-Security-Policy rightly forbids.)"""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(f"() => {{ try {{ return ({expression}); }} catch (e) {{ return null; }} }}")
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for: {expression}")
        time.sleep(interval)


def site_pages(site_dir):
    """Every page of the built site as a URL path ("/", "/lessons/01-…/", "/404.html")."""
    pages = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        if relative.startswith(("pyodide/", "assets/")):
            continue
        pages.append("/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    return pages
