// "The biggest nudges" (lesson 4): the real 784-16-16-10 network's gradient on one
// mini-batch of training images. Of its 13,002 components (one per weight and bias),
// the ten largest in size, which knob each belongs to and which way it will move;
// then the mini-batch's cost before and after one step with the reader's η, and the
// change as a share of the cost. It starts from the partly trained weights, where one
// step visibly lowers the cost (on the fully trained ones the change is tiny).
// Knobs are named as the lessons number them: hidden neurons from 1 (a₁ … a₁₆), outputs
// by their digit, pixels by row and column from 1 (pixel k = 28 × (row − 1) + column).
// The gradient is Network.backprop's, computed in the page's Python worker.
import { DemoShell } from "../demo-kit/shell.js";
import { h } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { digitCanvas, drawDigit } from "../lib/digit.js";
import { explainError } from "../demo-kit/errors.js";
import { WEIGHTS_WORDS } from "../demo-kit/image-picker.js";
import { offerInSelect } from "../your-network/choice.js";
import {
  batchText,
  costLines,
  fieldsToRead,
  nudgeRows,
  summaryText,
  verdict,
} from "./biggest-nudges.model.js";

export function mount(root) {
  const shell = new DemoShell(root);

  // ---------------------------------------------------------------- controls
  const weights = shell.select({
    label: "Weights",
    name: "weights",
    options: ["partly", "shipped", "random"].map((value) => [value, WEIGHTS_WORDS[value]]),
  });
  const fields = {
    weights_seed: shell.field({ label: "Weights seed", name: "weights_seed", value: "0", rule: LIMITS.seed }),
    batch_seed: shell.field({
      label: "Mini-batch seed",
      name: "batch_seed",
      value: "0",
      rule: LIMITS.seed,
      hint: "picks the images",
    }),
    mini_batch_size: shell.field({
      label: "Mini-batch size m",
      name: "mini_batch_size",
      value: "10",
      rule: LIMITS.mini_batch_size,
    }),
    learning_rate: shell.field({
      label: "Learning rate η",
      name: "learning_rate",
      value: "3",
      rule: LIMITS.learning_rate,
    }),
  };
  const seedWrapper = fields.weights_seed.input.parentElement;
  seedWrapper.hidden = true;
  const computeButton = shell.button("Compute the gradient", () => compute(), { primary: true });
  const nextButton = shell.button("Next mini-batch", () => nextBatch());
  shell.controls.append(h("div", { class: "demo__buttons" }, computeButton, nextButton));

  // ---------------------------------------------------------------- output
  const batchBox = h("div", { class: "biggest-nudges__batch", "aria-label": "The mini-batch's images" });
  const batchNote = h("p", { class: "biggest-nudges__note" });
  const costs = h("div", { class: "biggest-nudges__costs" });
  const tableBody = h("tbody");
  const table = h(
    "table",
    { class: "biggest-nudges__table" },
    h("caption", { text: "The ten largest components of the gradient ∇C, largest first" }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["#", "Knob", "∂C/∂knob", "One step moves it", "Value now → after"].map((t) =>
          h("th", { scope: "col", text: t }),
        ),
      ),
    ),
    tableBody,
  );
  const summary = h("p", { class: "biggest-nudges__note" });
  const results = h(
    "div",
    { class: "biggest-nudges__results", hidden: true },
    h("h4", { text: "The mini-batch" }),
    batchBox,
    batchNote,
    costs,
    h("div", { class: "demo__table-wrap biggest-nudges__wrap" }, table),
    summary,
  );
  const waiting = h("p", {
    class: "demo__waiting",
    text: "The mini-batch and its gradient appear here once the Python runtime has loaded.",
  });
  shell.output.append(waiting, results);

  let destroyed = false;
  let started = false;

  weights.addEventListener("change", () => {
    seedWrapper.hidden = weights.value !== "random";
    compute();
  });
  shell.cleanups.push(
    offerInSelect(weights, () => {
      seedWrapper.hidden = weights.value !== "random";
      compute();
    }),
  );
  for (const field of Object.values(fields))
    field.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") compute();
    });

  const request = shell.askLatest("biggest_nudges");

  async function compute() {
    started = true;
    const values = shell.readAll(
      Object.fromEntries(fieldsToRead(weights.value).map((name) => [name, fields[name]])),
    );
    if (!values) {
      shell.setStatus("Fix the highlighted value to compute the gradient.", "error");
      return;
    }
    shell.waitForRuntime("Computing the gradient…");
    root.dataset.busy = "true";
    try {
      const answer = await request({ weights: weights.value, ...values });
      if (destroyed) return;
      show(answer);
    } catch (error) {
      if (results.hidden) started = false; // try again when the runtime is ready
      explainError(shell, error, { again: "press Compute the gradient again" });
    } finally {
      delete root.dataset.busy;
    }
  }

  function nextBatch() {
    const read = fields.batch_seed.read();
    const current = read.ok ? read.value : -1;
    fields.batch_seed.input.value = String(current >= LIMITS.seed.max ? 0 : current + 1);
    fields.batch_seed.read();
    compute();
  }

  function show(answer) {
    waiting.hidden = true;
    results.hidden = false;
    // the images of the mini-batch (the first ten)
    batchBox.replaceChildren(
      ...answer.images.map((pixels, i) => {
        const canvas = digitCanvas(`A handwritten ${answer.labels[i]}`, "digit biggest-nudges__digit");
        drawDigit(canvas, pixels);
        return h(
          "figure",
          { class: "biggest-nudges__image" },
          canvas,
          h("figcaption", { text: String(answer.labels[i]) }),
        );
      }),
    );
    batchNote.textContent = batchText(answer);

    // the cost before and after one step
    costs.replaceChildren(
      ...costLines(answer).map((line) =>
        h(
          "p",
          { class: "biggest-nudges__cost", "data-key": line.key },
          h("strong", { text: line.label }),
          " ",
          line.before,
          " → ",
          line.after,
          h("span", {
            class: `biggest-nudges__delta ${line.down ? "biggest-nudges__delta--down" : "biggest-nudges__delta--up"}`,
            text: line.change,
          }),
        ),
      ),
    );

    // the ten biggest nudges
    tableBody.replaceChildren(
      ...nudgeRows(answer).map((row) => {
        const bar = h("span", {
          class: `biggest-nudges__bar ${row.positive ? "biggest-nudges__bar--positive" : "biggest-nudges__bar--negative"}`,
        });
        bar.style.width = row.bar;
        return h(
          "tr",
          { "data-rank": row.rank },
          h("td", { class: "biggest-nudges__rank", text: String(row.rank) }),
          h(
            "td",
            { class: "biggest-nudges__knob" },
            h("span", { class: "biggest-nudges__symbol", text: row.symbol }),
            " ",
            h("span", { class: "biggest-nudges__words", text: row.words }),
          ),
          h(
            "td",
            { class: "biggest-nudges__gradient", "data-label": "∂C/∂knob" },
            h("span", { class: "biggest-nudges__track" }, bar),
            h("span", { text: row.gradient }),
          ),
          h("td", { class: "biggest-nudges__move", "data-label": "One step moves it" }, row.move),
          h("td", { class: "biggest-nudges__values", "data-label": "Value now → after" }, row.values),
        );
      }),
    );
    summary.textContent = summaryText(answer);
    const { text, kind } = verdict(answer);
    shell.setStatus(text, kind);
    root.dataset.costBefore = String(answer.cost_before);
    root.dataset.costAfter = String(answer.cost_after);
    root.dataset.computed = String(Number(root.dataset.computed || 0) + 1);
  }

  // Show a first gradient as soon as the runtime is ready (prefetched on scroll).
  const unsubscribe = shell.runtime.onStatus((state) => {
    if (state === "ready" && !started && !destroyed) compute();
  });
  shell.cleanups.push(unsubscribe);

  return () => {
    destroyed = true;
    shell.destroy();
  };
}
