// What the reader makes, kept in this browser: "your network" (the one trained in lesson 7
// or loaded from a file) and "your digits" (drawings kept with a label). One IndexedDB
// database, versioned; every record carries its own schema number and is checked when
// read, so a damaged record or one from another version is set aside with a notice
// rather than breaking a page. (The flashcards' study schedule stays where it lives, in
// localStorage: flashcards/schedule.js; the progress file in progress.js holds both.)
//
//   const store = await openStore();     never rejects: store.problem says why nothing is kept
//   await store.network()                → the network record or null
//   await store.saveNetwork(record)      throws StoreError (storage full, blocked) with a message for the reader
//   onNetworkChange(listener)            every demo's choice follows the network as it changes

export const DB_NAME = "nn-course";
export const DB_VERSION = 1;
export const SCHEMA = 1; // of each record; bump it and teach check*() the old one
export const NETWORK_ID = "yours";
export const MAX_DIGITS = 500; // a reader's own drawings: plenty for a confusion matrix
const NETWORKS = "networks";
const DIGITS = "digits";

// A refusal or failure of the browser's storage, said for the reader.
export class StoreError extends Error {
  constructor(message) {
    super(message);
    this.name = "StoreError";
  }
}

const BLOCKED =
  "This browser does not let the site keep anything (a private window, or storage turned off), " +
  "so your network and your digits last only while this page is open.";

function readerError(error) {
  if (error instanceof StoreError) return error;
  const name = error && error.name;
  if (name === "QuotaExceededError") {
    return new StoreError(
      "The browser's storage for this site is full, so this was not kept. Free some space " +
        "(delete some of your digits, or clear other sites' data) and try again; nothing you kept before was lost.",
    );
  }
  return new StoreError(
    `The browser would not keep this (${error && error.message ? error.message : name || error}). ` +
      "Nothing you kept before was lost.",
  );
}

// ------------------------------------------------------------------ checking records

const isFiniteNumber = (v) => typeof v === "number" && Number.isFinite(v);
const isDate = (v) => typeof v === "string" && v.length < 40 && Number.isFinite(Date.parse(v));

export function validSizes(sizes) {
  return (
    Array.isArray(sizes) &&
    sizes.length >= 2 &&
    sizes.length <= 5 &&
    sizes[0] === 784 &&
    sizes.at(-1) === 10 &&
    sizes.slice(1, -1).every((n) => Number.isInteger(n) && n >= 1 && n <= 128)
  );
}

// A network record: {id, schema, npz (ArrayBuffer: Network.to_bytes), sizes, test_accuracy,
// settings, source ("trained" | "file"), name, saved}. Returns a reason it is unusable, or "".
export function networkProblem(record) {
  if (!record || typeof record !== "object") return "it is empty";
  if (record.schema !== SCHEMA) return "it was saved by another version of the course";
  if (
    !(record.npz instanceof ArrayBuffer) ||
    record.npz.byteLength < 22 ||
    record.npz.byteLength > 2 * 1024 * 1024
  )
    return "its weights are missing or damaged";
  if (!validSizes(record.sizes)) return "its layer sizes are not ones the course uses";
  if (!isFiniteNumber(record.test_accuracy) || record.test_accuracy < 0 || record.test_accuracy > 1)
    return "its accuracy is damaged";
  if (!record.settings || typeof record.settings !== "object") return "its settings are missing";
  if (
    !["trained", "file"].includes(record.source) ||
    typeof record.name !== "string" ||
    !isDate(record.saved)
  )
    return "it is damaged";
  return "";
}

// A digit record: {id, schema, pixels (Uint8Array of 784, 0–255), label 0–9, saved}.
export function digitProblem(record) {
  if (!record || typeof record !== "object") return "it is empty";
  if (record.schema !== SCHEMA) return "it was saved by another version of the course";
  if (!(record.pixels instanceof Uint8Array) || record.pixels.length !== 784) return "its pixels are damaged";
  if (!Number.isInteger(record.label) || record.label < 0 || record.label > 9) return "its label is damaged";
  if (!isDate(record.saved)) return "its date is damaged";
  return "";
}

// ------------------------------------------------------------------ the database

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = (event) => {
      event.preventDefault?.();
      reject(r.error);
    };
  });
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    let opening;
    try {
      if (typeof indexedDB === "undefined" || !indexedDB) {
        reject(new StoreError(BLOCKED));
        return;
      }
      opening = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      reject(new StoreError(BLOCKED));
      return;
    }
    opening.onupgradeneeded = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains(NETWORKS)) db.createObjectStore(NETWORKS, { keyPath: "id" });
      if (!db.objectStoreNames.contains(DIGITS))
        db.createObjectStore(DIGITS, { keyPath: "id", autoIncrement: true });
    };
    opening.onsuccess = () => {
      const db = opening.result;
      // Another tab with a newer version of the site wants to upgrade: let it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    opening.onerror = (event) => {
      event.preventDefault?.();
      reject(new StoreError(BLOCKED));
    };
    opening.onblocked = () =>
      reject(new StoreError("Another tab of this course holds its storage open; close it and reload."));
  });
}

const listeners = new Set();
// listener(record | null) whenever your network is kept, replaced or forgotten (in this page).
export function onNetworkChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function changed(record) {
  for (const listener of listeners) listener(record);
}

class Store {
  constructor(db, problem = "") {
    this.db = db; // null when the browser keeps nothing: everything then lives in memory
    this.problem = problem; // why nothing is kept, for the reader ("" when all is well)
    this.notices = []; // records set aside (damaged, another version), said once
    this.memory = { network: null, digits: new Map(), nextDigit: 1 };
  }

  async transaction(names, mode, work) {
    if (!this.db) return work(null);
    let tx;
    try {
      tx = this.db.transaction(names, mode);
    } catch (error) {
      throw readerError(error);
    }
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error || new StoreError("The browser stopped saving this."));
      tx.onerror = (event) => event.preventDefault?.();
    });
    done.catch(() => {}); // when the work fails first, its error is the one reported
    try {
      const result = await work(tx);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        /* already ended */
      }
      throw readerError(error);
    }
  }

  async network() {
    if (!this.db) return this.memory.network;
    let record;
    try {
      record = await this.transaction([NETWORKS], "readonly", (tx) =>
        request(tx.objectStore(NETWORKS).get(NETWORK_ID)),
      );
    } catch (error) {
      this.note(`Your network could not be read (${error.message}).`);
      return null;
    }
    if (record === undefined) return null;
    const problem = networkProblem(record);
    if (problem) {
      this.note(
        `Your kept network cannot be used: ${problem}. It is left as it was; train or load another to replace it.`,
      );
      return null;
    }
    return record;
  }

  async saveNetwork(record) {
    const kept = { ...record, id: NETWORK_ID, schema: SCHEMA };
    const problem = networkProblem(kept);
    if (problem) throw new StoreError(`This network cannot be kept: ${problem}.`);
    if (!this.db) this.memory.network = kept;
    else await this.transaction([NETWORKS], "readwrite", (tx) => request(tx.objectStore(NETWORKS).put(kept)));
    changed(kept);
    return kept;
  }

  async forgetNetwork() {
    if (!this.db) this.memory.network = null;
    else
      await this.transaction([NETWORKS], "readwrite", (tx) =>
        request(tx.objectStore(NETWORKS).delete(NETWORK_ID)),
      );
    changed(null);
  }

  // Your digits, oldest first; damaged ones are skipped (and said once), not deleted.
  async digits() {
    let records;
    if (!this.db) records = [...this.memory.digits.values()];
    else {
      try {
        records = await this.transaction([DIGITS], "readonly", (tx) =>
          request(tx.objectStore(DIGITS).getAll()),
        );
      } catch (error) {
        this.note(`Your digits could not be read (${error.message}).`);
        return [];
      }
    }
    const good = records.filter((r) => !digitProblem(r));
    if (good.length < records.length) {
      this.note(
        `${records.length - good.length} of your kept digits could not be read (damaged, or from another version of the course); they are left as they were.`,
      );
    }
    return good;
  }

  async addDigit(pixels, label) {
    const record = {
      schema: SCHEMA,
      pixels: Uint8Array.from(pixels),
      label,
      saved: new Date().toISOString(),
    };
    const problem = digitProblem(record);
    if (problem) throw new StoreError(`This digit cannot be kept: ${problem}.`);
    if ((await this.digits()).length >= MAX_DIGITS)
      throw new StoreError(
        `You have kept ${MAX_DIGITS} digits, the most the course keeps: delete some first.`,
      );
    if (!this.db) {
      record.id = this.memory.nextDigit++;
      this.memory.digits.set(record.id, record);
      return record;
    }
    record.id = await this.transaction([DIGITS], "readwrite", (tx) =>
      request(tx.objectStore(DIGITS).add(record)),
    );
    return record;
  }

  async deleteDigit(id) {
    if (!this.db) {
      this.memory.digits.delete(id);
      return;
    }
    await this.transaction([DIGITS], "readwrite", (tx) => request(tx.objectStore(DIGITS).delete(id)));
  }

  // Replace everything at once (an import): one transaction, so a failure changes nothing.
  async replaceAll({ network, digits }) {
    const kept = network ? { ...network, id: NETWORK_ID, schema: SCHEMA } : null;
    const rows = digits.map((d) => ({
      schema: SCHEMA,
      pixels: Uint8Array.from(d.pixels),
      label: d.label,
      saved: d.saved,
    }));
    if (kept && networkProblem(kept))
      throw new StoreError(`The network cannot be kept: ${networkProblem(kept)}.`);
    if (rows.some((r) => digitProblem(r))) throw new StoreError("A digit in it is damaged.");
    if (!this.db) {
      this.memory.network = kept;
      this.memory.digits = new Map(
        rows.map((r) => {
          r.id = this.memory.nextDigit++;
          return [r.id, r];
        }),
      );
    } else {
      await this.transaction([NETWORKS, DIGITS], "readwrite", async (tx) => {
        const networks = tx.objectStore(NETWORKS);
        const digitStore = tx.objectStore(DIGITS);
        await request(networks.clear());
        await request(digitStore.clear());
        if (kept) await request(networks.put(kept));
        for (const row of rows) await request(digitStore.add(row));
      });
    }
    changed(kept);
  }

  async clear() {
    this.memory = { network: null, digits: new Map(), nextDigit: 1 };
    if (this.db) {
      await this.transaction([NETWORKS, DIGITS], "readwrite", async (tx) => {
        await request(tx.objectStore(NETWORKS).clear());
        await request(tx.objectStore(DIGITS).clear());
      });
    }
    changed(null);
  }

  note(text) {
    if (!this.notices.includes(text)) this.notices.push(text);
  }
}

let opened = null;

// The one store of this page (opened once; survives instant navigation).
export function openStore() {
  if (!opened) {
    opened = openDatabase().then(
      (db) => new Store(db),
      (error) => new Store(null, error.message || BLOCKED),
    );
  }
  return opened;
}

// Bytes used and available, where the browser says (navigator.storage.estimate).
export async function storageEstimate() {
  try {
    if (!navigator.storage || !navigator.storage.estimate) return null;
    const { usage, quota } = await navigator.storage.estimate();
    return Number.isFinite(usage) ? { usage, quota: Number.isFinite(quota) ? quota : null } : null;
  } catch {
    return null;
  }
}
