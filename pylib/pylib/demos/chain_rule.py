"""Lesson 6, "Backpropagation calculus", the chain-rule calculator.

``chain_rule`` works the lesson's one-neuron-per-layer chain

    z = w·a_prev + b,   a = σ(z),   C = ½(a − y)²

and returns the three factors of the chain rule and their products, together with
the cost after nudging w by 0.001, so a reader can see that ΔC ≈ ∂C/∂w × 0.001.
"""

from ..network import sigmoid, sigmoid_prime
from .common import check, demo

NUDGE = 0.001


def chain(a_prev, w, b, y):
    """The forward pass of the chain and its cost."""
    z = w * a_prev + b
    a = float(sigmoid(z))
    return z, a, 0.5 * (a - y) ** 2


@demo
def chain_rule(options):
    """The chain z = w·a_prev + b, a = σ(z), C = ½(a − y)², its factors and products.

    Options:
        a_prev: the activation before (``LIMITS["chain_a_prev"]``)
        w: the weight (``LIMITS["chain_w"]``)
        b: the bias (``LIMITS["chain_b"]``)
        y: the target (``LIMITS["chain_y"]``)
    Returns:
        z: the weighted input
        a: σ(z)
        cost: C
        dz_dw: ∂z/∂w = a_prev
        da_dz: ∂a/∂z = σ′(z)
        dc_da: ∂C/∂a = a − y
        dc_dw: ∂C/∂w, the product of the three
        dc_db: ∂C/∂b
        dc_da_prev: ∂C/∂a_prev
        nudge: {size, cost_after, actual, predicted}: C after nudging w by ``NUDGE``, the change
            that happened and the change ∂C/∂w × ``NUDGE`` predicts
    """
    a_prev = check("chain_a_prev", options.get("a_prev"))
    w = check("chain_w", options.get("w"))
    b = check("chain_b", options.get("b"))
    y = check("chain_y", options.get("y"))

    z, a, cost = chain(a_prev, w, b, y)
    dz_dw = a_prev  # z = w·a_prev + b, so z grows a_prev per unit of w
    da_dz = float(sigmoid_prime(z))  # the squish's slope σ′(z) = σ(z)(1 − σ(z))
    dc_da = a - y  # C = ½(a − y)², so ∂C/∂a = a − y (the ½ cancels the 2)
    dc_dw = dz_dw * da_dz * dc_da
    dc_db = 1.0 * da_dz * dc_da  # ∂z/∂b = 1
    dc_da_prev = w * da_dz * dc_da  # ∂z/∂a_prev = w

    nudged_cost = chain(a_prev, w + NUDGE, b, y)[2]
    return {
        "z": z,
        "a": a,
        "cost": cost,
        "dz_dw": dz_dw,
        "da_dz": da_dz,
        "dc_da": dc_da,
        "dc_dw": dc_dw,
        "dc_db": dc_db,
        "dc_da_prev": dc_da_prev,
        "nudge": {
            "size": NUDGE,
            "cost_after": nudged_cost,
            "actual": nudged_cost - cost,  # what really happened to C
            "predicted": dc_dw * NUDGE,  # what the slope says should happen
        },
    }
