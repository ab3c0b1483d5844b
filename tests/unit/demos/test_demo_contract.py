import base64
import inspect
import json
import re
from pathlib import Path

from pylib import Network, demos

ROOT = Path(__file__).resolve().parents[3]


def test_setup_reports_what_it_loaded(site_dir):
    data = site_dir / "data"
    info = json.loads(
        demos.setup(str(data / "digits.npz"), str(data / "shipped-weights.npz"), str(data / "one-step.npz"))
    )
    assert info == {"train_images": 4000, "test_images": 1000, "sizes": [784, 16, 16, 10]}


def test_no_demo_module_names_a_data_path():
    """The page's worker puts the build's files where it likes and gives setup() every
    path: no demo module may assume one."""
    for module in sorted((ROOT / "pylib" / "pylib" / "demos").glob("*.py")):
        text = module.read_text()
        assert not re.search(r"[\"']/data/|\.npz[\"']", text), f"{module.name} names a data file"


# ------------------------------------------------------------------ each demo function's documented contract

# A reader's network as the page sends it (a random 784-16-16-10 one, as Network.to_bytes writes it).
YOUR_NETWORK = {
    "key": "sample",
    "npz": base64.b64encode(Network([784, 16, 16, 10], seed=1).to_bytes()).decode("ascii"),
}

# One call of each demo function, as the page makes it: the documentation check below
# runs each and compares what it read and returned with its docstring.
SAMPLES = {
    "look_inside": {"index": 7, "weights": "shipped"},
    "one_neuron": {"activations": [1, 0.5, 0.2], "weights": [2, -1, 0.5], "bias": -1, "curve": True},
    "count_knobs": {"sizes": [784, 16, 16, 10]},
    "weight_pictures": {"weights": "shipped"},
    "score_guess": {"index": 3, "weights": "shipped"},
    "score_guess_average": {},
    "downhill_landscape": {"landscape": "two-valleys"},
    "downhill_descend": {"landscape": "bowl", "start": [3], "learning_rate": 0.1, "steps": 50},
    "biggest_nudges": {
        "weights": "random",
        "weights_seed": 2,
        "batch_seed": 1,
        "mini_batch_size": 100,
        "learning_rate": 1.0,
    },
    "image_wants": {"index": 12, "network": "shipped"},
    "minibatch_landscape": {},
    "minibatch_paths": {
        "start": [-2, 3],
        "learning_rate": 0.3,
        "mini_batch_size": 10,
        "epochs": 10,
        "seed": 0,
    },
    "chain_rule": {"a_prev": 1, "w": 0.5, "b": 0, "y": 1},
    "gradient_check": {"kind": "weight", "layer": 1, "j": 1, "k": 1, "h": 1e-5},
    "train": {
        "learning_rate": 3.0,
        "mini_batch_size": 10,
        "epochs": 1,
        "seed": 0,
        "train_size": 200,
        "hidden_sizes": [16, 16],
    },
    "trained_network": {},  # after "train" above, which leaves a trained network
    "check_network": {"npz": YOUR_NETWORK["npz"]},
    "score_your_digits": {
        "digits": [{"pixels": base64.b64encode(bytes(784)).decode("ascii"), "label": 3}],
        "weights": "yours",
        "your_network": YOUR_NETWORK,
    },
    "inspect": {"index": 5, "network": "trained"},
    "misread": {"offset": 0, "digit": 3},
    "one_step": {"learning_rate": 0.3},
}


def documented(function):
    """The names a demo function's docstring gives under Options: and Returns:/Yields:."""
    doc = inspect.getdoc(function) or ""
    sections, current = {}, None
    for line in doc.splitlines():
        if line in ("Options:", "Returns:", "Yields:"):
            current = sections.setdefault(line.rstrip(":"), set())
        elif current is not None and line.startswith("    ") and not line.startswith("     "):
            entry = line.strip()
            if entry != "(none)" and not entry.startswith("None "):
                names = entry.split(":", 1)[0]
                current.update(name.strip() for name in names.split(","))
    return sections


class Recording(dict):
    """Options that note every key a demo function (or a helper of it) looks up."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def test_every_demo_function_documents_its_options_and_result():
    assert set(SAMPLES) == set(demos.FUNCTIONS), "give a new demo function a sample call here"
    for name, function in demos.FUNCTIONS.items():
        sections = documented(function)
        assert "Options" in sections, f"{name}: its docstring has no Options: section"
        assert ("Returns" in sections) != ("Yields" in sections), f"{name}: Returns: or Yields:, once"


def test_each_demo_reads_and_returns_only_what_it_documents(session):
    for name, sample in SAMPLES.items():
        function = demos.FUNCTIONS[name]
        sections = documented(function)
        options = Recording(sample)
        result = function(options)
        results = [r for r in result if r is not None] if inspect.isgenerator(result) else [result]
        assert results, name
        assert options.read <= sections["Options"], (
            f"{name} reads undocumented options {options.read - sections['Options']}"
        )
        assert set(sample) <= sections["Options"], f"{name}: the sample sends undocumented options"
        keys = set().union(*(set(r) for r in results))
        given = sections.get("Returns", sections.get("Yields"))
        assert keys <= given, f"{name} returns undocumented keys {keys - given}"


def test_pylib_imports_nothing_the_sites_numpy_leaves_out():
    """The site serves NumPy without the subpackages pylib never imports
    (sitebuild/numpy_wheel.py); importing every demo in a fresh interpreter proves pylib
    still never imports one (type hints from numpy.typing only while type checking)."""
    import subprocess
    import sys

    from sitebuild.numpy_wheel import DROP_EXTENSIONS, DROP_FILES, DROP_FOLDERS

    left_out = [f.rstrip("/").replace("/", ".") for f in DROP_FOLDERS]
    left_out += [f.removesuffix(".py").replace("/", ".") for f in DROP_FILES]
    left_out += [f.replace("/", ".") for f in DROP_EXTENSIONS]
    code = "import sys, pylib.demos; print('\\n'.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    used = sorted({m for m in loaded.split() for gone in left_out if m == gone or m.startswith(gone + ".")})
    assert not used, f"pylib imports modules the site's NumPy leaves out: {used}"
