// The page the service worker shows in place of a page it cannot serve without a network
// (sitebuild/offline/fallback.html; sw.js's catch handler gives it a <base> at the
// site's root, so its links work whatever address it stands in for). It lists the
// course's pages kept on this device, follows the reader's colour scheme and retries.
// On its own: sw.js keeps only this file and the page's stylesheets for it, so it
// imports nothing. (The cache's name and keys are sw.js's: "nn-course-…", a folder's
// page as its index.html.)
const PREFIX = "nn-course-";
const base = new URL(".", document.baseURI);

// The theme's palette choice (mkdocs-material keeps it under the site's path), or the system's.
function scheme() {
  let chosen = null;
  try {
    chosen = JSON.parse(localStorage.getItem(`${base.pathname}.__palette`))?.color;
  } catch {
    chosen = null; // storage blocked: the system's scheme
  }
  if (chosen?.scheme && chosen.media !== "(prefers-color-scheme)") return chosen.scheme;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "slate" : "default";
}

function showScheme() {
  document.body.dataset.mdColorScheme = scheme();
}

async function keptPages(links) {
  const names =
    typeof caches === "undefined" ? [] : (await caches.keys()).filter((n) => n.startsWith(PREFIX));
  const opened = await Promise.all(names.map((name) => caches.open(name)));
  const kept = [];
  for (const link of links) {
    const key = new URL(link.href);
    key.search = key.hash = "";
    if (key.pathname.endsWith("/")) key.pathname += "index.html";
    const found = await Promise.all(opened.map((cache) => cache.match(key.href)));
    if (found.some(Boolean)) kept.push(link);
  }
  return kept;
}

async function listKept() {
  const summary = document.querySelector(".offline-fallback__summary");
  const links = [...document.querySelectorAll(".offline-fallback__pages a")];
  let kept = [];
  try {
    kept = await keptPages(links);
  } catch {
    kept = []; // storage refused: the summary's plain advice stays
  }
  for (const link of kept) link.closest("li").hidden = false;
  summary.textContent = kept.length
    ? `${kept.length} of the course's ${links.length} pages ${kept.length === 1 ? "is" : "are"} kept on this device:`
    : "None of the course's pages is kept on this device yet.";
}

showScheme();
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", showScheme);
const retry = document.querySelector(".offline-fallback__retry");
retry.hidden = false;
retry.addEventListener("click", () => location.reload());
listKept();
