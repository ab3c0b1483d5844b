// The model of "Roll downhill" (lesson 4): the path gradient descent has taken on a toy
// landscape, and what it means in words. Plain JavaScript, no DOM: the view
// (roll-downhill.js) asks Python for the steps, hands the answers here and draws what
// this keeps; Node runs its tests (tests/js/roll-downhill.model.test.mjs).
//
// A landscape is what pylib's downhill_landscape answers ({name, dims, minima, …}); a
// point is {position, height, gradient}; an answer of downhill_descend is {points,
// reversed, factors (the bowl), outcome, minimum}.
import { significant } from "../format.js";

export class Walk {
  constructor() {
    this.landscape = null;
    this.reset();
  }

  // No path yet (a new landscape, or before the start is measured).
  reset() {
    this.path = []; // points, the start first
    this.pathStart = null; // the start (as typed) that the path began from
    this.reversed = []; // per step: did it turn back (jump across the valley)?
    this.factors = []; // per step (the bowl): new x ÷ old x
    this.outcome = "moving";
    this.runaway = false; // is the path one that diverges?
    this.minimum = null;
  }

  get two() {
    return this.landscape.dims === 2;
  }

  get steps() {
    return Math.max(0, this.path.length - 1);
  }

  get last() {
    return this.path[this.path.length - 1];
  }

  // A path begins at `start` with the answer to a walk of no steps.
  begin(answer, start) {
    this.reset();
    this.path = answer.points;
    this.outcome = answer.outcome;
    this.minimum = answer.minimum ?? null;
    this.pathStart = start;
  }

  // Was the path begun from another start than this one (typed since)?
  startsElsewhere(start) {
    const from = this.pathStart;
    return !this.path.length || !from || from.length !== start.length || from.some((v, i) => v !== start[i]);
  }

  // Why no step can be taken now (runaway or settled), or null if one can.
  blocked() {
    if (this.outcome === "diverged")
      return {
        text: "It has run away, and there is no coming back from there. Press Reset, or pick a new start or a smaller η.",
        kind: "error",
      };
    if (this.outcome === "settled")
      return {
        text: `It has settled at ${this.where(this.last)}: the slope there is 0, so a step goes nowhere.${this.valleyWords()} Press Reset or pick a new start.`,
        kind: "",
      };
    return null;
  }

  // Append `count` points of an answer (its point `upTo` last) to the path; returns the
  // indices of the new points.
  addPoints(answer, count, upTo = count) {
    if (answer.outcome === "diverged") this.runaway = true;
    const added = [];
    for (let i = upTo - count + 1; i <= upTo; i++) {
      this.path.push(answer.points[i]);
      this.reversed.push(
        i === 1 && this.reversed.length && this.path.length >= 3 ? this.turnedBack() : answer.reversed[i - 1],
      );
      if (answer.factors) this.factors.push(answer.factors[i - 1]);
      added.push(this.path.length - 1);
    }
    this.outcome = upTo === answer.points.length - 1 ? answer.outcome : "moving";
    if (this.outcome === "settled" && answer.minimum) this.minimum = answer.minimum;
    return added;
  }

  // Did the latest step reverse the one before? (Across two separate answers.)
  turnedBack() {
    const n = this.path.length;
    const [a, b, c] = [this.path[n - 3].position, this.path[n - 2].position, this.path[n - 1].position];
    let dot = 0;
    for (let i = 0; i < a.length; i++) dot += (b[i] - a[i]) * (c[i] - b[i]);
    return dot < 0;
  }

  // Back where it was two steps ago, and not standing still: a bounce that never ends.
  bouncing() {
    const n = this.path.length;
    if (n < 3) return false;
    const same = (a, b, tolerance) => a.position.every((v, i) => Math.abs(v - b.position[i]) <= tolerance);
    return same(this.path[n - 1], this.path[n - 3], 1e-9) && !same(this.path[n - 1], this.path[n - 2], 1e-3);
  }

  // The last step turned back and was longer than the one before: diverging.
  growing() {
    const n = this.path.length;
    if (n < 3) return false;
    const size = (a, b) => Math.hypot(...a.position.map((v, i) => v - b.position[i]));
    return (
      size(this.path[n - 1], this.path[n - 2]) > 1.0001 * size(this.path[n - 2], this.path[n - 3]) &&
      this.reversed[this.reversed.length - 1]
    );
  }

  // Where the next step would land with this learning rate: position − η × gradient.
  nextPosition(learningRate) {
    return this.last.position.map((v, i) => v - learningRate * this.last.gradient[i]);
  }

  // A point in the picture's coordinates: (x, y) on a map, (x, height) on a curve.
  xy(point) {
    return this.two ? [point.position[0], point.position[1]] : [point.position[0], point.height];
  }

  where(point) {
    return this.two
      ? `(${significant(point.position[0])}, ${significant(point.position[1])})`
      : `x = ${significant(point.position[0])}`;
  }

  // The readout under the picture: steps, position, slope, height.
  readout() {
    const last = this.last;
    return {
      steps: String(this.path.length - 1),
      position: this.two
        ? `x = ${significant(last.position[0])}, y = ${significant(last.position[1])}`
        : `x = ${significant(last.position[0])}`,
      slope: this.two
        ? `∂f/∂x = ${significant(last.gradient[0])}, ∂f/∂y = ${significant(last.gradient[1])}`
        : `f′(x) = ${significant(last.gradient[0])}`,
      height: `f = ${significant(last.height)}`,
    };
  }

  // The step table's headings, and the cells of one row.
  tableHeadings() {
    return [
      "Step",
      ...(this.two ? ["x", "y", "∂f/∂x", "∂f/∂y"] : ["x", "slope f′(x)"]),
      "height f",
      ...(this.landscape.name === "bowl" ? ["new x ÷ old x"] : []),
    ];
  }

  tableRow(index) {
    const p = this.path[index];
    const cells = [
      String(index),
      ...p.position.map((v) => significant(v, 6)),
      ...p.gradient.map((v) => significant(v, 6)),
      significant(p.height, 6),
    ];
    if (this.landscape.name === "bowl")
      cells.push(
        index === 0 || this.factors[index - 1] == null ? "" : significant(this.factors[index - 1], 6),
      );
    return cells;
  }

  // The picture's accessible name.
  summary() {
    const n = this.path.length - 1;
    const { title, formula } = this.landscape;
    return `${title}, ${formula}. ${n} step${n === 1 ? "" : "s"} taken; now at ${this.where(this.last)}, height ${significant(this.last.height)}.`;
  }

  valleyWords() {
    const minimum = this.minimum;
    if (!minimum) return "";
    if (minimum.valleys > 1 && !minimum.lowest) {
      const lowest = this.landscape.minima.find((m) => m.lowest);
      return ` This is the higher valley. The lower one, near x = ${significant(lowest.position[0], 3)}, is out of reach: every step only goes downhill, and the hump in between is uphill.`;
    }
    return minimum.valleys > 1
      ? " This is the lower valley, the lowest point of the curve."
      : " This is the lowest point.";
  }

  // What one step did, in words: {text, kind}. `onPicture`: is the new point still drawn?
  describeStep(learningRate, onPicture) {
    const n = this.path.length - 1;
    if (this.outcome === "diverged") return this.describeRun(learningRate, 1, 1, this.outcome);
    if (n === 0) return { text: "No step taken.", kind: "" };
    const last = this.path[n];
    const before = this.path[n - 1];
    const move = this.two
      ? `(${before.gradient.map((g) => significant(-learningRate * g)).join(", ")})`
      : significant(-learningRate * before.gradient[0]);
    const slope = this.two
      ? `(${before.gradient.map((g) => significant(g)).join(", ")})`
      : significant(before.gradient[0]);
    let text = `Step ${n}: the slope was ${slope}, so the position moved by −η × slope = ${move}, to ${this.where(last)}.`;
    if (this.landscape.name === "bowl" && this.factors[n - 1] != null)
      text += ` x was multiplied by ${significant(this.factors[n - 1])} (that is 1 − 2η).`;
    if (this.outcome === "settled") text += ` The slope is now 0: it has settled.${this.valleyWords()}`;
    else if (this.bouncing())
      text += " It is back where it was two steps ago: it will bounce between these two points forever.";
    else if (this.growing())
      text +=
        " It jumped across the valley and landed farther out than before: it is diverging. η is too large here.";
    else if (this.reversed[this.reversed.length - 1])
      text += " It overshot: the step jumped across the valley floor.";
    if (!onPicture) text += " It is now off the picture.";
    return { text, kind: this.outcome === "diverged" ? "error" : "" };
  }

  // What a run did, in words: {text, kind, outcome} (outcome as the page publishes it).
  describeRun(learningRate, shown, total, finalOutcome) {
    const n = this.path.length - 1;
    const last = this.path[n];
    const stoppedEarly = shown < total;
    const s = n === 1 ? "" : "s";
    let text;
    if (stoppedEarly) text = `Stopped after ${n} step${s}, at ${this.where(last)}. Press Run to go on.`;
    else if (finalOutcome === "settled")
      text = `Settled after ${n} step${s} at ${this.where(last)}: the slope there is 0, so the steps have shrunk to nothing.${this.valleyWords()}`;
    else if (finalOutcome === "diverged")
      text = `Diverged: every step overshot farther than the one before, and after ${n} steps the position has run off to ${this.where(last)}. η = ${significant(learningRate)} is too large for this landscape; try a smaller one.`;
    else if (finalOutcome === "bouncing" || this.bouncing()) {
      text = `Bouncing forever between ${this.where(this.path[n - 1])} and ${this.where(last)}: each step jumps across the valley to the same height on the other side, so it never gets lower.`;
    } else {
      const zigzag = this.reversed.slice(-5).filter(Boolean).length >= 3;
      text = `Still moving after ${n} steps, at ${this.where(last)}. ${
        zigzag
          ? "It keeps overshooting, zigzagging across the valley."
          : "The steps are small: it is crawling. A larger η would go faster."
      } Press Run to go on.`;
    }
    const outcome = stoppedEarly
      ? "stopped"
      : finalOutcome === "moving" && this.bouncing()
        ? "bouncing"
        : finalOutcome;
    return { text, kind: finalOutcome === "diverged" && !stoppedEarly ? "error" : "", outcome };
  }
}
