// The model of "Full batch vs mini-batch" (lesson 5): how far each walker has got after
// a number of examples, the chart's points, the results table's rows and what a run
// means in words. Plain JavaScript, no DOM: the view (batch-vs-minibatch.js) asks Python
// and draws; Node runs the tests (tests/js/batch-vs-minibatch.model.test.mjs).
//
// An answer is what pylib's minibatch_paths gives: {full, mini, best, budget, epochs,
// examples, learning_rate, mini_batch_size}; a walker is {path, costs, seen, steps, cost,
// diverged}; `best` is {position, cost}.
import { count, significant } from "../format.js";

export const ANIMATION_MS = 2400;
export const WALKERS = ["mini", "full"]; // drawn in this order: the full batch's path on top

// The request for both paths, from the reader's fields.
export const pathsRequest = (values) => ({
  start: [values.w, values.b],
  learning_rate: values.learning_rate,
  mini_batch_size: values.mini_batch_size,
  epochs: values.epochs,
  seed: values.seed,
});

// A start picked on the map: kept within ±4 and rounded to 0.01.
export const startFromMap = (v) => Math.round(Math.min(4, Math.max(-4, v)) * 100) / 100;

// The next shuffle's seed (back to 0 past the largest, or after a value that did not read).
export const nextSeed = (read, max) => (read.ok && read.value < max ? read.value + 1 : 0);

// How far a walker has got once `seen` examples have been looked at: its step number.
export function upTo(walker, seen) {
  let n = 0;
  while (n + 1 < walker.seen.length && walker.seen[n + 1] <= seen) n++;
  return Math.min(n, walker.path.length - 1);
}

// The points of a path to draw: up to the first one off the map when the walker ran away
// (no scribbles from a runaway). `contains(w, b)` says whether a point is on the map.
export function shownPath(points, diverged, contains) {
  const firstOff = diverged ? points.findIndex(([w, b]) => !contains(w, b)) : -1;
  return firstOff < 0 ? points : points.slice(0, firstOff + 1);
}

// Each walker's state after `seen` examples: {key, n, cost, seen, path (the points so far)}.
export const walkersAt = (answer, seen) =>
  WALKERS.map((key) => {
    const walker = answer[key];
    const n = upTo(walker, seen);
    return { key, n, cost: walker.costs[n], seen: walker.seen[n], path: walker.path.slice(0, n + 1) };
  });

// The cost axis, scaled to where the walkers began: a wild mini-batch step can spike far
// above it, and would squash everything else flat (spikes are cut at the top).
export function costRange(answer) {
  const startCost = answer.full.costs[0];
  return startCost != null && Number.isFinite(startCost) ? [0, 1.15 * startCost] : null;
}

// A walker's chart points after `seen` examples: [passes over the points, cost], finite costs only.
export function chartPoints(answer, key, seen) {
  const walker = answer[key];
  const n = upTo(walker, seen);
  const points = [];
  for (let k = 0; k <= n; k++) {
    const cost = walker.costs[k];
    if (cost != null && Number.isFinite(cost)) points.push([walker.seen[k] / answer.examples, cost]);
  }
  return points;
}

// The results table's rows (full batch first, then the mini-batch, then the lowest possible).
export function resultRows(answer, parts) {
  const rows = parts
    .slice()
    .reverse()
    .map((p) => {
      const walker = answer[p.key];
      return {
        walker: p.key,
        name: p.key === "full" ? "Full batch" : `Mini-batch (m = ${answer.mini_batch_size})`,
        cells: [
          count(p.n),
          count(p.seen),
          walker.diverged && p.n === walker.path.length - 1 ? "ran away" : significant(p.cost, 4),
        ],
      };
    });
  rows.push({ walker: "best", name: "Lowest possible", cells: ["", "", significant(answer.best.cost, 4)] });
  return rows;
}

// The map's text alternative: before a run (where the walkers start) and after.
export function mapLabel(best, start, parts) {
  if (!parts) {
    const [bw, bb] = best.position;
    return (
      `Contour map of the cost C(w, b): its lowest point is at w = ${significant(bw, 3)}, b = ${significant(bb, 3)}` +
      (start
        ? `; both walkers start at w = ${significant(start.w, 3)}, b = ${significant(start.b, 3)} (the grey dot).`
        : ".")
    );
  }
  return `Contour map of the cost C(w, b). ${parts.map((p) => `${p.key === "full" ? "Full batch" : "Mini-batch"}: ${count(p.n)} steps, cost ${significant(p.cost, 3)}`).join(". ")}.`;
}

// What a finished run means: {text, kind} for the demo's status.
export function outcome(answer) {
  const { full, mini } = answer;
  const budget = `${count(answer.budget)} examples each`;
  if (full.diverged || mini.diverged) {
    const who =
      full.diverged && mini.diverged
        ? "Both walkers ran away"
        : full.diverged
          ? "The full-batch walker ran away"
          : "The mini-batch walker ran away";
    return {
      text: `${who}: every step overshot farther than the one before. η = ${significant(answer.learning_rate, 3)} is too large${mini.diverged && !full.diverged ? " for the noisy steps of small mini-batches" : ""}; try a smaller one.`,
      kind: "error",
    };
  }
  const gap = (c) => c - answer.best.cost;
  let verdict;
  if (answer.mini_batch_size >= answer.examples)
    verdict = "With m = 100 a mini-batch is the whole batch: the two walkers take exactly the same steps.";
  else if (gap(mini.cost) < gap(full.cost))
    verdict = `The mini-batch walker staggers, because each mini-batch is a rough sample of the points, but it takes ${count(mini.steps)} steps to the full batch's ${count(full.steps)} and gets closer to the lowest point.`;
  else
    verdict = `This time the full batch's ${count(full.steps)} careful steps got closer than the mini-batch walker's ${count(mini.steps)} noisy ones: its noise kept it jostling around the lowest point. A smaller η calms it.`;
  return {
    text: `Same budget, ${budget}. Full batch: cost ${significant(full.cost, 4)} after ${count(full.steps)} steps. Mini-batch: cost ${significant(mini.cost, 4)} after ${count(mini.steps)} steps. ${verdict}`,
    kind: "done",
  };
}
