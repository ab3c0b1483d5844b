"""`make bench`, the real-link part: the course on a reader's connection.

* **Open lesson 7 → first finished epoch**, cold (a fresh browser profile), on an emulated
  20 Mbps / 40 ms link (Chromium DevTools' ``Network.emulateNetworkConditions``), the
  site served gzip-compressed as GitHub Pages serves it; Train is pressed as soon as the
  demo is mounted. Bytes fetched, raw and as transferred.
* **Click → first result, cold, on localhost** (no throttling, still gzip): the Train
  demo, the reader's first click with the runtime not loaded, to its first progress
  report (the issue's "click → first result" is this figure of the existing table).
* **The runtime and data, per file**: raw, gzip level 6, and what the server sends.
* **From the offline cache**: the same open → first epoch after the course was saved with
  the site's own service worker (*Use it offline*; ``save_course_offline`` from
  tests/browser/offline_helpers.py is passed in as ``save_offline_first``).

The site is served by bench/serving.py as GitHub Pages serves it (what its CDN
compresses is said there).
"""

import time
from pathlib import Path

from bench.serving import gzipped, serve, served_bytes

LESSON = "lessons/07-training/"
LINK = {"download_mbps": 20, "upload_mbps": 5, "latency_ms": 40}
TRAIN = "document.querySelector('.demo[data-demo=train]')"


def poll(page, expression, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(f"() => {{ try {{ return ({expression}); }} catch (e) {{ return null; }} }}")
        if value:
            return value
        time.sleep(0.02)
    raise TimeoutError(expression)


def throttle(context, page):
    """The emulated link, on the page and on every worker it starts (their requests are theirs)."""
    conditions = {
        "offline": False,
        "latency": LINK["latency_ms"],
        "downloadThroughput": LINK["download_mbps"] * 1e6 / 8,
        "uploadThroughput": LINK["upload_mbps"] * 1e6 / 8,
    }
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", conditions)
    return session


class Transfers:
    """Every response the page and its workers received: URL, bytes on the wire, bytes decoded."""

    def __init__(self, page, base, site_dir):
        self.rows = []
        self.arrived = {}  # path → seconds after the page was opened, when its last byte came
        self.opened = time.perf_counter()
        self.base, self.site_dir = base, Path(site_dir)
        page.on("requestfinished", self.finished)

    def finished(self, request):
        try:
            sizes = request.sizes()
        except Exception:
            return
        path = request.url.split(self.base, 1)[-1].split("?")[0]
        self.arrived.setdefault(path, time.perf_counter() - self.opened)
        file = self.site_dir / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        raw = file.stat().st_size if file.is_file() else sizes["responseBodySize"]
        self.rows.append((path, sizes["responseBodySize"] + sizes["responseHeadersSize"], raw))

    def totals(self):
        return {
            "requests": len(self.rows),
            "transferred": sum(r[1] for r in self.rows),
            "raw": sum(r[2] for r in self.rows),
        }


def open_to_first_epoch(browser, base, site_dir, throttled=True):
    """Open lesson 7 cold, press Train when it is mounted; seconds to the first finished epoch.

    Service workers are blocked here: the site's worker takes control during a first visit
    and fetches the runtime itself, and DevTools' emulated link (set on the page) neither
    slows nor counts a service worker's fetches. Without it, every byte goes through the
    page and its Web Worker, both on the emulated link, as on a first visit."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    if throttled:
        throttle(context, page)
    transfers = Transfers(page, base, site_dir)
    opened = transfers.opened = time.perf_counter()
    page.goto(f"{base}/{LESSON}", wait_until="commit")
    poll(page, f"{TRAIN} && {TRAIN}.dataset.ready", 120)
    mounted = time.perf_counter()
    page.locator(".demo[data-demo=train]").get_by_role("button", name="Train", exact=True).click()
    clicked = time.perf_counter()
    poll(page, f"{TRAIN}.dataset.epoch === '1'", 300)
    done = time.perf_counter()
    figures = {
        "open_to_epoch": done - opened,
        "open_to_mounted": mounted - opened,
        "click_to_epoch": done - clicked,
        "click_to_progress": float(
            page.locator(".demo[data-demo=train]").get_attribute("data-first-progress-seconds") or "nan"
        ),
        **transfers.totals(),
        "phases": boot_phases(page, base),
        "arrived": {
            path: seconds for path, seconds in transfers.arrived.items() if path.startswith(RUNTIME_PATHS)
        },
    }
    context.close()
    return figures


RUNTIME_PATHS = ("/pyodide/", "/data/")


def boot_phases(page, base):
    """The worker's boot, step by step: [(step, seconds since the page's navigation began)]."""
    return page.evaluate(
        "async (url) => (await import(url)).getRuntime().bootPhases ?? []",
        f"{base}/assets/js/runtime/client.js",
    )


def cached_figures(browser, base, site_dir, save_offline_first=None):
    """Open → first epoch from the offline cache (same link), after
    `save_offline_first(page, site_url)` has saved the course with the site's service
    worker (tests/browser/offline_helpers.py's save_course_offline). None without it."""
    if save_offline_first is None:
        return None
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/{LESSON}")
    save_offline_first(page, f"{base}/")
    page.close()
    page = context.new_page()
    throttle(context, page)
    transfers = Transfers(page, base, site_dir)
    opened = time.perf_counter()
    page.goto(f"{base}/{LESSON}", wait_until="commit")
    poll(page, f"{TRAIN} && {TRAIN}.dataset.ready", 120)
    page.locator(".demo[data-demo=train]").get_by_role("button", name="Train", exact=True).click()
    poll(page, f"{TRAIN}.dataset.epoch === '1'", 300)
    figures = {"open_to_epoch": time.perf_counter() - opened, **transfers.totals()}
    context.close()
    return figures


def runtime_files(site_dir):
    site_dir = Path(site_dir)
    files = sorted(p for p in (site_dir / "pyodide").rglob("*") if p.is_file())
    files += sorted((site_dir / "data").glob("*.npz"))
    return [(str(p.relative_to(site_dir)), p.stat().st_size, len(gzipped(p)), served_bytes(p)) for p in files]


def figures(site_dir, chromium, chromium_args, save_offline_first=None):
    from playwright.sync_api import sync_playwright

    result = {"files": runtime_files(site_dir)}
    with serve(site_dir, compress=True) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=chromium_args)
        result["link"] = open_to_first_epoch(browser, base, site_dir, throttled=True)
        result["local"] = open_to_first_epoch(browser, base, site_dir, throttled=False)
        result["cached"] = cached_figures(browser, base, site_dir, save_offline_first)
        browser.close()
    return result


def rows(f):
    """The table's rows: (figure, value, note)."""
    out = []
    link, local, cached = f["link"], f["local"], f["cached"]
    speed = f"{LINK['download_mbps']} Mbps / {LINK['latency_ms']} ms"
    out.append(
        (
            f"open lesson 7 → first epoch, cold, {speed}",
            f"{link['open_to_epoch']:.2f} s",
            f"gzip as GitHub Pages; mounted at {link['open_to_mounted']:.2f} s, Train click → epoch "
            f"{link['click_to_epoch']:.2f} s",
        )
    )
    out.append(
        (
            f"  bytes fetched, cold, {speed}",
            f"{link['transferred'] / 1e6:.2f} MB",
            f"transferred (with headers); {link['raw'] / 1e6:.2f} MB raw, {link['requests']} requests",
        )
    )
    out.append(
        (
            "open lesson 7 → first epoch, from the offline cache",
            "n/a" if cached is None else f"{cached['open_to_epoch']:.2f} s",
            "n/a (no way to save the course offline was given)"
            if cached is None
            else f"{speed}; {cached['transferred'] / 1e6:.2f} MB from the network",
        )
    )
    out.append(
        (
            "Train click → first result, cold, localhost gzip",
            f"{local['click_to_progress']:.2f} s",
            f"first progress shown; first epoch at {local['click_to_epoch']:.2f} s; "
            f"open → epoch {local['open_to_epoch']:.2f} s",
        )
    )
    for name, run in ((speed, link), ("localhost", local)):
        out.append((f"  the boot, cold, {name} (s since the page opened)", "", ""))
        previous = None
        for step, at in run.get("phases", []):
            note = "" if previous is None else f"+{at - previous:.2f} s"
            out.append((f"    {step}", f"{at:.2f} s", note))
            previous = at
        for path, at in sorted(run.get("arrived", {}).items(), key=lambda item: item[1]):
            out.append((f"    arrived: {path.rsplit('/', 1)[-1]}", f"{at:.2f} s", "last byte"))
    total_raw = sum(r[1] for r in f["files"])
    total_served = sum(r[3] for r in f["files"])
    out.append(("runtime + data, as served", f"{total_served / 1e6:.2f} MB", f"{total_raw / 1e6:.2f} MB raw"))
    for name, raw, gz, served in f["files"]:
        out.append(
            (f"  {name}", f"{served / 1e3:.0f} kB", f"raw {raw / 1e3:.0f} kB, gzip -6 {gz / 1e3:.0f} kB")
        )
    return out


if __name__ == "__main__":
    # Just these rows, on site/ as built: python bench/realink.py
    import shutil

    from playwright.sync_api import sync_playwright  # noqa: F401  (fail early without it)

    site = Path(__file__).resolve().parent.parent / "site"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    result = figures(
        site,
        chromium,
        [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    width = max(len(r[0]) for r in rows(result))
    for name, value, note in rows(result):
        print(f"{name:<{width}}  {value:>9}  {note}")
