"""Lesson 3, Score a guess (pylib.demos.score_guess), run natively."""

import numpy as np
import pytest

from pylib.network import example_costs
from tests.conftest import demo_call as call


def test_reference_costs_from_the_lesson():
    """Cₓ = ½ Σ (aⱼ − yⱼ)² for the lesson's reference outputs, with 3 the right digit."""
    y = np.zeros((10, 1))
    y[3] = 1
    wrong = np.zeros((10, 1))
    wrong[8] = 1
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
