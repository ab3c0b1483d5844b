"""Lesson 5, Full batch vs mini-batch (pylib.demos.batch_vs_minibatch), run natively."""

import json

import numpy as np
import pytest

from pylib import demos
from tests.conftest import demo_call as call


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


@pytest.mark.parametrize(
    "options, message",
    [
        (
            {"start": [0, 9], "learning_rate": 0.3, "mini_batch_size": 10, "epochs": 1},
            "start_position must be between",
        ),
        (
            {"start": [0], "learning_rate": 0.3, "mini_batch_size": 10, "epochs": 1},
            "start must give two numbers",
        ),
        (
            {"start": [0, 0], "learning_rate": 0.3, "mini_batch_size": 0, "epochs": 1},
            "toy_mini_batch_size must be between",
        ),
        (
            {"start": [0, 0], "learning_rate": 0.3, "mini_batch_size": 101, "epochs": 1},
            "toy_mini_batch_size must be between",
        ),
        (
            {"start": [0, 0], "learning_rate": 0.3, "mini_batch_size": 10, "epochs": 51},
            "toy_epochs must be between",
        ),
        (
            {"start": [0, 0], "learning_rate": -1, "mini_batch_size": 10, "epochs": 5},
            "learning_rate must be between",
        ),
    ],
)
def test_minibatch_paths_refuses_bad_options(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("minibatch_paths", json.dumps(options))
