"""Lesson 1, "Look inside": one image through the network, layer by layer.

The image is a held-out digit or the reader's drawing. A drawing is first made
MNIST-like by ``pylib.drawing.fit_and_centre`` (fitted into a 20 × 20 box, centred by
its centre of mass in the 28 × 28 frame), because that is what the network was
trained on. The page then shows the 784 inputs, the 16 + 16 hidden activations, the
10 outputs and the guess.
"""

import math
from typing import Any

import numpy as np

from ..drawing import fit_and_centre
from .common import DemoError, demo
from .networks import chosen_network, held_out_image

DRAWING_SIDE = {"min": 28, "max": 280}  # the pad's resolution in pixels (it draws at 112)


def drawing_pixels(drawing):
    """The pad's pixels (a square of 0–255 ink values, row by row) as a 2-D array, 0–1."""
    if not isinstance(drawing, dict):
        raise DemoError("drawing must be an object with side and pixels")
    side = drawing.get("side")
    if (
        isinstance(side, bool)
        or not isinstance(side, int)
        or not DRAWING_SIDE["min"] <= side <= DRAWING_SIDE["max"]
    ):
        raise DemoError(
            f"drawing side must be a whole number from {DRAWING_SIDE['min']} to {DRAWING_SIDE['max']}"
        )
    pixels = drawing.get("pixels")
    if not isinstance(pixels, list) or len(pixels) != side * side:
        raise DemoError(f"drawing pixels must be a list of {side * side} numbers")
    if not all(
        isinstance(p, (int, float)) and not isinstance(p, bool) and math.isfinite(p) and 0 <= p <= 255
        for p in pixels
    ):
        raise DemoError("drawing pixels must be numbers from 0 to 255")
    return np.array(pixels, dtype=float).reshape(side, side) / 255.0


@demo
def look_inside(options):
    """Run one image through the shipped or the random network and report every layer.

    Options:
        weights: "shipped" (default), "random" or "yours" (the reader's network, 784-16-16-10)
        your_network: your network, when weights is "yours": {key, npz (base64)} (your_network.py)
        index: a held-out image, 0–999 (``LIMITS["image_index"]``), when there is no drawing
        drawing: {side, pixels}: the reader's pad, one 0–255 value a pixel (``DRAWING_SIDE``)
    Returns:
        weights: which network read it
        source: "held-out" or "drawing"
        index: the held-out image's index (held-out images only)
        label: its true digit (held-out images only)
        fitted: what fitting the drawing did (drawings only; ``pylib.drawing.fit_and_centre``)
        inputs: the 784 values, 0–1, as the network sees them
        hidden: the hidden layers' activations, one list of 16 a layer
        outputs: the ten outputs
        guess: the digit of the largest output
    """
    network, which = chosen_network(options)
    result: dict[str, Any] = {"weights": which}
    if options.get("drawing") is not None:
        image, fitted = fit_and_centre(drawing_pixels(options["drawing"]))
        image = image.reshape(-1)
        result.update(source="drawing", fitted=fitted)
    else:
        index, image, label = held_out_image(options)
        result.update(source="held-out", index=index, label=label)
    weighted_inputs, activations = network.forward(image.reshape(-1, 1))
    outputs = activations[-1][:, 0]
    result.update(
        inputs=np.round(image, 3),
        hidden=[np.round(a[:, 0], 4) for a in activations[1:-1]],
        outputs=np.round(outputs, 4),
        guess=int(np.argmax(outputs)),
    )
    return result
