"""Lesson 6: the one-neuron chain, the learning slowdown, equation 2 with numbers, and the
exercise's new case one link further back; every slope from pylib's backpropagation."""

import math

import numpy as np

from pylib import Network, sigmoid, sigmoid_prime

from .declare import Given, Page, Worked
from .lesson05 import PB_DESIRES, PB_PULL, passing_back

LESSON = "lessons/06-backpropagation-calculus/"
PRACTICE = LESSON + "practice/"


def chain(a_prev, w, b, y):
    """The chain z = w·a_prev + b, a = σ(z), Cₓ = ½(a − y)², run through pylib: a 1-1
    network whose input is a_prev. Returns its numbers and slopes."""
    network = Network((1, 1), seed=0)
    network.weights[0][:] = w
    network.biases[0][:] = b
    x, target = np.array([[a_prev]]), np.array([[y]])
    (weight_gradients, bias_gradients), cost = network.backprop(x, target)
    (z,), (_, a) = network.forward(x)
    z, a = float(z[0, 0]), float(a[0, 0])
    delta = float(bias_gradients[0][0, 0])
    return dict(
        z=z,
        a=a,
        slope=float(sigmoid_prime(z)),
        diff=a - y,
        cost=cost,
        dw=float(weight_gradients[0][0, 0]),
        db=delta,
        da=w * delta,
    )


def one_link_back(a_prev, w, b, y):
    """The chain with a_prev itself a sigmoid neuron's activation (a 1-1-1 network):
    that neuron's error δ_prev, from pylib's backprop (equation 2 with one term)."""
    network = Network((1, 1, 1), seed=0)
    network.weights[0][:] = 0.0
    network.biases[0][:] = math.log(a_prev / (1 - a_prev))
    network.weights[1][:] = w
    network.biases[1][:] = b
    (_, bias_gradients), _ = network.backprop(np.zeros((1, 1)), np.array([[y]]))
    return float(bias_gradients[0][0, 0])


CASE = chain(1, 0.5, 0, 1)  # the lesson's worked case
NEW = chain(0.8, -1, 0.3, 1)  # the exercise
NEW_PREV_DELTA = one_link_back(0.8, -1, 0.3, 1)

# The learning slowdown: two outputs with target 0, at z = 0 and z = 5
MILD = dict(z=0, a=float(sigmoid(0)), slope=float(sigmoid_prime(0)))
BAD = dict(z=5, a=float(sigmoid(5)), slope=float(sigmoid_prime(5)))
MILD["factor"], BAD["factor"] = MILD["a"] * MILD["slope"], BAD["a"] * BAD["slope"]
SLOWER = MILD["factor"] / BAD["factor"]

# Equation 2: lesson 5's example, δ = −desire
DELTA3, DELTA8 = -PB_DESIRES[3], -PB_DESIRES[8]
DELTA_HIDDEN = -passing_back(
    [0, 0, 0, 0.2, 0, 0, 0, 0, 0.7, 0], 3, 0.5, np.array([0, 0, 0, 1.5, 0, 0, 0, 0, -0.5, 0])
)[2]

C = CASE
lesson = [
    Given("Take aprev = 1, w = 0.5, b = 0 and target y = 1."),
    Worked("0.5 × 1 + 0\n{z:g}\n", z=C["z"]),
    Worked("σ({z:g}) = 1/(1 + e^-{z:g})\n≈ {a:.4f}\n", z=C["z"], a=C["a"]),
    Worked("a(1 - a) = {a:.4f} × {b:.4f}\n≈ {s:.4f}\n", a=C["a"], b=1 - C["a"], s=C["slope"]),
    Worked("{a:.4f} - 1\n≈ {d:.4f}\n", a=C["a"], d=C["diff"]),
    Worked("½ ({d:.4f})^2\n≈ {c:.4f}\n", d=-C["diff"], c=C["cost"]),
    Worked("1 × {s:.4f} × ({d:.4f})\n≈ {dw:.4f}\n", s=C["slope"], d=C["diff"], dw=C["dw"]),
    Worked("{s:.4f} × ({d:.4f})\n≈ {db:.4f}\n", s=C["slope"], d=C["diff"], db=C["db"]),
    Worked("0.5 × {s:.4f} × ({d:.4f})\n≈ {da:.4f}", s=C["slope"], d=C["diff"], da=C["da"]),
    Worked(
        "Nudging w by 0.001 should change the cost by about {dw:.4f} × 0.001 ≈ {dc:.7f}.",
        dw=C["dw"],
        dc=C["dw"] * 0.001,
    ),
    Worked("Away from 0 it falls fast: σ'(5) ≈ {s:.4f}.", s=BAD["slope"]),
    Worked(
        "One is mildly wrong, at z = {z1}; the other is badly wrong, stuck near 1 at z = {z2}.",
        z1=MILD["z"],
        z2=BAD["z"],
    ),
    Worked(
        "mildly wrong\n{z}\n{a:g}\n{a:g}\n{s:g}\n{f:g}\nbadly wrong\n{z2}\n≈ {a2:.4f}\n≈ {a2:.4f}\n"
        "≈ {s2:.4f}\n≈ {f2:.4f}",
        z=MILD["z"],
        a=MILD["a"],
        s=MILD["slope"],
        f=MILD["factor"],
        z2=BAD["z"],
        a2=BAD["a"],
        s2=BAD["slope"],
        f2=BAD["factor"],
    ),
    Worked(
        "yet every slope of its weights and bias is about {r:.0f} times smaller: it learns about {r:.0f} times "
        "more slowly",
        r=SLOWER,
    ),
    Worked("where L = {L} is the output layer", L=3),
    Worked("Then ∂ Cx / ∂ a = {k}(a - y) and every slope doubles", k=2),  # the square's slope, without the ½
    Worked("for layer 1, a 16 × 1 column times a 1 × 784 row makes a 16 × 784 matrix"),
    Given(
        "an image of a 3 that the network scores 0.2 on output 3 and 0.7 on output 8 (0 elsewhere), and "
        "neuron 4 of hidden layer 2, whose weighted input is z24 = 0 (so a24 = 0.5) and whose weights to "
        "outputs 3 and 8 are w33,4 = 1.5 and w38,4 = -0.5."
    ),
    Worked("(0.2 - 1) × 0.2 × 0.8\n{d3:.3f}\n", d3=DELTA3),
    Worked("(0.7 - 0) × 0.7 × 0.3\n{d8:.3f}\n", d8=DELTA8),
    Worked("1.5 × ({d3:.3f}) + (-0.5) × {d8:.3f}\n{s:.4f}\n", d3=DELTA3, d8=DELTA8, s=-PB_PULL),
    Worked("0.5 × (1 - 0.5)\n{s:g}\n", s=float(sigmoid_prime(0))),
    Worked("{s:.4f} × {t:g}\n≈ {d:.4f}\n", s=-PB_PULL, t=float(sigmoid_prime(0)), d=DELTA_HIDDEN),
    Worked("= δ24\n≈ {d:.4f}", d=DELTA_HIDDEN),
    Worked("there the pull was {p:+.4f} and neuron 4's desire {d:+.3f}.", p=PB_PULL, d=-DELTA_HIDDEN),
    Worked(
        "so {n:,} extra passes for one gradient of the digit network. Central: two passes per parameter, "
        "2 × 13,002 = {m:,}.",
        n=13002,
        m=2 * 13002,
    ),
    Worked(
        "Worked case aprev = 1, w = 0.5, b = 0, y = 1: a ≈ {a:.4f}, σ' ≈ {s:.4f}, ∂ Cx / ∂ w ≈ {dw:.4f}, "
        "∂ Cx / ∂ aprev ≈ {da:.4f}.",
        a=C["a"],
        s=C["slope"],
        dw=C["dw"],
        da=C["da"],
    ),
    Worked(
        "σ'(5) ≈ {s:.4f}: saturated neurons learn slowly. Of two outputs whose target is 0, one stuck at "
        "z = {z2} learns about {r:.0f} times more slowly than one at z = {z1}",
        s=BAD["slope"],
        z2=BAD["z"],
        r=SLOWER,
        z1=MILD["z"],
    ),
]

N = NEW
practice = [
    Given("A neuron's weighted input is z = 6."),
    Worked(
        "at z = 5 it is already about {s5:.4f}, and at z = 6, σ'(6) ≈ {s6:.4f}, about a hundredth of its "
        "largest value ¼.",
        s5=float(sigmoid_prime(5)),
        s6=float(sigmoid_prime(6)),
    ),
    Given("Take aprev = 0.8, w = -1, b = 0.3 and target y = 1."),
    Worked("z = w aprev + b = -1 × 0.8 + 0.3 = {z:g}.", z=N["z"]),
    Worked(
        "a = σ({z:g}) = 1/(1 + e0.5) = 1/(1 + {e:.4f}) ≈ {a:.4f}.", z=N["z"], e=math.exp(-N["z"]), a=N["a"]
    ),
    Worked("σ'(z) = a(1 - a) ≈ {a:.4f} × {b:.4f} ≈ {s:.4f}.", a=N["a"], b=1 - N["a"], s=N["slope"]),
    Worked("a - y ≈ {d:.4f}, so Cx = ½({m:.4f})^2 ≈ {c:.4f}.", d=N["diff"], m=-N["diff"], c=N["cost"]),
    Worked(
        "∂ Cx / ∂ b = σ'(z)(a - y) ≈ {s:.4f} × ({d:.4f}) ≈ {db:.4f}.", s=N["slope"], d=N["diff"], db=N["db"]
    ),
    Worked("∂ Cx / ∂ w = aprev · σ'(z)(a - y) ≈ 0.8 × ({db:.4f}) ≈ {dw:.4f}.", db=N["db"], dw=N["dw"]),
    Worked("∂ Cx / ∂ aprev = w · σ'(z)(a - y) ≈ (-1) × ({db:.4f}) ≈ {da:.4f}.", db=N["db"], da=N["da"]),
    Worked(
        "z = {z:g} instead of {z0:g}, so a and 1 - a swap and σ' stays {s:.4f}.",
        z=N["z"],
        z0=CASE["z"],
        s=CASE["slope"],
    ),
    Worked("Δ Cx ≈ {dw:.4f} × 0.001 ≈ {dc:.6f}.", dw=N["dw"], dc=N["dw"] * 0.001),
    Worked(
        "σ'(zprev) = aprev(1 - aprev) = 0.8 × 0.2 = {s:.2f}, so δprev = ∂ Cx / ∂ aprev × σ'(zprev) ≈ "
        "{da:.4f} × {s:.2f} ≈ {d:.4f}.",
        s=0.8 * 0.2,
        da=N["da"],
        d=NEW_PREV_DELTA,
    ),
    Given("If aprev = 0, the slope is 0"),
    Given("if w goes up by 0.001"),
    Given("press Nudge w by 0.001"),
    Given("aprev = 0.8 is itself"),
    Worked("Differentiating (a - y)^2 gives {k}(a - y); the ½ cancels the {k}", k=2),
    Worked(
        "There σ'(z) is tiny (σ'(5) ≈ {s:.4f}), and every slope through the neuron carries that factor: of two "
        "outputs whose target is 0, one stuck at z = {z2} learns about {r:.0f} times more slowly than one at "
        "z = {z1}",
        s=BAD["slope"],
        z2=BAD["z"],
        r=SLOWER,
        z1=MILD["z"],
    ),
    Worked(
        "Training with them would need {m:,} forward passes for every gradient ({n:,} extra with the "
        "one-sided difference)",
        m=2 * 13002,
        n=13002,
    ),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
