"""Lesson 4, "Gradient descent: walking downhill".

*Roll downhill*: a toy landscape of one or two dials (``pylib.landscapes``), a start
and a learning rate η; every step is position ← position − η × slope.
*Biggest nudges*: the real network's gradient on one mini-batch, its ten largest
components, and the mini-batch's cost before and after one step.
"""

import numpy as np

from ..landscapes import ESCAPE_DISTANCE, LANDSCAPES, contour_levels, descend
from ..network import Network, one_hot
from .common import DemoError, check, demo, session
from .networks import partly_trained_network
from .your_network import your_network

# How many steps one request may take (the page's Run asks for at most this many).
MAX_STEPS = 500
# Points along a one-dial curve, and per side of a two-dial grid, for drawing.
CURVE_POINTS = 401
GRID_POINTS = 81


def _landscape(options):
    name = options.get("landscape")
    if name not in LANDSCAPES:
        raise DemoError(f"landscape must be one of {', '.join(sorted(LANDSCAPES))}")
    return LANDSCAPES[name]


def _minimum_report(landscape, index):
    floor = np.asarray(landscape.minima[index], dtype=float)
    return {"index": index, "position": floor, "height": float(landscape.height(floor)),
            "lowest": index == 0, "valleys": len(landscape.minima)}


@demo
def downhill_landscape(options):
    """A landscape to draw: its formula, the view, the valley floors and the heights,
    along a curve (one dial) or over a grid with contour levels (two dials)."""
    landscape = _landscape(options)
    result = {
        "name": landscape.name, "title": landscape.title, "formula": landscape.formula,
        "dims": landscape.dims, "view": landscape.view,
        "minima": [_minimum_report(landscape, i) for i in range(len(landscape.minima))],
    }
    if landscape.dims == 1:
        result["height_view"] = landscape.height_view
        (low, high), = landscape.view
        xs = np.linspace(low, high, CURVE_POINTS)
        result["curve"] = {"x": np.round(xs, 5), "height": np.round(landscape.height(xs[:, None]), 5)}
    else:
        (x_low, x_high), (y_low, y_high) = landscape.view
        xs = np.linspace(x_low, x_high, GRID_POINTS)
        ys = np.linspace(y_low, y_high, GRID_POINTS)
        grid = np.stack(np.meshgrid(xs, ys), axis=-1)  # grid[row = y index, column = x index]
        heights = landscape.height(grid)
        result["grid"] = {"x": np.round(xs, 5), "y": np.round(ys, 5), "height": np.round(heights, 5),
                          "levels": np.round(contour_levels(heights), 5)}
    return result


@demo
def downhill_descend(options):
    """Up to ``steps`` steps of gradient descent on a toy landscape.

    Options: ``landscape``, ``start`` (one number per dial, within the picture),
    ``learning_rate`` and ``steps`` (0 measures the start only). To go on from where
    an earlier answer stopped, send its last position as ``continue_from`` instead
    of ``start``: that may lie off the picture, but not farther than a descent may
    run before it counts as diverged. Returns the path (position, height and
    gradient at every point, the start first), why it stopped (``outcome``: settled,
    diverged, bouncing or moving), for each step whether it reversed direction
    (jumped across the valley), for one dial the factor x changed by at each step,
    and, once settled, which valley floor it reached.
    """
    landscape = _landscape(options)
    going_on = "continue_from" in options
    start = options.get("continue_from" if going_on else "start")
    if not isinstance(start, list) or len(start) != landscape.dims:
        raise DemoError(f"start must give {landscape.dims} number{'s' if landscape.dims > 1 else ''}")
    if going_on:
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= ESCAPE_DISTANCE for v in start):
            raise DemoError("the descent has run away: start again from a point on the picture")
        start = [float(v) for v in start]
    else:
        start = [check("start_position", value) for value in start]
    learning_rate = check("learning_rate", options.get("learning_rate"))
    steps = options.get("steps", 1)
    if isinstance(steps, bool) or not isinstance(steps, int) or not 0 <= steps <= MAX_STEPS:
        raise DemoError(f"steps must be a whole number from 0 to {MAX_STEPS}")

    path, outcome = descend(landscape, start, learning_rate, steps)
    moves = [b["position"] - a["position"] for a, b in zip(path, path[1:])]
    reversed_ = [False] + [bool(np.dot(m1, m0) < 0) for m0, m1 in zip(moves, moves[1:])]
    result = {
        "landscape": landscape.name,
        "learning_rate": learning_rate,
        "outcome": outcome,
        "points": [{"position": p["position"], "height": p["height"], "gradient": p["gradient"]} for p in path],
        "reversed": reversed_[:len(moves)],
    }
    if landscape.dims == 1:
        result["factors"] = [float(b["position"][0] / a["position"][0]) if a["position"][0] != 0 else None
                             for a, b in zip(path, path[1:])]
    if outcome == "settled":
        result["minimum"] = _minimum_report(landscape, landscape.nearest_minimum(path[-1]["position"]))
    return result


# ------------------------------------------------------------------ biggest nudges

TOP = 10


_training_costs = {}


def _network(options):
    """The shipped network, the partly trained one, or a seeded random one (never
    modified here), and a key that names it (for remembering its cost on the training
    images)."""
    which = options.get("weights", "shipped")
    if which == "shipped":
        return session().shipped, ("shipped", id(session()))
    if which == "partly":
        return partly_trained_network(), ("partly", id(session()))
    if which == "yours":
        return your_network(options), ("yours", options["your_network"]["key"])
    if which == "random":
        seed = check("seed", options.get("weights_seed", 0))
        return Network(session().shipped.sizes, seed=seed), ("random", seed)
    raise DemoError("weights must be 'shipped', 'partly' or 'random'")


def _training_cost(network, key):
    """C over all the training images; the same network always gives the same number,
    so it is measured once (a pass over 4,000 images is the slowest part of a request)."""
    if key not in _training_costs:
        if len(_training_costs) > 64:
            _training_costs.clear()
        _training_costs[key] = network.evaluate(*session().digits.training)["cost"]
    return _training_costs[key]


def parameter_table(network):
    """Every parameter's place, in the order ``flatten`` lists them: for each layer l
    (1, 2, 3) its weights row by row (w_jk: to neuron j from neuron k of layer l − 1),
    then its biases. Returns arrays (layer, is_bias, j, k), k = −1 for a bias."""
    layers, biases, js, ks = [], [], [], []
    for l, w in enumerate(network.weights, start=1):
        rows, cols = w.shape
        j, k = np.divmod(np.arange(rows * cols), cols)
        layers.append(np.full(rows * cols + rows, l))
        biases.append(np.r_[np.zeros(rows * cols, bool), np.ones(rows, bool)])
        js.append(np.r_[j, np.arange(rows)])
        ks.append(np.r_[k, np.full(rows, -1)])
    return np.concatenate(layers), np.concatenate(biases), np.concatenate(js), np.concatenate(ks)


def flatten(weights, biases):
    """All weights and biases (or their gradients) as one vector, layer by layer."""
    return np.concatenate([np.r_[w.ravel(), b.ravel()] for w, b in zip(weights, biases)])


@demo
def biggest_nudges(options):
    """The gradient of one mini-batch's cost, its ten largest components, and one step.

    Options: ``weights`` ("shipped", "partly" or "random", with ``weights_seed``),
    ``batch_seed`` (which training images make the mini-batch), ``mini_batch_size``
    m and ``learning_rate`` η. The mini-batch is m training images drawn without
    replacement by a generator seeded with ``batch_seed``. One step moves all 13,002
    knobs by −η ∂C/∂knob (on a copy: the shipped network is never changed).
    """
    network, key = _network(options)
    batch_seed = check("seed", options.get("batch_seed", 0))
    mini_batch_size = check("mini_batch_size", options.get("mini_batch_size", 10))
    learning_rate = check("learning_rate", options.get("learning_rate"))

    digits = session().digits
    training = digits.training
    rng = np.random.default_rng(batch_seed)
    batch = rng.choice(len(digits.train_labels), size=mini_batch_size, replace=False)
    x = digits.train_images[batch].T
    labels = digits.train_labels[batch]
    y = one_hot(labels, network.sizes[-1])

    (weight_gradients, bias_gradients), cost_before = network.backprop(x, y)
    gradient = flatten(weight_gradients, bias_gradients)
    values = flatten(network.weights, network.biases)

    stepped = Network.__new__(Network)
    stepped.sizes = network.sizes
    stepped.weights = [w - learning_rate * gw for w, gw in zip(network.weights, weight_gradients)]
    stepped.biases = [b - learning_rate * gb for b, gb in zip(network.biases, bias_gradients)]
    cost_after = stepped.cost(x, y)

    sizes = np.abs(gradient)
    top = np.argsort(-sizes, kind="stable")[:TOP]
    layer, is_bias, j, k = parameter_table(network)
    nudges = [{
        "layer": int(layer[i]), "kind": "bias" if is_bias[i] else "weight", "j": int(j[i]), "k": int(k[i]),
        "gradient": float(gradient[i]), "value": float(values[i]),
        "new_value": float(values[i] - learning_rate * gradient[i]),
    } for i in top]

    return {
        "weights": options.get("weights", "shipped"),
        "mini_batch_size": mini_batch_size,
        "learning_rate": learning_rate,
        "labels": labels,
        "images": np.round(digits.train_images[batch[:TOP]], 3),
        "parameters": int(gradient.size),
        "training_images": int(len(training[1])),
        "nudges": nudges,
        "zero_components": int(np.count_nonzero(gradient == 0)),
        "blank_pixel_weights": int(network.sizes[1] * np.count_nonzero(~x.any(axis=1))),
        "above_tenth": int(np.count_nonzero(sizes >= 0.1 * sizes[top[0]])) if sizes[top[0]] > 0 else 0,
        "gradient_length": float(np.linalg.norm(gradient)),
        "cost_before": cost_before,
        "cost_after": cost_after,
        "training_cost_before": _training_cost(network, key),
        "training_cost_after": stepped.evaluate(*training)["cost"],
    }
