"""`make bench`, the engines part: in Chromium, Firefox and WebKit, the Train demo's epoch
time and the Python worker's peak memory, for the default run and the largest a reader
can ask for.

The runs go through the page's own runtime (``getRuntime().run("train", …)``, exactly
what the Train button sends) on lesson 7, so the figures are the demo's. Memory is the
size of the worker's WebAssembly memory as the worker reports it (it only grows, so after
a run it is the run's peak), and, where the browser offers one, its own measure of the
page with its workers (``performance.measureUserAgentSpecificMemory``, Chromium only; it
needs a cross-origin-isolated page, so this server sends COOP and COEP headers).

The drivers are the reader journeys' (tests/journeys/browser_engines.py).
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LESSON = "lessons/07-training/"
# The Train demo's defaults (docs/assets/js/demos/train.js), and the largest run its
# limits allow: three hidden layers of 128, mini-batches of one, every training image.
RUNS = {
    "default": {
        "learning_rate": 3,
        "mini_batch_size": 10,
        "epochs": 10,
        "hidden_sizes": [16, 16],
        "seed": 0,
        "train_size": 4000,
    },
    "largest": {
        "learning_rate": 3,
        "mini_batch_size": 1,
        "epochs": 2,
        "hidden_sizes": [128, 128, 128],
        "seed": 0,
        "train_size": 4000,
    },
}
# The page's own runtime, through the journeys' probe (Firefox runs WebDriver's scripts in
# a sandbox whose import() would load a second copy of the module).
RUNTIME = "window.__probe.runtime()"
# One training run through the page's runtime; resolves with the epoch reports' seconds.
TRAIN = (
    RUNTIME
    + """.then((runtime) => {
  const seconds = [];
  const job = runtime.run("train", arg, (report) => { if (report.kind === "epoch") seconds.push(report.seconds); });
  return job.done.then(() => ({ seconds, memory: runtime.memoryBytes }));
})"""
)
BROWSER_MEMORY = """(self.crossOriginIsolated && performance.measureUserAgentSpecificMemory
  ? performance.measureUserAgentSpecificMemory().then((m) => ({ bytes: m.bytes,
      workers: m.breakdown.filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
        .reduce((sum, b) => sum + b.bytes, 0) })) : null)"""
ISOLATED = {"Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp"}


def measure(driver):
    figures = {"version": driver.version}
    driver.open(LESSON)
    started = time.perf_counter()
    driver.evaluate(f"{RUNTIME}.then((r) => r.start()).then(() => true)")
    figures["boot_seconds"] = time.perf_counter() - started
    figures["memory_booted"] = driver.evaluate(
        f"{RUNTIME}.then((r) => r.call('inspect', {{index: 0}}).then(() => r.memoryBytes))"
    )
    for name, options in RUNS.items():
        # each run in a fresh worker, so its memory is its own
        driver.evaluate(
            f"{RUNTIME}.then((r) => {{ r.terminate(); r.memoryBytes = 0; return r.start(); }}).then(() => true)"
        )
        result = driver.evaluate(TRAIN, options)
        epochs = [b - a for a, b in zip([0.0, *result["seconds"]], result["seconds"])]
        figures[f"{name}_epochs"] = epochs
        figures[f"{name}_epoch"] = statistics.median(epochs[1:]) if len(epochs) > 2 else epochs[-1]
        figures[f"{name}_memory"] = result["memory"]
        figures[f"{name}_browser_memory"] = driver.evaluate(BROWSER_MEMORY)
    return figures


def engine_figures(site_dir, engines=None):
    """{engine: figures} for each engine, one browser session each."""
    from tests.conftest import CHROMIUM, CHROMIUM_ARGS, Server, open_page
    from tests.journeys import browser_engines

    server = Server(Path(site_dir), headers=ISOLATED, probe=True)
    results = {}
    try:
        for name in engines or browser_engines.ENGINES:
            why = browser_engines.missing(name)
            if why:
                results[name] = {"error": why}
                continue
            print(f"  {name}…", flush=True)
            if name == "chromium":
                from playwright.sync_api import sync_playwright

                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    driver = browser_engines.launch(name, server, browser=browser, open_page=open_page)
                    try:
                        results[name] = measure(driver)
                    finally:
                        driver.close()
                        browser.close()
            else:
                driver = browser_engines.launch(name, server)
                try:
                    results[name] = measure(driver)
                finally:
                    driver.close()
    finally:
        server.close()
    return results


def mb(value):
    return "n/a" if not value else f"{value / 1e6:.0f} MB"


def rows(results):
    """(figure, value, note) rows for the bench table."""
    out = []
    for name, f in results.items():
        if "error" in f:
            out.append((f"{name}: not measured", "n/a", f["error"]))
            continue
        out.append(
            (
                f"{name} {f['version']}: s/epoch, Train defaults (m=10, 16-16)",
                f"{f['default_epoch']:.3f}",
                f"median of epochs 2–10; runtime booted in {f['boot_seconds']:.1f} s",
            )
        )
        out.append(
            (
                f"{name}: s/epoch, largest run (m=1, 128-128-128)",
                f"{f['largest_epoch']:.2f}",
                f"epochs {', '.join(f'{e:.2f}' for e in f['largest_epochs'])}",
            )
        )
        for run in ("default", "largest"):
            browser = f[f"{run}_browser_memory"]
            out.append(
                (
                    f"{name}: worker Wasm memory, {run} run",
                    mb(f[f"{run}_memory"]),
                    (
                        f"browser's own measure: page and workers {mb(browser['bytes'])}, "
                        f"workers {mb(browser['workers'])}"
                        if browser
                        else "this browser offers no measure of its own"
                    )
                    + f"; {mb(f['memory_booted'])} once booted",
                )
            )
    return out


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    figures = engine_figures(site, sys.argv[2:] or None)
    for row in rows(figures):
        print(f"{row[0]:<58} {row[1]:>9}  {row[2]}")
