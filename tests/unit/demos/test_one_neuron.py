"""Lesson 2, One neuron (pylib.demos.one_neuron), run natively."""

import json
import math

import numpy as np
import pytest

from pylib import demos, sigmoid
from tests.conftest import demo_call as call


def test_one_neuron_computes_z_and_the_squish(session):
    result = call("one_neuron", activations=[1, 0.5, 0.2], weights=[2, -1, 0.5], bias=-1)
    assert result["terms"] == pytest.approx([2, -0.5, 0.1])
    assert result["weighted_input"] == pytest.approx(0.6)
    assert result["activation"] == pytest.approx(1 / (1 + math.exp(-0.6)))
    # with b = −10, the weighted sum must reach 10 before the neuron is half on
    half = call("one_neuron", activations=[1, 1, 0], weights=[5, 5, 3], bias=-10)
    assert half["weighted_sum"] == pytest.approx(10) and half["activation"] == pytest.approx(0.5)
    curve = call("one_neuron", activations=[0, 0, 0], weights=[0, 0, 0], bias=0, curve=True)["curve"]
    assert curve["z"][0] == -10 and curve["z"][-1] == 10
    assert np.allclose(curve["activation"], sigmoid(np.array(curve["z"])), atol=1e-5)


@pytest.mark.parametrize(
    "options, message",
    [
        ({"activations": [1, 0.5], "weights": [1, 1, 1], "bias": 0}, "activations must be a list of 3"),
        ({"activations": [1, 0.5, 2], "weights": [1, 1, 1], "bias": 0}, "neuron_input must be between"),
        ({"activations": [1, 0.5, 0], "weights": [1, 1, 11], "bias": 0}, "neuron_weight must be between"),
        ({"activations": [1, 0.5, 0], "weights": [1, 1, 1], "bias": 1e9}, "neuron_bias must be between"),
        ({"activations": [1, 0.5, 0], "weights": [1, 1, 1], "bias": "NaN"}, "neuron_bias must be a number"),
        ({"activations": [1, 0.5, 0], "weights": [1, 1, 1]}, "neuron_bias must be a number"),
    ],
)
def test_one_neuron_refuses_nonsense(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("one_neuron", json.dumps(options))
