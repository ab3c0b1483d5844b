// Previews: each demo's first picture before the Python runtime has loaded.
//
// At build time, sitebuild/previews.py runs every demo's first calls (with the options the
// page starts with) through the same pylib code the worker runs, and writes the answers
// to assets/previews/<demo>.json. Here a demo gets a runtime that answers exactly those
// calls from that file while Python is not ready yet, so the demo draws its first picture
// at once, through its own render path, and a note marks it as a preview.
//
// The picture is what Python would draw: the same functions, options and data, so the
// live answers agree with the preview up to rounding (tests/browser/test_previews.py
// checks every one). When Python is ready the note goes and every change the reader makes
// is answered live. Any call the file does not hold, a reader's change for instance, goes
// to the runtime as before (starting it if needed), and its live answer ends the preview.
import { SITE_ROOT } from "./client.js";

const PREVIEW_NOTE = "Preview, worked out when the site was built. It comes alive once Python has loaded.";
const files = new Map(); // demo name → Promise of its answers (a Map key → data), or null

// Options as a key: the same options give the same key, whatever the order of their fields.
function keyOf(fn, args) {
  const sorted = (value) =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted(value[k])]),
          )
        : value;
  return `${fn} ${JSON.stringify(sorted(args ?? {}))}`;
}

function answersFor(name) {
  if (!files.has(name)) {
    const build = document.querySelector('meta[name="nn-build"]');
    const version = build ? `?v=${encodeURIComponent(build.content)}` : "";
    const url = new URL(`assets/previews/${encodeURIComponent(name)}.json${version}`, SITE_ROOT);
    const answers = fetch(url)
      .then((response) => (response.ok ? response.json() : null))
      .then((list) => (Array.isArray(list) ? new Map(list.map((a) => [keyOf(a.fn, a.args), a.data])) : null))
      .catch(() => null); // no previews: the demo waits for Python, as it always did
    answers.then((table) => {
      answers.table = table;
    }); // read synchronously by call()
    files.set(name, answers);
  }
  return files.get(name);
}

// The runtime a demo on `root` sees: the page's runtime, answering its first calls from the
// build's previews until Python is ready. `cleanups`: the shell's list, run when the demo goes.
export function withPreviews(runtime, root, cleanups) {
  const name = root.dataset.demo;
  if (!name || runtime.state === "ready") return runtime;
  const answers = answersFor(name);
  let shown = false; // a call was answered from the preview
  let previewing = true; // until a live answer replaces the preview
  let note = null;

  const showNote = () => {
    root.dataset.preview = "shown";
    if (note || !previewing) return;
    note = document.createElement("p");
    note.className = "demo__preview";
    note.textContent = PREVIEW_NOTE;
    const output = root.querySelector(":scope > .demo__output");
    root.insertBefore(note, output);
  };
  const goLive = () => {
    if (!previewing) return;
    previewing = false;
    if (note) note.remove();
    if (shown) root.dataset.preview = "live";
  };
  // Python is ready: from now on the demo's controls are answered live, so the note goes.
  cleanups.push(
    runtime.onStatus((state) => {
      if (state === "ready") goLive();
    }),
  );

  const call = (fn, args = {}) => {
    if (previewing && runtime.state !== "ready" && answers.table) {
      const key = keyOf(fn, args);
      if (answers.table.has(key)) {
        shown = true;
        showNote();
        return Promise.resolve(structuredClone(answers.table.get(key)));
      }
    }
    return runtime.call(fn, args).then((data) => {
      goLive();
      return data;
    });
  };
  // A demo asks Python for its first picture when the runtime says "ready": with previews
  // at hand, it hears "ready" at once (and again, for real, later).
  const onStatus = (listener) => {
    let subscribed = true;
    const off = runtime.onStatus(listener);
    answers.then((table) => {
      if (table && table.size && subscribed && previewing && runtime.state !== "ready")
        listener("ready", "", "preview");
    });
    return () => {
      subscribed = false;
      off();
    };
  };

  return new Proxy(runtime, {
    get(target, key) {
      if (key === "call") return call;
      if (key === "onStatus") return onStatus;
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
