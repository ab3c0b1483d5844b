"""What the in-page demos ask of the network.

The page's worker runs Pyodide, imports this package, calls ``setup`` once and then
``call(name, options_json)`` for each request. All the numerical work is done by
``pylib.network``, the same code the lessons show. Each lesson's demos live in a
module of their own and register their functions with ``@demo``.

The page checks every value a reader types before it gets here; ``check`` repeats
those checks, so a value that slipped through still gets a clear message.
"""

# Each lesson's demo functions, registered with @demo when their module is imported.
from . import (backprop_calculus, backprop_intuition, cost, gradient_descent, look_inside,  # noqa: F401
               neurons, one_step, train, your_digits, your_network)
from .common import FUNCTIONS, LIMITS, DemoError, call, check, demo, session, setup

__all__ = ["FUNCTIONS", "LIMITS", "DemoError", "call", "check", "demo", "session", "setup"]
