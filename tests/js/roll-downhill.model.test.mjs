// The model of "Roll downhill": the path of gradient descent on x², and its words.
// Answers are built here as pylib's downhill_descend gives them, stepping x ← x − η·2x.
import assert from "node:assert/strict";
import { test } from "node:test";

import { Walk } from "../../docs/assets/js/demos/roll-downhill.model.js";

const BOWL = {
  name: "bowl",
  dims: 1,
  title: "The bowl",
  formula: "f(x) = x²",
  minima: [{ position: [0], height: 0, lowest: true }],
};
const point = (x) => ({ position: [x], height: x * x, gradient: [2 * x] });

// What downhill_descend answers for `steps` steps from x with learning rate η.
function descend(x, learningRate, steps) {
  const points = [point(x)];
  for (let i = 0; i < steps; i++) points.push(point(points[i].position[0] * (1 - 2 * learningRate)));
  const factors = points.slice(1).map(() => 1 - 2 * learningRate);
  const reversed = factors.map((f) => f < 0);
  const last = points[points.length - 1].position[0];
  const outcome = Math.abs(last) > 1e6 ? "diverged" : Math.abs(last) < 1e-9 && steps ? "settled" : "moving";
  return {
    points,
    reversed,
    factors,
    outcome,
    minimum: outcome === "settled" ? { valleys: 1, lowest: true } : null,
  };
}

function walkOnBowl(start = 3) {
  const walk = new Walk();
  walk.landscape = BOWL;
  walk.begin(descend(start, 1, 0), [start]);
  return walk;
}

test("a step with η = 0.1 multiplies x by 1 − 2η and says so", () => {
  const walk = walkOnBowl();
  const added = walk.addPoints(descend(3, 0.1, 1), 1);
  assert.deepEqual(added, [1]);
  assert.equal(walk.steps, 1);
  assert.ok(Math.abs(walk.last.position[0] - 2.4) < 1e-12);
  const said = walk.describeStep(0.1, true);
  assert.equal(
    said.text,
    "Step 1: the slope was 6, so the position moved by −η × slope = −0.6, to x = 2.4. x was multiplied by 0.8 (that is 1 − 2η).",
  );
  assert.equal(said.kind, "");
  assert.deepEqual(walk.tableRow(1), ["1", "2.4", "4.8", "5.76", "0.8"]);
  assert.deepEqual(walk.readout(), {
    steps: "1",
    position: "x = 2.4",
    slope: "f′(x) = 4.8",
    height: "f = 5.76",
  });
});

test("η = 1 bounces between 3 and −3 forever", () => {
  const walk = walkOnBowl();
  const answer = descend(3, 1, 2);
  walk.addPoints(answer, 2);
  assert.equal(walk.reversed.length, 2);
  assert.ok(walk.reversed.every(Boolean));
  assert.ok(walk.bouncing());
  assert.ok(!walk.growing());
  const said = walk.describeRun(1, 2, 2, "moving");
  assert.equal(said.outcome, "bouncing");
  assert.match(said.text, /^Bouncing forever between x = −3 and x = 3/);
});

test("η = 1.1 grows: each step lands farther out, and the words say it diverges", () => {
  const walk = walkOnBowl();
  walk.addPoints(descend(3, 1.1, 1), 1);
  walk.addPoints(descend(walk.last.position[0], 1.1, 1), 1);
  // across two answers, the turn back is worked out from the path itself
  assert.equal(walk.reversed[1], true);
  assert.ok(walk.growing());
  assert.match(walk.describeStep(1.1, true).text, /it is diverging\. η is too large here\.$/);
  assert.match(walk.describeStep(1.1, false).text, /It is now off the picture\.$/);
});

test("a runaway answer marks the path and blocks the next step", () => {
  const walk = walkOnBowl();
  const answer = descend(3, 3, 20);
  assert.equal(answer.outcome, "diverged");
  walk.addPoints(answer, 20);
  assert.ok(walk.runaway);
  assert.equal(walk.outcome, "diverged");
  assert.equal(walk.blocked().kind, "error");
  const said = walk.describeRun(3, 20, 20, "diverged");
  assert.equal(said.kind, "error");
  assert.equal(said.outcome, "diverged");
  assert.match(said.text, /η = 3 is too large/);
});

test("η = 0.5 settles at the lowest point in one step; stopping early is said as such", () => {
  const walk = walkOnBowl();
  walk.addPoints(descend(3, 0.5, 1), 1);
  assert.equal(walk.outcome, "settled");
  assert.match(walk.describeStep(0.5, true).text, /it has settled\. This is the lowest point\.$/);
  assert.match(walk.blocked().text, /^It has settled at x = 0/);
  const early = walkOnBowl();
  const answer = descend(3, 0.1, 5);
  early.addPoints(answer, 1, 1); // the animation has shown one point of five
  assert.equal(early.outcome, "moving");
  assert.equal(early.describeRun(0.1, 1, 5, answer.outcome).outcome, "stopped");
});

test("a new start typed since the path began is noticed", () => {
  const walk = walkOnBowl(3);
  assert.ok(!walk.startsElsewhere([3]));
  assert.ok(walk.startsElsewhere([2]));
  assert.ok(walk.startsElsewhere([3, 1]));
  walk.reset();
  assert.ok(walk.startsElsewhere([3]));
});

test("the map of two dials steps against the gradient", () => {
  const walk = new Walk();
  walk.landscape = { name: "long-valley", dims: 2, title: "A long valley", formula: "f", minima: [] };
  walk.begin({ points: [{ position: [-3, 2], height: 5, gradient: [1, -2] }], outcome: "moving" }, [-3, 2]);
  assert.deepEqual(walk.nextPosition(0.5), [-3.5, 3]);
  assert.deepEqual(walk.xy(walk.last), [-3, 2]);
  assert.equal(walk.where(walk.last), "(−3, 2)");
  assert.deepEqual(walk.tableHeadings(), ["Step", "x", "y", "∂f/∂x", "∂f/∂y", "height f"]);
});
