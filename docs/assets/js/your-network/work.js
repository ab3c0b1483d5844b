// The "Your work" page: your network (the same panel as under Train), your digits (listed,
// scored by the shipped network and by yours, with a confusion matrix and the ones each
// misreads, any of them deleted), and your progress (export, import, forget, storage used).
import { h } from "../dom.js";
import { DemoShell } from "../demo-kit/shell.js";
import { drawDigit } from "../lib/digit.js";
import { ReaderError, StoppedError } from "../runtime/client.js";
import { confirmInline } from "./confirm.js";
import { followYourNetwork, percent, yourNetwork } from "./current.js";
import { base64FromBytes, yourNetworkPanel } from "./panel.js";
import { applyProgress, collect, forgetEverything, MAX_PROGRESS_BYTES, parseProgress } from "./progress.js";
import { openStore, storageEstimate } from "./store.js";
import { readState } from "../flashcards/schedule.js";

const kB = (n) =>
  n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024)).toLocaleString("en")} kB`
    : n < 1024 ** 3
      ? `${(n / 1024 ** 2).toFixed(1)} MB`
      : `${(n / 1024 ** 3).toFixed(1)} GB`;
const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function thumb(pixels) {
  const canvas = h("canvas", { class: "your-digits__canvas", width: 28, height: 28, "aria-hidden": "true" });
  drawDigit(
    canvas,
    Array.from(pixels, (b) => b / 255),
  );
  return canvas;
}

// Row: the label you gave; column: the network's guess.
function confusionTable(confusion, caption) {
  const rows = confusion.map((row, label) => [label, row]).filter(([, row]) => row.some((n) => n > 0));
  return h(
    "div",
    { class: "demo__table-wrap" },
    h(
      "table",
      { class: "your-digits__confusion" },
      h("caption", { text: caption }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col", text: "You wrote ↓ / read as →" }),
          ...Array.from({ length: 10 }, (_, d) => h("th", { scope: "col", text: String(d) })),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map(([label, row]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row", text: String(label) }),
            ...row.map((n, guess) =>
              h("td", {
                class: n && guess !== label ? "your-digits__wrong" : n ? "your-digits__right" : null,
                text: n ? String(n) : "",
              }),
            ),
          ),
        ),
      ),
    ),
  );
}

export function mount(root) {
  const shell = new DemoShell(root);
  yourNetworkPanel(shell, shell.output);

  // ------------------------------------------------------------ your digits
  const list = h("ul", { class: "your-digits__list", "aria-label": "Your digits" });
  const digitsNote = h("p", { class: "your-digits__note", "aria-live": "polite" });
  const scoreButton = shell.button("Score your digits", () => score(), { primary: true });
  const results = h("div", { class: "your-digits__results", "aria-live": "polite" });
  shell.output.append(
    h(
      "section",
      { class: "your-digits", "aria-label": "Your digits" },
      h("h4", { text: "Your digits" }),
      digitsNote,
      list,
      h("div", { class: "demo__buttons" }, scoreButton),
      results,
    ),
  );
  let digits = [];

  async function refresh() {
    const store = await openStore();
    digits = await store.digits();
    list.replaceChildren(
      ...digits.map((d, i) =>
        h(
          "li",
          { class: "your-digits__item", "data-id": d.id },
          thumb(d.pixels),
          h("span", { class: "your-digits__label", text: `a ${d.label}` }),
          h("button", {
            type: "button",
            class: "md-button your-digits__delete",
            "aria-label": `Delete your digit ${i + 1} (a ${d.label})`,
            text: "Delete",
            onclick: () => remove(d),
          }),
        ),
      ),
    );
    digitsNote.textContent = digits.length
      ? `${plural(digits.length, "digit")} you drew in lesson 1 and kept, each with the label you gave it.`
      : "None yet. In lesson 1's Look inside, draw a digit and press Keep this drawing: it is kept here with its label.";
    scoreButton.disabled = !digits.length;
    root.dataset.digits = String(digits.length);
    if (store.notices.length) say(store.notices.join(" "), "warning");
  }

  async function remove(record) {
    try {
      await (await openStore()).deleteDigit(record.id);
      results.replaceChildren();
      await refresh();
      digitsNote.textContent = `Deleted your ${record.label}. ${digitsNote.textContent}`;
      updateUsage();
    } catch (error) {
      say(error.message, "error");
    }
  }

  async function score() {
    if (!digits.length) return;
    scoreButton.disabled = true;
    results.replaceChildren(
      h("p", {
        text: shell.runtime.state === "ready" ? "Scoring…" : "Waiting for the Python runtime, then scoring…",
      }),
    );
    const mine = yourNetwork();
    let answer;
    try {
      answer = await shell.runtime.call("score_your_digits", {
        digits: digits.map((d) => ({ label: d.label, pixels: base64FromBytes(d.pixels) })),
        ...(mine ? { weights: "yours" } : {}),
      });
    } catch (error) {
      results.replaceChildren(
        h("p", {
          class: "your-work__message",
          "data-kind": "error",
          text:
            error instanceof StoppedError
              ? ""
              : error instanceof ReaderError
                ? error.message
                : `Could not score them: ${error.message}`,
        }),
      );
      return;
    } finally {
      scoreButton.disabled = !digits.length;
    }
    const parts = [];
    for (const [key, name] of [
      ["shipped", "The shipped network"],
      ["yours", `Your network (${mine ? percent(mine.test_accuracy) : ""} held out)`],
    ]) {
      const r = answer[key];
      if (!r) continue;
      const wrong = digits.map((d, i) => [d, r.guesses[i]]).filter(([d, g]) => d.label !== g);
      parts.push(
        h(
          "section",
          { class: "your-digits__network", "data-network": key },
          h("h5", { text: `${name} reads ${r.right} of your ${plural(answer.count, "digit")}` }),
          confusionTable(r.confusion, `${name}: the label you gave (rows) against its guess (columns)`),
          wrong.length
            ? h("p", { text: "The ones it misreads:" })
            : h("p", { text: "It reads every one of them." }),
          wrong.length
            ? h(
                "ul",
                { class: "your-digits__list your-digits__misread" },
                wrong.map(([d, g]) =>
                  h(
                    "li",
                    { class: "your-digits__item" },
                    thumb(d.pixels),
                    h("span", { class: "your-digits__label", text: `you wrote ${d.label}, read as ${g}` }),
                  ),
                ),
              )
            : null,
        ),
      );
    }
    if (!answer.yours)
      parts.push(h("p", { text: "Train a network in lesson 7 (or load one) to score them with yours too." }));
    results.replaceChildren(...parts);
    root.dataset.scored = JSON.stringify({
      shipped: answer.shipped.right,
      yours: answer.yours ? answer.yours.right : null,
    });
  }

  // ------------------------------------------------------------ your progress
  const message = h("p", { class: "your-work__message", role: "status" });
  const say = (text, kind = "") => {
    message.textContent = text;
    message.dataset.kind = kind;
  };
  const usage = h("p", { class: "your-work__usage" });
  const ask = h("div", { class: "your-work__ask" });
  const fileId = `your-progress-file-${Math.random().toString(36).slice(2, 8)}`;
  const file = h("input", {
    type: "file",
    id: fileId,
    accept: ".json,application/json",
    class: "your-panel__file",
  });
  shell.output.append(
    h(
      "section",
      { class: "your-work__progress", "aria-label": "Your progress" },
      h("h4", { text: "Your progress" }),
      h("p", {
        text:
          "One file holds everything the course keeps for you in this browser: the flashcards' study schedule, " +
          "your network and your digits. Take it to another browser or device and import it there.",
      }),
      h(
        "div",
        { class: "demo__buttons" },
        shell.button("Export my progress", () => exportProgress()),
        file,
        h("label", { class: "md-button your-panel__load", for: fileId, text: "Import…" }),
        shell.button("Forget everything on this device", () => forget()),
      ),
      ask,
      message,
      usage,
    ),
  );

  const question = (text, yes, no) => confirmInline(ask, text, yes, no);

  function describeHere(cards, network, count) {
    return `study progress on ${plural(cards, "card")}, ${network ? `a network (${network.sizes.join("-")}, ${percent(network.test_accuracy)} held out)` : "no network"} and ${plural(count, "digit")}`;
  }

  async function exportProgress() {
    try {
      const data = await collect();
      const blob = new Blob([JSON.stringify(data)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = h("a", { href: url, download: `nn-course-progress-${data.exported.slice(0, 10)}.json` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      say(
        `Exported ${describeHere(Object.keys(data.flashcards.cards).length, data.network, data.digits.length)} (${kB(blob.size)}).`,
      );
    } catch (error) {
      say(`Could not export: ${error.message}`, "error");
    }
  }

  file.addEventListener("change", async () => {
    const chosen = file.files && file.files[0];
    file.value = "";
    if (!chosen) return;
    if (chosen.size > MAX_PROGRESS_BYTES) {
      say(
        `${chosen.name} is larger than any progress file the course writes (10 MB), so it was not read. Nothing was changed.`,
        "error",
      );
      return;
    }
    say(`Checking ${chosen.name}…`);
    const parsed = await parseProgress(await chosen.text(), (npz) =>
      shell.runtime.call("check_network", { npz }),
    );
    if (!parsed.ok) {
      say(`${chosen.name} cannot be imported: ${parsed.message} Nothing was changed.`, "error");
      return;
    }
    const plan = parsed.plan;
    const here = describeHere(Object.keys(readState().state.cards).length, yourNetwork(), digits.length);
    const there = describeHere(
      plan.flashcards ? Object.keys(plan.flashcards.cards).length : 0,
      plan.network,
      plan.digits.length,
    );
    say("");
    if (
      !(await question(
        `Import ${chosen.name}? It holds ${there}. Importing replaces what this browser keeps now (${here}); nothing is merged.`,
        "Import and replace",
        "Cancel",
      ))
    ) {
      say("Nothing was imported.");
      return;
    }
    try {
      await applyProgress(plan);
      say(`Imported: ${there}.`);
    } catch (error) {
      say(error.message, "error");
    }
    await refresh();
    updateUsage();
  });

  async function forget() {
    if (
      !(await question(
        "Forget everything the course keeps in this browser: your study progress, your network and your digits? " +
          "This cannot be undone (export your progress first to keep a copy).",
        "Forget everything",
        "Cancel",
      ))
    )
      return;
    try {
      await forgetEverything();
      say("Everything is forgotten: this browser keeps nothing of yours for the course.");
    } catch (error) {
      say(`Could not forget everything: ${error.message}`, "error");
    }
    results.replaceChildren();
    await refresh();
    updateUsage();
  }

  async function updateUsage() {
    const store = await openStore();
    if (store.problem) {
      usage.textContent = store.problem;
      return;
    }
    const network = yourNetwork();
    let cardsBytes = 0;
    try {
      cardsBytes = (window.localStorage.getItem("nn-flashcards") || "").length;
    } catch {
      cardsBytes = 0;
    }
    const mine = (network ? network.npz.byteLength : 0) + digits.length * 784 + cardsBytes;
    const estimate = await storageEstimate();
    usage.textContent =
      `What the course keeps for you: about ${kB(mine)} (your network ${network ? kB(network.npz.byteLength) : "none"}, ` +
      `your digits ${digits.length ? kB(digits.length * 784) : "none"}, study progress ${cardsBytes ? kB(cardsBytes) : "none"}).` +
      (estimate
        ? ` The browser counts ${kB(estimate.usage)} used by this site in all${estimate.quota ? `, of ${kB(estimate.quota)} it allows` : ""}.`
        : "");
  }

  shell.cleanups.push(
    followYourNetwork(() => {
      updateUsage();
    }, root),
  );
  refresh().then(updateUsage);
  return () => shell.destroy();
}
