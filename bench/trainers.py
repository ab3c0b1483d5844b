"""What the benchmark times, natively and (unchanged) inside Pyodide in the browser.

* ``site``   the training code the Train demo runs: pylib.training.FastSGD (float64)
* ``site32`` the same in float32
* ``lesson`` the readable code the lessons show: Network.sgd_steps
* ``plain``  a plain vectorised trainer, columns and ``@``: the usual way to write it,
             the baseline the issue measures against
Each epoch is 4,000 training images in mini-batches plus one evaluation on the 1,000
held-out images, from the same seeded starting weights.
"""

import time

import numpy as np

from pylib import Network, one_hot
from pylib.training import FastSGD


def plain_epochs(network, images, labels, test, mini_batch_size, learning_rate, epochs, seed=0):
    """Nielsen-style SGD written the obvious way: columns, ``@``, new arrays every step."""
    sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))
    y_all = one_hot(labels)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(images))
        for start in range(0, len(order), mini_batch_size):
            batch = order[start : start + mini_batch_size]
            activations = [images[batch].T]
            for w, b in zip(network.weights, network.biases):
                activations.append(sigmoid(w @ activations[-1] + b))
            a = activations[-1]
            delta = (a - y_all[:, batch]) * a * (1 - a)
            m = len(batch)
            for l in range(len(network.weights) - 1, -1, -1):
                grad_w = delta @ activations[l].T / m
                grad_b = delta.sum(axis=1, keepdims=True) / m
                if l > 0:
                    a_prev = activations[l]
                    delta = (network.weights[l].T @ delta) * a_prev * (1 - a_prev)
                network.weights[l] -= learning_rate * grad_w
                network.biases[l] -= learning_rate * grad_b
        yield network.accuracy(test[0].T, test[1])


def site_epochs(
    network, images, labels, test, mini_batch_size, learning_rate, epochs, seed=0, dtype=np.float64
):
    trainer = FastSGD(network, images, labels, mini_batch_size, learning_rate, dtype=dtype)
    for progress in trainer.steps(epochs, seed):
        if progress.end_of_epoch:
            yield network.evaluate(*test)["accuracy"]


def lesson_epochs(network, images, labels, test, mini_batch_size, learning_rate, epochs, seed=0):
    for progress in network.sgd_steps(images, labels, epochs, mini_batch_size, learning_rate, seed):
        if progress.end_of_epoch:
            yield network.evaluate(*test)["accuracy"]


def site32_epochs(*args, **kwargs):
    return site_epochs(*args, dtype=np.float32, **kwargs)


TRAINERS = {"site": site_epochs, "site32": site32_epochs, "lesson": lesson_epochs, "plain": plain_epochs}


def seconds_per_epoch(digits, trainer, mini_batch_size, epochs=6, learning_rate=3.0):
    """Seconds of each epoch (training + one held-out evaluation), first one included."""
    network = Network(seed=0)
    times = []
    started = time.perf_counter()
    for _ in TRAINERS[trainer](
        network, digits.train_images, digits.train_labels, digits.test, mini_batch_size, learning_rate, epochs
    ):
        now = time.perf_counter()
        times.append(now - started)
        started = now
    return times


def seconds_to_accuracy(digits, target=0.9, max_epochs=30, mini_batch_size=10, learning_rate=3.0, seed=0):
    """Training seconds (evaluations excluded) until the held-out accuracy reaches target."""
    network = Network(seed=seed)
    trainer = FastSGD(network, digits.train_images, digits.train_labels, mini_batch_size, learning_rate)
    training = 0.0
    started = time.perf_counter()
    for progress in trainer.steps(max_epochs, seed):
        if progress.end_of_epoch:
            training += time.perf_counter() - started
            accuracy = network.evaluate(*digits.test)["accuracy"]
            if accuracy >= target:
                return {"seconds": training, "epochs": progress.epoch, "accuracy": accuracy}
            started = time.perf_counter()
    return {"seconds": None, "epochs": max_epochs, "accuracy": accuracy}


def run_all(digits):
    """Every timing the browser and native runs share, as one dict."""
    results = {}
    for trainer in TRAINERS:
        for m in (10, 100):
            results[f"{trainer}_m{m}"] = seconds_per_epoch(digits, trainer, m)
    results["to_90"] = seconds_to_accuracy(digits)
    return results
