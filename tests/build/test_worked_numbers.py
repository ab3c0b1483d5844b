"""Every worked number on the site is recomputed from pylib, and no number goes undeclared.

The declarations live in ``tests/worked/`` (one module per lesson): each is a piece of
a page's text as a reader reads it, with slots for the numbers computed from pylib.
Here each is looked for on the built page, so a page and pylib that disagree in any
digit shown fail the test; and every other number on the page must be a given input
(a declared example's data, the course's sizes), a build stat the page quotes, a label
(lesson 3, output 7) or one of the course's computed facts (13,002 ...): a worked
number added later without a declaration fails the test too.
"""

import json
from pathlib import Path

import pytest

from sitebuild.stat_text import FORMATS, STAT
from tests.build.worked import PAGES
from tests.build.worked.course import FACTS, GIVEN
from tests.build.worked.declare import check
from tests.build.worked.pagetext import NUMBER, figure_text, page_text

ROOT = Path(__file__).resolve().parents[2]


def quoted_stats(page, stats):
    """The build stats a page quotes ({{ stats.… }} in its source), as the build writes them."""
    source = (ROOT / "docs" / page.source).read_text()
    out = set()
    for match in STAT.finditer(source):
        value = stats
        for part in match.group(1).split("."):
            value = value[part]
        out.update(NUMBER.findall(FORMATS[match.group(2)](value)))
    return out


@pytest.fixture(scope="module")
def stats(site_dir):
    return json.loads((site_dir / "build-stats.json").read_text())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path.strip("/") or "home")
def test_every_number_on_the_page_is_recomputed_or_given(site_dir, stats, page):
    text = page_text(site_dir, page.path)
    result = check(text, page.worked, given=(*GIVEN, *page.given, *quoted_stats(page, stats)), extra=FACTS)
    problems = [f"not on the page as declared: {d.text!r}" for d in result.missing]
    problems += [f"undeclared number {number!r} in …{context}…" for number, context in result.uncovered]
    assert not problems, f"{page.path}:\n  " + "\n  ".join(problems)
    print(f"{page.path}: {result.computed} numbers recomputed in {result.found} declarations")


def test_every_content_page_declares_its_numbers():
    """A page added to the course without declarations is noticed here."""
    declared = {page.path for page in PAGES}
    lessons = sorted(p.name for p in (ROOT / "docs" / "lessons").iterdir() if p.is_dir())
    expected = {"", "glossary/", "symbols/", "credits/"}
    expected |= {f"lessons/{slug}/{part}" for slug in lessons for part in ("", "practice/")}
    assert expected <= declared, f"pages without declarations: {sorted(expected - declared)}"


@pytest.fixture(scope="module")
def figure_declarations(digits):
    from tests.build.worked.figures import declarations

    return declarations(digits)


@pytest.mark.parametrize("svg", sorted(p.name for p in (ROOT / "docs" / "assets" / "figures").glob("*.svg")))
def test_every_number_in_a_figure_is_recomputed_or_given(figure_declarations, svg):
    assert svg in figure_declarations, f"{svg}: add its numbers to tests/worked/figures.py"
    worked, given = figure_declarations[svg]
    text = figure_text(ROOT / "docs" / "assets" / "figures" / svg)
    result = check(text, worked, given=(*GIVEN, *given), extra=FACTS)
    problems = [f"not in the figure as declared: {d.text!r}" for d in result.missing]
    problems += [f"undeclared number {number!r} in …{context}…" for number, context in result.uncovered]
    assert not problems, f"{svg}:\n  " + "\n  ".join(problems)


# ------------------------------------------------------------------ the check itself


def test_a_wrong_digit_on_a_page_fails_the_check(site_dir, stats):
    """Change one digit of a worked number, as a typo would, and the check must object,
    both for a number inside a declaration and for one the page adds without one."""
    page = next(p for p in PAGES if p.path == "lessons/06-backpropagation-calculus/")
    text = page_text(site_dir, page.path)
    given = (*GIVEN, *page.given, *quoted_stats(page, stats))
    assert not check(text, page.worked, given=given, extra=FACTS).missing
    typo = text.replace("≈ -0.0887", "≈ -0.0877", 1)
    assert typo != text
    assert check(typo, page.worked, given=given, extra=FACTS).missing
    added = text + "\nA new worked example: 0.3 × 0.7 = 0.21."
    uncovered = check(added, page.worked, given=given, extra=FACTS).uncovered
    assert {number for number, _ in uncovered} == {"0.3", "0.7", "0.21"}


def test_a_declaration_that_disagrees_with_pylib_is_not_found(site_dir):
    """The declarations are formatted from pylib's numbers: a page that kept an old value
    after the computation changed would no longer match."""
    from pylib import sigmoid
    from tests.build.worked.declare import Worked

    text = page_text(site_dir, "lessons/02-neurons-weights-biases/")
    assert check(text, [Worked("Squish: a = σ(0.9) ≈ {a:.2f}.", a=float(sigmoid(0.9)))]).found == 1
    assert check(text, [Worked("Squish: a = σ(0.9) ≈ {a:.2f}.", a=float(sigmoid(0.95)))]).missing


def test_page_text_reads_the_maths_as_a_reader_does():
    from tests.build.worked.pagetext import normalise, tex_to_text

    def read(tex):
        return normalise(tex_to_text(tex))

    assert read(r"\(1{,}000 \times 0.5 - \tfrac12\)") == "1,000 × 0.5 - ½"
    assert read(r"\(\frac{1}{1 + e^{-z}}\)") == "(1)/(1 + e^-z)"
    assert read(r"\(a^l = \sigma(W^l a^{l-1} + b^l)\)") == "al = σ(Wl al-1 + bl)"
