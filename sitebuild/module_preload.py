"""Every page names, in its head, each ES module it is about to run, so they load at once.

The site's scripts are plain ES modules without a bundler (CONTRIBUTING, *Demos*). A
browser learns a module's imports only once that module has arrived, so left to itself
it fetches the graph one level at a time: ``main.js``, then what it imports, and so on,
then (once the page's demos mount) each demo's own graph. On a real link each level is
a round trip (on an emulated 20 Mbps / 40 ms link lesson 7's Train demo mounted about
0.35 s later than with these links). A ``<link rel="modulepreload">`` for every module
of ``main.js``'s static graph and of each demo the page holds (``data-demo="name"``)
lets the browser fetch them all as the page starts, in parallel, and compile them
early; the imports then find them ready. The links change nothing else: a module that
is preloaded but not reached is only fetched, never run.

The graph is read from the sources in ``docs/assets/js``: static ``import``/``export
… from`` statements with relative specifiers (dynamic ``import()`` is left alone, as it
is what loads a demo only on pages that hold one). A module the build writes itself
(``demo-kit/limits.js``) is linked without being read: it imports nothing.
"""

import re
from pathlib import Path

STATIC_IMPORT = re.compile(
    r'^\s*(?:import|export)\b[^;"\']*?\bfrom\s*"(\.{1,2}/[^"]+)"|^\s*import\s*"(\.{1,2}/[^"]+)"', re.M
)
DEMO = re.compile(r'\bdata-demo="([a-z][a-z0-9-]{0,40})"')
ENTRY = "main.js"
# The other modules a page loads on demand (by dynamic import()) when its HTML holds a
# marker: the demos (demo-kit/registry.js, by data-demo above) and the deck's study mode
# (flashcards/index.js).
ON_DEMAND = {"data-flashcard-study": "flashcards/study.js"}


def static_graph(js_dir: Path, module: str) -> list[str]:
    """``module`` and every module it imports statically, directly or not, as paths
    relative to ``js_dir`` ("demo-kit/shell.js"), in the order first met."""
    found: list[str] = []
    waiting = [module]
    while waiting:
        name = waiting.pop(0)
        if name in found:
            continue
        found.append(name)
        source = js_dir / name
        if not source.exists():  # written by the build (limits.js): no imports
            continue
        for match in STATIC_IMPORT.finditer(source.read_text(encoding="utf-8")):
            target = (Path(name).parent / (match.group(1) or match.group(2))).as_posix()
            waiting.append(_normalise(target))
    return found


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def modules_for(html: str, js_dir: Path) -> list[str]:
    """The modules a page runs as it loads: main.js's graph, then each of its demos' and
    of what else its markup asks for (ON_DEMAND)."""
    entries = [ENTRY]
    for demo in dict.fromkeys(DEMO.findall(html)):
        if (js_dir / "demos" / f"{demo}.js").exists():  # else the registry reports it on the page
            entries.append(f"demos/{demo}.js")
    entries += [module for marker, module in ON_DEMAND.items() if marker in html]
    modules: list[str] = []
    for entry in entries:
        modules += [name for name in static_graph(js_dir, entry) if name not in modules]
    return modules


def add_links(html: str, page_url: str, js_dir: Path) -> str:
    """The page's HTML with a modulepreload link per module before ``</head>``; pages
    that do not load main.js are returned unchanged."""
    if f"assets/js/{ENTRY}" not in html or "</head>" not in html:
        return html
    base = "../" * page_url.count("/")
    links = "".join(
        f'<link rel="modulepreload" href="{base}assets/js/{name}">' for name in modules_for(html, js_dir)
    )
    return html.replace("</head>", links + "</head>", 1)
