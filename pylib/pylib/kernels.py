"""The matrix products the network spends its time in, and which NumPy routine runs them.

Every choice of matrix routine is made here. Everything in the network is ordinary
NumPy except these products:

* ``dot(w, a)``             W a, used by the forward pass (and by δ going backwards)
* ``dot_transposed(d, a)``  δ aᵀ, the weight gradient of equation 4
* ``row_products()``        the same products for examples as rows, written into
                            buffers (``pylib.training``, the Train demo's code)

Natively NumPy hands ``@`` to an optimised BLAS library, which is the fastest way.
NumPy inside Pyodide has no BLAS: there ``@`` falls back to a plain loop, and
``np.einsum`` runs the same products about twice as fast (measured in the browser,
see ``make bench``). Both compute exactly the same sums; the unit tests check that
the gradients agree.
"""

import sys
from collections.abc import Callable

import numpy as np

try:  # einsum without its Python-level argument parsing (saves ~2 µs a call in Pyodide)
    from numpy._core._multiarray_umath import c_einsum as _einsum  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other NumPy layouts
    _einsum = np.einsum

IN_BROWSER = sys.platform == "emscripten"


def _matmul_dot(w: np.ndarray, a: np.ndarray) -> np.ndarray:
    return w @ a


def _matmul_dot_transposed(d: np.ndarray, a: np.ndarray) -> np.ndarray:
    return d @ a.T


# Without BLAS, einsum is fastest when both operands run contiguously along the summed
# index. A mini-batch is gathered as rows (m × 784) and handed to the network as its
# transpose, a column view of the same memory, so these sum over the rows' memory.


def _einsum_dot(w: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.einsum("mk,jk->mj", a.T, w).T


def _einsum_dot_transposed(d: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.einsum("mj,mk->jk", d.T, a.T)


KERNELS = {
    "matmul": (_matmul_dot, _matmul_dot_transposed),
    "einsum": (_einsum_dot, _einsum_dot_transposed),
}

kernel = "einsum" if IN_BROWSER else "matmul"


def dot(w: np.ndarray, a: np.ndarray) -> np.ndarray:
    """W a: each row of w (a neuron's incoming weights) times each column of a."""
    return KERNELS[kernel][0](w, a)


def dot_transposed(d: np.ndarray, a: np.ndarray) -> np.ndarray:
    """δ aᵀ: summed over the mini-batch's columns, one entry per weight."""
    return KERNELS[kernel][1](d, a)


Product = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def row_products() -> tuple[Product, Product, Product]:
    """(a Wᵀ, δᵀ a, δ W) for row-major a and δ, each written into an ``out=`` buffer.

    In the browser (no BLAS) einsum over contiguous rows is fastest; natively the BLAS
    behind ``np.matmul`` is.
    """
    if kernel == "einsum":
        return (
            lambda a, w, out: _einsum("mk,jk->mj", a, w, out=out),
            lambda d, a, out: _einsum("mj,mk->jk", d, a, out=out),
            lambda d, w, out: _einsum("mj,jk->mk", d, w, out=out),
        )
    return (
        lambda a, w, out: np.matmul(a, w.T, out=out),
        lambda d, a, out: np.matmul(d.T, a, out=out),
        lambda d, w, out: np.matmul(d, w, out=out),
    )
