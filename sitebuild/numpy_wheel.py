"""A smaller NumPy wheel: Pyodide's official one, without what the site never imports.

The official wheel (3.06 MB, checked against Pyodide's lock file first) carries
subpackages that NumPy 2.0 only imports when asked for by name: ``numpy.fft``,
``numpy.polynomial``, ``numpy.ma``, ``numpy.f2py``, ``numpy.testing``, ``numpy.typing``,
``numpy.ctypeslib``, ``numpy.matlib``, plus type stubs (``.pyi``) and Cython headers
(``.pxd``); and what only building or testing other code needs: the C headers
(``numpy/_core/include``), the static libraries and their pkg-config files
(``numpy/_core/lib``, ``numpy/random/lib``), the examples of extending ``numpy.random``,
and the compiled test-only modules NumPy's own test suite imports by name
(``_umath_tests``, ``_rational_tests``, ``_operand_flag_tests``, ``_struct_ufunc_tests``,
``_simd``; not ``_multiarray_tests``, which ``import numpy`` itself reaches through
``_add_newdocs``). Pyodide compiles every compiled module of a wheel as it loads it, so a
test module left out is also WebAssembly never compiled. pylib uses none of them, and no
reader runs Python of their own in the page, so the site ships the wheel without them:
the same compiled NumPy, file for file, minus those, deflated with Zopfli
(sitebuild/zopfli_zip.py), its Python compiled ahead of time (each ``NAME.py`` as
``NAME.pyc``: sitebuild/bytecode.py). Its ``RECORD`` lists what it holds; the site's lock
file gives its new sha256.

The wheel sits in a folder named after its hash, so a browser (or a host's cache) never
pairs an older wheel at the same address with a newer lock file.
``tests/browser/test_runtime_stdlib.py`` runs every demo function on it.
"""

import shutil
import zipfile
from pathlib import Path

from . import bytecode, wheels, zopfli_zip
from .common import CACHE, fingerprint, sha256_bytes

DROP_FOLDERS = (
    "numpy/f2py/",
    "numpy/fft/",
    "numpy/polynomial/",
    "numpy/ma/",
    "numpy/testing/",
    "numpy/typing/",
    "numpy/_pyinstaller/",
    "numpy/doc/",
    "numpy/compat/",
    "numpy/_core/include/",
    "numpy/_core/lib/",
    "numpy/random/lib/",
    "numpy/random/_examples/",
)
DROP_FILES = ("numpy/ctypeslib.py", "numpy/matlib.py")
# Compiled modules, named without their platform suffix (.cpython-312-wasm32-emscripten.so).
DROP_EXTENSIONS = (
    "numpy/_core/_umath_tests",
    "numpy/_core/_rational_tests",
    "numpy/_core/_operand_flag_tests",
    "numpy/_core/_struct_ufunc_tests",
    "numpy/_core/_simd",
)
DROP_SUFFIXES = (".pyi", ".pxd")


def dropped(name):
    return (
        name.startswith(DROP_FOLDERS)
        or name in DROP_FILES
        or name.endswith(DROP_SUFFIXES)
        or (name.endswith(".so") and name.split(".", 1)[0] in DROP_EXTENSIONS)
    )


def trimmed_wheel(official):
    """The bytes of the smaller wheel (members in their original order, each NAME.py as the
    NAME.pyc compiled from it (sitebuild/bytecode.py), RECORD rewritten to match)."""
    with zipfile.ZipFile(official) as wheel:
        infos = [info for info in wheel.infolist() if not dropped(info.filename)]
        files = {info.filename: wheel.read(info.filename) for info in infos}
    sources = {name: data for name, data in files.items() if name.endswith(".py")}
    compiled = bytecode.compile_sources(sources, bytecode.SITE_PACKAGES)
    members = []
    for info in infos:
        name, data = info.filename, files[info.filename]
        if name in sources:
            name, data = name + "c", compiled[name + "c"]
        members.append((zopfli_zip.copy_info(info, name), data))
    # RECORD lists every other file with its hash and size, then itself with neither.
    at = next(i for i, (member, _) in enumerate(members) if member.filename.endswith(".dist-info/RECORD"))
    record = members[at][0]
    listed = [(member.filename, data) for member, data in members if member is not record]
    members[at] = (record, wheels.record(listed, record.filename))
    return zopfli_zip.zip_bytes(members)


def write(official, output):
    """Write the smaller wheel under output/numpy-<version>-<hash>/; return its path (old ones removed)."""
    official, output = Path(official), Path(output)
    key = fingerprint(
        official, Path(__file__), Path(zopfli_zip.__file__), Path(wheels.__file__), *bytecode.INPUTS
    )
    stamp = CACHE / "numpy-wheel.key"
    if stamp.exists() and stamp.read_text().split(" ", 1)[0] == key:
        target = output / stamp.read_text().split(" ", 1)[1]
        if target.exists():
            return target
    data = trimmed_wheel(official)
    version = official.name.split("-")[1]
    folder = output / f"numpy-{version}-{sha256_bytes(data)[:16]}"
    target = folder / official.name
    for old in output.glob("numpy-*"):
        if old != folder:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    if not target.exists() or target.read_bytes() != data:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    stamp.write_text(f"{key} {target.relative_to(output).as_posix()}")
    return target
