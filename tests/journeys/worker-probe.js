// Test-only: prepended to the runtime's worker by the journeys' test server. Passes the
// worker's console errors and uncaught errors to the page's probe (probe.js).
{
  const send = (kind, value) => {
    try { postMessage({ type: "probe", kind, text: String((value && value.stack) || (value && value.message) || value) }); } catch { /* closing */ }
  };
  const consoleError = console.error;
  console.error = function error(...args) { send("console error", args.join(" ")); return consoleError.apply(this, args); };
  self.addEventListener("error", (event) => send("error", event.error || event.message));
  self.addEventListener("unhandledrejection", (event) => send("unhandled rejection", event.reason));
}
