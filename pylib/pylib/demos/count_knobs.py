"""Lesson 2, "Count the knobs": how many weights and biases a network of given layer sizes has."""

from ..network import count_parameters
from .common import DemoError, check, demo


@demo
def count_knobs(options):
    """Weights and biases of a fully connected network with the reader's layer sizes.

    Each layer after the input has one weight per link from the layer before and one bias
    per neuron (``pylib.network.count_parameters``).

    Options:
        sizes: the layers from input to output, such as [784, 16, 16, 10]
            (``LIMITS["layer_count"]`` layers of ``LIMITS["layer_size"]`` neurons)
    Returns:
        sizes: the sizes, as checked
        layers: for each layer l after the input: layer, inputs, neurons, weights, biases, parameters
        weights: all the weights
        biases: all the biases
        parameters: weights + biases
    """
    sizes = options.get("sizes")
    if not isinstance(sizes, list):
        raise DemoError("sizes must be a list of layer sizes")
    check("layer_count", len(sizes))
    sizes = [check("layer_size", n) for n in sizes]
    layers = []
    for l in range(1, len(sizes)):
        weights, biases = count_parameters(sizes[l - 1 : l + 1])
        layers.append(
            {
                "layer": l,
                "inputs": sizes[l - 1],
                "neurons": sizes[l],
                "weights": weights,
                "biases": biases,
                "parameters": weights + biases,
            }
        )
    weights, biases = count_parameters(sizes)
    return {
        "sizes": sizes,
        "layers": layers,
        "weights": weights,
        "biases": biases,
        "parameters": weights + biases,
    }
