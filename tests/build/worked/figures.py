"""The numbers drawn in the lessons' figures (docs/assets/figures/*.svg): their text, title
and description. ``declarations(digits)`` gives, for each figure, its declarations and the
numbers it may show as given (axis ticks, digit and layer labels)."""

import numpy as np

from pylib import one_hot, sigmoid
from pylib.network import example_costs

from .declare import Given, Worked
from .lesson03 import FIGURE as LESSON3_OUTPUTS
from .lesson05 import desire

SEVEN = 15  # the held-out 7 of lesson 1's figure: test image 15 of our split
CROP_ROW, CROP_COLUMN, CROP = 9, 15, 5


def pixel(value):
    """A brightness 0–1 as the figure writes it: 0, 1, or two decimals (254/255 is 1.00)."""
    return "0" if value == 0 else ("1" if value == 1 else f"{value:.2f}")


def signed(value, digits):
    return "0" if value == 0 else f"{value:+.{digits}f}"


def declarations(digits):
    seven = digits.test_images[SEVEN].reshape(28, 28)
    crop = seven[CROP_ROW : CROP_ROW + CROP, CROP_COLUMN : CROP_COLUMN + CROP]

    a = np.array(LESSON3_OUTPUTS).reshape(10, 1)
    diff = (a - one_hot([3]))[:, 0]
    squares = diff**2
    lesson3_cost = float(example_costs(a, one_hot([3]))[0])
    desires = [desire(v, 1.0 if d == 3 else 0.0) for d, v in enumerate(LESSON3_OUTPUTS)]

    W = np.array([[2, -1, 0.5], [0.5, 1, -2]])
    x = np.array([0.8, 0.2, 1])
    z = W @ x + np.array([-1, 1])
    act = sigmoid(z)

    digits_0_9 = tuple(str(d) for d in range(10))
    return {
        "digit-grid.svg": (
            [
                Worked("A handwritten {label} as a grid of numbers", label=int(digits.test_labels[SEVEN])),
                Worked(
                    "(brightness ÷ 255)\n{grid}\n5 × 5 of the 784 numbers,",
                    grid="\n".join(pixel(v) for v in crop.ravel()),
                ),
                Given("28 by 28 shaded squares"),
                Given("that 5 by 5 region"),
                Given("Left, a handwritten 7"),
            ],
            (),
        ),
        "layers.svg": ([], digits_0_9 + ("2", "3")),
        "neuron.svg": ([], ()),
        "sigmoid.svg": (
            [
                Worked("σ(0) = {h}", h=float(sigmoid(0))),
                Worked("passes through {h} at z = 0", h=float(sigmoid(0))),
            ],
            ("0.5", "-8", "-4", "4", "8"),
        ),
        "matrix-shapes.svg": ([], ()),
        "matrix-example.svg": (
            [
                Given("2\n-1\n0.5\n0.5\n1\n-2\n0.8\n0.2\n1\n+\n-1\n1\n="),
                Worked("=\n{z[0]:.1f}\n{z[1]:.1f}\nσ\n{a[0]:.2f}\n{a[1]:.2f}\n", z=z, a=act),
                Given("2 × 3\n3 × 1\n2 × 1"),
                Worked(
                    "row 1: 2 × 0.8 + (-1) × 0.2 + 0.5 × 1 - 1 = {z[0]:.1f}\n"
                    "row 2: 0.5 × 0.8 + 1 × 0.2 + (-2) × 1 + 1 = {z[1]:.1f}",
                    z=z,
                ),
                Given(
                    "(row 1: 2, -1, 0.5; row 2: 0.5, 1, -2), times the column of inputs 0.8, 0.2, 1, plus the "
                    "biases -1 and 1,"
                ),
                Worked(
                    "gives the weighted inputs {z[0]:.1f} and {z[1]:.1f}; the squish turns them into the activations "
                    "{a[0]:.2f} and {a[1]:.2f}.",
                    z=z,
                    a=act,
                ),
            ],
            (),
        ),
        "outputs-targets.svg": (
            [
                Worked(
                    "\n".join(f"{d}\n{{diff{d}}}\n{{square{d}}}" for d in range(10)),
                    **{f"diff{d}": signed(diff[d], 1) for d in range(10)},
                    **{
                        f"square{d}": "0" if squares[d] == 0 else f"{squares[d]:.2f}".lstrip("0")
                        for d in range(10)
                    },
                ),
                Worked("Cₓ = ½ × (sum of squares) = ½ × {s:.2f} = {c:.3f}", s=squares.sum(), c=lesson3_cost),
                Given("(1 for digit 3, 0 elsewhere)"),
                Given("(0.1, 0, 0.2, 0.6, 0, 0.3, 0, 0.1, 0.4, 0)"),
                Worked(
                    "The squares add up to {s:.2f}; half of that, {c:.3f}, is this example's cost.",
                    s=squares.sum(),
                    c=lesson3_cost,
                ),
            ],
            digits_0_9,
        ),
        "cost-function.svg": ([], ()),
        "landscape-ball.svg": ([], ()),
        "contours.svg": ([], ("2",)),  # knob 1, knob 2
        "desires.svg": (
            [
                Worked(
                    "\n".join(f"{d}" + (f"\n{{desire{d}}}" if desires[d] else "") for d in range(10)),
                    **{f"desire{d}": signed(desires[d], 3) for d in range(10) if desires[d]},
                ),
                Worked(
                    "up for the 3 ({d3:.3f}), down for the others that are lit (the 8 by {d8:.3f}, the 5 by {d5:.3f}, "
                    "the 2 by {d2:.3f}, the 0 and the 7 by {d0:.3f})",
                    d3=desires[3],
                    d8=-desires[8],
                    d5=-desires[5],
                    d2=-desires[2],
                    d0=-desires[0],
                ),
            ],
            digits_0_9,
        ),
        "two-paths.svg": (
            [
                Worked(
                    "full batch: {f} steps, each averaging\nall the examples\nmini-batches: {m} noisy steps,",
                    f=4,
                    m=4 * 10,
                ),
            ],
            (),
        ),
        "chain.svg": ([], ()),
        "indexed-layers.svg": (
            [
                Given("k = 1\nk = 2\nk = 3\nj = 1\nj = 2"),
                Given("numbered k = 1, 2, 3, and two in layer l, numbered j = 1, 2."),
                Given("the line from neuron 3 on the left to neuron 1 on the right"),
            ],
            (),
        ),
        "learning-curve.svg": ([], ()),
        "one-picture.svg": ([], ()),
    }
