"""The "Build it in code" notebooks: they run, the build step executes and caches them,
and the built pages show their plots, offer the notebook and load nothing from elsewhere."""

import base64
import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from sitebuild import notebooks
from sitebuild.common import BuildError

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["network-in-code", "looking-inside", "experiments"]
SESSION_STARTED = time.time()


def source(name):
    return nbformat.read(ROOT / "docs" / "notebooks" / f"{name}.ipynb", as_version=4)


def plotting_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code" and "plt.show()" in cell.source]


def page(site_dir, name):
    return (site_dir / "notebooks" / name / "index.html").read_text()


# ---------------------------------------------------------------- the notebooks run


@pytest.fixture(scope="session")
def executed(site_dir, tmp_path_factory):
    """Each notebook executed with nbclient: the build's copy if this session's build ran it
    from the current sources (as on a fresh checkout), otherwise a fresh run here."""
    digits = site_dir / "data" / "digits.npz"
    copies, stale = {}, []
    for notebook in notebooks.sources():
        record_file = notebooks.OUTPUT / f"{notebook.stem}.json"
        record = json.loads(record_file.read_text()) if record_file.exists() else {}
        if (
            record.get("key") == notebooks.key_for(notebook, digits)
            and record.get("executed_at", 0) >= SESSION_STARTED
        ):
            copies[notebook.stem] = notebooks.OUTPUT / notebook.name
        else:
            stale.append(notebook)
    if stale:
        folder = tmp_path_factory.mktemp("notebooks")
        for notebook in stale:
            shutil.copy(notebook, folder)
        started = time.perf_counter()
        records = notebooks.build(digits, source=folder, output=folder / "executed")
        print(
            f"executed {len(stale)} notebook(s) in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{name} {r['seconds']:.1f} s" for name, r in records.items())
        )
        copies.update({Path(name).stem: Path(r["executed"]) for name, r in records.items()})
    return {name: nbformat.read(path, as_version=4) for name, path in copies.items()}


def test_the_three_notebooks_are_there():
    assert sorted(p.stem for p in notebooks.sources()) == sorted(NAMES)
    for name in NAMES:
        nb = source(name)
        # kept without outputs: the build makes them
        assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
        assert nb.cells[0].source.startswith("# ")
        assert "from pylib import" in "".join(cell.source for cell in nb.cells)


@pytest.mark.parametrize("name", NAMES)
def test_every_code_cell_ran_without_an_error(executed, name):
    cells = [cell for cell in executed[name].cells if cell.cell_type == "code"]
    assert cells and all(cell.execution_count for cell in cells)
    for cell in cells:
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
        # no warnings either: the pages show every output
        assert not [o for o in cell.outputs if o.get("name") == "stderr"], cell.source


@pytest.mark.parametrize("name", NAMES)
def test_every_plotting_cell_drew_a_plot(executed, name):
    plots = plotting_cells(executed[name])
    assert plots
    for cell in plots:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(images) == 1, cell.source
        png = base64.b64decode(images[0].data["image/png"])
        assert png.startswith(b"\x89PNG") and len(png) > 5000
        assert cell.metadata.get("alt"), f"no alt text for:\n{cell.source}"


def test_the_notebooks_use_the_lessons_names():
    code = "".join(cell.source for name in NAMES for cell in source(name).cells if cell.cell_type == "code")
    for word in (
        "weights",
        "biases",
        "activations",
        "weighted_inputs",
        "delta",
        "cost",
        "gradient",
        "learning_rate",
    ):
        assert re.search(rf"\b{word}\b", code), word


# ---------------------------------------------------------------- the build step


def tiny_notebook(folder, source_code):
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source_code)],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
    )
    nbformat.write(nb, folder / "tiny.ipynb")
    return folder / "tiny.ipynb"


def test_a_failing_cell_fails_the_build_step(site_dir, tmp_path):
    """A copy of a real notebook with a deliberately failing first cell."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(ROOT / "docs" / "notebooks" / "network-in-code.ipynb", folder)
    nb = nbformat.read(folder / "network-in-code.ipynb", as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell("cost = 1 / 0  # deliberately broken"))
    nbformat.write(nb, folder / "network-in-code.ipynb")

    with pytest.raises(BuildError) as failure:
        notebooks.build(site_dir / "data" / "digits.npz", source=folder, output=tmp_path / "out")
    message = str(failure.value)
    assert "network-in-code.ipynb failed in code cell 1" in message
    assert "deliberately broken" in message and "ZeroDivisionError" in message
    assert not list((tmp_path / "out").glob("*.json"))  # nothing is recorded as executed


def test_an_unchanged_notebook_is_not_run_again(site_dir, tmp_path):
    digits = site_dir / "data" / "digits.npz"
    folder, output = tmp_path / "notebooks", tmp_path / "out"
    notebook = tiny_notebook(folder, "import os\nprint(6 * 7, os.path.exists(os.environ['NN_DIGITS']))")

    first = notebooks.build(digits, source=folder, output=output)["tiny.ipynb"]
    assert first["cached"] is False
    outputs = nbformat.read(first["executed"], as_version=4).cells[0].outputs
    assert outputs[0].text == "42 True\n"  # ran, and found the digit file
    stamp = Path(first["executed"]).stat().st_mtime_ns

    again = notebooks.build(digits, source=folder, output=output)["tiny.ipynb"]
    assert again["cached"] is True and Path(again["executed"]).stat().st_mtime_ns == stamp

    tiny_notebook(folder, "print(7 * 6)")  # an edit runs it again
    edited = notebooks.build(digits, source=folder, output=output)["tiny.ipynb"]
    assert edited["cached"] is False
    assert nbformat.read(edited["executed"], as_version=4).cells[0].outputs[0].text == "42\n"
    # the key also covers the data (and pylib's code)
    assert notebooks.key_for(notebook, digits) != notebooks.key_for(notebook, notebook)


# ---------------------------------------------------------------- the built pages


def test_notebook_pages_are_in_the_nav_after_lesson_8():
    class Loader(yaml.SafeLoader):
        """Reads mkdocs.yml, leaving out the values of its special tags (!ENV, !!python/...)."""

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)["nav"]
    titles = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in nav]
    section = titles.index("Build it in code")
    assert titles[section - 1].startswith("8 ·")
    assert nav[section]["Build it in code"] == [
        {"The network in code": "notebooks/network-in-code.ipynb"},
        {"Looking inside": "notebooks/looking-inside.ipynb"},
        {"Experiments": "notebooks/experiments.ipynb"},
    ]


def test_only_the_notebooks_become_notebook_pages(site_dir):
    rendered = sorted(
        p.parent.name for p in site_dir.rglob("index.html") if "jupyter-wrapper" in p.read_text()
    )
    assert rendered == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_page_shows_every_plot_with_alt_text(site_dir, name):
    html = page(site_dir, name)
    assert re.search(r"<h1[^>]*>", html)
    images = re.findall(r"<img\b[^>]*>", html.split('class="jupyter-wrapper"', 1)[1])
    plots = [tag for tag in images if 'src="data:image/png;base64,' in tag]
    assert len(plots) >= len(plotting_cells(source(name)))
    for tag in plots:
        data = re.search(r'src="data:image/png;base64,([^"]+)"', tag).group(1)
        assert base64.b64decode(data).startswith(b"\x89PNG")
        alt = re.search(r'alt="([^"]*)"', tag).group(1)
        assert len(alt) > 20 and "No description" not in alt
        assert "needs-dark-background" not in tag  # the plots read on both schemes as they are


@pytest.mark.parametrize("name", NAMES)
def test_page_offers_the_notebook_and_says_how_to_run_it(site_dir, name, build_stats):
    html = page(site_dir, name)
    box = re.search(r'<div class="admonition tip nn-run-it">.*?</div>', html, re.S).group(0)
    downloads = re.findall(r'<a href="([^"]+)" download>', box)
    wheel = Path(build_stats["runtime"]["pylib_wheel"]).name
    assert downloads[0] == f"{name}.ipynb"
    assert downloads[1].endswith("data/digits.npz") and downloads[2].endswith(f"/{wheel}")
    for href in downloads:
        assert (site_dir / "notebooks" / name / href).resolve().is_file(), href
    offered = nbformat.read(site_dir / "notebooks" / name / f"{name}.ipynb", as_version=4)
    assert any(cell.get("outputs") for cell in offered.cells if cell.cell_type == "code")
    assert f"pip install ./{wheel} matplotlib jupyterlab" in box
    assert "pip install ./pylib" in box and "NN_DIGITS" in box


@pytest.mark.parametrize("name", NAMES)
def test_page_loads_no_script_from_elsewhere(site_dir, name):
    html = page(site_dir, name)
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        src = re.search(r'src="([^"]*)"', attributes)
        if src:
            assert src.group(1).startswith("../../assets/"), src.group(1)
        assert "://" not in body and "mathjax" not in attributes.lower()
    for word in ("cdnjs", "mathjax", "require.js", "mermaid.esm"):
        assert word not in html.lower(), word


@pytest.mark.parametrize("name", NAMES)
def test_notebook_pages_link_to_each_other(site_dir, name):
    html = page(site_dir, name).split('class="jupyter-wrapper"', 1)[1]
    for other in NAMES:
        if other != name:
            assert f'href="../{other}/"' in html, other
    assert not re.findall(r'href="(?!' + name + r')[\w-]+\.ipynb"', html)  # no link left as a file


def test_search_indexes_the_notebook_sections_like_other_pages(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    sections = {doc["location"]: doc for doc in index["docs"] if doc["location"].startswith("notebooks/")}
    assert "notebooks/network-in-code/#one-step-of-backpropagation" in sections
    for doc in sections.values():
        assert "¶" not in doc["title"] and "Copied!" not in doc["text"]
    page_text = sections["notebooks/network-in-code/"]["text"]
    assert page_text.count("import os") == 1  # the code once, not again from the copy button


def test_pages_share_one_copy_of_jupyterlabs_styles(site_dir):
    """mkdocs-jupyter inlines ~0.6 MB of JupyterLab's CSS in every page; the site serves it once."""
    shared = sorted((site_dir / "assets" / "notebooks").glob("jupyter-*.css"))
    assert len(shared) == 1 and shared[0].stat().st_size > 100_000
    for name in NAMES:
        html = page(site_dir, name)
        assert f'<link rel="stylesheet" href="../../assets/notebooks/{shared[0].name}">' in html
        assert sum(len(block) for block in re.findall(r"<style\b.*?</style>", html, re.S)) < 20_000
