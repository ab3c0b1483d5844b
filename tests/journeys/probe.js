// Test-only observer, added by the journeys' test server as the first script of every
// page (tests/conftest.py, Server(probe=True)). It records what a reader should never
// meet, in a way every engine supports, so the same checks run in Chromium, Firefox and
// WebKit: console errors, uncaught errors and rejections, resources that failed to load,
// Content-Security-Policy violations, and the same from the runtime's worker (whose own
// probe, worker-probe.js, posts them here). The journeys read window.__probe.
(() => {
  const probe = (window.__probe = { problems: [] });
  // The page's own Python runtime, for reading its state. (Firefox runs WebDriver's
  // scripts in a sandbox whose import() gets a second copy of the module, not the page's.)
  probe.runtime = () => import(new URL("assets/js/runtime/client.js", window.__md_scope).href).then((m) => m.getRuntime());
  const note = (kind, text) => probe.problems.push(`${kind}: ${String(text).slice(0, 500)}`);
  const describe = (value) => (value && value.stack) || (value && value.message) || String(value);

  const consoleError = console.error;
  console.error = function error(...args) {
    note("console error", args.map(describe).join(" "));
    return consoleError.apply(this, args);
  };
  addEventListener("error", (event) => {
    const target = event.target;
    if (target && target !== window && target.tagName) {
      // Firefox prefetches the page a <link rel=next> names, and declines to when the
      // page is no-store, as the test server sends everything. No reader meets that.
      if (target.relList && (target.relList.contains("next") || target.relList.contains("prefetch"))) return;
      note("failed to load", `<${target.tagName.toLowerCase()}${target.rel ? ` rel=${target.rel}` : ""}> ${target.src || target.href || ""}`);
    } else {
      note("page error", event.error ? describe(event.error) : event.message);
    }
  }, true);
  addEventListener("unhandledrejection", (event) => note("unhandled rejection", describe(event.reason)));
  document.addEventListener("securitypolicyviolation", (event) =>
    note("CSP violation", `${event.effectiveDirective || event.violatedDirective} blocked ${event.blockedURI}`));

  // The runtime's worker reports through its messages; the page's own code ignores them.
  const NativeWorker = window.Worker;
  window.Worker = class Worker extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({ data }) => {
        if (data && data.type === "probe") note(`worker ${data.kind}`, data.text);
      });
    }
  };

  // Storage as a reader's browser may refuse it, set by the journeys with a cookie before
  // a reload: "throws" (cookies blocked: any use of localStorage throws), "null" (storage
  // turned off, as Firefox's dom.storage.enabled = false gives).
  const storage = /(?:^|; )nn-test-storage=(\w+)/.exec(document.cookie);
  if (storage && storage[1] === "throws") {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });
  } else if (storage && storage[1] === "null") {
    Object.defineProperty(window, "localStorage", { configurable: true, get: () => null });
  }
})();
