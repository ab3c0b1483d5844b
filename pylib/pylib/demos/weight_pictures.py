"""Lesson 2, "Weight pictures": a hidden neuron's 784 weights drawn as a 28 × 28 picture."""

import numpy as np

from .common import demo
from .networks import chosen_network


@demo
def weight_pictures(options):
    """The first hidden layer's incoming weights, one 28 × 28 picture per neuron.

    Row j of W¹ (16 × 784) holds neuron j's 784 weights, one per input pixel, so laid out
    as the image it is a picture of which pixels excite the neuron (positive) and which
    inhibit it (negative).

    Options:
        weights: "shipped" (default), "random" or "yours" (the reader's network, 784-16-16-10)
        your_network: your network, when weights is "yours": {key, npz (base64)} (your_network.py)
    Returns:
        network: which network it is
        weights: W¹, 16 lists of 784
        biases: b¹, 16
        scale: the size of weight the page draws at full colour (the 99th percentile of |w|,
            so a few extreme weights don't wash the rest out)
        largest: the biggest |w|
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
