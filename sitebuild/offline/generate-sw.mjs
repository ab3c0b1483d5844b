// Writes the site's service worker, run by sitebuild/offline.py once MkDocs has written
// every file of the site (the manifest must list the final files, with their hashes).
//
//   node sitebuild/offline/generate-sw.mjs SITE_DIR BUILD_ID
//
// 1. Copies the Workbox modules the worker uses (workbox-sw, -core, -routing,
//    -strategies; production builds) from node_modules into SITE_DIR/assets/vendor/workbox/,
//    so the site serves them itself (no CDN).
// 2. Runs workbox-build's injectManifest over SITE_DIR: every file the course needs, each
//    with Workbox's revision (an MD5 of its content), its size and its SHA-256 as a
//    Subresource Integrity string, goes into SITE_DIR/sw.js in place of self.__WB_MANIFEST.
// 3. Lists the offline fallback page (sitebuild/offline.py writes it) and the files it
//    loads, which the worker keeps at install.
// 4. Fills in the version (a hash of the manifest: any changed byte makes a new version
//    and so a new worker) and the build id pages append to the runtime's URLs (?v=…).
// Prints {version, build, files, bytes} as JSON for the build stats.

import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { getManifest, injectManifest } = require("workbox-build");

const [siteDir, buildId] = process.argv.slice(2);
if (!siteDir || !buildId) {
  console.error("usage: node generate-sw.mjs SITE_DIR BUILD_ID");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const WORKBOX_DIR = "assets/vendor/workbox";

// 1. Workbox's modules, served by the site.
const FALLBACK = "offline-fallback.html";
const modules = [
  ["workbox-sw", "workbox-sw.js"],
  ["workbox-core", "workbox-core.prod.js"],
  ["workbox-routing", "workbox-routing.prod.js"],
  ["workbox-strategies", "workbox-strategies.prod.js"],
];
mkdirSync(join(siteDir, WORKBOX_DIR), { recursive: true });
for (const [pkg, file] of modules) {
  const source = join(dirname(require.resolve(`${pkg}/package.json`)), "build", file);
  copyFileSync(source, join(siteDir, WORKBOX_DIR, file));
}

// 2. The manifest: every file but source maps, the compressed sitemap, the search's
// other-language stemmers (the site is English) and the worker itself. (Instant
// navigation reads sitemap.xml, so it stays.)
const addIntegrity = async (entries) => ({
  manifest: entries.map((entry) => ({
    ...entry,
    bytes: entry.size,
    integrity: `sha256-${createHash("sha256")
      .update(readFileSync(join(siteDir, entry.url)))
      .digest("base64")}`,
  })),
});
const options = {
  globDirectory: siteDir,
  globPatterns: ["**/*"],
  globIgnores: ["sw.js", "**/*.map", "sitemap.xml.gz", "assets/javascripts/lunr/**"],
  maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
  manifestTransforms: [addIntegrity],
};
const { manifestEntries, size, count } = await getManifest(options);
const version = createHash("sha256").update(JSON.stringify(manifestEntries)).digest("hex").slice(0, 10);

const swDest = join(siteDir, "sw.js");
await injectManifest({ ...options, swSrc: join(here, "sw.js"), swDest });

// 3. The fallback page and its stylesheets and script (addresses relative to the site's root).
const fallbackHtml = readFileSync(join(siteDir, FALLBACK), "utf8");
const fallbackFiles = [
  FALLBACK,
  ...[...fallbackHtml.matchAll(/<(?:link rel="stylesheet" href|script type="module" src)="([^"]+)"/g)].map(
    (m) => m[1],
  ),
];
const listed = new Set(manifestEntries.map((entry) => entry.url));
for (const file of fallbackFiles) {
  if (!listed.has(file)) {
    console.error(`the offline fallback page loads ${file}, which the manifest does not list`);
    process.exit(1);
  }
}

// 4. The version and build id.
const text = readFileSync(swDest, "utf8")
  .replaceAll("__NN_VERSION__", version)
  .replaceAll("__NN_BUILD__", buildId)
  .replace("__NN_FALLBACK_FILES__", JSON.stringify(fallbackFiles));
writeFileSync(swDest, text);
console.log(JSON.stringify({ version, build: buildId, files: count, bytes: size }));
