// The model of "The biggest nudges" (lesson 4): which fields a request reads, the names
// of the knobs (as the lessons number them), and the words for an answer (the
// mini-batch, the cost before and after one step, the table of the ten largest
// components, the summary and the verdict). Plain JavaScript, no DOM: the view
// (biggest-nudges.js) asks Python and builds the page; Node runs the tests
// (tests/js/biggest-nudges.model.test.mjs). An answer is what pylib's biggest_nudges
// gives ({weights, mini_batch_size, learning_rate, labels, images, parameters,
// training_images, nudges, zero_components, blank_pixel_weights, above_tenth,
// cost_before, cost_after, training_cost_before, training_cost_after}).
import { count, signed, significant, subscript as sub, superscript as sup } from "../format.js";

// The fields a request reads: the weights seed only for the random network.
export const fieldsToRead = (weights) => [
  "batch_seed",
  "mini_batch_size",
  "learning_rate",
  ...(weights === "random" ? ["weights_seed"] : []),
];

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

// The note under the mini-batch's images (the first ten are shown).
export function batchText(answer) {
  const more = answer.mini_batch_size - answer.images.length;
  const network = {
    shipped: "the trained",
    partly: "the partly trained",
    random: "the random",
    yours: "your",
  }[answer.weights];
  return `${answer.mini_batch_size} training image${answer.mini_batch_size === 1 ? "" : "s"}${more > 0 ? ` (the first ten shown; ${count(more)} more)` : ""}, through ${network} network.`;
}

// A cost's change in words: which way and by how much, and as a share of the cost too (a
// fall from 0.0059 to 0.0058 is small in absolute terms, and only the share says how
// much of the cost it removed).
export function changeWords(before, after) {
  const delta = after - before;
  const share = before > 0 ? `, ${significant(Math.abs((100 * delta) / before), 2)}%` : "";
  return ` (${delta < 0 ? "down" : delta > 0 ? "up" : "no change"}${delta ? ` ${significant(Math.abs(delta), 2)}${share}` : ""})`;
}

// The two cost lines: the mini-batch's, and all the training images'.
export const costLines = (answer) =>
  [
    ["Cost C of this mini-batch, before → after one step:", "cost", "batch"],
    [
      `Cost C on all ${count(answer.training_images)} training images, before → after:`,
      "training_cost",
      "training",
    ],
  ].map(([label, name, key]) => {
    const before = answer[`${name}_before`];
    const after = answer[`${name}_after`];
    return {
      key,
      label,
      before: significant(before, 4),
      after: significant(after, 4),
      down: after - before < 0,
      change: changeWords(before, after),
    };
  });

// The table's rows: each of the ten largest components, its bar's width (a share of the
// largest's size), and where one step moves its knob.
export function nudgeRows(answer) {
  const largest = Math.abs(answer.nudges[0].gradient) || 1;
  return answer.nudges.map((nudge, rank) => {
    const move = -answer.learning_rate * nudge.gradient;
    return {
      rank: rank + 1,
      ...describeKnob(nudge),
      positive: nudge.gradient > 0,
      bar: `${((100 * Math.abs(nudge.gradient)) / largest).toFixed(1)}%`,
      gradient: signed(nudge.gradient),
      move: `${move > 0 ? "up" : "down"} by ${significant(Math.abs(move), 3)}`,
      values: `${significant(nudge.value, 4)} → ${significant(nudge.new_value, 4)}`,
    };
  });
}

// The paragraph under the table.
export const summaryText = (answer) =>
  `These are the 10 largest of the gradient's ${count(answer.parameters)} components, ` +
  `and only ${count(answer.above_tenth)} component${answer.above_tenth === 1 ? " is" : "s are"} even a tenth the size of the largest: ` +
  "for this mini-batch, the cost is far more sensitive to a few knobs than to the rest. " +
  (answer.blank_pixel_weights > 0
    ? `${count(answer.zero_components)} components are exactly 0, among them the ${count(answer.blank_pixel_weights)} weights from pixels that are blank in every image of the mini-batch: a weight from a pixel that is off carries nothing, so nudging it changes nothing. `
    : `${count(answer.zero_components)} components are exactly 0. `) +
  "A positive ∂C/∂knob means raising that knob raises the cost, so the step lowers it (and the other way round). " +
  "Hidden neurons are numbered from 1, as in a₁ … a₁₆; outputs by their digit; pixels from 1, row by row.";

// What one step did, as the demo's status: {text, kind} ("error" when it overshot).
export function verdict(answer) {
  const change = answer.cost_after - answer.cost_before;
  const trainingChange = answer.training_cost_after - answer.training_cost_before;
  const text =
    change < 0 && trainingChange > 0
      ? `One step lowered this mini-batch's cost but raised the cost on all ${count(answer.training_images)} training images: these few images pulled the knobs their own way. Averaged over many mini-batches, the pulls point downhill; a smaller η keeps each one from going too far.`
      : change < 0
        ? "One step lowered this mini-batch's cost."
        : change > 0
          ? "One step raised this mini-batch's cost: η is too large, so the step overshot. Try a smaller η."
          : "One step left this mini-batch's cost unchanged.";
  return { text, kind: change > 0 ? "error" : "done" };
}
