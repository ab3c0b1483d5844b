"""pylib.landscapes: the toy landscapes of lessons 4 and 5, their exact gradients (checked
against finite differences) and the facts the lessons quote about them."""

import numpy as np
import pytest

from pylib.landscapes import ESCAPE_DISTANCE, LANDSCAPES, LineFit, contour_levels, descend

H = 1e-6


def numerical_gradient(height, position):
    """Central differences (f(p + h eᵢ) − f(p − h eᵢ)) / 2h, one dial at a time."""
    position = np.asarray(position, dtype=float)
    gradient = np.zeros_like(position)
    for i in range(position.size):
        step = np.zeros_like(position)
        step[i] = H
        gradient[i] = (height(position + step) - height(position - step)) / (2 * H)
    return gradient


@pytest.mark.parametrize("name", sorted(LANDSCAPES))
def test_gradients_match_finite_differences(name):
    landscape = LANDSCAPES[name]
    rng = np.random.default_rng(7)
    for _ in range(25):
        position = rng.uniform(-4, 4, landscape.dims)
        exact = landscape.gradient(position)
        assert exact.shape == (landscape.dims,)
        assert exact == pytest.approx(numerical_gradient(landscape.height, position), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("name", sorted(LANDSCAPES))
def test_heights_and_gradients_work_on_grids(name):
    landscape = LANDSCAPES[name]
    grid = np.random.default_rng(0).uniform(-4, 4, (5, 3, landscape.dims))
    heights = landscape.height(grid)
    gradients = landscape.gradient(grid)
    assert heights.shape == (5, 3) and gradients.shape == (5, 3, landscape.dims)
    assert heights[2, 1] == landscape.height(grid[2, 1])
    assert np.array_equal(gradients[4, 2], landscape.gradient(grid[4, 2]))


@pytest.mark.parametrize("name", sorted(LANDSCAPES))
def test_minima_are_flat_and_curve_up_lowest_first(name):
    landscape = LANDSCAPES[name]
    heights = [float(landscape.height(m)) for m in landscape.minima]
    assert heights == sorted(heights)
    for floor in landscape.minima:
        floor = np.asarray(floor, dtype=float)
        assert np.abs(landscape.gradient(floor)).max() < 1e-12
        for direction in np.eye(landscape.dims):
            assert landscape.height(floor + 0.01 * direction) > landscape.height(floor)
            assert landscape.height(floor - 0.01 * direction) > landscape.height(floor)


def test_two_valleys_has_a_lower_valley_left_and_a_higher_one_right():
    landscape = LANDSCAPES["two-valleys"]
    assert len(landscape.minima) == 2
    (lower,), (higher,) = landscape.minima
    assert lower == pytest.approx(-2.0879, abs=1e-4) and higher == pytest.approx(1.8987, abs=1e-4)
    # only downhill: from the right it stays in the higher valley, from the left it finds the lower
    path, outcome = descend(landscape, [3.0], 0.1, 200)
    assert outcome == "settled" and path[-1]["position"][0] == pytest.approx(higher, abs=1e-3)
    assert landscape.nearest_minimum(path[-1]["position"]) == 1
    path, outcome = descend(landscape, [-3.0], 0.1, 200)
    assert outcome == "settled" and landscape.nearest_minimum(path[-1]["position"]) == 0


def test_bowl_facts_of_lesson_4():
    """x² from 3: each step multiplies x by 1 − 2η."""
    bowl = LANDSCAPES["bowl"]
    path, outcome = descend(bowl, [3.0], 0.1, 5)
    xs = [p["position"][0] for p in path]
    assert xs[:4] == pytest.approx([3.0, 2.4, 1.92, 1.536])
    assert all(b / a == pytest.approx(0.8) for a, b in zip(xs, xs[1:]))
    path, outcome = descend(bowl, [3.0], 0.1, 500)
    assert outcome == "settled" and abs(path[-1]["position"][0]) < 1e-4

    path, outcome = descend(bowl, [3.0], 1.0, 100)
    assert outcome == "bouncing"
    assert [p["position"][0] for p in path] == [3.0, -3.0] * (len(path) // 2) + [3.0] * (len(path) % 2)
    assert all(p["height"] == 9.0 for p in path)

    path, outcome = descend(bowl, [3.0], 1.1, 500)
    xs = [p["position"][0] for p in path]
    assert xs[:3] == pytest.approx([3.0, -3.6, 4.32])
    assert all(b / a == pytest.approx(-1.2) for a, b in zip(xs, xs[1:]))
    assert outcome == "diverged" and abs(xs[-1]) > ESCAPE_DISTANCE and abs(xs[-2]) <= ESCAPE_DISTANCE


def test_overshooting_but_converging_between_half_and_one():
    path, outcome = descend(LANDSCAPES["bowl"], [3.0], 0.75, 500)
    xs = [p["position"][0] for p in path]
    assert xs[1] == pytest.approx(-1.5) and outcome == "settled"


def test_descent_stops_where_it_should():
    valley = LANDSCAPES["long-valley"]
    path, outcome = descend(valley, [-3.0, 2.0], 0.01, 7)
    assert outcome == "moving" and len(path) == 8  # crawling: the cap stops it
    path, outcome = descend(valley, [-3.0, 2.0], 0.3, 500)
    assert outcome == "settled" and path[-1]["position"] == pytest.approx([1.0, 0.5], abs=1e-3)
    path, outcome = descend(valley, [-3.0, 2.0], 100.0, 500)
    assert outcome == "diverged" and len(path) < 10
    path, outcome = descend(valley, [1.0, 0.5], 0.3, 10)
    assert outcome == "settled" and len(path) == 1  # already on the floor
    path, outcome = descend(valley, [-3.0, 2.0], 0.3, 0)
    assert len(path) == 1 and path[0]["height"] == pytest.approx(16 / 4 + 2 * 3.5**2)


def test_huge_learning_rate_overflows_quietly():
    with np.errstate(all="raise"):
        path, outcome = descend(LANDSCAPES["two-valleys"], [3.0], 100.0, 500)
    assert outcome == "diverged" and len(path) < 6


def test_contour_levels_crowd_the_floor():
    heights = np.array([[0.0, 1.0], [2.0, 1024.0]])
    levels = contour_levels(heights, count=10)
    assert levels == pytest.approx([2.0**k for k in range(10)])


# ------------------------------------------------------------------ LineFit (lesson 5)


def test_line_fit_gradient_matches_finite_differences_for_any_examples():
    fit = LineFit()
    rng = np.random.default_rng(3)
    for examples in (None, [0], [3, 17, 42], rng.choice(fit.n, 10, replace=False)):
        for _ in range(5):
            w, b = rng.uniform(-4, 4, 2)
            numerical = numerical_gradient(
                lambda p, examples=examples: float(fit.cost(p[0], p[1], examples)), [w, b]
            )
            assert fit.gradient(w, b, examples) == pytest.approx(numerical, rel=1e-6, abs=1e-7)


def test_line_fit_lowest_point_is_least_squares():
    fit = LineFit()
    assert fit.n == 100
    assert np.abs(fit.gradient(*fit.best)).max() < 1e-12
    assert fit.best == pytest.approx([2.0, -1.0], abs=0.2)  # near the line the points came from
    grid_w, grid_b = np.meshgrid(np.linspace(-4, 4, 5), np.linspace(-4, 4, 5))
    assert fit.cost(grid_w, grid_b).shape == (5, 5)
    assert fit.cost(grid_w, grid_b).min() > fit.cost(*fit.best)


def test_same_budget_full_batch_and_mini_batch():
    fit = LineFit()
    full = fit.full_batch([-2.0, 3.0], 0.3, 10)
    mini, seen = fit.mini_batches([-2.0, 3.0], 0.3, 10, 10, seed=0)
    assert len(full) == 11 and len(mini) == 101
    assert seen[-1] == 10 * fit.n and seen[:3] == [0, 10, 20]
    # mini-batches stagger but arrive sooner: far lower cost for the same examples
    assert fit.cost(*mini[-1]) < fit.cost(*full[-1])
    assert fit.cost(*mini[-1]) < 1.1 * fit.cost(*fit.best)
    # m = N is full batch; a ragged last mini-batch still counts every example once
    same, _ = fit.mini_batches([-2.0, 3.0], 0.3, fit.n, 10)
    assert np.allclose(same, full)
    ragged, seen = fit.mini_batches([-2.0, 3.0], 0.3, 30, 2)
    assert seen == [0, 30, 60, 90, 100, 130, 160, 190, 200]
    # the same seed gives the same path
    again, _ = fit.mini_batches([-2.0, 3.0], 0.3, 10, 10, seed=0)
    assert np.array_equal(mini, again)


def test_line_fit_runaway_paths_stop():
    fit = LineFit()
    with np.errstate(all="raise"):
        full = fit.full_batch([-2.0, 3.0], 50.0, 50)
        mini, seen = fit.mini_batches([-2.0, 3.0], 50.0, 1, 50)
    assert len(full) < 50 and np.abs(full[-1]).max() > ESCAPE_DISTANCE
    assert len(mini) < 50 and len(seen) == len(mini)
