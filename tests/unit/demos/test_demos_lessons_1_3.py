"""Lessons 1–3's demo functions and the drawing preprocessing, run natively.

The page's worker calls the same functions through ``pylib.demos.call``; the browser
tests in tests/browser/test_demos_lessons_1_3.py drive them from the pages.
"""

import json
import math

import numpy as np
import pytest

from tests.conftest import demo_call as call

from pylib import Network, demos, sigmoid
from pylib.drawing import averaging_matrix, centre_of_mass, fit_and_centre, ink_box, resample
from pylib.network import example_costs


def stroke(points, width=9, side=112):
    """A pen stroke through points (fractions of the pad), as the page's pad draws it."""
    rows, columns = np.mgrid[0:side, 0:side] + 0.5
    image = np.zeros((side, side))
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        x0, y0, x1, y1 = (v * side for v in (x0, y0, x1, y1))
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((columns - x0) * dx + (rows - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0, 1)
        distance = np.hypot(columns - (x0 + t * dx), rows - (y0 + t * dy))
        image = np.maximum(image, np.clip(width / 2 - distance + 0.5, 0, 1))
    return image


def as_pad(image):
    return {"side": image.shape[0], "pixels": np.round(255 * image).astype(int).reshape(-1).tolist()}


# ------------------------------------------------------------------ fitting a drawing like MNIST


def test_averaging_matrix_rows_sum_to_one_and_preserve_ink():
    for n_source, n_target in [(112, 20), (7, 20), (28, 28), (3, 1)]:
        matrix = averaging_matrix(n_source, n_target)
        assert matrix.shape == (n_target, n_source)
        assert np.allclose(matrix.sum(axis=1), 1)
        # every source pixel counts equally: each spreads n_target / n_source over the target
        assert np.allclose(matrix.sum(axis=0), n_target / n_source)
    image = np.random.default_rng(1).random((40, 30))
    small = resample(image, 20, 15)
    assert small.min() >= image.min() - 1e-12 and small.max() <= image.max() + 1e-12
    assert np.isclose(small.mean(), image.mean())


def test_an_off_centre_blob_is_fitted_into_20_by_20_and_centred_by_mass():
    """A small blob drawn in a corner of the pad ends up as MNIST's digits are: its
    longer side 20 pixels, its centre of mass on pixel (14, 14) of the 28 × 28 frame."""
    pad = np.zeros((112, 112))
    pad[6:18, 80:86] = 1.0          # 12 tall, 6 wide, far up and to the right
    pad[14:18, 86:92] = 0.5         # a fainter foot, so the mass is off the box's middle
    pixels, info = fit_and_centre(pad)
    assert pixels.shape == (28, 28)
    top, bottom, left, right = ink_box(pixels, ink=0)
    assert max(bottom - top, right - left) == 20
    assert (bottom - top, right - left) == tuple(info["size"]) == (20, 20)
    row, column = centre_of_mass(pixels)
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5
    assert info["centred"] and not info["empty"]
    assert info["centre_of_mass"] == pytest.approx([row, column])
    assert pixels.min() >= 0 and pixels.max() <= 1


def test_a_wide_shape_keeps_its_proportions():
    pad = np.zeros((112, 112))
    pad[50:60, 10:90] = 1.0         # 10 tall, 80 wide
    pixels, info = fit_and_centre(pad)
    assert info["size"] == [3, 20]  # 10 × 20/80 = 2.5, rounded
    top, bottom, left, right = ink_box(pixels, ink=0)
    assert (bottom - top, right - left) == (3, 20)


def test_a_tiny_dot_is_scaled_up_and_an_empty_pad_says_so():
    pad = np.zeros((112, 112))
    pad[100, 3] = 1.0
    pixels, info = fit_and_centre(pad)
    assert info["size"] == [20, 20] and pixels.sum() == pytest.approx(400)
    pixels, info = fit_and_centre(np.zeros((112, 112)))
    assert info["empty"] and not pixels.any()


def test_mass_heavy_at_one_edge_is_kept_in_the_frame_and_flagged():
    """If centring the mass would push ink out of the frame, the digit moves as far as
    it can and the page is told (it warns the reader)."""
    pad = np.zeros((112, 112))
    pad[0:40, 0:40] = 1.0           # a heavy block...
    pad[0:100, 0] = 1.0             # ...with a long thin tail below it
    pixels, info = fit_and_centre(pad)
    assert not info["centred"]
    assert pixels.sum() > 0
    top, bottom, left, right = ink_box(pixels, ink=0)
    assert bottom - top == 20 and 0 <= top and bottom <= 28


def test_held_out_mnist_digits_come_back_unchanged(session):
    """The evidence that these are MNIST's steps: applied to MNIST's own digits, which
    went through them once already, they change nothing."""
    for image in session.digits.test_images[:200]:
        fitted, info = fit_and_centre(image.reshape(28, 28))
        assert np.allclose(fitted.reshape(-1), image) and info["centred"]


def test_drawn_digits_are_read_after_fitting(session):
    """Strokes drawn as the pad draws them, anywhere and at any size, are read as the
    digits they look like once fitted and centred."""
    shapes = {
        1: [(0.2, 0.1), (0.19, 0.4)],                          # a small 1 in a corner
        7: [(0.15, 0.15), (0.5, 0.15), (0.35, 0.6)],
        0: [(0.5 + 0.25 * math.cos(t), 0.5 + 0.35 * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 40)],
    }
    for digit, points in shapes.items():
        result = call("look_inside", drawing=as_pad(stroke(points)))
        assert result["guess"] == digit, (digit, result["outputs"])
        assert result["source"] == "drawing" and result["fitted"]["centred"]
        assert len(result["inputs"]) == 784


# ------------------------------------------------------------------ lesson 1: look inside


def test_look_inside_a_held_out_image(session):
    result = call("look_inside", index=7)
    image = session.digits.test_images[7]
    assert result["label"] == session.digits.test_labels[7] and result["source"] == "held-out"
    assert np.allclose(result["inputs"], image, atol=5e-4)
    assert [len(layer) for layer in result["hidden"]] == [16, 16]
    _, activations = session.shipped.forward(image.reshape(-1, 1))
    assert np.allclose(result["hidden"][0], activations[1][:, 0], atol=5e-5)
    assert np.allclose(result["outputs"], activations[3][:, 0], atol=5e-5)
    assert result["guess"] == int(np.argmax(activations[3]))


def test_random_weights_are_the_seeded_start_of_training(session):
    result = call("look_inside", index=7, weights="random")
    expected = Network((784, 16, 16, 10), seed=0).feedforward(session.digits.test_images[7].reshape(-1, 1))[:, 0]
    assert result["weights"] == "random"
    assert np.allclose(result["outputs"], expected, atol=5e-5)
    assert not np.allclose(result["outputs"], call("look_inside", index=7)["outputs"], atol=0.05)


@pytest.mark.parametrize("options, message", [
    ({"index": -1}, "image_index must be between"),
    ({"index": 1000}, "image_index must be between"),
    ({"index": "abc"}, "image_index must be a number"),
    ({"index": 2.5}, "whole number"),
    ({"index": 1, "weights": "<img src=x onerror=alert(1)>"}, "weights must be"),
    ({"drawing": "abc"}, "drawing must be an object"),
    ({"drawing": {"side": True, "pixels": []}}, "drawing side"),
    ({"drawing": {"side": 10_000, "pixels": []}}, "drawing side"),
    ({"drawing": {"side": 28, "pixels": [0] * 10}}, "784 numbers"),
    ({"drawing": {"side": 28, "pixels": [300] * 784}}, "from 0 to 255"),
    ({"drawing": {"side": 28, "pixels": ["x"] * 784}}, "from 0 to 255"),
])
def test_look_inside_refuses_nonsense(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("look_inside", json.dumps(options))


# ------------------------------------------------------------------ lesson 2


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


@pytest.mark.parametrize("options, message", [
    ({"activations": [1, 0.5], "weights": [1, 1, 1], "bias": 0}, "activations must be a list of 3"),
    ({"activations": [1, 0.5, 2], "weights": [1, 1, 1], "bias": 0}, "neuron_input must be between"),
    ({"activations": [1, 0.5, 0], "weights": [1, 1, 11], "bias": 0}, "neuron_weight must be between"),
    ({"activations": [1, 0.5, 0], "weights": [1, 1, 1], "bias": 1e9}, "neuron_bias must be between"),
    ({"activations": [1, 0.5, 0], "weights": [1, 1, 1], "bias": "NaN"}, "neuron_bias must be a number"),
    ({"activations": [1, 0.5, 0], "weights": [1, 1, 1]}, "neuron_bias must be a number"),
])
def test_one_neuron_refuses_nonsense(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("one_neuron", json.dumps(options))


def test_count_knobs_matches_the_course_numbers(session):
    default = call("count_knobs", sizes=[784, 16, 16, 10])
    assert (default["weights"], default["biases"], default["parameters"]) == (12_960, 42, 13_002)
    assert [(l["weights"], l["biases"]) for l in default["layers"]] == [(12_544, 16), (256, 16), (160, 10)]
    assert call("count_knobs", sizes=[784, 30, 10])["parameters"] == 23_860
    assert call("count_knobs", sizes=[784, 100, 10])["parameters"] == 79_510
    largest = call("count_knobs", sizes=[100_000] * 6)
    assert largest["parameters"] == 5 * 100_000 ** 2 + 5 * 100_000


@pytest.mark.parametrize("sizes, message", [
    ([784], "layer_count must be between"),
    ([784] * 50, "layer_count must be between"),
    ([784, -3, 10], "layer_size must be between"),
    ([784, 0, 10], "layer_size must be between"),
    ([784, 1e9, 10], "layer_size must be between"),
    ([784, 1.5, 10], "whole number"),
    ([784, "abc", 10], "layer_size must be a number"),
    ([784, True, 10], "layer_size must be a number"),
    ("784,16,10", "sizes must be a list"),
])
def test_count_knobs_refuses_nonsense(session, sizes, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("count_knobs", json.dumps({"sizes": sizes}))


def test_weight_pictures_are_the_first_layer_rows(session):
    shipped = call("weight_pictures", weights="shipped")
    assert len(shipped["weights"]) == 16 and all(len(row) == 784 for row in shipped["weights"])
    assert np.allclose(shipped["weights"], session.shipped.weights[0], atol=5e-5)
    assert np.allclose(shipped["biases"], session.shipped.biases[0][:, 0], atol=5e-5)
    magnitudes = np.abs(session.shipped.weights[0])
    assert np.mean(magnitudes <= shipped["scale"]) == pytest.approx(0.99, abs=0.005)
    assert shipped["largest"] == pytest.approx(magnitudes.max())
    random = call("weight_pictures", weights="random")
    assert np.allclose(random["weights"], Network((784, 16, 16, 10), seed=0).weights[0], atol=5e-5)
    assert random["scale"] < shipped["scale"]   # training grew the weights


# ------------------------------------------------------------------ lesson 3: the cost


def test_reference_costs_from_the_lesson():
    """Cₓ = ½ Σ (aⱼ − yⱼ)² for the lesson's reference outputs, with 3 the right digit."""
    y = np.zeros((10, 1)); y[3] = 1
    wrong = np.zeros((10, 1)); wrong[8] = 1
    assert example_costs(np.full((10, 1), 0.5), y)[0] == pytest.approx(1.25)
    assert example_costs(np.zeros((10, 1)), y)[0] == pytest.approx(0.5)
    assert example_costs(wrong, y)[0] == pytest.approx(1.0)
    assert example_costs(y, y)[0] == 0


@pytest.mark.parametrize("weights", ["shipped", "random"])
def test_score_guess_shows_every_term(session, weights):
    result = call("score_guess", index=3, weights=weights)
    label = session.digits.test_labels[3]
    assert result["label"] == label
    assert result["target"] == [1.0 if j == label else 0.0 for j in range(10)]
    a, y = np.array(result["outputs"]), np.array(result["target"])
    assert np.allclose(result["difference"], a - y)
    assert np.allclose(result["square"], (a - y) ** 2)
    assert result["sum"] == pytest.approx(np.sum((a - y) ** 2))
    assert result["cost"] == pytest.approx(result["sum"] / 2)
    assert result["guess"] == int(np.argmax(a))


def test_average_cost_over_the_training_set_matches_the_build(session, build_stats):
    result = call("score_guess_average")
    shipped = build_stats["shipped"]
    assert result["images"] == shipped["train_images"] == 4000
    assert result["random"]["cost"] == pytest.approx(shipped["random_train_cost"], rel=1e-9)
    assert result["random"]["accuracy"] == pytest.approx(shipped["random_train_accuracy"])
    assert result["shipped"]["cost"] == pytest.approx(shipped["train_cost"], rel=1e-9)
    assert result["shipped"]["accuracy"] == pytest.approx(shipped["train_accuracy"])
    assert result["shipped"]["cost"] < result["random"]["cost"]
