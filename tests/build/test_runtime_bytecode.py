"""The runtime's Python ships compiled (sitebuild/bytecode.py): the standard-library zip and
the NumPy wheel hold, for each official .py, a .pyc made from exactly that source by
Pyodide's own CPython; and the runtime, started as the worker starts it, imports them,
keeps line numbers in tracebacks and runs pylib.

Every demo function runs on these files in the browser too (tests/browser/test_runtime_stdlib.py).
"""

import _imp
import base64
import hashlib
import json
import shutil
import subprocess
import textwrap
import zipfile

from sitebuild import bytecode
from sitebuild.runtime import CACHE, NPM_PYODIDE, NUMPY_WHEEL

# CPython 3.12's bytecode (Pyodide 0.27.7's interpreter), then flags: hash-based, unchecked.
MAGIC_312 = 3531
UNCHECKED_HASH = 0b01


def compiled_pairs(shipped, official):
    """(name, .pyc bytes, official source) for every .pyc in the shipped archive."""
    with zipfile.ZipFile(shipped) as small, zipfile.ZipFile(official) as full:
        for name in small.namelist():
            if name.endswith(".pyc"):
                yield name, small.read(name), full.read(name[:-1])


def check_pyc(name, pyc, source):
    assert int.from_bytes(pyc[:2], "little") == MAGIC_312 and pyc[2:4] == b"\r\n", name
    assert int.from_bytes(pyc[4:8], "little") == UNCHECKED_HASH, name
    # the source hash CPython 3.12 records is keyed with its magic number: it names this source
    assert pyc[8:16] == _imp.source_hash(MAGIC_312 | (ord("\r") << 16) | (ord("\n") << 24), source), name


def shipped_numpy(site_dir):
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    return site_dir / "pyodide" / lock["packages"]["numpy"]["file_name"]


def test_the_standard_library_is_compiled_from_the_official_sources(site_dir):
    pairs = list(
        compiled_pairs(site_dir / "pyodide" / "python_stdlib.zip", NPM_PYODIDE / "python_stdlib.zip")
    )
    assert len(pairs) > 150
    for name, pyc, source in pairs:
        check_pyc(name, pyc, source)


def check_record(wheel):
    """The wheel's RECORD lists every file it holds with its hash and size."""
    with zipfile.ZipFile(wheel) as archive:
        record = next(name for name in archive.namelist() if name.endswith(".dist-info/RECORD"))
        listed = {
            line.split(",")[0]: line.split(",")[1:] for line in archive.read(record).decode().splitlines()
        }
        assert set(listed) == set(archive.namelist())
        assert listed.pop(record) == ["", ""]
        for name, (digest, size) in listed.items():
            data = archive.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, size) == (f"sha256={expected}", str(len(data))), name


def test_numpy_is_compiled_from_the_official_sources_and_its_record_matches(site_dir):
    wheel = shipped_numpy(site_dir)
    pairs = list(compiled_pairs(wheel, CACHE / NUMPY_WHEEL))
    assert len(pairs) > 80
    for name, pyc, source in pairs:
        check_pyc(name, pyc, source)
    check_record(wheel)


def test_pylib_ships_its_sources_with_their_bytecode_beside_them(site_dir):
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    wheel = site_dir / "pyodide" / lock["packages"]["pylib"]["file_name"]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        sources = sorted(name for name in names if name.endswith(".py"))
        assert "pylib/network.py" in sources and "pylib/demos/train.py" in sources
        for source in sources:
            cached = bytecode.cache_name(source)
            assert cached.startswith(source.rpartition("/")[0] + "/__pycache__/"), cached
            check_pyc(cached, archive.read(cached), archive.read(source))
        assert {n for n in names if n.endswith(".pyc")} == {bytecode.cache_name(s) for s in sources}
        order = [".dist-info/" in name for name in archive.namelist()]
        assert order == sorted(order), "the .dist-info files come last (PEP 427)"
    check_record(wheel)


RUN = textwrap.dedent(
    """
    import { loadPyodide } from "./pyodide.mjs";
    const indexURL = new URL("./", import.meta.url).pathname;
    // as docs/assets/js/runtime/worker.js starts it
    const pyodide = await loadPyodide({ indexURL, lockFileURL: indexURL + "pyodide-lock.json", args: ["-OO"] });
    await pyodide.loadPackage("pylib", { messageCallback: () => {} });
    console.log(pyodide.runPython(`
    import json, sys, traceback
    import numpy, pylib.demos
    try:
        json.loads("{")
    except ValueError:
        where = traceback.format_exc()
    json.dumps({
        "optimize": sys.flags.optimize,
        "json": json.__spec__.origin,
        "numpy": numpy._core.numeric.__spec__.origin,
        "pylib": pylib.demos.__spec__.origin,
        "pylib_cached": pylib.demos.__spec__.cached,
        # Python compiling the source here would keep the column tables; the shipped .pyc has none
        "pylib_columns": next(pylib.demos.common.setup.__code__.co_positions())[2],
        "traceback": where,
        "sum": float(numpy.arange(10.0).sum()),
    })
    `));
    """
)


def test_the_runtime_runs_on_the_compiled_files(site_dir, tmp_path):
    """Pyodide under Node, from a copy of the site's runtime folder, started with -OO."""
    runtime = tmp_path / "pyodide"  # outside the repository, whose package.json makes .js modules
    shutil.copytree(site_dir / "pyodide", runtime)
    (runtime / "run.mjs").write_text(RUN)
    done = subprocess.run(["node", "run.mjs"], cwd=runtime, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["optimize"] == bytecode.OPTIMIZE == 2
    assert found["json"] == "/lib/python312.zip/json/__init__.pyc"
    assert found["numpy"] == "/lib/python3.12/site-packages/numpy/_core/numeric.pyc"
    assert found["pylib"] == "/lib/python3.12/site-packages/pylib/demos/__init__.py"  # the lessons' code
    assert found["pylib_cached"].endswith("/pylib/demos/__pycache__/__init__.cpython-312.opt-2.pyc")
    assert found["pylib_columns"] is None, "pylib was compiled in the browser, not taken from its wheel"
    # the traceback names the file and line in the standard library, as with the sources
    assert 'File "/lib/python312.zip/json/decoder.py", line ' in found["traceback"]
    assert found["sum"] == 45.0
