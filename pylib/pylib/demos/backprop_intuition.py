"""Lesson 5, "Backpropagation, the intuition".

*What does this image want?*: for one held-out image, each output's desire (which way
and how strongly the cost wants it to move), the three levers that can move it, and
the desires passed back to the hidden layers.
*Full batch vs mini-batch*: full-batch gradient descent and mini-batch stochastic
gradient descent on a toy landscape (``pylib.landscapes.LineFit``), with the same
budget of examples.
"""

import numpy as np

from ..landscapes import LineFit, contour_levels, escaped
from ..network import one_hot, sigmoid_prime
from .common import DemoError, check, demo, session
from .networks import partly_trained_network
from .your_network import your_network

# ------------------------------------------------------------------ what does this image want?

def desires(network, x, y):
    """Every neuron's desire for one image (a column x with target y), output layer first.

    An output neuron's desire is (y − a)·σ′(z): its sign says whether the cost wants
    the activation up or down, its size how much the cost would fall per unit rise of
    the neuron's weighted input. It is −δ of lesson 6. A hidden neuron's desire sums
    what the next layer wants of it, each desire weighted by the weight that carries
    its activation there (Σⱼ wⱼₖ · desireⱼ, the "pull"), times its own slope σ′(z).

    Returns ``(weighted_inputs, activations, desire_by_layer, pull_by_layer)``; the
    last two are lists over layers 1..L (``pull`` is None for the output layer).
    """
    weighted_inputs, activations = network.forward(x)
    layers = len(network.weights)
    desire = [None] * layers
    pull = [None] * layers
    desire[-1] = (y - activations[-1]) * sigmoid_prime(weighted_inputs[-1])
    for l in range(layers - 2, -1, -1):
        pull[l] = network.weights[l + 1].T @ desire[l + 1]
        desire[l] = pull[l] * sigmoid_prime(weighted_inputs[l])
    return weighted_inputs, activations, desire, pull


@demo
def image_wants(options):
    """One held-out image through a network, with every neuron's desire and the levers
    of each neuron in the last two layers.

    Options: ``index`` (a held-out image, 0–999) and ``network`` ("shipped" or
    "partly": see ``partly_trained_network``). For each layer l = 1, 2, 3 the answer
    lists the activations, the desires and, for l = 2, 3, the levers of each of its
    neurons j: ``bias`` (the nudge its bias wants: its desire), ``weights`` (the nudge
    each incoming weight wants: desire × the activation it carries) and
    ``activations`` (the nudge each activation of layer l − 1 would want: desire ×
    weight). The weight levers are −∂Cₓ/∂w and the bias levers −∂Cₓ/∂b.
    """
    index = check("image_index", options.get("index", 0))
    which = options.get("network", "shipped")
    if which == "shipped":
        network = session().shipped
    elif which == "partly":
        network = partly_trained_network()
    elif which == "yours":
        network = your_network(options)
    else:
        raise DemoError("network must be 'shipped' or 'partly'")

    digits = session().digits
    image = digits.test_images[index]
    label = int(digits.test_labels[index])
    x = image.reshape(-1, 1)
    y = one_hot([label], network.sizes[-1])
    weighted_inputs, activations, desire, pull = desires(network, x, y)

    layers = []
    for l in range(len(network.weights)):
        d = desire[l][:, 0]
        layer = {
            "layer": l + 1,
            "activations": activations[l + 1][:, 0],
            "weighted_inputs": weighted_inputs[l][:, 0],
            "slopes": sigmoid_prime(weighted_inputs[l][:, 0]),
            "desires": d,
            "pull": None if pull[l] is None else pull[l][:, 0],
        }
        if l > 0:  # levers of this layer's neurons, in terms of the hidden layer before it
            a_prev = activations[l][:, 0]
            w = network.weights[l]
            layer["levers"] = {"bias": d, "weights": d[:, None] * a_prev[None, :],
                               "activations": d[:, None] * w, "incoming_weights": w}
        layers.append(layer)
    outputs = activations[-1][:, 0]
    return {
        "index": index, "label": label, "network": which,
        "pixels": np.round(image, 3),
        "outputs": outputs,
        "targets": y[:, 0],
        "guess": int(np.argmax(outputs)),
        "cost": float(0.5 * np.sum((outputs - y[:, 0]) ** 2)),
        "layers": layers,
    }


# ------------------------------------------------------------------ full batch vs mini-batch

LINE_FIT = LineFit()
VIEW = ((-4.0, 4.0), (-4.0, 4.0))  # (w range, b range) the page draws
GRID_POINTS = 81


@demo
def minibatch_landscape(options):
    """The toy of the demo: N points to fit a line to, and the full-batch cost C(w, b)
    over the view as a grid of heights with contour levels, plus its lowest point."""
    fit = LINE_FIT
    (w_low, w_high), (b_low, b_high) = VIEW
    ws = np.linspace(w_low, w_high, GRID_POINTS)
    bs = np.linspace(b_low, b_high, GRID_POINTS)
    w_grid, b_grid = np.meshgrid(ws, bs)  # [row = b index, column = w index]
    heights = fit.cost(w_grid, b_grid)
    return {
        "points": {"x": np.round(fit.x, 4), "y": np.round(fit.y, 4)},
        "examples": fit.n,
        "view": VIEW,
        "grid": {"x": np.round(ws, 5), "y": np.round(bs, 5), "height": np.round(heights, 5),
                 "levels": np.round(contour_levels(heights), 5)},
        "best": {"position": fit.best, "cost": float(fit.cost(*fit.best))},
    }


def _report(path, seen):
    path = np.array(path)
    finite = np.all(np.isfinite(path), axis=1)
    costs = np.full(len(path), np.nan)
    with np.errstate(over="ignore", invalid="ignore"):
        costs[finite] = LINE_FIT.cost(path[finite, 0], path[finite, 1])
    return {
        "path": np.round(path, 5),
        "seen": seen,
        "costs": costs,
        "steps": len(path) - 1,
        "diverged": bool(escaped(path[-1])),
        "cost": float(costs[-1]),
    }


@demo
def minibatch_paths(options):
    """Full-batch gradient descent beside mini-batch SGD with the same budget.

    Options: ``start`` ([w, b]), ``learning_rate`` η, ``mini_batch_size`` m (1 to N),
    ``epochs`` (the budget: both paths look at N × epochs examples) and ``seed``
    (the mini-batches' shuffle). Full batch takes one step per epoch; mini-batch
    takes ⌈N/m⌉ per epoch. Each path comes with the full-batch cost C at every point
    (what the contour lines show) and the examples looked at so far.
    """
    start = options.get("start")
    if not isinstance(start, list) or len(start) != 2:
        raise DemoError("start must give two numbers, w and b")
    start = [check("start_position", value) for value in start]
    learning_rate = check("learning_rate", options.get("learning_rate"))
    mini_batch_size = check("toy_mini_batch_size", options.get("mini_batch_size"))
    epochs = check("toy_epochs", options.get("epochs"))
    seed = check("seed", options.get("seed", 0))
    fit = LINE_FIT
    if mini_batch_size > fit.n:
        raise DemoError(f"mini_batch_size must be at most the {fit.n} examples")

    full = fit.full_batch(start, learning_rate, epochs)
    mini, seen = fit.mini_batches(start, learning_rate, mini_batch_size, epochs, seed)
    return {
        "examples": fit.n, "budget": fit.n * epochs, "epochs": epochs,
        "mini_batch_size": mini_batch_size, "learning_rate": learning_rate,
        "full": _report(full, [fit.n * i for i in range(len(full))]),
        "mini": _report(mini, seen),
        "best": {"position": fit.best, "cost": float(fit.cost(*fit.best))},
    }
