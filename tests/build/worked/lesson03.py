"""Lesson 3: the one-hot target, one example's cost, the reference values, ranking answers."""

import numpy as np

from pylib import one_hot
from pylib.network import example_costs

from .declare import Given, Page, Worked

LESSON = "lessons/03-cost/"
PRACTICE = LESSON + "practice/"


def column(values):
    return np.array(values, dtype=float).reshape(10, 1)


def cost(outputs, label):
    """Cₓ = ½‖a − y‖², by pylib's example_costs."""
    return float(example_costs(column(outputs), one_hot([label]))[0])


def target(label):
    return ", ".join(f"{v:g}" for v in one_hot([label])[:, 0])


def everywhere(value):
    return [value] * 10


def confidently_wrong(label, wrong):
    return [1.0 if d == wrong else 0.0 for d in range(10)]


# Lesson 3's image of a 3 (the figure's outputs)
FIGURE = [0.1, 0.0, 0.2, 0.6, 0.0, 0.3, 0.0, 0.1, 0.4, 0.0]
SQUARES = ((column(FIGURE) - one_hot([3])) ** 2)[:, 0]
OTHERS = [8, 5, 2, 0, 7]

lesson = [
    Worked("y = ({t})", t=target(3)),
    Given(
        "In the figure the network gives 0.6 to the 3, which should be 1, and lights up 8 (0.4), 5 (0.3), "
        "2 (0.2), 0 and 7 (0.1 each), which should all be 0."
    ),
    Worked(
        "The squares are {s3:.2f} for the 3 and {others} for the others: {total:.2f} in all. Half of it, "
        "Cx = {c:.3f}, is the cost of this image.",
        s3=SQUARES[3],
        others=", ".join(f"{SQUARES[d]:.2f}" for d in OTHERS),
        total=SQUARES.sum(),
        c=cost(FIGURE, 3),
    ),
    Worked("a difference of 0.4 costs {a:.2f}, one of 0.1 only {b:.2f}.", a=0.4**2, b=0.1**2),
    Worked("which brings down a factor of {k}", k=2),
    Worked("perfect: 1 on the right digit, 0 elsewhere\n{c:g}\n", c=cost(one_hot([3])[:, 0], 3)),
    Worked("0 everywhere\n{c:g}\none difference of 1: ½ × 1\n", c=cost(everywhere(0.0), 3)),
    Worked(
        "confidently wrong: 1 on a wrong digit, 0 elsewhere\n{c:.1f}\ntwo differences of 1: ½ × 2\n",
        c=cost(confidently_wrong(3, 8), 3),
    ),
    Worked(
        "0.5 everywhere\n{c:g}\nten differences of 0.5: ½ × 10 × {s:g}", c=cost(everywhere(0.5), 3), s=0.5**2
    ),
    Given("a cost of 0.1 says the same thing whether you measure it on 500 images or on 4,000."),
    Worked(
        "Reference values: perfect {p:g}; all zeros {z:g}; confidently wrong {w:.1f}; all 0.5 gives {h:g}.",
        p=cost(one_hot([3])[:, 0], 3),
        z=cost(everywhere(0.0), 3),
        w=cost(confidently_wrong(3, 8), 3),
        h=cost(everywhere(0.5), 3),
    ),
]

Q1 = [0, 0.3, 0, 0, 0, 0, 0, 0.8, 0, 0]
Q1_DIFF = (column(Q1) - one_hot([7]))[:, 0]
# The exercise's three answers are named P, Q and R, so no name reads as the cost C.
P, Q, R = everywhere(0.5), everywhere(0.0), confidently_wrong(3, 8)
COSTS = {"P": cost(P, 3), "Q": cost(Q, 3), "R": cost(R, 3)}
RANKED = sorted(COSTS, key=COSTS.get, reverse=True)

practice = [
    Given("An image of a 7 gets the outputs 0.8 on 7, 0.3 on 1 and 0 on every other digit."),
    Worked(
        "y = ({t}), a 1 in the slot for 7. The differences are {d7:.1f} for 7 and {d1:.1f} for 1, all others 0. "
        "Squares: {s7:.2f} and {s1:.2f}, sum {s:.2f}, so Cx = ½ × {s:.2f} = {c:.3f}.",
        t=target(7),
        d7=Q1_DIFF[7],
        d1=Q1_DIFF[1],
        s7=Q1_DIFF[7] ** 2,
        s1=Q1_DIFF[1] ** 2,
        s=float((Q1_DIFF**2).sum()),
        c=cost(Q1, 7),
    ),
    Worked("(0.4 costs {a:.2f}, 0.1 costs {b:.2f})", a=0.4**2, b=0.1**2),
    Worked(
        "B costs more ({b:.1f} against {a:g}).",
        b=cost(confidently_wrong(3, 8), 3),
        a=cost(everywhere(0.0), 3),
    ),
    Worked("The entries of W3 ({w} weights) and b3 ({n} biases)", w=16 * 10, n=10),
    Given("P: 0.5 on every output;"),
    Given("Q: 0 on every output;"),
    Given("R: 1 on output 8, 0 on every other output."),
    Worked(
        "P: every difference is 0.5 (-0.5 for the 3, +0.5 for the others), each square {s:g}, ten of them: "
        "{t:g}. Cx = {c:g}.",
        s=0.5**2,
        t=10 * 0.5**2,
        c=COSTS["P"],
    ),
    Worked("Q: only the 3 differs, by -1: square 1. Cx = {c:g}.", c=COSTS["Q"]),
    Worked("R: the 3 differs by -1 and the 8 by +1: squares 1 + 1 = {t:g}. Cx = {c:.1f}.", t=2, c=COSTS["R"]),
    Given("(P and Q tie everywhere, R picks 8)"),
    Worked(
        "Ranking from highest cost: {r[0]} ({c0:g}), {r[1]} ({c1:.1f}), {r[2]} ({c2:g}).",
        r=RANKED,
        c0=COSTS[RANKED[0]],
        c1=COSTS[RANKED[1]],
        c2=COSTS[RANKED[2]],
    ),
    Worked("For a 3: ({t}).", t=target(3)),
    Worked(
        "Answering 0 everywhere costs {z:g}, less than a confidently wrong answer ({w:.1f})",
        z=cost(everywhere(0.0), 3),
        w=cost(confidently_wrong(3, 8), 3),
    ),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
