"""How a page declares its worked numbers, and how a declaration is checked.

A declaration is a piece of the page's text exactly as a reader reads it, with a slot
``{name:format}`` wherever a number is computed; the computed values are passed in as
keywords, worked out in the declaration module from pylib (the formulas stay readable
there). The check renders the text with those values, formats each to the digits the
page shows, and looks for it on the built page: a wrong digit anywhere on the page, in
a slot or in the given numbers around it, and the piece is not found.

    Worked("Add the bias: z = 1.9 - 1 = {z:.1f}.", z=1.9 - 1)

Numbers written literally in a declaration are its given inputs (the example's
weights, say); the slots are the numbers it recomputes.
"""

import re
import string
from dataclasses import dataclass, field

from .pagetext import NUMBER, normalise


def clean(value):
    """A computed value without float noise: 0.30000000000000004 is 0.3, -0.0 is 0."""
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        value = value.tolist() if hasattr(value, "tolist") else value
        if isinstance(value, list):
            return [clean(v) for v in value]
    if isinstance(value, float):
        return round(value, 12) + 0.0
    return value


class Worked:
    """One piece of a page's text with its computed numbers."""

    def __init__(self, template, **values):
        self.template = template
        self.values = {name: clean(value) for name, value in values.items()}
        formatter = string.Formatter()
        fields = [(name, spec) for _, name, spec, _ in formatter.parse(template) if name is not None]
        missing = {name.split(".")[0].split("[")[0] for name, _ in fields} - set(self.values)
        if missing:
            raise ValueError(f"no value for {sorted(missing)} in {template!r}")
        # how many numbers the slots put on the page (a slot may hold a whole row of them)
        self.computed = sum(
            max(
                1,
                len(
                    NUMBER.findall(
                        normalise(format(formatter.get_field(name, (), self.values)[0], spec or ""))
                    )
                ),
            )
            for name, spec in fields
        )

    @property
    def text(self):
        return normalise(self.template.format(**self.values))

    def __repr__(self):
        return f"Worked({self.text!r})"


def Given(text):
    """A piece of text whose numbers are all inputs (a question's data, say): nothing to compute."""
    return Worked(text.replace("{", "{{").replace("}", "}}"))


@dataclass
class Page:
    """A built page (its path in the site, "lessons/02-…/") and its declarations."""

    path: str
    worked: list = field(default_factory=list)
    given: tuple = ()  # numbers that are inputs wherever they appear on this page

    @property
    def source(self):
        """The Markdown file the page is built from, relative to docs/."""
        path = self.path.strip("/")
        if not path:
            return "index.md"
        if path.startswith("lessons/"):
            return (
                f"{path.removesuffix('/practice')}/{'practice' if path.endswith('/practice') else 'index'}.md"
            )
        return f"{path}.md"


# Numbers that name things rather than measure them: lesson 3, chapter 2, equation 4,
# layer 1, output 7, hidden neuron 5, question 3, Track 13 ... and ranges of them
# ("lessons 3 to 7", "layers 1 and 2", "lessons 5-6"), numbered steps "(1)" and "1.",
# "about 10 minutes", and a digit named as a digit ("an image of a 3", "the 8").
LABEL_WORDS = (
    r"lessons?|chapters?|Track|equations?|questions?|part|layers?|outputs?|neurons?|rows?|columns?"
    r"|BP|digits?|steps?|epochs?|knobs?|item"
)
LABELS = re.compile(
    rf"(?:\b(?:{LABEL_WORDS})\s+)\d+(?!\.?\d)(?:\s*(?:,|and|or|to|-|–)\s*\d+(?!\.?\d))*"
    r"|^\d+\.(?=\s)|\(\d\)|\b\d+(?= minutes\b)"
    # a digit named as a digit: "an image of a 3", "the 8", "saying "3""
    r"|\b(?:the|a|an)\s+\d(?![\d]|[.,]\d)|\"\d\"",
    re.M | re.I,
)


@dataclass
class Checked:
    """What checking one text against its declarations found."""

    missing: list = field(default_factory=list)  # declarations not found in the text
    uncovered: list = field(default_factory=list)  # (number, context) neither declared nor given
    computed: int = 0  # numbers recomputed (slots of found declarations)
    found: int = 0  # declarations found


def check(text, worked, given=(), extra=()):
    """Check a normalised text against its declarations.

    ``worked``: this text's declarations (each must be found); ``extra``: declarations
    that may or may not occur here (the course's facts, 13,002 and the like); ``given``:
    numbers accepted wherever they stand (inputs, and build stats the page quotes).
    """
    result = Checked()
    covered = bytearray(len(text))

    def cover(start, end):
        covered[start:end] = b"\x01" * (end - start)

    for declaration in worked:
        needle = declaration.text
        spans = [m.start() for m in re.finditer(re.escape(needle), text)]
        if not spans:
            result.missing.append(declaration)
            continue
        result.found += 1
        result.computed += declaration.computed
        for start in spans:
            cover(start, start + len(needle))
    for declaration in extra:
        needle = declaration.text
        for m in re.finditer(rf"(?<![\w.,]){re.escape(needle)}(?![\w]|[.,]\d)", text):
            cover(m.start(), m.end())
    for m in LABELS.finditer(text):
        cover(m.start(), m.end())
    given = {normalise(g) for g in given}
    for m in NUMBER.finditer(text):
        if all(covered[m.start() : m.end()]) or m.group() in given:
            continue
        context = text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
        result.uncovered.append((m.group(), context))
    return result
