// The page's side of the Python runtime: starts the worker when a demo first needs it,
// sends it requests and routes the answers back. One runtime serves every demo on the
// page and survives instant navigation between pages.
//
//   const runtime = getRuntime();
//   runtime.onStatus((state, detail, stage) => ...); "idle" | "loading" | "ready" | "failed"
//   await runtime.call("inspect", {index: 3});       resolves with the answer
//   const job = runtime.run("train", options, onProgress);   job.done, job.stop()
// A request that chose weights (or network) "yours" gets the reader's network added to it.
import { withYourNetwork } from "../your-network/current.js";

export class StoppedError extends Error {
  constructor(message = "Stopped.") {
    super(message);
    this.name = "StoppedError";
  }
}

// A value the reader set was refused by Python's own checks; the message is for them.
export class ReaderError extends Error {
  constructor(message) {
    super(message);
    this.name = "ReaderError";
  }
}

const SITE_ROOT = new URL("../../../", import.meta.url);

function runtimeURLs() {
  const meta = document.querySelector('meta[name="nn-pyodide-url"]');
  const configured = meta && meta.content.trim();
  const indexURL = configured
    ? new URL(configured.replace(/\/?$/, "/"), SITE_ROOT).href
    : new URL("pyodide/", SITE_ROOT).href;
  const build = document.querySelector('meta[name="nn-build"]');
  const version = build ? `?v=${encodeURIComponent(build.content)}` : "";
  const wasm = document.querySelector('meta[name="nn-wasm-bytes"]');
  return {
    indexURL,
    lockFileURL: new URL(`pyodide-lock.json${version}`, indexURL).href,
    dataURL: new URL(`data/digits.npz${version}`, SITE_ROOT).href,
    weightsURL: new URL(`data/shipped-weights.npz${version}`, SITE_ROOT).href,
    oneStepURL: new URL(`data/one-step.npz${version}`, SITE_ROOT).href,
    // The WebAssembly's size as built: the worker paces its downloads by it (early-fetch.js).
    wasmBytes: wasm ? Number(wasm.content) || 0 : 0,
  };
}

// How long a running job may take to notice Stop before its worker is replaced: short
// enough that Stop always takes effect within a second (a job that checks between
// steps stops in a few tens of milliseconds).
const STOP_GRACE_MS = 700;
// While a job runs the worker answers a ping every second (a long run pauses for
// messages every few milliseconds). This long without a word, it is taken for dead.
const PING_MS = 1000;
const SILENCE_MS = 5000;

class Runtime {
  constructor() {
    this.state = "idle";
    this.detail = "";
    this.worker = null;
    this.ready = null;
    this.jobs = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.bootStarted = 0;
    this.callsSent = 0; // requests that reached the worker (tests check bad input never does)
    this.memoryBytes = 0; // the most WebAssembly memory the worker reported (make bench)
  }

  onStatus(listener) {
    this.listeners.add(listener);
    listener(this.state, this.detail, this.stage);
    return () => this.listeners.delete(listener);
  }

  setState(state, detail = "", stage = "") {
    this.state = state;
    this.detail = detail;
    this.stage = stage;
    for (const listener of this.listeners) listener(state, detail, stage);
  }

  // Start the worker if it is not running (also used to prefetch); resolves when ready.
  start() {
    if (this.ready) return this.ready;
    this.bootStarted = performance.now();
    this.setState("loading", "Starting the Python runtime…");
    const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "pylib" });
    this.worker = worker;
    worker.postMessage({ type: "boot", ...runtimeURLs() });
    this.ready = new Promise((resolve, reject) => {
      worker.onmessage = ({ data: message }) => {
        this.lastHeard = performance.now();
        if (message.memory) this.memoryBytes = Math.max(this.memoryBytes, message.memory);
        if (message.type === "pong") return;
        if (message.type === "status") this.setState("loading", message.detail, message.stage);
        else if (message.type === "ready") {
          this.info = message.info;
          this.bootSeconds = (performance.now() - this.bootStarted) / 1000;
          // The boot's steps, in seconds since this page's navigation began (make bench).
          this.bootPhases = [["boot started", this.bootStarted], ...(message.phases ?? [])].map(
            ([name, time], index) => [name, (index ? time - performance.timeOrigin : time) / 1000],
          );
          this.setState("ready");
          resolve(message.info);
        } else if (message.type === "boot-failed") {
          this.fail(`The Python runtime could not load (${message.message}).`);
          reject(new Error(message.message));
        } else this.route(message);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        const text = `The Python runtime stopped unexpectedly${event.message ? ` (${event.message})` : ""}.`;
        this.fail(text);
        reject(new Error(text));
      };
    });
    this.ready.catch(() => {});
    return this.ready;
  }

  // The watchdog: a worker that crashed or was killed while working is noticed, its
  // jobs fail with a message, and a fresh worker starts.
  watch() {
    if (this.watchdog) return;
    this.lastHeard = performance.now();
    this.watchdog = setInterval(() => {
      if (!this.worker || !this.jobs.size) {
        clearInterval(this.watchdog);
        this.watchdog = null;
        return;
      }
      if (performance.now() - this.lastHeard > SILENCE_MS) {
        clearInterval(this.watchdog);
        this.watchdog = null;
        this.terminate(
          new Error("The Python runtime stopped responding, so it was restarted. Please try again."),
        );
        this.start().catch(() => {});
        return;
      }
      this.worker.postMessage({ type: "ping" });
    }, PING_MS);
  }

  fail(message) {
    this.terminate(new Error(message));
    this.setState("failed", message);
  }

  // End the worker and every job in it; the next start() boots a fresh one.
  terminate(reason = new StoppedError()) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    for (const job of this.jobs.values()) job.reject(reason);
    this.jobs.clear();
    this.setState("idle");
  }

  // Try again after a failure.
  retry() {
    this.terminate();
    return this.start();
  }

  route(message) {
    const job = this.jobs.get(message.id);
    if (!job) return;
    if (message.type === "progress") job.onProgress?.(message.data);
    else if (message.type === "result") {
      this.jobs.delete(message.id);
      if (message.data && message.data.stopped) job.reject(new StoppedError());
      else job.resolve(message.data);
    } else if (message.type === "error") {
      this.jobs.delete(message.id);
      job.reject(message.reader ? new ReaderError(message.message) : new Error(message.message));
    }
  }

  // Run a pylib.demos function; returns {done: Promise, stop()}.
  run(fn, args = {}, onProgress = null) {
    const id = this.nextId++;
    let resolve, reject;
    const done = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job = { id, resolve, reject, onProgress, cancelled: false };
    const started = this.start()
      .then(() => withYourNetwork(args))
      .then((sent) => {
        if (job.cancelled) return;
        if (!this.worker) throw new StoppedError();
        this.jobs.set(id, job);
        this.worker.postMessage({ type: "call", id, fn, args: sent });
        this.callsSent++;
        this.watch();
      });
    started.catch(reject);
    const stop = () => {
      if (!this.jobs.has(id)) {
        job.cancelled = true;
        reject(new StoppedError());
        return;
      }
      this.worker.postMessage({ type: "stop", id });
      // A job that cannot stop between steps in time costs its worker: replace it.
      const timer = setTimeout(() => {
        if (this.jobs.has(id)) {
          const stopped = new StoppedError("Stopped (the runtime was restarted).");
          stopped.restarted = true; // what the worker held (a trained network) is gone
          this.terminate(stopped);
          this.start();
        }
      }, STOP_GRACE_MS);
      done.catch(() => {}).finally(() => clearTimeout(timer));
    };
    return { id, done, stop };
  }

  call(fn, args = {}) {
    return this.run(fn, args).done;
  }
}

let runtime = null;

// The one runtime of this page (created on first use; nothing loads until start()).
export function getRuntime() {
  if (!runtime) runtime = new Runtime();
  return runtime;
}

export { SITE_ROOT };
