"""Lesson 6, the chain-rule calculator (pylib.demos.chain_rule), run natively."""

import json

import pytest

from pylib import demos
from pylib.demos import chain_rule
from tests.conftest import demo_call as call


def test_chain_rule_works_the_lessons_case():
    r = call("chain_rule", {"a_prev": 1, "w": 0.5, "b": 0, "y": 1})
    assert r["z"] == 0.5
    assert round(r["a"], 4) == 0.6225
    assert round(r["da_dz"], 4) == 0.2350
    assert round(r["dc_dw"], 4) == -0.0887
    assert round(r["dc_da_prev"], 4) == -0.0444
    assert r["cost"] == pytest.approx(0.5 * (r["a"] - 1) ** 2)
    # the products are the factors multiplied along the chain
    assert r["dc_dw"] == pytest.approx(r["dz_dw"] * r["da_dz"] * r["dc_da"])
    assert r["dc_db"] == pytest.approx(r["da_dz"] * r["dc_da"])
    assert r["dc_da_prev"] == pytest.approx(0.5 * r["da_dz"] * r["dc_da"])
    # nudging w by 0.001 changes C by about the slope times 0.001
    nudge = r["nudge"]
    assert nudge["predicted"] == pytest.approx(r["dc_dw"] * 0.001)
    assert nudge["actual"] == pytest.approx(nudge["predicted"], rel=1e-3)
    assert nudge["actual"] != nudge["predicted"]


@pytest.mark.parametrize(
    "a_prev, w, b, y", [(0.3, -2.0, 1.5, 0.0), (1.0, 8.0, 5.0, 0.0), (0.0, 3.0, -1.0, 0.4)]
)
def test_chain_rule_matches_finite_differences(a_prev, w, b, y):
    r = call("chain_rule", {"a_prev": a_prev, "w": w, "b": b, "y": y})
    cost = chain_rule.chain
    e = 1e-6
    assert r["dc_dw"] == pytest.approx(
        (cost(a_prev, w + e, b, y)[2] - cost(a_prev, w - e, b, y)[2]) / (2 * e), abs=1e-9
    )
    assert r["dc_db"] == pytest.approx(
        (cost(a_prev, w, b + e, y)[2] - cost(a_prev, w, b - e, y)[2]) / (2 * e), abs=1e-9
    )
    assert r["dc_da_prev"] == pytest.approx(
        (cost(a_prev + e, w, b, y)[2] - cost(a_prev - e, w, b, y)[2]) / (2 * e), abs=1e-9
    )


@pytest.mark.parametrize(
    "options, message",
    [
        ({"a_prev": "abc", "w": 0.5, "b": 0, "y": 1}, "chain_a_prev must be a number"),
        ({"a_prev": 1.5, "w": 0.5, "b": 0, "y": 1}, "chain_a_prev must be between"),
        ({"a_prev": 1, "w": 1e9, "b": 0, "y": 1}, "chain_w must be between"),
        ({"a_prev": 1, "w": 0.5, "b": float("nan"), "y": 1}, "chain_b must be a number"),
        ({"a_prev": 1, "w": 0.5, "b": 0}, "chain_y must be a number"),
        ({"a_prev": 1, "w": 0.5, "b": 0, "y": True}, "chain_y must be a number"),
    ],
)
def test_chain_rule_refuses_bad_values(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("chain_rule", json.dumps(options))
