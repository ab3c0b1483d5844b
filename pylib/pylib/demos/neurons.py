"""Lesson 2's demos: one neuron by hand, counting the knobs, and pictures of weights."""

import numpy as np

from ..network import count_parameters, sigmoid
from .common import DemoError, check, demo
from .networks import chosen_network

NEURON_INPUTS = 3
CURVE_RANGE = (-10.0, 10.0)  # the stretch of z over which the page draws the sigmoid
CURVE_POINTS = 161


def _numbers(options, key, rule, count):
    values = options.get(key)
    if not isinstance(values, list) or len(values) != count:
        raise DemoError(f"{key} must be a list of {count} numbers")
    return np.array([check(rule, v) for v in values])


@demo
def one_neuron(options):
    """One sigmoid neuron: z = w₁a₁ + w₂a₂ + w₃a₃ + b, and its activation a = σ(z).

    Options: ``activations`` (the three inputs, 0–1), ``weights`` (three), ``bias``,
    and ``curve`` (true: also return points of σ for the page to draw).
    """
    activations = _numbers(options, "activations", "neuron_input", NEURON_INPUTS)
    weights = _numbers(options, "weights", "neuron_weight", NEURON_INPUTS)
    bias = check("neuron_bias", options.get("bias"))
    terms = weights * activations
    weighted_input = float(np.dot(weights, activations) + bias)
    result = {
        "terms": terms,
        "weighted_sum": float(terms.sum()),
        "weighted_input": weighted_input,
        "activation": float(sigmoid(weighted_input)),
    }
    if options.get("curve"):
        z = np.linspace(*CURVE_RANGE, CURVE_POINTS)
        result["curve"] = {"z": np.round(z, 3), "activation": np.round(sigmoid(z), 5)}
    return result


@demo
def count_knobs(options):
    """Weights and biases of a fully connected network with the reader's layer sizes.

    Options: ``sizes``, the layers from input to output, such as [784, 16, 16, 10].
    Each layer after the input has one weight per link from the layer before and
    one bias per neuron (``pylib.network.count_parameters``).
    """
    sizes = options.get("sizes")
    if not isinstance(sizes, list):
        raise DemoError("sizes must be a list of layer sizes")
    check("layer_count", len(sizes))
    sizes = [check("layer_size", n) for n in sizes]
    layers = []
    for l in range(1, len(sizes)):
        weights, biases = count_parameters(sizes[l - 1:l + 1])
        layers.append({"layer": l, "inputs": sizes[l - 1], "neurons": sizes[l],
                       "weights": weights, "biases": biases, "parameters": weights + biases})
    weights, biases = count_parameters(sizes)
    return {"sizes": sizes, "layers": layers, "weights": weights, "biases": biases, "parameters": weights + biases}


@demo
def weight_pictures(options):
    """The first hidden layer's incoming weights, one 28 × 28 picture per neuron.

    Row j of W¹ (16 × 784) holds neuron j's 784 weights, one per input pixel, so laid
    out as the image it is a picture of which pixels excite the neuron (positive) and
    which inhibit it (negative). Options: ``weights`` ("shipped" or "random").
    Returns ``weights`` (16 lists of 784), ``biases`` (16), and ``scale``: the size of
    weight the page draws at full colour (the 99th percentile of |w|, so a few
    extreme weights don't wash the rest out); ``largest`` is the biggest |w|.
    """
    network, which = chosen_network(options)
    first = network.weights[0]
    magnitudes = np.abs(first)
    return {
        "network": which,
        "weights": np.round(first, 4),
        "biases": np.round(network.biases[0][:, 0], 4),
        "scale": float(np.percentile(magnitudes, 99)),
        "largest": float(magnitudes.max()),
    }
