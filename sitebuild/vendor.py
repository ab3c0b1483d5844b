"""Front-end libraries served from the site itself (never a CDN): KaTeX for the maths."""

import shutil

from .common import GENERATED, ROOT, BuildError

KATEX = ROOT / "node_modules" / "katex" / "dist"
OUTPUT = GENERATED / "assets" / "vendor"


def build() -> None:
    if not KATEX.exists():
        raise BuildError("node_modules/katex is missing: run `npm ci` (the Makefile does).")
    target = OUTPUT / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    for name in ("katex.min.css", "katex.mjs"):
        shutil.copyfile(KATEX / name, target / name)
    # Every browser the site supports reads woff2; the css lists it first.
    for font in (KATEX / "fonts").glob("*.woff2"):
        if not (target / "fonts" / font.name).exists():
            shutil.copyfile(font, target / "fonts" / font.name)
