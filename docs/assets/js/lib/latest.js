// Coalesced requests for controls that fire many times a second (sliders, drawing):
// at most one request is in flight, and while it runs only the latest value waits.
// Every answer is shown as it arrives, so the page follows the reader smoothly.
import { StoppedError } from "../runtime/client.js";

export class Latest {
  // send(args) → Promise of a result; onResult(result, args); onError(error, args).
  constructor(send, { onResult, onError = () => {}, onIdle = () => {} }) {
    this.send = send;
    this.onResult = onResult;
    this.onError = onError;
    this.onIdle = onIdle;
    this.waiting = null;   // the latest arguments not yet sent
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

  close() { this.closed = true; this.waiting = null; }
}
