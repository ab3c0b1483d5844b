"""The page's limits.js, written at build time from pylib.demos.LIMITS (sitebuild/limits.py)."""

import json
from pathlib import Path

from pylib import demos

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "export const LIMITS = "


def read_page_limits(site_dir):
    text = (site_dir / "assets" / "js" / "demo-kit" / "limits.js").read_text()
    body = text[text.index(PREFIX) + len(PREFIX) :].strip()
    assert body.endswith(";")
    return json.loads(body[:-1])


def test_generated_limits_equal_pythons(site_dir):
    """Every bound in the served limits.js is Python's, under the JavaScript's key names."""
    page = read_page_limits(site_dir)
    assert list(page) == list(demos.LIMITS)
    for name, rule in demos.LIMITS.items():
        expected = {("exclusiveMin" if key == "exclusive_min" else key): value for key, value in rule.items()}
        assert page[name] == expected, name
        assert type(page[name]["min"]) is type(rule["min"]) and page[name]["integer"] is rule["integer"], name


def test_no_hand_kept_copy():
    """The site's sources hold no limits.js: the build's is the only one."""
    assert not list((ROOT / "docs").rglob("limits.js"))
