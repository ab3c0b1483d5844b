"""pylib.drawing: a reader's drawing fitted and centred as MNIST digits were."""

import numpy as np
import pytest

from pylib.drawing import averaging_matrix, centre_of_mass, fit_and_centre, ink_box, resample


def test_averaging_matrix_rows_sum_to_one_and_preserve_ink():
    for n_source, n_target in [(112, 20), (7, 20), (28, 28), (3, 1)]:
        matrix = averaging_matrix(n_source, n_target)
        assert matrix.shape == (n_target, n_source)
        assert np.allclose(matrix.sum(axis=1), 1)
        # every source pixel counts equally: each spreads n_target / n_source over the target
        assert np.allclose(matrix.sum(axis=0), n_target / n_source)
    image = np.random.default_rng(1).random((40, 30))
    small = resample(image, 20, 15)
    assert small.min() >= image.min() - 1e-12 and small.max() <= image.max() + 1e-12
    assert np.isclose(small.mean(), image.mean())


def test_an_off_centre_blob_is_fitted_into_20_by_20_and_centred_by_mass():
    """A small blob drawn in a corner of the pad ends up as MNIST's digits are: its
    longer side 20 pixels, its centre of mass on pixel (14, 14) of the 28 × 28 frame."""
    pad = np.zeros((112, 112))
    pad[6:18, 80:86] = 1.0  # 12 tall, 6 wide, far up and to the right
    pad[14:18, 86:92] = 0.5  # a fainter foot, so the mass is off the box's middle
    pixels, info = fit_and_centre(pad)
    assert pixels.shape == (28, 28)
    top, bottom, left, right = ink_box(pixels, ink=0)
    assert max(bottom - top, right - left) == 20
    assert (bottom - top, right - left) == tuple(info["size"]) == (20, 20)
    row, column = centre_of_mass(pixels)
    assert abs(row - 14) <= 0.5 and abs(column - 14) <= 0.5
    assert info["centred"] and not info["empty"]
    assert info["centre_of_mass"] == pytest.approx([row, column])
    assert pixels.min() >= 0 and pixels.max() <= 1


def test_a_wide_shape_keeps_its_proportions():
    pad = np.zeros((112, 112))
    pad[50:60, 10:90] = 1.0  # 10 tall, 80 wide
    pixels, info = fit_and_centre(pad)
    assert info["size"] == [3, 20]  # 10 × 20/80 = 2.5, rounded
    top, bottom, left, right = ink_box(pixels, ink=0)
    assert (bottom - top, right - left) == (3, 20)


def test_a_tiny_dot_is_scaled_up_and_an_empty_pad_says_so():
    pad = np.zeros((112, 112))
    pad[100, 3] = 1.0
    pixels, info = fit_and_centre(pad)
    assert info["size"] == [20, 20] and pixels.sum() == pytest.approx(400)
    pixels, info = fit_and_centre(np.zeros((112, 112)))
    assert info["empty"] and not pixels.any()


def test_mass_heavy_at_one_edge_is_kept_in_the_frame_and_flagged():
    """If centring the mass would push ink out of the frame, the digit moves as far as
    it can and the page is told (it warns the reader)."""
    pad = np.zeros((112, 112))
    pad[0:40, 0:40] = 1.0  # a heavy block...
    pad[0:100, 0] = 1.0  # ...with a long thin tail below it
    pixels, info = fit_and_centre(pad)
    assert not info["centred"]
    assert pixels.sum() > 0
    top, bottom, left, right = ink_box(pixels, ink=0)
    assert bottom - top == 20 and top >= 0 and bottom <= 28


def test_held_out_mnist_digits_come_back_unchanged(session):
    """The evidence that these are MNIST's steps: applied to MNIST's own digits, which
    went through them once already, they change nothing."""
    for image in session.digits.test_images[:200]:
        fitted, info = fit_and_centre(image.reshape(28, 28))
        assert np.allclose(fitted.reshape(-1), image) and info["centred"]
