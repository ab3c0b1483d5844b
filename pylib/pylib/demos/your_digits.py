"""The reader's own handwriting: digits drawn in Look inside and kept with a label.

The page keeps each as the 784 inputs the network read (the drawing already fitted and
centred like MNIST's, ``pylib.drawing``), one byte a pixel, and sends them in base64.
Here they are scored by the shipped network and by the reader's own (a confusion matrix
and the ones each misreads), and can join the Train demo's training images.
"""

import base64
import binascii

import numpy as np

from ..network import Network
from .common import DemoError, check, demo, session
from .your_network import your_network

MAX_DIGITS = 500  # the page keeps at most this many (docs/assets/js/your-network/store.js)


def your_digits(given):
    """A list of {pixels: base64 of 784 bytes, label: 0–9} as (images m × 784 in 0–1, labels)."""
    if not isinstance(given, list) or len(given) > MAX_DIGITS:
        raise DemoError(f"your digits must be a list of at most {MAX_DIGITS}")
    images, labels = np.zeros((len(given), 784)), np.zeros(len(given), dtype=np.intp)
    for i, item in enumerate(given):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("pixels"), str)
            or len(item["pixels"]) > 1100
        ):
            raise DemoError("each of your digits must have its 784 pixels")
        try:
            pixels = base64.b64decode(item["pixels"], validate=True)
        except (binascii.Error, ValueError):
            raise DemoError("a digit's pixels did not arrive as base64") from None
        if len(pixels) != 784:
            raise DemoError("each of your digits must have 784 pixels")
        images[i] = np.frombuffer(pixels, dtype=np.uint8) / 255.0
        labels[i] = check("digit", item.get("label"))
    return images, labels


def with_your_digits(images, labels, options):
    """The training images and labels, with the reader's digits added when asked for."""
    if not options.get("your_digits"):
        return images, labels
    mine, their_labels = your_digits(options["your_digits"])
    return np.concatenate([images, mine]), np.concatenate([labels, their_labels])


def score(network: Network, images, labels):
    outputs = network.feedforward(images.T)
    guesses = np.argmax(outputs, axis=0)
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (labels, guesses), 1)
    return {
        "guesses": guesses,
        "confidence": np.round(outputs[guesses, np.arange(len(labels))], 4),
        "right": int(np.sum(guesses == labels)),
        "confusion": confusion,
    }


@demo
def score_your_digits(options):
    """Your digits read by the shipped network and, when ``weights`` is "yours", by yours.

    Options:
        digits: your digits, a list of {pixels: base64 of 784 bytes, label: 0–9}
        weights: "yours" to score them with your network too (optional)
        your_network: your network, when weights is "yours" ({key, npz})
    Returns:
        count: how many digits
        shipped: the shipped network's guesses, confidence (the output behind each guess),
            right (how many) and confusion (row: the label you gave, column: the guess)
        yours: the same for your network, when weights is "yours"
    """
    images, labels = your_digits(options.get("digits"))
    result = {"count": len(labels), "shipped": score(session().shipped, images, labels)}
    if options.get("weights") == "yours":
        result["yours"] = score(your_network(options), images, labels)
    return result
