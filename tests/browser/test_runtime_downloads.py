"""The worker's boot fetches the runtime's files once each, early, in the order it needs them
(docs/assets/js/runtime/early-fetch.js): first what Python's start needs (the lock file, the
WebAssembly, the standard library), then the wheels once the lock file, the standard library
and most of the WebAssembly are in, then the data once the wheels are in. Fetched all at
once, they shared the link and the WebAssembly came last (bench/realink.py measures the
difference); fetched only when Pyodide asks, the wheels would wait for Python's start and
the data for NumPy's.

The WebAssembly and the NumPy wheel are sent slowly and evenly (over two seconds each), so
that what had arrived when the next wave was asked for can be read off the browser's clock."""

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

# The browser stamps a response's end when its network service reports it complete, which can
# come a few milliseconds after the worker has read the last byte and moved on (under load, tens).
SLACK_MS = 100

RUNTIME = "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime())"


def name(request):
    path = request.url.split("?")[0]
    return path.rsplit("/", 1)[-1] if "/pyodide/" in path or "/data/" in path else None


def test_the_boot_fetches_each_file_once_early_and_in_the_order_it_needs_them(page, server, faults):
    faults.set("pyodide.asm.wasm", "slow")
    faults.set("/numpy-", "slow")
    asked, finished = [], {}
    page.on("request", lambda request: asked.append(name(request)) if name(request) else None)
    page.on(
        "requestfinished",
        lambda request: finished.setdefault(name(request), request) if name(request) else None,
    )
    page.goto(server.url + "/lessons/07-training/")
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 30)
    page.evaluate(RUNTIME + ".then((r) => r.start()).then(() => true)")
    wait_until(page, RUNTIME.replace("m.getRuntime()", "m.getRuntime().state === 'ready'"), 60)

    assert len(asked) == len(set(asked)), f"a file was fetched twice: {asked}"
    wheels = [n for n in asked if n.endswith(".whl")]
    data = ["digits.npz", "shipped-weights.npz", "one-step.npz"]
    assert len(wheels) == 2 and set(data) <= set(asked)
    # The browser's own clock for each request (ms since the epoch), and for the boot's steps.
    origin = page.evaluate("performance.timeOrigin")
    phases = dict(page.evaluate(RUNTIME.replace("m.getRuntime()", "m.getRuntime().bootPhases")))
    step = {key: origin + 1000 * seconds for key, seconds in phases.items()}
    started = {n: r.timing["startTime"] for n, r in finished.items()}
    ended = {n: r.timing["startTime"] + r.timing["responseEnd"] for n, r in finished.items()}

    wasm_from, wasm_to = started["pyodide.asm.wasm"], ended["pyodide.asm.wasm"]
    for wheel in wheels:
        assert started[wheel] >= ended["python_stdlib.zip"] - SLACK_MS, (
            "a wheel was asked for before the standard library arrived"
        )
        assert started[wheel] >= ended["pyodide-lock.json"] - SLACK_MS
        # while the WebAssembly's last part arrives (WHEELS_AT: 80 % of its bytes), not with its
        # first part, nor after its end, when Python's start holds the worker's thread
        assert started[wheel] - wasm_from >= 0.6 * (wasm_to - wasm_from), (
            "the wheels shared the link with most of the WebAssembly"
        )
        assert started[wheel] < wasm_to, "the wheels waited for the WebAssembly's last byte"
        assert started[wheel] < step["Python started"], "the wheels waited for Python's start"
    for file in data:
        assert started[file] >= max(ended[wheel] for wheel in wheels) - SLACK_MS, (
            f"{file} was asked for before the wheels arrived"
        )
        assert started[file] < step["NumPy and pylib loaded"], f"{file} waited for NumPy's load"
    first_wave = [started[n] for n in ("pyodide-lock.json", "pyodide.asm.wasm", "python_stdlib.zip")]
    assert max(first_wave) < min(started[wheel] for wheel in wheels)
