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
