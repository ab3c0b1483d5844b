// The model of "One neuron": the knobs and the request, the chart's arithmetic and the
// words, on answers built here as pylib's one_neuron gives them (z = Σ wₖaₖ + b, a = σ(z)).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CHART,
  INNER,
  KNOB_ROWS,
  Neuron,
  activationText,
  chartLabel,
  curvePath,
  offChartText,
  pointAt,
  sumRows,
  summaryText,
  sx,
  sy,
} from "../../docs/assets/js/demos/one-neuron.model.js";

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

// What one_neuron answers for a request.
function answer({ activations, weights, bias, curve }) {
  const terms = weights.map((w, i) => w * activations[i]);
  const z = terms.reduce((s, t) => s + t, 0) + bias;
  const result = { terms, weighted_input: z, activation: sigmoid(z) };
  if (curve) {
    const zs = [-10, -5, 0, 5, 10];
    result.curve = { z: zs, activation: zs.map(sigmoid) };
  }
  return result;
}

test("the knobs: an input beside its weight on each row, then the bias", () => {
  assert.deepEqual(
    KNOB_ROWS.map((row) => row.map((k) => k.label)),
    [["Input a₁", "Weight w₁"], ["Input a₂", "Weight w₂"], ["Input a₃", "Weight w₃"], ["Bias b"]],
  );
  assert.deepEqual(
    KNOB_ROWS.flat().map((k) => k.limit),
    [
      "neuron_input",
      "neuron_weight",
      "neuron_input",
      "neuron_weight",
      "neuron_input",
      "neuron_weight",
      "neuron_bias",
    ],
  );
});

test("the request carries the knobs, and asks for the curve until it has come", () => {
  const neuron = new Neuron();
  assert.deepEqual(neuron.request(), {
    activations: [1, 0.5, 0.2],
    weights: [2, -1, 0.5],
    bias: -1,
    curve: true,
  });
  neuron.answer(answer(neuron.request()));
  assert.equal(neuron.request().curve, false);
  neuron.answer(answer(neuron.request())); // an answer without a curve keeps the one there is
  assert.deepEqual(neuron.curve.z, [-10, -5, 0, 5, 10]);
  neuron.set("a1", 0.9);
  neuron.set("w2", -3);
  neuron.set("b", 4.5);
  assert.deepEqual(neuron.request(), {
    activations: [1, 0.9, 0.2],
    weights: [2, -1, -3],
    bias: 4.5,
    curve: false,
  });
  neuron.reset();
  assert.deepEqual(neuron.request().activations, [1, 0.5, 0.2]);
  assert.equal(neuron.request().bias, -1);
  assert.throws(() => neuron.set("w3", 1), /no knob w3/);
});

test("an activation shows three decimals, or how near 0 or 1 it is", () => {
  assert.equal(activationText(0.6456563), "0.646");
  assert.equal(activationText(0.001), "0.001");
  assert.equal(activationText(0.00012), "0.00012");
  assert.equal(activationText(0.99987), "0.99987");
  assert.equal(activationText(1e-9), "≈ 0.00000000");
  assert.equal(activationText(1 - 1e-10), "≈ 1.00000000");
});

test("the chart's scale puts z = −10…10 across and a = 0…1 up the plot", () => {
  assert.equal(INNER.width, 286);
  assert.equal(INNER.height, 152);
  assert.equal(sx(-10), CHART.left);
  assert.equal(sx(10), CHART.width - CHART.right);
  assert.equal(sx(0), CHART.left + 143);
  assert.equal(sy(1), CHART.top);
  assert.equal(sy(0), CHART.top + 152);
  assert.equal(curvePath({ z: [-10, 0, 10], activation: [0, 0.5, 1] }), "M40.0,166.0L183.0,90.0L326.0,14.0");
});

test("a point beyond the drawn stretch is held at its edge and says so", () => {
  assert.deepEqual(pointAt(0, 0.5), { x: 183, y: 90, inside: true, dir: -1 });
  const right = pointAt(14.2, sigmoid(14.2));
  assert.equal(right.x, sx(10));
  assert.equal(right.inside, false);
  assert.equal(right.dir, 1);
  const left = pointAt(-12, sigmoid(-12));
  assert.deepEqual([left.x, left.inside, left.dir], [sx(-10), false, -1]);
  assert.equal(offChartText(-12), "z = −12.00 is off the chart");
  assert.equal(
    chartLabel(-12, sigmoid(-12), false),
    "The sigmoid curve a = σ(z), with this neuron's point at z = −12.00, a = 0.0000061 (beyond the drawn stretch of z)",
  );
  assert.equal(
    chartLabel(0.6, sigmoid(0.6), true),
    "The sigmoid curve a = σ(z), with this neuron's point at z = 0.60, a = 0.646",
  );
});

test("the sum term by term, and the sentence under it", () => {
  const neuron = new Neuron();
  const request = neuron.request();
  const result = answer(request); // z = 2·1 − 1·0.5 + 0.5·0.2 − 1 = 0.6
  assert.deepEqual(sumRows(result, request), [
    { symbol: "w₁a₁", working: "2.0 × 1.00", value: "= 2.00", total: false },
    { symbol: "w₂a₂", working: "−1.0 × 0.50", value: "= −0.50", total: false },
    { symbol: "w₃a₃", working: "0.5 × 0.20", value: "= 0.10", total: false },
    { symbol: "b", working: "", value: "−1.0", total: false },
    { symbol: "z", working: "sum of the above", value: "= 0.60", total: true },
    { symbol: "a", working: "σ(0.60)", value: "= 0.646", total: true },
  ]);
  assert.equal(summaryText(result), "z = 0.60, so the neuron's activation is a = σ(z) = 0.646.");
  assert.match(summaryText(answer({ ...request, bias: 20 })), /: almost fully on\.$/);
  assert.match(summaryText(answer({ ...request, bias: -20 })), /: almost off\.$/);
});
