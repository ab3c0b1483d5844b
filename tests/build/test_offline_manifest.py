"""The service worker the build writes (sitebuild/offline.py): its manifest lists every file
the course needs, each with its true size and SHA-256, and Workbox is served by the site."""

import base64
import hashlib
import json
import re

IGNORED = ("sw.js", "sitemap.xml.gz")


def manifest(site_dir):
    text = (site_dir / "sw.js").read_text()
    entries = json.loads(re.search(r"const MANIFEST = (\[.*?\]);", text, re.S).group(1))
    return text, {entry["url"]: entry for entry in entries}


def test_manifest_lists_every_file_with_its_size_and_hash(site_dir):
    _, entries = manifest(site_dir)
    files = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*") if p.is_file()}
    expected = {
        name
        for name in files
        if not (name in IGNORED or name.endswith(".map") or name.startswith("assets/javascripts/lunr/"))
    }
    assert set(entries) == expected
    for name, entry in entries.items():
        data = files[name].read_bytes()
        assert entry["bytes"] == len(data), name
        assert entry["integrity"] == "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode(), (
            name
        )
    # what the offline course needs: every page, the runtime, the wheels, the data, the downloads
    for needed in (
        "index.html",
        "lessons/07-training/index.html",
        "flashcards/index.html",
        "sitemap.xml",
        "pyodide/pyodide.mjs",
        "pyodide/pyodide.asm.wasm",
        "pyodide/python_stdlib.zip",
        "pyodide/pyodide-lock.json",
        "data/digits.npz",
        "data/shipped-weights.npz",
        "assets/js/runtime/worker.js",
        "assets/vendor/workbox/workbox-sw.js",
    ):
        assert needed in entries, needed
    assert any(name.startswith("pyodide/pylib-") and name.endswith(".whl") for name in entries)
    assert any(name.startswith("pyodide/numpy-") for name in entries)
    assert any(name.endswith(".ipynb") for name in entries)


def test_worker_names_its_version_and_the_pages_build_and_loads_workbox_from_the_site(site_dir):
    text, entries = manifest(site_dir)
    stats = json.loads((site_dir / "build-stats.json").read_text())
    assert re.search(r'const VERSION = "[0-9a-f]{10}";', text)
    assert f'const BUILD = "{stats["build_id"]}";' in text
    assert "__NN_" not in text and "__WB_MANIFEST" not in text
    assert 'importScripts("assets/vendor/workbox/workbox-sw.js")' in text
    assert 'modulePathPrefix: "assets/vendor/workbox/"' in text
    for module in ("core", "routing", "strategies"):
        assert f"assets/vendor/workbox/workbox-{module}.prod.js" in entries
    assert "http" not in text.split("*/", 1)[1]  # no address of another host in the worker's code
