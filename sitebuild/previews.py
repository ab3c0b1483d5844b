"""Previews: each demo's first picture, worked out at build time by the same pylib code.

Before the Python runtime has loaded, a demo shows what its first call to Python would
show (the chosen digit with its outputs, the landscape with its start, the first step's
network…), marked as a preview. The answers come from here: for every demo, the calls
it makes as soon as Python is ready, with the options the page starts with, run in
CPython through ``pylib.demos.call`` exactly as the page's worker runs them, on the
site's own data and weights. Each demo's answers go to
``assets/previews/<demo>.json`` as ``[{"fn", "args", "data"}]``;
``docs/assets/js/runtime/previews.js`` answers those calls from it until Python is ready.

``FIRST_CALLS`` must match what the pages send: a demo whose first call has no preview
asks the runtime instead (the preview test, which blocks the runtime, then fails).
The Train demo has none: before the reader presses Train it shows empty charts with
their axes, drawn without Python. Every demo has a file (an empty list if need be), so
no page asks for one that is missing.
"""

import json
from pathlib import Path
from typing import Any

from .common import GENERATED, fingerprint, write_if_changed

OUTPUT = GENERATED / "assets" / "previews"

# Each demo's first calls (docs/assets/js/demos/<demo>.js, on "ready"), with its defaults.
FIRST_CALLS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "look-inside": [("look_inside", {"weights": "shipped", "index": 0})],
    "count-knobs": [("count_knobs", {"sizes": [784, 16, 16, 10]})],
    "one-neuron": [
        ("one_neuron", {"activations": [1, 0.5, 0.2], "weights": [2, -1, 0.5], "bias": -1, "curve": True})
    ],
    "weight-pictures": [("weight_pictures", {"weights": "shipped"})],
    "score-guess": [("score_guess", {"index": 0, "weights": "shipped"})],
    "biggest-nudges": [
        ("biggest_nudges", {"weights": "partly", "batch_seed": 0, "mini_batch_size": 10, "learning_rate": 3})
    ],
    "roll-downhill": [
        ("downhill_landscape", {"landscape": "two-valleys"}),
        ("downhill_descend", {"landscape": "two-valleys", "start": [3], "learning_rate": 1, "steps": 0}),
    ],
    "what-image-wants": [("image_wants", {"index": 0, "network": "partly"})],
    "batch-vs-minibatch": [("minibatch_landscape", {})],
    "chain-rule": [("chain_rule", {"a_prev": 1, "w": 0.5, "b": 0, "y": 1})],
    "gradient-check": [("gradient_check", {"kind": "weight", "layer": 2, "j": 1, "k": 2, "h": 1e-05})],
    "one-step": [("one_step", {"learning_rate": 0.3, "weights": "partly"})],
    "train": [],  # nothing to ask before the reader presses Train (an empty file: no missing-file error)
    "your-work": [],  # the reader's own digits and network: nothing the build could know
}


def answers(digits: Path, weights: Path, one_step_file: Path) -> dict[str, list[dict[str, Any]]]:
    """{demo: [{"fn", "args", "data"}]}, computed in CPython as the worker would."""
    from pylib import demos

    demos.setup(str(digits), str(weights), str(one_step_file))

    def answer(fn: str, args: dict[str, Any]) -> Any:
        reply = demos.call(fn, json.dumps(args))
        if not isinstance(reply, str):  # a streaming demo (Train) has no single first answer
            raise TypeError(f"{fn} streams its answers: it cannot be a preview")
        return json.loads(reply)

    return {
        demo: [{"fn": fn, "args": args, "data": answer(fn, args)} for fn, args in calls]
        for demo, calls in FIRST_CALLS.items()
    }


def build(digits: Path, weights: Path, one_step_file: Path) -> None:
    """Write assets/previews/<demo>.json, recomputed when pylib, the data or this list change."""
    from .common import ROOT

    key = fingerprint(ROOT / "pylib" / "pylib", digits, weights, one_step_file, FIRST_CALLS)
    stamp = GENERATED.parent / "previews.key"  # not under GENERATED: that folder is copied into the site
    if (
        stamp.exists()
        and stamp.read_text() == key
        and all((OUTPUT / f"{d}.json").exists() for d in FIRST_CALLS)
    ):
        return
    for demo, calls in answers(digits, weights, one_step_file).items():
        write_if_changed(OUTPUT / f"{demo}.json", json.dumps(calls, separators=(",", ":")))
    stamp.write_text(key)
