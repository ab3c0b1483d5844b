"""Toy landscapes for lessons 4 and 5: small functions of one or two dials whose
lowest point gradient descent looks for, each with its exact slope.

The digit network's cost depends on 13,002 dials, far too many to draw. These toys
depend on one or two, so the whole landscape fits in a picture and the reader can
watch every step of

    position ← position − η × slope

(``learning_rate`` is η, ``gradient`` the slope: one number for one dial, one per dial
for two). Every landscape gives its ``height`` and its exact ``gradient``; the unit
tests check each gradient against finite differences, the way lesson 6 checks the
network's.

``LineFit`` is the toy of lesson 5: fitting a straight line to noisy points, whose
cost is an average over examples exactly like the network's, so full-batch gradient
descent and mini-batch stochastic gradient descent can be compared on a landscape
small enough to draw.
"""

import numpy as np

# A descent that gets this far from the middle of the picture has run away: every
# step overshot farther than the one before.
ESCAPE_DISTANCE = 1000.0
# The slope counts as zero (the position has settled on a valley floor) below this.
FLAT_SLOPE = 1e-4


class Landscape:
    """A height over one or two dials, with its exact gradient.

    Subclasses set ``name``, ``title``, ``formula``, ``dims`` (number of dials),
    ``view`` (the part of the landscape the page draws: one (low, high) range per
    dial; for one dial also ``height_view``, the range of heights) and ``minima`` (the valley floors, lowest first), and define ``height`` and
    ``gradient``. Positions are arrays whose last axis holds the dials, so a whole
    grid of positions can be measured at once.
    """

    name = ""
    title = ""
    formula = ""
    dims = 1
    view: tuple[tuple[float, float], ...] = ((-4.0, 4.0),)
    height_view: tuple[float, float] | None = None
    minima: tuple[tuple[float, ...], ...] = ()

    def height(self, position):
        raise NotImplementedError

    def gradient(self, position):
        raise NotImplementedError

    def nearest_minimum(self, position):
        """The index (in ``minima``, lowest first) of the valley floor nearest a position."""
        position = np.asarray(position, dtype=float)
        distances = [np.linalg.norm(position - np.asarray(m)) for m in self.minima]
        return int(np.argmin(distances))


class Bowl(Landscape):
    """f(x) = x², the bowl lesson 4 works by hand.

    Its slope is 2x, so a step x ← x − η·2x multiplies x by 1 − 2η: with η = 0.1 by
    0.8 (it rolls in), with η = 1 by −1 (it bounces between 3 and −3 forever), with
    η = 1.1 by −1.2 (every step lands farther out: it diverges).
    """

    name = "bowl"
    title = "A bowl"
    formula = "f(x) = x²"
    view = ((-4.0, 4.0),)
    height_view = (-2.5, 17.0)
    minima = ((0.0,),)

    def height(self, position):
        x = np.asarray(position, dtype=float)[..., 0]
        return x**2

    def gradient(self, position):
        x = np.asarray(position, dtype=float)[..., 0]
        return np.stack([2 * x], axis=-1)


class TwoValleys(Landscape):
    """f(x) = x⁴/8 − x² + 3x/8: a lower valley on the left, a higher one on the right.

    Its slope is f′(x) = x³/2 − 2x + 3/8. The valley floors are where the slope is
    zero and the curve turns up, found exactly as the roots of that cubic. Descent
    from the right ends in the higher valley: it only ever goes downhill, so it
    cannot climb the hump in between to find the lower one.
    """

    name = "two-valleys"
    title = "Two valleys"
    formula = "f(x) = x⁴/8 − x² + 3x/8"
    view = ((-4.0, 4.0),)
    height_view = (-4.5, 8.0)

    def __init__(self):
        roots = np.roots([0.5, 0.0, -2.0, 0.375])  # the slope's cubic: x³/2 − 2x + 3/8
        floors = [r.real for r in roots if abs(r.imag) < 1e-12 and 1.5 * r.real**2 - 2 > 0]
        self.minima = tuple((x,) for x in sorted(floors, key=lambda x: self.height([x])))

    def height(self, position):
        x = np.asarray(position, dtype=float)[..., 0]
        return x**4 / 8 - x**2 + 3 * x / 8

    def gradient(self, position):
        x = np.asarray(position, dtype=float)[..., 0]
        return np.stack([x**3 / 2 - 2 * x + 0.375], axis=-1)


class LongValley(Landscape):
    """f(x, y) = (x − 1)²/4 + 2(y − x/2)²: a long, narrow valley across two dials.

    Its floor runs along the line y = x/2 and sinks gently to the lowest point at
    (1, 0.5). Across the valley the walls are steep, along it the floor is nearly
    flat, so a large step zigzags from wall to wall while a small one crawls.
    Gradient: ∂f/∂x = (x − 1)/2 − 2(y − x/2), ∂f/∂y = 4(y − x/2).
    """

    name = "long-valley"
    title = "A long valley over two dials"
    formula = "f(x, y) = (x − 1)²/4 + 2(y − x/2)²"
    dims = 2
    view = ((-4.0, 4.0), (-4.0, 4.0))
    minima = ((1.0, 0.5),)

    def height(self, position):
        p = np.asarray(position, dtype=float)
        x, y = p[..., 0], p[..., 1]
        return (x - 1) ** 2 / 4 + 2 * (y - x / 2) ** 2

    def gradient(self, position):
        p = np.asarray(position, dtype=float)
        x, y = p[..., 0], p[..., 1]
        across = y - x / 2
        return np.stack([(x - 1) / 2 - 2 * across, 4 * across], axis=-1)


LANDSCAPES = {landscape.name: landscape for landscape in (TwoValleys(), Bowl(), LongValley())}


def descend(landscape, start, learning_rate, steps):
    """Gradient descent from ``start``: up to ``steps`` times, position ← position − η ∇f.

    Returns ``(path, outcome)``. ``path`` is a list of points, the start first; each
    point is a dict with ``position``, ``height`` and ``gradient``. ``outcome`` says
    why it stopped:

    * ``"settled"``   the slope is (almost) zero: the steps have shrunk to nothing
    * ``"diverged"``  it ran farther than ESCAPE_DISTANCE from the middle, or the
                      numbers overflowed: each step overshot more than the last
    * ``"bouncing"``  it has come back to where it was two steps ago without
                      settling: it will jump between the same two points forever
    * ``"moving"``    none of those yet after ``steps`` steps
    """
    position = np.array(start, dtype=float).reshape(landscape.dims)

    def point(p):
        return {"position": p.copy(), "height": float(landscape.height(p)), "gradient": landscape.gradient(p)}

    path = [point(position)]
    outcome = _outcome(path)
    for _ in range(steps):
        if outcome in ("settled", "diverged"):
            break
        with np.errstate(over="ignore", invalid="ignore"):
            position = position - learning_rate * path[-1]["gradient"]
            path.append(point(position))
        outcome = _outcome(path)
        if outcome == "bouncing" and len(path) > 8:
            break
    return path, outcome


def _outcome(path):
    last = path[-1]
    position, gradient = last["position"], last["gradient"]
    if escaped(position) or not np.isfinite(last["height"]) or not np.all(np.isfinite(gradient)):
        return "diverged"
    if np.max(np.abs(gradient)) < FLAT_SLOPE:
        return "settled"
    if len(path) >= 3:
        back_two = path[-3]["position"]
        if np.allclose(position, back_two, rtol=0, atol=1e-9) and not np.allclose(
            position, path[-2]["position"], rtol=0, atol=1e-3
        ):
            return "bouncing"
    return "moving"


def escaped(position):
    """Has a descent run away: numbers overflowed, or farther than ESCAPE_DISTANCE out?"""
    position = np.asarray(position, dtype=float)
    return not np.all(np.isfinite(position)) or float(np.max(np.abs(position))) > ESCAPE_DISTANCE


class LineFit:
    """Fit a straight line y ≈ w·x + b to N noisy points: a cost over two dials (w, b)
    that is an average over examples, just like the network's.

    One example's cost is C_i = ½(w·x_i + b − y_i)², the cost of a set of examples the
    average of C_i over it, and its gradient the average of
    (w·x_i + b − y_i)·(x_i, 1). Full-batch gradient descent averages over all N
    points at every step; mini-batch stochastic gradient descent over m of them.

    The points are drawn once from a seeded generator: x spread evenly at random over [0, 2]
    (so w and b pull against each other and the valley runs diagonally), y on the
    line y = 2x − 1 plus noise.
    """

    def __init__(self, points=100, seed=1, true_w=2.0, true_b=-1.0, noise=0.5):
        rng = np.random.default_rng(seed)
        self.x = rng.uniform(0.0, 2.0, points)
        self.y = true_w * self.x + true_b + noise * rng.standard_normal(points)
        self.n = points
        # The lowest point of the full-batch cost: the least-squares line.
        design = np.stack([self.x, np.ones(points)], axis=1)
        self.best = np.linalg.lstsq(design, self.y, rcond=None)[0]

    def cost(self, w, b, examples=None):
        """C(w, b) averaged over ``examples`` (indices; all N if None). w and b may be
        arrays of the same shape, to measure a whole grid at once."""
        x, y = self._examples(examples)
        w = np.asarray(w, dtype=float)[..., None]
        b = np.asarray(b, dtype=float)[..., None]
        return np.mean(0.5 * (w * x + b - y) ** 2, axis=-1)

    def gradient(self, w, b, examples=None):
        """(∂C/∂w, ∂C/∂b) averaged over ``examples`` (all N if None)."""
        x, y = self._examples(examples)
        error = w * x + b - y
        return np.array([np.mean(error * x), np.mean(error)])

    def _examples(self, examples):
        if examples is None:
            return self.x, self.y
        return self.x[examples], self.y[examples]

    def full_batch(self, start, learning_rate, epochs):
        """Gradient descent with all N points at every step: one step per epoch.

        Returns the path: one (w, b) per step, the start first.
        """
        path = [np.array(start, dtype=float)]
        for _ in range(epochs):
            if escaped(path[-1]):
                break
            with np.errstate(over="ignore", invalid="ignore"):
                path.append(path[-1] - learning_rate * self.gradient(*path[-1]))
        return path

    def mini_batches(self, start, learning_rate, mini_batch_size, epochs, seed=0):
        """Mini-batch stochastic gradient descent: each epoch shuffles the N points, cuts
        them into mini-batches of m (the last may be smaller) and takes one step per
        mini-batch, so an epoch looks at the same N examples as one full-batch step.

        Returns ``(path, examples_seen)``: one (w, b) per step, the start first, and
        how many examples had been looked at by each point of the path. Like
        ``full_batch``, it stops early if the path runs away (see ``escaped``).
        """
        rng = np.random.default_rng(seed)
        path = [np.array(start, dtype=float)]
        seen = [0]
        for _ in range(epochs):
            order = rng.permutation(self.n)
            for first in range(0, self.n, mini_batch_size):
                if escaped(path[-1]):
                    return path, seen
                batch = order[first : first + mini_batch_size]
                with np.errstate(over="ignore", invalid="ignore"):
                    w, b = path[-1]
                    path.append(path[-1] - learning_rate * self.gradient(w, b, examples=batch))
                seen.append(seen[-1] + len(batch))
        return path, seen


def contour_levels(heights, count=10):
    """Heights at which to draw contour lines over a grid of heights: closer together
    near the lowest point (each level halves the distance to the floor), so the valley
    floor keeps some lines while the steep walls do not turn black with them."""
    heights = np.asarray(heights, dtype=float)
    low, high = float(np.min(heights)), float(np.max(heights))
    span = high - low
    return [low + span * 2.0**-k for k in range(count, 0, -1)]
