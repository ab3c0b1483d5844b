"""A reader's drawing, made into the kind of image the network was trained on.

MNIST's digits were not photographed as they came. Each one was scaled, keeping its
shape, so that it fits in a 20 × 20 box (its longer side exactly 20 pixels, grey
edges where a pixel is only partly covered), and then placed in the 28 × 28 frame so
that its centre of mass, the average position of its ink weighted by how dark it is,
sits at the centre of the frame. A drawing that skips those steps (small, or in a
corner) looks unlike anything the network has seen, so it guesses badly.

``fit_and_centre`` does the same to a drawing: crop to the ink, resample into the
box by averaging (each new pixel is the average of the drawing under it), then move
it by whole pixels so that its centre of mass lands on the centre of the frame.

Positions are pixel numbers counted from 0, so a 28 × 28 frame runs from row 0 to
row 27. It has no single middle pixel; MNIST's makers centred each digit's mass on
pixel (14, 14), and so do we. Given one of the held-out MNIST images, the steps give
back the same image (the unit tests check it), which is the evidence that they are
MNIST's steps.
"""

import numpy as np

FRAME = 28  # MNIST's frame is 28 × 28 pixels
BOX = 20  # and each digit fits a 20 × 20 box inside it
INK = 0.0  # a pixel with more than this much ink counts when finding the drawing's edges


def averaging_matrix(n_source, n_target):
    """The n_target × n_source matrix that resamples a row of n_source pixels to n_target.

    Target pixel i covers the stretch [i, i + 1] × (n_source / n_target) of the
    source; its value is the average of the source over that stretch, so each row of
    the matrix holds how much of each source pixel it covers and sums to 1.
    """
    width = n_source / n_target
    edges = np.arange(n_target + 1) * width
    starts = np.maximum(edges[:-1, None], np.arange(n_source)[None, :])
    ends = np.minimum(edges[1:, None], np.arange(1, n_source + 1)[None, :])
    return np.clip(ends - starts, 0.0, None) / width


def resample(image, height, width):
    """The image resampled to height × width pixels by averaging (no pixel leaves 0–1)."""
    rows = averaging_matrix(image.shape[0], height)
    columns = averaging_matrix(image.shape[1], width)
    return rows @ image @ columns.T


def centre_of_mass(image):
    """(row, column) of the image's centre of mass: the average pixel position, each
    pixel weighted by how much ink it holds."""
    total = image.sum()
    rows = np.arange(image.shape[0])
    columns = np.arange(image.shape[1])
    return float(image.sum(axis=1) @ rows / total), float(image.sum(axis=0) @ columns / total)


def ink_box(image, ink=INK):
    """The rows and columns (first, last + 1) that hold ink, or None if there is none."""
    marked = image > ink
    if not marked.any():
        return None
    rows = np.flatnonzero(marked.any(axis=1))
    columns = np.flatnonzero(marked.any(axis=0))
    return rows[0], rows[-1] + 1, columns[0], columns[-1] + 1


def fit_and_centre(image, frame=FRAME, box=BOX, ink=INK):
    """A drawing (2-D, values 0–1, any size) as an MNIST-style frame × frame image.

    Returns ``(pixels, info)``: ``pixels`` is frame × frame, and ``info`` says what was
    done: ``empty`` (no ink found: all zeros), ``size`` (the digit's height and width
    after scaling, the longer one equal to ``box``), ``offset`` (its top-left corner in
    the frame), ``centre_of_mass`` (row, column in the frame) and ``centred`` (false
    only if centring would have pushed ink out of the frame, so it was moved less).
    """
    image = np.asarray(image, dtype=float)
    pixels = np.zeros((frame, frame))
    found = ink_box(image, ink)
    if found is None:
        return pixels, {"empty": True, "centred": False}
    top, bottom, left, right = found
    drawn = image[top:bottom, left:right]
    height, width = drawn.shape
    scale = box / max(height, width)
    new_height = max(1, min(box, int(np.floor(height * scale + 0.5))))
    new_width = max(1, min(box, int(np.floor(width * scale + 0.5))))
    digit = np.clip(resample(drawn, new_height, new_width), 0.0, 1.0)

    # Move it by whole pixels so its centre of mass is as near pixel (14, 14) as can be.
    row, column = centre_of_mass(digit)
    wanted_top = int(np.floor(frame / 2 - row + 0.5))
    wanted_left = int(np.floor(frame / 2 - column + 0.5))
    offset_top = min(max(wanted_top, 0), frame - new_height)
    offset_left = min(max(wanted_left, 0), frame - new_width)
    pixels[offset_top : offset_top + new_height, offset_left : offset_left + new_width] = digit
    return pixels, {
        "empty": False,
        "size": [new_height, new_width],
        "offset": [offset_top, offset_left],
        "centre_of_mass": [offset_top + row, offset_left + column],
        "centred": (offset_top, offset_left) == (wanted_top, wanted_left),
    }
