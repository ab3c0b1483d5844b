"""All build steps in order, and the build-stats file the pages read."""

import json
import time

from . import data, notebooks, one_step, previews, runtime, vendor, weights
from .common import GENERATED, fingerprint, use_source_pylib, write_if_changed

STATS = GENERATED / "build-stats.json"


def build_all(log=None):
    started = time.perf_counter()
    use_source_pylib()
    digits = data.build()
    shipped = weights.build(digits)
    one_step_stats = one_step.build(digits)
    runtime_stats = runtime.build()
    previews.build(digits, weights.OUTPUT, one_step.OUTPUT)  # each demo's first picture, for before the runtime
    vendor.build()
    stats = {
        # Changes whenever a file the worker fetches changes; pages append it to those URLs.
        "build_id": fingerprint(digits, weights.OUTPUT, one_step.OUTPUT, runtime.OUTPUT / "pyodide-lock.json"),
        "shipped": shipped,
        "one_step": one_step_stats,
        "runtime": runtime_stats,
        "data_file_bytes": digits.stat().st_size,
    }
    write_if_changed(STATS, json.dumps(stats, indent=1, sort_keys=True))
    # Last, as they read the data and pylib; not in the stats file the site serves.
    stats["notebooks"] = notebooks.build(digits, log=log)
    stats["notebook_styles"] = notebooks.write_styles()
    stats["build_seconds"] = round(time.perf_counter() - started, 2)
    return stats
