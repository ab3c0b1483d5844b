// The model of "Full batch vs mini-batch": where each walker is after some examples, the
// chart's points, the table's rows and the words for a run, on answers shaped as pylib's
// minibatch_paths gives them.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  chartPoints,
  costRange,
  mapLabel,
  nextSeed,
  outcome,
  pathsRequest,
  resultRows,
  shownPath,
  startFromMap,
  upTo,
  walkersAt,
} from "../../docs/assets/js/demos/batch-vs-minibatch.model.js";

// 100 points, a budget of 2 passes: the full batch steps twice, mini-batches of 50 four times.
const walker = (seen, costs, extra = {}) => ({
  path: seen.map((_, i) => [-2 + i, 3 - i]),
  costs,
  seen,
  steps: seen.length - 1,
  cost: costs[costs.length - 1],
  diverged: false,
  ...extra,
});
const ANSWER = {
  full: walker([0, 100, 200], [4, 2, 1.5]),
  mini: walker([0, 50, 100, 150, 200], [4, 3, 1.2, 1.1, 0.9]),
  best: { position: [1, 1], cost: 0.5 },
  budget: 200,
  epochs: 2,
  examples: 100,
  learning_rate: 0.3,
  mini_batch_size: 50,
};

test("the request carries the fields under pylib's names", () => {
  assert.deepEqual(
    pathsRequest({ w: -2, b: 3, learning_rate: 0.3, mini_batch_size: 10, epochs: 10, seed: 0 }),
    {
      start: [-2, 3],
      learning_rate: 0.3,
      mini_batch_size: 10,
      epochs: 10,
      seed: 0,
    },
  );
});

test("a start from the map is kept on the map and rounded; the next seed wraps", () => {
  assert.equal(startFromMap(1.23456), 1.23);
  assert.equal(startFromMap(-7), -4);
  assert.equal(startFromMap(9.5), 4);
  assert.equal(nextSeed({ ok: true, value: 4 }, 10), 5);
  assert.equal(nextSeed({ ok: true, value: 10 }, 10), 0);
  assert.equal(nextSeed({ ok: false }, 10), 0);
});

test("each walker's step after a number of examples", () => {
  assert.equal(upTo(ANSWER.full, 0), 0);
  assert.equal(upTo(ANSWER.full, 150), 1);
  assert.equal(upTo(ANSWER.mini, 150), 3);
  assert.equal(upTo(ANSWER.mini, Infinity), 4);
  const [mini, full] = walkersAt(ANSWER, 120);
  assert.deepEqual([mini.key, mini.n, mini.cost, mini.seen, mini.path.length], ["mini", 2, 1.2, 100, 3]);
  assert.deepEqual([full.key, full.n, full.cost, full.seen, full.path.length], ["full", 1, 2, 100, 2]);
});

test("a runaway path stops at its first point off the map", () => {
  const points = [
    [0, 0],
    [1, 1],
    [9, 9],
    [99, 99],
  ];
  const onMap = (w, b) => Math.abs(w) <= 5 && Math.abs(b) <= 5;
  assert.deepEqual(shownPath(points, true, onMap), [
    [0, 0],
    [1, 1],
    [9, 9],
  ]);
  assert.deepEqual(shownPath(points, false, onMap), points);
});

test("the chart: passes on x, finite costs only, scaled to the starting cost", () => {
  assert.deepEqual(chartPoints(ANSWER, "mini", 100), [
    [0, 4],
    [0.5, 3],
    [1, 1.2],
  ]);
  const runaway = { ...ANSWER, full: walker([0, 100, 200], [4, Infinity, null]) };
  assert.deepEqual(chartPoints(runaway, "full", Infinity), [[0, 4]]);
  assert.deepEqual(costRange(ANSWER), [0, 1.15 * 4]);
  assert.equal(costRange({ ...ANSWER, full: walker([0], [NaN]) }), null);
});

test("the results table: full batch, mini-batch, the lowest possible", () => {
  const rows = resultRows(ANSWER, walkersAt(ANSWER, Infinity));
  assert.deepEqual(rows, [
    { walker: "full", name: "Full batch", cells: ["2", "200", "1.5"] },
    { walker: "mini", name: "Mini-batch (m = 50)", cells: ["4", "200", "0.9"] },
    { walker: "best", name: "Lowest possible", cells: ["", "", "0.5"] },
  ]);
  const ran = { ...ANSWER, mini: { ...ANSWER.mini, diverged: true } };
  assert.equal(resultRows(ran, walkersAt(ran, Infinity))[1].cells[2], "ran away");
});

test("the map's text alternative, before and after a run", () => {
  assert.equal(
    mapLabel(ANSWER.best, { w: -2, b: 3 }, null),
    "Contour map of the cost C(w, b): its lowest point is at w = 1, b = 1; both walkers start at w = −2, b = 3 (the grey dot).",
  );
  assert.match(mapLabel(ANSWER.best, null, null), /lowest point is at w = 1, b = 1\.$/);
  assert.equal(
    mapLabel(ANSWER.best, null, walkersAt(ANSWER, Infinity)),
    "Contour map of the cost C(w, b). Mini-batch: 4 steps, cost 0.9. Full batch: 2 steps, cost 1.5.",
  );
});

test("what a run means: closer, the same steps, or ran away", () => {
  const closer = outcome(ANSWER);
  assert.equal(closer.kind, "done");
  assert.match(
    closer.text,
    /^Same budget, 200 examples each\. Full batch: cost 1\.5 after 2 steps\. Mini-batch: cost 0\.9 after 4 steps\. The mini-batch walker staggers/,
  );
  const worse = outcome({ ...ANSWER, mini: { ...ANSWER.mini, cost: 1.9 } });
  assert.match(worse.text, /This time the full batch's 2 careful steps got closer/);
  assert.match(
    outcome({ ...ANSWER, mini_batch_size: 100 }).text,
    /With m = 100 a mini-batch is the whole batch/,
  );
  const ran = outcome({ ...ANSWER, mini: { ...ANSWER.mini, diverged: true } });
  assert.equal(ran.kind, "error");
  assert.match(
    ran.text,
    /^The mini-batch walker ran away: .* η = 0\.3 is too large for the noisy steps of small mini-batches; try a smaller one\.$/,
  );
  assert.match(
    outcome({ ...ANSWER, full: { ...ANSWER.full, diverged: true } }).text,
    /^The full-batch walker ran away: .* is too large; try/,
  );
});
