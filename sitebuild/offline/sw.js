/* The course's service worker: the source sitebuild/offline/generate-sw.mjs turns into
   the site's sw.js (it injects the manifest and fills in the version and build id).

   Two tiers, one cache per version of the course ("nn-course-<version>"):
   * Every file the reader's pages load (pages, styles, scripts, figures, the Pyodide
     runtime, the wheels, the data) is served from the cache if it is there, else from
     the network, and kept if its bytes are the ones this version lists (SHA-256 in the
     manifest): so every page visited, with what it loaded, works offline afterwards.
   * "Save for offline" (docs/assets/js/offline/save.js) fills the same cache with every
     file in the manifest; the page asks this worker for the manifest ("nn-offline:info").

   Never one version's page with another's runtime: the cache belongs to one version; a
   file whose bytes are another version's is passed on but never kept (and the page is
   told, so it can look for the new worker); a request carrying another build id (?v=…)
   is left to the network. A new version waits until the reader presses Reload
   ("nn-offline:skip-waiting"); on activation it keeps the old cache's files that did not
   change, then deletes the old caches. Workbox (served by the site) does the routing and
   the cache-first strategy.

   Offline, a page this worker cannot serve (never opened, not saved) is not the browser's
   error page: Workbox's catch handler answers the navigation with the site's fallback page
   (offline-fallback.html, written by sitebuild/offline.py), which lists the pages kept on
   this device and offers Try again. It and what it loads are kept at install in a cache of
   their own ("nn-offline-fallback-<version>"), which "Remove the offline copy" leaves. */

importScripts("assets/vendor/workbox/workbox-sw.js");
workbox.setConfig({ debug: false, modulePathPrefix: "assets/vendor/workbox/" });
const { Router, Route } = workbox.routing;
const { CacheFirst, NetworkOnly } = workbox.strategies;

const MANIFEST = self.__WB_MANIFEST; // [{url, revision, bytes, integrity}], url relative to the scope
const VERSION = "__NN_VERSION__";
const BUILD = "__NN_BUILD__";
const PREFIX = "nn-course-";
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const SAVED_MARK = new URL("__nn-offline-saved__", SCOPE).href;
const FALLBACK_PREFIX = "nn-offline-fallback-";
const FALLBACK_CACHE = FALLBACK_PREFIX + VERSION;
const FALLBACK_PAGE = new URL("offline-fallback.html", SCOPE).href;
const FALLBACK_FILES = __NN_FALLBACK_FILES__; // the page and the files it loads, relative to the scope

// A request's key in the cache: no query (?v=…), and a folder's page as its index.html.
function keyOf(address) {
  const url = new URL(address);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return url.href;
}

const entries = new Map(MANIFEST.map((entry) => [new URL(entry.url, SCOPE).href, entry]));

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return "sha256-" + btoa(String.fromCharCode(...new Uint8Array(digest)));
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true }))
    client.postMessage(message);
}

const versionPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => keyOf(request.url),
  // Keep a response only if it is this version's file, byte for byte.
  cacheWillUpdate: async ({ request, response }) => {
    if (!response || response.status !== 200) return null;
    const entry = entries.get(keyOf(request.url));
    if (!entry || (await sha256(response.clone())) !== entry.integrity) {
      tellPages({ type: "nn-offline:stale", url: request.url });
      return null;
    }
    return response;
  },
};

const ours = ({ url, request }) =>
  request.method === "GET" &&
  url.origin === self.location.origin &&
  !request.headers.has("x-nn-save") && // Save fetches and stores its files itself
  (!url.searchParams.has("v") || url.searchParams.get("v") === BUILD) &&
  entries.has(keyOf(url.href));

// A navigation in the scope that the manifest does not list: the network's, or the fallback.
const otherPage = ({ url, request }) => request.mode === "navigate" && url.href.startsWith(SCOPE);

// The fallback page in place of the page asked for, with a <base> at the site's root so
// its relative links, stylesheets and script resolve from there.
async function fallbackPage() {
  const kept = await (await caches.open(FALLBACK_CACHE)).match(FALLBACK_PAGE);
  if (!kept) return Response.error();
  const text = (await kept.text()).replace("<head>", `<head><base href="${SCOPE}">`);
  return new Response(text, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

const router = new Router();
router.registerRoute(new Route(ours, new CacheFirst({ cacheName: CACHE, plugins: [versionPlugin] })));
router.registerRoute(new Route(otherPage, new NetworkOnly()));
// A route that failed (offline, and not in the cache): a page gets the fallback page; the
// fallback page's own files come from its cache; anything else fails as it would have.
router.setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate") return fallbackPage();
  const kept = await (await caches.open(FALLBACK_CACHE)).match(keyOf(request.url));
  return kept || Response.error();
});
router.addFetchListener();
router.addCacheListener(); // {type: "CACHE_URLS"}: the files a page loaded before this worker controlled it

// The fallback page and its files, this version's bytes. Never fails the install: a file
// that does not arrive or fails its SHA-256 (a host that rewrites pages, a deploy under
// way) is left out, and a page the worker cannot serve offline is then the browser's error.
async function keepFallback() {
  const cache = await caches.open(FALLBACK_CACHE);
  await Promise.all(
    FALLBACK_FILES.map(async (url) => {
      const address = new URL(url, SCOPE).href;
      try {
        if (await cache.match(address)) return;
        const response = await fetch(address, {
          cache: "no-store",
          integrity: entries.get(address).integrity,
        });
        if (response.ok) await cache.put(address, response);
      } catch {
        // left out (see above)
      }
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepFallback());
  if (!self.registration.active) self.skipWaiting(); // the first version starts at once
});

// Carry the files that did not change from the old caches into this version's, then
// delete the old caches. A saved copy stays marked as saved (Save then fetches what changed).
async function takeOver() {
  const mine = await caches.open(CACHE);
  for (const name of await caches.keys()) {
    if (name.startsWith(FALLBACK_PREFIX) && name !== FALLBACK_CACHE) await caches.delete(name);
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const response = await old.match(request);
      if (request.url === SAVED_MARK) await mine.put(SAVED_MARK, response);
      const entry = entries.get(request.url);
      if (entry && response && (await sha256(response.clone())) === entry.integrity)
        await mine.put(request, response);
    }
    await caches.delete(name);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    takeOver()
      .catch(() => {})
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "nn-offline:info") {
    event.ports[0]?.postMessage({
      version: VERSION,
      build: BUILD,
      cacheName: CACHE,
      savedMark: SAVED_MARK,
      entries: MANIFEST,
    });
  } else if (message.type === "nn-offline:skip-waiting") {
    self.skipWaiting();
  }
});
