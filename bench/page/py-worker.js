// The site's own Python in the browser: Pyodide from /pyodide/, pylib from the site's lock
// file, the digit data from /data/, and bench/trainers.py.
const log = (text) => postMessage({ type: "log", text });

self.onmessage = async () => {
  try {
    const root = new URL("/", self.location.href);
    const indexURL = new URL("pyodide/", root).href;
    const { loadPyodide } = await import(indexURL + "pyodide.mjs");
    log("loading Pyodide…");
    // -OO, as the site starts it: its standard library and NumPy are compiled at that level.
    const pyodide = await loadPyodide({
      indexURL,
      lockFileURL: indexURL + "pyodide-lock.json",
      args: ["-OO"],
    });
    await pyodide.loadPackage("pylib", { messageCallback: () => {} });
    const fetchBytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
    pyodide.FS.writeFile("/digits.npz", await fetchBytes(new URL("data/digits.npz", root)));
    pyodide.FS.writeFile("/trainers.py", await fetchBytes(new URL("__bench__/trainers.py", root)));
    log("timing the Python trainers…");
    const result = pyodide.runPython(`
import json, sys
sys.path.insert(0, "/")
import trainers
from pylib import load_digits, kernels
from pylib.data import load_raw
digits = load_digits("/digits.npz")
json.dumps({"kernel": kernels.kernel, **trainers.run_all(digits)})
`);
    const raw = pyodide
      .runPython(`{k: v.ravel() for k, v in load_raw("/digits.npz").items()}`)
      .toJs({ dict_converter: Object.fromEntries });
    postMessage({ type: "done", timings: JSON.parse(result), raw });
  } catch (error) {
    postMessage({ type: "done", error: String(error) });
  }
};
