// "Save for offline": every file of this version of the course, fetched into the cache
// the service worker serves from (sitebuild/offline/sw.js). The worker that controls this
// page gives the list (its manifest: each file's address, size and SHA-256), so the files
// saved are always this page's version. Saving checks every file already in the cache
// against its SHA-256 and fetches again any that is missing or damaged; a full disk ends
// the save with a plain message and leaves what is already kept (and the site) working.
//
//   const info = await courseManifest(registration);
//   const copy = await inspectCopy(info);     {totalBytes, haveBytes, missingBytes, missing, saved}
//   copyState(info, copy)                     "saved", "incomplete" or "ready"
//   const result = await saveCourse(info, ({done, total}) => ...);   {bytes, fetched, repaired}
//   await removeCopy();
import { SITE_ROOT } from "../runtime/client.js";

const PREFIX = "nn-course-";
const PARALLEL = 4;

// A message for the reader; `kind` is "quota", "network" or "unavailable".
export class OfflineError extends Error {
  constructor(message, kind) {
    super(message);
    this.name = "OfflineError";
    this.kind = kind;
  }
}

export const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

// The manifest of the worker that serves this page: {version, build, cacheName, savedMark, entries}.
export async function courseManifest(registration, timeoutMs = 5000) {
  const worker = navigator.serviceWorker.controller || registration?.active;
  if (!worker)
    throw new OfflineError(
      "The offline helper is not running yet; reload the page and try again.",
      "unavailable",
    );
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(
      () =>
        reject(
          new OfflineError(
            "The offline helper did not answer; reload the page and try again.",
            "unavailable",
          ),
        ),
      timeoutMs,
    );
    channel.port1.onmessage = ({ data }) => {
      clearTimeout(timer);
      resolve(data);
    };
    worker.postMessage({ type: "nn-offline:info" }, [channel.port2]);
  });
}

const addressOf = (entry) => new URL(entry.url, SITE_ROOT).href;

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return `sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}

// What the cache holds of this version (no file is read: only which are there).
export async function inspectCopy(info) {
  const cache = await caches.open(info.cacheName);
  const kept = new Set((await cache.keys()).map((request) => request.url));
  const copy = { totalBytes: 0, haveBytes: 0, missingBytes: 0, missing: 0, saved: null };
  for (const entry of info.entries) {
    copy.totalBytes += entry.bytes;
    if (kept.has(addressOf(entry))) copy.haveBytes += entry.bytes;
    else {
      copy.missingBytes += entry.bytes;
      copy.missing += 1;
    }
  }
  const mark = await cache.match(info.savedMark);
  if (mark) copy.saved = await mark.json().catch(() => null);
  return copy;
}

// "saved": this version, every file there; "incomplete": saved once, but files are missing
// or the copy is an earlier version's; "ready": never saved (visited pages may be kept).
export function copyState(info, copy) {
  if (copy.saved && copy.saved.version === info.version && copy.missing === 0) return "saved";
  return copy.saved ? "incomplete" : "ready";
}

function quotaError(needed) {
  return new OfflineError(
    `There is not enough storage space on this device to save the course (it needs ${megabytes(needed)} more). ` +
      "Nothing else changed: the course works as before, and the pages you have visited stay available offline. " +
      "Free some space and press Save again.",
    "quota",
  );
}

const isQuota = (error) => error && (error.name === "QuotaExceededError" || error.code === 22);

export async function saveCourse(info, onProgress = () => {}) {
  const before = await inspectCopy(info);
  try {
    const { quota, usage } = (await navigator.storage?.estimate?.()) || {};
    if (quota && usage != null && quota - usage < before.missingBytes) throw quotaError(before.missingBytes);
    // Ask the browser not to clear it when space runs low, without waiting for the answer:
    // Firefox asks the reader, and its promise waits until they reply (forever, unanswered).
    navigator.storage?.persist?.().catch(() => {});
  } catch (error) {
    if (error instanceof OfflineError) throw error;
  }
  const cache = await caches.open(info.cacheName);
  const total = before.totalBytes;
  const result = { bytes: total, fetched: 0, repaired: 0 };
  let done = 0;
  let failed = null;
  const queue = [...info.entries];

  async function keep(entry) {
    const address = addressOf(entry);
    const kept = await cache.match(address);
    if (kept) {
      if ((await sha256(kept)) === entry.integrity) return;
      result.repaired += 1; // damaged: fetched again below
      await cache.delete(address);
    }
    let response;
    try {
      response = await fetch(address, {
        integrity: entry.integrity,
        cache: "no-store",
        headers: { "x-nn-save": "1" },
      });
    } catch {
      throw new OfflineError(
        navigator.onLine === false
          ? "You are offline: saving the course needs the network. What is already saved stays."
          : `${entry.url} did not arrive intact; press Save again (if a new version of the course is out, reload first).`,
        "network",
      );
    }
    if (!response.ok)
      throw new OfflineError(
        `${entry.url} could not be fetched (the server answered ${response.status}); press Save again.`,
        "network",
      );
    try {
      await cache.put(address, response);
    } catch (error) {
      throw isQuota(error) ? quotaError(total - done) : error;
    }
    result.fetched += entry.bytes;
  }

  async function lane() {
    while (queue.length && !failed) {
      const entry = queue.shift();
      try {
        await keep(entry);
      } catch (error) {
        failed = failed || error;
        return;
      }
      done += entry.bytes;
      onProgress({ done, total });
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  if (failed) throw failed;
  const mark = { version: info.version, bytes: total, savedAt: new Date().toISOString() };
  try {
    await cache.put(
      info.savedMark,
      new Response(JSON.stringify(mark), { headers: { "Content-Type": "application/json" } }),
    );
  } catch (error) {
    throw isQuota(error) ? quotaError(0) : error;
  }
  return result;
}

// Delete every cache of the course (this version's and any other); the worker stays, so
// pages visited afterwards are kept again as they load.
export async function removeCopy() {
  for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
}
