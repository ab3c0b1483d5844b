// The model of "One step, slowed down": its phases, its words and the arithmetic behind
// its pictures, on an answer shaped as pylib's one_step gives it.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  NOT_LOADED,
  PHASES,
  X,
  biggestCostParts,
  changeMark,
  changeRows,
  clampPhase,
  costWords,
  desireArrow,
  dialAngle,
  dialCentre,
  dialTicks,
  gradientBars,
  heightAt,
  heldOutRows,
  knobWords,
  landscapeScale,
  landscapeX,
  linkLine,
  neuronY,
  phaseScene,
  phaseWords,
  pictureLabels,
  sideCaption,
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

test("each phase shows its own parts of the pictures", () => {
  const scenes = PHASES.map((_, phase) => phaseScene(phase));
  assert.deepEqual(
    scenes.map((s) => s.lit.length),
    [0, 4, 4, 4, 4, 4],
  );
  assert.deepEqual(
    scenes.map((s) => s.litAnimated),
    [false, true, false, false, false, false],
  );
  assert.deepEqual(scenes[3].desiring, [3, 2, 1]); // the backward pass, right to left
  assert.deepEqual(
    scenes.map((s) => [s.target, s.desires, s.changes, s.ball, s.rolling, s.dialsAfter]),
    [
      [false, false, false, false, false, false],
      [false, false, false, false, false, false],
      [true, false, false, true, false, false],
      [true, true, false, true, false, false],
      [true, false, true, true, true, true],
      [true, false, false, true, false, true],
    ],
  );
  assert.deepEqual(
    scenes.map((s) => `${s.activations}@${s.ballAt}`),
    ["before@0", "before@0", "before@0", "before@0", "before@0", "after@1"],
  );
});

test("the network's layout: layers across, links from the image or the neuron before", () => {
  assert.equal(neuronY(1, 0), 22);
  assert.equal(neuronY(3, 9), 28 + 9 * 27.5);
  assert.deepEqual(linkLine(1, 2), { x1: 94, y1: 150, x2: X[1] - 8, y2: neuronY(1, 2) });
  assert.deepEqual(linkLine(3, 4, 5, 11), {
    x1: X[2] + 8,
    y1: neuronY(2, 5),
    x2: X[3] - 11,
    y2: neuronY(3, 4),
  });
  assert.deepEqual(changeMark({ kind: "bias", layer: 3, j: 7 }), {
    circle: { cx: 440, cy: neuronY(3, 7), r: 16 },
  });
  assert.deepEqual(changeMark({ kind: "bias", layer: 2, j: 0 }).circle.r, 11);
  assert.deepEqual(changeMark({ kind: "weight", layer: 3, j: 1, k: 15 }), { line: linkLine(3, 1, 15) });
});

test("a desire (−δ) is an arrow beside its neuron, sized by the layer's largest", () => {
  assert.equal(desireArrow(2, 0, 0.03, 1), null); // under 4% of the largest: not drawn
  const up = desireArrow(3, 7, -0.5, 0.5); // δ < 0: the weighted input should rise
  assert.equal(up.up, true);
  const x = X[3] + 30,
    y = neuronY(3, 7);
  assert.equal(up.d, `M${x - 4},${y + 6.5}L${x + 4},${y + 6.5}L${x},${y - 6.5}Z`); // size 4 + 9 = 13
  const down = desireArrow(1, 0, 0.25, 0.5);
  assert.equal(down.up, false);
  assert.equal(
    down.d,
    `M${X[1] + 11 - 4},${22 - 4.25}L${X[1] + 11 + 4},${22 - 4.25}L${X[1] + 11},${22 + 4.25}Z`,
  );
});

test("the dials and the landscape: ticks every 45°, the ball on the curve", () => {
  assert.deepEqual(dialCentre(2), { cx: 188, cy: 38 });
  const ticks = dialTicks({ cx: 0, cy: 0 });
  assert.equal(ticks.length, 7);
  assert.deepEqual(ticks[3], { x1: 0, y1: -15, x2: 0, y2: -19 }); // straight up
  // the first at −135°: down and to the left of the centre
  assert.ok(
    Math.abs(ticks[0].x1 + 15 * Math.SQRT1_2) < 1e-9 && Math.abs(ticks[0].y1 - 15 * Math.SQRT1_2) < 1e-9,
  );
  assert.equal(landscapeX(-0.5), 40);
  assert.equal(landscapeX(2), 285);
  const scale = landscapeScale(DATA.landscape);
  assert.ok(Math.abs(scale.top - 2.2) < 1e-12);
  assert.match(scale.curve, /^M40\.0,[\d.]+L/);
  assert.ok(scale.ground.startsWith(scale.curve) && scale.ground.endsWith("L285,222L40,222Z"));
  // before the step the ball sits 7 above the curve at t = 0 (cost 1): 222 − 112/2.2 − 7
  assert.deepEqual(scale.ball(0), { cx: "89.0", cy: (222 - 112 / 2.2 - 7).toFixed(1) });
  assert.equal(scale.ball(1).cx, "187.0");
});

test("the words around the pictures and in each phase's details", () => {
  assert.deepEqual(pictureLabels(null, 0), {
    network: "The network, not loaded yet.",
    picture: "Dials above a landscape, not loaded yet.",
  });
  assert.match(NOT_LOADED, /^A training 7 that a partly trained network reads as a 1\./);
  assert.equal(
    pictureLabels(DATA, 0).network,
    "The network reading training image 42, a handwritten 7: press Next for the forward pass.",
  );
  assert.match(pictureLabels(DATA, 1).network, /its most lit output is 1 \(0\.80\)\.$/);
  assert.match(pictureLabels(DATA, 5).network, /its most lit output is 7 \(0\.60\)\.$/);
  assert.equal(pictureLabels(DATA, 1).picture, "Dials above a landscape; the height is not measured yet.");
  assert.match(pictureLabels(DATA, 4).picture, new RegExp(`the cost, ${DATA.after.cost.toFixed(3)}\\.$`));
  const cost = costWords({ ...DATA, before: { ...DATA.before } });
  assert.equal(cost.cost, `Cₓ = ½ Σ (aⱼ − yⱼ)² = ${DATA.before.cost.toFixed(3)}`);
  assert.match(
    cost.parts,
    /^Its biggest parts: output 7 \(0\.10, wanted 1\): 0\.405; output 1 \(0\.80, wanted 0\): 0\.320; /,
  );
  assert.equal(sideCaption(DATA, "after"), `After the step (Cₓ = ${DATA.after.cost.toFixed(3)})`);
});

test("the details' tables: gradient bars from the outputs back, the largest changes, held-out accuracy", () => {
  const layers = [
    { layer: 1, weights: 12544, biases: 16, gradient_size: 0.5 },
    { layer: 2, weights: 256, biases: 16, gradient_size: 2 },
    { layer: 3, weights: 160, biases: 10, gradient_size: 1 },
  ];
  assert.deepEqual(gradientBars({ layers }), [
    { name: "the outputs (170 knobs)", width: "50.0%", value: "1.000" },
    { name: "hidden layer 2 (272 knobs)", width: "100.0%", value: "2.000" },
    { name: "hidden layer 1 (12,560 knobs)", width: "25.0%", value: "0.500" },
  ]);
  const changes = [
    { kind: "bias", layer: 3, j: 7, before: 0.1, after: 0.35, change: 0.25 },
    { kind: "weight", layer: 2, j: 0, k: 3, before: -1, after: -1.2, change: -0.2 },
  ];
  assert.deepEqual(changeRows({ changes }), [
    { up: true, cells: ["the bias of output 7", "0.10", "0.35", "+0.25"] },
    {
      up: false,
      cells: [
        "the weight from neuron 4 of hidden layer 1 to neuron 1 of hidden layer 2",
        "−1.00",
        "−1.20",
        "−0.20",
      ],
    },
  ]);
  assert.deepEqual(
    heldOutRows({ ...DATA, mini_batch: { ...DATA.mini_batch, now_right: 30, now_wrong: 12 } }),
    [
      ["Before", "87.3%", "", ""],
      ["After this step (1 image, η = 0.3)", "86.1%", "8", "20"],
      ["After an ordinary step (10 images, η = 3)", "87.5%", "30", "12"],
    ],
  );
});
