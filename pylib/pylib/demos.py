"""What the in-page demos ask of the network.

The page's worker runs Pyodide, imports this module and calls these functions with
JSON text; they answer with JSON text (or, for long runs, a generator of it). All the
numerical work is done by ``pylib.network``, the same code the lessons show.

The page checks every value a reader types before it gets here; ``check`` repeats
those checks, so a value that slipped through still gets a clear message, not a
traceback.
"""

import json
import math

import numpy as np

from .data import load_digits
from .network import Network

# The bounds of every value a reader can set. docs/assets/js/demos/limits.js holds the
# same numbers for the page's own checks (a unit test keeps the two equal).
LIMITS = {
    "learning_rate": {"min": 0.0, "max": 100.0, "integer": False, "exclusive_min": True},
    "mini_batch_size": {"min": 1, "max": 4000, "integer": True},
    "epochs": {"min": 1, "max": 100, "integer": True},
    "seed": {"min": 0, "max": 999999, "integer": True},
    "train_size": {"min": 100, "max": 4000, "integer": True},
    "hidden_size": {"min": 1, "max": 128, "integer": True},
    "hidden_layers": {"min": 0, "max": 3, "integer": True},
    "image_index": {"min": 0, "max": 999, "integer": True},
}


class DemoError(ValueError):
    """A value a reader set is out of bounds; the message is meant for the reader."""


def check(name, value):
    """``value`` as a number within ``LIMITS[name]``, or a DemoError saying why not."""
    rule = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DemoError(f"{name} must be a number")
    if rule["integer"] and value != int(value):
        raise DemoError(f"{name} must be a whole number")
    low_ok = value > rule["min"] if rule.get("exclusive_min") else value >= rule["min"]
    if not low_ok or value > rule["max"]:
        raise DemoError(f"{name} must be between {rule['min']} and {rule['max']}")
    return int(value) if rule["integer"] else float(value)


class Session:
    """The data and networks a page's demos share while the page is open."""

    def __init__(self, digits, shipped):
        self.digits = digits
        self.shipped = shipped
        self.trained = None  # the network the Train demo is training or has trained


session = None


def setup(data_path, weights_path):
    """Load the digits and the shipped weights; called once when the worker starts."""
    global session
    with open(weights_path, "rb") as f:
        shipped = Network.from_bytes(f.read())
    session = Session(load_digits(data_path), shipped)
    return json.dumps({
        "train_images": int(len(session.digits.train_labels)),
        "test_images": int(len(session.digits.test_labels)),
        "sizes": list(shipped.sizes),
    })


def _network_options(options):
    hidden = options.get("hidden_sizes", [16, 16])
    if not isinstance(hidden, list):
        raise DemoError("hidden_sizes must be a list of layer sizes")
    check("hidden_layers", len(hidden))
    sizes = (784, *(check("hidden_size", n) for n in hidden), 10)
    return sizes, check("seed", options.get("seed", 0))


def train(options_json):
    """Train a fresh network from seeded random weights; a generator for the worker.

    Yields ``None`` after every few steps (a moment for the page to ask it to stop)
    and a JSON report after every epoch: epoch, steps, the running cost of the
    epoch's mini-batches, the cost and accuracy on the training images used and on
    the 1,000 held-out images, and the seconds spent training so far.
    """
    import time

    options = json.loads(options_json)
    sizes, seed = _network_options(options)
    learning_rate = check("learning_rate", options["learning_rate"])
    mini_batch_size = check("mini_batch_size", options["mini_batch_size"])
    epochs = check("epochs", options["epochs"])
    train_size = check("train_size", options.get("train_size", 4000))
    if mini_batch_size > train_size:
        raise DemoError("mini_batch_size must be at most the number of training images")

    images = session.digits.train_images[:train_size]
    labels = session.digits.train_labels[:train_size]
    network = Network(sizes, seed=seed)
    session.trained = network
    started = time.perf_counter()
    training_seconds = 0.0
    epoch_costs = []
    for progress in network.sgd_steps(images, labels, epochs, mini_batch_size, learning_rate, seed):
        epoch_costs.append(progress.cost)
        if not progress.end_of_epoch:
            if progress.step % 8 == 0:
                yield None
            continue
        training_seconds += time.perf_counter() - started
        report = network.epoch_report(progress, (images, labels), session.digits.test)
        report.update(epochs=epochs, running_cost=float(np.mean(epoch_costs)),
                      seconds=round(training_seconds, 4))
        epoch_costs = []
        yield json.dumps(_finite(report))
        started = time.perf_counter()


def _finite(report):
    """JSON has no NaN or infinity: a cost that blew up is reported as null."""
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in report.items()}


def inspect(options_json):
    """One held-out image through a network: its pixels, the ten outputs and the guess.

    ``network`` is "trained" (the Train demo's, falling back to the shipped one if
    nothing was trained yet) or "shipped".
    """
    options = json.loads(options_json)
    index = check("image_index", options.get("index", 0))
    which = options.get("network", "trained")
    if which not in ("trained", "shipped"):
        raise DemoError("network must be 'trained' or 'shipped'")
    network = session.trained if which == "trained" and session.trained is not None else session.shipped
    image = session.digits.test_images[index]
    outputs = network.feedforward(image.reshape(-1, 1))[:, 0]
    return json.dumps({
        "index": index,
        "label": int(session.digits.test_labels[index]),
        "pixels": [round(float(p), 4) for p in image],
        "outputs": [round(float(a), 5) for a in outputs],
        "guess": int(np.argmax(outputs)),
        "network": "trained" if network is session.trained else "shipped",
    })
