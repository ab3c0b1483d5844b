// The course's service worker, seen from the page: registers sw.js (at the site's base,
// scope = the base, so it works under a GitHub Pages project path), tells the reader when a
// new version of the course is ready, and hands the worker the files this page loaded
// before the worker controlled it (so the first page visited works offline too).
//
//   const registration = await offlineSupport();   null where service workers are unavailable
//   checkForUpdate();                               at most twice a minute (each page shown)
//
// Where service workers are unavailable (no navigator.serviceWorker, a file: page, a
// private window that refuses them, registration failing) the site works as before,
// without offline use, and nothing is logged.
import { h } from "../dom.js";
import { SITE_ROOT } from "../runtime/client.js";
import { publish } from "./status.js";

const UPDATE_EVERY_MS = 30000;
const WORKER_URL = new URL("sw.js", SITE_ROOT).href;
let registering = null;
let lastCheck = 0;
let reloading = false;

function container() {
  try {
    return location.protocol.startsWith("http") ? navigator.serviceWorker || null : null;
  } catch {
    return null; // some browsers throw instead of answering in a sandboxed frame
  }
}

export function offlineSupport() {
  if (!registering) registering = register();
  return registering;
}

async function register() {
  const workers = container();
  if (!workers) return null;
  lastCheck = Date.now(); // registering checks for a new version too
  let registration;
  try {
    registration = await workers.register(WORKER_URL, { scope: SITE_ROOT.href });
  } catch {
    return null; // refused (private window, a policy, a missing sw.js): the site works online
  }
  if (!registration) return null; // a stand-in register() that does nothing
  watch(workers, registration);
  return registration;
}

export function checkForUpdate() {
  if (Date.now() - lastCheck < UPDATE_EVERY_MS || navigator.onLine === false) return;
  lastCheck = Date.now();
  offlineSupport()
    .then((registration) => registration?.update())
    .catch(() => {});
}

function watch(workers, registration) {
  let controlled = Boolean(workers.controller);
  const offer = (worker) => {
    publish({ update: true });
    showNotice("A new version of the course is ready.", () => {
      reloading = true;
      worker.postMessage({ type: "nn-offline:skip-waiting" });
      setTimeout(() => location.reload(), 3000); // in case the new version never takes over
    });
  };
  if (registration.waiting && controlled) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && workers.controller) offer(worker);
    });
  });
  workers.addEventListener("controllerchange", () => {
    if (reloading) location.reload();
    else if (controlled) showNotice("The course was updated in another tab.", () => location.reload());
    else {
      controlled = true; // the first version has just taken this page over
      keepLoadedFiles(registration);
    }
  });
  // The worker met a file of another version on the server: a new version is out.
  workers.addEventListener("message", (event) => {
    if (event.data?.type === "nn-offline:stale") checkForUpdate();
  });
}

// The page and what it loaded before the worker took over, kept by the worker's own route
// (Workbox's CACHE_URLS message); and, for a while, what finishes loading afterwards (a
// request begun before the takeover does not pass through the worker).
const LATE_MS = 30000;

function keepLoadedFiles(registration) {
  const inScope = (address) => address.startsWith(SITE_ROOT.href) && !address.startsWith(WORKER_URL);
  const sent = new Set();
  const keep = (addresses) => {
    // force-cache: from the browser's HTTP cache where it still holds them (no second download)
    const urlsToCache = addresses
      .filter((address) => inScope(address) && !sent.has(address))
      .map((address) => {
        sent.add(address);
        return [address, { cache: "force-cache" }];
      });
    if (urlsToCache.length)
      registration.active?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache } });
  };
  keep([location.href.split("#")[0], ...performance.getEntriesByType("resource").map((entry) => entry.name)]);
  if (typeof PerformanceObserver !== "function") return;
  const observer = new PerformanceObserver((list) => keep(list.getEntries().map((entry) => entry.name)));
  observer.observe({ type: "resource" });
  setTimeout(() => observer.disconnect(), LATE_MS);
}

function showNotice(text, onReload) {
  if (document.querySelector(".offline-notice")) return;
  const button = h(
    "button",
    { type: "button", class: "md-button md-button--primary offline-notice__button" },
    "Reload",
  );
  button.addEventListener("click", () => {
    button.disabled = true;
    onReload();
  });
  document.body.append(
    h("div", { class: "md-typeset offline-notice", role: "status" }, h("span", { text }), button),
  );
}
