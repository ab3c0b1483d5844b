// Fetch every file the worker's boot needs as early as it can be used, in the order it is
// needed.
//
// Left to itself, Pyodide fetches its WebAssembly only after its loader script has run,
// the packages (NumPy, pylib) only after Python has started, and the worker fetches the
// data only after the packages: on a real link the waits add up. Fetched all at once
// instead, the files share the link, and the WebAssembly (the largest, and the first
// needed) arrives last, so all of Python's start waits for every byte. So the boot asks
// for them in three waves:
//   1. what Python's start needs: the lock file, the WebAssembly, the standard library;
//   2. the wheels (NumPy, pylib; their addresses and hashes come from the lock file),
//      once the lock file and the standard library are in;
//   3. the data, once the wheels are in: it is needed last.
// When Pyodide (or the worker) later asks for one of those addresses it is handed the
// response already on its way. Each response is handed over once; anything else, or a
// second request, goes to the network as usual, and so does a wave's file asked for
// before its wave began. An early fetch that fails fails that request the same way its
// own would have (the boot then reports it, with Retry).

// Lock files write sha256 in hex; fetch's integrity wants base64.
function integrityOf(hex) {
  const bytes = new Uint8Array(hex.match(/../g).map((byte) => parseInt(byte, 16)));
  return `sha256-${btoa(String.fromCharCode(...bytes))}`;
}

// The whole body, read now: a response nobody reads yet may stop downloading once the
// browser's buffer for it is full. (The WebAssembly is not read here: Pyodide compiles
// it as it streams in.) A body that fails its integrity check rejects here.
async function readWhole(response) {
  if (!response.ok) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.arrayBuffer(), { status, statusText, headers });
}

// Start the waves, and answer later requests for these addresses (the worker's own too).
export function fetchEarly({ indexURL, lockFileURL, dataURLs }) {
  const original = self.fetch.bind(self);
  const early = new Map();
  const asked = new Set(); // asked for before their wave: not fetched twice
  const start = (url, init = {}, read = readWhole) => {
    if (asked.has(url)) return Promise.resolve();
    const response = original(url, init).then(read);
    response.catch(() => {}); // a failure is reported to whoever asks for it
    early.set(url, response);
    return response;
  };
  const settled = (promises) => Promise.allSettled(promises);

  // 1. Python's start
  const lock = start(lockFileURL);
  const spec = lock.then((response) => response.clone().json()); // before Pyodide reads it
  spec.catch(() => {});
  start(new URL("pyodide.asm.wasm", indexURL).href, { credentials: "same-origin" }, (response) => response);
  const stdlib = start(new URL("python_stdlib.zip", indexURL).href);
  // 2. the wheels, once the lock file and the standard library are in (the WebAssembly,
  // compiled as it streams in, is still arriving)
  const wheels = settled([spec, stdlib])
    .then(() => spec)
    .then(({ packages }) =>
      settled(
        Object.values(packages).map((entry) =>
          start(new URL(entry.file_name, indexURL).href, { integrity: integrityOf(entry.sha256) }),
        ),
      ),
    )
    .catch(() => {});
  // 3. the data, once the wheels are in
  wheels.then(() => dataURLs.forEach((url) => start(url)));

  self.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    if (url && early.has(url)) {
      const response = early.get(url);
      early.delete(url);
      return response;
    }
    if (url) asked.add(url);
    return original(input, init);
  };
}
