// The model of "One step, slowed down" (lesson 8): the phases, the words for each, and
// the arithmetic behind its pictures (the cost's biggest parts, the height of the ball,
// a dial's angle). Plain JavaScript, no DOM: the view (one-step.js) draws; Node runs the
// tests (tests/js/one-step.model.test.mjs). `data` is what pylib's one_step answers.
import { count, fixed, percent, subscript as sub, superscript as sup } from "../format.js";

// The step's default size: this image's share of an ordinary training step, η/m with the
// shipped training's η = 3 and m = 10 (sitebuild/weights.py; pylib's step_learning_rate).
export const STEP_LEARNING_RATE = "0.3";
export const PHASES = ["The image", "Forward pass", "Cost", "Backward pass", "Update", "Before and after"];
export const LAYER_NAMES = ["the pixels", "hidden layer 1", "hidden layer 2", "the outputs"];
export const DIALS = 4;

// A knob in words and in the lessons' symbols (wˡⱼ,ₖ, bˡⱼ): outputs by their digit, hidden
// neurons from 1 (a₁ … a₁₆), pixels from 1, row by row.
export function knobWords(c) {
  const j = c.layer === 3 ? c.j : c.j + 1;
  const to = c.layer === 3 ? `output ${c.j}` : `neuron ${j} of hidden layer ${c.layer}`;
  if (c.kind === "bias") return { long: `the bias of ${to}`, short: `b${sup(c.layer)}${sub(j)}` };
  const from =
    c.layer === 1
      ? `pixel ${c.k + 1} (row ${Math.floor(c.k / 28) + 1}, column ${(c.k % 28) + 1})`
      : `neuron ${c.k + 1} of hidden layer ${c.layer - 1}`;
  return { long: `the weight from ${from} to ${to}`, short: `w${sup(c.layer)}${sub(j)},${sub(c.k + 1)}` };
}

// A phase the reader asked for, kept within the phases.
export const clampPhase = (to) => Math.max(0, Math.min(PHASES.length - 1, to));

// What the page says in phase `phase` of the step.
export function phaseWords(data, phase) {
  const b = data.before,
    a = data.after,
    label = data.label;
  const texts = [
    () =>
      `A ${label} from the training images (image ${data.index}). ` +
      (data.weights === "yours"
        ? `Your network reads ${percent(b.test_accuracy)} of the 1,000 held-out digits, and reads this ${label} as a ${b.guess}.`
        : `This network has trained for ${count(data.steps_trained)} steps ` +
          `(${count(data.steps_trained * data.mini_batch_size)} images) and reads ${percent(b.test_accuracy)} of the 1,000 held-out digits, ` +
          `but it reads this ${label} as a ${b.guess}.`) +
      ` Press Next to take one step of gradient descent on this one image, ` +
      `of size η = ${data.learning_rate}${
        data.learning_rate === data.default_learning_rate
          ? `: this image's share of an ordinary training step (η = ${data.training_learning_rate} averaged over a mini-batch of ${data.mini_batch_size})`
          : ""
      }.`,
    () =>
      `Forward pass: the pixels feed hidden layer 1, which feeds hidden layer 2, which feeds the ten outputs. ` +
      `The most lit output is ${b.guess} (${fixed(b.outputs[b.guess], 2)}); the ${label} output is only ${fixed(b.outputs[label], 2)}.`,
    () =>
      `Cost: compare the ten outputs with the desired ones (1 for the ${label}, 0 for the rest) and add up the squared ` +
      `differences, halved: Cₓ = ${fixed(b.cost, 3)}. That one number is the height of the ball.`,
    () =>
      `Backward pass: the outputs' desires flow from right to left. Output ${label} wants to rise and output ${b.guess} ` +
      "to fall; each hidden neuron's desire adds up what it could do for the outputs, through its weights. " +
      "Blue arrows point up, orange down; bigger means more.",
    () =>
      `Update: every knob moves by −η times its part of the gradient (η = ${data.learning_rate}). ` +
      `${count(data.moved)} of the ${count(data.knobs)} knobs moved; the weights from blank pixels carry nothing ` +
      `this time, so they stay put. The ball rolls downhill: Cₓ falls from ${fixed(b.cost, 3)} to ${fixed(a.cost, 3)}.`,
    () => afterText(data),
  ];
  return texts[phase]();
}

// What the step did, said plainly: to this image, to the held-out digits, and why; then
// the ordinary training step beside it.
function afterText(data) {
  const b = data.before,
    a = data.after,
    label = data.label,
    held = data.held_out,
    batch = data.mini_batch;
  const reads = a.guess === label ? `now reads it as a ${label}` : `still reads it as a ${a.guess}`;
  let text =
    `Before and after: the ${label} output went from ${fixed(b.outputs[label], 2)} to ${fixed(a.outputs[label], 2)}, ` +
    `the ${b.guess} output from ${fixed(b.outputs[b.guess], 2)} to ${fixed(a.outputs[b.guess], 2)}, and the network ${reads}. ` +
    `On the 1,000 held-out digits its accuracy went from ${percent(b.test_accuracy)} to ${percent(a.test_accuracy)}` +
    ` (${count(held.now_wrong)} it read right are now wrong, ${count(held.now_right)} the other way). `;
  if (a.test_accuracy < b.test_accuracy) {
    text +=
      "The step was fitted to this one image alone: it pulled every knob towards this " +
      `${label}, and other digits paid for it${data.learning_rate > 2 * data.default_learning_rate ? ", the more so as the step was big" : ""}. `;
  } else {
    text += "One image and a small step: the other digits barely noticed. ";
  }
  text +=
    `Training never steps on one image alone: an ordinary step averages the nudges of a mini-batch. That step, on this ${label} ` +
    `and ${batch.size - 1} other training images with η = ${batch.learning_rate}, takes held-out accuracy from ` +
    `${percent(b.test_accuracy)} to ${percent(batch.test_accuracy_after)}, and this ${label}'s output only to ${fixed(batch.output_label_after, 2)}: ` +
    "a little, on a few images. Thousands of such steps make the digit reader.";
  return text;
}

// The cost's largest parts, ½(aⱼ − yⱼ)², biggest first: [{j, v, y, part}].
export function biggestCostParts(data, n = 3) {
  return data.before.outputs
    .map((v, j) => ({ j, v, y: data.target[j], part: 0.5 * (v - data.target[j]) ** 2 }))
    .sort((p, q) => q.part - p.part)
    .slice(0, n);
}

// The landscape's height at t (0 before the step, 1 after), by linear interpolation
// between its points [t, cost].
export function heightAt(points, t) {
  let i = points.findIndex(([pt]) => pt >= t);
  if (i <= 0) i = 1;
  const [t0, c0] = points[i - 1],
    [t1, c1] = points[i];
  return c0 + ((c1 - c0) * (t - t0)) / (t1 - t0);
}

// A dial's needle angle in degrees for a knob's value: ±135° at ±2 and beyond.
export const dialAngle = (value) => Math.max(-1, Math.min(1, value / 2)) * 135;

// What the pictures show in a phase: the layers lit (left to right, animated as the
// forward pass is entered) and desiring (right to left, in the backward pass), the target
// output ringed from the cost on, the desires' arrows and the changed knobs in their own
// phases, whose activations shade the neurons, the ball (rolling in the update, then
// after the step), and the dials after the step.
export const phaseScene = (phase) => ({
  lit: phase >= 1 ? [0, 1, 2, 3] : [],
  litAnimated: phase === 1,
  desiring: phase === 3 ? [3, 2, 1] : [],
  target: phase >= 2,
  desires: phase === 3,
  changes: phase === 4,
  activations: phase >= 5 ? "after" : "before",
  ball: phase >= 2,
  rolling: phase === 4,
  ballAt: phase >= 5 ? 1 : 0,
  dialsAfter: phase >= 4,
});

// ---------------------------------------------------------------- the network picture's layout
// Each layer's x (pixels, hidden 1, hidden 2, outputs), and a neuron's y.
export const X = [52, 190, 315, 440];
export const neuronY = (layer, i) => (layer === 3 ? 28 + i * 27.5 : 22 + i * 17);
export const IMAGE = { x: 10, y: 108, size: 84 }; // the image's place; its links leave from (94, 150)

// The line that carries a weight: from the image (layer 1) or from neuron k of the layer
// before, to neuron j of `layer`; `reach` is how far short of the neuron it stops.
export function linkLine(layer, j, k, reach = 8) {
  if (layer === 1) return { x1: 94, y1: 150, x2: X[1] - 8, y2: neuronY(1, j) };
  return { x1: X[layer - 1] + 8, y1: neuronY(layer - 1, k), x2: X[layer] - reach, y2: neuronY(layer, j) };
}

// A neuron's desire, −δ, as an arrow beside it: its path and whether it points up; null
// for a desire under 4% of the largest in its layer (`largest`), which is not drawn.
export function desireArrow(layer, j, delta, largest) {
  if (Math.abs(delta) < largest * 0.04) return null;
  const up = delta < 0; // −δ > 0: the weighted input should rise to lower the cost
  const size = 4 + (9 * Math.abs(delta)) / largest;
  const x = X[layer] + (layer === 3 ? 30 : 11),
    y = neuronY(layer, j);
  return {
    up,
    d: up
      ? `M${x - 4},${y + size / 2}L${x + 4},${y + size / 2}L${x},${y - size / 2}Z`
      : `M${x - 4},${y - size / 2}L${x + 4},${y - size / 2}L${x},${y + size / 2}Z`,
  };
}

// A knob the step changed most, marked on the network: a ring round a bias's neuron, or
// its weight's line.
export const changeMark = (c) =>
  c.kind === "bias"
    ? { circle: { cx: X[c.layer], cy: neuronY(c.layer, c.j), r: c.layer === 3 ? 16 : 11 } }
    : { line: linkLine(c.layer, c.j, c.k) };

// ---------------------------------------------------------------- dials above a landscape
// Dial i's centre, and its seven ticks (every 45° from −135° to 135°) as lines.
export const dialCentre = (i) => ({ cx: 38 + i * 75, cy: 38 });
export function dialTicks({ cx, cy }) {
  const ticks = [];
  for (let tick = -3; tick <= 3; tick++) {
    const angle = (tick * 45 * Math.PI) / 180;
    ticks.push({
      x1: cx + 15 * Math.sin(angle),
      y1: cy - 15 * Math.cos(angle),
      x2: cx + 19 * Math.sin(angle),
      y2: cy - 19 * Math.cos(angle),
    });
  }
  return ticks;
}

// The landscape's scale: t (−0.5 to 2 along the step) across, the cost up to 1.1 × its
// highest point (`top`); its curve as a path, and where the ball sits at t.
export const landscapeX = (t) => 40 + ((t + 0.5) / 2.5) * 245;
export function landscapeScale(landscape) {
  const top = Math.max(...landscape.map(([, cost]) => cost)) * 1.1;
  const y = (cost) => 222 - (Math.min(cost, top) / top) * 112;
  const curve = landscape
    .map(([t, cost], i) => `${i ? "L" : "M"}${landscapeX(t).toFixed(1)},${y(cost).toFixed(1)}`)
    .join("");
  return {
    top,
    curve,
    ground: `${curve}L${landscapeX(2)},222L${landscapeX(-0.5)},222Z`,
    ball: (t) => ({ cx: landscapeX(t).toFixed(1), cy: (y(heightAt(landscape, t)) - 7).toFixed(1) }),
  };
}

// ---------------------------------------------------------------- the words around the pictures
// The two pictures' text alternatives in a phase (before the step is taken: `data` null).
export function pictureLabels(data, phase) {
  if (!data)
    return { network: "The network, not loaded yet.", picture: "Dials above a landscape, not loaded yet." };
  const b = data.before,
    a = data.after;
  const outputs = phase >= 5 ? a.outputs : b.outputs;
  return {
    network:
      `The network reading training image ${data.index}, a handwritten ${data.label}: ` +
      `${phase >= 1 ? `its most lit output is ${phase >= 5 ? a.guess : b.guess} (${fixed(Math.max(...outputs), 2)})` : "press Next for the forward pass"}.`,
    picture:
      phase < 2
        ? "Dials above a landscape; the height is not measured yet."
        : `Dials above a landscape: the ball's height is the cost, ${fixed(phase >= 4 ? a.cost : b.cost, 3)}.`,
  };
}
export const NOT_LOADED =
  "A training 7 that a partly trained network reads as a 1. Press Next to watch one step of " +
  "gradient descent on it, phase by phase.";

// Phase 2's details: the cost, and its biggest parts.
export const costWords = (data) => ({
  cost: `Cₓ = ½ Σ (aⱼ − yⱼ)² = ${fixed(data.before.cost, 3)}`,
  parts:
    "Its biggest parts: " +
    biggestCostParts(data, 3)
      .map((r) => `output ${r.j} (${fixed(r.v, 2)}, wanted ${r.y}): ${fixed(r.part, 3)}`)
      .join("; ") +
    ".",
});

// Phase 3's bars: the gradient's size for the knobs feeding each layer, from the outputs
// back, as a share of the largest.
export function gradientBars(data) {
  const largest = Math.max(...data.layers.map((l) => l.gradient_size));
  return [...data.layers].reverse().map((layer) => ({
    name: `${LAYER_NAMES[layer.layer]} (${count(layer.weights + layer.biases)} knobs)`,
    width: `${((100 * layer.gradient_size) / largest).toFixed(1)}%`,
    value: fixed(layer.gradient_size, 3),
  }));
}

// Phase 4's table: the largest changes, [knob, before, after, change], and which way.
export const changeRows = (data) =>
  data.changes.map((c) => ({
    up: c.change > 0,
    cells: [
      knobWords(c).long,
      fixed(c.before, 2),
      fixed(c.after, 2),
      `${c.change > 0 ? "+" : ""}${fixed(c.change, 2)}`,
    ],
  }));

// Phase 5's table: held-out accuracy before, after this step and after an ordinary one,
// with how many digits changed from wrong to right and back.
export function heldOutRows(data) {
  const batch = data.mini_batch,
    held = data.held_out;
  const row = (name, accuracy, right, wrong) => [
    name,
    percent(accuracy),
    right == null ? "" : count(right),
    wrong == null ? "" : count(wrong),
  ];
  return [
    row("Before", data.before.test_accuracy, null, null),
    row(
      `After this step (1 image, η = ${data.learning_rate})`,
      data.after.test_accuracy,
      held.now_right,
      held.now_wrong,
    ),
    row(
      `After an ordinary step (${batch.size} images, η = ${batch.learning_rate})`,
      batch.test_accuracy_after,
      batch.now_right,
      batch.now_wrong,
    ),
  ];
}

// Above each side's output bars: the cost before or after the step.
export const sideCaption = (data, when) =>
  `${when === "before" ? "Before" : "After"} the step (Cₓ = ${fixed(data[when].cost, 3)})`;
