"""The reader's own network: the one they trained in lesson 7 or loaded from a file.

The page keeps it (in the browser's IndexedDB) as the ``.npz`` bytes that
``Network.to_bytes`` writes and ``Network.load`` reads, and sends those bytes, in
base64, with any request that chose ``"yours"``. Every such file is checked here
before it is used, because it may come from anywhere: ``np.load`` with
``allow_pickle=False`` (so nothing in it is ever executed), only the arrays a network
has, layer sizes the site's demos allow, float arrays of the shapes those sizes give,
finite values.
"""

import base64
import binascii
import io
import zipfile

import numpy as np

from ..network import Network
from .common import LIMITS, DemoError, demo, session

# A file larger than this is refused before it is read (the page checks it too, before
# sending). The largest network a reader can train, 784-128-128-128-10, takes about
# 0.5 MB as float32; float64 doubles that; 2 MB leaves room without inviting abuse.
MAX_BYTES = 2 * 1024 * 1024
# No array may unpack to more than this (a zip bomb's way in): the largest allowed
# network's biggest array, 128 × 784 float64, is 0.8 MB.
MAX_ARRAY_BYTES = 1024 * 1024
INPUTS, OUTPUTS = 784, 10


def _refuse(text):
    raise DemoError(f"This is not a network the course can use: {text}.")


def expected_names(layers):
    """The arrays a network file with ``layers`` weight layers holds, as Network.to_bytes names them."""
    return {"sizes"} | {f"{kind}{l}" for kind in ("weights", "biases") for l in range(1, layers + 1)}


def network_from_npz(data):
    """A Network from the bytes of an ``.npz`` file, or a DemoError that says what is wrong.

    Checked: the size, that it is a zip with only ``.npy`` members, loaded with
    ``allow_pickle=False``; ``sizes`` a list of whole numbers 784, up to three hidden
    layers of 1–128 (``LIMITS``), 10; exactly the arrays ``sizes``, ``weights1``…,
    ``biases1``…; each weight matrix (n_l × n_{l−1}) and bias column (n_l × 1) a float
    array of that shape; every value finite.
    """
    if not isinstance(data, (bytes, bytearray)):
        _refuse("no file arrived")
    if len(data) > MAX_BYTES:
        _refuse(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if any(not m.filename.endswith(".npy") for m in members):
                _refuse("it holds something other than NumPy arrays")
            if any(m.file_size > MAX_ARRAY_BYTES for m in members):
                _refuse("one of its arrays is far larger than any network the course trains")
        stored = np.load(io.BytesIO(data), allow_pickle=False)
    except DemoError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError):
        _refuse("it is not a NumPy .npz file (or it is damaged)")
    with stored:
        names = set(stored.files)
        if "sizes" not in names:
            _refuse("it has no 'sizes' array")
        try:
            sizes = stored["sizes"]
        except (ValueError, OSError, EOFError, zipfile.BadZipFile):
            _refuse("its 'sizes' array cannot be read (the file is damaged, or holds Python objects)")
        if sizes.ndim != 1 or sizes.dtype.kind not in "iu":
            _refuse("'sizes' must be a list of whole numbers")
        sizes = tuple(int(n) for n in sizes)
        hidden = sizes[1:-1]
        rule = LIMITS["hidden_size"]
        if (
            len(sizes) < 2
            or sizes[0] != INPUTS
            or sizes[-1] != OUTPUTS
            or len(hidden) > LIMITS["hidden_layers"]["max"]
            or any(not rule["min"] <= n <= rule["max"] for n in hidden)
        ):
            _refuse(
                f"its layer sizes {'-'.join(map(str, sizes))} are not 784, up to "
                f"{LIMITS['hidden_layers']['max']} hidden layers of {rule['min']}–{rule['max']} neurons, then 10"
            )
        layers = len(sizes) - 1
        if names != expected_names(layers):
            extra, missing = sorted(names - expected_names(layers)), sorted(expected_names(layers) - names)
            _refuse(
                "its arrays should be sizes, weights1…, biases1… "
                + (f"(missing: {', '.join(missing)})" if missing else f"(unexpected: {', '.join(extra[:5])})")
            )
        weights: list[np.ndarray] = []
        biases: list[np.ndarray] = []
        for l in range(1, layers + 1):
            for kind, shape, into in (
                ("weights", (sizes[l], sizes[l - 1]), weights),
                ("biases", (sizes[l], 1), biases),
            ):
                try:
                    array = stored[f"{kind}{l}"]
                except (ValueError, OSError, EOFError, zipfile.BadZipFile):
                    _refuse(f"'{kind}{l}' cannot be read (the file is damaged, or holds Python objects)")
                if array.dtype.kind != "f":
                    _refuse(f"'{kind}{l}' must hold decimal numbers, not {array.dtype}")
                if array.shape != shape:
                    _refuse(
                        f"'{kind}{l}' has shape {array.shape}, but layer sizes {'-'.join(map(str, sizes))} "
                        f"need {shape}"
                    )
                if not np.all(np.isfinite(array)):
                    _refuse(f"'{kind}{l}' holds values that are not finite numbers (NaN or infinity)")
                into.append(array.astype(float))
    network = Network.__new__(Network)
    network.sizes, network.weights, network.biases = sizes, weights, biases
    return network


def _decode(text):
    if not isinstance(text, str) or len(text) > 4 * MAX_BYTES // 3 + 8:
        _refuse(f"the file must be at most {MAX_BYTES // (1024 * 1024)} MB")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        _refuse("it did not arrive as base64")


_cache: dict[str, Network] = {}  # key → Network: the page sends the same network with many requests


def your_network(options):
    """The network in ``options["your_network"]`` ({key, npz: base64}), checked, kept by key."""
    given = options.get("your_network")
    if not isinstance(given, dict) or not isinstance(given.get("key"), str):
        raise DemoError(
            "Your network did not come with this request: choose it again, or train one in lesson 7."
        )
    key = given["key"][:100]
    if key not in _cache:
        network = network_from_npz(_decode(given.get("npz")))
        _cache.clear()  # one reader has one network at a time
        _cache[key] = network
    return _cache[key]


def held_out_accuracy(network):
    digits = session().digits
    return network.evaluate(*digits.test)["accuracy"]


@demo
def check_network(options):
    """A network file a reader loaded, checked before use (see ``network_from_npz``).

    Options:
        npz: the file's bytes, base64 (at most ``MAX_BYTES`` before encoding)
    Returns:
        sizes: the network's layer sizes
        test_accuracy: its accuracy on the 1,000 held-out images
    """
    network = network_from_npz(_decode(options.get("npz")))
    return {"sizes": list(network.sizes), "test_accuracy": held_out_accuracy(network)}


@demo
def trained_network(options):
    """The network the Train demo trained last, to keep as the reader's own network.

    Options:
        (none)
    Returns:
        npz: the network as ``Network.to_bytes`` writes it (float32), base64
        sizes: its layer sizes
        test_accuracy: its held-out accuracy as stored (float32)
    """
    trained = session().trained
    if trained is None:
        raise DemoError("There is no trained network in this page's runtime: press Train first.")
    data = trained.to_bytes()
    stored = Network.from_bytes(data)
    return {
        "npz": base64.b64encode(data).decode("ascii"),
        "sizes": list(stored.sizes),
        "test_accuracy": held_out_accuracy(stored),
    }
