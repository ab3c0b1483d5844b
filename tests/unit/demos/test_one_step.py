"""Lesson 8, One step slowed down (pylib.demos.one_step) and the build step that finds
its training 7, run natively."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from pylib import demos, one_hot
from pylib.demos import one_step
from tests.conftest import demo_call as call

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def example_file(session, site_dir):
    """The build's lesson-8 file, where setup() was told it is (as the page's worker does)."""
    assert session.one_step_path == str(site_dir / "data" / "one-step.npz")
    return session.one_step_path


def test_the_build_found_a_training_7_the_partly_trained_network_reads_as_a_1(site_dir, build_stats, digits):
    # a training image: the demo takes a training step on it, and held-out images never take part in one
    network, meta = one_step.load_example(site_dir / "data" / "one-step.npz")
    stats = build_stats["one_step"]
    index = meta["image_index"]
    assert (
        index == stats["image_index"]
        and meta["steps"] == stats["steps"] > 0
        and stats["image_set"] == "training"
    )
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
    assert (
        r["label"] == 7
        and r["image_set"] == "training"
        and meta["learning_rate"] == 3.0
        and meta["mini_batch_size"] == 10
    )
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
        [math.sqrt(np.sum(w**2) + np.sum(b**2)) for w, b in zip(gw, gb)]
    )
    # update: each knob moved by −η times its part of the gradient; the largest first
    for change in r["changes"]:
        l, j, k = change["layer"] - 1, change["j"], change["k"]
        gradient = gw[l][j, k] if change["kind"] == "weight" else gb[l][j, 0]
        assert change["change"] == pytest.approx(-eta * gradient)
    sizes = [abs(c["change"]) for c in r["changes"]]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 8
    assert sizes[0] == pytest.approx(
        max(max(np.abs(eta * g).max() for g in gw), max(np.abs(eta * g).max() for g in gb))
    )
    # blank pixels carry no signal, so their weights don't move
    inked = np.count_nonzero(session.digits.train_images[index])
    assert r["layers"][0]["moved"] <= 16 * inked + 16
    # before and after, and the landscape through both
    assert r["after"]["cost"] < r["before"]["cost"]
    landscape = dict(r["landscape"])
    assert landscape[0.0] == pytest.approx(r["before"]["cost"]) and landscape[1.0] == pytest.approx(
        r["after"]["cost"]
    )
    stats = build_stats["one_step"]
    assert r["after"]["cost"] == pytest.approx(stats["cost_after"])
    assert r["after"]["outputs"][7] == pytest.approx(stats["output_label_after"])
    assert r["after"]["test_accuracy"] == pytest.approx(stats["test_accuracy_after"])
    # the held-out digits whose answer the step changed, recounted
    import copy

    stepped = copy.deepcopy(network)
    stepped.step(x, y, eta)
    before_guess, after_guess = (
        network.predict(session.digits.test_images.T),
        stepped.predict(session.digits.test_images.T),
    )
    right_before, right_after = (
        before_guess == session.digits.test_labels,
        after_guess == session.digits.test_labels,
    )
    assert r["held_out"] == {
        "now_right": int(np.sum(right_after & ~right_before)),
        "now_wrong": int(np.sum(right_before & ~right_after)),
        "changed": int(np.sum(before_guess != after_guess)),
    }
    assert r["held_out"]["now_wrong"] == stats["held_out_now_wrong"]
    # the ordinary training step beside it: this 7 and nine other training images at η = 3
    batch = one_step.mini_batch_indices(index, len(session.digits.train_labels), 10)
    assert batch[0] == index and len(set(batch.tolist())) == 10
    ordinary = copy.deepcopy(network)
    ordinary.step(session.digits.train_images[batch].T, one_hot(session.digits.train_labels[batch]), 3.0)
    accuracy = ordinary.evaluate(*session.digits.test)["accuracy"]
    assert (
        r["mini_batch"]["test_accuracy_after"]
        == pytest.approx(accuracy)
        == pytest.approx(stats["mini_batch_test_accuracy_after"])
    )
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
    assert stats["mini_batch_test_accuracy_after"] > stats["test_accuracy"]  # "helps only a little"
    assert stats["mini_batch_test_accuracy_after"] - stats["test_accuracy"] < 0.05
    assert stats["learning_rate"] == pytest.approx(stats["training_learning_rate"] / stats["mini_batch_size"])


def test_one_step_takes_the_readers_step_size(session, example_file):
    small = call("one_step", {"learning_rate": 0.1})
    large = call("one_step", {})
    assert small["learning_rate"] == 0.1 and small["training_learning_rate"] == 3.0
    assert small["mini_batch"] == large["mini_batch"]  # the ordinary step does not depend on it
    assert small["before"] == large["before"]
    assert small["after"]["cost"] > large["after"]["cost"]
    for bad, message in (
        ({"learning_rate": 0}, "learning_rate must be between"),
        ({"learning_rate": "x"}, "must be a number"),
    ):
        with pytest.raises(demos.DemoError, match=message):
            demos.call("one_step", json.dumps(bad))


def test_the_page_steps_with_the_images_share_of_a_training_step(build_stats):
    text = (ROOT / "docs" / "assets" / "js" / "demos" / "one-step.model.js").read_text()
    default = re.search(r'export const STEP_LEARNING_RATE = "([\d.]+)"', text).group(1)
    training = build_stats["shipped"]["training"]
    assert (
        float(default)
        == build_stats["one_step"]["learning_rate"]
        == training["learning_rate"] / training["mini_batch_size"]
    )


def test_the_site_ships_the_lessons_modules_and_the_example(site_dir):
    import zipfile

    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text())
    with zipfile.ZipFile(site_dir / "pyodide" / lock["packages"]["pylib"]["file_name"]) as wheel:
        names = wheel.namelist()
    for module in sorted(
        p.stem for p in (ROOT / "pylib" / "pylib" / "demos").glob("*.py")
    ):  # every demo module
        assert f"pylib/demos/{module}.py" in names
    assert set(demos.FUNCTIONS) >= {"chain_rule", "gradient_check", "misread", "one_step", "train", "inspect"}
    assert (site_dir / "data" / "one-step.npz").stat().st_size < 100_000  # float32 knobs, compressed
