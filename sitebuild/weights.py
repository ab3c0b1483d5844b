"""The shipped weights: the digit network trained at build time from a fixed seed.

Trains ``Network((784, 16, 16, 10), seed=SEED)`` on the 4,000 training images and
measures it on the 1,000 held-out ones. The results go to the build stats, which the
pages quote: no accuracy on the site is typed by hand.
"""

from pathlib import Path
from typing import Any

from .common import CACHE, GENERATED, TRAINING_CODE, cached_stats, fingerprint, record_stats, write_if_changed

SIZES = (784, 16, 16, 10)
SEED = 0
LEARNING_RATE = 3.0
MINI_BATCH_SIZE = 10
EPOCHS = 60
OUTPUT = GENERATED / "data" / "shipped-weights.npz"
RECORD = CACHE / "shipped-weights.json"


def build(data_path: Path) -> dict[str, Any]:
    from pylib import Network, count_parameters, load_digits

    config = {
        "sizes": SIZES,
        "seed": SEED,
        "learning_rate": LEARNING_RATE,
        "mini_batch_size": MINI_BATCH_SIZE,
        "epochs": EPOCHS,
    }
    key = fingerprint(*TRAINING_CODE, data_path, config)
    cached = cached_stats(RECORD, key, OUTPUT)
    if cached is not None:
        return cached

    digits = load_digits(data_path)
    network = Network(SIZES, seed=SEED)
    random_training = network.evaluate(*digits.training)
    random_test = network.evaluate(*digits.test)
    curve = []
    for report in network.train(
        *digits.training,
        epochs=EPOCHS,
        mini_batch_size=MINI_BATCH_SIZE,
        learning_rate=LEARNING_RATE,
        seed=SEED,
        test=digits.test,
    ):
        curve.append({k: round(v, 5) if isinstance(v, float) else v for k, v in report.items()})

    # Ship what the reader gets: the float32 file, measured after loading it back.
    data = network.to_bytes()
    shipped = Network.from_bytes(data)
    training = shipped.evaluate(*digits.training)
    test = shipped.evaluate(*digits.test)
    weights, biases = count_parameters(SIZES)
    stats = {
        "training": config,
        "parameters": weights + biases,
        "weights": weights,
        "biases": biases,
        "train_images": len(digits.train_labels),
        "test_images": len(digits.test_labels),
        "test_accuracy": test["accuracy"],
        "test_correct": round(test["accuracy"] * len(digits.test_labels)),
        "test_cost": test["cost"],
        "train_accuracy": training["accuracy"],
        "train_cost": training["cost"],
        "random_train_cost": random_training["cost"],
        "random_train_accuracy": random_training["accuracy"],
        "random_test_accuracy": random_test["accuracy"],
        "curve": curve,
        "weights_file_bytes": len(data),
    }
    write_if_changed(OUTPUT, data)
    record_stats(RECORD, key, stats)
    return stats
