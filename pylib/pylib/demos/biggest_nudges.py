"""Lesson 4, "Gradient descent: walking downhill", the *Biggest nudges* demo.

The real network's gradient on one mini-batch, its ten largest components, and the
mini-batch's cost before and after one step.
"""

from typing import Any

import numpy as np

from ..network import Network, one_hot
from .common import DemoError, check, demo, session
from .networks import partly_trained_network
from .your_network import your_network

TOP = 10


_training_costs: dict[Any, float] = {}


def _network(options):
    """The shipped network, the partly trained one, or a seeded random one (never
    modified here), and a key that names it (for remembering its cost on the training
    images)."""
    which = options.get("weights", "shipped")
    if which == "shipped":
        return session().shipped, ("shipped", id(session()))
    if which == "partly":
        return partly_trained_network(), ("partly", id(session()))
    if which == "yours":
        return your_network(options), ("yours", options["your_network"]["key"])
    if which == "random":
        seed = check("seed", options.get("weights_seed", 0))
        return Network(session().shipped.sizes, seed=seed), ("random", seed)
    raise DemoError("weights must be 'shipped', 'partly' or 'random'")


def _training_cost(network, key):
    """C over all the training images; the same network always gives the same number,
    so it is measured once (a pass over 4,000 images is the slowest part of a request)."""
    if key not in _training_costs:
        if len(_training_costs) > 64:
            _training_costs.clear()
        _training_costs[key] = network.evaluate(*session().digits.training)["cost"]
    return _training_costs[key]


def parameter_table(network):
    """Every parameter's place, in the order ``flatten`` lists them: for each layer l
    (1, 2, 3) its weights row by row (w_jk: to neuron j from neuron k of layer l − 1),
    then its biases. Returns arrays (layer, is_bias, j, k), k = −1 for a bias."""
    layers, biases, js, ks = [], [], [], []
    for l, w in enumerate(network.weights, start=1):
        rows, cols = w.shape
        j, k = np.divmod(np.arange(rows * cols), cols)
        layers.append(np.full(rows * cols + rows, l))
        biases.append(np.r_[np.zeros(rows * cols, bool), np.ones(rows, bool)])
        js.append(np.r_[j, np.arange(rows)])
        ks.append(np.r_[k, np.full(rows, -1)])
    return np.concatenate(layers), np.concatenate(biases), np.concatenate(js), np.concatenate(ks)


def flatten(weights, biases):
    """All weights and biases (or their gradients) as one vector, layer by layer."""
    return np.concatenate([np.r_[w.ravel(), b.ravel()] for w, b in zip(weights, biases)])


@demo
def biggest_nudges(options):
    """The gradient of one mini-batch's cost, its ten largest components, and one step.

    The mini-batch is m training images drawn without replacement by a generator seeded
    with ``batch_seed``. One step moves all 13,002 knobs by −η ∂C/∂knob (on a copy: the
    shipped network is never changed).

    Options:
        weights: "shipped" (default), "partly" (``networks.partly_trained_network``), "random"
            or "yours" (the reader's network)
        your_network: your network, when weights is "yours": {key, npz (base64)} (your_network.py)
        weights_seed: the random network's seed (``LIMITS["seed"]``; "random" only)
        batch_seed: which training images make the mini-batch (``LIMITS["seed"]``)
        mini_batch_size: m (``LIMITS["mini_batch_size"]``); default 10
        learning_rate: η (``LIMITS["learning_rate"]``)
    Returns:
        weights: which network
        mini_batch_size: m
        learning_rate: η
        labels: the mini-batch's labels
        images: the pixels of its first ten images
        parameters: how many components the gradient has (13,002)
        training_images: how many training images there are
        nudges: the ten largest components: layer, kind, j, k (0-based), gradient, value, new_value
        zero_components: how many components are exactly 0
        blank_pixel_weights: how many first-layer weights see a pixel blank in every image of the batch
        above_tenth: how many components are at least a tenth of the largest
        gradient_length: the gradient's length ‖∇C‖
        cost_before: the mini-batch's cost C before the step
        cost_after: and after it
        training_cost_before: the cost over all the training images before the step
        training_cost_after: and after it
    """
    network, key = _network(options)
    batch_seed = check("seed", options.get("batch_seed", 0))
    mini_batch_size = check("mini_batch_size", options.get("mini_batch_size", 10))
    learning_rate = check("learning_rate", options.get("learning_rate"))

    digits = session().digits
    training = digits.training
    rng = np.random.default_rng(batch_seed)
    batch = rng.choice(len(digits.train_labels), size=mini_batch_size, replace=False)
    x = digits.train_images[batch].T
    labels = digits.train_labels[batch]
    y = one_hot(labels, network.sizes[-1])

    (weight_gradients, bias_gradients), cost_before = network.backprop(x, y)
    gradient = flatten(weight_gradients, bias_gradients)
    values = flatten(network.weights, network.biases)

    stepped = Network.__new__(Network)
    stepped.sizes = network.sizes
    stepped.weights = [w - learning_rate * gw for w, gw in zip(network.weights, weight_gradients)]
    stepped.biases = [b - learning_rate * gb for b, gb in zip(network.biases, bias_gradients)]
    cost_after = stepped.cost(x, y)

    sizes = np.abs(gradient)
    top = np.argsort(-sizes, kind="stable")[:TOP]
    layer, is_bias, j, k = parameter_table(network)
    nudges = [
        {
            "layer": int(layer[i]),
            "kind": "bias" if is_bias[i] else "weight",
            "j": int(j[i]),
            "k": int(k[i]),
            "gradient": float(gradient[i]),
            "value": float(values[i]),
            "new_value": float(values[i] - learning_rate * gradient[i]),
        }
        for i in top
    ]

    return {
        "weights": options.get("weights", "shipped"),
        "mini_batch_size": mini_batch_size,
        "learning_rate": learning_rate,
        "labels": labels,
        "images": np.round(digits.train_images[batch[:TOP]], 3),
        "parameters": int(gradient.size),
        "training_images": len(training[1]),
        "nudges": nudges,
        "zero_components": int(np.count_nonzero(gradient == 0)),
        "blank_pixel_weights": int(network.sizes[1] * np.count_nonzero(~x.any(axis=1))),
        "above_tenth": int(np.count_nonzero(sizes >= 0.1 * sizes[top[0]])) if sizes[top[0]] > 0 else 0,
        "gradient_length": float(np.linalg.norm(gradient)),
        "cost_before": cost_before,
        "cost_after": cost_after,
        "training_cost_before": _training_cost(network, key),
        "training_cost_after": stepped.evaluate(*training)["cost"],
    }
