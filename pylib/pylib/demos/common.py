"""The part every demo shares: bounds on what a reader can set, the page's session
(the data and the shipped network, loaded once), and the table of demo functions.

A demo function takes a dict of options and returns a dict, or is a generator of
dicts (a long run: each dict is streamed to the page as it comes; a ``None`` only
gives the page a moment to ask it to stop). It is registered with ``@demo`` and the
page calls it by name through ``call``.
"""

import json
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ..data import Digits, load_digits
from ..network import Network

# The bounds of every value a reader can set. The build writes the page's copy for its own
# checks from this dict (sitebuild/limits.py → assets/js/demo-kit/limits.js).
Rule = dict[str, Any]  # min, max, integer and (optionally) exclusive_min
LIMITS: dict[str, Rule] = {
    "learning_rate": {"min": 0.0, "max": 100.0, "integer": False, "exclusive_min": True},
    "mini_batch_size": {"min": 1, "max": 4000, "integer": True},
    "epochs": {"min": 1, "max": 100, "integer": True},
    "seed": {"min": 0, "max": 999999, "integer": True},
    "train_size": {"min": 100, "max": 4000, "integer": True},
    "hidden_size": {"min": 1, "max": 128, "integer": True},
    "hidden_layers": {"min": 0, "max": 3, "integer": True},
    "image_index": {"min": 0, "max": 999, "integer": True},
    # Lessons 4 and 5: a start on a toy landscape (each dial), full batch vs mini-batch.
    "start_position": {"min": -4.0, "max": 4.0, "integer": False},
    "toy_mini_batch_size": {"min": 1, "max": 100, "integer": True},
    "toy_epochs": {"min": 1, "max": 50, "integer": True},
    "digit": {"min": 0, "max": 9, "integer": True},
    # Lesson 6: the chain-rule calculator's a_prev, w, b, y and the gradient check's choices
    "chain_a_prev": {"min": 0.0, "max": 1.0, "integer": False},
    "chain_w": {"min": -10.0, "max": 10.0, "integer": False},
    "chain_b": {"min": -10.0, "max": 10.0, "integer": False},
    "chain_y": {"min": 0.0, "max": 1.0, "integer": False},
    "check_layer": {"min": 1, "max": 2, "integer": True},
    "check_neuron": {"min": 1, "max": 4, "integer": True},
    "check_h": {"min": 1e-12, "max": 1.0, "integer": False},
    # Lessons 1–3: one neuron's inputs, weights and bias; layer sizes for counting knobs.
    "neuron_input": {"min": 0.0, "max": 1.0, "integer": False},
    "neuron_weight": {"min": -10.0, "max": 10.0, "integer": False},
    "neuron_bias": {"min": -20.0, "max": 20.0, "integer": False},
    "layer_count": {"min": 2, "max": 6, "integer": True},
    "layer_size": {"min": 1, "max": 100000, "integer": True},
}


class DemoError(ValueError):
    """A value a reader set is out of bounds; the message is meant for the reader."""


def check(name: str, value: object) -> Any:
    """``value`` as a number within ``LIMITS[name]`` (an int for a whole-number rule, else a
    float), or a DemoError saying why not."""
    rule = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DemoError(f"{name} must be a number")
    if rule["integer"] and value != int(value):
        raise DemoError(f"{name} must be a whole number")
    low_ok = value > rule["min"] if rule.get("exclusive_min") else value >= rule["min"]
    if not low_ok or value > rule["max"]:
        raise DemoError(f"{name} must be between {rule['min']} and {rule['max']}")
    return int(value) if rule["integer"] else float(value)


class Session:
    """The data and networks the page's demos share while the page is open."""

    def __init__(self, digits: Digits, shipped: Network, one_step_path: str) -> None:
        self.digits = digits
        self.shipped = shipped
        self.one_step_path = one_step_path  # lesson 8's example (pylib.demos.one_step), read when asked for
        self.trained: Network | None = None  # the network the Train demo is training or has trained


_session: Session | None = None


def session() -> Session:
    if _session is None:
        raise RuntimeError("the demos' data is not loaded: call setup() first")
    return _session


def setup(data_path: str, weights_path: str, one_step_path: str) -> str:
    """Load the digits and the shipped weights, and note where lesson 8's example is;
    called once when the worker starts, with the paths where it put the build's files.
    Returns JSON: how many images were loaded and the shipped network's sizes."""
    global _session
    with open(weights_path, "rb") as f:
        shipped = Network.from_bytes(f.read())
    _session = Session(load_digits(data_path), shipped, one_step_path)
    return json.dumps(
        {
            "train_images": len(_session.digits.train_labels),
            "test_images": len(_session.digits.test_labels),
            "sizes": list(shipped.sizes),
        }
    )


# ------------------------------------------------------------------ the table of demo functions

Options = dict[str, Any]
DemoFunction = Callable[[Options], Any]  # returns a dict, or yields dicts (and None)
FUNCTIONS: dict[str, DemoFunction] = {}


def demo(function: DemoFunction) -> DemoFunction:
    """Register a demo function under its own name."""
    FUNCTIONS[function.__name__] = function
    return function


def finite(value: Any) -> Any:
    """JSON has no NaN or infinity: numbers that blew up become null (recursively)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.floating):
        return finite(float(value))
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.ndarray):
        return finite(value.tolist())
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def _stream(results: Iterator[Any]) -> Iterator[str | None]:
    for item in results:
        yield None if item is None else json.dumps(finite(item))


def call(name: str, options_json: str) -> str | Iterator[str | None]:
    """Run the demo function ``name`` with options given as JSON text.

    Returns JSON text, or for a generator function a generator of JSON text (and
    ``None`` pauses). Raises DemoError for anything a reader set wrong.
    """
    if name not in FUNCTIONS:
        raise DemoError(f"there is no demo function {name!r}")
    options = json.loads(options_json)
    if not isinstance(options, dict):
        raise DemoError("options must be an object")
    result = FUNCTIONS[name](options)
    if hasattr(result, "__next__"):
        return _stream(result)
    return json.dumps(finite(result))
