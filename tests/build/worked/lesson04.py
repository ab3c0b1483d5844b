"""Lesson 4: descent on x², the first-order prediction ΔC ≈ −η‖∇C‖², a step on two knobs."""

import math

import numpy as np

from pylib.landscapes import Bowl, LongValley, descend

from .declare import Given, Page, Worked

LESSON = "lessons/04-gradient-descent/"
PRACTICE = LESSON + "practice/"

PARAMETERS = 13002
DIGITS = math.floor(PARAMETERS * math.log10(2)) + 1  # digits of 2^13002


def walk(eta, steps=4, start=3.0):
    """x on the bowl x², from x = 3, as pylib's descent takes it."""
    path, _ = descend(Bowl(), [start], eta, steps)
    return [float(p["position"][0]) for p in path]


def arrows(xs):
    return " → ".join(f"{x:g}" for x in xs)


def factor(eta):
    return 1 - 2 * eta


# η = 0.001: steps to halve the distance to the bottom, (0.998)^k = 1/2
HALVING = math.log(0.5) / math.log(factor(0.001))

# One knob: x² at x = 3, moved by −0.1.
BOWL = Bowl()
SLOPE_AT_3 = float(BOWL.gradient([3.0])[0])
AFTER = float(BOWL.height([2.9]))

# Two knobs: the long valley of Roll downhill.
VALLEY = LongValley()


def step(start, eta):
    start = np.array(start, dtype=float)
    slope = VALLEY.gradient(start)
    move = -eta * slope
    end = start + move
    before, after = float(VALLEY.height(start)), float(VALLEY.height(end))
    return dict(
        slope=slope,
        move=move,
        end=end,
        terms=slope * move,
        predicted=-eta * float(slope @ slope),
        norm2=float(slope @ slope),
        before=before,
        after=after,
        change=after - before,
    )


LESSON_STEP = step([1, 1], 0.05)
SMALL_STEP = step([1, 1], 0.01)
PRACTICE_STEP = step([3, 1], 0.05)

L, S, P = LESSON_STEP, SMALL_STEP, PRACTICE_STEP

# The lesson's slopes at (1, 1), found by nudging each knob alone by 0.001 (one-sided, as lesson 4 reads a slope).
NUDGE = 0.001
NUDGED = [float(VALLEY.height([1 + NUDGE, 1])), float(VALLEY.height([1, 1 + NUDGE]))]

VALLEY_FORMULA = Given("C = ¼ (w1 - 1)^2 + 2 (w2 - ½ w1)^2")

lesson = [
    VALLEY_FORMULA,
    Given(
        "and start at x = 3. Its slope at x is 2x: nudge x by a tiny amount h and the height grows by "
        "(x + h)^2 - x2 = 2xh + h2, so by 2x + h per unit of nudge, which is 2x once h is tiny."
    ),
    Worked("there would be 2^13002 settings, a number with {d:,} digits.", d=DIGITS),
    Worked("0.1\n{f:.1f}\n{xs}\n", f=factor(0.1), xs=arrows(walk(0.1))),
    Worked("1\n{f:g}\n{xs}\n", f=factor(1), xs=arrows(walk(1))),
    Worked("1.1\n{f:.1f}\n{xs}\n", f=factor(1.1), xs=arrows(walk(1.1))),
    Worked(
        "with η = 0.001 each step multiplies x by {f:g}, and it takes about {k:.0f} steps just to halve",
        f=factor(0.001),
        k=round(HALVING, -1),
    ),
    Worked(
        "On x2 at x = 3 the slope is {g:g}, so moving x by -0.1 should lower the height by about "
        "{g:g} × 0.1 = {p:g}. It really drops from {h:g} to 2.9^2 = {a:.2f}, by {d:.2f}",
        g=SLOPE_AT_3,
        p=SLOPE_AT_3 * 0.1,
        h=float(BOWL.height([3.0])),
        a=AFTER,
        d=9 - AFTER,
    ),
    Worked(
        "Stand at w1 = 1, w2 = 1, where the height is C = {h:g}. The slopes there come from nudging",
        h=L["before"],
    ),
    Given("Step with η = 0.05:"),
    Worked(
        "move w1 alone to 1.001 and C changes by about {d1:.3f}; move w2 alone to 1.001 and it changes by "
        "about {d2:+.3f}. Divided by the nudge of 0.001, the slopes are about {s1:.0f} and {s2:.0f} (exactly "
        "{g[0]:g} and {g[1]:g}, as calculus confirms).",
        d1=NUDGED[0] - L["before"],
        d2=NUDGED[1] - L["before"],
        s1=(NUDGED[0] - L["before"]) / NUDGE,
        s2=(NUDGED[1] - L["before"]) / NUDGE,
        g=L["slope"],
    ),
    Worked(
        "slope there\n{s[0]:g}\n{s[1]:g}\nstep, -η × slope\n{m[0]:+g}\n{m[1]:g}\nnew value\n{e[0]:g}\n{e[1]:g}\n"
        "slope × step\n{t[0]:g}\n{t[1]:g}",
        s=L["slope"],
        m=L["move"],
        e=L["end"],
        t=L["terms"],
    ),
    Worked(
        "Δ C ≈ {t[0]:g} - {mt:g} = {p:g}, which is -η ‖ ∇ C‖^2 = -0.05 × (({s[0]:g})^2 + {s[1]:g}^2) = "
        "-0.05 × {n:g}.",
        t=L["terms"],
        mt=-L["terms"][1],
        p=L["predicted"],
        s=L["slope"],
        n=L["norm2"],
    ),
    Worked(
        "At the new point the height is about {a:.4f}, so the cost really fell by about {d:.4f}",
        a=L["after"],
        d=-L["change"],
    ),
    Worked(
        "With η = 0.01 the prediction is {p:g} and the real change {c:.4f}", p=S["predicted"], c=S["change"]
    ),
    Worked("start at x = 1, y = 1, set η to 0.05"),
    Given(
        "For x2 from x = 3, each step multiplies x by 1 - 2η: η = 0.1 converges, η = 1 bounces forever, "
        "η = 1.1 diverges."
    ),
    Given("at 0.00001 it barely moves; at 3 or 10 it jumps about"),
]

practice = [
    VALLEY_FORMULA,
    Given("Gradient descent on f(x) = x2 (slope 2x) from x = 3:"),
    Given("One gradient entry is ∂C/∂w = -0.3, another is ∂C/∂b = 0.001."),
    Worked("there would already be 2^13002 settings, a number with {d:,} digits.", d=DIGITS),
    Given("Take four steps with each of η = 0.1, η = 1 and η = 1.1."),
    Worked("η = 0.1: factor {f:.1f}. {xs}.", f=factor(0.1), xs=arrows(walk(0.1))),
    Worked("η = 1: factor {f:g}. {xs}.", f=factor(1), xs=arrows(walk(1))),
    Worked("η = 1.1: factor {f:.1f}. {xs}.", f=factor(1.1), xs=arrows(walk(1.1))),
    Worked("At η = 0.5 the factor is {f:g}: one step lands exactly on the bottom.", f=factor(0.5)),
    Worked("(with η = 0.75: {xs}).", xs=arrows(walk(0.75, 3))),
    Worked("At η = 1 the factor is exactly {f:g}: it bounces forever.", f=factor(1)),
    Given("Between 0 and 1 (that is, 0 < η < 0.5)"),
    Given("Overshooting starts for η > 0.5"),
    Given("While η < 1"),
    Given("For η > 1"),
    Given("For x2 it starts at η > 0.5; at η = 1 it bounces forever; past η = 1 it diverges."),
    # the two-knob exercise
    Worked(
        "stand at w1 = 3, w2 = 1. The height there is {h:g}, and the slopes are {s[0]:g} along w1 and "
        "{s[1]:g} along w2.",
        h=P["before"],
        s=P["slope"],
    ),
    Given("Take one step with η = 0.05"),
    Given("start at x = 3, y = 1, set η to 0.05"),
    Worked(
        "w1 by -0.05 × {s[0]:g} = {m[0]:g}, to {e[0]:g}; w2 by -0.05 × ({s[1]:g}) = {m[1]:+g}, to {e[1]:g}.",
        s=P["slope"],
        m=P["move"],
        e=P["end"],
    ),
    Worked(
        "‖∇ C‖^2 = {s[0]:g}^2 + ({s[1]:g})^2 = {n:g}, so Δ C ≈ -0.05 × {n:g} = {p:g}: the height should "
        "fall from {h:g} to about {a:.1f}.",
        s=P["slope"],
        n=P["norm2"],
        p=P["predicted"],
        h=P["before"],
        a=P["before"] + P["predicted"],
    ),
    Worked(
        "The demo shows a new height of {a:g}: a real change of {c:.4f}.",
        a=round(P["after"], 6),
        c=P["change"],
    ),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
