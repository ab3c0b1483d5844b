"""Lesson 2, Count the knobs (pylib.demos.count_knobs), run natively."""

import json

import pytest

from pylib import demos
from tests.conftest import demo_call as call


def test_count_knobs_matches_the_course_numbers(session):
    default = call("count_knobs", sizes=[784, 16, 16, 10])
    assert (default["weights"], default["biases"], default["parameters"]) == (12_960, 42, 13_002)
    assert [(l["weights"], l["biases"]) for l in default["layers"]] == [(12_544, 16), (256, 16), (160, 10)]
    assert call("count_knobs", sizes=[784, 30, 10])["parameters"] == 23_860
    assert call("count_knobs", sizes=[784, 100, 10])["parameters"] == 79_510
    largest = call("count_knobs", sizes=[100_000] * 6)
    assert largest["parameters"] == 5 * 100_000**2 + 5 * 100_000


@pytest.mark.parametrize(
    "sizes, message",
    [
        ([784], "layer_count must be between"),
        ([784] * 50, "layer_count must be between"),
        ([784, -3, 10], "layer_size must be between"),
        ([784, 0, 10], "layer_size must be between"),
        ([784, 1e9, 10], "layer_size must be between"),
        ([784, 1.5, 10], "whole number"),
        ([784, "abc", 10], "layer_size must be a number"),
        ([784, True, 10], "layer_size must be a number"),
        ("784,16,10", "sizes must be a list"),
    ],
)
def test_count_knobs_refuses_nonsense(session, sizes, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("count_knobs", json.dumps({"sizes": sizes}))
