"""The page's copy of the demo limits: ``assets/js/demo-kit/limits.js``, written from
``pylib.demos.LIMITS``.

Python checks every value a reader sets against ``LIMITS``; the page checks the same bounds
first, so a reader sees a message at once, without waiting for the runtime. Writing the
page's copy from Python's at every build keeps one source of truth: there is no hand-kept
copy to drift. Keys become the JavaScript's camelCase (``exclusive_min`` → ``exclusiveMin``).
"""

import json

from .common import GENERATED, write_if_changed

OUTPUT = GENERATED / "assets" / "js" / "demo-kit" / "limits.js"

HEADER = """\
// Bounds of every value a reader can set in a demo, as {min, max, integer, exclusiveMin}.
// Generated at build time by sitebuild/limits.py from pylib.demos.LIMITS, which Python
// checks again: do not edit; change LIMITS instead.
"""


def camel(name):
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def page_limits(limits):
    """LIMITS with the JavaScript's key names, in LIMITS' own order."""
    return {name: {camel(key): value for key, value in rule.items()} for name, rule in limits.items()}


def build():
    """Write limits.js (only if it changed); returns its path."""
    from pylib.demos import LIMITS

    text = json.dumps(page_limits(LIMITS), indent=2)
    write_if_changed(OUTPUT, f"{HEADER}export const LIMITS = {text};\n")
    return OUTPUT
