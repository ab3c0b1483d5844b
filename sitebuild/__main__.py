"""python -m sitebuild: run every build step and print the build stats."""

import json

from .steps import build_all

if __name__ == "__main__":
    print(json.dumps({k: v for k, v in build_all().items() if k != "shipped"}, indent=2))
