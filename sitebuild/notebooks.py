"""The "Build it in code" notebooks: executed at build time, rendered by mkdocs-jupyter.

The notebooks in ``docs/notebooks/`` are kept without outputs. Each build runs every
notebook top to bottom with nbclient (a fresh Python kernel, ``pylib`` from the source
tree, the built ``digits.npz``) and writes the executed copy to ``.cache/notebooks/``; a
cell that raises fails the build. An executed copy is reused while its notebook, pylib and
the digit file are unchanged (their fingerprint is stored beside it), so an unchanged
notebook is not run again.

The hook then points each notebook page at its executed copy (``point_pages_at_executed``)
and mkdocs-jupyter renders it with ``execute: false``. ``finish_page`` tidies the rendered
HTML: it drops the scripts nbconvert would load from other hosts (MathJax, Mermaid), links
one shared copy of JupyterLab's styles instead of inlining them, gives every plot the alt
text stored in its cell's metadata, turns links between notebooks into links between their
pages, fits headings and copy buttons to the theme and its search, and adds the "Run it
yourself" box with the downloads (the notebook, the digit file and the pylib wheel).
"""

import asyncio
import json
import logging
import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path
from typing import Any

from .common import CACHE, GENERATED, ROOT, BuildError, fingerprint, write_if_changed

SOURCE = ROOT / "docs" / "notebooks"
OUTPUT = CACHE / "notebooks"
PYLIB = ROOT / "pylib"
CELL_TIMEOUT = 300  # seconds; a cell that runs longer is stuck, not slow
DIGITS_ENV = "NN_DIGITS"


STYLES = GENERATED / "assets" / "notebooks"  # JupyterLab's styles, shared by the notebook pages


def sources(folder=SOURCE):
    return sorted(folder.glob("*.ipynb"))


def key_for(notebook, digits):
    """What an executed copy depends on: the notebook, pylib's code and the digit file."""
    return fingerprint(notebook, PYLIB / "pylib", digits)


def kernel_env(digits):
    """The kernel's environment: pylib from the source tree, the digit file, no stray output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PYLIB), env.get("PYTHONPATH")]))
    env[DIGITS_ENV] = str(Path(digits).resolve())
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # the debugger's frozen-modules warning
    # One BLAS thread per kernel: the matrices are small and the kernels run side by side,
    # so more threads only fight over the cores.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = "1"
    return env


def first_error(nb):
    """(cell number, source, error text) of the first code cell that raised, or None."""
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = "\n".join(output.get("traceback", [])) or f"{output.ename}: {output.evalue}"
                return number, cell.source, re.sub(r"\x1b\[[0-9;]*m", "", text)
    return None


async def execute_one(notebook, target, digits):
    """Run one notebook in a fresh kernel; write the executed copy to ``target``.

    Raises BuildError naming the notebook and the failing cell if any cell raises.
    Returns the seconds the run took (kernel start included).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from traitlets.config import Config

    nb = nbformat.read(notebook, as_version=4)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nn-notebook-") as workdir:
        # The kernel talks to us over Unix sockets in the scratch folder, not TCP ports.
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(workdir) / "kernel")}})
        client = NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": workdir}},
            config=config,
        )
        try:
            await client.async_execute(env=kernel_env(digits))
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            failed = first_error(nb)
            where = f"code cell {failed[0]}:\n{failed[1]}\n\n{failed[2]}" if failed else str(error)
            raise BuildError(f"notebook {notebook.name} failed in {where}") from None
    seconds = time.perf_counter() - started
    target.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(target, nbformat.writes(nb) + "\n")
    return seconds


def run_to_completion(make_coroutine):
    """``asyncio.run``, in a thread of its own if this thread already runs an event loop
    (as it does under Playwright's synchronous API in the test suite)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def build(
    digits: Path, source: Path = SOURCE, output: Path = OUTPUT, log: logging.Logger | None = None
) -> dict[str, dict[str, Any]]:
    """Execute every notebook whose executed copy is missing or stale; return their records.

    Notebooks that need running run at the same time, each in its own kernel (the kernels
    start and import in parallel). The records say, per notebook, where its executed copy
    is, how many seconds its last run took and whether this build reused it.
    """
    source, output = Path(source), Path(output)
    records, stale = {}, []
    for notebook in sources(source):
        target = output / notebook.name
        record_file = output / f"{notebook.stem}.json"
        key = key_for(notebook, digits)
        record = json.loads(record_file.read_text()) if record_file.exists() else {}
        if target.exists() and record.get("key") == key:
            records[notebook.name] = dict(record, executed=str(target), cached=True)
        else:
            stale.append((notebook, target, record_file, key))

    async def run_all():
        return await asyncio.gather(
            *(execute_one(nb, target, digits) for nb, target, _, _ in stale), return_exceptions=True
        )

    if stale:
        started = time.perf_counter()
        results = run_to_completion(run_all)
        errors = []
        for (notebook, target, record_file, key), result in zip(stale, results):
            if isinstance(result, BaseException):
                record_file.unlink(missing_ok=True)  # a failed notebook is never reused
                errors.append(result)
                continue
            record = {"key": key, "seconds": round(result, 2), "executed_at": time.time()}
            write_if_changed(record_file, json.dumps(record))
            records[notebook.name] = dict(record, executed=str(target), cached=False)
        if errors:
            if all(isinstance(e, BuildError) for e in errors):
                raise BuildError("\n\n".join(str(e) for e in errors))
            raise next(e for e in errors if not isinstance(e, BuildError))
        if log:
            log.info(
                "executed %d notebook(s) in %.1f s: %s",
                len(stale),
                time.perf_counter() - started,
                ", ".join(f"{nb.name} {records[nb.name]['seconds']:.1f} s" for nb, *_ in stale),
            )
    for old in output.glob("*.ipynb"):  # notebooks that were deleted or renamed
        if old.name not in records:
            old.unlink()
            (output / f"{old.stem}.json").unlink(missing_ok=True)
    return records


# ------------------------------------------------------------------ shared styles


def jupyter_styles():
    """The stylesheets mkdocs-jupyter inlines in every notebook page (JupyterLab's, ~0.6 MB)."""
    from mkdocs_jupyter.config import settings

    assets = Path(settings.templates_dir) / "mkdocs_html" / "assets"
    return [(assets / name).read_text() for name in ("index.css", "theme-light.css")]


def write_styles() -> str:
    """Serve those stylesheets once, as one file the three pages share (and browsers cache).

    Named after its content, so a new mkdocs-jupyter never meets a stale cached copy.
    Returns the file's path relative to the site.
    """
    text = "\n".join(jupyter_styles())
    name = f"jupyter-{fingerprint(text)}.css"
    for old in STYLES.glob("jupyter-*.css"):
        if old.name != name:
            old.unlink()
    write_if_changed(STYLES / name, text)
    return (STYLES / name).relative_to(GENERATED).as_posix()


# ------------------------------------------------------------------ the pages

PAGES = "notebooks/"  # where the notebooks sit under docs/, and their pages under the site


def is_notebook_page(page):
    uri = page.file.src_uri
    return uri.startswith(PAGES) and uri.endswith(".ipynb")


def point_pages_at_executed(files, records):
    """Make each notebook page read its executed copy instead of the output-less source."""
    for file in files:
        if file.src_uri.startswith(PAGES) and file.src_uri.endswith(".ipynb"):
            name = file.src_uri[len(PAGES) :]
            if name not in records:
                raise BuildError(
                    f"docs/{file.src_uri} was not executed: is it a notebook under docs/notebooks/?"
                )
            # mkdocs-jupyter wraps the File (as ``.file``); both must name the executed copy.
            for target in (file, getattr(file, "file", None)):
                if target is not None:
                    target.abs_src_path = records[name]["executed"]


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
PLOT = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,[^"]+"[^>]*>')
MARKER = "<!-- run-it-yourself -->"


def drop_foreign_scripts(html):
    """Remove the scripts nbconvert adds to load MathJax and Mermaid from a CDN.

    The site loads nothing from another host (and renders no notebook maths or diagrams):
    a script with a ``src`` (MathJax's, with an empty URL here), MathJax's configuration and
    any script naming another host go. What is left (the copy-button code) is inline and
    gets its hash in the page's Content-Security-Policy like every inline script.
    """

    def keep(match):
        attributes, body = match.groups()
        if "src=" in attributes or "mathjax" in attributes.lower() or "://" in body:
            return ""
        return match.group(0)

    html = SCRIPT.sub(keep, html)
    return re.sub(r"<!--[^>]*?(?:mathjax|mermaid)[^>]*?-->\s*", "", html, flags=re.I)


def plot_alts(executed):
    """The alt text of every plot in the executed notebook, in page order.

    A plotting cell carries its description in its metadata, ``"alt": "..."``: nbconvert
    writes images without alt text, and a reader who cannot see the plot needs it.
    """
    nb = json.loads(Path(executed).read_text())
    alts, number = [], 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                alt = cell.get("metadata", {}).get("alt", "").strip()
                if not alt:
                    raise BuildError(
                        f"{Path(executed).name}: code cell {number} draws a plot but has no alt "
                        'text: add "alt": "what the plot shows" to the cell\'s metadata.'
                    )
                alts.append(alt)
    return alts


def add_alts(html, alts, name):
    """Give each plot its alt text, in order.

    The plots are drawn to read on light and dark pages alike, so the class that asks
    for a contrasting background behind a transparent image goes too.
    """
    plots = PLOT.findall(html)
    if len(plots) != len(alts):
        raise BuildError(f"{name}: the page shows {len(plots)} plots but the notebook made {len(alts)}")
    texts = iter(alts)

    def replace(match):
        tag = re.sub(r'\s(?:alt|class)="[^"]*"', "", match.group(0))
        return tag.replace("<img", f'<img alt="{escape(next(texts))}"', 1)

    return PLOT.sub(replace, html)


def link_notebook_pages(html, page, files):
    """``href="other.ipynb"`` (a link that works in Jupyter) becomes a link to that page."""

    def replace(match):
        file = files.get_file_from_path(PAGES + match.group(1))
        if file is None:
            return match.group(0)
        return f'href="{file.url_relative_to(page.file)}"'

    return re.sub(r'href="([\w.-]+\.ipynb)"', replace, html)


def fit_the_theme(html):
    """Make nbconvert's markup behave like the theme's own.

    * a heading's ``¶`` link becomes the theme's permalink (``headerlink``: shown on hover,
      and left out of the search index's section titles);
    * the hidden copy of each cell's code kept for the copy button, and the button, are
      left out of the search index (the code itself is indexed once, as shown).
    """
    html = html.replace(
        '<a class="anchor-link" href="#', '<a class="headerlink" title="Permanent link" href="#'
    )
    html = html.replace(
        '<div class="zeroclipboard-container">', '<div class="zeroclipboard-container" data-search-exclude>'
    )
    return html.replace('class="clipboard-copy-txt"', 'class="clipboard-copy-txt" data-search-exclude')


def run_it_yourself(page, stats):
    """The box that tells a reader how to run the notebook, with the three downloads."""
    from mkdocs.utils import get_relative_url

    name = Path(page.file.src_uri).name
    wheel = "pyodide/" + stats["runtime"]["pylib_wheel"]
    wheel_name = Path(wheel).name
    return f"""<div class="admonition tip nn-run-it">
<p class="admonition-title">Run it yourself</p>
<p>This page is a Jupyter notebook, and every output on it came from running it when the site
was built. To run it and change it on your own computer, with Python 3.11 or later:</p>
<ol>
<li>Download <a href="{escape(name)}" download>the notebook</a>,
<a href="{get_relative_url("data/digits.npz", page.url)}" download>the digit file
<code>digits.npz</code></a> and <a href="{get_relative_url(wheel, page.url)}" download>the course's
network package <code>pylib</code></a> into one folder. The notebook looks for
<code>digits.npz</code> beside it, or at the path in the environment variable <code>NN_DIGITS</code>.</li>
<li>In that folder, install the package with matplotlib and Jupyter (NumPy comes with the
package), then open the notebook:
<pre><code>pip install ./{escape(wheel_name)} matplotlib jupyterlab
jupyter lab {escape(name)}</code></pre></li>
</ol>
<p>In a copy of the course's repository, <code>pip install ./pylib</code> installs the same
package from its source.</p>
</div>"""


STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.S)


def share_styles(html, page, stats):
    """Replace the inlined copies of JupyterLab's stylesheets with a link to the shared file.

    A style block that is not exactly one of them (the code colours) stays inline, except
    the one mkdocs-jupyter writes from a Python list by mistake, which no browser can use.
    """
    from mkdocs.utils import get_relative_url

    shared = {text.strip() for text in jupyter_styles()}
    found = []

    def replace(match):
        body = match.group(1).strip()
        if body in shared:
            found.append(body)
            return ""
        return "" if body.startswith("['") else match.group(0)

    html = STYLE.sub(replace, html)
    if found:
        href = get_relative_url(stats["notebook_styles"], page.url)
        html = f'<link rel="stylesheet" href="{href}">\n' + html
    return html


def finish_page(html, page, files, stats):
    """Tidy a notebook page rendered by mkdocs-jupyter (see the module's docstring)."""
    name = Path(page.file.src_uri).name
    html = drop_foreign_scripts(html)
    html = share_styles(html, page, stats)
    html = add_alts(html, plot_alts(page.file.abs_src_path), name)
    html = link_notebook_pages(html, page, files)
    html = fit_the_theme(html)
    box = run_it_yourself(page, stats)
    if MARKER in html:
        html = html.replace(MARKER, box, 1)
    else:
        html = re.sub(r"(</h1>)", lambda m: m.group(1) + box, html, count=1)
    return html
