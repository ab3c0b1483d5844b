// Coalescing requests from controls that fire many times a second (sliders, drawing,
// clicks on a picture): at most one request is in flight, and while it runs only the
// latest value waits; values in between are dropped, so the worker never queues up work
// nobody will see. Two shapes of the same idea:
//
//   new Latest(send, {onResult, onError, onIdle}).request(args)   callbacks per answer
//   latestOnly(task)(args) → Promise                                 a promise per request
import { StoppedError } from "../runtime/client.js";

export class Latest {
  // send(args) → Promise of a result; onResult(result, args); onError(error, args).
  constructor(send, { onResult, onError = () => {}, onIdle = () => {} }) {
    this.send = send;
    this.onResult = onResult;
    this.onError = onError;
    this.onIdle = onIdle;
    this.waiting = null; // the latest arguments not yet sent
    this.busy = false;
    this.closed = false;
  }

  request(args) {
    if (this.closed) return;
    this.waiting = { args };
    if (!this.busy) this.pump();
  }

  async pump() {
    this.busy = true;
    while (this.waiting && !this.closed) {
      const { args } = this.waiting;
      this.waiting = null;
      try {
        const result = await this.send(args);
        if (!this.closed) this.onResult(result, args);
      } catch (error) {
        if (!this.closed && !(error instanceof StoppedError)) this.onError(error, args);
      }
    }
    this.busy = false;
    if (!this.closed) this.onIdle();
  }

  close() {
    this.closed = true;
    this.waiting = null;
  }
}

// The promise form: each call's promise settles with the answer to its own arguments, or
// to the arguments that overtook them.
export function latestOnly(task) {
  let running = null;
  let queued = null; // {args, waiters}

  async function pump(args, waiters) {
    let outcome;
    try {
      outcome = { value: await task(...args) };
    } catch (error) {
      outcome = { error };
    }
    for (const w of waiters) outcome.error ? w.reject(outcome.error) : w.resolve(outcome.value);
    if (queued) {
      const next = queued;
      queued = null;
      running = pump(next.args, next.waiters);
    } else running = null;
  }

  return (...args) =>
    new Promise((resolve, reject) => {
      if (!running) {
        running = pump(args, [{ resolve, reject }]);
        return;
      }
      if (queued) queued.args = args;
      else queued = { args, waiters: [] };
      queued.waiters.push({ resolve, reject });
    });
}
