"""The network in pylib: parameter count, gradient, steps, determinism, storage, training."""

import numpy as np
import pytest

from pylib import Network, count_parameters, kernels, one_hot, sigmoid, sigmoid_prime
from pylib.network import example_costs


def test_default_network_has_13002_parameters():
    network = Network()
    assert network.sizes == (784, 16, 16, 10)
    assert [w.shape for w in network.weights] == [(16, 784), (16, 16), (10, 16)]
    assert [b.shape for b in network.biases] == [(16, 1), (16, 1), (10, 1)]
    assert sum(w.size for w in network.weights) == 12960
    assert sum(b.size for b in network.biases) == 42
    assert count_parameters((784, 16, 16, 10)) == (12960, 42)
    assert sum(count_parameters((784, 16, 16, 10))) == 13002


@pytest.mark.parametrize("sizes, total", [((784, 30, 10), 23860), ((784, 100, 10), 79510)])
def test_parameter_counts_quoted_in_lesson_2(sizes, total):
    assert sum(count_parameters(sizes)) == total


def test_sigmoid_facts():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(40.0) == pytest.approx(1.0)
    assert sigmoid(-40.0) == pytest.approx(0.0, abs=1e-15)
    assert sigmoid_prime(0.0) == 0.25
    assert sigmoid_prime(5.0) == pytest.approx(0.0066, abs=5e-5)
    with np.errstate(all="raise"):  # no overflow warnings, even for absurd z
        low, high = sigmoid(np.array([-1e6, 1e6]))
    assert 0.0 <= low < 1e-200 and high == 1.0


def test_cost_convention_matches_lesson_3():
    """C_x = ½‖a − y‖²: the reference values the lesson quotes for a target of 3."""
    y = one_hot([3])
    assert example_costs(np.full((10, 1), 0.5), y)[0] == pytest.approx(1.25)
    assert example_costs(np.zeros((10, 1)), y)[0] == pytest.approx(0.5)
    wrong = np.zeros((10, 1))
    wrong[7] = 1.0
    assert example_costs(wrong, y)[0] == pytest.approx(1.0)
    assert example_costs(y, y)[0] == 0.0


def _numerical_gradient(network, x, y, h=1e-6):
    """Central finite differences of C, one parameter at a time."""
    grads = []
    for params in (network.weights, network.biases):
        layer_grads = []
        for p in params:
            g = np.zeros_like(p)
            for index in np.ndindex(p.shape):
                saved = p[index]
                p[index] = saved + h
                up = network.cost(x, y)
                p[index] = saved - h
                down = network.cost(x, y)
                p[index] = saved
                g[index] = (up - down) / (2 * h)
            layer_grads.append(g)
        grads.append(layer_grads)
    return grads


@pytest.mark.parametrize("kernel", sorted(kernels.KERNELS))
def test_backprop_matches_finite_differences(kernel, monkeypatch):
    monkeypatch.setattr(kernels, "kernel", kernel)
    rng = np.random.default_rng(7)
    network = Network((5, 4, 3, 2), seed=3)
    x = rng.random((5, 6))
    y = one_hot(rng.integers(0, 2, 6), 2)
    (weight_gradients, bias_gradients), _ = network.backprop(x, y)
    numerical_w, numerical_b = _numerical_gradient(network, x, y)
    for analytic, numerical in zip(weight_gradients + bias_gradients, numerical_w + numerical_b):
        relative = np.linalg.norm(analytic - numerical) / (
            np.linalg.norm(analytic) + np.linalg.norm(numerical)
        )
        assert relative < 1e-6


def test_every_kernel_gives_the_same_gradient(monkeypatch):
    rng = np.random.default_rng(1)
    x = rng.random((784, 10))
    y = one_hot(rng.integers(0, 10, 10))
    results = {}
    for name in kernels.KERNELS:
        monkeypatch.setattr(kernels, "kernel", name)
        (gw, gb), cost = Network(seed=5).backprop(x, y)
        results[name] = (gw, gb, cost)
    reference = results["matmul"]
    for gw, gb, cost in results.values():
        assert cost == pytest.approx(reference[2], rel=1e-12)
        for a, b in zip(gw + gb, reference[0] + reference[1]):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-14)


def test_one_step_lowers_the_cost_of_its_mini_batch(digits):
    network = Network(seed=0)
    x = digits.train_images[:10].T
    y = one_hot(digits.train_labels[:10])
    before = network.cost(x, y)
    network.step(x, y, learning_rate=3.0)
    assert network.cost(x, y) < before


def test_same_seed_same_weights_and_same_curve(digits):
    a, b, c = Network(seed=42), Network(seed=42), Network(seed=43)
    for wa, wb in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(wa, wb)
    assert not np.array_equal(a.weights[0], c.weights[0])
    images, labels = digits.train_images[:500], digits.train_labels[:500]
    curve_a = [r["cost"] for r in a.train(images, labels, 2, 10, 3.0, seed=1)]
    curve_b = [r["cost"] for r in b.train(images, labels, 2, 10, 3.0, seed=1)]
    assert curve_a == curve_b


def test_weights_save_and_load(tmp_path):
    network = Network((784, 20, 10), seed=3)
    path = tmp_path / "w.npz"
    network.save(path)
    loaded = Network.load(path)
    assert loaded.sizes == (784, 20, 10)
    for a, b in zip(network.weights + network.biases, loaded.weights + loaded.biases):
        np.testing.assert_allclose(a, b, rtol=1e-6)  # stored as float32
    assert path.stat().st_size < 4 * 20 * 800  # compact: about 4 bytes a parameter or less


def test_training_lowers_cost_and_reaches_the_accuracy_we_claim(digits):
    """Five epochs at the defaults the Train demo offers: the cost falls far below where it
    started and the held-out accuracy passes 85 % (the lesson: 'about nine in ten after a
    handful of epochs')."""
    network = Network(seed=0)
    start = network.evaluate(*digits.training)["cost"]
    reports = list(
        network.train(
            *digits.training, epochs=5, mini_batch_size=10, learning_rate=3.0, seed=0, test=digits.test
        )
    )
    costs = [r["cost"] for r in reports]
    assert costs[0] < start / 4 and costs[-1] < costs[0] / 2
    assert reports[0]["steps"] == 400 and reports[-1]["steps"] == 2000
    assert reports[-1]["test_accuracy"] >= 0.85


def test_training_can_stop_between_steps(digits):
    network = Network(seed=0)
    steps = network.sgd_steps(
        digits.train_images, digits.train_labels, epochs=100, mini_batch_size=10, learning_rate=3.0
    )
    for progress in steps:
        if progress.step == 25:
            break
    assert progress.epoch == 1 and not progress.end_of_epoch


def test_huge_learning_rate_does_not_crash(digits):
    network = Network(seed=0)
    with np.errstate(over="raise", invalid="raise"):
        report = next(network.train(digits.train_images[:200], digits.train_labels[:200], 1, 10, 1e6))
    assert np.isfinite(report["cost"])
