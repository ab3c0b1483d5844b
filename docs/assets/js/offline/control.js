// The "Save this course for offline use" control (docs/offline.md places it with an
// element [data-offline-control] whose text is what a reader without JavaScript sees).
// It shows the bytes to fetch (from the worker's manifest, computed at build time), a
// progress bar while saving, then "Saved: N MB, version X" and "Remove the offline copy".
import { h } from "../dom.js";
import { offlineSupport } from "./register.js";
import {
  copyState,
  courseManifest,
  inspectCopy,
  megabytes,
  OfflineError,
  removeCopy,
  saveCourse,
} from "./save.js";
import { publish } from "./status.js";

const UNAVAILABLE =
  "Offline use is not available in this browser window: it needs a service worker, which this window does not allow " +
  "(a private window, a page opened from a file, or a browser setting). Everything else on the site works as usual.";

export function mountControl(root) {
  const status = h(
    "p",
    { class: "offline-control__status", role: "status" },
    "Checking what is saved on this device…",
  );
  const progress = h("progress", {
    class: "offline-control__progress",
    max: "1",
    value: "0",
    "aria-label": "Saving the course",
  });
  const progressText = h("span", { class: "offline-control__amount" });
  const bar = h("div", { class: "offline-control__bar", hidden: true }, progress, progressText);
  const save = h(
    "button",
    { type: "button", class: "md-button md-button--primary", hidden: true },
    "Save this course for offline use",
  );
  const remove = h("button", { type: "button", class: "md-button", hidden: true }, "Remove the offline copy");
  const panel = h(
    "div",
    { class: "offline-control__panel" },
    status,
    bar,
    h("div", { class: "offline-control__actions" }, save, remove),
  );
  root.replaceChildren(panel);
  root.dataset.state = "checking";

  let info = null;
  let busy = false;
  const setState = (state, text) => {
    root.dataset.state = state;
    status.textContent = text;
    status.setAttribute("role", state === "error" ? "alert" : "status");
    publish({ state, version: info?.version ?? null }); // the header's button shows it too
  };

  async function show(note = "") {
    const copy = await inspectCopy(info);
    const savedThis = copy.saved && copy.saved.version === info.version;
    const state = copyState(info, copy);
    remove.hidden = !(copy.haveBytes > 0 || copy.saved);
    save.hidden = false;
    save.textContent = "Save this course for offline use";
    if (state === "saved") {
      root.dataset.saved = info.version;
      save.textContent = "Check the offline copy";
      setState(
        "saved",
        `Saved: ${megabytes(copy.totalBytes)}, version ${info.version}. Every page and demo works without a network.${note}`,
      );
    } else if (state === "incomplete") {
      delete root.dataset.saved;
      const why = savedThis
        ? `${copy.missing} of its files are missing`
        : "it is from an earlier version of the course";
      setState(
        "incomplete",
        `Your offline copy is incomplete (${why}): saving again fetches ${megabytes(copy.missingBytes)}.`,
      );
    } else {
      delete root.dataset.saved;
      const already = copy.haveBytes
        ? ` (${megabytes(copy.haveBytes)} of it is already here, from the pages you have visited)`
        : "";
      setState(
        "ready",
        `Not saved yet. Saving fetches the whole course, ${megabytes(copy.totalBytes)}${already}: every page, the Python runtime and the digit data.${note}`,
      );
    }
  }

  async function onSave() {
    if (busy) return;
    busy = true;
    save.disabled = remove.disabled = true;
    bar.hidden = false;
    setState("saving", "Saving the course… Keep this page open until it is done.");
    try {
      const result = await saveCourse(info, ({ done, total }) => {
        progress.max = total;
        progress.value = done;
        progressText.textContent = `${megabytes(done)} of ${megabytes(total)}`;
        publish({ state: "saving", percent: Math.floor((100 * done) / total) });
      });
      const repaired = result.repaired
        ? ` ${result.repaired} damaged file${result.repaired === 1 ? " was" : "s were"} fetched again.`
        : "";
      await show(repaired);
    } catch (error) {
      const text = error instanceof OfflineError ? error.message : `Saving stopped: ${error.message}`;
      setState("error", text);
      root.dataset.error = error.kind || "other";
    } finally {
      busy = false;
      save.disabled = remove.disabled = false;
      bar.hidden = true;
    }
  }

  async function onRemove() {
    if (busy) return;
    busy = true;
    try {
      await removeCopy();
      delete root.dataset.error;
      await show(" The offline copy was removed.");
    } catch (error) {
      setState("error", `The offline copy could not be removed: ${error.message}`);
    } finally {
      busy = false;
    }
  }

  save.addEventListener("click", () => {
    delete root.dataset.error;
    onSave();
  });
  remove.addEventListener("click", onRemove);

  offlineSupport()
    .then(async (registration) => {
      if (!registration || typeof caches === "undefined") {
        setState("unavailable", UNAVAILABLE);
        return;
      }
      await navigator.serviceWorker.ready;
      info = await courseManifest(registration);
      await show();
    })
    .catch((error) =>
      setState(
        "error",
        error instanceof OfflineError ? error.message : `Offline use could not start: ${error.message}`,
      ),
    );
}
