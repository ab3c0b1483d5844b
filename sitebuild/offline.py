"""The service worker that keeps the course for offline use (sitebuild/offline/).

Runs after MkDocs has written every file of the site (the last thing ``on_post_build``
does, once the pages carry their final Content-Security-Policy), because the worker's
manifest lists the final files with their hashes. ``generate-sw.mjs`` uses Workbox's
``workbox-build`` (npm) for the manifest and copies Workbox's runtime modules into the
site, which serves them itself.
"""

import json
import shutil
from pathlib import Path

from .common import ROOT, BuildError, run

SCRIPT = Path(__file__).resolve().parent / "offline" / "generate-sw.mjs"


def build(site_dir, build_id):
    """Write site_dir/sw.js; return {version, build, files, bytes} for the build stats."""
    node = shutil.which("node")
    if node is None:
        raise BuildError("node is missing: the service worker is generated with Node.js 20+ (workbox-build).")
    if not (ROOT / "node_modules" / "workbox-build").exists():
        raise BuildError("node_modules/workbox-build is missing: run `npm ci` (the Makefile does).")
    done = run([node, str(SCRIPT), str(site_dir), build_id], cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])
