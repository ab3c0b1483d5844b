"""Lesson 6, "Backpropagation calculus": the chain-rule calculator and the gradient check.

``chain_rule`` works the lesson's one-neuron-per-layer chain

    z = w·a_prev + b,   a = σ(z),   C = ½(a − y)²

and returns the three factors of the chain rule and their products, together with
the cost after nudging w by 0.001, so a reader can see that ΔC ≈ ∂C/∂w × 0.001.

``gradient_check`` takes one weight or bias of a tiny seeded network and puts
backpropagation's ∂C/∂w beside the central difference (C(w + h) − C(w − h)) / 2h,
for the reader's h and for a sweep of h from 10⁻¹² to 1, which shows why an h that
is too large (the curve bends within h) or too small (rounding swamps the
difference) spoils the agreement.
"""

import numpy as np

from ..network import Network, one_hot, sigmoid, sigmoid_prime
from .common import DemoError, check, demo

NUDGE = 0.001


def chain(a_prev, w, b, y):
    """The forward pass of the chain and its cost."""
    z = w * a_prev + b
    a = float(sigmoid(z))
    return z, a, 0.5 * (a - y) ** 2


@demo
def chain_rule(options):
    """The chain z = w·a_prev + b, a = σ(z), C = ½(a − y)², its factors and products."""
    a_prev = check("chain_a_prev", options.get("a_prev"))
    w = check("chain_w", options.get("w"))
    b = check("chain_b", options.get("b"))
    y = check("chain_y", options.get("y"))

    z, a, cost = chain(a_prev, w, b, y)
    dz_dw = a_prev                     # z = w·a_prev + b, so z grows a_prev per unit of w
    da_dz = float(sigmoid_prime(z))    # the squish's slope σ′(z) = σ(z)(1 − σ(z))
    dc_da = a - y                      # C = ½(a − y)², so ∂C/∂a = a − y (the ½ cancels the 2)
    dc_dw = dz_dw * da_dz * dc_da
    dc_db = 1.0 * da_dz * dc_da        # ∂z/∂b = 1
    dc_da_prev = w * da_dz * dc_da     # ∂z/∂a_prev = w

    nudged_cost = chain(a_prev, w + NUDGE, b, y)[2]
    return {
        "z": z, "a": a, "cost": cost,
        "dz_dw": dz_dw, "da_dz": da_dz, "dc_da": dc_da,
        "dc_dw": dc_dw, "dc_db": dc_db, "dc_da_prev": dc_da_prev,
        "nudge": {
            "size": NUDGE,
            "cost_after": nudged_cost,
            "actual": nudged_cost - cost,       # what really happened to C
            "predicted": dc_dw * NUDGE,         # what the slope says should happen
        },
    }


# ------------------------------------------------------------------ the gradient check

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
    """Backprop's derivative of C for one weight or bias beside the central difference."""
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
        estimate = central_difference(network, x, y, array, index, 10.0 ** exponent)[0]
        sweep.append([round(float(exponent), 2), max(relative_difference(backprop, estimate), TINY)])

    return {
        "kind": kind, "layer": layer, "j": j, "k": k, "h": h, "code": code,
        "value": value,
        "cost": cost, "cost_plus": cost_plus, "cost_minus": cost_minus,
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
