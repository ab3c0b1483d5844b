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
//      once the lock file and the standard library are in and most of the WebAssembly
//      (WHEELS_AT of its bytes), so they download while Python starts. Not at its very
//      end: its last byte sets off half a second of Pyodide's work on this thread, and a
//      fetch this thread starts then waits for that work to end;
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

// How much of the WebAssembly is in when the wheels start. Open → first epoch at 20 Mbps
// (bench/realink.py), four runs each on one day: 0.8 gave 5.57–5.78 s, 0.9 5.70–5.92 s,
// 0.95 5.63–5.93 s; starting them with the standard library, 5.88–6.07 s.
const WHEELS_AT = 0.8;

// Resolves when `share` of a response's `bytes` have arrived, or when it ends or fails
// (or at once when its size is not known); the response itself is left for its reader.
export function whenMostIn(response, bytes, share) {
  return new Promise((resolve) => {
    if (!response.ok || !response.body || !(bytes > 0)) return resolve();
    const reader = response.clone().body.getReader();
    let arrived = 0;
    const next = () =>
      reader.read().then(({ done, value }) => {
        if (done) return resolve();
        arrived += value.byteLength;
        if (arrived < share * bytes) return next();
        resolve();
        return reader.cancel(); // the copy is no longer needed; the response reads on
      });
    next().catch(resolve);
  });
}

// The whole body, read now: a response nobody reads yet may stop downloading once the
// browser's buffer for it is full. (The WebAssembly is not read here.) A body that fails
// its integrity check rejects here.
async function readWhole(response) {
  if (!response.ok) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.arrayBuffer(), { status, statusText, headers });
}

// Start the waves, and answer later requests for these addresses (the worker's own too).
export function fetchEarly({ indexURL, lockFileURL, wasmBytes, dataURLs }) {
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
  let wasmMostlyIn;
  const mostOfWasm = new Promise((resolve) => {
    wasmMostlyIn = resolve;
  });
  const wasm = start(
    new URL("pyodide.asm.wasm", indexURL).href,
    { credentials: "same-origin" },
    (response) => {
      whenMostIn(response, wasmBytes, WHEELS_AT).then(wasmMostlyIn);
      return response; // not read here: Pyodide compiles it as it streams in
    },
  );
  wasm.catch(() => wasmMostlyIn());
  const stdlib = start(new URL("python_stdlib.zip", indexURL).href);
  // 2. the wheels, once the lock file, the standard library and most of the WebAssembly are in
  const wheels = settled([spec, stdlib])
    .then(() => mostOfWasm)
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
