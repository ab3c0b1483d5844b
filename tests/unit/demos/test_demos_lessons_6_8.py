"""The Python side of the lesson 6–8 demos (chain rule, gradient check, Train's gallery of
misreads, one step slowed down) and the build step that finds lesson 8's 7, run natively."""

import base64
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import demo_call as call

from pylib import demos, one_hot
from pylib.demos import backprop_calculus, one_step

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def example_file(site_dir, monkeypatch):
    path = str(site_dir / "data" / "one-step.npz")
    monkeypatch.setattr(one_step, "EXAMPLE_PATH", path)
    return path


# ------------------------------------------------------------------ chain rule (lesson 6)

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


@pytest.mark.parametrize("a_prev, w, b, y", [(0.3, -2.0, 1.5, 0.0), (1.0, 8.0, 5.0, 0.0), (0.0, 3.0, -1.0, 0.4)])
def test_chain_rule_matches_finite_differences(a_prev, w, b, y):
    r = call("chain_rule", {"a_prev": a_prev, "w": w, "b": b, "y": y})
    cost = backprop_calculus.chain
    e = 1e-6
    assert r["dc_dw"] == pytest.approx((cost(a_prev, w + e, b, y)[2] - cost(a_prev, w - e, b, y)[2]) / (2 * e), abs=1e-9)
    assert r["dc_db"] == pytest.approx((cost(a_prev, w, b + e, y)[2] - cost(a_prev, w, b - e, y)[2]) / (2 * e), abs=1e-9)
    assert r["dc_da_prev"] == pytest.approx((cost(a_prev + e, w, b, y)[2] - cost(a_prev - e, w, b, y)[2]) / (2 * e), abs=1e-9)


@pytest.mark.parametrize("options, message", [
    ({"a_prev": "abc", "w": 0.5, "b": 0, "y": 1}, "chain_a_prev must be a number"),
    ({"a_prev": 1.5, "w": 0.5, "b": 0, "y": 1}, "chain_a_prev must be between"),
    ({"a_prev": 1, "w": 1e9, "b": 0, "y": 1}, "chain_w must be between"),
    ({"a_prev": 1, "w": 0.5, "b": float("nan"), "y": 1}, "chain_b must be a number"),
    ({"a_prev": 1, "w": 0.5, "b": 0}, "chain_y must be a number"),
    ({"a_prev": 1, "w": 0.5, "b": 0, "y": True}, "chain_y must be a number"),
])
def test_chain_rule_refuses_bad_values(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("chain_rule", json.dumps(options))


# ------------------------------------------------------------------ gradient check (lesson 6)

def every_parameter():
    sizes = backprop_calculus.CHECK_SIZES
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
    network, x, y, _ = backprop_calculus.check_network()
    assert r["code"] == "weights[0][1, 2]" and r["value"] == network.weights[0][1, 2]
    (gw, _), _ = network.backprop(x, y)
    assert r["backprop"] == gw[0][1, 2]
    sweep = dict((e, rel) for e, rel in r["sweep"])
    assert min(sweep) == -12 and max(sweep) == 0 and len(sweep) == 49
    best = min(sweep.values())
    assert best < 1e-8
    assert sweep[0.0] > 1e3 * best and sweep[-12.0] > 1e3 * best  # too large and too small are both worse
    b = call("gradient_check", {"kind": "bias", "layer": 2, "j": 1, "h": 0.5})
    assert b["code"] == "biases[1][0, 0]" and b["k"] is None and b["relative"] > 1e-4


def test_the_page_knows_the_check_networks_sizes():
    text = (ROOT / "docs" / "assets" / "js" / "demos" / "gradient-check.js").read_text()
    sizes = re.search(r"const SIZES = \[([\d, ]+)\]", text).group(1)
    assert tuple(int(n) for n in sizes.split(",")) == backprop_calculus.CHECK_SIZES


@pytest.mark.parametrize("options, message", [
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
])
def test_gradient_check_refuses_bad_choices(options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("gradient_check", json.dumps(options))


# ------------------------------------------------------------------ Train's gallery (lesson 7)

def test_misread_lists_the_trained_networks_mistakes(session):
    options = {"learning_rate": 3.0, "mini_batch_size": 10, "epochs": 1, "seed": 3, "hidden_sizes": [24],
               "train_size": 1000}
    streamed = [json.loads(r) for r in demos.call("train", json.dumps(options)) if r is not None]
    reports = [r for r in streamed if r.get("kind") == "epoch"]
    assert len(reports) == 1 and reports[0]["steps"] == 100
    assert session.trained.sizes == (784, 24, 10)
    guesses = session.trained.predict(session.digits.test_images.T)
    wrong = np.flatnonzero(guesses != session.digits.test_labels)
    assert 1 - len(wrong) / 1000 == pytest.approx(reports[0]["test_accuracy"])

    first = call("misread", {})
    assert first["network"] == "trained" and first["total"] == len(wrong) and first["test_images"] == 1000
    assert first["by_digit"] == np.bincount(session.digits.test_labels[wrong], minlength=10).tolist()
    assert [item["index"] for item in first["items"]] == wrong[:40].tolist()
    item = first["items"][0]
    assert item["guess"] == guesses[item["index"]] != item["label"] == session.digits.test_labels[item["index"]]
    pixels = np.frombuffer(base64.b64decode(item["pixels"]), dtype=np.uint8)
    assert pixels.shape == (784,)
    assert np.array_equal(pixels, np.round(session.digits.test_images[item["index"]] * 255).astype(np.uint8))

    second = call("misread", {"offset": 40})
    assert [i["index"] for i in second["items"]] == wrong[40:80].tolist()
    digit = int(np.argmax(first["by_digit"]))
    only = call("misread", {"digit": digit})
    assert only["matching"] == first["by_digit"][digit]
    assert {i["label"] for i in only["items"]} == {digit}


@pytest.mark.parametrize("options, message", [
    ({"offset": -1}, "image_index must be between"),
    ({"offset": "x"}, "image_index must be a number"),
    ({"digit": 10}, "digit must be between"),
    ({"digit": 2.5}, "whole number"),
])
def test_misread_refuses_bad_options(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("misread", json.dumps(options))


@pytest.mark.parametrize("options, message", [
    ({"hidden_sizes": "16, 16"}, "hidden_sizes must be a list"),
    ({"hidden_sizes": [0]}, "hidden_size must be between"),
    ({"seed": -1}, "seed must be between"),
    ({"seed": 1e7}, "seed must be between"),
    ({"train_size": 99}, "train_size must be between"),
    ({"train_size": 4001}, "train_size must be between"),
    ({"train_size": 100, "mini_batch_size": 200}, "mini_batch_size must be at most"),
])
def test_train_refuses_bad_new_inputs(session, options, message):
    base = {"learning_rate": 3.0, "mini_batch_size": 10, "epochs": 1}
    with pytest.raises(demos.DemoError, match=message):
        next(demos.call("train", json.dumps({**base, **options})))


# ------------------------------------------------------------------ one step (lesson 8)

def test_the_build_found_a_training_7_the_partly_trained_network_reads_as_a_1(site_dir, build_stats, digits):
    # a training image: the demo takes a training step on it, and held-out images never take part in one
    network, meta = one_step.load_example(site_dir / "data" / "one-step.npz")
    stats = build_stats["one_step"]
    index = meta["image_index"]
    assert index == stats["image_index"] and meta["steps"] == stats["steps"] > 0 and stats["image_set"] == "training"
    assert digits.train_labels[index] == 7 == stats["label"]
    assert network.sizes == (784, 16, 16, 10)
    assert network.predict(digits.train_images[index].reshape(-1, 1))[0] == 1 == stats["guess"]
    accuracy = network.evaluate(*digits.test)["accuracy"]
    assert accuracy == pytest.approx(stats["test_accuracy"]) and 0.5 <= accuracy < 0.95  # partly trained
    # the same seed and steps reproduce the stored network
    from sitebuild.one_step import find_example
    again, again_index, steps, _ = find_example(digits)
    assert (again_index, steps) == (index, meta["steps"])
    assert all(np.array_equal(a, b) for a, b in zip(again.weights, network.weights))


def test_the_build_fails_loudly_without_such_a_7(digits):
    from sitebuild.common import BuildError
    from sitebuild.one_step import find_example
    with pytest.raises(BuildError, match="no checkpoint"):
        find_example(digits, min_accuracy=1.01, max_epochs=1, check_every=200)


def test_one_step_reports_every_phase(session, example_file, build_stats):
    r = call("one_step", {})
    network, meta = one_step.load_example(example_file)
    index = r["index"]
    x = session.digits.train_images[index].reshape(-1, 1)
    y = one_hot([7])
    # by default, this image's share of an ordinary training step: η/m = 3/10
    assert r["label"] == 7 and r["image_set"] == "training" and meta["learning_rate"] == 3.0 and meta["mini_batch_size"] == 10
    assert r["learning_rate"] == pytest.approx(0.3) == r["default_learning_rate"]
    eta = r["learning_rate"]
    assert r["knobs"] == 13002 and len(r["pixels"]) == 784
    # forward pass and cost
    _, activations = network.forward(x)
    for got, expected in zip(r["before"]["activations"], activations[1:]):
        assert np.allclose(got, expected[:, 0])
    assert r["before"]["guess"] == 1
    assert r["before"]["cost"] == pytest.approx(0.5 * np.sum((activations[-1] - y) ** 2))
    # backward pass: δ per layer, the desires (−δ) of the outputs point at the 7
    (gw, gb), _ = network.backprop(x, y)
    for delta, bias_gradient in zip(r["deltas"], gb):
        assert np.allclose(delta, bias_gradient[:, 0])
    assert np.argmin(r["deltas"][-1]) == 7 and r["deltas"][-1][1] > 0
    assert [layer["gradient_size"] for layer in r["layers"]] == pytest.approx(
        [math.sqrt(np.sum(w ** 2) + np.sum(b ** 2)) for w, b in zip(gw, gb)])
    # update: each knob moved by −η times its part of the gradient; the largest first
    for change in r["changes"]:
        l, j, k = change["layer"] - 1, change["j"], change["k"]
        gradient = gw[l][j, k] if change["kind"] == "weight" else gb[l][j, 0]
        assert change["change"] == pytest.approx(-eta * gradient)
    sizes = [abs(c["change"]) for c in r["changes"]]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 8
    assert sizes[0] == pytest.approx(max(max(np.abs(eta * g).max() for g in gw), max(np.abs(eta * g).max() for g in gb)))
    # blank pixels carry no signal, so their weights don't move
    inked = np.count_nonzero(session.digits.train_images[index])
    assert r["layers"][0]["moved"] <= 16 * inked + 16
    # before and after, and the landscape through both
    assert r["after"]["cost"] < r["before"]["cost"]
    landscape = dict((t, c) for t, c in r["landscape"])
    assert landscape[0.0] == pytest.approx(r["before"]["cost"]) and landscape[1.0] == pytest.approx(r["after"]["cost"])
    stats = build_stats["one_step"]
    assert r["after"]["cost"] == pytest.approx(stats["cost_after"])
    assert r["after"]["outputs"][7] == pytest.approx(stats["output_label_after"])
    assert r["after"]["test_accuracy"] == pytest.approx(stats["test_accuracy_after"])
    # the held-out digits whose answer the step changed, recounted
    import copy
    stepped = copy.deepcopy(network)
    stepped.step(x, y, eta)
    before_guess, after_guess = network.predict(session.digits.test_images.T), stepped.predict(session.digits.test_images.T)
    right_before, right_after = before_guess == session.digits.test_labels, after_guess == session.digits.test_labels
    assert r["held_out"] == {"now_right": int(np.sum(right_after & ~right_before)),
                             "now_wrong": int(np.sum(right_before & ~right_after)),
                             "changed": int(np.sum(before_guess != after_guess))}
    assert r["held_out"]["now_wrong"] == stats["held_out_now_wrong"]
    # the ordinary training step beside it: this 7 and nine other training images at η = 3
    batch = one_step.mini_batch_indices(index, len(session.digits.train_labels), 10)
    assert batch[0] == index and len(set(batch.tolist())) == 10
    ordinary = copy.deepcopy(network)
    ordinary.step(session.digits.train_images[batch].T, one_hot(session.digits.train_labels[batch]), 3.0)
    accuracy = ordinary.evaluate(*session.digits.test)["accuracy"]
    assert r["mini_batch"]["test_accuracy_after"] == pytest.approx(accuracy) == pytest.approx(stats["mini_batch_test_accuracy_after"])
    assert r["mini_batch"]["output_label_after"] == pytest.approx(ordinary.feedforward(x)[7, 0])


def test_lesson_8_says_what_the_build_measured(build_stats):
    """The lesson's prose around the demo words its numbers (filled from the build) with
    claims that only hold for some values: check them against the build's figures."""
    stats = build_stats["one_step"]
    text = (ROOT / "docs" / "lessons" / "08-seeing-it-whole" / "index.md").read_text()
    assert "the network now reads it as a 7" in text and stats["guess_after"] == 7
    assert "held-out digits falls from" in text and stats["test_accuracy_after"] < stats["test_accuracy"]
    assert "digits it read correctly are now misread" in text and stats["held_out_now_wrong"] > 0
    assert "{{ stats.one_step.mini_batch_test_accuracy_after|pct1 }}" in text
    assert stats["mini_batch_test_accuracy_after"] > stats["test_accuracy"]   # "helps only a little"
    assert stats["mini_batch_test_accuracy_after"] - stats["test_accuracy"] < 0.05
    assert stats["learning_rate"] == pytest.approx(stats["training_learning_rate"] / stats["mini_batch_size"])


def test_one_step_takes_the_readers_step_size(session, example_file):
    small = call("one_step", {"learning_rate": 0.1})
    large = call("one_step", {})
    assert small["learning_rate"] == 0.1 and small["training_learning_rate"] == 3.0
    assert small["mini_batch"] == large["mini_batch"]   # the ordinary step does not depend on it
    assert small["before"] == large["before"]
    assert small["after"]["cost"] > large["after"]["cost"]
    for bad, message in (({"learning_rate": 0}, "learning_rate must be between"), ({"learning_rate": "x"}, "must be a number")):
        with pytest.raises(demos.DemoError, match=message):
            demos.call("one_step", json.dumps(bad))


def test_the_page_steps_with_the_images_share_of_a_training_step(build_stats):
    text = (ROOT / "docs" / "assets" / "js" / "demos" / "one-step.js").read_text()
    default = re.search(r'const STEP_LEARNING_RATE = "([\d.]+)"', text).group(1)
    training = build_stats["shipped"]["training"]
    assert float(default) == build_stats["one_step"]["learning_rate"] == training["learning_rate"] / training["mini_batch_size"]


def test_the_site_ships_the_lessons_modules_and_the_example(site_dir):
    import zipfile
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    with zipfile.ZipFile(site_dir / "pyodide" / lock["packages"]["pylib"]["file_name"]) as wheel:
        names = wheel.namelist()
    for module in ("demos/backprop_calculus", "demos/one_step", "demos/train"):
        assert f"pylib/{module}.py" in names
    assert set(demos.FUNCTIONS) >= {"chain_rule", "gradient_check", "misread", "one_step", "train", "inspect"}
    assert (site_dir / "data" / "one-step.npz").stat().st_size < 100_000  # float32 knobs, compressed
