"""The Content-Security-Policy every page carries.

The theme's template (overrides/main.html) writes a placeholder where the policy goes.
While MkDocs writes the pages, ``collect_inline_code`` notes each page's inline scripts
and ``<style>`` blocks; once every page is written, ``fill_in_policy`` replaces the
placeholder in every page with one policy naming all their hashes. One policy for all:
instant navigation keeps the first page's policy while it swaps in the next page, so a
policy naming only its own page's hashes would block the next page's figures.
"""

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
PLACEHOLDER = "__CONTENT_SECURITY_POLICY__"

# Inline code of every page of the build so far.
_inline: dict[str, set[str]] = {"scripts": set(), "styles": set()}


def start() -> None:
    """Forget the inline code of an earlier build (``mkdocs serve`` rebuilds in-process)."""
    _inline["scripts"].clear()
    _inline["styles"].clear()


def collect_inline_code(html: str) -> None:
    """Note a page's inline scripts and <style> blocks, if it carries the policy."""
    if PLACEHOLDER not in html:
        return
    _inline["scripts"].update(
        body for attributes, body in INLINE_SCRIPT.findall(html) if "application/json" not in attributes
    )
    _inline["styles"].update(INLINE_STYLE.findall(html))


def _hash_sources(bodies: Iterable[str]) -> list[str]:
    digests = {base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() for body in bodies}
    return [f"'sha256-{d}'" for d in sorted(digests)]


def content_security_policy(scripts: Iterable[str], styles: Iterable[str]) -> str:
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
    """
    script_src = " ".join(["'self'", "'wasm-unsafe-eval'", *_hash_sources(scripts)])
    style_src = " ".join(["'self'", *_hash_sources(styles)])
    return "; ".join(
        [
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
        ]
    )


def fill_in_policy(site_dir: Path) -> None:
    """Every page written: put the one policy, with every page's hashes, into each."""
    policy = content_security_policy(_inline["scripts"], _inline["styles"])
    for page in Path(site_dir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            page.write_text(html.replace(PLACEHOLDER, policy), encoding="utf-8")
