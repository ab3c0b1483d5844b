"""Lesson 6, the gradient check (pylib.demos.gradient_check), run natively."""

import json
import re
from pathlib import Path

import pytest

from pylib import demos
from pylib.demos import gradient_check
from tests.conftest import demo_call as call

ROOT = Path(__file__).resolve().parents[3]


def every_parameter():
    sizes = gradient_check.CHECK_SIZES
    for layer in range(1, len(sizes)):
        for j in range(1, sizes[layer] + 1):
            yield {"kind": "bias", "layer": layer, "j": j}
            for k in range(1, sizes[layer - 1] + 1):
                yield {"kind": "weight", "layer": layer, "j": j, "k": k}


def test_backprop_agrees_with_central_differences_for_every_knob():
    checked = 0
    for choice in every_parameter():
        r = call("gradient_check", {**choice, "h": 1e-5})
        assert r["relative"] < 1e-6, (choice, r["relative"])
        assert r["numeric"] == pytest.approx((r["cost_plus"] - r["cost_minus"]) / 2e-5)
        checked += 1
    assert checked == 4 * 3 + 3 + 3 * 2 + 2  # 18 weights and 5 biases


def test_gradient_check_names_the_knob_in_the_code_and_sweeps_h():
    r = call("gradient_check", {"kind": "weight", "layer": 1, "j": 2, "k": 3, "h": 1e-5})
    network, x, y, _ = gradient_check.check_network()
    assert r["code"] == "weights[0][1, 2]" and r["value"] == network.weights[0][1, 2]
    (gw, _), _ = network.backprop(x, y)
    assert r["backprop"] == gw[0][1, 2]
    sweep = dict(r["sweep"])
    assert min(sweep) == -12 and max(sweep) == 0 and len(sweep) == 49
    best = min(sweep.values())
    assert best < 1e-8
    assert sweep[0.0] > 1e3 * best and sweep[-12.0] > 1e3 * best  # too large and too small are both worse
    b = call("gradient_check", {"kind": "bias", "layer": 2, "j": 1, "h": 0.5})
    assert b["code"] == "biases[1][0, 0]" and b["k"] is None and b["relative"] > 1e-4


def test_the_page_knows_the_check_networks_sizes():
    text = (ROOT / "docs" / "assets" / "js" / "demos" / "gradient-check.model.js").read_text()
    sizes = re.search(r"const SIZES = \[([\d, ]+)\]", text).group(1)
    assert tuple(int(n) for n in sizes.split(",")) == gradient_check.CHECK_SIZES


@pytest.mark.parametrize(
    "options, message",
    [
        ({"kind": "neuron", "layer": 1, "j": 1, "k": 1, "h": 1e-5}, "kind must be"),
        ({"kind": "weight", "layer": 3, "j": 1, "k": 1, "h": 1e-5}, "check_layer must be between"),
        ({"kind": "weight", "layer": 2, "j": 3, "k": 1, "h": 1e-5}, "j must be between 1 and 2 in layer 2"),
        ({"kind": "weight", "layer": 1, "j": 1, "k": 5, "h": 1e-5}, "check_neuron must be between"),
        ({"kind": "weight", "layer": 2, "j": 1, "k": 4, "h": 1e-5}, "k must be between 1 and 3 for layer 2"),
        ({"kind": "bias", "layer": 1, "j": 0, "h": 1e-5}, "check_neuron must be between"),
        ({"kind": "bias", "layer": 1, "j": 1.5, "h": 1e-5}, "whole number"),
        ({"kind": "bias", "layer": 1, "j": 1, "h": 0}, "check_h must be between"),
        ({"kind": "bias", "layer": 1, "j": 1, "h": 2}, "check_h must be between"),
        ({"kind": "bias", "layer": 1, "j": 1, "h": "1e-5"}, "check_h must be a number"),
    ],
)
def test_gradient_check_refuses_bad_choices(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("gradient_check", json.dumps(options))
