"""The build as MkDocs runs it: the steps before the pages, their files in the site.

``prepare`` runs every build step (sitebuild/steps.py) when MkDocs reads its
configuration and keeps what they made for the pages; ``add_generated_files`` puts the
steps' outputs into the site at the same paths as under ``.cache/site`` and points each
notebook page at its executed copy.
"""

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import notebooks
from .common import CACHE, GENERATED
from .steps import Built, build_all

log = logging.getLogger("mkdocs.hooks.sitebuild")

# What the steps of the current build made (mkdocs serve rebuilds in the same process).
current = Built(stats={}, deck=([], []))


def prepare(config: MkDocsConfig) -> None:
    """Run the build steps; give the pages the build id and the WebAssembly's size, and the
    notebooks their cache."""
    global current
    current = build_all(config["docs_dir"], config["nav"], config.get("site_url") or "", log)
    config.extra["build_id"] = current.stats["build_id"]
    config.extra["wasm_bytes"] = current.stats["runtime"]["wasm_bytes"]
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:  # its render cache lives with ours
        jupyter.config["cache_dir"] = str(CACHE / "mkdocs-jupyter")
    log.info(
        "site assets ready in %.2f s (shipped test accuracy %.1f %%)",
        current.stats["build_seconds"],
        100 * current.stats["shipped"]["test_accuracy"],
    )


def add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    """The steps' outputs, added to the site; notebook pages read their executed copies."""
    for path in sorted(GENERATED.rglob("*")):
        if path.is_file():
            files.append(
                File(
                    path.relative_to(GENERATED).as_posix(),
                    str(GENERATED),
                    config["site_dir"],
                    config["use_directory_urls"],
                )
            )
    notebooks.point_pages_at_executed(files, current.stats.get("notebooks", {}))
    return files


def stats() -> dict[str, Any]:
    """The stats of the current build."""
    return current.stats
