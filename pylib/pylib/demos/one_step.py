"""Lesson 8, "One step, slowed down": one image, one step of gradient descent, phase by phase.

The build (sitebuild/one_step.py) trains the default network from a fixed seed for a
few hundred steps and stops at the first checkpoint where it reads most held-out
digits but calls one of the training set's 7s a 1. It stores that partly trained
network and the image's index (in the training set) in ``data/one-step.npz``; the page's
worker gives ``setup`` the path where it put that file.
``one_step`` then takes exactly one step of gradient descent on that one image and
reports every phase:

1. forward pass: each layer's activations;
2. cost: Cₓ = ½‖a − y‖², one number;
3. backward pass: each layer's δ (its neurons' "desires") and the size of the
   gradient's part for that layer;
4. update: every weight and bias moves by −η times its part of the gradient; the
   largest changes;

and the outputs, the cost and the held-out accuracy before and after, with the cost
along the step's direction (the landscape the ball rolls down).

The image is a training image, so the step is one training could take; the 1,000
held-out images only measure what it did. Its default size is this image's share of
an ordinary training step: that step averages the gradients of a mini-batch of m
images and moves by η times the average, so each image moves the knobs by η/m times
its own gradient. For comparison the result also gives that ordinary step: this image
and m − 1 other training images, at the training's η.
"""

import copy
import io
from pathlib import Path
from typing import Any

import numpy as np

from ..network import DEFAULT_SIZES, Network, example_costs, one_hot
from .common import DemoError, check, demo, session
from .your_network import your_network

LARGEST_CHANGES = 8
LANDSCAPE_STEPS = np.linspace(-0.5, 2.0, 51)  # multiples of the step taken: 0 before, 1 after
META = ("image_index", "label", "guess", "learning_rate", "steps", "seed", "mini_batch_size")
COMPANION_SEED = 0  # picks the other images of the ordinary mini-batch step


def example_bytes(network, **meta):
    """The partly trained network (as ``Network.to_bytes`` stores it) plus the facts
    about the example, in one compressed ``.npz``."""
    with np.load(io.BytesIO(network.to_bytes())) as stored:
        arrays = {name: stored[name] for name in stored.files}
    arrays.update({name: np.array(meta[name]) for name in META})
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def load_example(source):
    """``(network, meta)`` from a path or the bytes ``example_bytes`` wrote."""
    data = source if isinstance(source, bytes | bytearray) else Path(source).read_bytes()
    network = Network.from_bytes(bytes(data))
    with np.load(io.BytesIO(bytes(data))) as stored:
        meta = {name: stored[name].item() for name in META}
    return network, meta


def mini_batch_indices(index, train_count, size, seed=COMPANION_SEED):
    """The training images of an ordinary mini-batch step that includes image ``index``:
    it first, then ``size − 1`` others drawn without replacement by a seeded generator."""
    others = np.delete(np.arange(train_count), index)
    return np.r_[index, np.random.default_rng(seed).choice(others, size=size - 1, replace=False)]


def _held_out_change(before, after, labels):
    """How many held-out answers a step changed: now right, now wrong, changed at all."""
    right_before, right_after = before == labels, after == labels
    return {
        "now_right": int(np.count_nonzero(right_after & ~right_before)),
        "now_wrong": int(np.count_nonzero(~right_after & right_before)),
        "changed": int(np.count_nonzero(after != before)),
    }


def slowed_step(network, image, label, learning_rate, test=None, mini_batch=None):
    """One step of gradient descent on one image, with what each phase computes.

    ``network`` is left as it was; the step is taken on a copy. ``test`` (images,
    labels) adds the held-out accuracy before and after, and how many held-out answers
    the step changed. ``mini_batch`` (images, labels, learning rate) adds, for
    comparison, an ordinary training step on those images: its held-out accuracy and
    changes, and what it did to this image.
    """
    x = np.asarray(image, dtype=float).reshape(-1, 1)
    y = one_hot([label], network.sizes[-1])

    # 1. forward pass, 2. cost
    _, activations = network.forward(x)
    outputs = activations[-1][:, 0]
    cost = float(example_costs(activations[-1], y)[0])

    # 3. backward pass. With one image, ∂Cₓ/∂bˡ = δˡ (equation 3), so the bias
    # gradients are the layers' deltas.
    (weight_gradients, bias_gradients), _ = network.backprop(x, y)
    deltas = [g[:, 0] for g in bias_gradients]

    # 4. update: the same step training takes, on a copy
    stepped = copy.deepcopy(network)
    stepped.step(x, y, learning_rate)
    activations_after = [a[:, 0] for a in stepped.forward(x)[1][1:]]
    after = activations_after[-1]

    layers: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for l, (w, b, w_new, b_new, gw, gb) in enumerate(
        zip(
            network.weights, network.biases, stepped.weights, stepped.biases, weight_gradients, bias_gradients
        ),
        start=1,
    ):
        dw, db = w_new - w, b_new - b
        layers.append(
            {
                "layer": l,
                "weights": int(w.size),
                "biases": int(b.size),
                "gradient_size": float(np.sqrt(np.sum(gw**2) + np.sum(gb**2))),
                "largest_change": float(max(np.abs(dw).max(), np.abs(db).max())),
                "moved": int(np.count_nonzero(dw) + np.count_nonzero(db)),
            }
        )
        for j, k in zip(*np.unravel_index(np.argsort(-np.abs(dw), axis=None)[:LARGEST_CHANGES], dw.shape)):
            changes.append(
                {
                    "layer": l,
                    "kind": "weight",
                    "j": int(j),
                    "k": int(k),
                    "before": float(w[j, k]),
                    "after": float(w_new[j, k]),
                    "change": float(dw[j, k]),
                }
            )
        for j in np.argsort(-np.abs(db[:, 0]))[:LARGEST_CHANGES]:
            changes.append(
                {
                    "layer": l,
                    "kind": "bias",
                    "j": int(j),
                    "k": None,
                    "before": float(b[j, 0]),
                    "after": float(b_new[j, 0]),
                    "change": float(db[j, 0]),
                }
            )
    changes.sort(key=lambda c: -abs(c["change"]))

    # The landscape along the step: the cost at θ − t·η∇Cₓ (t = 0 before, t = 1 after).
    landscape = []
    probe = copy.deepcopy(network)
    for t in LANDSCAPE_STEPS:
        probe.weights = [w - t * learning_rate * gw for w, gw in zip(network.weights, weight_gradients)]
        probe.biases = [b - t * learning_rate * gb for b, gb in zip(network.biases, bias_gradients)]
        landscape.append([round(float(t), 3), float(example_costs(probe.feedforward(x), y)[0])])

    result: dict[str, Any] = {
        "label": int(label),
        "learning_rate": float(learning_rate),
        "sizes": list(network.sizes),
        "knobs": int(sum(w.size + b.size for w, b in zip(network.weights, network.biases))),
        "target": y[:, 0],
        "before": {
            "activations": [a[:, 0] for a in activations[1:]],
            "outputs": outputs,
            "guess": int(np.argmax(outputs)),
            "cost": cost,
        },
        "deltas": deltas,
        "layers": layers,
        "moved": sum(layer["moved"] for layer in layers),
        "changes": changes[:LARGEST_CHANGES],
        "after": {
            "activations": activations_after,
            "outputs": after,
            "guess": int(np.argmax(after)),
            "cost": float(example_costs(after.reshape(-1, 1), y)[0]),
        },
        "landscape": landscape,
    }
    if test is not None:
        images, labels = test
        guesses = network.predict(images.T)
        result["before"]["test_accuracy"] = float(np.mean(guesses == labels))
        after_guesses = stepped.predict(images.T)
        result["after"]["test_accuracy"] = float(np.mean(after_guesses == labels))
        result["held_out"] = _held_out_change(guesses, after_guesses, labels)
    if mini_batch is not None:
        images, labels, rate = mini_batch
        ordinary = copy.deepcopy(network)
        ordinary.step(np.asarray(images, dtype=float).T, one_hot(labels, network.sizes[-1]), rate)
        outputs_after = ordinary.feedforward(x)[:, 0]
        result["mini_batch"] = {
            "size": len(labels),
            "learning_rate": float(rate),
            "cost_after": float(example_costs(outputs_after.reshape(-1, 1), y)[0]),
            "output_label_after": float(outputs_after[label]),
            "guess_after": int(np.argmax(outputs_after)),
        }
        if test is not None:
            ordinary_guesses = ordinary.predict(test[0].T)
            result["mini_batch"]["test_accuracy_after"] = float(np.mean(ordinary_guesses == test[1]))
            result["mini_batch"].update(_held_out_change(guesses, ordinary_guesses, test[1]))
    return result


_example: dict[str, tuple[Network, dict[str, Any]]] = {}


def example(path):
    """The build's partly trained network and facts, read once per path."""
    if path not in _example:
        _example[path] = load_example(path)
    return _example[path]


def step_learning_rate(meta):
    """The step's default size: this image's share of an ordinary training step, η/m."""
    return float(meta["learning_rate"]) / int(meta["mini_batch_size"])


def run(network, meta, digits, learning_rate=None):
    """The example's step (of the default size unless given), with the ordinary
    mini-batch step beside it; what the page shows and the build's stats quote."""
    index = int(meta["image_index"])
    rate = step_learning_rate(meta) if learning_rate is None else learning_rate
    batch = mini_batch_indices(index, len(digits.train_labels), int(meta["mini_batch_size"]))
    result = slowed_step(
        network,
        digits.train_images[index],
        int(digits.train_labels[index]),
        rate,
        test=digits.test,
        mini_batch=(digits.train_images[batch], digits.train_labels[batch], float(meta["learning_rate"])),
    )
    result.update(
        index=index,
        image_set="training",
        steps_trained=int(meta["steps"]),
        seed=int(meta["seed"]),
        training_learning_rate=float(meta["learning_rate"]),
        mini_batch_size=int(meta["mini_batch_size"]),
        default_learning_rate=step_learning_rate(meta),
        pixels=np.round(digits.train_images[index], 3),
    )
    return result


@demo
def one_step(options):
    """The build's training 7, one step of gradient descent on it, phase by phase.

    The step size is this image's share of a training step (η/m) unless the reader sets
    ``learning_rate``. Lesson 8's example is read from the path ``setup`` was given. With
    ``weights`` "yours" the step is taken on the reader's network instead (784-16-16-10
    only: the page draws that layout), on the same image.

    Options:
        learning_rate: η for this step (``LIMITS["learning_rate"]``; optional)
        weights: "partly" (lesson 8's partly trained network; the default) or "yours"
        your_network: your network, when weights is "yours": {key, npz (base64)} (your_network.py)
    Returns:
        label: the image's true digit
        learning_rate: the step's η
        sizes: the network's sizes
        knobs: how many weights and biases it has
        target: the one-hot target y
        before: activations, outputs, guess, cost and test_accuracy before the step
        deltas: each layer's δ
        layers: for each layer: layer, weights, biases, gradient_size, largest_change, moved
        moved: how many knobs the step moved
        changes: the largest changes: layer, kind, j, k (0-based), before, after, change
        after: activations, outputs, guess, cost and test_accuracy after the step
        landscape: [t, Cₓ] along the step's direction (t = 0 before, 1 after)
        held_out: now_right, now_wrong, changed: what the step did to the held-out answers
        mini_batch: an ordinary training step on a mini-batch with this image, for comparison
        index: the image's index in the training set
        image_set: "training"
        steps_trained: how many steps the partly trained network was trained
        seed: its seed
        training_learning_rate: the training's η
        mini_batch_size: the training's m
        default_learning_rate: η/m, the step's default size
        pixels: the image's 784 pixels
        weights: which network took the step ("partly" or "yours")
    """
    network, meta = example(session().one_step_path)
    if options.get("weights") == "yours":
        network = your_network(options)
        if tuple(network.sizes) != DEFAULT_SIZES:
            raise DemoError(
                "One step draws the 784-16-16-10 network, so it needs your network to have those sizes."
            )
    learning_rate = None
    if options.get("learning_rate") is not None:
        learning_rate = check("learning_rate", options["learning_rate"])
    result = run(network, meta, session().digits, learning_rate)
    result["weights"] = "yours" if options.get("weights") == "yours" else "partly"
    return result
