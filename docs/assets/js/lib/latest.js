// Coalescing requests: at most one call in flight, and the latest request wins.
//
//   const update = latestOnly(async (value) => { ...await runtime.call(...)... });
//   update(1); update(2); update(3);   // runs 1, then 3 (2 was overtaken)
//
// Clicks on a picture or keys held down on a slider can ask for many answers in a
// second; the page only needs the answer for the last one, and the worker should not
// queue up work nobody will see. Returns a function whose promise settles when the
// call that ran for these arguments (or the one that overtook them) settles.
export function latestOnly(task) {
  let running = null;
  let queued = null; // {args, waiters}

  async function pump(args, waiters) {
    let outcome;
    try { outcome = { value: await task(...args) }; } catch (error) { outcome = { error }; }
    for (const w of waiters) outcome.error ? w.reject(outcome.error) : w.resolve(outcome.value);
    if (queued) {
      const next = queued;
      queued = null;
      running = pump(next.args, next.waiters);
    } else running = null;
  }

  return (...args) => new Promise((resolve, reject) => {
    if (!running) { running = pump(args, [{ resolve, reject }]); return; }
    if (queued) queued.args = args; else queued = { args, waiters: [] };
    queued.waiters.push({ resolve, reject });
  });
}
