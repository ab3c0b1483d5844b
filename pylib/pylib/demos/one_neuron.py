"""Lesson 2, "One neuron by hand": three inputs, their weights and a bias give z and a = σ(z)."""

from typing import Any

import numpy as np

from ..network import sigmoid
from .common import DemoError, check, demo

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

    Options:
        activations: the three inputs a₁, a₂, a₃, each 0–1 (``LIMITS["neuron_input"]``)
        weights: the three weights w₁, w₂, w₃ (``LIMITS["neuron_weight"]``)
        bias: b (``LIMITS["neuron_bias"]``)
        curve: true to have points of σ for the page to draw (optional)
    Returns:
        terms: the three products wₖaₖ
        weighted_sum: their sum
        weighted_input: z, the sum plus the bias
        activation: a = σ(z)
        curve: {z, activation}: σ over z from −10 to 10 (only when asked for)
    """
    activations = _numbers(options, "activations", "neuron_input", NEURON_INPUTS)
    weights = _numbers(options, "weights", "neuron_weight", NEURON_INPUTS)
    bias = check("neuron_bias", options.get("bias"))
    terms = weights * activations
    weighted_input = float(np.dot(weights, activations) + bias)
    result: dict[str, Any] = {
        "terms": terms,
        "weighted_sum": float(terms.sum()),
        "weighted_input": weighted_input,
        "activation": float(sigmoid(weighted_input)),
    }
    if options.get("curve"):
        z = np.linspace(*CURVE_RANGE, CURVE_POINTS)
        result["curve"] = {"z": np.round(z, 3), "activation": np.round(sigmoid(z), 5)}
    return result
