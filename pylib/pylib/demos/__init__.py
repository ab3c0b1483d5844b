"""What the in-page demos ask of the network.

The page's worker runs Pyodide, imports this package, calls ``setup`` once and then
``call(name, options_json)`` for each request. All the numerical work is done by
``pylib.network``, the same code the lessons show. Each lesson's demos live in a
module of their own and register their functions with ``@demo``.

The page checks every value a reader types before it gets here; ``check`` repeats
those checks, so a value that slipped through still gets a clear message.
"""

from . import train  # noqa: F401  (registers the lesson's demo functions)
from . import cost, look_inside, neurons  # noqa: F401  (lessons 1–3)
from .common import FUNCTIONS, LIMITS, DemoError, call, check, demo, session, setup

__all__ = ["FUNCTIONS", "LIMITS", "DemoError", "call", "check", "demo", "session", "setup"]
