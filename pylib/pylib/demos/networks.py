"""The two networks the demos of lessons 1–3 let a reader compare.

* "shipped": the network trained when the site was built (``session().shipped``).
* "random":  the same layout with the seeded random weights and biases that training
  started from, ``Network(sizes, seed=0)``, so the reader sees what the knobs are
  worth before any learning.
"""

from functools import lru_cache

from ..network import DEFAULT_SIZES, Network
from .common import DemoError, check, session

RANDOM_SEED = 0  # the seed the shipped network was trained from (sitebuild/weights.py)
CHOICES = ("shipped", "random")


@lru_cache(maxsize=1)
def random_network():
    """The untrained 784-16-16-10 network the shipped one started from."""
    return Network(DEFAULT_SIZES, seed=RANDOM_SEED)


def chosen_network(options):
    """``options["weights"]`` ("shipped" or "random") as a network, and its name."""
    which = options.get("weights", "shipped")
    if which not in CHOICES:
        raise DemoError("weights must be 'shipped' or 'random'")
    return (session().shipped if which == "shipped" else random_network()), which


def held_out_image(options):
    """``options["index"]`` as (index, pixels 0–1, label) from the 1,000 held-out images."""
    index = check("image_index", options.get("index", 0))
    digits = session().digits
    return index, digits.test_images[index], int(digits.test_labels[index])
