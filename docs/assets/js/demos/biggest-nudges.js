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
import { count, signed, significant } from "../format.js";

const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";
const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sub = (n) => [...String(n)].map((c) => SUBSCRIPT[c]).join("");
const sup = (n) => [...String(n)].map((c) => SUPERSCRIPT[c]).join("");

// Which knob a gradient component belongs to, in words and in the lessons' symbols.
// Python counts from 0; the page names outputs by their digit and counts the rest from 1.
export function describeKnob({ layer, kind, j, k }) {
  const number = (l, n) => (l === 3 ? n : n + 1);
  const neuron = (l, n) =>
    l === 3 ? `output ${n} (the digit ${n})` : `neuron ${n + 1} of hidden layer ${l}`;
  if (kind === "bias")
    return { symbol: `b${sup(layer)}${sub(number(layer, j))}`, words: `Bias of ${neuron(layer, j)}` };
  const from =
    layer === 1
      ? `pixel ${k + 1} (row ${Math.floor(k / 28) + 1}, column ${(k % 28) + 1})`
      : `neuron ${k + 1} of hidden layer ${layer - 1}`;
  return {
    symbol: `w${sup(layer)}${sub(number(layer, j))},${sub(k + 1)}`,
    words: `Weight into ${neuron(layer, j)}, from ${from}`,
  };
}

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
    const read = {
      batch_seed: fields.batch_seed,
      mini_batch_size: fields.mini_batch_size,
      learning_rate: fields.learning_rate,
    };
    if (weights.value === "random") read.weights_seed = fields.weights_seed;
    const values = shell.readAll(read);
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
    const more = answer.mini_batch_size - answer.images.length;
    const network = {
      shipped: "the trained",
      partly: "the partly trained",
      random: "the random",
      yours: "your",
    }[answer.weights];
    batchNote.textContent = `${answer.mini_batch_size} training image${answer.mini_batch_size === 1 ? "" : "s"}${more > 0 ? ` (the first ten shown; ${count(more)} more)` : ""}, through ${network} network.`;

    // the cost before and after one step
    const change = answer.cost_after - answer.cost_before;
    const trainingChange = answer.training_cost_after - answer.training_cost_before;
    // The change as a share of the cost too: a fall from 0.0059 to 0.0058 is small in
    // absolute terms, and only the share says how much of the cost it removed.
    const share = (delta, before) =>
      before > 0 ? `, ${significant(Math.abs((100 * delta) / before), 2)}%` : "";
    const line = (label, before, after, delta, key) =>
      h(
        "p",
        { class: "biggest-nudges__cost", "data-key": key },
        h("strong", { text: label }),
        " ",
        significant(before, 4),
        " → ",
        significant(after, 4),
        h("span", {
          class: `biggest-nudges__delta ${delta < 0 ? "biggest-nudges__delta--down" : "biggest-nudges__delta--up"}`,
          text: ` (${delta < 0 ? "down" : delta > 0 ? "up" : "no change"}${delta ? ` ${significant(Math.abs(delta), 2)}${share(delta, before)}` : ""})`,
        }),
      );
    costs.replaceChildren(
      line(
        "Cost C of this mini-batch, before → after one step:",
        answer.cost_before,
        answer.cost_after,
        change,
        "batch",
      ),
      line(
        `Cost C on all ${count(answer.training_images)} training images, before → after:`,
        answer.training_cost_before,
        answer.training_cost_after,
        trainingChange,
        "training",
      ),
    );

    // the ten biggest nudges
    const largest = Math.abs(answer.nudges[0].gradient) || 1;
    tableBody.replaceChildren(
      ...answer.nudges.map((nudge, rank) => {
        const knob = describeKnob(nudge);
        const move = -answer.learning_rate * nudge.gradient;
        const bar = h("span", {
          class: `biggest-nudges__bar ${nudge.gradient > 0 ? "biggest-nudges__bar--positive" : "biggest-nudges__bar--negative"}`,
        });
        bar.style.width = `${((100 * Math.abs(nudge.gradient)) / largest).toFixed(1)}%`;
        return h(
          "tr",
          { "data-rank": rank + 1 },
          h("td", { class: "biggest-nudges__rank", text: String(rank + 1) }),
          h(
            "td",
            { class: "biggest-nudges__knob" },
            h("span", { class: "biggest-nudges__symbol", text: knob.symbol }),
            " ",
            h("span", { class: "biggest-nudges__words", text: knob.words }),
          ),
          h(
            "td",
            { class: "biggest-nudges__gradient", "data-label": "∂C/∂knob" },
            h("span", { class: "biggest-nudges__track" }, bar),
            h("span", { text: signed(nudge.gradient) }),
          ),
          h(
            "td",
            { class: "biggest-nudges__move", "data-label": "One step moves it" },
            `${move > 0 ? "up" : "down"} by ${significant(Math.abs(move), 3)}`,
          ),
          h(
            "td",
            { class: "biggest-nudges__values", "data-label": "Value now → after" },
            `${significant(nudge.value, 4)} → ${significant(nudge.new_value, 4)}`,
          ),
        );
      }),
    );
    summary.textContent =
      `These are the 10 largest of the gradient's ${count(answer.parameters)} components, ` +
      `and only ${count(answer.above_tenth)} component${answer.above_tenth === 1 ? " is" : "s are"} even a tenth the size of the largest: ` +
      "for this mini-batch, the cost is far more sensitive to a few knobs than to the rest. " +
      (answer.blank_pixel_weights > 0
        ? `${count(answer.zero_components)} components are exactly 0, among them the ${count(answer.blank_pixel_weights)} weights from pixels that are blank in every image of the mini-batch: a weight from a pixel that is off carries nothing, so nudging it changes nothing. `
        : `${count(answer.zero_components)} components are exactly 0. `) +
      "A positive ∂C/∂knob means raising that knob raises the cost, so the step lowers it (and the other way round). " +
      "Hidden neurons are numbered from 1, as in a₁ … a₁₆; outputs by their digit; pixels from 1, row by row.";
    const verdict =
      change < 0 && trainingChange > 0
        ? `One step lowered this mini-batch's cost but raised the cost on all ${count(answer.training_images)} training images: these few images pulled the knobs their own way. Averaged over many mini-batches, the pulls point downhill; a smaller η keeps each one from going too far.`
        : change < 0
          ? "One step lowered this mini-batch's cost."
          : change > 0
            ? "One step raised this mini-batch's cost: η is too large, so the step overshot. Try a smaller η."
            : "One step left this mini-batch's cost unchanged.";
    shell.setStatus(verdict, change > 0 ? "error" : "done");
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
