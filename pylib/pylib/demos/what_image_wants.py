"""Lesson 5, "Backpropagation, the intuition", the *What does this image want?* demo.

For one held-out image, each output's desire (which way and how strongly the cost wants
it to move), the three levers that can move it, and the desires passed back to the
hidden layers.
"""

from typing import Any

import numpy as np

from ..kernels import dot
from ..network import one_hot, sigmoid_prime
from .common import DemoError, check, demo, session
from .networks import partly_trained_network
from .your_network import your_network


def desires(network, x, y):
    """Every neuron's desire for one image (a column x with target y), output layer first.

    An output neuron's desire is (y − a)·σ′(z): its sign says whether the cost wants
    the activation up or down, its size how much the cost would fall per unit rise of
    the neuron's weighted input. It is −δ of lesson 6. A hidden neuron's desire sums
    what the next layer wants of it, each desire weighted by the weight that carries
    its activation there (Σⱼ wⱼₖ · desireⱼ, the "pull"), times its own slope σ′(z).

    Returns ``(weighted_inputs, activations, desire_by_layer, pull_by_layer)``; the
    last two are lists over layers 1..L (``pull`` is None for the output layer).
    """
    weighted_inputs, activations = network.forward(x)
    layers = len(network.weights)
    desire: list[Any] = [None] * layers
    pull: list[Any] = [None] * layers
    desire[-1] = (y - activations[-1]) * sigmoid_prime(weighted_inputs[-1])
    for l in range(layers - 2, -1, -1):
        pull[l] = dot(network.weights[l + 1].T, desire[l + 1])
        desire[l] = pull[l] * sigmoid_prime(weighted_inputs[l])
    return weighted_inputs, activations, desire, pull


@demo
def image_wants(options):
    """One held-out image through a network, with every neuron's desire and the levers
    of each neuron in the last two layers.

    For each layer l = 1, 2, 3 the answer lists the activations, the desires and, for
    l = 2, 3, the levers of each of its neurons j: ``bias`` (the nudge its bias wants: its
    desire), ``weights`` (the nudge each incoming weight wants: desire × the activation it
    carries) and ``activations`` (the nudge each activation of layer l − 1 would want:
    desire × weight). The weight levers are −∂Cₓ/∂w and the bias levers −∂Cₓ/∂b.

    Options:
        index: a held-out image, 0–999 (``LIMITS["image_index"]``)
        network: "shipped" (default), "partly" (``networks.partly_trained_network``) or
            "yours" (the reader's network, 784-16-16-10)
        your_network: your network, when network is "yours": {key, npz (base64)} (your_network.py)
    Returns:
        index: the image's index
        label: its true digit
        network: which network
        pixels: its 784 pixels
        outputs: the ten outputs
        targets: the one-hot target y
        guess: the digit of the largest output
        cost: Cₓ
        layers: for each layer: layer, activations, weighted_inputs, slopes (σ′(z)), desires,
            pull (None for the output layer) and, for l = 2, 3, levers
            {bias, weights, activations, incoming_weights}
    """
    index = check("image_index", options.get("index", 0))
    which = options.get("network", "shipped")
    if which == "shipped":
        network = session().shipped
    elif which == "partly":
        network = partly_trained_network()
    elif which == "yours":
        network = your_network(options)
    else:
        raise DemoError("network must be 'shipped', 'partly' or 'yours'")

    digits = session().digits
    image = digits.test_images[index]
    label = int(digits.test_labels[index])
    x = image.reshape(-1, 1)
    y = one_hot([label], network.sizes[-1])
    weighted_inputs, activations, desire, pull = desires(network, x, y)

    layers = []
    for l in range(len(network.weights)):
        d = desire[l][:, 0]
        layer = {
            "layer": l + 1,
            "activations": activations[l + 1][:, 0],
            "weighted_inputs": weighted_inputs[l][:, 0],
            "slopes": sigmoid_prime(weighted_inputs[l][:, 0]),
            "desires": d,
            "pull": None if pull[l] is None else pull[l][:, 0],
        }
        if l > 0:  # levers of this layer's neurons, in terms of the hidden layer before it
            a_prev = activations[l][:, 0]
            w = network.weights[l]
            layer["levers"] = {
                "bias": d,
                "weights": d[:, None] * a_prev[None, :],
                "activations": d[:, None] * w,
                "incoming_weights": w,
            }
        layers.append(layer)
    outputs = activations[-1][:, 0]
    return {
        "index": index,
        "label": label,
        "network": which,
        "pixels": np.round(image, 3),
        "outputs": outputs,
        "targets": y[:, 0],
        "guess": int(np.argmax(outputs)),
        "cost": float(0.5 * np.sum((outputs - y[:, 0]) ** 2)),
        "layers": layers,
    }
