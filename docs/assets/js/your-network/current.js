// "Your network" as the page's demos see it: the kept record, loaded once and followed as
// it changes; its label ("Your network (92.3% held out)"); and the bytes Python needs,
// which the runtime client adds to any request that chose it (weights or network "yours").
import { percent } from "../format.js";
import { onNetworkChange, openStore } from "./store.js";

let current = null;
let loaded = null;
const listeners = new Set();
let encoded = { record: null, text: "" };

export const DEFAULT_SIZES = [784, 16, 16, 10];
export { percent }; // the one formatter (format.js), kept here for the modules that import it with the record

// Resolves with the kept network (or null) once the store has been read.
export function loadYourNetwork() {
  if (!loaded) {
    loaded = openStore().then(async (store) => {
      current = await store.network();
      return current;
    });
    onNetworkChange((record) => {
      current = record;
      for (const listener of listeners) listener(current);
    });
  }
  return loaded;
}

export function yourNetwork() {
  return current;
}

// listener(record | null) now (if loaded) and whenever it changes; returns an unsubscribe.
// With `element`, it stops by itself once that element has left the page (instant navigation).
export function followYourNetwork(listener, element = null) {
  const stop = () => listeners.delete(guarded);
  const guarded = (record) => {
    if (element && !element.isConnected && element.dataset.yoursSeen) {
      stop();
      return;
    }
    if (element && element.isConnected) element.dataset.yoursSeen = "1";
    listener(record);
  };
  listeners.add(guarded);
  loadYourNetwork().then(() => {
    if (listeners.has(guarded)) guarded(current);
  });
  return () => listeners.delete(guarded);
}

export function sizesText(sizes) {
  return sizes.join("-");
}

export function isDefaultShape(record) {
  return (
    Boolean(record) &&
    record.sizes.length === DEFAULT_SIZES.length &&
    record.sizes.every((n, i) => n === DEFAULT_SIZES[i])
  );
}

export function yourLabel(record = current) {
  return `Your network (${percent(record.test_accuracy)} held out)`;
}

// What a request must carry for Python to use your network: {key, npz (base64)}.
function payload(record) {
  if (encoded.record !== record) {
    const bytes = new Uint8Array(record.npz);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    encoded = { record, text: btoa(binary) };
  }
  return { key: `${record.saved}:${record.npz.byteLength}`, npz: encoded.text };
}

// Called by the runtime client before it sends a request: adds your network when chosen.
export async function withYourNetwork(args) {
  if (!args || (args.weights !== "yours" && args.network !== "yours")) return args;
  const record = await loadYourNetwork().then(() => current);
  if (!record) return args; // Python then says that no network came with the request
  return { ...args, your_network: payload(record) };
}
