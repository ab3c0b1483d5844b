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
import re
from pathlib import Path

import pytest

from sitebuild.hooks import FORMATS, STAT
from worked import PAGES
from worked.course import FACTS, GIVEN
from worked.declare import check
from worked.pagetext import page_text

ROOT = Path(__file__).resolve().parent.parent


def quoted_stats(page, stats):
    """The build stats a page quotes ({{ stats.… }} in its source), as the build writes them."""
    source = (ROOT / "docs" / page.source).read_text()
    out = set()
    for match in STAT.finditer(source):
        value = stats
        for part in match.group(1).split("."):
            value = value[part]
        out.add(FORMATS[match.group(2)](value).removesuffix("%"))
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
