"""The pages around the lessons: home, glossary, symbols, credits."""

import math

from pylib import DEFAULT_SIZES

from .declare import Given, Page, Worked
from .lesson06 import SLOWER

GLOSSARY = [
    Worked(
        "For the digit network one gradient would take {n:,} extra forward passes (one-sided) or {m:,} "
        "(central).",
        n=13002,
        m=2 * 13002,
    ),
    Worked(
        "For an output whose target is 0, at z = {z2} it learns about {r:.0f} times more slowly than at "
        "z = {z1}.",
        z2=5,
        r=SLOWER,
        z1=0,
    ),
    Worked("with σ(0) = {h}.", h=0.5),
    Given("Layer · l (numbered 0 to L = 3)"),
    Given("Output layer · layer L = 3"),
]

CREDITS = [
    Worked(
        "Because we train on {part} of MNIST's training set (4,000 of its 60,000 images)",
        part={15: "a fifteenth", 12: "a twelfth", 10: "a tenth"}.get(60000 // 4000, "?")
        if 60000 % 4000 == 0
        else "?",
    ),
    Given("Creative Commons Attribution-Share Alike 3.0 licence"),
    Given("CC BY-SA 3.0"),
    Given("SHA-256"),
    Given("(the handwritten 7 in lesson 1)"),
    Given("Mozilla Public License 2.0"),
    Given("Apache 2.0"),
    Given("MPL 2.0"),
]

SYMBOLS = [
    Given("the input is layer 0, the hidden layers 1 and 2, the output layer 3"),
    Worked("a fixed number, about {e:.3f};", e=math.e),
    Given("np.sum(v ** 2)"),
    Worked("the number of the output layer: L = {L}", L=len(DEFAULT_SIZES) - 1),
    Worked("output 3 is row {row} of weights[{layer}]", row=3, layer=len(DEFAULT_SIZES) - 2),
]

PAGES = [
    Page("", []),
    Page("glossary/", GLOSSARY),
    Page("symbols/", SYMBOLS),
    Page("credits/", CREDITS),
]
