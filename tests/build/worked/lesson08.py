"""Lesson 8 and its closing practice page: few numbers, all of them the course's facts
(13,002), labels (Track 13, lesson 5) or the matching exercise's given pairs."""

from .declare import Given, Page, Worked

LESSON = "lessons/08-seeing-it-whole/"
PRACTICE = LESSON + "practice/"

# The matching exercise: metaphor (left) to technical counterpart (right)
PAIRS = {"A": 3, "B": 5, "C": 1, "D": 2, "E": 4}

lesson = [
    Given("After the four chapters this course follows"),
    Given("this 7 among them"),
]

practice = [
    Given("Write your five pairs, such as A → 2, before you open the answer."),
    Given("1. The cost (how wrong the network is)"),
    Given("2. Backpropagation"),
    Given("3. The weights and biases"),
    Given("4. A gradient-descent step"),
    Given("5. The current setting of all the parameters"),
    Given("slightly less wrong about this 7."),
    *[Worked("{k} → {v}. ", k=k, v=v) for k, v in PAIRS.items()],
]

PAGES = [Page(LESSON, lesson), Page(PRACTICE, practice)]
