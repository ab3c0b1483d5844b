"""Lesson 5: the outputs' desires, passing them back to a hidden neuron, mini-batch counts.

A desire is −δ: −∂Cₓ/∂z (lesson 6). The numbers are computed from pylib's own
backpropagation on a small network built to hold the example's activations, so the
lesson's arithmetic and the code that trains the network are checked against each other.
"""

import math

import numpy as np

from pylib import Network, one_hot, sigmoid_prime

from .declare import Given, Page, Worked

LESSON = "lessons/05-backpropagation/"
PRACTICE = LESSON + "practice/"

SATURATED = -1000.0  # a weighted input whose sigmoid is 0 to double precision (the outputs "at 0")


def logit(a):
    """The weighted input z with σ(z) = a (z = −1000 for a = 0)."""
    return SATURATED if a == 0 else math.log(a / (1 - a))


def desire(a, y):
    """(y − a)·σ′(z): the lesson's desire, with pylib's sigmoid_prime."""
    return float((y - a) * sigmoid_prime(logit(a)))


def passing_back(outputs, label, hidden_activation, weights_out):
    """pylib's backprop on a 1-1-10 network whose one hidden neuron has the given activation
    and weights to the ten outputs, and whose outputs are ``outputs``: returns
    (output desires, pull on the hidden neuron, its desire), each read off −δ."""
    network = Network((1, 1, 10), seed=0)
    z_hidden = logit(hidden_activation)
    network.weights[0][:] = 0.0
    network.biases[0][:] = z_hidden
    network.weights[1][:, 0] = weights_out
    network.biases[1][:, 0] = [logit(a) - w * hidden_activation for a, w in zip(outputs, weights_out)]
    (_, bias_gradients), _ = network.backprop(np.zeros((1, 1)), one_hot([label]))
    output_desires = -bias_gradients[1][:, 0]
    hidden_desire = -float(bias_gradients[0][0, 0])
    pull = float(np.dot(weights_out, output_desires))
    assert math.isclose(hidden_desire, pull * float(sigmoid_prime(z_hidden)), rel_tol=1e-12)
    return output_desires, pull, hidden_desire


# Lesson 3's image of a 3, and its desires
OUTPUTS = [0.1, 0.0, 0.2, 0.6, 0.0, 0.3, 0.0, 0.1, 0.4, 0.0]
ROWS = [(3, "3"), (8, "8"), (5, "5"), (2, "2"), (0, "0 and 7")]

# Passing back: 0.2 on the 3, 0.7 on the 8; neuron 4 at 0.5, weights 1.5 and -0.5
PB_OUTPUTS = [0, 0, 0, 0.2, 0, 0, 0, 0, 0.7, 0]
PB_WEIGHTS = np.zeros(10)
PB_WEIGHTS[3], PB_WEIGHTS[8] = 1.5, -0.5
PB_DESIRES, PB_PULL, PB_DESIRE = passing_back(PB_OUTPUTS, 3, 0.5, PB_WEIGHTS)


def table_row(digit, name):
    a = OUTPUTS[digit]
    y = 1.0 if digit == 3 else 0.0
    return Worked(
        "{name}\n{a:g}\n{d:+.1f}\n{s:.2f}\n{w:+.3f}\n",
        name=name,
        a=a,
        d=y - a,
        s=float(sigmoid_prime(logit(a))),
        w=desire(a, y),
    )


lesson = [
    Given(
        "The network's outputs are 0.6 on the 3, and 0.4, 0.3, 0.2, 0.1 and 0.1 on the 8, 5, 2, 0 and 7, "
        "which should all be 0; the 1, 4, 6 and 9 hold 0."
    ),
    Given("The 3 should go up: its target is 1 and it holds 0.6."),
    Given("The 8, 5, 2, 0 and 7 should go down."),
    Given(
        "The 1, 4, 6 and 9 are already at their target 0: they want nothing. (A sigmoid output never quite "
        "reaches 0; these are so close that it makes no difference.)"
    ),
    Worked(
        "The steepness a(1 - a) is largest, {top}, at a = {at:g},",
        top="¼" if sigmoid_prime(0) == 0.25 else "?",
        at=float(1 / (1 + math.exp(0))),
    ),
    *[table_row(digit, name) for digit, name in ROWS],
    Worked("1, 4, 6 and 9\n0\n0\n{s:g}\n{w:g}\n", s=float(sigmoid_prime(SATURATED)), w=desire(0.0, 0.0)),
    Worked("The 3 and the 8 are both {d:g} away from their targets", d=abs(1 - OUTPUTS[3])),
    Given("an image of a 3 that the network scores 0.2 on the 3 and 0.7 on the 8, and 0 everywhere else."),
    Worked("output 3: (1 - 0.2) × 0.2 × 0.8 = {d:+.3f}, up;", d=PB_DESIRES[3]),
    Worked("output 8: (0 - 0.7) × 0.7 × 0.3 = {d:.3f}, down.", d=PB_DESIRES[8]),
    Given("Its activation is 0.5, its weight to output 3 is 1.5 and its weight to output 8 is -0.5."),
    Worked(
        "output 3\n{d:+.3f}\n1.5\n{p:+.3f}\noutput 8\n{e:.3f}\n-0.5\n{q:+.4f}\nall ten outputs\n{s:+.4f}",
        d=PB_DESIRES[3],
        p=1.5 * PB_DESIRES[3],
        e=PB_DESIRES[8],
        q=-0.5 * PB_DESIRES[8],
        s=PB_PULL,
    ),
    Worked(
        "Neuron 4's steepness at activation 0.5 is 0.5 × 0.5 = {s:g}, so its desire is {p:.4f} × {s:g} ≈ {d:.3f}",
        s=float(sigmoid_prime(0)),
        p=PB_PULL,
        d=PB_DESIRE,
    ),
    Worked(
        "With m = 10, one pass over 4,000 images gives 4,000 ÷ 10 = {n} steps instead of 1.", n=4000 // 10
    ),
    Given("Set Batch size to 1 and then to 30"),
]

# Practice question 1: all ten outputs
Q1 = [0, 0, 0.1, 0.7, 0, 0.5, 0, 0, 0.2, 0]
Q1_DESIRES, _, _ = passing_back(Q1, 3, 0.5, np.zeros(10))
# The exercise: an image of a 5 with 0.4 on the 5 and 0.9 on the 6; P at 0.9 (weights 2 and 1), Q at 0.2
EX = [0, 0, 0, 0, 0, 0.4, 0.9, 0, 0, 0]
EX_WEIGHTS = np.zeros(10)
EX_WEIGHTS[5], EX_WEIGHTS[6] = 2, 1
EX_DESIRES, EX_PULL, EX_DESIRE = passing_back(EX, 5, 0.9, EX_WEIGHTS)
P, Q = 0.9, 0.2

practice = [
    Given("An image of a 3 gets the outputs 0, 0, 0.1, 0.7, 0, 0.5, 0, 0, 0.2 and 0 for the digits 0 to 9."),
    Given(
        "Only the 3 wants to rise (target 1, holds 0.7). The 5, the 8 and the 2 want to fall. "
        "The 0, 1, 4, 6, 7 and 9 already sit at their target 0 and want nothing."
    ),
    Worked(
        "for the 5, -0.5 × 0.5 × 0.5 = {d[5]:.3f}; for the 3, 0.3 × 0.7 × 0.3 = {d[3]:.3f}; for the 8, "
        "-0.2 × 0.2 × 0.8 = {d[8]:.3f}; for the 2, -0.1 × 0.1 × 0.9 = {d[2]:.3f}. The 5 is further from its "
        "target, and it sits at {a:g}, where the squish is steepest.",
        d=Q1_DESIRES,
        a=Q1[5],
    ),
    Worked(
        "A mini-batch of 10 gives only an estimate",
    ),
    Worked("with 4,000 training images there are {n} steps per pass instead of 1", n=4000 // 10),
    Worked("the matrix W3 ({r} × {c})", r=10, c=16),
    Given("An image of a 5 gets the outputs 0.4 on the 5, 0.9 on the 6, and 0 everywhere else."),
    Given("neuron P has activation 0.9 and neuron Q has activation 0.2."),
    Given("P → 5, Q → 5, P → 6, Q → 6"),
    Given("P's weight to output 5 is 2 and its weight to output 6 is 1."),
    Worked(
        "Output 5: (1 - 0.4) × 0.4 × 0.6 = {d5:+.3f}, up. Output 6: (0 - 0.9) × 0.9 × 0.1 = {d6:.3f}, down. "
        "The 6 is further from its target ({o6:g} against {o5:g})",
        d5=EX_DESIRES[5],
        d6=EX_DESIRES[6],
        o6=abs(0 - EX[6]),
        o5=abs(1 - EX[5]),
    ),
    Worked("at {a:g} the squish is flat", a=EX[6]),
    Worked(
        "P → 5\n{d5:.3f} × {p:g} = {x:.4f}\nup\nP → 6\n{d6:.3f} × {p:g} = {y:.4f}\ndown\n"
        "Q → 5\n{d5:.3f} × {q:g} = {z:.4f}\nup\nQ → 6\n{d6:.3f} × {q:g} = {w:.4f}\ndown",
        d5=EX_DESIRES[5],
        d6=-EX_DESIRES[6],
        p=P,
        q=Q,
        x=EX_DESIRES[5] * P,
        y=-EX_DESIRES[6] * P,
        z=EX_DESIRES[5] * Q,
        w=-EX_DESIRES[6] * Q,
    ),
    Worked(
        "Pull on P: 2 × {d5:.3f} + 1 × ({d6:.3f}) = {a:.3f} - {b:.3f} = {p:.3f}, up: the 5's pull wins. "
        "P's steepness is 0.9 × 0.1 = {s:.2f}, so its desire is {p:.3f} × {s:.2f} ≈ {d:.3f}",
        d5=EX_DESIRES[5],
        d6=EX_DESIRES[6],
        a=2 * EX_DESIRES[5],
        b=-EX_DESIRES[6],
        p=EX_PULL,
        s=float(sigmoid_prime(logit(P))),
        d=EX_DESIRE,
    ),
    Worked("(m of them, {m} here)", m=10),
    Given("a weight from a neuron at 0"),
    Worked("4,000 ÷ 10 = {n} steps.", n=4000 // 10),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
