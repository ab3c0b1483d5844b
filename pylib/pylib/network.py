"""The digit network: layers of sigmoid neurons, a quadratic cost, backpropagation
and mini-batch stochastic gradient descent.

This is the code the lessons describe, with the lessons' names:

* ``activations``      a   how lit each neuron is, one column per example
* ``weighted_inputs``  z   each neuron's weighted sum plus its bias
* ``weights``          W   ``weights[l]`` has one row per neuron of the layer it feeds
* ``biases``           b   one column of biases per layer
* ``cost``             C   the average over examples of C_x = ½‖a − y‖²
* ``gradient``         ∇C  ∂C/∂W and ∂C/∂b for every layer
* ``learning_rate``    η   how far each step goes
* ``delta``            δ   ∂C_x/∂z, the error that backpropagation passes backwards

Vectors are columns, so a mini-batch of m images is a 784 × m matrix and one layer
of the forward pass reads ``a = σ(W a_prev + b)``, exactly as written in lesson 2.

The input is layer 0. ``weights[0]`` and ``biases[0]`` belong to layer 1, so for the
default 784-16-16-10 network ``weights[0]`` is 16 × 784, ``weights[1]`` is 16 × 16
and ``weights[2]`` is 10 × 16.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

import numpy as np

if TYPE_CHECKING:  # numpy.typing is left out of the NumPy the site serves (sitebuild/numpy_wheel.py)
    from numpy.typing import ArrayLike

from .kernels import dot, dot_transposed

DEFAULT_SIZES = (784, 16, 16, 10)

Gradient = tuple[list[np.ndarray], list[np.ndarray]]  # (weight_gradients, bias_gradients)
DataSet: TypeAlias = "tuple[ArrayLike, ArrayLike]"  # (images one per row, labels)


class Step(NamedTuple):
    """What ``sgd_steps`` yields after each step."""

    epoch: int
    step: int
    cost: float | None  # None where the step's cost was not computed (pylib.training)
    end_of_epoch: bool


def sigmoid(z: ArrayLike) -> Any:
    """The squish σ(z) = 1 / (1 + e^(−z)).

    z is clipped to ±500 first: beyond that σ is already exactly 0 or 1 in double
    precision, and the clip keeps e^(−z) from overflowing when a huge learning rate
    has blown the weights up.
    """
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))


def sigmoid_prime(z: ArrayLike) -> Any:
    """The slope of the squish, σ′(z) = σ(z)(1 − σ(z)). It is at most ¼, at z = 0."""
    s = sigmoid(z)
    return s * (1.0 - s)


def one_hot(labels: ArrayLike, classes: int = 10) -> np.ndarray:
    """Desired outputs y as columns: for the label 3, a column with 1 in row 3, else 0."""
    labels = np.asarray(labels, dtype=np.intp)
    y = np.zeros((classes, labels.size))
    y[labels, np.arange(labels.size)] = 1.0
    return y


def example_costs(output_activations: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each example's cost C_x = ½‖a − y‖², one number per column."""
    return 0.5 * np.sum((output_activations - y) ** 2, axis=0)


def count_parameters(sizes: Sequence[int]) -> tuple[int, int]:
    """Weights and biases of a fully connected network with these layer sizes.

    One weight per link between adjacent layers, one bias per non-input neuron:
    for 784-16-16-10 that is 12,960 weights + 42 biases = 13,002.
    """
    weights = sum(n_prev * n for n_prev, n in zip(sizes[:-1], sizes[1:]))
    biases = sum(sizes[1:])
    return weights, biases


class Network:
    """A fully connected network of sigmoid neurons.

    ``Network((784, 16, 16, 10), seed=0)`` always starts from the same weights:
    each weight is drawn from a normal distribution with standard deviation
    1/√(inputs to its neuron), each bias from a standard normal, using NumPy's PCG64
    generator, which gives the same numbers in CPython and in Pyodide.
    """

    def __init__(self, sizes: Iterable[int] = DEFAULT_SIZES, seed: int = 0) -> None:
        self.sizes: tuple[int, ...] = tuple(int(n) for n in sizes)
        if len(self.sizes) < 2 or min(self.sizes) < 1:
            raise ValueError("a network needs at least two layers, each with at least one neuron")
        rng = np.random.default_rng(seed)
        self.weights: list[np.ndarray] = [
            rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)
            for n_prev, n in zip(self.sizes[:-1], self.sizes[1:])
        ]
        self.biases: list[np.ndarray] = [rng.standard_normal((n, 1)) for n in self.sizes[1:]]

    # ----------------------------------------------------------------- forward
    def forward(self, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Run a batch of inputs (one column per example) through every layer.

        Returns ``(weighted_inputs, activations)``: ``activations[0]`` is x itself and
        ``activations[l]``, ``weighted_inputs[l - 1]`` belong to layer l. Backpropagation
        needs all of them; ``feedforward`` only needs the last.
        """
        activations = [x]
        weighted_inputs = []
        for w, b in zip(self.weights, self.biases):
            z = dot(w, activations[-1]) + b
            weighted_inputs.append(z)
            activations.append(sigmoid(z))
        return weighted_inputs, activations

    def feedforward(self, x: np.ndarray) -> np.ndarray:
        """The output activations for a batch of inputs (one column per example)."""
        a = x
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(dot(w, a) + b)
        return a

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The network's guess for each column of x: the digit whose output is most active."""
        return np.argmax(self.feedforward(x), axis=0)

    def cost(self, x: np.ndarray, y: np.ndarray) -> float:
        """C: the average over the examples (columns) of C_x = ½‖a − y‖²."""
        return float(np.mean(example_costs(self.feedforward(x), y)))

    def accuracy(self, x: np.ndarray, labels: ArrayLike) -> float:
        """Fraction of the examples whose guess equals the label."""
        return float(np.mean(self.predict(x) == np.asarray(labels)))

    # ---------------------------------------------------------------- backward
    def backprop(self, x: np.ndarray, y: np.ndarray) -> tuple[Gradient, float]:
        """The gradient of the mini-batch cost C = mean of ½‖a − y‖² over its columns.

        Returns ``(gradient, cost)`` where ``gradient`` is a pair of lists
        ``(weight_gradients, bias_gradients)`` shaped like ``weights`` and ``biases``.
        The four equations of lesson 6, applied to all m columns at once:

        1. δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)
        2. δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
        3. ∂C/∂bˡ = δˡ, averaged over the mini-batch
        4. ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, averaged over the mini-batch
        """
        weighted_inputs, activations = self.forward(x)
        m = x.shape[1]
        layers = len(self.weights)
        weight_gradients: list[Any] = [None] * layers
        bias_gradients: list[Any] = [None] * layers

        delta = (activations[-1] - y) * sigmoid_prime(weighted_inputs[-1])  # equation 1
        for l in range(layers - 1, -1, -1):
            bias_gradients[l] = np.sum(delta, axis=1, keepdims=True) / m  # equation 3
            weight_gradients[l] = dot_transposed(delta, activations[l]) / m  # equation 4
            if l > 0:
                delta = dot(self.weights[l].T, delta) * sigmoid_prime(weighted_inputs[l - 1])  # equation 2

        cost = float(np.mean(example_costs(activations[-1], y)))
        return (weight_gradients, bias_gradients), cost

    def step(self, x: np.ndarray, y: np.ndarray, learning_rate: float) -> float:
        """One step of gradient descent on one mini-batch: every knob moves by −η ∂C/∂knob.

        Returns the mini-batch's cost measured before the step.
        """
        (weight_gradients, bias_gradients), cost = self.backprop(x, y)
        for w, gw in zip(self.weights, weight_gradients):
            w -= learning_rate * gw
        for b, gb in zip(self.biases, bias_gradients):
            b -= learning_rate * gb
        return cost

    # ---------------------------------------------------------------- training
    def sgd_steps(
        self,
        images: ArrayLike,
        labels: ArrayLike,
        epochs: int,
        mini_batch_size: int,
        learning_rate: float,
        seed: int = 0,
    ) -> Iterator[Step]:
        """Mini-batch stochastic gradient descent, one step at a time (a generator).

        ``images`` holds one training example per *row* (n × 784, values 0–1), as
        the data set stores them; each mini-batch is transposed into columns.
        Every epoch shuffles the training set with a generator seeded from ``seed``,
        cuts it into mini-batches of ``mini_batch_size`` (the last one may be
        smaller) and takes one step per mini-batch.

        Yields a ``Step(epoch, step, cost, end_of_epoch)`` after every step, ``cost``
        being the mini-batch's cost before the step. The caller may stop iterating
        at any time; the network keeps the weights of the last finished step.
        """
        images = np.asarray(images, dtype=float)
        labels = np.asarray(labels)
        y_all = one_hot(labels, self.sizes[-1])
        rng = np.random.default_rng(seed)
        step = 0
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(images))
            starts = range(0, len(order), mini_batch_size)
            for start in starts:
                batch = order[start : start + mini_batch_size]
                cost = self.step(images[batch].T, y_all[:, batch], learning_rate)
                step += 1
                yield Step(epoch, step, cost, start == starts[-1])

    def train(
        self,
        images: ArrayLike,
        labels: ArrayLike,
        epochs: int,
        mini_batch_size: int,
        learning_rate: float,
        seed: int = 0,
        test: DataSet | None = None,
        evaluate_training_set: bool = True,
    ) -> Iterator[dict[str, Any]]:
        """Train by ``sgd_steps``; a generator yielding one report (a dict) per epoch.

        Each report has ``epoch``, ``steps`` (so far) and, unless
        ``evaluate_training_set`` is false, ``cost`` (C over the whole training set)
        and ``train_accuracy``; with ``test=(test_images, test_labels)`` also
        ``test_cost`` and ``test_accuracy``.
        """
        for progress in self.sgd_steps(images, labels, epochs, mini_batch_size, learning_rate, seed):
            if progress.end_of_epoch:
                yield self.epoch_report(progress, (images, labels) if evaluate_training_set else None, test)

    def epoch_report(
        self, progress: Step, training: DataSet | None = None, test: DataSet | None = None
    ) -> dict[str, Any]:
        """The report ``train`` yields at the end of an epoch."""
        report: dict[str, Any] = {"epoch": progress.epoch, "steps": progress.step}
        if training is not None:
            measured = self.evaluate(*training)
            report["cost"] = measured["cost"]
            report["train_accuracy"] = measured["accuracy"]
        if test is not None:
            measured = self.evaluate(*test)
            report["test_cost"] = measured["cost"]
            report["test_accuracy"] = measured["accuracy"]
        return report

    def evaluate(self, images: ArrayLike, labels: ArrayLike) -> dict[str, float]:
        """Cost C and accuracy on a data set stored one example per row."""
        x = np.asarray(images, dtype=float).T
        output = self.feedforward(x)
        labels = np.asarray(labels)
        return {
            "cost": float(np.mean(example_costs(output, one_hot(labels, self.sizes[-1])))),
            "accuracy": float(np.mean(np.argmax(output, axis=0) == labels)),
        }

    # ----------------------------------------------------------------- storage
    def to_bytes(self) -> bytes:
        """The weights and biases as a compressed ``.npz`` (float32: 4 bytes a knob)."""
        buffer = io.BytesIO()
        arrays: dict[str, Any] = {"sizes": np.array(self.sizes, dtype=np.int32)}
        for l, (w, b) in enumerate(zip(self.weights, self.biases), start=1):
            arrays[f"weights{l}"] = w.astype(np.float32)
            arrays[f"biases{l}"] = b.astype(np.float32)
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Network:
        """A network with the layer sizes, weights and biases stored by ``to_bytes``."""
        with np.load(io.BytesIO(data)) as stored:
            sizes = tuple(int(n) for n in stored["sizes"])
            network = cls.__new__(cls)
            network.sizes = sizes
            network.weights = [stored[f"weights{l}"].astype(float) for l in range(1, len(sizes))]
            network.biases = [stored[f"biases{l}"].astype(float) for l in range(1, len(sizes))]
        return network

    def save(self, path: str | PathLike[str]) -> None:
        with open(path, "wb") as f:
            f.write(self.to_bytes())

    @classmethod
    def load(cls, path: str | PathLike[str]) -> Network:
        with open(path, "rb") as f:
            return cls.from_bytes(f.read())
