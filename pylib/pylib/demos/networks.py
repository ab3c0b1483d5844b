"""The networks the demos let a reader compare.

* "shipped": the network trained when the site was built (``session().shipped``).
* "random":  the same layout with the seeded random weights and biases that training
  started from, ``Network(sizes, seed=0)``, so the reader sees what the knobs are
  worth before any learning.
* "partly":  the same network after one epoch of training from that start
  (``partly_trained_network``): it reads most digits, with far less confidence.
"""

from functools import lru_cache
from typing import Any

from ..network import DEFAULT_SIZES, Network
from .common import DemoError, check, session
from .your_network import your_network

RANDOM_SEED = 0  # the seed the shipped network was trained from (sitebuild/weights.py)
CHOICES = ("shipped", "random")
# The "partly trained" network: seed 0 after one epoch (400 steps of m = 10, η = 3).
PARTLY_TRAINED: dict[str, Any] = {"seed": 0, "epochs": 1, "mini_batch_size": 10, "learning_rate": 3.0}
_partly: dict[str, Any] = {}


@lru_cache(maxsize=1)
def random_network():
    """The untrained 784-16-16-10 network the shipped one started from."""
    return Network(DEFAULT_SIZES, seed=RANDOM_SEED)


def partly_trained_network():
    """The digit network after one epoch of training from seed 0: it reads most digits,
    but with far less confidence than the shipped one, so its outputs want more."""
    s = session()
    if _partly.get("session") is not s:
        network = Network(s.shipped.sizes, seed=PARTLY_TRAINED["seed"])
        for _ in network.sgd_steps(
            *s.digits.training,
            PARTLY_TRAINED["epochs"],
            PARTLY_TRAINED["mini_batch_size"],
            PARTLY_TRAINED["learning_rate"],
            seed=PARTLY_TRAINED["seed"],
        ):
            pass
        _partly.update(session=s, network=network)
    return _partly["network"]


def chosen_network(options):
    """``options["weights"]`` ("shipped", "random" or "yours") as a network, and its name."""
    which = options.get("weights", "shipped")
    if which == "yours":
        return your_network(options), which
    if which not in CHOICES:
        raise DemoError("weights must be 'shipped' or 'random'")
    return (session().shipped if which == "shipped" else random_network()), which


def held_out_image(options):
    """``options["index"]`` as (index, pixels 0–1, label) from the 1,000 held-out images."""
    index = check("image_index", options.get("index", 0))
    digits = session().digits
    return index, digits.test_images[index], int(digits.test_labels[index])
