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
   the cache-first strategy. */

importScripts("assets/vendor/workbox/workbox-sw.js");
workbox.setConfig({ debug: false, modulePathPrefix: "assets/vendor/workbox/" });
const { Router, Route } = workbox.routing;
const { CacheFirst } = workbox.strategies;

const MANIFEST = self.__WB_MANIFEST; // [{url, revision, bytes, integrity}], url relative to the scope
const VERSION = "__NN_VERSION__";
const BUILD = "__NN_BUILD__";
const PREFIX = "nn-course-";
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const SAVED_MARK = new URL("__nn-offline-saved__", SCOPE).href;

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
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage(message);
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

const router = new Router();
router.registerRoute(new Route(ours, new CacheFirst({ cacheName: CACHE, plugins: [versionPlugin] })));
router.addFetchListener();
router.addCacheListener(); // {type: "CACHE_URLS"}: the files a page loaded before this worker controlled it

self.addEventListener("install", () => {
  if (!self.registration.active) self.skipWaiting(); // the first version starts at once
});

// Carry the files that did not change from the old caches into this version's, then
// delete the old caches. A saved copy stays marked as saved (Save then fetches what changed).
async function takeOver() {
  const mine = await caches.open(CACHE);
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const response = await old.match(request);
      if (request.url === SAVED_MARK) await mine.put(SAVED_MARK, response);
      const entry = entries.get(request.url);
      if (entry && response && (await sha256(response.clone())) === entry.integrity) await mine.put(request, response);
    }
    await caches.delete(name);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(takeOver().catch(() => {}).then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "nn-offline:info") {
    event.ports[0]?.postMessage({ version: VERSION, build: BUILD, cacheName: CACHE, savedMark: SAVED_MARK, entries: MANIFEST });
  } else if (message.type === "nn-offline:skip-waiting") {
    self.skipWaiting();
  }
});
