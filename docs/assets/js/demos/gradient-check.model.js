// The model of "Check the gradient" (lesson 6): the tiny network's shape, the knob the
// reader picks, and the words for a check (the knob, the verdict, the sweep's text
// alternative). Plain JavaScript, no DOM: the view (gradient-check.js) asks Python and
// draws; Node runs the tests (tests/js/gradient-check.model.test.mjs). A check is what
// pylib's gradient_check answers ({kind, layer, j, k, h, backprop, numeric, relative, …}).
import { powerOfTen, scientific } from "../format.js";

export const SIZES = [4, 3, 2]; // the network's layer sizes, as CHECK_SIZES in pylib/pylib/demos/gradient_check.py
export const START = { kind: "weight", layer: 2, j: 1, k: 2 };

// h as a reader would type it: 1e-5, 3.2e-6, 1
export const hText = (exponent) =>
  exponent === 0
    ? "1"
    : Number.isInteger(exponent)
      ? `1e${exponent}`
      : (10 ** exponent).toExponential(1).replace("e+", "e");
export const SUB = { 0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄" };
export const SUP = { 1: "¹", 2: "²" };

// w²₁₂ or b¹₃: the knob's name as the lesson writes it.
export const knobName = ({ kind, layer, j, k }) =>
  kind === "weight" ? `w${SUP[layer]}${SUB[j]}${SUB[k]}` : `b${SUP[layer]}${SUB[j]}`;

// The knob in words.
export const knobWhere = ({ kind, layer, j, k }) =>
  kind === "weight"
    ? `the weight from neuron ${k} of layer ${layer - 1} to neuron ${j} of layer ${layer}`
    : `the bias of neuron ${j} in layer ${layer}`;

// The fields the reader fills for a kind of knob.
export const fieldNames = (kind) => (kind === "weight" ? ["layer", "j", "k", "h"] : ["layer", "j", "h"]);

// A neuron number must exist in its layer: the message if neuron `value` (named `name`,
// in layer `layer - offset`) does not, "" if it does.
export function neuronOutside(name, offset, layer, value) {
  const size = SIZES[layer - offset];
  return value > size
    ? `Layer ${layer - offset} has ${size} neurons: ${name} must be between 1 and ${size}.`
    : "";
}

// How much of a number's text it shares with another's, from the start: the characters,
// and the significant digits among them.
export function sharedStart(text, other) {
  let same = 0;
  while (same < text.length && text[same] === other[same]) same++;
  const digits = text
    .slice(0, same)
    .replace(/[^0-9]/g, "")
    .replace(/^0+/, "").length;
  return { same, digits };
}

// What the check means, given how many leading digits C(+h) and C(−h) share.
export function verdict(check, sharedDigits) {
  const digits = Math.max(0, Math.floor(-Math.log10(Math.max(check.relative, 1e-17))));
  let text =
    check.relative === 0
      ? "They agree in every digit shown."
      : `They agree to about ${digits} significant digit${digits === 1 ? "" : "s"}.`;
  if (check.h >= 1e-3 && check.relative > 1e-7)
    text += " h is large: the slope changes across the stretch from −h to +h. Try a smaller h.";
  else if (check.h <= 1e-8 && check.relative > 1e-8)
    text += ` h is tiny: C(+h) and C(−h) share their first ${sharedDigits} digits, so their difference is mostly rounding. Try a larger h.`;
  else if (check.relative < 1e-7)
    text +=
      " Backpropagation's derivative is right: it needed one backward pass for every knob at once, where this check needs two forward passes per knob.";
  return text;
}

// What the demo publishes (data-check) for a check.
export const summary = (check) => ({
  kind: check.kind,
  layer: check.layer,
  j: check.j,
  k: check.k,
  h: check.h,
  backprop: check.backprop,
  numeric: check.numeric,
  relative: check.relative,
});

// The chart's two series: the sweep, and the reader's h, as log₁₀ of h and of the relative difference.
export const sweepPoints = (check) => check.sweep.map(([e, rel]) => [e, Math.log10(rel)]);
export const yourPoint = (check) => [[Math.log10(check.h), Math.log10(Math.max(check.relative, 1e-17))]];

// The sweep in words: where the agreement is worst and best, in rounded powers of ten.
// `curve` and `yours` are the chart's points ([log₁₀ h, log₁₀ relative]).
export function describeSweep(curve, yours) {
  if (!curve.length) return "No check yet.";
  const about = (log) => (Math.round(log) === 0 ? "about 1" : `about ${powerOfTen(Math.round(log))}`);
  const stepSize = (e) => (e === 0 ? "h = 1" : `h = ${powerOfTen(Math.round(e))}`);
  const byH = [...curve].sort((p, q) => q[0] - p[0]); // from h = 1 down to 10⁻¹²
  const best = byH.reduce((b, p) => (p[1] < b[1] ? p : b));
  const [first, last] = [byH[0], byH[byH.length - 1]];
  let text =
    `As h shrinks from 1 to ${powerOfTen(Math.round(last[0]))}, the relative difference falls from ${about(first[1])} ` +
    `to its lowest, ${about(best[1])}, near ${stepSize(best[0])}, then rises again to ${about(last[1])} at ${stepSize(last[0])}.`;
  if (yours.length) {
    const [e, log] = yours[0];
    text += ` Your h, ${scientific(10 ** e, 2)}, gives ${scientific(10 ** log, 2)}.`;
  }
  return text;
}

// The diagram's layout: a neuron's centre, and the text alternative.
export const X = [50, 180, 310];
export const Y = (layer, index) => 95 + (index - (SIZES[layer] - 1) / 2) * 42;
export const diagramLabel = (chosen) =>
  `${chosen ? `The 4-3-2 network; ${knobName(chosen)} is highlighted.` : "The 4-3-2 network."} Choose a weight or bias with the fields above.`;
