"""`make bench`, the modern peer: TensorFlow.js 4.22 (``@tensorflow/tfjs`` and
``@tensorflow/tfjs-backend-wasm`` from npm, pinned in package.json, installed by
``npm ci``) training the site's network in the bench page (bench/page/tfjs-worker.js),
on its wasm and cpu backends. Served from 127.0.0.1 out of node_modules by the bench's
server only: the site never ships it.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TFJS = ROOT / "node_modules" / "@tensorflow"
# What the bench's server adds under /__bench__/tfjs/ (the wasm backend finds its .wasm files there).
SERVED = {
    "/__bench__/tfjs/tf.min.js": TFJS / "tfjs" / "dist" / "tf.min.js",
    "/__bench__/tfjs/tf-backend-wasm.min.js": TFJS / "tfjs-backend-wasm" / "dist" / "tf-backend-wasm.min.js",
    **{
        f"/__bench__/tfjs/{name}": TFJS / "tfjs-backend-wasm" / "dist" / name
        for name in (
            "tfjs-backend-wasm.wasm",
            "tfjs-backend-wasm-simd.wasm",
            "tfjs-backend-wasm-threaded-simd.wasm",
        )
    },
}


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def rows(results, site_seconds):
    """(figure, value, note) for each backend; site_seconds: the site's warm epoch (m = 10)."""
    out = []
    for backend, r in (results or {}).items():
        if "error" in r:
            out.append((f"browser s/epoch, TF.js {backend}, m=10", "error", r["error"].splitlines()[0][:80]))
            continue
        warm = median(r["times"][1:])
        out.append(
            (
                f"browser s/epoch, TF.js {r['version']} {r['backend']}, m=10",
                f"{warm:.3f}",
                f"{warm / site_seconds:.2f}x the site code (model.fit; accuracy {r['accuracy']:.1%} after 3 epochs; "
                f"first epoch {r['times'][0]:.2f})",
            )
        )
    return out
