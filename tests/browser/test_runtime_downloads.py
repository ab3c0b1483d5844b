"""The worker's boot fetches the runtime's files once each, in the order it needs them
(docs/assets/js/runtime/early-fetch.js): first what Python's start needs (the lock file, the
WebAssembly, the standard library), then the wheels once the lock file and the standard
library are in, then the data once the wheels are in. Fetched all at once, they shared the
link and the WebAssembly came last (bench/realink.py measures the difference)."""

import time

import pytest

from tests.conftest import wait_until

pytestmark = pytest.mark.browser

RUNTIME = "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime())"


def test_the_boot_fetches_each_file_once_in_the_order_it_needs_them(page, server):
    asked, arrived = [], {}

    def name(request):
        path = request.url.split("?")[0]
        return path.rsplit("/", 1)[-1] if "/pyodide/" in path or "/data/" in path else None

    def on_request(request):
        if name(request):
            asked.append((name(request), time.perf_counter()))

    def on_finished(request):
        if name(request):
            arrived.setdefault(name(request), time.perf_counter())

    page.on("request", on_request)
    page.on("requestfinished", on_finished)
    page.goto(server.url + "/lessons/07-training/")
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 30)
    page.evaluate(RUNTIME + ".then((r) => r.start()).then(() => true)")
    wait_until(page, RUNTIME.replace("m.getRuntime()", "m.getRuntime().state === 'ready'"), 60)

    names = [n for n, _ in asked]
    assert len(names) == len(set(names)), f"a file was fetched twice: {names}"
    when = dict(asked)
    wheels = [n for n in names if n.endswith(".whl")]
    data = ["digits.npz", "shipped-weights.npz", "one-step.npz"]
    assert len(wheels) == 2 and set(data) <= set(names)
    for wheel in wheels:
        assert when[wheel] >= arrived["python_stdlib.zip"], (
            "a wheel was asked for before the standard library arrived"
        )
        assert when[wheel] >= arrived["pyodide-lock.json"]
    for file in data:
        assert when[file] >= max(arrived[wheel] for wheel in wheels), (
            f"{file} was asked for before the wheels arrived"
        )
    # the first wave went out before the second
    assert max(when[n] for n in ("pyodide-lock.json", "pyodide.asm.wasm", "python_stdlib.zip")) < min(
        when[wheel] for wheel in wheels
    )
