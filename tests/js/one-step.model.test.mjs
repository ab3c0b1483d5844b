// The model of "One step, slowed down": its phases, its words and the arithmetic behind
// its pictures, on an answer shaped as pylib's one_step gives it.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  PHASES,
  biggestCostParts,
  clampPhase,
  dialAngle,
  heightAt,
  knobWords,
  phaseWords,
} from "../../docs/assets/js/demos/one-step.model.js";

const outputs = (guessValue, labelValue) =>
  Array.from({ length: 10 }, (_, j) => (j === 1 ? guessValue : j === 7 ? labelValue : 0.05));
const cost = (values) => values.reduce((sum, v, j) => sum + 0.5 * (v - (j === 7 ? 1 : 0)) ** 2, 0);

const DATA = {
  index: 42,
  label: 7,
  target: Array.from({ length: 10 }, (_, j) => (j === 7 ? 1 : 0)),
  steps_trained: 1200,
  mini_batch_size: 10,
  learning_rate: 0.3,
  default_learning_rate: 0.3,
  training_learning_rate: 3,
  knobs: 13002,
  moved: 8250,
  before: { outputs: outputs(0.8, 0.1), guess: 1, cost: cost(outputs(0.8, 0.1)), test_accuracy: 0.873 },
  after: { outputs: outputs(0.3, 0.6), guess: 7, cost: cost(outputs(0.3, 0.6)), test_accuracy: 0.861 },
  held_out: { now_wrong: 20, now_right: 8 },
  mini_batch: { size: 10, learning_rate: 3, test_accuracy_after: 0.875, output_label_after: 0.14 },
  landscape: [
    [-0.5, 2],
    [0, 1],
    [0.5, 0.6],
    [1, 0.3],
    [2, 0.9],
  ],
};

test("the phases run from the image to before-and-after, and a jump stays within them", () => {
  assert.equal(PHASES.length, 6);
  assert.equal(clampPhase(-1), 0);
  assert.equal(clampPhase(3), 3);
  assert.equal(clampPhase(99), 5);
});

test("knobs are named as the lessons write them: hidden neurons from 1, outputs by digit", () => {
  assert.deepEqual(knobWords({ kind: "bias", layer: 1, j: 0 }), {
    long: "the bias of neuron 1 of hidden layer 1",
    short: "b¹₁",
  });
  assert.deepEqual(knobWords({ kind: "bias", layer: 3, j: 7 }), {
    long: "the bias of output 7",
    short: "b³₇",
  });
  assert.deepEqual(knobWords({ kind: "weight", layer: 3, j: 1, k: 15 }), {
    long: "the weight from neuron 16 of hidden layer 2 to output 1",
    short: "w³₁,₁₆",
  });
  assert.equal(
    knobWords({ kind: "weight", layer: 1, j: 2, k: 29 }).long,
    "the weight from pixel 30 (row 2, column 2) to neuron 3 of hidden layer 1",
  );
});

test("each phase's words carry the answer's numbers", () => {
  assert.match(
    phaseWords(DATA, 0),
    /^A 7 from the training images \(image 42\)\. This network has trained for 1,200 steps \(12,000 images\) and reads 87\.3%/,
  );
  assert.match(
    phaseWords(DATA, 0),
    /this image's share of an ordinary training step \(η = 3 averaged over a mini-batch of 10\)\.$/,
  );
  assert.match(phaseWords({ ...DATA, learning_rate: 1 }, 0), /of size η = 1\.$/);
  assert.match(phaseWords(DATA, 1), /The most lit output is 1 \(0\.80\); the 7 output is only 0\.10\./);
  assert.match(phaseWords(DATA, 2), new RegExp(`Cₓ = ${DATA.before.cost.toFixed(3)}\\.`));
  assert.match(phaseWords(DATA, 4), /8,250 of the 13,002 knobs moved/);
  const after = phaseWords(DATA, 5);
  assert.match(after, /the 7 output went from 0\.10 to 0\.60/);
  assert.match(after, /now reads it as a 7/);
  assert.match(after, /from 87\.3% to 86\.1% \(20 it read right are now wrong, 8 the other way\)/);
  assert.match(after, /other digits paid for it\. /); // accuracy fell; the step was not big
  assert.match(phaseWords({ ...DATA, after: { ...DATA.after, test_accuracy: 0.9 } }, 5), /barely noticed/);
});

test("the cost's biggest parts come first, and add up to no more than Cₓ", () => {
  const parts = biggestCostParts(DATA, 3);
  assert.deepEqual(
    parts.map((p) => p.j),
    [7, 1, 0],
  );
  assert.ok(Math.abs(parts[0].part - 0.5 * 0.9 ** 2) < 1e-12);
  assert.ok(parts.reduce((sum, p) => sum + p.part, 0) <= DATA.before.cost + 1e-12);
});

test("the ball's height interpolates the landscape; a dial turns at most 135°", () => {
  assert.equal(heightAt(DATA.landscape, 0), 1);
  assert.equal(heightAt(DATA.landscape, 1), 0.3);
  assert.ok(Math.abs(heightAt(DATA.landscape, 0.25) - 0.8) < 1e-12);
  assert.equal(heightAt(DATA.landscape, -0.5), 2);
  assert.equal(dialAngle(1), 67.5);
  assert.equal(dialAngle(-5), -135);
  assert.equal(dialAngle(0), 0);
});
