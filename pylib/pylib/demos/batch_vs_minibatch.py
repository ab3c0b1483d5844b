"""Lesson 5, "Backpropagation, the intuition", the *Full batch vs mini-batch* demo.

Full-batch gradient descent and mini-batch stochastic gradient descent on a toy
landscape (``pylib.landscapes.LineFit``), with the same budget of examples.
"""

import numpy as np

from ..landscapes import LineFit, contour_levels, escaped
from .common import DemoError, check, demo

LINE_FIT = LineFit()
VIEW = ((-4.0, 4.0), (-4.0, 4.0))  # (w range, b range) the page draws
GRID_POINTS = 81


@demo
def minibatch_landscape(options):
    """The toy of the demo: N points to fit a line to, and the full-batch cost C(w, b)
    over the view as a grid of heights with contour levels, plus its lowest point.

    Options:
        (none)
    Returns:
        points: {x, y}, the N examples
        examples: N
        view: the (w, b) ranges the page draws
        grid: {x, y, height, levels}: C over the view and the contour levels
        best: {position, cost}: the lowest point
    """
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
        "grid": {
            "x": np.round(ws, 5),
            "y": np.round(bs, 5),
            "height": np.round(heights, 5),
            "levels": np.round(contour_levels(heights), 5),
        },
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

    Full batch takes one step per epoch; mini-batch takes ⌈N/m⌉ per epoch. Each path comes
    with the full-batch cost C at every point (what the contour lines show) and the
    examples looked at so far.

    Options:
        start: [w, b] (``LIMITS["start_position"]`` each)
        learning_rate: η (``LIMITS["learning_rate"]``)
        mini_batch_size: m, 1 to N (``LIMITS["toy_mini_batch_size"]``)
        epochs: the budget: both paths look at N × epochs examples (``LIMITS["toy_epochs"]``)
        seed: the mini-batches' shuffle (``LIMITS["seed"]``); default 0
    Returns:
        examples: N
        budget: N × epochs
        epochs: as checked
        mini_batch_size: m
        learning_rate: η
        full: the full-batch path: path, seen, costs, steps, diverged, cost (its last)
        mini: the mini-batch path, the same
        best: {position, cost}: the lowest point
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
        "examples": fit.n,
        "budget": fit.n * epochs,
        "epochs": epochs,
        "mini_batch_size": mini_batch_size,
        "learning_rate": learning_rate,
        "full": _report(full, [fit.n * i for i in range(len(full))]),
        "mini": _report(mini, seen),
        "best": {"position": fit.best, "cost": float(fit.cost(*fit.best))},
    }
