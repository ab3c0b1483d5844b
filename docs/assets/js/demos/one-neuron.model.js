// The model of "One neuron" (lesson 2): the seven knobs (three inputs, three weights, a
// bias) and their values, the request for pylib, the chart's arithmetic (where z and a
// fall on the sigmoid's picture) and the words for an answer (the sum term by term, the
// summary, the chart's text alternative). Plain JavaScript, no DOM: the view
// (one-neuron.js) builds the sliders, asks Python and draws; Node runs the tests
// (tests/js/one-neuron.model.test.mjs). An answer is what pylib's one_neuron gives
// ({terms, weighted_input, activation, curve?: {z, activation}}).
import { fixed } from "../format.js";

export const SUB = ["₁", "₂", "₃"];
export const DEFAULTS = { a: [1, 0.5, 0.2], w: [2, -1, 0.5], b: -1 };
export const Z_RANGE = [-10, 10];
export const CHART = { width: 340, height: 200, left: 40, right: 14, top: 14, bottom: 34 };

// The knobs, row by row as the page lays them out (an input beside its weight, then the
// bias): `limit` names the knob's rule in LIMITS, `digits` the decimals of its typed box.
const knob = (key, label, limit, step, value, digits) => ({ key, label, limit, step, value, digits });
export const KNOB_ROWS = [
  ...[0, 1, 2].map((i) => [
    knob(`a${i}`, `Input a${SUB[i]}`, "neuron_input", 0.01, DEFAULTS.a[i], 2),
    knob(`w${i}`, `Weight w${SUB[i]}`, "neuron_weight", 0.1, DEFAULTS.w[i], 1),
  ]),
  [knob("b", "Bias b", "neuron_bias", 0.1, DEFAULTS.b, 1)],
];
const KNOBS = KNOB_ROWS.flat();

// An activation: three decimals, or enough to show how near 0 or 1 it is.
export function activationText(a) {
  if (a >= 0.001 && a <= 0.999) return a.toFixed(3);
  const gap = a < 0.5 ? a : 1 - a;
  if (gap < 1e-8) return a < 0.5 ? "≈ 0.00000000" : "≈ 1.00000000";
  return a.toFixed(1 - Math.floor(Math.log10(gap)));
}

// The neuron's knobs and the sigmoid's curve once Python has sent it.
export class Neuron {
  constructor() {
    this.values = Object.fromEntries(KNOBS.map((k) => [k.key, k.value]));
    this.curve = null; // {z, activation}: the sigmoid's points, asked for once
  }

  // A knob takes a value the view has read (a slider's, or a typed one that passed its rule).
  set(key, value) {
    if (!(key in this.values)) throw new Error(`One neuron has no knob ${key}.`);
    this.values[key] = value;
  }

  // Every knob back to its starting value.
  reset() {
    for (const k of KNOBS) this.values[k.key] = k.value;
  }

  // What pylib's one_neuron is asked: the knobs, and the curve until it has been sent.
  request() {
    const v = this.values;
    return {
      activations: [v.a0, v.a1, v.a2],
      weights: [v.w0, v.w1, v.w2],
      bias: v.b,
      curve: !this.curve,
    };
  }

  // Keep what an answer brings for later pictures (the curve comes once).
  answer(result) {
    if (result.curve) this.curve = result.curve;
  }
}

// ---------------------------------------------------------------- the chart's arithmetic
export const INNER = {
  width: CHART.width - CHART.left - CHART.right,
  height: CHART.height - CHART.top - CHART.bottom,
};
export const sx = (z) => CHART.left + ((z - Z_RANGE[0]) / (Z_RANGE[1] - Z_RANGE[0])) * INNER.width;
export const sy = (a) => CHART.top + (1 - a) * INNER.height;
export const GRID_A = [0, 0.5, 1]; // horizontal grid lines, labelled on the left
export const GRID_Z = [-10, -5, 0, 5, 10]; // vertical ones, labelled below (z = 0 is the axis)

// The curve as an SVG path.
export const curvePath = (curve) =>
  curve.z.map((z, i) => `${i ? "L" : "M"}${sx(z).toFixed(1)},${sy(curve.activation[i]).toFixed(1)}`).join("");

// Where the point (z, a) is drawn: a z beyond the drawn stretch is held at its edge, with
// `dir` the way it points (1 right, −1 left).
export function pointAt(z, a) {
  const inside = z >= Z_RANGE[0] && z <= Z_RANGE[1];
  return { x: sx(Math.max(Z_RANGE[0], Math.min(Z_RANGE[1], z))), y: sy(a), inside, dir: z > 0 ? 1 : -1 };
}

// The chart's text alternative, with or without a point.
export const chartLabel = (z, a, inside) =>
  `The sigmoid curve a = σ(z), with this neuron's point at z = ${fixed(z, 2)}, a = ${activationText(a)}${inside ? "" : " (beyond the drawn stretch of z)"}`;
export const offChartText = (z) => `z = ${fixed(z, 2)} is off the chart`;

// ---------------------------------------------------------------- the words for an answer
// The sum term by term: a row per term, then b, then z and a (the totals).
export function sumRows(result, request) {
  const { activations, weights, bias } = request;
  const z = fixed(result.weighted_input, 2);
  return [
    ...activations.map((a, i) => ({
      symbol: `w${SUB[i]}a${SUB[i]}`,
      working: `${fixed(weights[i], 1)} × ${a.toFixed(2)}`,
      value: `= ${fixed(result.terms[i], 2)}`,
      total: false,
    })),
    { symbol: "b", working: "", value: fixed(bias, 1), total: false },
    { symbol: "z", working: "sum of the above", value: `= ${z}`, total: true },
    { symbol: "a", working: `σ(${z})`, value: `= ${activationText(result.activation)}`, total: true },
  ];
}

// The sentence under the sum.
export const summaryText = (result) =>
  `z = ${fixed(result.weighted_input, 2)}, so the neuron's activation is a = σ(z) = ${activationText(result.activation)}` +
  (result.activation > 0.99 ? ": almost fully on." : result.activation < 0.01 ? ": almost off." : ".");
