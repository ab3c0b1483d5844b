"""Lesson 7, "Train the digit network": train from seeded random weights with the
reader's hyper-parameters, streaming a report per epoch; then look at held-out images,
and at the ones the trained network misreads."""

import base64
import time

import numpy as np

from ..network import Network
from ..training import FastSGD
from .common import DemoError, check, demo, session
from .your_digits import with_your_digits


def network_options(options):
    """Layer sizes and seed from a reader's options (hidden sizes default to 16, 16)."""
    hidden = options.get("hidden_sizes", [16, 16])
    if not isinstance(hidden, list):
        raise DemoError("hidden_sizes must be a list of layer sizes")
    check("hidden_layers", len(hidden))
    sizes = (784, *(check("hidden_size", n) for n in hidden), 10)
    return sizes, check("seed", options.get("seed", 0))


@demo
def train(options):
    """Train a fresh network from seeded random weights; a generator.

    The steps are ``Network.sgd_steps``'s, taken by ``FastSGD``.

    Options:
        learning_rate: η (``LIMITS["learning_rate"]``)
        mini_batch_size: m (``LIMITS["mini_batch_size"]``), at most ``train_size``
        epochs: (``LIMITS["epochs"]``)
        hidden_sizes: the hidden layers' sizes, default [16, 16]
            (``LIMITS["hidden_layers"]`` layers of ``LIMITS["hidden_size"]``)
        seed: the starting weights' and the shuffles' seed (``LIMITS["seed"]``); default 0
        train_size: how many training images to use (``LIMITS["train_size"]``); default 4,000
        your_digits: the reader's own digits to train on as well (optional; as
            ``score_your_digits`` takes them)
    Yields:
        None every few steps: a moment for the page to ask it to stop
        kind: "step" about every tenth of a second within an epoch, "epoch" after each epoch
        epoch: which epoch
        epochs: how many in all
        step_in_epoch: the step within the epoch ("step" reports)
        steps_per_epoch: ⌈train_size / m⌉ ("step" reports)
        steps: the steps taken so far ("epoch" reports)
        cost: the cost on the training images used ("epoch" reports)
        train_accuracy: the accuracy on them ("epoch" reports)
        test_cost: the cost on the 1,000 held-out images ("epoch" reports)
        test_accuracy: the accuracy on them ("epoch" reports)
        seconds: the seconds spent training so far ("epoch" reports)
    """
    sizes, seed = network_options(options)
    learning_rate = check("learning_rate", options.get("learning_rate"))
    mini_batch_size = check("mini_batch_size", options.get("mini_batch_size"))
    epochs = check("epochs", options.get("epochs"))
    train_size = check("train_size", options.get("train_size", 4000))
    if mini_batch_size > train_size:
        raise DemoError("mini_batch_size must be at most the number of training images")

    digits = session().digits
    images, labels = digits.train_images[:train_size], digits.train_labels[:train_size]
    images, labels = with_your_digits(images, labels, options)  # the reader's own, when asked for
    network = Network(sizes, seed=seed)
    session().trained = network
    trainer = FastSGD(network, images, labels, mini_batch_size, learning_rate)
    steps_per_epoch = -(-len(labels) // mini_batch_size)
    started = last_report = time.perf_counter()
    training_seconds = 0.0
    for progress in trainer.steps(epochs, seed):
        if not progress.end_of_epoch:
            now = time.perf_counter()
            if now - last_report > 0.1 or progress.step == 1:
                last_report = now
                yield {
                    "kind": "step",
                    "epoch": progress.epoch,
                    "epochs": epochs,
                    "step_in_epoch": progress.step - (progress.epoch - 1) * steps_per_epoch,
                    "steps_per_epoch": steps_per_epoch,
                }
            elif progress.step % 8 == 0:
                yield None
            continue
        training_seconds += time.perf_counter() - started
        report = network.epoch_report(progress, (images, labels), digits.test)
        report.update(kind="epoch", epochs=epochs, seconds=round(training_seconds, 4))
        yield report
        started = last_report = time.perf_counter()


@demo
def inspect(options):
    """One held-out image through a network: its pixels, the ten outputs and the guess.

    Options:
        index: a held-out image, 0–999 (``LIMITS["image_index"]``)
        network: "trained" (default: the Train demo's, or the shipped one if nothing was
            trained yet) or "shipped"
    Returns:
        index: the image's index
        label: its true digit
        pixels: its 784 pixels
        outputs: the ten outputs
        guess: the digit of the largest output
        network: which network read it ("trained" or "shipped")
    """
    index = check("image_index", options.get("index", 0))
    which = options.get("network", "trained")
    if which not in ("trained", "shipped"):
        raise DemoError("network must be 'trained' or 'shipped'")
    s = session()
    network = s.trained if which == "trained" and s.trained is not None else s.shipped
    image = s.digits.test_images[index]
    outputs = network.feedforward(image.reshape(-1, 1))[:, 0]
    return {
        "index": index,
        "label": int(s.digits.test_labels[index]),
        "pixels": np.round(image, 4),
        "outputs": np.round(outputs, 5),
        "guess": int(np.argmax(outputs)),
        "network": "trained" if network is s.trained else "shipped",
    }


MISREAD_PAGE = 40  # thumbnails per request; the page asks for more with "Show more"


def thumbnail(image):
    """A 28×28 image as 784 bytes (0–255) in base64: about a quarter of the JSON of a list."""
    return base64.b64encode(np.round(np.asarray(image) * 255).astype(np.uint8).tobytes()).decode("ascii")


@demo
def misread(options):
    """The held-out images the trained network gets wrong, with its guesses.

    One page of them (``MISREAD_PAGE`` from ``offset``), in held-out order, optionally
    only those of one true digit.

    Options:
        offset: where the page starts among the misread images (``LIMITS["image_index"]``)
        digit: only the misread images of this true digit (``LIMITS["digit"]``; optional)
    Returns:
        network: which network ("trained", or "shipped" if nothing was trained yet)
        total: how many held-out images it misreads
        test_images: how many held-out images there are
        by_digit: how many it misreads of each true digit
        digit: the digit asked for, or None
        matching: how many misread images match the digit asked for
        offset: as checked
        items: the page: index, label, guess and pixels (784 bytes in base64) of each
    """
    offset = check("image_index", options.get("offset", 0))
    digit = options.get("digit")
    if digit is not None:
        digit = check("digit", digit)
    s = session()
    network = s.trained if s.trained is not None else s.shipped
    images, labels = s.digits.test
    guesses = network.predict(np.asarray(images, dtype=float).T)
    wrong = np.flatnonzero(guesses != labels)
    by_digit = np.bincount(labels[wrong], minlength=10)
    shown = wrong if digit is None else wrong[labels[wrong] == digit]
    page = shown[offset : offset + MISREAD_PAGE]
    return {
        "network": "trained" if network is s.trained else "shipped",
        "total": int(wrong.size),
        "test_images": int(labels.size),
        "by_digit": by_digit,
        "digit": digit,
        "matching": int(shown.size),
        "offset": offset,
        "items": [
            {
                "index": int(i),
                "label": int(labels[i]),
                "guess": int(guesses[i]),
                "pixels": thumbnail(images[i]),
            }
            for i in page
        ],
    }
