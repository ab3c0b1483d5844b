"""Lesson 7, Train the digit network (pylib.demos.train): the streamed training, the
held-out images it inspects and the gallery of misreads, run natively."""

import base64
import json

import numpy as np
import pytest

from pylib import demos
from tests.conftest import demo_call as call


def test_misread_lists_the_trained_networks_mistakes(session):
    options = {
        "learning_rate": 3.0,
        "mini_batch_size": 10,
        "epochs": 1,
        "seed": 3,
        "hidden_sizes": [24],
        "train_size": 1000,
    }
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
    assert (
        item["guess"] == guesses[item["index"]] != item["label"] == session.digits.test_labels[item["index"]]
    )
    pixels = np.frombuffer(base64.b64decode(item["pixels"]), dtype=np.uint8)
    assert pixels.shape == (784,)
    assert np.array_equal(pixels, np.round(session.digits.test_images[item["index"]] * 255).astype(np.uint8))

    second = call("misread", {"offset": 40})
    assert [i["index"] for i in second["items"]] == wrong[40:80].tolist()
    digit = int(np.argmax(first["by_digit"]))
    only = call("misread", {"digit": digit})
    assert only["matching"] == first["by_digit"][digit]
    assert {i["label"] for i in only["items"]} == {digit}


@pytest.mark.parametrize(
    "options, message",
    [
        ({"offset": -1}, "image_index must be between"),
        ({"offset": "x"}, "image_index must be a number"),
        ({"digit": 10}, "digit must be between"),
        ({"digit": 2.5}, "whole number"),
    ],
)
def test_misread_refuses_bad_options(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        demos.call("misread", json.dumps(options))


@pytest.mark.parametrize(
    "options, message",
    [
        ({"hidden_sizes": "16, 16"}, "hidden_sizes must be a list"),
        ({"hidden_sizes": [0]}, "hidden_size must be between"),
        ({"seed": -1}, "seed must be between"),
        ({"seed": 1e7}, "seed must be between"),
        ({"train_size": 99}, "train_size must be between"),
        ({"train_size": 4001}, "train_size must be between"),
        ({"train_size": 100, "mini_batch_size": 200}, "mini_batch_size must be at most"),
    ],
)
def test_train_refuses_bad_new_inputs(session, options, message):
    base = {"learning_rate": 3.0, "mini_batch_size": 10, "epochs": 1}
    with pytest.raises(demos.DemoError, match=message):
        next(demos.call("train", json.dumps({**base, **options})))


def test_train_streams_epoch_reports(session):
    options = {"learning_rate": 3.0, "mini_batch_size": 10, "epochs": 2, "seed": 0}
    streamed = [json.loads(r) for r in demos.call("train", json.dumps(options)) if r is not None]
    assert streamed[0]["kind"] == "step" and streamed[0]["step_in_epoch"] == 1  # life at once
    reports = [r for r in streamed if r["kind"] == "epoch"]
    assert [r["epoch"] for r in reports] == [1, 2]
    assert reports[1]["steps"] == 800
    assert reports[1]["cost"] < reports[0]["cost"] < 0.5
    assert reports[1]["test_accuracy"] > 0.8
    inspected = json.loads(demos.call("inspect", json.dumps({"index": 5})))
    assert (
        inspected["network"] == "trained"
        and len(inspected["pixels"]) == 784
        and len(inspected["outputs"]) == 10
    )
    assert inspected["guess"] == max(range(10), key=lambda d: inspected["outputs"][d])


@pytest.mark.parametrize(
    "options, message",
    [
        ({"learning_rate": "abc", "mini_batch_size": 10, "epochs": 1}, "learning_rate must be a number"),
        ({"learning_rate": -1, "mini_batch_size": 10, "epochs": 1}, "learning_rate must be between"),
        ({"learning_rate": 0, "mini_batch_size": 10, "epochs": 1}, "learning_rate must be between"),
        ({"learning_rate": 1e9, "mini_batch_size": 10, "epochs": 1}, "learning_rate must be between"),
        ({"learning_rate": 3, "mini_batch_size": 0, "epochs": 1}, "mini_batch_size must be between"),
        ({"learning_rate": 3, "mini_batch_size": 5000, "epochs": 1}, "mini_batch_size must be between"),
        ({"learning_rate": 3, "mini_batch_size": 10, "epochs": 0}, "epochs must be between"),
        ({"learning_rate": 3, "mini_batch_size": 10, "epochs": 1000000}, "epochs must be between"),
        ({"learning_rate": 3, "mini_batch_size": 2.5, "epochs": 1}, "whole number"),
        (
            {"learning_rate": 3, "mini_batch_size": 10, "epochs": 1, "hidden_sizes": [16, 100000]},
            "hidden_size",
        ),
        (
            {"learning_rate": 3, "mini_batch_size": 10, "epochs": 1, "hidden_sizes": [1, 1, 1, 1]},
            "hidden_layers",
        ),
    ],
)
def test_python_refuses_what_the_page_should_have_refused(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        next(demos.call("train", json.dumps(options)))
