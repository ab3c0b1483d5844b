"""Python shipped compiled: ``.pyc`` files made at build time by the runtime's own Python.

In the reader's browser, importing a ``.py`` file means compiling it first, and CPython
compiling inside WebAssembly is slow. Starting Pyodide imports about 180 modules of the
standard library (its event loop, its foreign-function interface, its package loader),
``import numpy`` about 100 more, and pylib 26; compiled on every visit, that was most of
the boot. So the standard-library zip (stdlib.py) and the NumPy wheel (numpy_wheel.py)
ship their Python as ``.pyc`` instead (Python imports a ``.pyc`` with no source beside it
as it is), and pylib's wheel carries each module's ``.pyc`` beside its source
(runtime.py). Measured in Chromium on this machine (``make bench``): Python's start
1.72 → 0.59 s, NumPy and pylib's import 0.43 → 0.33 s; the Train click → first result,
cold, 2.72 → 1.48 s; open → first epoch from the offline copy 3.58 → 2.23 s.

* **Made by the runtime's interpreter.** A ``.pyc`` is only good for the CPython version
  that wrote it. ``bytecode/compile.mjs`` runs Pyodide 0.27.7's own CPython 3.12 (the
  npm package the site serves) in Node, so the files are exactly what the reader's
  Python would have compiled. The host's Python, whatever its version, is not used.
* **Optimised as the runtime runs.** They are compiled at level 2 (``python -OO``: no
  docstrings, no ``assert``), and the worker starts Python with ``-OO`` too
  (``docs/assets/js/runtime/worker.js``), so files and interpreter agree: NumPy looks at
  the interpreter's flag before it attaches docstrings. No code of the site reads a
  docstring or relies on an ``assert`` at run time; pylib has none.
* **Line numbers kept, column tables left out.** CPython 3.11+ stores each instruction's
  columns for the carets of a traceback (PEP 657); without them (``-X no_debug_ranges``)
  the files are a quarter smaller and tracebacks still name the line.
* **Used as they are.** Each is an unchecked hash-based ``.pyc`` (PEP 552): in the
  standard library and NumPy named where the ``.py`` was, in pylib's wheel in
  ``__pycache__`` beside its source (``cache_name``). Each records the path its source
  has (or would have) in the browser, for tracebacks.

Bytes, as served (Zopfli): the standard-library zip 883 → 1,011 kB, the NumPy wheel
2,143 → 2,004 kB, pylib's wheel 54 → 110 kB; 45 kB more in all, 18 ms at 20 Mbps.
``tests/build/test_runtime_bytecode.py`` checks the files, and every browser test that
boots the runtime runs on them.
"""

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from .common import ROOT, BuildError, run

SCRIPT = Path(__file__).resolve().parent / "bytecode" / "compile.mjs"
# python -OO, as the worker starts Python (loadPyodide's args).
OPTIMIZE = 2
# Where the files sit in the reader's browser: Pyodide mounts the standard library's zip
# at /lib/python312.zip and unpacks wheels into site-packages.
STDLIB_PATH = "/lib/python312.zip/"
SITE_PACKAGES = "/lib/python3.12/site-packages/"
# sys.implementation.cache_tag of Pyodide 0.27's CPython 3.12
CACHE_TAG = "cpython-312"
# What a build fingerprint of a compiled file must include: the compiler and its interpreter.
INPUTS = (Path(__file__), SCRIPT, ROOT / "node_modules" / "pyodide" / "package.json")


def cache_name(source: str) -> str:
    """Where Python looks for the compiled form of source (a .py path) when it runs with -OO:
    PEP 3147's __pycache__ folder, Pyodide's tag, the optimisation level (PEP 488)."""
    folder, _, file = source.rpartition("/")
    return f"{folder}/__pycache__/{file.removesuffix('.py')}.{CACHE_TAG}.opt-{OPTIMIZE}.pyc".lstrip("/")


def compile_sources(sources: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    """{name of a .py: its source} → {that name + "c": its .pyc}, each compiled as if it were
    at prefix + name in the browser."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("node is missing: the Python is compiled with Pyodide under Node.js 20+.")
    if not (ROOT / "node_modules" / "pyodide").exists():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` (the Makefile does).")
    with tempfile.TemporaryDirectory() as scratch:
        given, made = Path(scratch) / "sources.zip", Path(scratch) / "compiled.zip"
        with zipfile.ZipFile(given, "w") as archive:
            for name, source in sources.items():
                archive.writestr(prefix + name, source)
        done = run([node, str(SCRIPT), str(given), str(made), str(OPTIMIZE)], cwd=ROOT)
        report = json.loads(done.stdout.strip().splitlines()[-1])
        with zipfile.ZipFile(made) as archive:
            compiled = {name.removeprefix(prefix): archive.read(name) for name in archive.namelist()}
    if report["files"] != len(sources) or set(compiled) != {name + "c" for name in sources}:
        raise BuildError(
            f"compiling {len(sources)} Python files gave {report['files']}, named "
            f"{sorted(set(compiled) ^ {name + 'c' for name in sources})[:5]} unexpectedly"
        )
    return compiled
