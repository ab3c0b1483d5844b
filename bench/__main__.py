"""`make bench`: measure the site's speed and size and print a table.

Every figure of one table is measured in the same run, side by side, because these
machines are noisy: compare ratios more than absolute seconds. Benchmarks are not
tests: nothing here passes or fails.

    python -m bench [--skip-build] [--skip-serve] [--engines-only]

The last rows come from bench/engines.py: the Train demo's epoch time and the Python
worker's peak memory in Chromium, Firefox and WebKit.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import engines, realink, tfjs_peer
from bench.serving import serve, served_bytes, site_file
from tests.browser.offline_helpers import save_course_offline

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
LESSON = "lessons/07-training/"


# ------------------------------------------------------------------ building


def build(site_dir, cache_dir):
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=dict(ENV, NN_CACHE=str(cache_dir)),
    )
    return time.perf_counter() - started


def build_times(scratch):
    """Cold: an empty cache (the downloaded wheels copied in, so the network is not timed)."""
    cache = scratch / "cache"
    (cache / "downloads").mkdir(parents=True)
    for wheel in (ROOT / ".cache" / "downloads").glob("*.whl"):
        shutil.copy(wheel, cache / "downloads")
    cold = build(scratch / "site-cold", cache)
    warm = build(scratch / "site", cache)
    return cold, warm, scratch / "site"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_edit_seconds(scratch):
    """Start `mkdocs serve` on a copy of the project, edit a page, time until it is served."""
    copy = scratch / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", ".cache", "site", "__pycache__", "bench-results"
        ),
    )
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(ENV, NN_CACHE=str(scratch / "cache"), SITE_URL=f"http://127.0.0.1:{port}/"),
    )
    url = f"http://127.0.0.1:{port}/{LESSON}"
    try:
        fetch_until(url, lambda body: "Training" in body, 120)
        time.sleep(1.0)
        marker = f"bench-marker-{time.time_ns()}"
        page = copy / "docs" / "lessons" / "07-training" / "index.md"
        edited = time.perf_counter()
        page.write_text(page.read_text() + f"\n\n{marker}\n")
        fetch_until(url, lambda body: marker in body, 60)
        return time.perf_counter() - edited
    finally:
        server.terminate()
        server.wait(10)


def fetch_until(url, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if predicate(response.read().decode()):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(url)


# ------------------------------------------------------------------ serving


def served(site_dir):
    """The site as it is, with the bench's own pages under /__bench__/."""
    files = {
        "/__bench__/trainers.py": BENCH / "trainers.py",
        "/__bench__/convnet.js": ROOT / "node_modules" / "convnetjs" / "build" / "convnet.js",
        **tfjs_peer.SERVED,
    }
    return serve(site_dir, files=files, folders={"/__bench__/": BENCH / "page"})


def poll(page, expression, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(f"() => {{ try {{ return ({expression}); }} catch (e) {{ return null; }} }}")
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(expression)


# ------------------------------------------------------------------ browser figures


def browser_figures(base, site_dir):
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        # 1-3: the trainers, and ConvNetJS, in the browser
        page = browser.new_page()
        page.goto(f"{base}/__bench__/index.html")
        results = poll(page, "window.__benchResults", 900)
        if "error" in results:
            raise RuntimeError(results["error"])
        figures["browser"] = results["python"]["timings"]
        figures["convnet"] = results["convnet"]
        figures["tfjs"] = results.get("tfjs")
        page.close()

        # 4: reader's first click on Train (1 epoch) to the first progress report
        for mode in ("cold", "prefetched"):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(f"{base}/{LESSON}")
            poll(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 30)
            demo = page.locator(".demo[data-demo=train]")
            demo.get_by_label("Epochs").fill("1")
            if mode == "prefetched":
                demo.scroll_into_view_if_needed()
                poll(
                    page,
                    "import('/assets/js/runtime/client.js').then(m => m.getRuntime().state === 'ready')",
                    60,
                )
            clicked = time.perf_counter()
            demo.get_by_role("button", name="Train", exact=True).click()
            poll(page, "document.querySelector('.demo[data-demo=train]').dataset.epoch === '1'", 60)
            figures[f"first_result_{mode}"] = time.perf_counter() - clicked
            figures[f"first_result_{mode}_page"] = float(demo.get_attribute("data-first-progress-seconds"))
            context.close()

        # 5: bytes a lesson page transfers before any demo runs (page at the top, no scrolling)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requested = []
        page.on("requestfinished", lambda r: requested.append(r.url))
        page.goto(f"{base}/{LESSON}", wait_until="networkidle")
        time.sleep(1.0)
        paths = sorted({u.split(base, 1)[1].split("?")[0] for u in requested if u.startswith(base)})
        figures["page_requests"] = paths
        context.close()
        browser.close()

    figures["page_bytes"], figures["page_bytes_raw"] = page_sizes(site_dir, paths)
    return figures


def page_sizes(site_dir, paths):
    """Bytes of these URL paths as a compressing host sends them, and raw."""
    files = [f for f in (site_file(site_dir, p) for p in paths) if f is not None]
    return sum(served_bytes(f) for f in files), sum(f.stat().st_size for f in files)


# ------------------------------------------------------------------ the table


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def warm(times):
    """A warm epoch: the median of all but the first (which pays for warm-up)."""
    return median(times[1:])


def table(f):
    rows = []
    add = lambda name, value, note="": rows.append((name, value, note))
    if "browser" in f:
        speed_rows(f, add)
    for row in engines.rows(f.get("engines", {})):
        add(*row)
    for row in realink.rows(f["realink"]) if "realink" in f else []:
        add(*row)
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  {'value':>9}  note", "-" * (width + 40)]
    lines += [f"{name:<{width}}  {value:>9}  {note}" for name, value, note in rows]
    return "\n".join(lines)


def speed_rows(f, add):
    b, n = f["browser"], f["native"]
    for m in (10, 100):
        site, plain, lesson = warm(b[f"site_m{m}"]), warm(b[f"plain_m{m}"]), warm(b[f"lesson_m{m}"])
        add(
            f"browser s/epoch, site code (FastSGD), m={m}",
            f"{site:.3f}",
            f"first epoch {b[f'site_m{m}'][0]:.3f}",
        )
        add(
            f"browser s/epoch, site code in float32, m={m}",
            f"{warm(b[f'site32_m{m}']):.3f}",
            f"first epoch {b[f'site32_m{m}'][0]:.3f}",
        )
        add(
            f"browser s/epoch, lesson code (Network), m={m}",
            f"{lesson:.3f}",
            f"{lesson / site:.2f}x the site code",
        )
        add(f"browser s/epoch, plain @ trainer, m={m}", f"{plain:.3f}", f"{plain / site:.2f}x the site code")
        if m == 10:
            cj = median(f["convnet"]["times"][1:])
            add(
                "browser s/epoch, ConvNetJS 0.3.0, m=10",
                f"{cj:.3f}",
                f"{cj / site:.2f}x the site code (accuracy {f['convnet']['accuracy']:.1%} after 3 epochs)",
            )
            for row in tfjs_peer.rows(f.get("tfjs"), site):
                add(*row)
        native = warm(n[f"site_m{m}"])
        add(f"native s/epoch, site code, m={m}", f"{native:.3f}", f"browser / native = {site / native:.1f}x")
        add(f"native s/epoch, lesson code, m={m}", f"{warm(n[f'lesson_m{m}']):.3f}", "")
    t90 = b["to_90"]
    add(
        "browser s of training to 90% held-out",
        "n/a" if t90["seconds"] is None else f"{t90['seconds']:.2f}",
        f"{t90['epochs']} epochs, {t90['accuracy']:.1%} (native {n['to_90']['seconds']:.2f} s)",
    )
    for mode, how in (
        ("cold", "runtime not loaded"),
        ("prefetched", "runtime loaded when the demo came into view"),
    ):
        add(
            f"Train click → first result, {mode}",
            f"{f[f'first_result_{mode}_page']:.2f}",
            f"first progress shown; first epoch done at {f[f'first_result_{mode}']:.2f} s ({how})",
        )
    add(
        "lesson page bytes before any demo runs",
        f"{f['page_bytes'] / 1000:.0f} kB",
        f"gzip as served; {len(f['page_requests'])} requests, {f['page_bytes_raw'] / 1000:.0f} kB raw",
    )
    if "build_cold" in f:
        add("site build, cold cache", f"{f['build_cold']:.1f} s", "downloads excluded")
        add("site build, warm cache", f"{f['build_warm']:.1f} s", "")
    if "serve_edit" in f:
        add("mkdocs serve: edit → page served", f"{f['serve_edit']:.1f} s", "")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip-build", action="store_true", help="use site/ as it is; no build timings")
    parser.add_argument("--skip-serve", action="store_true", help="don't time mkdocs serve")
    parser.add_argument(
        "--engines-only",
        action="store_true",
        help="only the engines' figures (epoch time and worker memory in each engine), on site/",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args()

    figures = {}
    if args.engines_only:
        print("timing and measuring in Chromium, Firefox and WebKit…", flush=True)
        figures["engines"] = engines.engine_figures(ROOT / "site")
        print()
        print(table(figures))
        return
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        if args.skip_build:
            site_dir = ROOT / "site"
        else:
            print("building the site (cold, then warm)…", flush=True)
            figures["build_cold"], figures["build_warm"], site_dir = build_times(scratch)
        if not args.skip_serve:
            print("timing mkdocs serve after an edit…", flush=True)
            figures["serve_edit"] = serve_edit_seconds(scratch)

        print("timing natively…", flush=True)
        from bench import trainers
        from pylib import load_digits

        figures["native"] = trainers.run_all(load_digits(site_dir / "data" / "digits.npz"))

        print("timing in headless Chromium…", flush=True)
        with served(site_dir) as base:
            figures.update(browser_figures(base, site_dir))
        figures["realink"] = realink.figures(
            site_dir, CHROMIUM, CHROMIUM_ARGS, save_course_offline
        )  # a real link, gzip, cold

        print("timing and measuring in Chromium, Firefox and WebKit…", flush=True)
        figures["engines"] = engines.engine_figures(site_dir)

    print()
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
