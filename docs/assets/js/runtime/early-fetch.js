// Start every download the worker's boot needs at once, instead of one after another.
//
// Left to itself, Pyodide fetches its WebAssembly only after its loader script has run,
// the packages (NumPy, pylib) only after Python has started, and the worker fetches the
// data only after the packages: on a real link the waits add up. Here, as the boot
// begins, the worker asks for the lock file, the WebAssembly, the standard library, the
// data and (as soon as the lock file names them, with the hashes it gives) both wheels,
// all in parallel; when Pyodide later asks for one of those addresses it is handed the
// response already on its way. Each response is handed over once; anything else, or a
// second request, goes to the network as usual. An early fetch that fails fails Pyodide's
// request the same way its own would have (the boot then reports it, with Retry).

// Lock files write sha256 in hex; fetch's integrity wants base64.
function integrityOf(hex) {
  const bytes = new Uint8Array(hex.match(/../g).map((byte) => parseInt(byte, 16)));
  return `sha256-${btoa(String.fromCharCode(...bytes))}`;
}

// Start fetching, and answer later requests for these addresses (the worker's own too).
export function fetchEarly({ indexURL, lockFileURL, dataURLs }) {
  const original = self.fetch.bind(self);
  const early = new Map();
  const start = (url, init = {}) => {
    const response = original(url, init);
    response.catch(() => {}); // a failure is reported to whoever asks for it
    early.set(url, response);
    return response;
  };

  const lock = start(lockFileURL);
  start(new URL("pyodide.asm.wasm", indexURL).href, { credentials: "same-origin" });
  start(new URL("python_stdlib.zip", indexURL).href);
  for (const url of dataURLs) start(url);
  // The wheels: their addresses and hashes come from the lock file (read from a copy of it).
  lock
    .then((response) => response.clone().json())
    .then((spec) => {
      for (const entry of Object.values(spec.packages)) {
        start(new URL(entry.file_name, indexURL).href, { integrity: integrityOf(entry.sha256) });
      }
    })
    .catch(() => {});

  self.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    if (url && early.has(url)) {
      const response = early.get(url);
      early.delete(url);
      return response;
    }
    return original(input, init);
  };
}
