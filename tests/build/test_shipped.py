"""The data file and the shipped weights the build produced."""

import numpy as np
import pytest

from pylib import Network
from pylib.data import load_raw


def test_data_split_is_stratified(site_dir):
    raw = load_raw(site_dir / "data" / "digits.npz")
    assert raw["train_images"].shape == (4000, 784) and raw["train_images"].dtype == np.uint8
    assert raw["test_images"].shape == (1000, 784)
    assert np.bincount(raw["train_labels"], minlength=10).tolist() == [400] * 10
    assert np.bincount(raw["test_labels"], minlength=10).tolist() == [100] * 10
    # no image in both sets
    train_rows = {row.tobytes() for row in raw["train_images"]}
    assert not any(row.tobytes() in train_rows for row in raw["test_images"])
    # the file is compact: well under the 3.9 MB of raw bytes
    assert (site_dir / "data" / "digits.npz").stat().st_size < 1_000_000


def test_shipped_weights_score_what_build_stats_say(site_dir, build_stats, digits):
    network = Network.load(site_dir / "data" / "shipped-weights.npz")
    assert network.sizes == (784, 16, 16, 10)
    measured = network.evaluate(*digits.test)
    assert measured["accuracy"] == pytest.approx(build_stats["shipped"]["test_accuracy"], abs=1e-12)
    assert build_stats["shipped"]["test_correct"] == round(measured["accuracy"] * 1000)
    assert measured["accuracy"] >= 0.91  # the bar for a plain implementation


def test_source_checksum_is_enforced():
    from sitebuild import data
    from sitebuild.common import BuildError, sha256_bytes

    good = data.source_csv_gz()
    assert sha256_bytes(good) == data.SHA256
    tampered = bytearray(good)
    tampered[1000] ^= 1
    with pytest.raises(BuildError, match="sha256"):
        data.verify(bytes(tampered))
