"""The demo functions of lessons 4 and 5 (pylib.demos.gradient_descent and
pylib.demos.backprop_intuition), run natively through ``demos.call`` as the page's
worker runs them."""

import json

import numpy as np
import pytest

from tests.conftest import demo_call as call

from pylib import demos
from pylib.demos import backprop_intuition, gradient_descent
from pylib.network import Network, one_hot


# ------------------------------------------------------------------ roll downhill

def test_landscapes_to_draw():
    curve = call("downhill_landscape", landscape="two-valleys")
    assert curve["dims"] == 1 and len(curve["curve"]["x"]) == len(curve["curve"]["height"]) == 401
    assert [m["lowest"] for m in curve["minima"]] == [True, False]
    assert curve["minima"][0]["height"] < curve["minima"][1]["height"]
    assert min(curve["curve"]["height"]) == pytest.approx(curve["minima"][0]["height"], abs=1e-3)
    grid = call("downhill_landscape", landscape="long-valley")
    assert grid["dims"] == 2
    heights = np.array(grid["grid"]["height"])
    assert heights.shape == (81, 81)
    # row = y, column = x: the height at (x, y) = (4, -4) is (3)²/4 + 2(−4 − 2)²
    assert heights[0, -1] == pytest.approx(9 / 4 + 72)
    assert len(grid["grid"]["levels"]) == 10 and grid["grid"]["levels"] == sorted(grid["grid"]["levels"])


def test_bowl_from_3_as_the_lesson_says():
    one = call("downhill_descend", landscape="bowl", start=[3], learning_rate=0.1, steps=3)
    assert [p["position"][0] for p in one["points"]] == pytest.approx([3, 2.4, 1.92, 1.536])
    assert [p["gradient"][0] for p in one["points"]] == pytest.approx([6, 4.8, 3.84, 3.072])
    assert [p["height"] for p in one["points"]] == pytest.approx([9, 5.76, 3.6864, 2.359296])
    assert one["factors"] == pytest.approx([0.8] * 3) and one["outcome"] == "moving"
    assert one["reversed"] == [False, False, False]

    bounce = call("downhill_descend", landscape="bowl", start=[3], learning_rate=1, steps=200)
    assert bounce["outcome"] == "bouncing" and len(bounce["points"]) < 20
    assert {p["position"][0] for p in bounce["points"]} == {3.0, -3.0}
    assert all(bounce["reversed"][1:]) and bounce["factors"] == pytest.approx([-1] * len(bounce["factors"]))

    away = call("downhill_descend", landscape="bowl", start=[3], learning_rate=1.1, steps=200)
    assert away["outcome"] == "diverged" and away["factors"] == pytest.approx([-1.2] * len(away["factors"]))


def test_settling_names_the_valley():
    high = call("downhill_descend", landscape="two-valleys", start=[3], learning_rate=0.1, steps=500)
    assert high["outcome"] == "settled" and high["minimum"]["lowest"] is False
    low = call("downhill_descend", landscape="two-valleys", start=[-3], learning_rate=0.1, steps=500)
    assert low["outcome"] == "settled" and low["minimum"]["lowest"] is True
    zero = call("downhill_descend", landscape="long-valley", start=[-3, 2], learning_rate=0.3, steps=0)
    assert len(zero["points"]) == 1 and zero["reversed"] == [] and "minimum" not in zero


def test_divergence_comes_back_as_json_numbers_or_null():
    for landscape, start in (("two-valleys", [3.9]), ("long-valley", [4, -4])):
        text = demos.call("downhill_descend", json.dumps(
            {"landscape": landscape, "start": start, "learning_rate": 100, "steps": 500}))
        assert "NaN" not in text and "Infinity" not in text
        assert json.loads(text)["outcome"] == "diverged"


@pytest.mark.parametrize("options, message", [
    ({"landscape": "alps", "start": [1], "learning_rate": 0.1}, "landscape must be one of"),
    ({"landscape": "bowl", "start": 1, "learning_rate": 0.1}, "start must give 1 number"),
    ({"landscape": "long-valley", "start": [1], "learning_rate": 0.1}, "start must give 2 numbers"),
    ({"landscape": "bowl", "start": [5], "learning_rate": 0.1}, "start_position must be between"),
    ({"landscape": "bowl", "start": ["<img src=x>"], "learning_rate": 0.1}, "start_position must be a number"),
    ({"landscape": "bowl", "start": [1], "learning_rate": 0}, "learning_rate must be between"),
    ({"landscape": "bowl", "start": [1], "learning_rate": None}, "learning_rate must be a number"),
    ({"landscape": "bowl", "start": [1], "learning_rate": 0.1, "steps": 10 ** 6}, "steps must be"),
    ({"landscape": "bowl", "start": [1], "learning_rate": 0.1, "steps": True}, "steps must be"),
])
def test_downhill_refuses_bad_options(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("downhill_descend", json.dumps(options))


# ------------------------------------------------------------------ biggest nudges

def test_parameter_table_matches_flatten(session):
    network = Network(seed=3)
    layer, is_bias, j, k = gradient_descent.parameter_table(network)
    flat = gradient_descent.flatten(network.weights, network.biases)
    assert flat.size == layer.size == 13002
    rng = np.random.default_rng(0)
    for i in rng.choice(13002, 200, replace=False):
        l = layer[i] - 1
        expected = network.biases[l][j[i], 0] if is_bias[i] else network.weights[l][j[i], k[i]]
        assert flat[i] == expected
    assert is_bias.sum() == 42 and (k[is_bias] == -1).all()


def test_biggest_nudges_are_the_largest_gradient_components(session):
    result = call("biggest_nudges", weights="random", weights_seed=5, batch_seed=7, mini_batch_size=10,
                  learning_rate=3.0)
    assert result["parameters"] == 13002 and len(result["nudges"]) == 10
    # recompute the gradient independently
    digits = session.digits
    batch = np.random.default_rng(7).choice(4000, size=10, replace=False)
    assert result["labels"] == digits.train_labels[batch].tolist()
    network = Network(seed=5)
    (gw, gb), cost = network.backprop(digits.train_images[batch].T, one_hot(digits.train_labels[batch]))
    assert result["cost_before"] == pytest.approx(cost)
    everything = np.sort(np.abs(gradient_descent.flatten(gw, gb)))[::-1]
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


@pytest.mark.parametrize("options, message", [
    ({"weights": "mine", "learning_rate": 1}, "weights must be"),
    ({"weights": "random", "weights_seed": -1, "learning_rate": 1}, "seed must be between"),
    ({"batch_seed": 1.5, "learning_rate": 1}, "whole number"),
    ({"mini_batch_size": 0, "learning_rate": 1}, "mini_batch_size must be between"),
    ({"mini_batch_size": 4001, "learning_rate": 1}, "mini_batch_size must be between"),
    ({"learning_rate": "3"}, "learning_rate must be a number"),
])
def test_biggest_nudges_refuses_bad_options(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("biggest_nudges", json.dumps(options))


# ------------------------------------------------------------------ what does this image want?

@pytest.mark.parametrize("which", ["shipped", "partly"])
def test_desires_are_minus_delta_and_levers_minus_the_gradient(session, which):
    result = call("image_wants", index=12, network=which)
    network = session.shipped if which == "shipped" else backprop_intuition.partly_trained_network()
    x = session.digits.test_images[12].reshape(-1, 1)
    y = one_hot([result["label"]])
    (gw, gb), cost = network.backprop(x, y)   # one example: the gradient is δ aᵀ and δ
    assert result["cost"] == pytest.approx(cost)
    for l, layer in enumerate(result["layers"]):
        assert layer["desires"] == pytest.approx((-gb[l][:, 0]).tolist(), abs=1e-15)
        if l > 0:
            assert np.array(layer["levers"]["weights"]) == pytest.approx(-gw[l], abs=1e-15)
            assert layer["levers"]["bias"] == pytest.approx(layer["desires"])
            w = network.weights[l]
            assert np.array(layer["levers"]["activations"]) == pytest.approx(np.array(layer["desires"])[:, None] * w)
    outputs = np.array(result["outputs"])
    desire = np.array(result["layers"][2]["desires"])
    # an output's desire has the sign of y − a
    assert (np.sign(desire) == np.sign(y[:, 0] - outputs)).all()
    # the pull on layer 2 sums every output's desire through its weight
    pull = np.array(result["layers"][1]["pull"])
    assert pull[5] == pytest.approx(sum(network.weights[2][j, 5] * desire[j] for j in range(10)))


def test_partly_trained_network_is_less_sure(session):
    partly = backprop_intuition.partly_trained_network()
    assert partly is backprop_intuition.partly_trained_network()   # trained once, then kept
    shipped = session.shipped.evaluate(*session.digits.test)
    rough = partly.evaluate(*session.digits.test)
    assert 0.5 < rough["accuracy"] < shipped["accuracy"] and rough["cost"] > shipped["cost"]


@pytest.mark.parametrize("options, message", [
    ({"index": 1000}, "image_index must be between"),
    ({"index": -1}, "image_index must be between"),
    ({"index": "7"}, "image_index must be a number"),
    ({"index": 3, "network": "random"}, "network must be"),
])
def test_image_wants_refuses_bad_options(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("image_wants", json.dumps(options))


# ------------------------------------------------------------------ full batch vs mini-batch

def test_minibatch_landscape():
    result = call("minibatch_landscape")
    assert result["examples"] == 100 and len(result["points"]["x"]) == 100
    heights = np.array(result["grid"]["height"])
    assert heights.shape == (81, 81) and heights.min() >= result["best"]["cost"]


def test_minibatch_paths_same_budget():
    result = call("minibatch_paths", start=[-2, 3], learning_rate=0.3, mini_batch_size=10, epochs=10, seed=0)
    full, mini = result["full"], result["mini"]
    assert result["budget"] == 1000
    assert full["steps"] == 10 and mini["steps"] == 100
    assert full["seen"][-1] == mini["seen"][-1] == 1000
    assert mini["cost"] < full["cost"] and not full["diverged"] and not mini["diverged"]
    assert full["costs"][0] == mini["costs"][0] and full["costs"][-1] == full["cost"]
    ragged = call("minibatch_paths", start=[-2, 3], learning_rate=0.3, mini_batch_size=30, epochs=3, seed=0)
    assert ragged["mini"]["steps"] == 12 and ragged["mini"]["seen"][-1] == 300
    wild = call("minibatch_paths", start=[-2, 3], learning_rate=50, mini_batch_size=1, epochs=50, seed=0)
    assert wild["full"]["diverged"] and wild["mini"]["diverged"]


@pytest.mark.parametrize("options, message", [
    ({"start": [0, 9], "learning_rate": 0.3, "mini_batch_size": 10, "epochs": 1}, "start_position must be between"),
    ({"start": [0], "learning_rate": 0.3, "mini_batch_size": 10, "epochs": 1}, "start must give two numbers"),
    ({"start": [0, 0], "learning_rate": 0.3, "mini_batch_size": 0, "epochs": 1}, "toy_mini_batch_size must be between"),
    ({"start": [0, 0], "learning_rate": 0.3, "mini_batch_size": 101, "epochs": 1}, "toy_mini_batch_size must be between"),
    ({"start": [0, 0], "learning_rate": 0.3, "mini_batch_size": 10, "epochs": 51}, "toy_epochs must be between"),
    ({"start": [0, 0], "learning_rate": -1, "mini_batch_size": 10, "epochs": 5}, "learning_rate must be between"),
])
def test_minibatch_paths_refuses_bad_options(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("minibatch_paths", json.dumps(options))


def test_going_on_from_off_the_picture():
    first = call("downhill_descend", landscape="bowl", start=[3], learning_rate=1.1, steps=3)
    last = first["points"][-1]["position"]
    assert last == pytest.approx([-5.184])       # off the picture, but not yet run away
    more = call("downhill_descend", landscape="bowl", continue_from=last, learning_rate=1.1, steps=1)
    assert [p["position"][0] for p in more["points"]] == pytest.approx([-5.184, 6.2208])
    for bad in ([2000.0], [None], ["x"], [True]):
        with pytest.raises(demos.DemoError, match="run away"):
            demos.call("downhill_descend", json.dumps(
                {"landscape": "bowl", "continue_from": bad, "learning_rate": 1.1, "steps": 1}))
