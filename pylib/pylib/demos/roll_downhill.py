"""Lesson 4, "Gradient descent: walking downhill", the *Roll downhill* demo.

A toy landscape of one or two dials (``pylib.landscapes``), a start and a learning rate
η; every step is position ← position − η × slope.
"""

from typing import Any

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
    return {
        "index": index,
        "position": floor,
        "height": float(landscape.height(floor)),
        "lowest": index == 0,
        "valleys": len(landscape.minima),
    }


@demo
def downhill_landscape(options):
    """A landscape to draw: its formula, the view, the valley floors and the heights,
    along a curve (one dial) or over a grid with contour levels (two dials).

    Options:
        landscape: the name of one of ``pylib.landscapes.LANDSCAPES``
    Returns:
        name: the landscape's name
        title: its title
        formula: its formula, as the page writes it
        dims: how many dials (1 or 2)
        view: the range of each dial the page draws
        minima: each valley floor: index, position, height, lowest (the deepest one), valleys (how many)
        height_view: the range of heights the page draws (one dial only)
        curve: {x, height} along the dial (one dial only)
        grid: {x, y, height, levels}: heights over the view and the contour levels (two dials only)
    """
    landscape = _landscape(options)
    result: dict[str, Any] = {
        "name": landscape.name,
        "title": landscape.title,
        "formula": landscape.formula,
        "dims": landscape.dims,
        "view": landscape.view,
        "minima": [_minimum_report(landscape, i) for i in range(len(landscape.minima))],
    }
    if landscape.dims == 1:
        result["height_view"] = landscape.height_view
        ((low, high),) = landscape.view
        xs = np.linspace(low, high, CURVE_POINTS)
        result["curve"] = {"x": np.round(xs, 5), "height": np.round(landscape.height(xs[:, None]), 5)}
    else:
        (x_low, x_high), (y_low, y_high) = landscape.view
        xs = np.linspace(x_low, x_high, GRID_POINTS)
        ys = np.linspace(y_low, y_high, GRID_POINTS)
        grid = np.stack(np.meshgrid(xs, ys), axis=-1)  # grid[row = y index, column = x index]
        heights = landscape.height(grid)
        result["grid"] = {
            "x": np.round(xs, 5),
            "y": np.round(ys, 5),
            "height": np.round(heights, 5),
            "levels": np.round(contour_levels(heights), 5),
        }
    return result


@demo
def downhill_descend(options):
    """Up to ``steps`` steps of gradient descent on a toy landscape: position ← position − η × slope.

    To go on from where an earlier answer stopped, send its last position as
    ``continue_from`` instead of ``start``: that may lie off the picture, but not farther
    than a descent may run before it counts as diverged.

    Options:
        landscape: the name of one of ``pylib.landscapes.LANDSCAPES``
        start: one number per dial, within the picture (``LIMITS["start_position"]``)
        continue_from: instead of ``start``, the last position of an earlier answer
        learning_rate: η (``LIMITS["learning_rate"]``)
        steps: how many steps, 0 (measure the start only) to ``MAX_STEPS``; default 1
    Returns:
        landscape: the landscape's name
        learning_rate: η, as checked
        outcome: why it stopped: "settled", "diverged", "bouncing" or "moving"
        points: the path, the start first: position, height and gradient at every point
        reversed: for each step, whether it reversed direction (jumped across the valley)
        factors: for one dial, the factor x changed by at each step
        minimum: once settled, the valley floor it reached (as in ``downhill_landscape``)
    """
    landscape = _landscape(options)
    going_on = "continue_from" in options
    start = options.get("continue_from" if going_on else "start")
    if not isinstance(start, list) or len(start) != landscape.dims:
        raise DemoError(f"start must give {landscape.dims} number{'s' if landscape.dims > 1 else ''}")
    if going_on:
        if not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= ESCAPE_DISTANCE
            for v in start
        ):
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
    result: dict[str, Any] = {
        "landscape": landscape.name,
        "learning_rate": learning_rate,
        "outcome": outcome,
        "points": [
            {"position": p["position"], "height": p["height"], "gradient": p["gradient"]} for p in path
        ],
        "reversed": reversed_[: len(moves)],
    }
    if landscape.dims == 1:
        result["factors"] = [
            float(b["position"][0] / a["position"][0]) if a["position"][0] != 0 else None
            for a, b in zip(path, path[1:])
        ]
    if outcome == "settled":
        result["minimum"] = _minimum_report(landscape, landscape.nearest_minimum(path[-1]["position"]))
    return result
