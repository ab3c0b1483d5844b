"""The built site: strict build, the self-hosted runtime, the lock file, the policy."""

import base64
import hashlib
import json
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_strict_build_passes(site_dir):
    # site_dir is built with `mkdocs build --strict`; a warning would have failed the fixture.
    assert (site_dir / "index.html").exists()
    assert (site_dir / "lessons" / "07-training" / "index.html").exists()


def test_runtime_holds_only_what_the_site_needs(site_dir):
    runtime = site_dir / "pyodide"
    names = sorted(p.relative_to(runtime).as_posix() for p in runtime.rglob("*") if p.is_file())
    assert [n.split("/")[-1] for n in names if not n.startswith("pylib-")] == [
        "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl",
        "pyodide-lock.json",
        "pyodide.asm.js",
        "pyodide.asm.wasm",
        "pyodide.mjs",
        "python_stdlib.zip",
    ]
    wheels = [n for n in names if n.startswith("pylib-")]
    assert len(wheels) == 1 and wheels[0].endswith("/pylib-0.1.0-py3-none-any.whl")
    total = sum(p.stat().st_size for p in runtime.rglob("*") if p.is_file())
    assert total < 18_000_000


def test_core_files_are_the_npm_release(site_dir):
    for name in (
        "pyodide.mjs",
        "pyodide.asm.js",
        "pyodide.asm.wasm",
    ):  # python_stdlib.zip: trimmed (stdlib.py)
        assert (site_dir / "pyodide" / name).read_bytes() == (
            ROOT / "node_modules" / "pyodide" / name
        ).read_bytes()


def test_lock_file_checks_numpy_and_pylib(site_dir):
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    official = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"] == official["info"] and lock["info"]["version"] == "0.27.7"
    assert set(lock["packages"]) == {"numpy", "pylib"}
    ours = lock["packages"][
        "numpy"
    ]  # the official entry but for the smaller wheel's file and hash (numpy_wheel.py)
    assert {k: v for k, v in ours.items() if k not in ("file_name", "sha256")} == {
        k: v for k, v in official["packages"]["numpy"].items() if k not in ("file_name", "sha256")
    }
    for entry in lock["packages"].values():
        file = site_dir / "pyodide" / entry["file_name"]
        assert hashlib.sha256(file.read_bytes()).hexdigest() == entry["sha256"]
    assert lock["packages"]["pylib"]["depends"] == ["numpy"]
    assert (
        official["packages"]["numpy"]["sha256"]
        == "ebb61241d962b98b21597d7ce43b67668a6d5bab3acec4fbe958657320d7cd08"
    )


def test_pylib_wheel_is_pure_python_with_the_network(site_dir):
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    wheel = site_dir / "pyodide" / lock["packages"]["pylib"]["file_name"]
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        wheel_meta = z.read(next(n for n in names if n.endswith("WHEEL"))).decode()
    assert "Tag: py3-none-any" in wheel_meta and "Root-Is-Purelib: true" in wheel_meta
    for module in ("network", "kernels", "data", "demos/__init__", "demos/common", "demos/train"):
        assert f"pylib/{module}.py" in names


def test_build_stats_come_from_the_build(site_dir, build_stats):
    shipped = build_stats["shipped"]
    assert shipped["parameters"] == 13002
    assert shipped["training"] == {
        "sizes": [784, 16, 16, 10],
        "seed": 0,
        "learning_rate": 3.0,
        "mini_batch_size": 10,
        "epochs": 60,
    }
    assert len(shipped["curve"]) == 60
    # the pages quote the measured accuracy, not a typed one
    lesson = (site_dir / "lessons" / "07-training" / "index.html").read_text()
    assert f"{shipped['test_correct']:,} of the 1,000" in lesson
    assert f"{100 * shipped['test_accuracy']:.0f}%" in lesson


def test_pages_give_the_worker_the_webassembly_size_as_built(site_dir, build_stats):
    """The worker starts the wheels when most of the WebAssembly is in (early-fetch.js)."""
    size = (site_dir / "pyodide" / "pyodide.asm.wasm").stat().st_size
    assert build_stats["runtime"]["wasm_bytes"] == size
    for page in ("index.html", "lessons/07-training/index.html"):
        assert f'<meta name="nn-wasm-bytes" content="{size}">' in (site_dir / page).read_text()


def test_every_page_has_a_policy_covering_its_inline_scripts(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text()
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert match, f"{page} has no Content-Security-Policy"
        policy = match.group(1)
        assert "default-src 'self'" in policy and "unsafe-eval'" not in policy.replace(
            "wasm-unsafe-eval'", ""
        )
        assert "http" not in policy  # no other origin is allowed
        for attributes, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S):
            if "application/json" in attributes:
                continue
            digest = hashlib.sha256(body.encode()).digest()
            assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy.split("style-src")[0]
        style_src = policy.split("style-src")[1].split(";")[0]
        assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace("wasm-unsafe-eval'", "")
        for body in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S):
            digest = hashlib.sha256(body.encode()).digest()
            assert f"'sha256-{base64.b64encode(digest).decode()}'" in style_src


def test_no_third_party_urls_in_assets(site_dir):
    """Nothing the site loads names another host (links in prose are fine; they are not loaded)."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text()
        for tag in re.findall(r"<(?:script|link|img|iframe|source)[^>]*>", html):
            if 'rel="canonical"' in tag:
                continue  # names the page's published address; nothing is loaded from it
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), f"{page}: {tag}"
