"""The service worker that keeps the course for offline use (sitebuild/offline/).

Runs after MkDocs has written every file of the site (the last thing ``on_post_build``
does, once the pages carry their final Content-Security-Policy), because the worker's
manifest lists the final files with their hashes. ``generate-sw.mjs`` uses Workbox's
``workbox-build`` (npm) for the manifest and copies Workbox's runtime modules into the
site, which serves them itself.
"""

import html
import json
import re
import shutil
from pathlib import Path
from string import Template

from .common import ROOT, BuildError, run

SCRIPT = Path(__file__).resolve().parent / "offline" / "generate-sw.mjs"
FALLBACK_TEMPLATE = Path(__file__).resolve().parent / "offline" / "fallback.html"
FALLBACK = "offline-fallback.html"  # at the site's root; sw.js names it too
# The fallback page's own stylesheets: the theme's (hashed names) and the offline styles.
FALLBACK_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")


def build(site_dir, build_id):
    """Write site_dir/sw.js; return {version, build, files, bytes} for the build stats."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("node is missing: the service worker is generated with Node.js 20+ (workbox-build).")
    if not (ROOT / "node_modules" / "workbox-build").exists():
        raise BuildError("node_modules/workbox-build is missing: run `npm ci` (the Makefile does).")
    done = run([node, str(SCRIPT), str(site_dir), build_id], cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _page_address(source):
    """A page's address relative to the site's root, from its source in the nav."""
    stem = re.sub(r"\.(md|ipynb)$", "", source)
    if stem == "index":
        return "./"
    return (stem[: -len("index")] if stem.endswith("/index") else stem + "/") or "./"


def _nav_sources(nav):
    """Every page's source in the nav, in the reader's order."""
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_sources(value)
        elif isinstance(value, str) and not value.startswith(("http://", "https://")):
            yield value


def course_pages(site_dir, nav, site_name):
    """[(address, title)] of every page in the nav, titles as the built pages give them."""
    pages = []
    for source in _nav_sources(nav):
        address = _page_address(source)
        built = Path(site_dir) / (address.removeprefix("./") + "index.html")
        if not built.is_file():
            raise BuildError(f"the offline fallback page lists {address}, but {built} was not built")
        found = re.search(r"<title>(.*?)</title>", built.read_text(encoding="utf-8"), re.S)
        title = html.unescape(found.group(1)).removesuffix(f" - {site_name}").strip() if found else address
        pages.append((address, "Home" if address == "./" else title))
    return pages


def write_fallback(site_dir, config):
    """Write the page the service worker shows offline for a page it does not hold.

    A small page of its own (not a theme page: served in place of another address, the
    theme's scripts would take that address as the page's own), with the theme's
    stylesheets, the course's pages (its script shows those kept on this device) and Try
    again. Written before the policy is filled in, so it carries the site's policy."""
    site_dir = Path(site_dir)
    sheets = []
    for pattern in FALLBACK_STYLES:
        found = sorted(site_dir.glob(pattern))
        if not found:
            raise BuildError(f"the offline fallback page needs the theme's {pattern}, not in {site_dir}")
        sheets.append(found[0].relative_to(site_dir).as_posix())
    sheets.append("assets/css/offline.css")
    name = config["site_name"]
    items = "\n".join(
        f'            <li hidden><a href="{html.escape(address)}">{html.escape(title)}</a></li>'
        for address, title in course_pages(site_dir, config["nav"], name)
    )
    text = Template(FALLBACK_TEMPLATE.read_text(encoding="utf-8")).substitute(
        site_name=html.escape(name),
        stylesheets="\n  ".join(f'<link rel="stylesheet" href="{sheet}">' for sheet in sheets),
        pages=items,
    )
    (site_dir / FALLBACK).write_text(text, encoding="utf-8")
