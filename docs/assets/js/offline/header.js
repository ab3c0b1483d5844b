// The offline status button in the header (overrides/partials/offline-status.html): an
// icon, an accessible name and a tooltip saying where offline use stands (not saved,
// saving NN %, saved, a new version ready, unavailable); it opens "Use it offline". The
// header outlives instant navigation, so the button is wired once and looked at again on
// every page (the copy may have changed in another tab). Where service workers or storage
// are refused it says offline use is unavailable, and nothing else happens.
import { offlineSupport } from "./register.js";
import { copyState, courseManifest, inspectCopy } from "./save.js";
import { offlineStatus, publish, subscribe } from "./status.js";

const NAMES = {
  checking: () => "Offline use: checking what is saved on this device",
  ready: () => "Offline use: not saved on this device. Open “Use it offline” to save the course",
  incomplete: () => "Offline use: the saved copy is incomplete. Open “Use it offline” to update it",
  saving: ({ percent }) => `Offline use: saving the course, ${percent ?? 0} %`,
  saved: ({ version }) => `Offline use: saved on this device${version ? ` (version ${version})` : ""}`,
  error: () => "Offline use: something went wrong. Open “Use it offline” to see what",
  unavailable: () => "Offline use is not available in this browser window",
};

function render(button, status) {
  const state = status.update ? "update" : status.state;
  const name =
    state === "update"
      ? "Offline use: a new version of the course is ready. Press Reload in the notice to use it"
      : NAMES[state](status);
  button.dataset.state = state;
  button.setAttribute("aria-label", name);
  button.title = name;
  button.querySelector(".offline-status__percent").textContent =
    state === "saving" ? `${status.percent ?? 0} %` : "";
}

// What the cache holds now, unless a save on this page is under way (it publishes itself).
async function look() {
  if (offlineStatus().state === "saving") return;
  try {
    const registration = await offlineSupport();
    if (!registration || typeof caches === "undefined") {
      publish({ state: "unavailable" });
      return;
    }
    await navigator.serviceWorker.ready;
    const info = await courseManifest(registration);
    const state = copyState(info, await inspectCopy(info));
    if (offlineStatus().state !== "saving") publish({ state, version: info.version });
  } catch {
    publish({ state: "unavailable" }); // storage refused, or no worker answering: stay quiet
  }
}

// look: false where the page's save control reports the copy itself.
export function mountHeaderStatus(root = document, { look: lookNow = true } = {}) {
  const button = root.querySelector("[data-offline-status]");
  if (!button) return;
  if (!button.dataset.wired) {
    button.dataset.wired = "true";
    subscribe((status) => render(button, status));
  }
  if (lookNow) look();
}
