// "Chain-rule calculator" (lesson 6): the chain z = w·a_prev + b, a = σ(z), Cₓ = ½(a − y)²
// with a_prev, w, b and y on sliders (or typed); the three factors of the chain rule,
// their products, and "Nudge w by 0.001", which puts the actual change in Cₓ beside the
// slope's prediction. The page writes the previous activation as lesson 6 does: a with
// the subscript "prev" (a_prev stays the name in code). The numbers come from pylib
// (pylib/pylib/demos/chain_rule.py).
import { DemoShell } from "../demo-kit/shell.js";
import { h } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { parseNumber } from "../demo-kit/validate.js";
import { plain } from "../format.js";
import { renderTex } from "../math.js";
import {
  CHAIN,
  INPUTS,
  PRODUCTS,
  RESULTS,
  WORKED,
  chainValues,
  nudgeWords,
  published,
  saturationNote,
  shown,
} from "./chain-rule.model.js";

// a with the subscript prev, as lesson 6 writes it; read aloud as "a prev".
const aPrev = () =>
  h(
    "span",
    { class: "chain-rule__symbol" },
    "a",
    h("span", { class: "demo__sr", text: " " }),
    h("sub", { text: "prev" }),
  );
// An input's label: its symbol (a_prev as the lesson writes it), then what it is.
const label = ({ key, what }) => (key === "a_prev" ? h("span", {}, aPrev(), `, ${what}`) : `${key}, ${what}`);

// A formula typeset by KaTeX once it has loaded, plain text until then.
function formula(tex, fallback, className = "chain-rule__tex") {
  const element = h("span", { class: className, text: fallback });
  renderTex(element, tex).catch(() => {});
  return element;
}

export function mount(root) {
  const shell = new DemoShell(root);
  const fields = {};
  const sliders = {};
  for (const input of INPUTS) {
    const rule = LIMITS[`chain_${input.key}`];
    const field = shell.field({
      label: label(input),
      name: `chain_${input.key}`,
      value: String(WORKED[input.key]),
      rule,
      width: 7,
    });
    const slider = h("input", {
      type: "range",
      class: "demo__slider",
      min: rule.min,
      max: rule.max,
      step: 0.01,
      value: WORKED[input.key],
      "aria-label": `${input.short}, slider`,
    });
    field.input.after(slider);
    field.input.parentElement.classList.add("demo__field--slider");
    slider.addEventListener("input", () => {
      field.input.value = plain(slider.valueAsNumber);
      field.read();
      update();
    });
    // While typing, follow every value that reads well; explain a bad one when the
    // reader leaves the field or presses Enter.
    field.input.addEventListener("input", () => {
      const parsed = parseNumber(field.input.value, rule);
      if (parsed.ok) {
        slider.value = parsed.value;
        update();
      }
    });
    field.input.addEventListener("change", () => {
      if (field.read().ok) update();
      else
        shell.setStatus(
          "Fix the highlighted value: the numbers below are for the last values that worked.",
          "error",
        );
    });
    fields[input.key] = field;
    sliders[input.key] = slider;
  }
  const nudgeButton = shell.button("Nudge w by 0.001", () => {
    nudgePanel.hidden = false;
    render();
    update();
  });
  const workedButton = shell.button("The lesson's worked case", () => setValues(WORKED));
  shell.controls.append(h("div", { class: "demo__buttons" }, nudgeButton, workedButton));

  // ---------------------------------------------------------------- the chain, as a graph
  const out = {};
  const value = (name) =>
    (out[name] = h("output", { class: "chain-rule__value", "data-name": name, text: "—" }));
  const inputValues = h(
    "dl",
    { class: "chain-rule__inputs" },
    INPUTS.flatMap((input) => [h("dt", {}, formula(input.tex, input.plain)), h("dd", {}, value(input.key))]),
  );
  const node = (tex, fallback, name) =>
    h("div", { class: "chain-rule__node" }, formula(tex, fallback), value(name));
  const edge = (tex, fallback, name) =>
    h(
      "div",
      { class: "chain-rule__edge" },
      h("span", { class: "chain-rule__edge-label" }, formula(tex, fallback)),
      value(name),
      h("span", { class: "chain-rule__arrow", "aria-hidden": "true" }),
    );
  const graph = h(
    "div",
    { class: "chain-rule__graph", role: "group", "aria-label": "The chain from w to the cost Cₓ" },
    h("div", { class: "chain-rule__node chain-rule__node--inputs" }, inputValues),
    ...CHAIN.map(([kind, ...link]) => (kind === "edge" ? edge(...link) : node(...link))),
  );
  shell.output.append(
    h("h4", { class: "chain-rule__heading", text: "The chain and its three factors" }),
    graph,
  );

  // ---------------------------------------------------------------- the products
  const products = h("div", { class: "chain-rule__products" });
  for (const [tex, fallback, name] of PRODUCTS) {
    const working = h("span", { class: "chain-rule__working", "data-name": `${name}_working` });
    products.append(
      h(
        "div",
        { class: "chain-rule__product" },
        formula(tex, fallback),
        working,
        h("span", { class: "chain-rule__equals", text: "=" }),
        value(name),
      ),
    );
    out[`${name}_working`] = working;
  }
  const saturation = h("p", { class: "chain-rule__note", hidden: true });
  shell.output.append(
    h("h4", { class: "chain-rule__heading", text: "Multiply along the chain" }),
    products,
    saturation,
  );

  // ---------------------------------------------------------------- the nudge
  const nudgePanel = h("section", {
    class: "chain-rule__nudge",
    hidden: true,
    "aria-label": "Nudge w by 0.001",
    "aria-live": "polite",
  });
  const nudgeLines = {
    w: h("p", {}),
    cost: h("p", {}),
    compare: h("p", { class: "chain-rule__compare" }),
    verdict: h("p", { class: "chain-rule__note" }),
  };
  nudgePanel.append(h("h4", { text: "Nudge w by 0.001" }), ...Object.values(nudgeLines));
  shell.output.append(nudgePanel);

  let last = null;

  function setValues(values) {
    for (const [key, v] of Object.entries(values)) {
      fields[key].input.value = String(v);
      sliders[key].value = v;
      fields[key].read();
    }
    update();
  }

  const ask = shell.asker("chain_rule", {
    doing: "work the chain out",
    onResult: (result, values) => {
      last = { result, values };
      shell.setStatus("");
      render();
    },
  });

  function update() {
    const values = chainValues((key) => parseNumber(fields[key].input.value, LIMITS[`chain_${key}`]));
    if (!values) return;
    ask(values, values);
  }

  function render() {
    if (!last) return;
    const { result: r, values: v } = last;
    for (const [name, text] of Object.entries(shown(r, v))) out[name].textContent = text;
    for (const name of RESULTS) out[name].dataset.value = String(r[name]);
    const note = saturationNote(r);
    saturation.hidden = !note.saturated;
    saturation.replaceChildren(note.text, aPrev(), ".");
    root.dataset.result = published(r, v);

    const words = nudgeWords(r, v);
    nudgeLines.w.textContent = words.w;
    nudgeLines.cost.textContent = words.cost;
    nudgeLines.compare.replaceChildren(
      h("span", {}, "Actual change ΔCₓ = ", h("output", { "data-name": "actual", text: words.actual })),
      h("span", {}, "Slope × 0.001 = ", h("output", { "data-name": "predicted", text: words.predicted })),
    );
    nudgeLines.verdict.textContent = words.verdict;
    root.dataset.nudge = JSON.stringify(r.nudge);
  }

  // Work the chain out as soon as the runtime is ready (prefetched when the demo comes into view).
  const unwatch = shell.runtime.onStatus((state) => {
    if (state === "ready" && !last) update();
  });

  return () => {
    unwatch();
    shell.destroy();
  };
}
