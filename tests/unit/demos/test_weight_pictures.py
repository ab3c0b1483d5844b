"""Lesson 2, Weight pictures (pylib.demos.weight_pictures), run natively."""

import numpy as np
import pytest

from pylib import Network
from tests.conftest import demo_call as call


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
    assert random["scale"] < shipped["scale"]  # training grew the weights
