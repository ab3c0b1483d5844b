"""pylib.training.FastSGD takes exactly the steps of Network.sgd_steps, on every kernel."""

import numpy as np
import pytest

from pylib import Network, kernels
from pylib.training import FastSGD


def weights_of(network):
    return network.weights + network.biases


@pytest.mark.parametrize("kernel", sorted(kernels.KERNELS))
@pytest.mark.parametrize(
    "sizes, mini_batch_size",
    [((784, 16, 16, 10), 10), ((784, 30, 10), 7), ((784, 10), 100), ((784, 8, 8, 8, 10), 1)],
)
def test_fast_sgd_matches_the_lesson_code(digits, kernel, sizes, mini_batch_size, monkeypatch):
    monkeypatch.setattr(kernels, "kernel", kernel)
    images, labels = digits.train_images[:300], digits.train_labels[:300]
    reference, fast = Network(sizes, seed=4), Network(sizes, seed=4)
    for _ in reference.sgd_steps(images, labels, 2, mini_batch_size, 3.0, seed=9):
        pass
    steps = list(FastSGD(fast, images, labels, mini_batch_size, 3.0).steps(2, seed=9))
    assert len(steps) == 2 * -(-300 // mini_batch_size)
    assert [s.end_of_epoch for s in steps].count(True) == 2
    for a, b in zip(weights_of(reference), weights_of(fast)):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_pixels_never_lit_in_training_keep_their_weights(digits):
    network = Network(seed=1)
    before = network.weights[0].copy()
    trainer = FastSGD(network, digits.train_images, digits.train_labels, 10, 3.0)
    assert 600 < trainer.active.size < 784
    for _ in trainer.steps(1):
        pass
    never_lit = np.setdiff1d(np.arange(784), trainer.active)
    np.testing.assert_array_equal(network.weights[0][:, never_lit], before[:, never_lit])
    assert not np.allclose(network.weights[0][:, trainer.active], before[:, trainer.active])


def test_stopping_mid_epoch_leaves_the_network_up_to_date(digits):
    reference, fast = Network(seed=2), Network(seed=2)
    images, labels = digits.train_images[:500], digits.train_labels[:500]
    for progress in reference.sgd_steps(images, labels, 1, 10, 3.0, seed=3):
        if progress.step == 17:
            break
    steps = FastSGD(fast, images, labels, 10, 3.0).steps(1, seed=3)
    for progress in steps:
        if progress.step == 17:
            break
    steps.close()  # what the page's Stop does to the generator
    for a, b in zip(weights_of(reference), weights_of(fast)):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_float32_variant_stays_close(digits):
    reference, fast = Network(seed=0), Network(seed=0)
    images, labels = digits.train_images[:1000], digits.train_labels[:1000]
    for _ in reference.sgd_steps(images, labels, 1, 10, 3.0):
        pass
    for _ in FastSGD(fast, images, labels, 10, 3.0, dtype=np.float32).steps(1):
        pass
    for a, b in zip(weights_of(reference), weights_of(fast)):
        np.testing.assert_allclose(a, b, rtol=1e-3, atol=1e-4)
