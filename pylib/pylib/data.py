"""The digit images: a compact file of MNIST digits, split into training and held-out sets.

The file is a compressed ``.npz`` holding uint8 pixels (0–255, one image per row of
784) and uint8 labels for the two sets. ``load_digits`` scales pixels to 0–1, the
inputs the network reads.

The images are 5,000 of the MNIST training digits by Yann LeCun, Corinna Cortes and
Christopher J.C. Burges (CC BY-SA 3.0), 500 of each digit, split 4,000 / 1,000.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from os import PathLike
from typing import IO, TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # numpy.typing is left out of the NumPy the site serves (sitebuild/numpy_wheel.py)
    from numpy.typing import ArrayLike

Source = str | PathLike[str] | IO[bytes]  # a path or an open binary file


@dataclass
class Digits:
    """Training and held-out ("test") images, one per row, pixels scaled to 0–1."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray

    @property
    def training(self) -> tuple[np.ndarray, np.ndarray]:
        return self.train_images, self.train_labels

    @property
    def test(self) -> tuple[np.ndarray, np.ndarray]:
        return self.test_images, self.test_labels


def split_stratified(
    pixels: np.ndarray, labels: np.ndarray, test_per_class: int, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split by digit, not by row order: ``test_per_class`` images of each digit go to
    the test set, the rest to the training set; both sets are then shuffled.

    Returns ``(train_pixels, train_labels, test_pixels, test_labels)``.
    """
    rng = np.random.default_rng(seed)
    train_parts: list[np.ndarray] = []
    test_parts: list[np.ndarray] = []
    for digit in np.unique(labels):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        test_parts.append(rows[:test_per_class])
        train_parts.append(rows[test_per_class:])
    train_rows = rng.permutation(np.concatenate(train_parts))
    test_rows = rng.permutation(np.concatenate(test_parts))
    return pixels[train_rows], labels[train_rows], pixels[test_rows], labels[test_rows]


def write_digits(
    path: Source,
    train_pixels: ArrayLike,
    train_labels: ArrayLike,
    test_pixels: ArrayLike,
    test_labels: ArrayLike,
) -> None:
    """Store the split as uint8 in a compressed ``.npz``."""
    np.savez_compressed(
        path,
        train_images=np.asarray(train_pixels, dtype=np.uint8),
        train_labels=np.asarray(train_labels, dtype=np.uint8),
        test_images=np.asarray(test_pixels, dtype=np.uint8),
        test_labels=np.asarray(test_labels, dtype=np.uint8),
    )


def load_raw(source: Source | bytes | bytearray | memoryview) -> dict[str, np.ndarray]:
    """The stored uint8 arrays, from a path or the file's bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    with np.load(source) as stored:
        return {name: stored[name] for name in stored.files}


def load_digits(source: Source | bytes | bytearray | memoryview) -> Digits:
    """The digits from a path or the file's bytes, pixels scaled to 0–1."""
    raw = load_raw(source)
    return Digits(
        train_images=raw["train_images"] / 255.0,
        train_labels=raw["train_labels"].astype(np.intp),
        test_images=raw["test_images"] / 255.0,
        test_labels=raw["test_labels"].astype(np.intp),
    )
