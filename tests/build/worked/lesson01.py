"""Lesson 1: the image's size, MNIST's size, reading the guess, a network for letters."""

import math

import numpy as np

from .declare import Given, Page, Worked

LESSON = "lessons/01-what-a-network-is/"
PRACTICE = LESSON + "practice/"

Q4 = np.array([0.05, 0.10, 0.02, 0.61, 0.01, 0.30, 0.00, 0.08, 0.44, 0.03])
GUESS = int(np.argmax(Q4))  # the network's guess: the most active output
RUNNER_UP = int(np.argsort(Q4)[-2])

lesson = [
    Worked("The image is a grid of 28 × 28 = {n} small squares", n=28 * 28),
    Worked(
        "a public collection of {n:,} handwritten digits (60,000 for training networks and 10,000 for "
        "testing them)",
        n=60000 + 10000,
    ),
    Given("If output 7 holds 0.92 and every other output holds less, the guess is 7."),
    Given("Your drawing is fitted into a 20 × 20 box"),
    Given("A handwritten 7 from our data set."),
    Given("so the network answers 7."),
    Given("rounded to two decimals: 1.00 is a pixel just short of full ink, 1 is full ink."),
]

practice = [
    Given(
        "The outputs are 0.05, 0.10, 0.02, 0.61, 0.01, 0.30, 0.00, 0.08, 0.44, 0.03 for the digits 0 to 9."
    ),
    Worked(
        "{g}: output {g} holds {v:.2f}, the largest of the ten. The runner-up is {r} ({u:.2f}), which tells you "
        "the network is not very sure, but its guess is still {g}.",
        g=GUESS,
        v=Q4[GUESS],
        r=RUNNER_UP,
        u=Q4[RUNNER_UP],
    ),
    Worked("Because each image is 28 × 28 = {n} pixels", n=28 * 28),
    Given("from images of 32 × 32 pixels."),
    Worked("Input layer: 32 × 32 = {n:,} neurons", n=32 * 32),
    Worked("Output layer: {n} neurons, one per letter.", n=26),
    Worked(
        "If you were tempted to give the output layer {b} neurons ({n} letters fit in {b} binary digits)",
        b=math.ceil(math.log2(26)),
        n=26,
    ),
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
