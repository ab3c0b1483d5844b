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
import { fixed, factor, plain, scientific } from "../format.js";
import { renderTex } from "../math.js";

// a with the subscript prev, as lesson 6 writes it; read aloud as "a prev".
const aPrev = () =>
  h(
    "span",
    { class: "chain-rule__symbol" },
    "a",
    h("span", { class: "demo__sr", text: " " }),
    h("sub", { text: "prev" }),
  );
const A_PREV = "aₚᵣₑᵥ"; // the same in plain text, until KaTeX has typeset the formulas
const INPUTS = [
  {
    key: "a_prev",
    label: () => h("span", {}, aPrev(), ", the previous activation"),
    short: "a prev",
    tex: "a_{\\text{prev}}",
    plain: A_PREV,
  },
  { key: "w", label: () => "w, the weight", short: "w", tex: "w", plain: "w" },
  { key: "b", label: () => "b, the bias", short: "b", tex: "b", plain: "b" },
  { key: "y", label: () => "y, the desired output", short: "y", tex: "y", plain: "y" },
];
// The lesson's worked case: a ≈ 0.6225, σ′ ≈ 0.2350, ∂Cₓ/∂w ≈ −0.0887, ∂Cₓ/∂a_prev ≈ −0.0444.
const WORKED = { a_prev: 1, w: 0.5, b: 0, y: 1 };
const SATURATED = 0.01; // σ′ below this: say the neuron is saturated

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
      label: input.label(),
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
    edge("\\tfrac{\\partial z}{\\partial w} = a_{\\text{prev}}", `∂z/∂w = ${A_PREV}`, "dz_dw"),
    node("z = w\\,a_{\\text{prev}} + b", `z = w·${A_PREV} + b`, "z"),
    edge("\\tfrac{\\partial a}{\\partial z} = \\sigma'(z)", "∂a/∂z = σ′(z)", "da_dz"),
    node("a = \\sigma(z)", "a = σ(z)", "a"),
    edge("\\partial C_x / \\partial a = {a - y}", "∂Cₓ/∂a = a − y", "dc_da"),
    node("C_x = \\tfrac12 (a - y)^2", "Cₓ = ½(a − y)²", "cost"),
  );
  shell.output.append(
    h("h4", { class: "chain-rule__heading", text: "The chain and its three factors" }),
    graph,
  );

  // ---------------------------------------------------------------- the products
  const products = h("div", { class: "chain-rule__products" });
  const product = (tex, fallback, name) => {
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
  };
  // \dfrac keeps the subscript of a_prev in a denominator at a readable size
  product(
    "\\dfrac{\\partial C_x}{\\partial w} = a_{\\text{prev}} \\cdot \\sigma'(z) \\cdot (a - y)",
    `∂Cₓ/∂w = ${A_PREV} · σ′(z) · (a − y)`,
    "dc_dw",
  );
  product(
    "\\dfrac{\\partial C_x}{\\partial b} = 1 \\cdot \\sigma'(z) \\cdot (a - y)",
    "∂Cₓ/∂b = 1 · σ′(z) · (a − y)",
    "dc_db",
  );
  product(
    "\\dfrac{\\partial C_x}{\\partial a_{\\text{prev}}} = w \\cdot \\sigma'(z) \\cdot (a - y)",
    `∂Cₓ/∂${A_PREV} = w · σ′(z) · (a − y)`,
    "dc_da_prev",
  );
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

  function readValues({ show = false } = {}) {
    const values = {};
    for (const input of INPUTS) {
      const result = show
        ? fields[input.key].read()
        : parseNumber(fields[input.key].input.value, LIMITS[`chain_${input.key}`]);
      if (!result.ok) return null;
      values[input.key] = result.value;
    }
    return values;
  }

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
    const values = readValues();
    if (!values) return;
    ask(values, values);
  }

  function render() {
    if (!last) return;
    const { result: r, values: v } = last;
    for (const input of INPUTS) out[input.key].textContent = fixed(v[input.key], 2);
    for (const name of ["z", "a", "cost", "dz_dw", "da_dz", "dc_da", "dc_dw", "dc_db", "dc_da_prev"]) {
      out[name].textContent = fixed(r[name]);
      out[name].dataset.value = String(r[name]);
    }
    out.dc_dw_working.textContent = `= ${factor(r.dz_dw)} × ${factor(r.da_dz)} × ${factor(r.dc_da)}`;
    out.dc_db_working.textContent = `= 1 × ${factor(r.da_dz)} × ${factor(r.dc_da)}`;
    out.dc_da_prev_working.textContent = `= ${factor(v.w)} × ${factor(r.da_dz)} × ${factor(r.dc_da)}`;
    saturation.hidden = r.da_dz >= SATURATED;
    saturation.replaceChildren(
      `σ′(z) is only ${scientific(r.da_dz, 3)} at z = ${fixed(r.z, 2)}: the neuron is saturated, ` +
        "so all three derivatives are tiny and gradient descent would barely move w, b or ",
      aPrev(),
      ".",
    );
    root.dataset.result = JSON.stringify({ ...v, ...r, nudge: undefined });

    const n = r.nudge;
    nudgeLines.w.textContent = `w goes from ${fixed(v.w)} to ${fixed(v.w + n.size)}, everything else stays.`;
    nudgeLines.cost.textContent = `Cₓ goes from ${fixed(r.cost, 6)} to ${fixed(n.cost_after, 6)}.`;
    nudgeLines.compare.replaceChildren(
      h(
        "span",
        {},
        "Actual change ΔCₓ = ",
        h("output", { "data-name": "actual", text: scientific(n.actual) }),
      ),
      h(
        "span",
        {},
        "Slope × 0.001 = ",
        h("output", { "data-name": "predicted", text: scientific(n.predicted) }),
      ),
    );
    const gap = Math.abs(n.actual - n.predicted);
    nudgeLines.verdict.textContent =
      n.predicted === 0 && n.actual === 0
        ? "The slope is 0 and Cₓ does not change."
        : `They differ by ${scientific(gap, 2)}, ${percentOf(gap, n.predicted)} of the change: the slope ∂Cₓ/∂w predicts ` +
          "how Cₓ responds to a small nudge (the small gap is the curve bending within the nudge).";
    root.dataset.nudge = JSON.stringify(n);
  }

  function percentOf(part, whole) {
    if (whole === 0) return "all";
    const p = (100 * part) / Math.abs(whole);
    return p < 0.01 ? "less than 0.01%" : `${p.toPrecision(2)}%`;
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
