"""Lesson 6, "Backpropagation calculus", the gradient check.

``gradient_check`` takes one weight or bias of a tiny seeded network and puts
backpropagation's ∂C/∂w beside the central difference (C(w + h) − C(w − h)) / 2h,
for the reader's h and for a sweep of h from 10⁻¹² to 1, which shows why an h that
is too large (the curve bends within h) or too small (rounding swamps the
difference) spoils the agreement.
"""

import numpy as np

from ..network import Network, one_hot
from .common import DemoError, check, demo

CHECK_SIZES = (4, 3, 2)
CHECK_SEED = 1
CHECK_EXAMPLES = 3
SWEEP_EXPONENTS = np.arange(-12.0, 0.0001, 0.25)  # h = 10^-12 … 10^0
TINY = 1e-17  # relative differences below this are shown at this floor (a log scale has no 0)


def check_network():
    """The tiny network and the examples the gradient check uses (the same every call).

    4 inputs, 3 hidden neurons, 2 outputs, seeded weights; three examples whose inputs
    are seeded random numbers in 0–1 and whose desired outputs are one-hot.
    """
    network = Network(CHECK_SIZES, seed=CHECK_SEED)
    rng = np.random.default_rng(CHECK_SEED + 1000)
    x = rng.random((CHECK_SIZES[0], CHECK_EXAMPLES))
    labels = np.array([0, 1, 1])
    return network, x, one_hot(labels, CHECK_SIZES[-1]), labels


def parameter_choice(options):
    """(kind, layer, j, k) from a reader's options; k is None for a bias.

    Neurons are numbered from 1, as in the lesson's wˡⱼₖ: j in layer l, k in layer l − 1.
    """
    kind = options.get("kind", "weight")
    if kind not in ("weight", "bias"):
        raise DemoError("kind must be 'weight' or 'bias'")
    layer = check("check_layer", options.get("layer"))
    j = check("check_neuron", options.get("j"))
    if j > CHECK_SIZES[layer]:
        raise DemoError(f"j must be between 1 and {CHECK_SIZES[layer]} in layer {layer}")
    k = None
    if kind == "weight":
        k = check("check_neuron", options.get("k"))
        if k > CHECK_SIZES[layer - 1]:
            raise DemoError(f"k must be between 1 and {CHECK_SIZES[layer - 1]} for layer {layer}")
    return kind, layer, j, k


def central_difference(network, x, y, array, index, h):
    """(C(θ + h) − C(θ − h)) / 2h for one entry of a weight or bias array; restores it."""
    kept = array[index]
    array[index] = kept + h
    cost_plus = network.cost(x, y)
    array[index] = kept - h
    cost_minus = network.cost(x, y)
    array[index] = kept
    return (cost_plus - cost_minus) / (2 * h), cost_plus, cost_minus


def relative_difference(p, q):
    """|p − q| / max(|p|, |q|): about 10^−d when p and q agree to d significant digits."""
    scale = max(abs(p), abs(q))
    return 0.0 if scale == 0 else abs(p - q) / scale


@demo
def gradient_check(options):
    """Backprop's derivative of C for one weight or bias beside the central difference.

    Options:
        kind: "weight" (default) or "bias"
        layer: l, 1 or 2 (``LIMITS["check_layer"]``)
        j: the neuron in layer l, from 1 (``LIMITS["check_neuron"]``)
        k: the neuron in layer l − 1, from 1 (weights only)
        h: the central difference's step (``LIMITS["check_h"]``)
    Returns:
        kind, layer, j, k, h: the choice, as checked
        code: the knob as the code names it, such as ``weights[0][2, 1]``
        value: the knob's value
        cost: C
        cost_plus: C with the knob + h
        cost_minus: C with the knob − h
        backprop: ∂C/∂knob from backpropagation
        numeric: the central difference (C(+h) − C(−h)) / 2h
        difference: |backprop − numeric|
        relative: their relative difference
        sweep: [log₁₀ h, relative difference] for h from 10⁻¹² to 1
        sizes: the check network's sizes (``CHECK_SIZES``)
        examples: how many examples C averages over
        weights: the check network's weights
        biases: its biases
    """
    kind, layer, j, k = parameter_choice(options)
    h = check("check_h", options.get("h"))

    network, x, y, _ = check_network()
    (weight_gradients, bias_gradients), cost = network.backprop(x, y)
    if kind == "weight":
        array, index = network.weights[layer - 1], (j - 1, k - 1)
        backprop = float(weight_gradients[layer - 1][index])
        code = f"weights[{layer - 1}][{j - 1}, {k - 1}]"
    else:
        array, index = network.biases[layer - 1], (j - 1, 0)
        backprop = float(bias_gradients[layer - 1][index])
        code = f"biases[{layer - 1}][{j - 1}, 0]"
    value = float(array[index])

    numeric, cost_plus, cost_minus = central_difference(network, x, y, array, index, h)
    sweep = []
    for exponent in SWEEP_EXPONENTS:
        estimate = central_difference(network, x, y, array, index, 10.0**exponent)[0]
        sweep.append([round(float(exponent), 2), max(relative_difference(backprop, estimate), TINY)])

    return {
        "kind": kind,
        "layer": layer,
        "j": j,
        "k": k,
        "h": h,
        "code": code,
        "value": value,
        "cost": cost,
        "cost_plus": cost_plus,
        "cost_minus": cost_minus,
        "backprop": backprop,
        "numeric": numeric,
        "difference": abs(backprop - numeric),
        "relative": relative_difference(backprop, numeric),
        "sweep": sweep,
        "sizes": list(CHECK_SIZES),
        "examples": CHECK_EXAMPLES,
        "weights": [w.tolist() for w in network.weights],
        "biases": [b[:, 0].tolist() for b in network.biases],
    }
