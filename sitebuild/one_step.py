"""The example of lesson 8's "One step, slowed down": a training 7 that a partly trained
network calls a 1.

Trains the default network (784-16-16-10, the shipped weights' seed, η and mini-batch
size) and looks at it every ``CHECK_EVERY`` steps. The first checkpoint where the
network reads at least ``MIN_ACCURACY`` of the held-out digits (partly trained: it has
learned something) and calls some training 7 a 1 wins; of those 7s, the one it calls a
1 most confidently. (A training image, because the demo takes a training step on it:
held-out images never take part in a step, they only measure what it did.) The network
at that checkpoint and the image's index in the training set go to
``data/one-step.npz``; what one step on that image does, and what an ordinary
mini-batch step with it does, go to the build stats (``stats.one_step``), computed by
the same code the page runs.

No such checkpoint within ``MAX_EPOCHS`` fails the build: the lesson needs its 7.
"""

from pathlib import Path
from typing import Any

import numpy as np

from . import weights
from .common import (
    CACHE,
    GENERATED,
    PYLIB,
    TRAINING_CODE,
    BuildError,
    cached_stats,
    fingerprint,
    record_stats,
    write_if_changed,
)

LABEL, GUESS = 7, 1
SIZES = weights.SIZES
SEED = weights.SEED
LEARNING_RATE = weights.LEARNING_RATE
MINI_BATCH_SIZE = weights.MINI_BATCH_SIZE
CHECK_EVERY = 50
MIN_ACCURACY = 0.5
MAX_EPOCHS = 3
OUTPUT = GENERATED / "data" / "one-step.npz"
RECORD = CACHE / "one-step.json"


def find_example(
    digits,
    label=LABEL,
    guess=GUESS,
    seed=SEED,
    check_every=CHECK_EVERY,
    min_accuracy=MIN_ACCURACY,
    max_epochs=MAX_EPOCHS,
):
    """Train until a checkpoint's network calls a training ``label`` a ``guess``.

    Returns ``(network, image_index, steps, test_accuracy)``, the index in the training
    set; raises BuildError if no checkpoint within ``max_epochs`` has one.
    """
    from pylib import Network

    network = Network(SIZES, seed=seed)
    x = digits.test_images.T
    candidates = np.flatnonzero(digits.train_labels == label)
    candidate_images = digits.train_images[candidates].T
    images, labels = digits.training
    for progress in network.sgd_steps(
        images,
        labels,
        epochs=max_epochs,
        mini_batch_size=MINI_BATCH_SIZE,
        learning_rate=LEARNING_RATE,
        seed=seed,
    ):
        if progress.step % check_every:
            continue
        # Check what the page will load: the float32 copy of this checkpoint.
        stored = Network.from_bytes(network.to_bytes())
        accuracy = float(np.mean(stored.predict(x) == digits.test_labels))
        if accuracy < min_accuracy:
            continue
        outputs = stored.feedforward(candidate_images)
        called = np.argmax(outputs, axis=0) == guess
        if called.any():
            best = np.flatnonzero(called)[np.argmax(outputs[guess, called])]
            return stored, int(candidates[best]), progress.step, accuracy
    raise BuildError(
        f"one_step: no checkpoint (every {check_every} steps, {max_epochs} epochs, seed {seed}) where "
        f"the network reads at least {min_accuracy:.0%} of the held-out digits and calls a training "
        f"{label} a {guess}. Lesson 8's demo needs one: change SEED, CHECK_EVERY or MIN_ACCURACY "
        f"in sitebuild/one_step.py."
    )


def build(data_path: Path) -> dict[str, Any]:
    """Write ``data/one-step.npz`` (cached); return the stats for ``stats.one_step``."""
    from pylib import load_digits
    from pylib.demos.one_step import example_bytes, load_example, run

    config = {
        "sizes": SIZES,
        "seed": SEED,
        "learning_rate": LEARNING_RATE,
        "mini_batch_size": MINI_BATCH_SIZE,
        "check_every": CHECK_EVERY,
        "min_accuracy": MIN_ACCURACY,
        "max_epochs": MAX_EPOCHS,
        "label": LABEL,
        "guess": GUESS,
    }
    key = fingerprint(*TRAINING_CODE, PYLIB / "demos" / "one_step.py", data_path, config)
    cached = cached_stats(RECORD, key, OUTPUT)
    if cached is not None:
        return cached

    digits = load_digits(data_path)
    network, index, steps, accuracy = find_example(digits)
    data = example_bytes(
        network,
        image_index=index,
        label=LABEL,
        guess=GUESS,
        learning_rate=LEARNING_RATE,
        steps=steps,
        seed=SEED,
        mini_batch_size=MINI_BATCH_SIZE,
    )
    network, meta = load_example(data)
    step = run(network, meta, digits)
    before, after, batch = step["before"], step["after"], step["mini_batch"]
    stats = {
        "image_index": index,
        "image_set": "training",
        "label": LABEL,
        "guess": before["guess"],
        "steps": steps,
        "images_seen": steps * MINI_BATCH_SIZE,
        "epochs": steps * MINI_BATCH_SIZE / len(digits.train_labels),
        "seed": SEED,
        "training_learning_rate": LEARNING_RATE,
        "learning_rate": step["learning_rate"],  # the step's: this image's share, η/m
        "mini_batch_size": MINI_BATCH_SIZE,
        "test_accuracy": accuracy,
        "cost_before": before["cost"],
        "cost_after": after["cost"],
        "output_label_before": float(before["outputs"][LABEL]),
        "output_label_after": float(after["outputs"][LABEL]),
        "output_guess_before": float(before["outputs"][GUESS]),
        "output_guess_after": float(after["outputs"][GUESS]),
        "guess_after": after["guess"],
        "test_accuracy_after": after["test_accuracy"],
        "held_out_now_right": step["held_out"]["now_right"],
        "held_out_now_wrong": step["held_out"]["now_wrong"],
        "held_out_changed": step["held_out"]["changed"],
        # the ordinary training step: this 7 and m − 1 other training images, at the training's η
        "mini_batch_test_accuracy_after": batch["test_accuracy_after"],
        "mini_batch_now_right": batch["now_right"],
        "mini_batch_now_wrong": batch["now_wrong"],
        "mini_batch_output_label_after": batch["output_label_after"],
        "moved": step["moved"],
        "knobs": step["knobs"],
        "file_bytes": len(data),
    }
    if before["guess"] != GUESS or abs(before["test_accuracy"] - accuracy) > 1e-12:
        raise BuildError(f"one_step: the stored network does not reproduce its checkpoint ({stats})")
    write_if_changed(OUTPUT, data)
    record_stats(RECORD, key, stats)
    return stats
