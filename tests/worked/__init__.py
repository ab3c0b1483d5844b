"""Every worked number of the course, declared beside the computation that gives it.

One module per lesson (``lesson02.py`` ...) declares the numbers of the lesson and of
its practice page, and ``pages.py`` those of the other pages; ``figures.py`` declares
the numbers drawn in the lessons' figures. ``tests/test_worked_numbers.py`` checks every
declaration against the built site and that no other number stands on a page
undeclared. How to declare a number: see ``declare.py``.
"""

from . import lesson02, lesson04, lesson05, lesson06, lesson07

PAGES = [*lesson02.PAGES, *lesson04.PAGES, *lesson05.PAGES, *lesson06.PAGES, *lesson07.PAGES]
