// The page's one view of offline use, which the header's button shows (header.js):
// {state, percent, version, update}. The save control (control.js) publishes its states
// as they happen (and the progress of a save); register.js publishes a waiting new version.
//
//   publish({ state: "saving", percent: 42 });
//   const stop = subscribe((status) => ...);   called at once, then on every change
//
// States: "checking", "ready" (not saved), "incomplete", "saving", "saved", "error",
// "unavailable" (no service worker or no storage); `update` is true once a new version waits.
let current = { state: "checking", percent: null, version: null, update: false };
const listeners = new Set();

export function publish(change) {
  current = { ...current, ...change };
  if (current.state !== "saving") current.percent = null;
  for (const listener of listeners) listener(current);
}

export function subscribe(listener) {
  listeners.add(listener);
  listener(current);
  return () => listeners.delete(listener);
}

export const offlineStatus = () => current;
