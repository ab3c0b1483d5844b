"""What the in-page demos ask of the network.

The page's worker runs Pyodide, imports this package, calls ``setup`` once and then
``call(name, options_json)`` for each request. All the numerical work is done by
``pylib.network``, the same code the lessons show. Each demo (the page's
``data-demo="name"``) lives in a module of the same name, ``name_with_underscores.py``,
and registers its functions with ``@demo``; what they share is in ``common.py`` and
``networks.py``.

The page checks every value a reader types before it gets here; ``check`` repeats
those checks, so a value that slipped through still gets a clear message.
"""

# Each demo's functions, registered with @demo when its module is imported.
from . import (  # noqa: F401
    batch_vs_minibatch,
    biggest_nudges,
    chain_rule,
    count_knobs,
    gradient_check,
    look_inside,
    one_neuron,
    one_step,
    roll_downhill,
    score_guess,
    train,
    weight_pictures,
    what_image_wants,
    your_digits,
    your_network,
)
from .common import FUNCTIONS, LIMITS, DemoError, call, check, demo, session, setup

__all__ = ["FUNCTIONS", "LIMITS", "DemoError", "call", "check", "demo", "session", "setup"]
