"""A smaller ``python_stdlib.zip``: only the standard library the site's Python imports.

Pyodide 0.27.7 ships the whole standard library as one zip (2.4 MB, already deflated, so
a host's gzip cannot shrink it further) and imports from it at run time. The site's
Python is fixed: the worker boots Pyodide, loads NumPy and pylib and calls the demo
functions of ``pylib.demos``; no reader types Python into a page. So the runtime ships
a zip holding only the modules that this needs, under the same name, in place of the
full one (``loadPyodide`` then finds it where it always looks).

``KEEP`` is every standard-library module imported in Pyodide while booting, loading
the packages and running every demo function, with bad input and overflowing numbers
too (so the paths that format errors and warnings are in), recorded from ``sys.modules``
after such a run; plus Pyodide's own two packages whole, and a few text codecs that are
looked up by name. A module missing here fails loudly (``ModuleNotFoundError``), and
``tests/browser/test_runtime_stdlib.py`` runs every demo function in the browser on
the trimmed zip. When pylib or the worker starts importing something new, add it here.

Each module ships compiled, as ``NAME.pyc`` where the zip had ``NAME.py``
(sitebuild/bytecode.py): Python's start no longer compiles them on every visit.
"""

import zipfile
from pathlib import Path

from . import bytecode, zopfli_zip
from .common import CACHE, BuildError, fingerprint, write_if_changed

# Imported at run time, from sys.modules after booting and running every demo function.
KEEP = [
    "__future__",
    "_collections_abc",
    "_compat_pickle",
    "_compression",
    "_sitebuiltins",
    "_weakrefset",
    "abc",
    "ast",
    "asyncio",
    "asyncio.base_events",
    "asyncio.base_futures",
    "asyncio.base_subprocess",
    "asyncio.base_tasks",
    "asyncio.constants",
    "asyncio.coroutines",
    "asyncio.events",
    "asyncio.exceptions",
    "asyncio.format_helpers",
    "asyncio.futures",
    "asyncio.locks",
    "asyncio.log",
    "asyncio.mixins",
    "asyncio.protocols",
    "asyncio.queues",
    "asyncio.runners",
    "asyncio.selector_events",
    "asyncio.sslproto",
    "asyncio.staggered",
    "asyncio.streams",
    "asyncio.subprocess",
    "asyncio.taskgroups",
    "asyncio.tasks",
    "asyncio.threads",
    "asyncio.timeouts",
    "asyncio.transports",
    "asyncio.trsock",
    "asyncio.unix_events",
    "base64",
    "bisect",
    "bz2",
    "calendar",
    "codecs",
    "collections",
    "collections.abc",
    "concurrent",
    "concurrent.futures",
    "concurrent.futures._base",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "csv",
    "ctypes",
    "ctypes._endian",
    "dataclasses",
    "datetime",
    "dis",
    "email",
    "email._encoded_words",
    "email._parseaddr",
    "email._policybase",
    "email.base64mime",
    "email.charset",
    "email.encoders",
    "email.errors",
    "email.header",
    "email.iterators",
    "email.message",
    "email.quoprimime",
    "email.utils",
    "encodings",
    "encodings.aliases",
    "encodings.cp437",
    "encodings.utf_8",
    "enum",
    "fnmatch",
    "functools",
    "genericpath",
    "hashlib",
    "heapq",
    "hmac",
    "importlib",
    "importlib._abc",
    "importlib._bootstrap",
    "importlib._bootstrap_external",
    "importlib.abc",
    "importlib.machinery",
    "importlib.metadata",
    "importlib.metadata._adapters",
    "importlib.metadata._collections",
    "importlib.metadata._functools",
    "importlib.metadata._itertools",
    "importlib.metadata._meta",
    "importlib.metadata._text",
    "importlib.resources",
    "importlib.resources._adapters",
    "importlib.resources._common",
    "importlib.resources._legacy",
    "importlib.resources.abc",
    "importlib.util",
    "inspect",
    "io",
    "ipaddress",
    "json",
    "json.decoder",
    "json.encoder",
    "json.scanner",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "ntpath",
    "numbers",
    "opcode",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "platform",
    "posixpath",
    "quopri",
    "random",
    "re",
    "re._casefix",
    "re._compiler",
    "re._constants",
    "re._parser",
    "reprlib",
    "secrets",
    "selectors",
    "shutil",
    "signal",
    "site",
    "socket",
    "stat",
    "string",
    "struct",
    "subprocess",
    "tarfile",
    "tempfile",
    "textwrap",
    "threading",
    "token",
    "tokenize",
    "traceback",
    "types",
    "typing",
    "urllib",
    "urllib.parse",
    "warnings",
    "weakref",
    "zipfile",
    "zipfile._path",
    "zipfile._path.glob",
    "zipimport",
]
# Looked up by name when text is encoded or decoded (codecs.lookup), so never in an import list.
CODECS = [
    "ascii",
    "latin_1",
    "utf_8_sig",
    "utf_16",
    "utf_32",
    "raw_unicode_escape",
    "unicode_escape",
    "charmap",
    "idna",
]
# Pyodide's own Python (its foreign-function interface, event loop and package loader): whole.
WHOLE_PACKAGES = ("pyodide/", "_pyodide/")
# Fixed date, sorted names: the same input gives the same bytes (and the same cache key).
DATE = (1980, 1, 1, 0, 0, 0)


def members_for(names, members):
    """The zip members that hold these modules (a package's __init__.py, a module's .py)."""
    chosen = set()
    for name in names:
        base = name.replace(".", "/")
        for candidate in (f"{base}/__init__.py", f"{base}.py"):
            if candidate in members:
                chosen.add(candidate)
                break
        else:
            raise BuildError(
                f"sitebuild/stdlib.py keeps {name!r}, which Pyodide's python_stdlib.zip does not have"
            )
    return chosen


def trimmed_zip(source):
    """The bytes of the smaller zip, built from the full one."""
    with zipfile.ZipFile(source) as full:
        members = set(full.namelist())
        keep = members_for(KEEP + [f"encodings.{c}" for c in CODECS], members)
        keep |= {m for m in members if m.startswith(WHOLE_PACKAGES) and not m.endswith("/")}
        files = {name: full.read(name) for name in keep}
    # the Python compiled ahead of time (sitebuild/bytecode.py): each NAME.py becomes NAME.pyc
    sources = {name: data for name, data in files.items() if name.endswith(".py")}
    files = {name: data for name, data in files.items() if name not in sources}
    files.update(bytecode.compile_sources(sources, bytecode.STDLIB_PATH))
    # deflated with Zopfli (sitebuild/zopfli_zip.py): 4 % fewer bytes than zlib's best
    return zopfli_zip.zip_bytes((zipfile.ZipInfo(name, DATE), files[name]) for name in sorted(files))


def write(source, target):
    """Write the smaller zip to target (skipped when neither the source nor the list changed)."""
    source, target = Path(source), Path(target)
    key = fingerprint(source, Path(__file__), Path(zopfli_zip.__file__), *bytecode.INPUTS)
    stamp = CACHE / "python_stdlib.key"  # not beside the zip: that folder is copied into the site
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        return target
    write_if_changed(target, trimmed_zip(source))
    stamp.write_text(key)
    return target
