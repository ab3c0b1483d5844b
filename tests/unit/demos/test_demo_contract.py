"""pylib.demos, the functions the page's worker calls, run natively."""

import json

import pytest

from pylib import demos


def test_setup_reports_what_it_loaded(site_dir):
    info = json.loads(demos.setup(str(site_dir / "data" / "digits.npz"),
                                  str(site_dir / "data" / "shipped-weights.npz")))
    assert info == {"train_images": 4000, "test_images": 1000, "sizes": [784, 16, 16, 10]}


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
    assert inspected["network"] == "trained" and len(inspected["pixels"]) == 784 and len(inspected["outputs"]) == 10
    assert inspected["guess"] == max(range(10), key=lambda d: inspected["outputs"][d])


@pytest.mark.parametrize("options, message", [
    ({"learning_rate": "abc", "mini_batch_size": 10, "epochs": 1}, "learning_rate must be a number"),
    ({"learning_rate": -1, "mini_batch_size": 10, "epochs": 1}, "learning_rate must be between"),
    ({"learning_rate": 0, "mini_batch_size": 10, "epochs": 1}, "learning_rate must be between"),
    ({"learning_rate": 1e9, "mini_batch_size": 10, "epochs": 1}, "learning_rate must be between"),
    ({"learning_rate": 3, "mini_batch_size": 0, "epochs": 1}, "mini_batch_size must be between"),
    ({"learning_rate": 3, "mini_batch_size": 5000, "epochs": 1}, "mini_batch_size must be between"),
    ({"learning_rate": 3, "mini_batch_size": 10, "epochs": 0}, "epochs must be between"),
    ({"learning_rate": 3, "mini_batch_size": 10, "epochs": 1000000}, "epochs must be between"),
    ({"learning_rate": 3, "mini_batch_size": 2.5, "epochs": 1}, "whole number"),
    ({"learning_rate": 3, "mini_batch_size": 10, "epochs": 1, "hidden_sizes": [16, 100000]}, "hidden_size"),
    ({"learning_rate": 3, "mini_batch_size": 10, "epochs": 1, "hidden_sizes": [1, 1, 1, 1]}, "hidden_layers"),
])
def test_python_refuses_what_the_page_should_have_refused(session, options, message):
    with pytest.raises(demos.DemoError, match=message):
        next(demos.call("train", json.dumps(options)))
