"""MkDocs hooks (``hooks:`` in mkdocs.yml): run the build steps and wire their outputs in.

* on_config     builds (or finds cached) wheel, data, weights, runtime and vendored files,
                executes the notebooks (sitebuild/notebooks.py) and collects the
                flashcards and their exports (sitebuild/flashcards.py)
* on_files      adds those files to the site at the same paths as under ``.cache/site``,
                and points each notebook page at its executed copy
* on_page_markdown  replaces ``{{ stats.path.to.value|format }}`` with build results, turns
                    ```flashcards fences into cards and fills the deck page
* on_page_content  tidies the notebook pages mkdocs-jupyter rendered
* on_post_page  notes each page's inline scripts and styles; on_post_build then fills in
                the one Content-Security-Policy every page carries, with all their hashes
"""

import base64
import hashlib
import json
import logging
import mimetypes
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from sitebuild import flashcards, notebooks, offline  # noqa: E402
from sitebuild.common import CACHE, GENERATED, BuildError  # noqa: E402
from sitebuild.steps import build_all  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sitebuild")

# `mkdocs serve` and `python -m http.server` guess types from these tables: Pyodide
# needs JavaScript for .mjs (module imports are strict) and application/wasm for .wasm.
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")

_stats = {}
_deck = ([], [])  # (lessons, cards) of every practice page, read from the sources

# ------------------------------------------------------------------ build steps


def on_config(config):
    global _stats
    try:
        _stats = build_all(log)
    except BuildError as error:
        raise PluginError(str(error)) from error
    config.extra["build_id"] = _stats["build_id"]
    global _deck
    try:
        flashcards.vendor_fsrs()
        _deck = flashcards.collect(config["docs_dir"], config["nav"], fill_stats)
        _stats["flashcards"] = flashcards.export(*_deck, config.get("site_url") or "")
    except BuildError as error:
        raise PluginError(str(error)) from error
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:  # its render cache lives with ours
        jupyter.config["cache_dir"] = str(CACHE / "mkdocs-jupyter")
    log.info("site assets ready in %.2f s (shipped test accuracy %.1f %%)",
             _stats["build_seconds"], 100 * _stats["shipped"]["test_accuracy"])
    return config


@event_priority(-50)  # after mkdocs-jupyter's on_files has made the notebooks pages
def on_files(files, config):
    for path in sorted(GENERATED.rglob("*")):
        if path.is_file():
            files.append(File(path.relative_to(GENERATED).as_posix(), str(GENERATED), config["site_dir"],
                              config["use_directory_urls"]))
    try:
        notebooks.point_pages_at_executed(files, _stats.get("notebooks", {}))
    except BuildError as error:
        raise PluginError(str(error)) from error
    return files


def on_page_content(html, page, config, files):
    if not notebooks.is_notebook_page(page):
        return html
    try:
        return notebooks.finish_page(html, page, files, _stats)
    except BuildError as error:
        raise PluginError(str(error)) from error


# ------------------------------------------------------------------ build stats in prose

STAT = re.compile(r"\{\{\s*stats\.([\w.]+)\s*(?:\|\s*(\w+)\s*)?\}\}")
FORMATS = {
    "pct0": lambda v: f"{100 * v:.0f}%",   # a whole percentage, as the lessons quote accuracy
    "pct1": lambda v: f"{100 * v:.1f}%",
    "int": lambda v: f"{int(v):,}",
    "f1": lambda v: f"{v:.1f}",
    "f2": lambda v: f"{v:.2f}",
    "f3": lambda v: f"{v:.3f}",
    "f4": lambda v: f"{v:.4f}",
    "kb": lambda v: f"{v / 1000:,.0f} kB",
    "mb": lambda v: f"{v / 1e6:.1f} MB",
    None: str,
}


def stat_value(path):
    value = _stats
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def fill_stats(markdown, where):
    def replace(match):
        path, fmt = match.group(1), match.group(2)
        try:
            value = stat_value(path)
        except KeyError:
            raise PluginError(f"{where}: no build stat {path!r}") from None
        if fmt not in FORMATS:
            raise PluginError(f"{where}: unknown stat format {fmt!r}")
        return FORMATS[fmt](value)

    return STAT.sub(replace, markdown)


DECK = re.compile(r"\{\{\s*flashcards\.(\w+)\s*\}\}")


def fill_flashcards(markdown, src_uri):
    """```flashcards fences become cards; {{ flashcards.deck }} / .downloads fill the deck page."""
    try:
        title = next((lesson.title for lesson in _deck[0] if lesson.page == src_uri), None)
        markdown = flashcards.render_page(markdown, src_uri, title)
    except BuildError as error:
        raise PluginError(str(error)) from error

    def replace(match):
        if match.group(1) == "deck":
            return flashcards.deck_markdown(*_deck, src_uri)
        if match.group(1) == "downloads":
            return flashcards.downloads_html(src_uri.rpartition("/")[0])
        raise PluginError(f"{src_uri}: unknown {match.group(0)} (flashcards.deck or flashcards.downloads)")

    return DECK.sub(replace, markdown)


def on_page_markdown(markdown, page, config, files):
    return fill_stats(fill_flashcards(markdown, page.file.src_uri), page.file.src_uri)


# ------------------------------------------------------------------ content security policy

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
CSP_PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"


def _hash_sources(bodies):
    digests = {base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() for body in bodies}
    return [f"'sha256-{d}'" for d in sorted(digests)]


# Inline code of every page of the build, for the one policy every page carries:
# instant navigation keeps the first page's policy while it swaps in the next page, so
# a policy naming only its own page's hashes would block the next page's figures.
_inline = {"scripts": set(), "styles": set()}


def collect_inline_code(html):
    """Note a page's inline scripts and <style> blocks for the site's policy."""
    _inline["scripts"].update(body for attributes, body in INLINE_SCRIPT.findall(html)
                              if "application/json" not in attributes)
    _inline["styles"].update(INLINE_STYLE.findall(html))


def content_security_policy(scripts, styles):
    """Only this origin; inline code only the site's own, each by its hash.

    * default-src 'self'            nothing from any other host, ever
    * script-src 'wasm-unsafe-eval'  lets Pyodide compile its WebAssembly (it is not eval:
                                    JavaScript's eval() and new Function() stay blocked)
    * script-src 'sha256-…'         mkdocs-material's few inline scripts, exactly as built
    * style-src 'sha256-…'          the <style> blocks of inline SVG figures and notebook
                                    pages, exactly as built; scripts set styles through the
                                    DOM (element.style), which the policy allows
    * img-src data: blob:           icons inlined by the theme and images made in the page
    * worker-src 'self' blob:       the Pyodide worker and the theme's search worker
    * object-src 'none', base-uri 'self', form-action 'self'

    Every page carries the same policy, with the hashes of every page's inline code
    (see _inline).
    """
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *_hash_sources(scripts)])
    style_src = " ".join(["'self'", *_hash_sources(styles)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script_src}",
        f"style-src {style_src}",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def on_pre_build(config):
    _inline["scripts"].clear()
    _inline["styles"].clear()


def on_post_page(output, page, config):
    if CSP_PLACEHOLDER in output:
        collect_inline_code(output)
    return output


def build_stats():
    """The stats of the last build (for tests and tools)."""
    return json.loads(json.dumps(_stats))


def on_post_template(output, template_name, config):
    """Static templates such as 404.html get the same policy."""
    if CSP_PLACEHOLDER in output:
        collect_inline_code(output)
    return output


def on_post_build(config):
    """Every page written, fill in the one policy they all carry."""
    policy = content_security_policy(_inline["scripts"], _inline["styles"])
    for page in Path(config["site_dir"]).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if CSP_PLACEHOLDER in html:
            page.write_text(html.replace(CSP_PLACEHOLDER, policy), encoding="utf-8")
    try:  # last: the service worker's manifest lists the final files (sitebuild/offline.py)
        _stats["offline"] = offline.build(config["site_dir"], _stats["build_id"])
    except BuildError as error:
        raise PluginError(str(error)) from error
