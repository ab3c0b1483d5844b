// "Count the knobs" (lesson 2): type layer sizes such as 784, 16, 16, 10 and see each
// layer's weights and biases and the total, counted by pylib's count_parameters.
import { DemoShell } from "../demo-kit/shell.js";
import { h, uniqueId } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { parseSizeList } from "../demo-kit/validate.js";
import { count } from "../format.js";

const DEFAULT = "784, 16, 16, 10";
// A size's name in messages: the input layer, the hidden layers from 1, the output layer.
const layerName = (i, n) =>
  i === 0 ? "The input layer's size" : i === n - 1 ? "The output layer's size" : `Layer ${i}'s size`;

// Layer sizes from what a reader typed, in the one syntax of every size field.
export const parseLayerSizes = (text) =>
  parseSizeList(text, LIMITS.layer_size, LIMITS.layer_count, {
    label: "That",
    noun: "layer sizes",
    example: DEFAULT,
    order: "input layer first, ",
    partName: layerName,
  });

export function mount(root) {
  const shell = new DemoShell(root);
  let interacted = false;

  const id = uniqueId("count-knobs");
  const input = h("input", {
    id,
    type: "text",
    value: DEFAULT,
    size: 24,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": `${id}-msg ${id}-hint`,
    // the rule, published for the hostile-input gate (as DemoShell's fields do)
    "data-min": LIMITS.layer_size.min,
    "data-max": LIMITS.layer_size.max,
    "data-integer": "true",
    "data-exclusive-min": "false",
    "data-list": `${LIMITS.layer_count.min}-${LIMITS.layer_count.max}`,
  });
  const message = h("span", { class: "demo__message", id: `${id}-msg`, "aria-live": "polite" });
  shell.controls.append(
    h(
      "div",
      { class: "demo__field count-knobs__field" },
      h(
        "label",
        { for: id },
        "Layer sizes, input first",
        h("span", {
          class: "demo__hint",
          id: `${id}-hint`,
          text: `${LIMITS.layer_count.min} to ${LIMITS.layer_count.max} layers, each ${LIMITS.layer_size.min} to ${count(LIMITS.layer_size.max)} neurons`,
        }),
      ),
      input,
      message,
    ),
  );
  const countButton = shell.button("Count", () => countKnobs(), { primary: true });
  shell.controls.append(
    h(
      "div",
      { class: "demo__buttons" },
      countButton,
      shell.button("Reset", () => {
        input.value = DEFAULT;
        countKnobs();
      }),
    ),
  );
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      countKnobs();
    }
  });
  input.addEventListener("input", () => {
    if (input.getAttribute("aria-invalid") === "true") check();
  });

  const body = h("tbody");
  const foot = h("tfoot");
  const summary = h("p", { class: "count-knobs__summary", "aria-live": "polite" });
  const resultBox = h(
    "div",
    { class: "count-knobs__result" },
    summary,
    h(
      "div",
      { class: "demo__table-wrap count-knobs__wrap" },
      h(
        "table",
        { class: "count-knobs__table" },
        h("caption", { text: "Knobs layer by layer" }),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Layer", "Neurons", "Weights", "Biases", "Knobs"].map((t) => h("th", { scope: "col", text: t })),
          ),
        ),
        body,
        foot,
      ),
    ),
  );
  shell.output.append(resultBox);

  function check() {
    const result = parseLayerSizes(input.value);
    input.setAttribute("aria-invalid", String(!result.ok));
    message.textContent = result.ok ? "" : result.message;
    return result;
  }

  let started = 0;
  const ask = shell.asker("count_knobs", { onResult: render, doing: "count", busy: "" });

  function countKnobs() {
    interacted = true;
    const result = check();
    // Until the sizes are fixed, the last count stays on show, faded: it is not for these sizes.
    const shown = summary.textContent !== "";
    resultBox.classList.toggle("count-knobs__result--stale", !result.ok && shown);
    if (!result.ok) {
      shell.setStatus(
        `Fix the layer sizes to count${shown ? "; the faded count below is for the last sizes that worked" : ""}.`,
        "error",
      );
      return;
    }
    if (!started) started = performance.now();
    ask({ sizes: result.value });
  }

  function render(result) {
    const last = result.sizes.length - 1;
    const name = (l) =>
      l === 0 ? "Input (layer 0)" : l === last ? `Output (layer ${l})` : `Hidden (layer ${l})`;
    body.replaceChildren(
      h(
        "tr",
        {},
        h("th", { scope: "row", text: name(0) }),
        h("td", { text: count(result.sizes[0]) }),
        h("td", { text: "none" }),
        h("td", { text: "none" }),
        h("td", { text: "0" }),
      ),
      ...result.layers.map((layer) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", text: name(layer.layer) }),
          h("td", { text: count(layer.neurons) }),
          h(
            "td",
            {},
            h("span", { text: `${count(layer.inputs)} × ${count(layer.neurons)}` }),
            " ",
            h("span", { text: `= ${count(layer.weights)}` }),
          ),
          h("td", { text: count(layer.biases) }),
          h("td", { text: count(layer.parameters) }),
        ),
      ),
    );
    foot.replaceChildren(
      h(
        "tr",
        {},
        h("th", { scope: "row", text: "Total" }),
        h("td", { text: "" }),
        h("td", { text: count(result.weights) }),
        h("td", { text: count(result.biases) }),
        h("td", { class: "count-knobs__total", text: count(result.parameters) }),
      ),
    );
    summary.textContent = `${result.sizes.join("-")}: ${count(result.weights)} weights + ${count(result.biases)} biases = ${count(result.parameters)} knobs.`;
    root.dataset.parameters = String(result.parameters);
    resultBox.classList.remove("count-knobs__result--stale");
    if (started && !root.dataset.firstResultSeconds)
      root.dataset.firstResultSeconds = ((performance.now() - started) / 1000).toFixed(3);
    shell.setStatus("");
  }

  shell.cleanups.push(
    shell.runtime.onStatus((state) => {
      if (state === "ready" && !interacted) countKnobs();
    }),
  );
  return () => shell.destroy();
}
