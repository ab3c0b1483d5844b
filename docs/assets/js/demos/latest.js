// Coalesce a stream of requests (a slider being dragged, a reader typing): at most one
// request is in flight, and when it returns only the newest value waiting is sent; the
// values in between are dropped. The page stays smooth however fast the slider moves.
//
//   const ask = latestOnly((values) => runtime.call("name", values), onResult, onError);
//   ask(values);   // as often as you like

export function latestOnly(send, onResult, onError = () => {}) {
  let inFlight = false;
  let waiting = null; // the newest values not yet sent
  async function pump() {
    if (inFlight || !waiting) return;
    const values = waiting.values;
    waiting = null;
    inFlight = true;
    try {
      const result = await send(values);
      onResult(result, values); // shown even if a newer one waits: it is at most one step behind
    } catch (error) {
      onError(error, values);
    } finally {
      inFlight = false;
      pump();
    }
  }
  const ask = (values) => { waiting = { values }; pump(); };
  ask.busy = () => inFlight || waiting !== null;
  return ask;
}
