"""The reader's own network: a file checked before use, the demos that take it.

The page's tests (tests/browser/test_your_network.py) drive the same functions from the
pages; these check every refusal natively, and that a demo given "yours" computes what
pylib computes for those weights.
"""

import base64
import io
import json
import pickle

import numpy as np
import pytest

from pylib import Network, demos
from pylib.demos.your_network import MAX_BYTES, network_from_npz
from tests.conftest import demo_call as call


def npz(**arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def arrays_of(network, dtype=np.float32):
    arrays = {"sizes": np.array(network.sizes, dtype=np.int32)}
    for l, (w, b) in enumerate(zip(network.weights, network.biases), start=1):
        arrays[f"weights{l}"], arrays[f"biases{l}"] = w.astype(dtype), b.astype(dtype)
    return arrays


def b64(data):
    return base64.b64encode(data).decode("ascii")


@pytest.fixture(scope="module")
def small():
    return Network((784, 8, 10), seed=3)


def test_a_saved_network_comes_back_the_same(small, tmp_path):
    small.save(tmp_path / "mine.npz")
    back = network_from_npz((tmp_path / "mine.npz").read_bytes())
    assert back.sizes == small.sizes
    for mine, theirs in zip(back.weights + back.biases, small.weights + small.biases):
        np.testing.assert_array_equal(mine, theirs.astype(np.float32))
    # float64 arrays (a network saved with plain np.savez from a notebook) are fine too
    assert network_from_npz(npz(**arrays_of(small, np.float64))).sizes == (784, 8, 10)


def object_array_npz():
    buffer = io.BytesIO()
    np.savez(
        buffer,
        sizes=np.array([784, 10]),
        weights1=np.array([{"x": 1}], dtype=object),
        biases1=np.zeros((10, 1)),
    )
    return buffer.getvalue()


def hostile(small):
    good = arrays_of(small)
    nan = dict(good, weights2=np.full((10, 8), np.nan, np.float32))
    wrong_shape = dict(good, weights1=np.zeros((8, 783), np.float32))
    ints = dict(good, biases1=np.zeros((8, 1), np.int64))
    extra = dict(good, secret=np.zeros(3))
    too_many_layers = {"sizes": np.array([784, 4, 4, 4, 4, 10])}
    too_wide = dict(good, sizes=np.array([784, 129, 10]))
    whole = npz(**good)
    return {
        "NaN": (npz(**nan), "not finite"),
        "wrong shape": (npz(**wrong_shape), "has shape"),
        "integers": (npz(**ints), "decimal numbers"),
        "an extra array": (npz(**extra), "unexpected: secret"),
        "a missing array": (npz(sizes=good["sizes"], weights1=good["weights1"]), "missing"),
        "too many layers": (npz(**too_many_layers), "layer sizes"),
        "too wide": (npz(**too_wide), "layer sizes"),
        "a pickle": (pickle.dumps({"weights1": [1, 2, 3]}), "not a NumPy .npz"),
        "an object array": (object_array_npz(), "Python objects"),
        "not an npz": (b"%PDF-1.4 this is not a network", "not a NumPy .npz"),
        "truncated": (whole[: len(whole) // 2], "not a NumPy .npz"),
        "empty": (b"", "not a NumPy .npz"),
        "too large": (b"\0" * (MAX_BYTES + 1), "larger than 2 MB"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "NaN",
        "wrong shape",
        "integers",
        "an extra array",
        "a missing array",
        "too many layers",
        "too wide",
        "a pickle",
        "an object array",
        "not an npz",
        "truncated",
        "empty",
        "too large",
    ],
)
def test_a_hostile_file_is_refused_with_a_reason(small, case):
    data, reason = hostile(small)[case]
    with pytest.raises(demos.DemoError, match=reason) as refused:
        network_from_npz(data)
    assert str(refused.value).startswith("This is not a network the course can use")


def test_a_pickle_inside_is_never_run(tmp_path):
    """An .npy whose object array would, when unpickled, write a file: refused, file never written."""
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    buffer = io.BytesIO()
    np.savez(
        buffer,
        sizes=np.array([784, 10]),
        weights1=np.array([Payload()], dtype=object),
        biases1=np.zeros((10, 1)),
    )
    with pytest.raises(demos.DemoError):
        network_from_npz(buffer.getvalue())
    assert not marker.exists()


def test_demos_take_your_network_and_compute_as_pylib(session, small):
    data = Network((784, 16, 16, 10), seed=7).to_bytes()
    mine = Network.from_bytes(data)
    yours = {"weights": "yours", "your_network": {"key": "test-1", "npz": b64(data)}}
    image = session.digits.test_images[5]
    expected = mine.feedforward(image.reshape(-1, 1))[:, 0]

    looked = call("look_inside", yours, index=5)
    assert looked["weights"] == "yours"
    np.testing.assert_allclose(looked["outputs"], np.round(expected, 4))
    scored = call("score_guess", yours, index=5)
    np.testing.assert_allclose(scored["outputs"], expected)
    pictures = call("weight_pictures", yours)
    np.testing.assert_allclose(pictures["weights"], np.round(mine.weights[0], 4))
    wants = call("image_wants", {"network": "yours", "your_network": yours["your_network"]}, index=5)
    assert len(wants["layers"]) == 3
    nudges = call("biggest_nudges", yours, learning_rate=3, mini_batch_size=10, batch_seed=0)
    assert nudges["parameters"] == 13002

    checked = call("check_network", npz=b64(data))
    assert checked["sizes"] == [784, 16, 16, 10]
    assert checked["test_accuracy"] == mine.evaluate(*session.digits.test)["accuracy"]


def test_a_bad_network_in_a_request_is_refused(session):
    with pytest.raises(demos.DemoError, match="Your network did not come"):
        call("look_inside", weights="yours", index=0)
    with pytest.raises(demos.DemoError, match="not a NumPy"):
        call("look_inside", weights="yours", index=0, your_network={"key": "bad", "npz": b64(b"nonsense")})


def test_the_trained_network_is_handed_back_as_network_load_reads_it(session, tmp_path):
    for _ in demos.call(
        "train",
        '{"learning_rate": 3, "mini_batch_size": 10, "epochs": 1, "train_size": 500, "hidden_sizes": [8]}',
    ):
        pass
    given = call("trained_network")
    path = tmp_path / "your-network.npz"
    path.write_bytes(base64.b64decode(given["npz"]))
    loaded = Network.load(path)
    assert loaded.sizes == (784, 8, 10) and given["sizes"] == [784, 8, 10]
    assert (
        given["test_accuracy"] == loaded.evaluate(*session.digits.test)["accuracy"] > 0.2
    )  # better than chance (0.1)


# ------------------------------------------------------------------ your digits


def digit_payload(images, labels):
    return [
        {"pixels": b64(np.round(255 * image).astype(np.uint8).tobytes()), "label": int(label)}
        for image, label in zip(images, labels)
    ]


def test_your_digits_are_scored_by_both_networks_with_a_confusion_matrix(session):
    images, labels = session.digits.test_images[:12], session.digits.test_labels[:12]
    stored = np.round(255 * images).astype(np.uint8) / 255.0  # what the page keeps: a byte a pixel
    data = Network((784, 16, 16, 10), seed=9).to_bytes()
    answer = call(
        "score_your_digits",
        digits=digit_payload(images, labels),
        weights="yours",
        your_network={"key": "digits-1", "npz": b64(data)},
    )
    assert answer["count"] == 12
    for name, network in (("shipped", session.shipped), ("yours", Network.from_bytes(data))):
        guesses = np.argmax(network.feedforward(stored.T), axis=0)
        assert answer[name]["guesses"] == guesses.tolist()
        assert answer[name]["right"] == int(np.sum(guesses == labels))
        confusion = np.array(answer[name]["confusion"])
        assert confusion.sum() == 12 and np.trace(confusion) == answer[name]["right"]
        assert confusion[labels[0], guesses[0]] >= 1


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("not a list", "list of at most"),
        ([{"pixels": "AAAA", "label": 3}], "784 pixels"),
        ([{"pixels": "%%%", "label": 3}], "base64"),
        ([{"pixels": b64(bytes(784)), "label": 10}], "digit must be between"),
        ([{"pixels": b64(bytes(784)), "label": 1}] * 501, "at most 500"),
    ],
)
def test_bad_digits_are_refused(session, bad, reason):
    with pytest.raises(demos.DemoError, match=reason):
        call("score_your_digits", digits=bad)


def test_training_can_include_your_digits(session):
    mine = digit_payload(session.digits.test_images[:50], session.digits.test_labels[:50])
    options = {"learning_rate": 3, "mini_batch_size": 10, "epochs": 1, "train_size": 100, "your_digits": mine}
    reports = [json.loads(text) for text in demos.call("train", json.dumps(options)) if text]
    reports = [r for r in reports if r["kind"] == "epoch"]
    assert reports[-1]["steps"] == 15  # (100 + 50) images in mini-batches of 10


def test_one_step_takes_your_network_on_the_same_training_image(session, tmp_path, monkeypatch):
    from pylib.demos import one_step as module

    monkeypatch.setattr(session, "one_step_path", str(tmp_path / "one-step.npz"))  # as the build writes it
    (tmp_path / "one-step.npz").write_bytes(
        module.example_bytes(
            Network((784, 16, 16, 10), seed=0),
            image_index=0,
            label=int(session.digits.train_labels[0]),
            guess=1,
            learning_rate=3.0,
            steps=100,
            seed=0,
            mini_batch_size=10,
        )
    )
    data = Network((784, 16, 16, 10), seed=11).to_bytes()
    mine = Network.from_bytes(data)
    answer = call("one_step", weights="yours", your_network={"key": "step-1", "npz": b64(data)})
    assert answer["weights"] == "yours" and answer["index"] == 0
    x = session.digits.train_images[0].reshape(-1, 1)
    np.testing.assert_allclose(answer["before"]["outputs"], mine.feedforward(x)[:, 0])
    assert call("one_step")["weights"] == "partly"
    small = Network((784, 10), seed=1).to_bytes()
    with pytest.raises(demos.DemoError, match="784-16-16-10"):
        call("one_step", weights="yours", your_network={"key": "step-2", "npz": b64(small)})
