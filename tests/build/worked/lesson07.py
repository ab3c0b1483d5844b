"""Lesson 7: steps per epoch, one mini-batch step with numbers (pylib's own backprop and
step on a one-input network), the standard error of a held-out score, Nielsen's network."""

import math

import numpy as np

from pylib import Network, count_parameters

from .declare import Given, Page, Worked

LESSON = "lessons/07-training/"
PRACTICE = LESSON + "practice/"

ETA = 3.0


def tiny(w=0.5, b=0.0):
    network = Network((1, 1), seed=0)
    network.weights[0][:] = w
    network.biases[0][:] = b
    return network


def step_numbers(xs, ys):
    """Each example's slopes, their average, the knobs after one step of η = 3, and the
    mini-batch's cost and outputs before and after: all from pylib."""
    network = tiny()
    per_example = []
    for x, y in zip(xs, ys):
        (gw, gb), _ = network.backprop(np.array([[x]]), np.array([[y]]))
        per_example.append((float(gw[0][0, 0]), float(gb[0][0, 0])))
    batch_x, batch_y = np.array([xs], dtype=float), np.array([ys], dtype=float)
    (gw, gb), cost_before = network.backprop(batch_x, batch_y)
    outputs_before = network.feedforward(batch_x)[0]
    network.step(batch_x, batch_y, ETA)
    return dict(
        slopes=per_example,
        avg=(float(gw[0][0, 0]), float(gb[0][0, 0])),
        w=float(network.weights[0][0, 0]),
        b=float(network.biases[0][0, 0]),
        cost_before=cost_before,
        cost_after=network.cost(batch_x, batch_y),
        out_before=outputs_before,
        out_after=network.feedforward(batch_x)[0],
    )


LESSON_STEP = step_numbers([0, 0.5, 1], [0, 1, 0])
PRACTICE_STEP = step_numbers([0, 0.5], [1, 0])
L, P = LESSON_STEP, PRACTICE_STEP

STANDARD_ERROR = math.sqrt(0.9 * 0.1 / 1000)
NIELSEN = sum(count_parameters((784, 30, 10)))


def four(v):
    """A slope as the tables write it: four decimals, or a plain 0."""
    return "0" if abs(v) < 5e-5 else f"{v:.4f}"


def row(name, x, y, slopes):
    return Worked(
        "{name}\n{x:g}\n{y:g}\n{sw}\n{sb}\n", name=name, x=x, y=y, sw=four(slopes[0]), sb=four(slopes[1])
    )


lesson = [
    Worked("With m = 10 that makes 4,000 ÷ 10 = {n} mini-batches.", n=4000 // 10),
    Given("the weight w = 0.5 and the bias b = 0. The mini-batch holds m = 3 examples."),
    row("A", 0, 0, L["slopes"][0]),
    row("B", 0.5, 1, L["slopes"][1]),
    row("C", 1, 0, L["slopes"][2]),
    Worked("average (sum ÷ 3)\n{a[0]:.4f}\n{a[1]:.4f}\n", a=L["avg"]),
    Worked("With η = {eta:g}:", eta=ETA),
    Worked("w ← 0.5 - 3 × {a[0]:.4f} = 0.5 - {d:.4f} = {w:.4f};", a=L["avg"], d=ETA * L["avg"][0], w=L["w"]),
    Worked("b ← 0 - 3 × {a[1]:.4f} = {b:.4f}.", a=L["avg"], b=L["b"]),
    Worked(
        "falls from {c0:.4f} to {c1:.4f}. Not every example gains: B's output, whose target is 1, drops from "
        "{o0:.4f} to {o1:.4f}",
        c0=L["cost_before"],
        c1=L["cost_after"],
        o0=L["out_before"][1],
        o1=L["out_after"][1],
    ),
    Worked("with {n:,} knobs instead of 2 and m = 10.", n=13002),
    Worked("That is why 1,000 of our 5,000 images never take part in a step."),
    Worked("With p = 0.9 and n = 1,000 that is √0.9 × 0.1 / 1000 ≈ {se:.4f}", se=STANDARD_ERROR),
    Given("Michael Nielsen's book reports about 95% (95.42% at best) for a 784-30-10 sigmoid network."),
    Given("plain mini-batch stochastic gradient descent with η = 3.0 and m = 10."),
    Worked(
        "one hidden layer of 30 neurons instead of two of 16 ({n:,} parameters against our 13,002), 50,000 "
        "training images, {r:g} times as many as ours, 30 epochs against our",
        n=NIELSEN,
        r=50000 / 4000,
    ),
    Worked(
        "One epoch: one shuffled pass over all 4,000 training images; with m = 10, that is {n} steps.",
        n=4000 // 10,
    ),
    Given("Set Ratio of training to test data to 10%"),
]

practice = [
    Worked("With 4,000 training images and m = 20, how many steps make an epoch?"),
    Worked("With m = 20: 4,000 ÷ 20 = {n} steps per epoch.", n=4000 // 20),
    Given("you set η = 50."),
    Given("a reference value such as 0.5 (all outputs 0)"),
    Given(
        "Train three times for 10 epochs, changing only the learning rate: η = 0.3, η = 3 and η = 30 (keep m = 10,"
    ),
    Given("train for 30 epochs on 500 training images"),
    Given("Now set η = 3 again"),
    Given("η = 0.3: the cost falls slowly"),
    Given("after 10 epochs it is still well below the η = 3 run"),
    Given("η = 3: the cost drops steeply"),
    Given("η = 30: the curves are erratic"),
    Given("end well below the η = 3 run, often below η = 0.3 too"),
    Given("If the cost flattens near 0.5 and accuracy near one in ten"),
    Given("With 500 images the training accuracy"),
    Worked("an epoch of 500 images is only {n} steps", n=500 // 10),
    Given("starting from w = 0.5 and b = 0. This time the mini-batch holds m = 2 other examples"),
    row("D", 0, 1, P["slopes"][0]),
    row("E", 0.5, 0, P["slopes"][1]),
    Given("Take one step with η = 3"),
    Worked(
        "Average slopes, sum ÷ 2: for w, ({s[0][0]:g} + {s[1][0]:.4f}) / 2 = {a[0]:.4f}; for b, ({s[0][1]:.4f} + "
        "{s[1][1]:.4f}) / 2 = {a[1]:.4f}.",
        s=P["slopes"],
        a=P["avg"],
    ),
    Worked("w ← 0.5 - 3 × {a[0]:.4f} = 0.5 - {d:.4f} = {w:.4f};", a=P["avg"], d=ETA * P["avg"][0], w=P["w"]),
    Worked("b ← 0 - 3 × {a[1]:.4f} = {b:.4f}.", a=P["avg"], b=P["b"]),
    Worked("(10 by default)"),
    Worked("with 4,000 images and m = 10, {n} steps.", n=4000 // 10),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
