"""The runtime ships a trimmed python_stdlib.zip (sitebuild/stdlib.py): every demo function
still runs in the browser on it (and on the smaller NumPy wheel, both compiled ahead of time:
sitebuild/bytecode.py), good input and bad, and the zip is the smaller one.

A module the trim left out would fail here with ModuleNotFoundError, which the page
reports as a bug (not as a reader's mistake)."""

import base64
import zipfile

import pytest

from pylib import Network
from pylib.demos import FUNCTIONS
from sitebuild import stdlib
from tests.conftest import wait_until

pytestmark = pytest.mark.browser

RUNTIME = "import(new URL('assets/js/runtime/client.js', __md_scope).href).then(m => m.getRuntime())"
# Each demo function as the pages call it (their first calls, recorded, and the later ones a
# reader's actions send), then input that Python refuses with a message for the reader,
# and numbers that overflow (so the paths that format errors and warnings run too).
# A reader's network as the page sends it with a request (a random 784-16-16-10 one).
YOURS = {
    "key": "stdlib",
    "npz": base64.b64encode(Network([784, 16, 16, 10], seed=1).to_bytes()).decode("ascii"),
}
DIGIT = {"pixels": base64.b64encode(bytes(784)).decode("ascii"), "label": 3}
TRAIN = {
    "learning_rate": 3,
    "mini_batch_size": 10,
    "epochs": 1,
    "hidden_sizes": [16, 16],
    "seed": 0,
    "train_size": 4000,
}
CALLS = [
    ("look_inside", {"weights": "shipped", "index": 0}, "ok"),
    ("look_inside", {"weights": "random", "index": 5}, "ok"),
    (
        "look_inside",
        {"weights": "shipped", "drawing": {"side": 28, "pixels": [0] * 300 + [1] * 84 + [0] * 400}},
        "ok",
    ),
    ("count_knobs", {"sizes": [784, 16, 16, 10]}, "ok"),
    ("one_neuron", {"activations": [1, 0.5, 0.2], "weights": [2, -1, 0.5], "bias": -1, "curve": True}, "ok"),
    ("weight_pictures", {"weights": "shipped"}, "ok"),
    ("score_guess", {"index": 0, "weights": "shipped"}, "ok"),
    ("score_guess_average", {}, "ok"),
    (
        "biggest_nudges",
        {"weights": "partly", "batch_seed": 0, "mini_batch_size": 10, "learning_rate": 3},
        "ok",
    ),
    ("downhill_landscape", {"landscape": "two-valleys"}, "ok"),
    ("downhill_descend", {"landscape": "two-valleys", "start": [3], "learning_rate": 1, "steps": 0}, "ok"),
    ("downhill_descend", {"landscape": "two-valleys", "start": [3], "learning_rate": 1, "steps": 40}, "ok"),
    ("image_wants", {"index": 0, "network": "partly"}, "ok"),
    ("minibatch_landscape", {}, "ok"),
    (
        "minibatch_paths",
        {"start": [0, 0], "learning_rate": 0.1, "mini_batch_size": 5, "epochs": 3, "seed": 0},
        "ok",
    ),
    ("chain_rule", {"a_prev": 1, "w": 0.5, "b": 0, "y": 1}, "ok"),
    ("gradient_check", {"kind": "weight", "layer": 2, "j": 1, "k": 2, "h": 1e-05}, "ok"),
    ("one_step", {"learning_rate": 0.3}, "ok"),
    ("train", TRAIN, "ok"),
    ("inspect", {"index": 3, "network": "trained"}, "ok"),
    ("misread", {"offset": 0}, "ok"),
    ("trained_network", {}, "ok"),
    ("check_network", {"npz": YOURS["npz"]}, "ok"),
    ("look_inside", {"weights": "yours", "index": 0, "your_network": YOURS}, "ok"),
    ("score_your_digits", {"digits": [DIGIT], "weights": "yours", "your_network": YOURS}, "ok"),
    ("train", dict(TRAIN, train_size=100, your_digits=[DIGIT]), "ok"),
    # refused, with a message for the reader
    ("look_inside", {"weights": "shipped", "index": -3}, "reader"),
    ("gradient_check", {"kind": "weight", "layer": 9, "j": 1, "k": 2, "h": 1e-05}, "reader"),
    ("no_such_function", {}, "reader"),
    ("check_network", {"npz": "not an npz"}, "reader"),
    # numbers that blow up: overflow warnings in NumPy, costs that become null
    ("train", dict(TRAIN, learning_rate=100, mini_batch_size=1, hidden_sizes=[16], train_size=100), "ok"),
    ("chain_rule", {"a_prev": 1e300, "w": 1e300, "b": 0, "y": 1}, "any"),
]
CALL = (
    "(arg) => "
    + RUNTIME
    + """.then((runtime) => runtime.run(arg.fn, arg.args, () => {}).done.then(
  () => ({ ok: true }), (e) => ({ ok: false, name: e.name, message: e.message })))"""
)


def test_every_demo_function_runs_on_the_trimmed_stdlib(page, server):
    assert {fn for fn, _, _ in CALLS} >= set(FUNCTIONS), "every registered demo function is called"
    page.goto(server.url + "/lessons/07-training/")
    wait_until(page, "document.querySelector('.demo[data-demo=train][data-ready]')", 30)
    page.evaluate(RUNTIME + ".then((r) => r.start()).then(() => true)")
    failures = []
    for fn, args, expect in CALLS:
        result = page.evaluate(CALL, {"fn": fn, "args": args})
        if expect == "ok" and not result["ok"]:
            failures.append(f"{fn}({args}): {result['name']}: {result['message'][-400:]}")
        elif expect in ("reader", "any") and not result["ok"] and result["name"] != "ReaderError":
            failures.append(
                f"{fn}({args}) failed as a bug, not a reader's mistake: {result['message'][-400:]}"
            )
        elif expect == "reader" and result["ok"]:
            failures.append(f"{fn}({args}) was not refused")
    assert not failures, "\n".join(failures)


def test_the_site_serves_the_trimmed_zip(site_dir):
    from sitebuild.runtime import NPM_PYODIDE

    served = site_dir / "pyodide" / "python_stdlib.zip"
    full = NPM_PYODIDE / "python_stdlib.zip"
    assert served.stat().st_size < 0.5 * full.stat().st_size
    with zipfile.ZipFile(served) as small, zipfile.ZipFile(full) as official:
        names = set(small.namelist())
        keep = stdlib.members_for(
            stdlib.KEEP + [f"encodings.{c}" for c in stdlib.CODECS], set(official.namelist())
        )
        # each kept NAME.py ships as NAME.pyc (tests/build/test_runtime_bytecode.py checks
        # it was compiled from the official source); anything else is the official file
        assert {name + "c" if name.endswith(".py") else name for name in keep} <= names
        for name in names:
            if name.endswith(".pyc"):
                assert name[:-1] in official.namelist(), name
            else:
                assert small.read(name) == official.read(name), name
    assert {"json/__init__.pyc", "traceback.pyc", "pyodide/__init__.pyc", "_pyodide/_base.pyc"} <= names
    assert not any(name.endswith(".py") for name in names)
    assert not names & {"unittest/__init__.pyc", "tkinter/__init__.pyc", "pydoc.pyc", "email/parser.pyc"}


def test_the_numpy_wheel_is_the_official_one_minus_unused_parts(site_dir):
    import json

    from sitebuild import numpy_wheel
    from sitebuild.common import sha256_file
    from sitebuild.runtime import CACHE, NPM_PYODIDE, NUMPY_WHEEL

    official = CACHE / NUMPY_WHEEL
    assert (
        sha256_file(official)
        == json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())["packages"]["numpy"]["sha256"]
    )
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    shipped = site_dir / "pyodide" / lock["packages"]["numpy"]["file_name"]
    assert sha256_file(shipped) == lock["packages"]["numpy"]["sha256"]
    with zipfile.ZipFile(official) as full, zipfile.ZipFile(shipped) as small:
        kept = set(small.namelist())
        # each NAME.py as NAME.pyc (tests/build/test_runtime_bytecode.py), the rest as it was
        expected = {n for n in full.namelist() if not numpy_wheel.dropped(n)}
        assert kept == {n + "c" if n.endswith(".py") else n for n in expected}
        for name in kept - {"numpy-2.0.2.dist-info/RECORD"}:
            if not name.endswith(".pyc"):
                assert small.read(name) == full.read(name), name  # the same compiled NumPy, file for file
        record = small.read("numpy-2.0.2.dist-info/RECORD").decode()
        assert "numpy/_core/_multiarray_umath" in record and "numpy/fft/" not in record
    assert shipped.stat().st_size < 0.85 * official.stat().st_size
