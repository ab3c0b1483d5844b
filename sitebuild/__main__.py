"""python -m sitebuild: run every build step for the site of mkdocs.yml and print the build stats."""

import json

from mkdocs.config import load_config

from .common import ROOT
from .steps import build_all

if __name__ == "__main__":
    config = load_config(str(ROOT / "mkdocs.yml"))
    built = build_all(config["docs_dir"], config["nav"], config.get("site_url") or "")
    print(json.dumps(built.stats, indent=2))
