"""Lesson 4, Biggest nudges (pylib.demos.biggest_nudges), run natively."""

import json

import numpy as np
import pytest

from pylib import demos
from pylib.demos import biggest_nudges
from pylib.network import Network, one_hot
from tests.conftest import demo_call as call


def test_parameter_table_matches_flatten(session):
    network = Network(seed=3)
    layer, is_bias, j, k = biggest_nudges.parameter_table(network)
    flat = biggest_nudges.flatten(network.weights, network.biases)
    assert flat.size == layer.size == 13002
    rng = np.random.default_rng(0)
    for i in rng.choice(13002, 200, replace=False):
        l = layer[i] - 1
        expected = network.biases[l][j[i], 0] if is_bias[i] else network.weights[l][j[i], k[i]]
        assert flat[i] == expected
    assert is_bias.sum() == 42 and (k[is_bias] == -1).all()


def test_biggest_nudges_are_the_largest_gradient_components(session):
    result = call(
        "biggest_nudges",
        weights="random",
        weights_seed=5,
        batch_seed=7,
        mini_batch_size=10,
        learning_rate=3.0,
    )
    assert result["parameters"] == 13002 and len(result["nudges"]) == 10
    # recompute the gradient independently
    digits = session.digits
    batch = np.random.default_rng(7).choice(4000, size=10, replace=False)
    assert result["labels"] == digits.train_labels[batch].tolist()
    network = Network(seed=5)
    (gw, gb), cost = network.backprop(digits.train_images[batch].T, one_hot(digits.train_labels[batch]))
    assert result["cost_before"] == pytest.approx(cost)
    everything = np.sort(np.abs(biggest_nudges.flatten(gw, gb)))[::-1]
    sizes = [abs(n["gradient"]) for n in result["nudges"]]
    assert sizes == pytest.approx(everything[:10].tolist())
    for nudge in result["nudges"]:
        l = nudge["layer"] - 1
        if nudge["kind"] == "bias":
            assert nudge["gradient"] == pytest.approx(gb[l][nudge["j"], 0])
            assert nudge["value"] == pytest.approx(network.biases[l][nudge["j"], 0])
        else:
            assert nudge["gradient"] == pytest.approx(gw[l][nudge["j"], nudge["k"]])
        assert nudge["new_value"] == pytest.approx(nudge["value"] - 3.0 * nudge["gradient"])
    # weights from pixels blank in every image of the mini-batch carry no signal: exactly 0
    blank = ~digits.train_images[batch].any(axis=0)
    assert result["blank_pixel_weights"] == 16 * blank.sum() > 0
    assert result["zero_components"] >= result["blank_pixel_weights"]
    assert np.all(gw[0][:, blank] == 0)
    assert result["above_tenth"] == np.count_nonzero(everything >= 0.1 * everything[0]) >= 10
    # one small step downhill lowers this mini-batch's cost
    assert result["cost_after"] < result["cost_before"]
    assert len(result["images"]) == 10 and len(result["images"][0]) == 784


def test_biggest_nudges_leaves_the_shipped_network_alone(session):
    before = [w.copy() for w in session.shipped.weights]
    small = call("biggest_nudges", weights="shipped", batch_seed=1, mini_batch_size=100, learning_rate=1.0)
    assert all(np.array_equal(a, b) for a, b in zip(before, session.shipped.weights))
    assert small["cost_after"] < small["cost_before"]
    huge = call("biggest_nudges", weights="shipped", batch_seed=1, mini_batch_size=1, learning_rate=100)
    assert huge["cost_after"] is not None and len(huge["images"]) == 1


@pytest.mark.parametrize(
    "options, message",
    [
        ({"weights": "mine", "learning_rate": 1}, "weights must be"),
        ({"weights": "random", "weights_seed": -1, "learning_rate": 1}, "seed must be between"),
        ({"batch_seed": 1.5, "learning_rate": 1}, "whole number"),
        ({"mini_batch_size": 0, "learning_rate": 1}, "mini_batch_size must be between"),
        ({"mini_batch_size": 4001, "learning_rate": 1}, "mini_batch_size must be between"),
        ({"learning_rate": "3"}, "learning_rate must be a number"),
    ],
)
def test_biggest_nudges_refuses_bad_options(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("biggest_nudges", json.dumps(options))
