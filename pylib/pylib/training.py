"""Fast mini-batch gradient descent: the same steps as ``Network.sgd_steps``, arranged for speed.

``network.py`` is written to read like the lessons' maths. This module takes exactly
the same steps (the same shuffles, mini-batches, gradients and updates; the tests check
that the weights agree to rounding error) but arranges the arithmetic so each step
makes as few NumPy calls as possible, which is what costs time in the browser, where
each call costs about a microsecond and NumPy has no BLAS:

* examples are **rows**, and the training images and their one-hot targets sit side by
  side in one array, so a mini-batch is a single gather;
* the first layer keeps only the input pixels that are non-zero somewhere in the
  training set (about 660 of 784): the others always contribute 0 to the forward pass
  and their weights always get a zero gradient, so leaving them out is exact;
* the first layer's bias is folded into its weight matrix as one extra column, fed by
  an input that is always 1 (one product gives W x + b, and one gives both gradients);
* every intermediate array is allocated once and reused (``out=`` arguments);
* the output error δᴸ is multiplied by η/m once: every δ behind it is a linear
  function of δᴸ, so each layer's δ aᵀ is then already the step to take;
* σ(z) is computed as ½ + ½ tanh(z/2), the same function, which never overflows.

``dtype=np.float32`` halves the memory the two big products read and stays within
float32 rounding of the float64 result. Measured in the browser it is no faster per
warm epoch and slower on the first (``make bench``), so the Train demo keeps float64,
which takes exactly the lesson code's steps.

The three matrix products come from ``kernels.row_products``, where every choice of
NumPy routine is made.
"""

import numpy as np

from . import kernels
from .network import Step, one_hot


def _squish(z, out):
    """σ(z) = ½ + ½ tanh(z/2), written into ``out``."""
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5


class FastSGD:
    """Trains ``network`` in place on one training set; ``steps`` mirrors ``Network.sgd_steps``.

    The network's own ``weights`` and ``biases`` are brought up to date at the end of
    every epoch and whenever the caller stops iterating (``sync``).
    """

    def __init__(self, network, images, labels, mini_batch_size, learning_rate, dtype=np.float64):
        self.network = network
        self.mini_batch_size = int(mini_batch_size)
        self.learning_rate = float(learning_rate)
        self.dtype = np.dtype(dtype).type
        images = np.asarray(images, dtype=float)
        self.active = np.flatnonzero(np.any(images != 0, axis=0))
        inputs = self.active.size + 1  # the active pixels and the constant 1 of the bias
        # each row: the active pixels, a 1, then the one-hot target
        self.rows = np.ones((len(images), inputs + network.sizes[-1]), dtype=self.dtype)
        self.rows[:, : inputs - 1] = images[:, self.active]
        self.rows[:, inputs:] = one_hot(labels, network.sizes[-1]).T
        self.inputs = inputs
        # layer 1 as [W | b] on the active pixels; the other layers' W and b as they are
        # (C order matters: einsum without BLAS runs fastest along contiguous rows)
        first = np.hstack([network.weights[0][:, self.active], network.biases[0]])
        self.weights = [np.ascontiguousarray(first, dtype=self.dtype)]
        self.weights += [np.ascontiguousarray(w, dtype=self.dtype) for w in network.weights[1:]]
        self.biases = [None] + [b[:, 0].astype(self.dtype) for b in network.biases[1:]]
        self._buffers = {}
        self._times_wt, self._dt_times, self._times_w = kernels.row_products()

    def _buffers_for(self, m):
        """Arrays for a mini-batch of m rows, made once per size."""
        if m not in self._buffers:
            dt, sizes = self.dtype, [w.shape[0] for w in self.weights]
            self._buffers[m] = {
                "rows": np.empty((m, self.rows.shape[1]), dt),
                "activations": [None] + [np.empty((m, n), dt) for n in sizes],
                "weighted_inputs": [np.empty((m, n), dt) for n in sizes],
                "delta": [np.empty((m, n), dt) for n in sizes],
                "slope": [np.empty((m, n), dt) for n in sizes],
                "weight_steps": [np.empty_like(w) for w in self.weights],
                "bias_steps": [None] + [np.empty(n, dt) for n in sizes[1:]],
            }
        return self._buffers[m]

    def step(self, batch):
        """One gradient-descent step on the rows ``batch`` of the training set."""
        times_wt, dt_times, times_w = self._times_wt, self._dt_times, self._times_w
        weights, biases = self.weights, self.biases
        m = len(batch)
        buf = self._buffers_for(m)
        a, z, delta, slope = buf["activations"], buf["weighted_inputs"], buf["delta"], buf["slope"]
        np.take(self.rows, batch, axis=0, out=buf["rows"])
        x, y = buf["rows"][:, : self.inputs], buf["rows"][:, self.inputs :]
        a[0] = x
        last = len(weights) - 1
        # forward pass: a = σ(W a_prev + b)
        for l in range(last + 1):
            times_wt(a[l], weights[l], z[l])
            if l > 0:
                z[l] += biases[l]
            _squish(z[l], a[l + 1])
        # output error δᴸ = (a − y) ⊙ σ′(z), with σ′(z) = a(1 − a), times η/m
        out = a[-1]
        np.subtract(out, y, out=delta[last])
        np.subtract(1.0, out, out=slope[last])
        slope[last] *= out
        delta[last] *= slope[last]
        delta[last] *= self.dtype(self.learning_rate / m)
        for l in range(last, -1, -1):
            dt_times(delta[l], a[l], buf["weight_steps"][l])  # (η/m) Σ δ a_prevᵀ: the step
            if l > 0:
                np.sum(delta[l], axis=0, out=buf["bias_steps"][l])
                # δ one layer back, through the weights before they move
                times_w(delta[l], weights[l], delta[l - 1])
                np.subtract(1.0, a[l], out=slope[l - 1])
                slope[l - 1] *= a[l]
                delta[l - 1] *= slope[l - 1]
                biases[l] -= buf["bias_steps"][l]
            weights[l] -= buf["weight_steps"][l]

    def sync(self):
        """Copy the trained weights and biases back into the network."""
        first = self.weights[0]
        self.network.weights[0][:, self.active] = first[:, :-1]
        self.network.biases[0][:, 0] = first[:, -1]
        for l in range(1, len(self.weights)):
            self.network.weights[l][...] = self.weights[l]
            self.network.biases[l][:, 0] = self.biases[l]

    def steps(self, epochs, seed=0):
        """Yield ``Step(epoch, step, None, end_of_epoch)`` after each step, like
        ``Network.sgd_steps`` (same seed, same shuffles), without the mini-batch cost."""
        rng = np.random.default_rng(seed)
        n = len(self.rows)
        step = 0
        try:
            for epoch in range(1, epochs + 1):
                order = rng.permutation(n)
                starts = range(0, n, self.mini_batch_size)
                for start in starts:
                    self.step(order[start : start + self.mini_batch_size])
                    step += 1
                    last = start == starts[-1]
                    if last:
                        self.sync()
                    yield Step(epoch, step, None, last)
        finally:
            self.sync()
