"""The lessons' figures: the SVG files in docs/assets/figures/ are what tools/figures.py draws."""

from tools import figures


def test_figure_files_match_their_generator():
    for name, content in figures.all_figures().items():
        assert (figures.OUT / name).read_text() == content, f"run `make figures` ({name})"
