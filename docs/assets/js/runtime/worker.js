// The page's Python runtime: a module Web Worker that loads Pyodide, NumPy and pylib,
// then runs the demos' requests off the main thread, so the page never freezes.
//
// Messages in:  {type: "boot", indexURL, lockFileURL, dataURL, weightsURL, oneStepURL, wasmBytes}
//               {type: "call", id, fn, args}          a demo function of pylib.demos
//               {type: "stop", id}                    end a running call between steps
//               {type: "ping"}                        answered with {type: "pong", memory} (the watchdog)
// Messages out: {type: "status", stage, detail}       while booting
//               {type: "ready", info, phases} | {type: "boot-failed", message}
//               {type: "progress", id, data}          streamed by long calls
//               {type: "result", id, data, memory} | {type: "error", id, message, reader}
// memory: the bytes of Python's WebAssembly memory (it only grows, so it is the peak so far).
// phases: [name, time] as each step of the boot ended, in milliseconds since the epoch
// (performance.timeOrigin + now(), comparable with the page's clock); make bench prints them.

import { fetchEarly } from "./early-fetch.js";

let pyodide = null;
let demos = null;
const stopRequested = new Set();
const queue = [];
let busy = false;

const status = (stage, detail = "") => postMessage({ type: "status", stage, detail });

// When each step of the boot ended (see phases above).
const phases = [];
const phase = (name) => phases.push([name, performance.timeOrigin + performance.now()]);

// The size of the WebAssembly memory Python runs in: the most this worker has needed.
function memoryBytes() {
  try {
    return pyodide._module.HEAPU8.buffer.byteLength;
  } catch {
    return null;
  }
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Pyodide 0.27 only logs a warning when its WebAssembly cannot be loaded (a missing or
// damaged pyodide.asm.wasm) and then waits forever. Watch WebAssembly ourselves, so such
// a failure ends the boot with an error the page can offer to retry.
function wasmFailure() {
  let fail;
  const failed = new Promise((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function watched(...args) {
      return original.apply(this, args).catch((error) => {
        fail(
          new Error(
            `its WebAssembly file did not arrive intact: ${error && error.message ? error.message : error}`,
          ),
        );
        throw error;
      });
    };
  }
  return failed;
}

// A boot ends exactly once: ready, or failed with a reason the page shows beside Retry.
let booting = false;
const bootFailed = (reason) => {
  if (!booting) return;
  booting = false;
  postMessage({ type: "boot-failed", message: String(reason && reason.message ? reason.message : reason) });
};
// Anything else that would leave the reader waiting: an error nobody caught while
// booting, or a boot that stalls for two minutes.
self.addEventListener("unhandledrejection", (event) => {
  if (booting) {
    event.preventDefault();
    bootFailed(event.reason);
  }
});
const BOOT_TIMEOUT_MS = 120000;

async function boot({ indexURL, lockFileURL, dataURL, weightsURL, oneStepURL, wasmBytes }) {
  booting = true;
  phases.length = 0;
  phase("boot message");
  setTimeout(() => bootFailed("it took more than two minutes"), BOOT_TIMEOUT_MS);
  try {
    const failed = wasmFailure();
    fetchEarly({ indexURL, lockFileURL, wasmBytes, dataURLs: [dataURL, weightsURL, oneStepURL] }); // in the order needed
    status("runtime", "Loading the Python runtime (Pyodide)…");
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    phase("pyodide.mjs imported");
    pyodide = await Promise.race([
      // -OO: the standard library and NumPy come compiled at that level (sitebuild/bytecode.py).
      loadPyodide({ indexURL, lockFileURL, args: ["-OO"], stdout: () => {}, stderr: () => {} }),
      failed,
    ]);
    phase("Python started");
    status("packages", "Loading NumPy and the network code…");
    const failures = [];
    await pyodide.loadPackage("pylib", {
      messageCallback: () => {},
      errorCallback: (message) => failures.push(message),
    });
    if (failures.length) throw new Error(failures.join("; "));
    phase("NumPy and pylib loaded");
    const files = Promise.all([fetchBytes(dataURL), fetchBytes(weightsURL), fetchBytes(oneStepURL)]);
    files.catch(() => {}); // awaited below
    // Imported while the data may still be arriving: it needs NumPy, not the data.
    demos = pyodide.pyimport("pylib.demos");
    phase("pylib.demos imported");
    status("data", "Loading the digit images and trained weights…");
    const [data, weights, oneStep] = await files;
    phase("data fetched");
    // Where the build's files go in Python's file system; pylib.demos.setup is given every
    // path, so no Python module names one.
    const paths = {
      digits: "/data/digits.npz",
      shippedWeights: "/data/shipped-weights.npz",
      oneStep: "/data/one-step.npz", // lesson 8's partly trained network and its training 7
    };
    pyodide.FS.mkdirTree("/data");
    pyodide.FS.writeFile(paths.digits, data);
    pyodide.FS.writeFile(paths.shippedWeights, weights);
    pyodide.FS.writeFile(paths.oneStep, oneStep);
    const info = JSON.parse(demos.setup(paths.digits, paths.shippedWeights, paths.oneStep));
    phase("demos.setup done");
    const ready = { type: "ready", info, phases, memory: memoryBytes() }; // (a failure here is the boot's)
    if (!booting) return;
    booting = false;
    postMessage(ready);
  } catch (error) {
    bootFailed(error);
  }
}

// Give the worker's event loop a turn, so a "stop" message can arrive mid-run.
const channel = new MessageChannel();
const pendingTurns = [];
channel.port1.onmessage = () => pendingTurns.shift()();
const nextTurn = () =>
  new Promise((resolve) => {
    pendingTurns.push(resolve);
    channel.port2.postMessage(0);
  });

function readerMessage(error) {
  // A DemoError carries a message meant for the reader; anything else is a bug.
  const text = String(error && error.message ? error.message : error);
  const match = text.match(/DemoError: (.*)\s*$/);
  return match ? { message: match[1].trim(), reader: true } : { message: text, reader: false };
}

async function call({ id, fn, args }) {
  let result;
  try {
    if (stopRequested.has(id)) {
      postMessage({ type: "result", id, data: { stopped: true } });
      return;
    }
    result = demos.call(fn, JSON.stringify(args ?? {}));
    if (result && typeof result.next === "function") {
      // A generator: stream its JSON reports, pausing every ~30 ms for messages.
      const generator = result;
      let lastTurn = performance.now();
      let stopped = false;
      for (;;) {
        const { done, value } = generator.next();
        if (done) break;
        if (typeof value === "string") postMessage({ type: "progress", id, data: JSON.parse(value) });
        if (performance.now() - lastTurn > 30) {
          await nextTurn();
          lastTurn = performance.now();
          if (stopRequested.has(id)) {
            stopped = true;
            break;
          }
        }
      }
      generator.destroy();
      postMessage({ type: "result", id, data: { stopped }, memory: memoryBytes() });
    } else {
      postMessage({ type: "result", id, data: JSON.parse(result), memory: memoryBytes() });
    }
  } catch (error) {
    postMessage({ type: "error", id, ...readerMessage(error) });
  } finally {
    stopRequested.delete(id);
  }
}

async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length) await call(queue.shift());
  busy = false;
}

self.onmessage = ({ data: message }) => {
  if (message.type === "boot") boot(message);
  else if (message.type === "stop") stopRequested.add(message.id);
  else if (message.type === "ping") postMessage({ type: "pong", memory: memoryBytes() });
  else if (message.type === "call") {
    queue.push(message);
    drain();
  }
};
