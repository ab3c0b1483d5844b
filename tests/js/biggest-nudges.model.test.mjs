// The model of "The biggest nudges": the fields a request reads, the knobs' names as the
// lessons number them, and the words for answers shaped as pylib's biggest_nudges gives them.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  batchText,
  changeWords,
  costLines,
  describeKnob,
  fieldsToRead,
  nudgeRows,
  summaryText,
  verdict,
} from "../../docs/assets/js/demos/biggest-nudges.model.js";

const nudge = (layer, kind, j, k, gradient, value) => ({
  layer,
  kind,
  j,
  k,
  gradient,
  value,
  new_value: value - 3 * gradient,
});
const ANSWER = {
  weights: "partly",
  mini_batch_size: 25,
  learning_rate: 3,
  labels: [5, 0, 4, 1, 9, 2, 1, 3, 1, 4],
  images: new Array(10).fill([]),
  parameters: 13002,
  training_images: 50000,
  nudges: [
    nudge(3, "bias", 7, -1, 0.08, 0.5),
    nudge(1, "weight", 0, 405, -0.04, -0.012),
    nudge(2, "weight", 15, 3, 0.0001, 1),
  ],
  zero_components: 4321,
  blank_pixel_weights: 3000,
  above_tenth: 1,
  cost_before: 0.2,
  cost_after: 0.15,
  training_cost_before: 0.1,
  training_cost_after: 0.09,
};

test("the weights seed is read only for the random network", () => {
  assert.deepEqual(fieldsToRead("partly"), ["batch_seed", "mini_batch_size", "learning_rate"]);
  assert.deepEqual(fieldsToRead("random"), [
    "batch_seed",
    "mini_batch_size",
    "learning_rate",
    "weights_seed",
  ]);
});

test("a knob is named as the lessons number it: hidden neurons and pixels from 1, outputs by digit", () => {
  assert.deepEqual(describeKnob({ layer: 3, kind: "bias", j: 7, k: -1 }), {
    symbol: "b³₇",
    words: "Bias of output 7 (the digit 7)",
  });
  assert.deepEqual(describeKnob({ layer: 1, kind: "bias", j: 15, k: -1 }), {
    symbol: "b¹₁₆",
    words: "Bias of neuron 16 of hidden layer 1",
  });
  // pixel k = 28 × (row − 1) + column: index 405 is row 15, column 14
  assert.deepEqual(describeKnob({ layer: 1, kind: "weight", j: 0, k: 405 }), {
    symbol: "w¹₁,₄₀₆",
    words: "Weight into neuron 1 of hidden layer 1, from pixel 406 (row 15, column 14)",
  });
  assert.deepEqual(describeKnob({ layer: 3, kind: "weight", j: 0, k: 15 }), {
    symbol: "w³₀,₁₆",
    words: "Weight into output 0 (the digit 0), from neuron 16 of hidden layer 2",
  });
});

test("the note under the mini-batch counts the images not shown", () => {
  assert.equal(
    batchText(ANSWER),
    "25 training images (the first ten shown; 15 more), through the partly trained network.",
  );
  assert.equal(
    batchText({ ...ANSWER, mini_batch_size: 1, images: [[]], weights: "yours" }),
    "1 training image, through your network.",
  );
  assert.equal(
    batchText({ ...ANSWER, mini_batch_size: 10, weights: "shipped" }),
    "10 training images, through the trained network.",
  );
});

test("a cost's change: which way, by how much, and as a share of the cost", () => {
  assert.equal(changeWords(0.0059, 0.0058), " (down 0.0001, 1.7%)");
  assert.equal(changeWords(0.2, 0.3), " (up 0.1, 50%)");
  assert.equal(changeWords(0.2, 0.2), " (no change)");
  assert.equal(changeWords(0, 0.1), " (up 0.1)"); // no share of a cost of 0
  assert.deepEqual(costLines(ANSWER), [
    {
      key: "batch",
      label: "Cost C of this mini-batch, before → after one step:",
      before: "0.2",
      after: "0.15",
      down: true,
      change: " (down 0.05, 25%)",
    },
    {
      key: "training",
      label: "Cost C on all 50,000 training images, before → after:",
      before: "0.1",
      after: "0.09",
      down: true,
      change: " (down 0.01, 10%)",
    },
  ]);
});

test("the table's rows: bars as a share of the largest, and each knob moves against its gradient", () => {
  const rows = nudgeRows(ANSWER);
  assert.deepEqual(
    rows.map((r) => [r.rank, r.symbol, r.positive, r.bar, r.move]),
    [
      [1, "b³₇", true, "100.0%", "down by 0.24"],
      [2, "w¹₁,₄₀₆", false, "50.0%", "up by 0.12"],
      [3, "w²₁₆,₄", true, "0.1%", "down by 0.0003"],
    ],
  );
  assert.equal(rows[0].gradient, "+0.08");
  assert.equal(rows[1].gradient, "−0.04");
  assert.equal(rows[0].values, "0.5 → 0.26");
  // a gradient of 0 everywhere still draws (no division by 0)
  assert.equal(nudgeRows({ ...ANSWER, nudges: [nudge(3, "bias", 0, -1, 0, 0)] })[0].bar, "0.0%");
});

test("the summary counts the components, and names blank pixels only when there are some", () => {
  const text = summaryText(ANSWER);
  assert.match(
    text,
    /^These are the 10 largest of the gradient's 13,002 components, and only 1 component is even a tenth/,
  );
  assert.match(
    text,
    /4,321 components are exactly 0, among them the 3,000 weights from pixels that are blank/,
  );
  assert.match(
    text,
    /Hidden neurons are numbered from 1, as in a₁ … a₁₆; outputs by their digit; pixels from 1, row by row\.$/,
  );
  const none = summaryText({ ...ANSWER, above_tenth: 4, blank_pixel_weights: 0 });
  assert.match(none, /only 4 components are even/);
  assert.match(none, /4,321 components are exactly 0\. A positive/);
});

test("the verdict: lowered, lowered here but raised overall, overshot, unchanged", () => {
  assert.deepEqual(verdict(ANSWER), { text: "One step lowered this mini-batch's cost.", kind: "done" });
  const mixed = verdict({ ...ANSWER, training_cost_after: 0.11 });
  assert.match(
    mixed.text,
    /^One step lowered this mini-batch's cost but raised the cost on all 50,000 training images/,
  );
  assert.equal(mixed.kind, "done");
  const overshot = verdict({ ...ANSWER, cost_after: 0.3 });
  assert.match(overshot.text, /η is too large, so the step overshot\. Try a smaller η\.$/);
  assert.equal(overshot.kind, "error");
  assert.deepEqual(verdict({ ...ANSWER, cost_after: 0.2 }), {
    text: "One step left this mini-batch's cost unchanged.",
    kind: "done",
  });
});
