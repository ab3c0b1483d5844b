"""Every build step, in order, and the build-stats file the pages read.

1. data        the digit file: 4,000 training and 1,000 held-out images (sitebuild/data.py)
2. weights     the shipped network, trained from seed 0 (sitebuild/weights.py)
3. one_step    lesson 8's partly trained network and its training 7 (sitebuild/one_step.py)
4. runtime     Pyodide (its standard library trimmed to what the site imports), NumPy
               without the parts it never imports, and the pylib wheel (sitebuild/runtime.py)
4b. previews   each demo's first picture, worked out by pylib for before the runtime
               has loaded (sitebuild/previews.py)
5. vendor      KaTeX (sitebuild/vendor.py)
5b. limits     the page's copy of LIMITS, demo-kit/limits.js (sitebuild/limits.py)
6. notebooks   the three notebooks, executed (sitebuild/notebooks.py)
7. flashcards  every practice page's cards, the Anki deck and the CSV, and the study
               mode's scheduler (sitebuild/flashcards.py)

Each step writes under the cache folder and skips its work when its inputs have not
changed. ``python -m sitebuild`` runs them all and prints the stats.
"""

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import data, flashcards, limits, notebooks, one_step, previews, runtime, vendor, weights
from .common import GENERATED, fingerprint, write_if_changed
from .flashcards import Card, Lesson
from .stat_text import fill_stats

STATS = GENERATED / "build-stats.json"


@dataclass
class Built:
    """What the steps made: the build stats, and the cards of every practice page."""

    stats: dict[str, Any]
    deck: tuple[list[Lesson], list[Card]]


def build_all(docs_dir: Path, nav: list[Any], site_url: str = "", log: logging.Logger | None = None) -> Built:
    """Run every step for the pages in ``docs_dir`` (in the order of ``nav``) and the
    address ``site_url``; return the build stats and the flashcard deck."""
    started = time.perf_counter()
    digits = data.build()
    shipped = weights.build(digits)
    one_step_stats = one_step.build(digits)
    runtime_stats = runtime.build()
    previews.build(
        digits, weights.OUTPUT, one_step.OUTPUT
    )  # each demo's first picture, for before the runtime
    vendor.build()
    limits.build()
    stats: dict[str, Any] = {
        # Changes whenever a file the worker fetches changes; pages append it to those URLs.
        "build_id": fingerprint(
            digits, weights.OUTPUT, one_step.OUTPUT, runtime.OUTPUT / "pyodide-lock.json"
        ),
        "shipped": shipped,
        "one_step": one_step_stats,
        "runtime": runtime_stats,
        "data_file_bytes": digits.stat().st_size,
    }
    write_if_changed(STATS, json.dumps(stats, indent=1, sort_keys=True))
    # After the stats file, as they read the data and pylib; not in the stats file the site serves.
    stats["notebooks"] = notebooks.build(digits, log=log)
    stats["notebook_styles"] = notebooks.write_styles()
    # The cards may quote build stats, so they come last.
    flashcards.vendor_fsrs()
    deck = flashcards.collect(docs_dir, nav, lambda text, where: fill_stats(text, stats, where))
    lessons, cards = deck
    stats["flashcards"] = flashcards.export(lessons, cards, site_url)
    stats["build_seconds"] = round(time.perf_counter() - started, 2)
    return Built(stats, deck)
