"""Lesson 5, What does this image want? (pylib.demos.what_image_wants), run natively."""

import json

import numpy as np
import pytest

from pylib import demos
from pylib.demos import networks
from pylib.network import one_hot
from tests.conftest import demo_call as call


@pytest.mark.parametrize("which", ["shipped", "partly"])
def test_desires_are_minus_delta_and_levers_minus_the_gradient(session, which):
    result = call("image_wants", index=12, network=which)
    network = session.shipped if which == "shipped" else networks.partly_trained_network()
    x = session.digits.test_images[12].reshape(-1, 1)
    y = one_hot([result["label"]])
    (gw, gb), cost = network.backprop(x, y)  # one example: the gradient is δ aᵀ and δ
    assert result["cost"] == pytest.approx(cost)
    for l, layer in enumerate(result["layers"]):
        assert layer["desires"] == pytest.approx((-gb[l][:, 0]).tolist(), abs=1e-15)
        if l > 0:
            assert np.array(layer["levers"]["weights"]) == pytest.approx(-gw[l], abs=1e-15)
            assert layer["levers"]["bias"] == pytest.approx(layer["desires"])
            w = network.weights[l]
            assert np.array(layer["levers"]["activations"]) == pytest.approx(
                np.array(layer["desires"])[:, None] * w
            )
    outputs = np.array(result["outputs"])
    desire = np.array(result["layers"][2]["desires"])
    # an output's desire has the sign of y − a
    assert (np.sign(desire) == np.sign(y[:, 0] - outputs)).all()
    # the pull on layer 2 sums every output's desire through its weight
    pull = np.array(result["layers"][1]["pull"])
    assert pull[5] == pytest.approx(sum(network.weights[2][j, 5] * desire[j] for j in range(10)))


def test_partly_trained_network_is_less_sure(session):
    partly = networks.partly_trained_network()
    assert partly is networks.partly_trained_network()  # trained once, then kept
    shipped = session.shipped.evaluate(*session.digits.test)
    rough = partly.evaluate(*session.digits.test)
    assert 0.5 < rough["accuracy"] < shipped["accuracy"] and rough["cost"] > shipped["cost"]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"index": 1000}, "image_index must be between"),
        ({"index": -1}, "image_index must be between"),
        ({"index": "7"}, "image_index must be a number"),
        ({"index": 3, "network": "random"}, "network must be"),
    ],
)
def test_image_wants_refuses_bad_options(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("image_wants", json.dumps(options))
