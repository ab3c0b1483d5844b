"""pylib: the 784-16-16-10 digit network of the course, in plain Python and NumPy.

from pylib import Network, load_digits
digits = load_digits("digits.npz")
network = Network((784, 16, 16, 10), seed=0)
for report in network.train(*digits.training, epochs=30, mini_batch_size=10,
                            learning_rate=3.0, test=digits.test):
    print(report)
"""

from .data import Digits, load_digits
from .network import DEFAULT_SIZES, Network, count_parameters, one_hot, sigmoid, sigmoid_prime

__version__ = "0.1.0"
__all__ = [
    "DEFAULT_SIZES",
    "Digits",
    "Network",
    "count_parameters",
    "load_digits",
    "one_hot",
    "sigmoid",
    "sigmoid_prime",
]
