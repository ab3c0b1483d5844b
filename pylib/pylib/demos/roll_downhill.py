"""Lesson 4, "Gradient descent: walking downhill", the *Roll downhill* demo.

A toy landscape of one or two dials (``pylib.landscapes``), a start and a learning rate
η; every step is position ← position − η × slope.
"""

import numpy as np

from ..landscapes import ESCAPE_DISTANCE, LANDSCAPES, contour_levels, descend
from .common import DemoError, check, demo

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
