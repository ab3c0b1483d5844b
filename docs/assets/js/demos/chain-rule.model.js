// The model of "Chain-rule calculator" (lesson 6): the four inputs and the lesson's worked
// case, the chain's nodes, edges and products as the page lays them out, and the words
// for an answer (each value, the products' working, the saturation note, the nudge and
// how well the slope predicted it). Plain JavaScript, no DOM: the view (chain-rule.js)
// builds the fields and the graph and asks Python; Node runs the tests
// (tests/js/chain-rule.model.test.mjs). An answer is what pylib's chain_rule gives
// ({z, a, cost, dz_dw, da_dz, dc_da, dc_dw, dc_db, dc_da_prev, nudge: {size, cost_after,
// actual, predicted}}).
import { factor, fixed, scientific } from "../format.js";

export const A_PREV = "aₚᵣₑᵥ"; // a with the subscript prev, in plain text until KaTeX has typeset the formulas

// The inputs, in the page's order: `what` follows the symbol in the field's label, `short`
// names its slider, `tex` and `plain` write it in the graph. Each one's rule is
// LIMITS[`chain_${key}`].
export const INPUTS = [
  { key: "a_prev", what: "the previous activation", short: "a prev", tex: "a_{\\text{prev}}", plain: A_PREV },
  { key: "w", what: "the weight", short: "w", tex: "w", plain: "w" },
  { key: "b", what: "the bias", short: "b", tex: "b", plain: "b" },
  { key: "y", what: "the desired output", short: "y", tex: "y", plain: "y" },
];
// The lesson's worked case: a ≈ 0.6225, σ′ ≈ 0.2350, ∂Cₓ/∂w ≈ −0.0887, ∂Cₓ/∂a_prev ≈ −0.0444.
export const WORKED = { a_prev: 1, w: 0.5, b: 0, y: 1 };
export const SATURATED = 0.01; // σ′ below this: say the neuron is saturated

// The chain from w to Cₓ, after the inputs: edges (a factor) and nodes (a value), each
// [tex, plain text, the answer's name].
export const CHAIN = [
  ["edge", "\\tfrac{\\partial z}{\\partial w} = a_{\\text{prev}}", `∂z/∂w = ${A_PREV}`, "dz_dw"],
  ["node", "z = w\\,a_{\\text{prev}} + b", `z = w·${A_PREV} + b`, "z"],
  ["edge", "\\tfrac{\\partial a}{\\partial z} = \\sigma'(z)", "∂a/∂z = σ′(z)", "da_dz"],
  ["node", "a = \\sigma(z)", "a = σ(z)", "a"],
  ["edge", "\\partial C_x / \\partial a = {a - y}", "∂Cₓ/∂a = a − y", "dc_da"],
  ["node", "C_x = \\tfrac12 (a - y)^2", "Cₓ = ½(a − y)²", "cost"],
];

// The three products along the chain, [tex, plain text, the answer's name]; \dfrac keeps
// the subscript of a_prev in a denominator at a readable size.
export const PRODUCTS = [
  [
    "\\dfrac{\\partial C_x}{\\partial w} = a_{\\text{prev}} \\cdot \\sigma'(z) \\cdot (a - y)",
    `∂Cₓ/∂w = ${A_PREV} · σ′(z) · (a − y)`,
    "dc_dw",
  ],
  [
    "\\dfrac{\\partial C_x}{\\partial b} = 1 \\cdot \\sigma'(z) \\cdot (a - y)",
    "∂Cₓ/∂b = 1 · σ′(z) · (a − y)",
    "dc_db",
  ],
  [
    "\\dfrac{\\partial C_x}{\\partial a_{\\text{prev}}} = w \\cdot \\sigma'(z) \\cdot (a - y)",
    `∂Cₓ/∂${A_PREV} = w · σ′(z) · (a − y)`,
    "dc_da_prev",
  ],
];
export const RESULTS = ["z", "a", "cost", "dz_dw", "da_dz", "dc_da", "dc_dw", "dc_db", "dc_da_prev"];

// The four values from each input's reading ({ok, value}, as validate.js gives), or null
// while any of them does not read.
export function chainValues(read) {
  const values = {};
  for (const { key } of INPUTS) {
    const result = read(key);
    if (!result.ok) return null;
    values[key] = result.value;
  }
  return values;
}

// What each output shows: the inputs to 2 decimals, the results to 4, and each product's
// working (its three factors).
export function shown(r, v) {
  const text = {};
  for (const { key } of INPUTS) text[key] = fixed(v[key], 2);
  for (const name of RESULTS) text[name] = fixed(r[name]);
  text.dc_dw_working = `= ${factor(r.dz_dw)} × ${factor(r.da_dz)} × ${factor(r.dc_da)}`;
  text.dc_db_working = `= 1 × ${factor(r.da_dz)} × ${factor(r.dc_da)}`;
  text.dc_da_prev_working = `= ${factor(v.w)} × ${factor(r.da_dz)} × ${factor(r.dc_da)}`;
  return text;
}

// The note shown when σ′(z) is tiny: whether to show it, and its text up to the last
// symbol, a_prev, which the view writes as the lesson does.
export const saturationNote = (r) => ({
  saturated: r.da_dz < SATURATED,
  text:
    `σ′(z) is only ${scientific(r.da_dz, 3)} at z = ${fixed(r.z, 2)}: the neuron is saturated, ` +
    "so all three derivatives are tiny and gradient descent would barely move w, b or ",
});

// What the demo publishes (data-result): the inputs and the answer, without the nudge.
export const published = (r, v) => JSON.stringify({ ...v, ...r, nudge: undefined });

// A part of a change as a percentage of it, in words.
export function percentOf(part, whole) {
  if (whole === 0) return "all";
  const p = (100 * part) / Math.abs(whole);
  return p < 0.01 ? "less than 0.01%" : `${p.toPrecision(2)}%`;
}

// The nudge in words: w and Cₓ before and after, the actual change beside the slope's
// prediction, and how far apart they are.
export function nudgeWords(r, v) {
  const n = r.nudge;
  const gap = Math.abs(n.actual - n.predicted);
  return {
    w: `w goes from ${fixed(v.w)} to ${fixed(v.w + n.size)}, everything else stays.`,
    cost: `Cₓ goes from ${fixed(r.cost, 6)} to ${fixed(n.cost_after, 6)}.`,
    actual: scientific(n.actual),
    predicted: scientific(n.predicted),
    verdict:
      n.predicted === 0 && n.actual === 0
        ? "The slope is 0 and Cₓ does not change."
        : `They differ by ${scientific(gap, 2)}, ${percentOf(gap, n.predicted)} of the change: the slope ∂Cₓ/∂w predicts ` +
          "how Cₓ responds to a small nudge (the small gap is the curve bending within the nudge).",
  };
}
