import json
import re
from pathlib import Path

from pylib import demos

ROOT = Path(__file__).resolve().parents[3]


def test_setup_reports_what_it_loaded(site_dir):
    info = json.loads(demos.setup(str(site_dir / "data" / "digits.npz"),
                                  str(site_dir / "data" / "shipped-weights.npz")))
    assert info == {"train_images": 4000, "test_images": 1000, "sizes": [784, 16, 16, 10]}


def test_limits_match_the_page(session):
    """The page's limits.js and Python's LIMITS are the same numbers."""
    text = (ROOT / "docs" / "assets" / "js" / "demos" / "limits.js").read_text()
    assert set(re.findall(r"^  (\w+): \{", text, re.M)) == set(demos.LIMITS)
    for name, rule in demos.LIMITS.items():
        line = re.search(rf"^\s*{name}: \{{(.*)\}},$", text, re.M)
        assert line, name
        js = dict(re.findall(r"(\w+): ([\w.+-]+)", line.group(1)))
        assert float(js["min"]) == rule["min"] and float(js["max"]) == rule["max"], name
        assert (js["integer"] == "true") == rule["integer"], name
        assert (js.get("exclusiveMin") == "true") == bool(rule.get("exclusive_min")), name
