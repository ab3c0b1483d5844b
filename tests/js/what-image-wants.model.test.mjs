// The model of "What does this image want?": its words for an answer shaped as pylib's
// image_wants gives it, the stages, and choosing a neuron.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  NARROW,
  WIDE,
  aboutText,
  arrowColumns,
  arrowShape,
  arrowWords,
  barsLayout,
  chosenLinks,
  clickable,
  hitRect,
  layoutFor,
  linksPath,
  neuronAt,
  describeDiagram,
  keptSelection,
  keyMove,
  leverWords,
  neuronLabel,
  neuronName,
  outputRows,
  stageWords,
  toggleSelection,
  wantWord,
} from "../../docs/assets/js/demos/what-image-wants.model.js";

const sigmoidSlope = (a) => a * (1 - a);
const LABEL = 3;
const outputs = Array.from({ length: 10 }, (_, j) => (j === LABEL ? 0.4 : j === 5 ? 0.7 : 0.1));
const targets = outputs.map((_, j) => (j === LABEL ? 1 : 0));
const slopes = outputs.map(sigmoidSlope);
// desire = (y − a)·σ′(z), as lesson 5 writes it
const desires = outputs.map((a, j) => (targets[j] - a) * slopes[j]);
const hidden = (seed) => Array.from({ length: 16 }, (_, k) => ((k * 7 + seed) % 16) / 16);
const levers = (count, from) => ({
  weights: Array.from({ length: count }, (_, j) => from.map((a) => desires[j % 10] * a)),
  activations: Array.from({ length: count }, (_, j) => from.map((_, k) => (desires[j % 10] * (k - 8)) / 8)),
  incoming_weights: Array.from({ length: count }, () => from.map((_, k) => (k - 8) / 8)),
});
const ANSWER = {
  index: 12,
  label: LABEL,
  guess: 5,
  cost: targets.reduce((sum, y, j) => sum + 0.5 * (y - outputs[j]) ** 2, 0),
  outputs,
  targets,
  layers: [
    {
      activations: hidden(1),
      slopes: hidden(1).map(sigmoidSlope),
      desires: hidden(1).map((a) => a - 0.5),
      pull: hidden(1),
      levers: levers(16, hidden(0)),
    },
    {
      activations: hidden(2),
      slopes: hidden(2).map(sigmoidSlope),
      desires: hidden(2).map((a) => 0.5 - a),
      pull: hidden(2),
      levers: levers(16, hidden(1)),
    },
    { activations: outputs, slopes, desires, levers: levers(10, hidden(2)) },
  ],
};

test("neurons are named as the lessons name them: hidden from 1, outputs by digit", () => {
  assert.equal(neuronName(3, 7), "Output 7 (the digit 7)");
  assert.equal(neuronName(2, 0), "Neuron 1 of hidden layer 2");
  assert.equal(wantWord(0.1), "wants up");
  assert.equal(wantWord(-0.1), "wants down");
  assert.equal(wantWord(0), "wants nothing");
  assert.equal(arrowWords(-0.0123), "down 0.012");
});

test("the outputs' table and words carry the answer's numbers, with desire = (y − a)·σ′(z)", () => {
  assert.equal(
    aboutText(ANSWER),
    `A handwritten 3. The network's guess: 5 (wrong). Its cost for this image: Cₓ = 0.465.`,
  );
  const rows = outputRows(ANSWER);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[LABEL], ["3", "0.4", "1", "+0.6", "0.24", "+0.144"]);
  assert.deepEqual(rows[5], ["5", "0.7", "0", "−0.7", "0.21", "−0.147"]);
  assert.match(
    neuronLabel(ANSWER, 3, LABEL, 0.4),
    /^Output 3 \(the digit 3\): activation 0\.4, wants up \(desire \+0\.144\)\./,
  );
});

test("the stages: words for each, and the diagram read aloud names the largest desires", () => {
  assert.match(stageWords(ANSWER, 0).status, /^Image 12: the output for 3 wants up/);
  assert.equal(stageWords(ANSWER, 0).button, "Propagate to hidden layer 2");
  assert.equal(stageWords(ANSWER, 2).button, "Propagated to hidden layer 1");
  assert.match(stageWords(ANSWER, 1).note, /^Each neuron of hidden layer 2 adds up/);
  const said = describeDiagram(ANSWER, 0);
  assert.equal(
    said,
    "The network reading held-out image 12. Output 3 wants up (0.14); the others want down, most of all output 5 (0.15) and output 0 (0.009).",
  );
  assert.match(
    describeDiagram(ANSWER, 2),
    /Passed back to hidden layer 2: .* Passed back to hidden layer 1: neuron \d+ wants (up|down) most/,
  );
});

test("choosing a neuron: toggled by a click, kept or dropped as the stage changes, moved by keys", () => {
  const output = toggleSelection(null, 3, 4);
  assert.deepEqual(output, { layer: 3, j: 4 });
  assert.equal(toggleSelection(output, 3, 4), null);
  assert.deepEqual(toggleSelection(output, 2, 1), { layer: 2, j: 1 });
  assert.equal(keptSelection(output, 0, false), null);
  assert.deepEqual(keptSelection(output, 0, true), output);
  assert.equal(keptSelection({ layer: 2, j: 1 }, 0, true), null);
  assert.deepEqual(keptSelection({ layer: 2, j: 1 }, 1, true), { layer: 2, j: 1 });
  assert.ok(clickable(ANSWER, 0, 3) && !clickable(ANSWER, 0, 2) && clickable(ANSWER, 1, 2));
  assert.ok(!clickable(null, 2, 3));
  assert.equal(keyMove("ArrowDown", 9, 10), 0);
  assert.equal(keyMove("ArrowUp", 0, 16), 15);
  assert.equal(keyMove("End", 3, 10), 9);
  assert.equal(keyMove("x", 3, 10), null);
});

test("an output's levers: its bias by the desire, weights by the activation each carries", () => {
  const words = leverWords(ANSWER, { layer: 3, j: LABEL });
  assert.equal(words.title, "Output 3 (the digit 3) wants up");
  assert.equal(
    words.why,
    "Its activation is 0.4 and the target is 1: desire = (y − a) × σ′(z) = +0.6 × 0.24 = +0.144.",
  );
  assert.equal(words.bias, "Nudge it by the desire itself: raise it, by +0.144 for each unit of step.");
  assert.equal(words.prevName, "hidden layer 2");
  assert.deepEqual(words.shades, ANSWER.layers[1].activations);
  // the brightest neurons of hidden layer 2 carry the largest weight changes
  const brightest = ANSWER.layers[1].activations.indexOf(Math.max(...ANSWER.layers[1].activations));
  assert.match(
    words.weights,
    new RegExp(
      `^Each by desire × the activation it carries from hidden layer 2, so the weights from bright neurons change most: neuron ${brightest + 1} `,
    ),
  );
  assert.match(words.activations, /^Each by desire × its weight: up where the weight is positive/);
  const hiddenWords = leverWords(ANSWER, { layer: 2, j: 0 });
  assert.match(hiddenWords.why, /^The layer after it pulls on it with/);
  assert.equal(hiddenWords.prevName, "hidden layer 1");
});

test("the diagram's layout: narrow on a phone, each neuron in its slot, every link drawn", () => {
  assert.equal(layoutFor(0), WIDE); // not laid out yet
  assert.equal(layoutFor(419), NARROW);
  assert.equal(layoutFor(420), WIDE);
  assert.deepEqual(neuronAt(WIDE, 3, 0), { x: 254, y: 22 + 0.5 * 39.6 });
  assert.deepEqual(neuronAt(WIDE, 1, 15), { x: 30, y: 22 + 15.5 * 24.75 });
  const moves = linksPath(WIDE).match(/M/g).length;
  assert.equal(moves, 16 * 16 + 16 * 10);
  assert.ok(linksPath(NARROW).startsWith(`M26,${neuronAt(NARROW, 1, 0).y.toFixed(1)}L110,`));
});

test("a pickable neuron's target is its whole slot, at least 44 px tall on a phone", () => {
  const output = hitRect(WIDE, 3, 2);
  assert.ok(Math.abs(output.height - 39.6) < 1e-9); // the slot: 396 px over ten outputs
  assert.equal(output.x, 254 - 11 - 6);
  assert.equal(output.width, 460 - 254 + 14);
  assert.ok(Math.abs(output.y + output.height / 2 - neuronAt(WIDE, 3, 2).y) < 1e-12);
  assert.equal(hitRect(NARROW, 3, 0).height, 60); // 71.6 apart: capped at 60
  assert.equal(hitRect(NARROW, 2, 0).height, 44); // 44.75 apart: capped at 44
  assert.equal(hitRect(NARROW, 2, 0).width, (190 - 110) * 0.7);
});

test("the chosen neuron's links: one per incoming weight, widest for the largest change", () => {
  const links = chosenLinks(ANSWER, { layer: 3, j: LABEL }, WIDE);
  const wanted = ANSWER.layers[2].levers.weights[LABEL];
  assert.equal(links.length, 16);
  const largest = wanted.reduce((k, v, i) => (Math.abs(v) > Math.abs(wanted[k]) ? i : k), 0);
  assert.equal(links[largest].width, "6.00");
  assert.deepEqual(
    links.map((l) => l.up),
    wanted.map((v) => v > 0),
  );
  assert.deepEqual(
    [links[4].x1, links[4].y1, links[4].x2, links[4].y2],
    [142, neuronAt(WIDE, 2, 4).y, 254, neuronAt(WIDE, 3, LABEL).y],
  );
});

test("arrows: where each layer's go in each stage, and their shapes", () => {
  assert.deepEqual(arrowColumns(WIDE, 0), [[3, 338, 17, true]]);
  assert.deepEqual(arrowColumns(WIDE, 2), [
    [3, 338, 17, true],
    [2, 162, 11, false],
    [1, 50, 11, false],
  ]);
  assert.deepEqual(arrowColumns(NARROW, 1), [
    [3, 246, 22, false],
    [2, 132, 16, false],
  ]);
  assert.deepEqual(arrowShape(0.001, 1, 10, 100, 17), { dot: { cx: 10, cy: 100, r: 2 } });
  const up = arrowShape(0.5, 0.5, 10, 100, 17); // the largest: 34 long, pointing up
  assert.deepEqual(up.shaft, { x1: 10, y1: 117, x2: 10, y2: 83 + 7 * 0.6 });
  assert.equal(up.head, "M10,83L5,90L15,90Z");
  const down = arrowShape(-0.25, 0.5, 10, 100, 17); // half the largest: 20 long, pointing down
  assert.deepEqual(down.shaft, { x1: 10, y1: 90, x2: 10, y2: 110 - 7 * 0.6 });
  assert.equal(down.head, "M10,110L5,103L15,103Z");
});

test("a lever's bars: one per neuron from 1, up or down from the axis, with a text alternative", () => {
  const chart = barsLayout([0.5, -0.25, 0], { label: "Levers" });
  assert.deepEqual([chart.width, chart.height, chart.half, chart.barWidth], [62, 90, 34, 14]);
  assert.deepEqual(chart.bars[0], { up: true, name: "1", x: 4, y: 2, height: 32 });
  assert.deepEqual(chart.bars[1], { up: false, name: "2", x: 22, y: 34, height: 16 });
  assert.equal(chart.bars[2].height, 0.5); // a zero still shows a hairline
  assert.equal(chart.label, "Levers: 1 +0.5, 2 −0.25, 3 0");
  assert.equal(barsLayout([1], { shades: [0.3] }).height, 104); // room for the shaded squares
  assert.equal(barsLayout([1]).barWidth, 30);
});
