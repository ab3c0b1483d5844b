"""Lesson 3, "Score a guess": one image's cost, term by term, and the average cost C."""

import numpy as np

from ..network import example_costs, one_hot
from .common import demo, session
from .networks import chosen_network, held_out_image, random_network


@demo
def score_guess(options):
    """Cₓ = ½ Σⱼ (aⱼ − yⱼ)² for one held-out image, with every term shown.

    Options:
        index: a held-out image, 0–999 (``LIMITS["image_index"]``)
        weights: "shipped" (default), "random" or "yours" (the reader's network)
        your_network: your network, when weights is "yours": {key, npz (base64)} (your_network.py)
    Returns:
        index: the image's index
        weights: which network scored it
        label: its true digit
        pixels: its 784 pixels
        outputs: the ten outputs aⱼ
        target: the one-hot target yⱼ
        difference: each aⱼ − yⱼ
        square: each (aⱼ − yⱼ)²
        sum: their sum
        cost: Cₓ, half the sum (pylib's ``example_costs``)
        guess: the digit of the largest output
    """
    network, which = chosen_network(options)
    index, image, label = held_out_image(options)
    outputs = network.feedforward(image.reshape(-1, 1))
    target = one_hot([label])
    difference = outputs - target
    return {
        "index": index,
        "weights": which,
        "label": label,
        "pixels": np.round(image, 3),
        "outputs": outputs[:, 0],
        "target": target[:, 0],
        "difference": difference[:, 0],
        "square": (difference**2)[:, 0],
        "sum": float(np.sum(difference**2)),
        "cost": float(example_costs(outputs, target)[0]),
        "guess": int(np.argmax(outputs)),
    }


@demo
def score_guess_average(options):
    """C, the average of Cₓ over all the training images, for the random and the shipped network.

    Also each network's accuracy on them, because a lower cost and more right answers
    usually, but not always, go together.

    Options:
        (none)
    Returns:
        images: how many training images were averaged over
        random: {cost, accuracy} of the seeded random network (``Network.evaluate``)
        shipped: {cost, accuracy} of the shipped network
    """
    digits = session().digits
    results = {}
    for name, network in (("random", random_network()), ("shipped", session().shipped)):
        results[name] = network.evaluate(*digits.training)
    return {"images": len(digits.train_labels), **results}
