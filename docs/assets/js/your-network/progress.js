// "Export my progress" and "Import": one JSON file holding everything the course keeps
// for a reader in this browser: the flashcards' study schedule (localStorage, see
// flashcards/schedule.js), your network (settings, accuracy, weights as the .npz bytes)
// and your digits. An import is checked whole before anything changes (schema, types,
// sizes, limits; the network's weights in Python too), then replaces what is here in one
// go: if any part cannot be written, what was here before is put back.
import { readState, writeState, clearState, STORAGE_KEY, emptyState } from "../flashcards/schedule.js";
import { base64FromBytes, bytesFromBase64, MAX_FILE_BYTES } from "./panel.js";
import { networkProblem, digitProblem, MAX_DIGITS, SCHEMA, validSizes, openStore } from "./store.js";

export const FORMAT = "nn-course-progress";
export const VERSION = 1;
export const MAX_PROGRESS_BYTES = 10 * 1024 * 1024; // a network of 2 MB in base64, 500 digits, a deck's schedule

// Everything kept here, as the progress file's object.
export async function collect() {
  const store = await openStore();
  const network = await store.network();
  const digits = await store.digits();
  const { state } = readState();
  return {
    format: FORMAT,
    version: VERSION,
    exported: new Date().toISOString(),
    flashcards: state,
    network: network && {
      sizes: network.sizes,
      test_accuracy: network.test_accuracy,
      settings: network.settings,
      source: network.source,
      name: network.name,
      saved: network.saved,
      npz: base64FromBytes(new Uint8Array(network.npz)),
    },
    digits: digits.map((d) => ({ label: d.label, saved: d.saved, pixels: base64FromBytes(d.pixels) })),
  };
}

function memoryStorage(text) {
  return { getItem: () => text, setItem() {}, removeItem() {} };
}

const isObject = (v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);

// The file's text → {ok: true, plan} or {ok: false, message}. The network's weights are
// checked by `checkNetwork(base64)` (Python's check, through the page's runtime).
export async function parseProgress(text, checkNetwork) {
  if (text.length > MAX_PROGRESS_BYTES)
    return { ok: false, message: "It is larger than any progress file the course writes (10 MB)." };
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: "It is not a progress file (it is not JSON)." };
  }
  if (!isObject(data) || data.format !== FORMAT)
    return { ok: false, message: "It is not a progress file of this course." };
  if (data.version !== VERSION)
    return {
      ok: false,
      message: `It was written by another version of the course (version ${String(data.version).slice(0, 10)}; this one reads version ${VERSION}).`,
    };

  // The study schedule: exactly the checks the study mode applies to what it reads.
  let flashcards = null;
  if (data.flashcards !== null && data.flashcards !== undefined) {
    const read = readState(memoryStorage(JSON.stringify(data.flashcards)));
    if (read.notice) return { ok: false, message: "Its study progress is damaged." };
    flashcards = read.state;
  }

  let network = null;
  if (data.network !== null && data.network !== undefined) {
    const n = data.network;
    if (
      !isObject(n) ||
      typeof n.npz !== "string" ||
      n.npz.length > (4 * MAX_FILE_BYTES) / 3 + 8 ||
      !validSizes(n.sizes)
    ) {
      return { ok: false, message: "Its network is damaged." };
    }
    let bytes;
    try {
      bytes = bytesFromBase64(n.npz);
    } catch {
      return { ok: false, message: "Its network's weights are damaged." };
    }
    network = {
      npz: bytes.buffer,
      sizes: n.sizes,
      test_accuracy: n.test_accuracy,
      settings: isObject(n.settings) ? n.settings : {},
      source: n.source,
      name: typeof n.name === "string" ? n.name.slice(0, 80) : "",
      saved: n.saved,
      schema: SCHEMA,
    };
    const problem = networkProblem(network);
    if (problem) return { ok: false, message: `Its network cannot be used: ${problem}.` };
    let checked;
    try {
      checked = await checkNetwork(n.npz);
    } catch (error) {
      return { ok: false, message: `Its network was refused. ${error.message}` };
    }
    if (checked.sizes.join() !== n.sizes.join())
      return { ok: false, message: "Its network's layer sizes do not match its weights." };
    network.test_accuracy = checked.test_accuracy; // measured here, not taken on trust
  }

  if (!Array.isArray(data.digits ?? [])) return { ok: false, message: "Its digits are damaged." };
  const given = data.digits ?? [];
  if (given.length > MAX_DIGITS)
    return { ok: false, message: `It holds ${given.length} digits; the course keeps at most ${MAX_DIGITS}.` };
  const digits = [];
  for (const d of given) {
    if (!isObject(d) || typeof d.pixels !== "string" || d.pixels.length > 1100)
      return { ok: false, message: "One of its digits is damaged." };
    let pixels;
    try {
      pixels = bytesFromBase64(d.pixels);
    } catch {
      return { ok: false, message: "One of its digits is damaged." };
    }
    const record = { schema: SCHEMA, pixels, label: d.label, saved: d.saved };
    if (digitProblem(record))
      return { ok: false, message: `One of its digits cannot be used: ${digitProblem(record)}.` };
    digits.push(record);
  }
  return {
    ok: true,
    plan: {
      flashcards,
      network,
      digits,
      exported: typeof data.exported === "string" ? data.exported.slice(0, 40) : "",
    },
  };
}

// Replace what is kept here with the plan; all or nothing.
export async function applyProgress(plan) {
  let previous = null;
  try {
    previous = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    previous = null;
  }
  if (!writeState(plan.flashcards || emptyState())) {
    const { saved } = readState();
    if (saved)
      throw new Error(
        "The study progress could not be written (the browser's storage is full or blocked); nothing was changed.",
      );
  }
  try {
    await (await openStore()).replaceAll({ network: plan.network, digits: plan.digits });
  } catch (error) {
    try {
      if (previous === null) clearState();
      else window.localStorage.setItem(STORAGE_KEY, previous);
    } catch {
      /* it was not written either */
    }
    throw new Error(`${error.message} Nothing was changed.`);
  }
}

export async function forgetEverything() {
  await (await openStore()).clear();
  clearState();
}
