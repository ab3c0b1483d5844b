"""Lesson 4, Roll downhill (pylib.demos.roll_downhill), run natively through ``demos.call``."""

import json

import numpy as np
import pytest

from pylib import demos
from tests.conftest import demo_call as call


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
        text = demos.call(
            "downhill_descend",
            json.dumps({"landscape": landscape, "start": start, "learning_rate": 100, "steps": 500}),
        )
        assert "NaN" not in text and "Infinity" not in text
        assert json.loads(text)["outcome"] == "diverged"


@pytest.mark.parametrize(
    "options, message",
    [
        ({"landscape": "alps", "start": [1], "learning_rate": 0.1}, "landscape must be one of"),
        ({"landscape": "bowl", "start": 1, "learning_rate": 0.1}, "start must give 1 number"),
        ({"landscape": "long-valley", "start": [1], "learning_rate": 0.1}, "start must give 2 numbers"),
        ({"landscape": "bowl", "start": [5], "learning_rate": 0.1}, "start_position must be between"),
        (
            {"landscape": "bowl", "start": ["<img src=x>"], "learning_rate": 0.1},
            "start_position must be a number",
        ),
        ({"landscape": "bowl", "start": [1], "learning_rate": 0}, "learning_rate must be between"),
        ({"landscape": "bowl", "start": [1], "learning_rate": None}, "learning_rate must be a number"),
        ({"landscape": "bowl", "start": [1], "learning_rate": 0.1, "steps": 10**6}, "steps must be"),
        ({"landscape": "bowl", "start": [1], "learning_rate": 0.1, "steps": True}, "steps must be"),
    ],
)
def test_downhill_refuses_bad_options(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("downhill_descend", json.dumps(options))


def test_going_on_from_off_the_picture():
    first = call("downhill_descend", landscape="bowl", start=[3], learning_rate=1.1, steps=3)
    last = first["points"][-1]["position"]
    assert last == pytest.approx([-5.184])  # off the picture, but not yet run away
    more = call("downhill_descend", landscape="bowl", continue_from=last, learning_rate=1.1, steps=1)
    assert [p["position"][0] for p in more["points"]] == pytest.approx([-5.184, 6.2208])
    for bad in ([2000.0], [None], ["x"], [True]):
        with pytest.raises(demos.DemoError, match="run away"):
            demos.call(
                "downhill_descend",
                json.dumps({"landscape": "bowl", "continue_from": bad, "learning_rate": 1.1, "steps": 1}),
            )
