"""Every worked number of the course, declared beside the computation that gives it.

One module per lesson (``lesson02.py`` ...) declares the numbers of the lesson and of
its practice page, and ``pages.py`` those of the home page, glossary, symbols page and
credits. ``tests/build/test_worked_numbers.py`` checks every declaration against the built
site and that no other number stands on a page undeclared. How to declare a number:
see ``declare.py``.
"""

from . import lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08, pages

PAGES = [
    page
    for module in (lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08, pages)
    for page in module.PAGES
]
