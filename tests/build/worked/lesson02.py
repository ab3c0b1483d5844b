"""Lesson 2: one neuron by hand, the squish, counting the knobs, a layer in matrix form."""

import math

import numpy as np

from pylib import count_parameters, sigmoid

from .declare import Given, Page, Worked

LESSON = "lessons/02-neurons-weights-biases/"
PRACTICE = LESSON + "practice/"


def s(z):
    return float(sigmoid(z))


# The worked neuron, and the layer of two neurons whose first row it is.
W = np.array([[2, -1, 0.5], [0.5, 1, -2]])
A = np.array([0.8, 0.2, 1])
B = np.array([-1, 1])
PRODUCTS = W * A  # each weight times its input
SUMS = PRODUCTS.sum(axis=1)  # 1.9 and -1.4
Z = SUMS + B  # 0.9 and -0.4

# Without the squish: 2a + 1, then 3 × (that) − 4.
FIRST, SECOND = (2, 1), (3, -4)
COLLAPSED = (SECOND[0] * FIRST[0], SECOND[0] * FIRST[1] + SECOND[1])  # 6a − 1

THRESHOLD_BIAS = -10

lesson = [
    Given(
        "The inputs are a1 = 0.8, a2 = 0.2, a3 = 1; the weights are w1 = 2, w2 = -1, w3 = 0.5; "
        "the bias is b = -1."
    ),
    Worked(
        "Weighted sum: 2 × 0.8 + (-1) × 0.2 + 0.5 × 1 = {p[0]:.1f} - {q:.1f} + {p[2]:.1f} = {s:.1f}.",
        p=PRODUCTS[0],
        q=-PRODUCTS[0][1],
        s=SUMS[0],
    ),
    Worked("Add the bias: z = {s:.1f} - 1 = {z:.1f}.", s=SUMS[0], z=Z[0]),
    Worked("Squish: a = σ({z:.1f}) ≈ {a:.2f}.", z=Z[0], a=s(Z[0])),
    # the bias as a threshold: σ(0) = 0.5, so z must reach 0
    Worked(
        "The squish gives exactly {h} when z = 0. So with a bias of b = {b}, the weighted sum has to "
        "reach {t} before z reaches 0",
        h=s(0),
        b=THRESHOLD_BIAS,
        t=-THRESHOLD_BIAS,
    ),
    Worked("It gives {h} at z = 0", h=s(0)),
    # the e in the sigmoid's formula, whose value the page gives
    Worked("where e ≈ {e:.3f} is a fixed number", e=math.e),
    Worked(
        "σ(0) = {h}. For large z it is close to 1 (σ(4) ≈ {up:.2f}); for very negative z it is close "
        "to 0 (σ(-4) ≈ {down:.2f}).",
        h=s(0),
        up=s(4),
        down=s(-4),
    ),
    Worked(
        "If the first turns its input a into 2a + 1 and the second turns whatever it receives into "
        "3 × (that) - 4, the pair computes\n3 (2a + 1) - 4 = {w}a - {c}\none weight ({w}) and one "
        "bias ({b})",
        w=COLLAPSED[0],
        c=-COLLAPSED[1],
        b=COLLAPSED[1],
    ),
    # counting the knobs (the products and sums are the course's facts, in course.py)
    Worked("input to hidden layer 1: 784 × 16 = {n:,} weights;", n=784 * 16),
    Worked("That is 12,544 + 256 + 160 = {n:,} weights.", n=sum(count_parameters((784, 16, 16, 10))[:1])),
    Worked(
        "16 + 16 + 10 = {n} biases. In all, 12,960 + 42 = {t:,} parameters.",
        n=count_parameters((784, 16, 16, 10))[1],
        t=sum(count_parameters((784, 16, 16, 10))),
    ),
    Worked("neuron 1 to neuron 16 of a hidden layer, matching the subscripts a1, …, a16"),
    # the layer of two neurons
    Given("neuron 2 has weights 0.5, 1 and -2 and bias 1."),
    Worked("Row 1 times the column: 2 × 0.8 + (-1) × 0.2 + 0.5 × 1 = {s:.1f}", s=SUMS[0]),
    Worked("Add its bias: z1 = {s:.1f} - 1 = {z:.1f}.", s=SUMS[0], z=Z[0]),
    Worked(
        "Row 2 times the column: 0.5 × 0.8 + 1 × 0.2 + (-2) × 1 = {s:.1f}. Add its bias: "
        "z2 = {s:.1f} + 1 = {z:.1f}.",
        s=SUMS[1],
        z=Z[1],
    ),
    Worked(
        "Squish each: a1 = σ({z[0]:.1f}) ≈ {a[0]:.2f} and a2 = σ({z[1]:.1f}) ≈ {a[1]:.2f}.",
        z=Z,
        a=[s(z) for z in Z],
    ),
    Worked(
        "So this layer turns the inputs 0.8, 0.2 and 1 into the activations {a[0]:.2f} and {a[1]:.2f}",
        a=[s(z) for z in Z],
    ),
    Worked("with b = {b}, the weighted sum must reach {t} before", b=THRESHOLD_BIAS, t=-THRESHOLD_BIAS),
    Worked("with σ(0) = {h}.", h=s(0)),
]

# Practice: the neuron of question 1, another layout, and the exercise's layer.
Q1_A, Q1_W, Q1_B = np.array([1, 0.5, 0]), np.array([0.4, -2, 5]), 0.6
Q1_Z = float(Q1_W @ Q1_A + Q1_B)
EX_W = np.array([[2, -1, 2.5], [-1, 0.5, 5]])
EX_A = np.array([0.5, 1, 0.2])
EX_B = np.array([0.5, -1])
EX_P = EX_W * EX_A
EX_Z = EX_P.sum(axis=1) + EX_B


def layout(hidden):
    """Weights, biases and total of 784-hidden-10, with the per-layer products."""
    weights, biases = count_parameters((784, hidden, 10))
    return dict(w1=784 * hidden, w2=hidden * 10, w=weights, b1=hidden, b=biases, t=weights + biases)


practice = [
    Given("784-32-10"),
    Given("784-30-10"),
    Given("784-100-10"),
    Given("A neuron has inputs 1, 0.5 and 0, weights 0.4, -2 and 5, and bias 0.6. What are z and a?"),
    Worked(
        "z = 0.4 × 1 + (-2) × 0.5 + 5 × 0 + 0.6 = {p[0]:.1f} - {q:g} + {p[2]:g} + 0.6 = {z:g}, "
        "so a = σ({z:g}) = {a}: half on. The weight of 5 did nothing, because the input it multiplies is 0.",
        p=Q1_W * Q1_A,
        q=-(Q1_W * Q1_A)[1],
        z=Q1_Z + 0.0,
        a=s(Q1_Z),
    ),
    Given("You raise a neuron's bias from -3 to -1."),
    Worked(
        "Its weighted input z is {d} higher for every possible input, so it turns on more easily: it is "
        "half on once the weighted sum reaches {t1}, instead of {t0}.",
        d=-1 - -3,
        t1=-(-1),
        t0=-(-3),
    ),
    Worked("of hidden layer 2: {n} numbers.", n=16),
    Worked(
        "Weights: 784 × 32 + 32 × 10 = {w1:,} + {w2} = {w:,}. Biases: 32 + 10 = {b}. In all, {t:,} "
        "parameters: about twice the digit network's 13,002",
        **layout(32),
    ),
    Worked("784-30-10\n784 × 30 + 30 × 10 = {w1:,} + {w2} = {w:,}\n30 + 10 = {b}\n{t:,}", **layout(30)),
    Worked(
        "784-100-10\n784 × 100 + 100 × 10 = {w1:,} + {w2:,} = {w:,}\n100 + 10 = {b}\n{t:,}", **layout(100)
    ),
    Worked("each extra hidden neuron brings {n} new weights with it", n=784),
    Given("Neuron 1 has weights 2, -1 and 2.5 and bias 0.5; neuron 2 has weights -1, 0.5 and 5 and bias -1."),
    Given("A layer of two neurons has the inputs 0.5, 1 and 0.2."),
    Worked("W is {r} × {c}: one row per neuron", r=EX_W.shape[0], c=EX_W.shape[1]),
    Worked(
        "2 -1 2.5 ; -1 0.5 5 0.5 ; 1 ; 0.2 + 0.5 ; -1 = {p[0][0]:g} - {q:g} + {p[0][2]:g} + 0.5 ; "
        "{p[1][0]:g} + {p[1][1]:g} + {p[1][2]:g} - 1 = {z[0]:g} ; {z[1]:g}",
        p=EX_P,
        q=-EX_P[0][1],
        z=EX_Z + 0.0,
    ),
    Worked(
        "So z1 = {z[0]:g} and z2 = {z[1]:g}. On the curve, σ({z[0]:g}) is a little under three quarters, "
        "a1 ≈ {a1:.2f}, and a2 = σ({z[1]:g}) = {a2} exactly",
        z=EX_Z + 0.0,
        a1=s(EX_Z[0]),
        a2=s(EX_Z[1]),
    ),
    Worked("The demo shows neuron 1's z = {z:g} and a ≈ {a:.2f}.", z=EX_Z[0], a=s(EX_Z[0])),
    # flashcards
    Worked(
        "with b = {b}, the weighted sum must reach {t} before the neuron is half on.",
        b=THRESHOLD_BIAS,
        t=-THRESHOLD_BIAS,
    ),
    Worked("σ(0) = {h}, near 1 for large z", h=s(0)),
    Worked(
        "{w:,}: one per connection between adjacent layers, 784 × 16 + 16 × 16 + 16 × 10 = 12,544 + 256 + 160.",
        w=count_parameters((784, 16, 16, 10))[0],
    ),
    Worked(
        "{b}: one per neuron outside the input layer, 16 + 16 + 10.", b=count_parameters((784, 16, 16, 10))[1]
    ),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
