// The "Your network" panel (under the Train demo, and on the Your work page): what your
// network is, Download it (the .npz pylib's Network.load reads), Load a network from a
// file (checked in Python before use), Forget it. And keepTrained(), which the Train demo
// calls when a run ends or is stopped after at least one epoch: the network is kept as
// "your network", after asking if it would replace another.
import { h } from "../dom.js";
import { count } from "../format.js";
import { ReaderError, StoppedError } from "../runtime/client.js";
import { confirmInline } from "./confirm.js";
import { followYourNetwork, percent, sizesText, yourNetwork, loadYourNetwork } from "./current.js";
import { openStore } from "./store.js";

export const MAX_FILE_BYTES = 2 * 1024 * 1024; // the same limit as pylib.demos.your_network.MAX_BYTES

export function bytesFromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
export function base64FromBytes(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// What a network is, in one sentence.
export function describe(record) {
  const s = record.settings || {};
  const how =
    record.source === "file"
      ? `loaded from ${record.name}`
      : `trained for ${s.epochs_trained} epoch${s.epochs_trained === 1 ? "" : "s"} (η = ${s.learning_rate}, m = ${s.mini_batch_size}, seed ${s.seed}) ` +
        `on ${count(s.train_size)} training images${s.your_digits ? ` and ${s.your_digits} of your digits` : ""}`;
  return `${sizesText(record.sizes)}, ${how}: it reads ${percent(record.test_accuracy)} of the 1,000 held-out images.`;
}

// Keep `record` as your network, asking first if it would replace a different one.
async function keep(record, box, say) {
  const store = await openStore();
  const old = await store.network();
  if (old && old.saved !== record.saved) {
    const replace = await confirmInline(
      box,
      `Replace your network (${describe(old)}) with this one (${percent(record.test_accuracy)} held out)?`,
      "Replace it",
      "Keep the old one",
    );
    if (!replace) {
      say("Your network is unchanged; this one was not kept.");
      return null;
    }
  }
  try {
    const kept = await store.saveNetwork(record);
    say(
      `Kept as your network${store.problem ? " for as long as this page is open" : ""}: the demos of lessons 1–5 now offer it.`,
    );
    return kept;
  } catch (error) {
    say(error.message, "error");
    return null;
  }
}

export function yourNetworkPanel(shell, container) {
  const summary = h("p", { class: "your-panel__summary", "aria-live": "polite" });
  const question = h("div", { class: "your-panel__ask" });
  const message = h("p", { class: "your-panel__message", role: "status" });
  const say = (text, kind = "") => {
    message.textContent = text;
    message.dataset.kind = kind;
  };
  const fileId = `your-network-file-${Math.random().toString(36).slice(2, 8)}`;
  const file = h("input", {
    type: "file",
    id: fileId,
    accept: ".npz,application/octet-stream",
    class: "your-panel__file",
  });
  const download = h("a", {
    class: "md-button",
    download: "your-network.npz",
    href: "#",
    text: "Download your network",
  });
  const forget = h("button", { type: "button", class: "md-button", text: "Forget your network" });
  const panel = h(
    "section",
    { class: "your-panel", "aria-label": "Your network" },
    h("h4", { text: "Your network" }),
    summary,
    h(
      "div",
      { class: "demo__buttons" },
      download,
      file,
      h("label", { class: "md-button your-panel__load", for: fileId, text: "Load a network…" }),
      forget,
    ),
    question,
    message,
  );
  container.append(panel);

  let url = null;
  const stop = followYourNetwork((record) => {
    if (url) URL.revokeObjectURL(url);
    url = null;
    download.hidden = forget.hidden = !record;
    if (!record) {
      summary.textContent =
        "None yet. Train a network above (or load one a notebook saved) and it is kept here, " +
        "offered to the demos of lessons 1–5, and yours to download.";
      return;
    }
    summary.textContent = `${describe(record)} Kept in this browser.`;
    url = URL.createObjectURL(new Blob([record.npz], { type: "application/octet-stream" }));
    download.href = url;
    download.download = `your-network-${sizesText(record.sizes)}.npz`;
  }, panel);
  shell.cleanups.push(() => {
    stop();
    if (url) URL.revokeObjectURL(url);
  });

  loadYourNetwork()
    .then(openStore)
    .then((store) => {
      if (store.problem) say(store.problem, "warning");
      else if (store.notices.length) say(store.notices.join(" "), "warning");
    });

  forget.addEventListener("click", async () => {
    const record = yourNetwork();
    if (!record) return;
    if (
      !(await confirmInline(
        question,
        `Forget your network (${describe(record)})? Download it first if you may want it back.`,
        "Forget it",
        "Keep it",
      ))
    )
      return;
    try {
      await (await openStore()).forgetNetwork();
      say("Your network is forgotten.");
    } catch (error) {
      say(error.message, "error");
    }
  });

  file.addEventListener("change", async () => {
    const chosen = file.files && file.files[0];
    file.value = "";
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      say(
        `${chosen.name} is ${(chosen.size / 1024 / 1024).toFixed(1)} MB: a network file from this course is at most 2 MB (the largest network you can train takes about 0.5 MB), so it was not read.`,
        "error",
      );
      return;
    }
    say(
      shell.runtime.state === "ready"
        ? `Checking ${chosen.name}…`
        : `Waiting for the Python runtime, then checking ${chosen.name}…`,
    );
    let bytes, checked;
    try {
      bytes = new Uint8Array(await chosen.arrayBuffer());
      checked = await shell.runtime.call("check_network", { npz: base64FromBytes(bytes) });
    } catch (error) {
      if (error instanceof StoppedError) {
        say("");
        return;
      }
      say(
        error instanceof ReaderError
          ? `${chosen.name} was refused. ${error.message}`
          : `${chosen.name} could not be checked: ${error.message}`,
        "error",
      );
      return;
    }
    const name = chosen.name.slice(0, 80);
    await keep(
      {
        npz: bytes.buffer,
        sizes: checked.sizes,
        test_accuracy: checked.test_accuracy,
        source: "file",
        name,
        settings: { file: name },
        saved: new Date().toISOString(),
      },
      question,
      say,
    );
  });

  // Called by the Train demo when a run has ended or stopped after ≥ 1 epoch.
  async function keepTrained(values, epochsTrained) {
    say("Keeping this network…");
    let answer;
    try {
      answer = await shell.runtime.call("trained_network", {});
    } catch (error) {
      say(
        error instanceof StoppedError ? "" : `This network could not be kept: ${error.message}`,
        error instanceof StoppedError ? "" : "error",
      );
      return;
    }
    const settings = {
      learning_rate: values.learning_rate,
      mini_batch_size: values.mini_batch_size,
      epochs: values.epochs,
      epochs_trained: epochsTrained,
      seed: values.seed,
      train_size: values.train_size,
      hidden_sizes: values.hidden_sizes,
      your_digits: values.your_digits ? values.your_digits.length : 0,
    };
    await keep(
      {
        npz: bytesFromBase64(answer.npz).buffer,
        sizes: answer.sizes,
        test_accuracy: answer.test_accuracy,
        source: "trained",
        name: sizesText(answer.sizes),
        settings,
        saved: new Date().toISOString(),
      },
      question,
      say,
    );
  }

  loadYourNetwork();
  return { element: panel, keepTrained };
}
