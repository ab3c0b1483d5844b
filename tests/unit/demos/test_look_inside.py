"""Lesson 1, Look inside (pylib.demos.look_inside), run natively as the page's worker runs it."""

import json
import math

import numpy as np
import pytest

from pylib import Network, demos
from tests.conftest import demo_call as call


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


def test_drawn_digits_are_read_after_fitting(session):
    """Strokes drawn as the pad draws them, anywhere and at any size, are read as the
    digits they look like once fitted and centred."""
    shapes = {
        1: [(0.2, 0.1), (0.19, 0.4)],  # a small 1 in a corner
        7: [(0.15, 0.15), (0.5, 0.15), (0.35, 0.6)],
        0: [(0.5 + 0.25 * math.cos(t), 0.5 + 0.35 * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 40)],
    }
    for digit, points in shapes.items():
        result = call("look_inside", drawing=as_pad(stroke(points)))
        assert result["guess"] == digit, (digit, result["outputs"])
        assert result["source"] == "drawing" and result["fitted"]["centred"]
        assert len(result["inputs"]) == 784


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
    expected = Network((784, 16, 16, 10), seed=0).feedforward(session.digits.test_images[7].reshape(-1, 1))[
        :, 0
    ]
    assert result["weights"] == "random"
    assert np.allclose(result["outputs"], expected, atol=5e-5)
    assert not np.allclose(result["outputs"], call("look_inside", index=7)["outputs"], atol=0.05)


@pytest.mark.parametrize(
    "options, message",
    [
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
    ],
)
def test_look_inside_refuses_nonsense(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("look_inside", json.dumps(options))
