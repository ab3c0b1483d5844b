"""Fast mini-batch gradient descent: the same steps as ``Network.sgd_steps``, arranged for speed.

``network.py`` is written to read like the lessons' maths. This module takes exactly
the same steps (the same shuffles, mini-batches, gradients and updates; the tests check
that the weights agree to rounding error) but arranges the arithmetic so each step
makes as few NumPy calls as possible, which is what costs time in the browser:

* examples are **rows**, so a mini-batch is one gather from the training set;
* each layer's bias is folded into its weight matrix as one extra column, fed by an
  activation that is always 1, so one product gives W a + b and one gives both
  gradients;
* the first layer keeps only the input pixels that are non-zero somewhere in the
  training set (about 660 of 784): the others always contribute 0 to the forward
  pass and their weights always get a zero gradient, so leaving them out is exact;
* every intermediate array is allocated once and reused (``out=`` arguments);
* the output error δᴸ is multiplied by η/m once: every δ behind it is a linear
  function of δᴸ, so each layer's δ [a_prev; 1]ᵀ is then already the step to take;
* σ(z) is computed as ½ + ½ tanh(z/2), the same function, which never overflows.

The three matrix products go through ``_products``, the one place that knows which
NumPy routine is fastest where (see ``kernels.py``).
"""

import numpy as np

from . import kernels
from .network import Step, one_hot

try:  # einsum without its Python-level argument parsing (saves ~2 µs a call in Pyodide)
    from numpy._core._multiarray_umath import c_einsum as _einsum
except ImportError:  # pragma: no cover - other NumPy layouts
    _einsum = np.einsum


def _products():
    """(a Wᵀ, δᵀ a, δ W) for row-major a and δ, with ``out=`` buffers.

    In the browser (no BLAS) einsum over contiguous rows is fastest; natively the BLAS
    behind ``np.matmul`` is.
    """
    if kernels.kernel == "einsum":
        return (lambda a, w, out: _einsum("mk,jk->mj", a, w, out=out),
                lambda d, a, out: _einsum("mj,mk->jk", d, a, out=out),
                lambda d, w, out: _einsum("mj,jk->mk", d, w, out=out))
    return (lambda a, w, out: np.matmul(a, w.T, out=out),
            lambda d, a, out: np.matmul(d.T, a, out=out),
            lambda d, w, out: np.matmul(d, w, out=out))


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
        self.dtype = dtype
        self.mini_batch_size = int(mini_batch_size)
        self.learning_rate = float(learning_rate)
        images = np.asarray(images, dtype=float)
        self.active = np.flatnonzero(np.any(images != 0, axis=0))
        n = len(images)
        # inputs: the active pixels plus a constant 1 that feeds the bias
        self.x = np.ones((n, self.active.size + 1), dtype=dtype)
        self.x[:, :-1] = images[:, self.active]
        self.y = np.ascontiguousarray(one_hot(labels, network.sizes[-1]).T, dtype=dtype)
        # each layer's [W | b]; the first layer's W restricted to the active inputs
        self.wb = []
        for l, (w, b) in enumerate(zip(network.weights, network.biases)):
            w = w[:, self.active] if l == 0 else w
            self.wb.append(np.ascontiguousarray(np.hstack([w, b]), dtype=dtype))
        self._buffers = {}
        self._times_wt, self._dt_times, self._times_w = _products()

    def _buffers_for(self, m):
        """Arrays for a mini-batch of m rows, made once per size."""
        if m not in self._buffers:
            sizes = [w.shape[0] for w in self.wb]
            dt = self.dtype
            acts = [np.empty((m, self.x.shape[1]), dt)]
            for n_out in sizes[:-1]:
                acts.append(np.ones((m, n_out + 1), dt))  # the last column stays 1: the bias input
            acts.append(np.empty((m, sizes[-1]), dt))
            self._buffers[m] = {
                "y": np.empty((m, sizes[-1]), dt),
                "acts": acts,
                "z": [np.empty((m, n_out), dt) for n_out in sizes],
                "delta": [np.empty((m, n_out), dt) for n_out in sizes],
                "slope": [np.empty((m, n_out), dt) for n_out in sizes],
                "gradient": [np.empty_like(w) for w in self.wb],
            }
        return self._buffers[m]

    def step(self, batch):
        """One gradient-descent step on the rows ``batch`` of the training set."""
        times_wt, dt_times, times_w = self._times_wt, self._dt_times, self._times_w
        m = len(batch)
        buf = self._buffers_for(m)
        acts, z, delta, slope, gradient = buf["acts"], buf["z"], buf["delta"], buf["slope"], buf["gradient"]
        np.take(self.x, batch, axis=0, out=acts[0])
        np.take(self.y, batch, axis=0, out=buf["y"])
        layers = len(self.wb)
        # forward pass: a = σ([W | b] [a_prev; 1])
        for l in range(layers):
            times_wt(acts[l], self.wb[l], z[l])
            out = acts[l + 1] if l == layers - 1 else acts[l + 1][:, :-1]
            _squish(z[l], out)
        # output error δᴸ = (a − y) ⊙ σ′(z), with σ′(z) = a(1 − a), times η/m
        a = acts[-1]
        np.subtract(a, buf["y"], out=delta[-1])
        np.subtract(1.0, a, out=slope[-1])
        slope[-1] *= a
        delta[-1] *= slope[-1]
        delta[-1] *= self.dtype(self.learning_rate / m)
        for l in range(layers - 1, -1, -1):
            dt_times(delta[l], acts[l], gradient[l])  # (η/m) Σ δ [a_prev; 1]ᵀ: the step
            if l > 0:  # δ one layer back, through the weights before they move
                n_prev = self.wb[l - 1].shape[0]
                times_w(delta[l], self.wb[l][:, :n_prev], delta[l - 1])
                a_prev = acts[l][:, :-1]
                np.subtract(1.0, a_prev, out=slope[l - 1])
                slope[l - 1] *= a_prev
                delta[l - 1] *= slope[l - 1]
            self.wb[l] -= gradient[l]

    def sync(self):
        """Copy the trained weights and biases back into the network."""
        for l, wb in enumerate(self.wb):
            if l == 0:
                self.network.weights[0][:, self.active] = wb[:, :-1]
            else:
                self.network.weights[l][...] = wb[:, :-1]
            self.network.biases[l][...] = wb[:, -1:]

    def steps(self, epochs, seed=0):
        """Yield ``Step(epoch, step, None, end_of_epoch)`` after each step, like
        ``Network.sgd_steps`` (same seed, same shuffles), without the mini-batch cost."""
        rng = np.random.default_rng(seed)
        n = len(self.x)
        step = 0
        try:
            for epoch in range(1, epochs + 1):
                order = rng.permutation(n)
                starts = range(0, n, self.mini_batch_size)
                for start in starts:
                    self.step(order[start:start + self.mini_batch_size])
                    step += 1
                    last = start == starts[-1]
                    if last:
                        self.sync()
                    yield Step(epoch, step, None, last)
        finally:
            self.sync()
