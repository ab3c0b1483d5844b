// The model of "What does this image want?" (lesson 5): the words and numbers the demo
// shows for one answer of pylib's image_wants, the stages of passing the desires back,
// and which neuron is chosen. Plain JavaScript, no DOM: the view (what-image-wants.js)
// draws; Node runs the tests (tests/js/what-image-wants.model.test.mjs).
//
// An answer holds the image (index, label, pixels, guess, cost), the ten outputs and
// targets, and per layer (hidden 1, hidden 2, outputs) its activations, slopes σ′(z),
// desires, the pull from the layer after, and the levers (weights, activations,
// incoming_weights). Hidden neurons are numbered from 1 for the reader, outputs by digit.
import { signed, significant } from "../format.js";

export const wantWord = (d) => (d > 0 ? "wants up" : d < 0 ? "wants down" : "wants nothing");
export const neuronName = (l, j) =>
  l === 3 ? `Output ${j} (the digit ${j})` : `Neuron ${j + 1} of hidden layer ${l}`;
export const layerSize = (layer) => (layer === 3 ? 10 : 16);
export const LAST_STAGE = 2; // 0: outputs' desires; 1: and hidden layer 2; 2: and hidden layer 1

// The line under the image.
export function aboutText(answer) {
  const right = answer.guess === answer.label;
  return `A handwritten ${answer.label}. The network's guess: ${answer.guess} (${right ? "right" : "wrong"}). Its cost for this image: Cₓ = ${significant(answer.cost, 3)}.`;
}

// The table of the outputs: output, a, y, y − a, σ′(z), desire.
export function outputRows(answer) {
  const out = answer.layers[2];
  return answer.outputs.map((a, j) => [
    String(j),
    significant(a, 3),
    String(answer.targets[j]),
    signed(answer.targets[j] - a),
    significant(out.slopes[j], 3),
    signed(out.desires[j]),
  ]);
}

// What the status line and the stage's note say, and the Propagate button's words.
export function stageWords(answer, stage) {
  const status =
    stage === 1
      ? "The desires reached hidden layer 2: click one of its neurons (or an output) to see its levers, or press Propagate again."
      : stage === 2
        ? "The desires reached hidden layer 1, whose levers are the image's pixels and its own weights and biases. Press Outputs only to start again."
        : `Image ${answer.index}: the output for ${answer.label} wants up, the other nine want down. Click an output to see its levers.`;
  const button =
    stage === 0
      ? "Propagate to hidden layer 2"
      : stage === 1
        ? "Propagate to hidden layer 1"
        : "Propagated to hidden layer 1";
  const note = [
    "The arrows on the outputs are their desires. Press Propagate to pass them back.",
    "Each neuron of hidden layer 2 adds up what the ten outputs want of it: every output's desire times the weight that joins them. Then its own slope σ′(z) scales the sum (a neuron that is fully on or off barely moves). Click one to see its levers.",
    "And again: each neuron of hidden layer 1 adds up the desires of hidden layer 2, each times the weight that joins them, scaled by its own slope. Its levers would be the image's pixels, which are fixed, and its own weights and biases. Averaged over all training images, these desires are the downhill direction −∇C.",
  ][stage];
  return { status, button, note };
}

// The chosen neuron after a stage change: an output stays chosen only if asked to keep
// it; a neuron of hidden layer 2 only while its desires are shown.
export function keptSelection(selected, stage, keepSelection) {
  if (!keepSelection) return null;
  if (selected && selected.layer === 2 && stage < 1) return null;
  return selected;
}

// Clicking a neuron chooses it, or un-chooses it if it was chosen.
export const toggleSelection = (selected, layer, j) =>
  selected && selected.layer === layer && selected.j === j ? null : { layer, j };

// Can the reader pick this neuron? Outputs once there is an answer; hidden layer 2 once
// the desires have reached it.
export const clickable = (answer, stage, layer) =>
  Boolean(answer) && (layer === 3 || (layer === 2 && stage >= 1));

// The neuron a key moves to within its layer (wrapping), or null for another key.
export function keyMove(key, j, count) {
  if (key === "ArrowDown") return (j + 1) % count;
  if (key === "ArrowUp") return (j - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

// A pickable neuron, read aloud.
export function neuronLabel(answer, layer, j, activation) {
  const desire = answer.layers[layer - 1].desires[j];
  return `${neuronName(layer, j)}: activation ${significant(activation, 2)}, ${wantWord(desire)} (desire ${signed(desire)}). Show its levers.`;
}

// The diagram in words, for reading aloud: where the desires point, the largest first.
export function describeDiagram(answer, stage) {
  const out = answer.layers[2].desires;
  const down = out
    .map((d, j) => ({ d, j }))
    .filter(({ d }) => d < 0)
    .sort((p, q) => p.d - q.d)
    .slice(0, 2);
  let text =
    `The network reading held-out image ${answer.index}. Output ${answer.label} wants up (${significant(out[answer.label], 2)})` +
    (down.length
      ? `; the others want down, most of all ${down.map(({ d, j }) => `output ${j} (${significant(Math.abs(d), 2)})`).join(" and ")}.`
      : ".");
  for (const layer of [2, 1].slice(0, stage)) {
    const desires = answer.layers[layer - 1].desires;
    const top = desires.map((d, j) => ({ d, j })).sort((p, q) => Math.abs(q.d) - Math.abs(p.d))[0];
    text += ` Passed back to hidden layer ${layer}: neuron ${top.j + 1} wants ${top.d > 0 ? "up" : "down"} most (${significant(Math.abs(top.d), 2)}).`;
  }
  return text;
}

// The arrow beside a neuron for its desire, in words ("up 0.12").
export const arrowWords = (desire) =>
  `${wantWord(desire).replace("wants ", "")} ${significant(Math.abs(desire), 2)}`;

// The three levers of the chosen neuron, in words, with the values their bars show.
export function leverWords(answer, { layer, j }) {
  const info = answer.layers[layer - 1];
  const desire = info.desires[j];
  const prev = answer.layers[layer - 2];
  const a = layer === 3 ? answer.outputs[j] : info.activations[j];
  const up = desire > 0;
  let why;
  if (layer === 3) {
    const y = answer.targets[j];
    why = `Its activation is ${significant(a, 3)} and the target is ${y}: desire = (y − a) × σ′(z) = ${signed(y - a)} × ${significant(info.slopes[j], 3)} = ${signed(desire)}.`;
  } else {
    why = `The layer after it pulls on it with ${signed(info.pull[j])} in all (each desire there times the weight that joins them), and its slope σ′(z) is ${significant(info.slopes[j], 3)}: desire = ${signed(info.pull[j])} × ${significant(info.slopes[j], 3)} = ${signed(desire)}.`;
  }
  const weightsLever = info.levers.weights[j];
  const activationLever = info.levers.activations[j];
  const bright = weightsLever
    .map((change, k) => ({ k, change, a: prev.activations[k] }))
    .sort((p, q) => Math.abs(q.change) - Math.abs(p.change))
    .slice(0, 3);
  const strongest = activationLever
    .map((change, k) => ({ k, change, w: info.levers.incoming_weights[j][k] }))
    .sort((p, q) => Math.abs(q.change) - Math.abs(p.change))
    .slice(0, 2);
  const prevName = `hidden layer ${layer - 1}`;
  return {
    title: `${neuronName(layer, j)} ${wantWord(desire)}`,
    why,
    prevName,
    bias: `Nudge it by the desire itself: ${up ? "raise" : "lower"} it, by ${signed(desire)} for each unit of step.`,
    weights: `Each by desire × the activation it carries from ${prevName}, so the weights from bright neurons change most: ${bright.map((b) => `neuron ${b.k + 1} (a = ${significant(b.a, 2)}) ${signed(b.change)}`).join(", ")}.`,
    activations: `Each by desire × its weight: up where the weight is ${up ? "positive" : "negative"}, down where it is ${up ? "negative" : "positive"}. Largest: ${strongest.map((s) => `neuron ${s.k + 1} (w = ${significant(s.w, 2)}) ${signed(s.change)}`).join(", ")}. These can't be set directly, so they become desires that ${prevName} passes back: press Propagate.`,
    weightsLever,
    activationLever,
    shades: prev.activations,
  };
}

// ---------------------------------------------------------------- the diagram's layout
// Wide (beside the image, with each output's value and its desire in words) or narrow (a
// phone: taller, so each neuron is a 44 px target, and no words).
export const WIDE = {
  width: 460,
  height: 440,
  column: { 1: 30, 2: 142, 3: 254 },
  top: 22,
  bottom: 22,
  radius: { hidden: 8, output: 11 },
  words: true,
};
export const NARROW = {
  width: 300,
  height: 760,
  column: { 1: 26, 2: 110, 3: 190 },
  top: 34,
  bottom: 10,
  radius: { hidden: 10, output: 13 },
  words: false,
};
const NARROW_BELOW = 420; // CSS px of diagram width: a phone

// The layout for the diagram's width on screen (0: not laid out yet, so wide).
export const layoutFor = (shown) => (shown && shown < NARROW_BELOW ? NARROW : WIDE);

// A neuron's centre: its layer's column, and its slot down the diagram.
export const neuronAt = (geo, layer, j) => ({
  x: geo.column[layer],
  y: geo.top + (j + 0.5) * ((geo.height - geo.top - geo.bottom) / layerSize(layer)),
});
export const radiusOf = (geo, layer) => (layer === 3 ? geo.radius.output : geo.radius.hidden);

// Every link between the layers, as one faint path.
export function linksPath(geo) {
  let d = "";
  for (const [from, to] of [
    [1, 2],
    [2, 3],
  ])
    for (let k = 0; k < layerSize(from); k++)
      for (let j = 0; j < layerSize(to); j++)
        d += `M${geo.column[from]},${neuronAt(geo, from, k).y.toFixed(1)}L${geo.column[to]},${neuronAt(geo, to, j).y.toFixed(1)}`;
  return d;
}

// The chosen neuron's incoming weights as strong links: which way each wants to change,
// and a width for how much (the largest 6).
export function chosenLinks(answer, { layer, j }, geo) {
  const lever = answer.layers[layer - 1].levers.weights[j];
  const largest = Math.max(...lever.map(Math.abs)) || 1;
  return lever.map((change, k) => ({
    up: change > 0,
    x1: geo.column[layer - 1],
    y1: neuronAt(geo, layer - 1, k).y,
    x2: geo.column[layer],
    y2: neuronAt(geo, layer, j).y,
    width: (0.5 + (5.5 * Math.abs(change)) / largest).toFixed(2),
  }));
}

// A pickable neuron's target: its whole slot in its column, generous to a finger.
export function hitRect(geo, layer, j) {
  const spacing = neuronAt(geo, layer, 1).y - neuronAt(geo, layer, 0).y;
  const height = Math.min(spacing, layer === 3 ? 60 : 44);
  return {
    x: geo.column[layer] - radiusOf(geo, layer) - 6,
    y: neuronAt(geo, layer, j).y - height / 2,
    width: layer === 3 ? geo.width - geo.column[3] + 14 : (geo.column[3] - geo.column[2]) * 0.7,
    height,
  };
}

// Where each layer's arrows go in a stage: the outputs always (in words too when wide),
// the hidden layers as the desires are passed back. [layer, x, half the longest, words].
export function arrowColumns(geo, stage) {
  const hidden = (layer) => [layer, geo.column[layer] + geo.radius.hidden + 12, geo.words ? 11 : 16, false];
  return [
    [3, geo.words ? geo.column[3] + 84 : geo.column[3] + 56, geo.words ? 17 : 22, geo.words],
    ...(stage >= 1 ? [hidden(2)] : []),
    ...(stage >= 2 ? [hidden(1)] : []),
  ];
}

// A desire's arrow at (x, y), its length a share of the layer's largest (`largest`) up to
// 2 × `half`: a dot for a desire under 2% of the largest, else a shaft and a head.
export function arrowShape(desire, largest, x, y, half) {
  const size = Math.abs(desire) / largest;
  if (size < 0.02) return { dot: { cx: x, cy: y, r: 2 } };
  const length = 6 + (2 * half - 6) * size;
  const dir = desire > 0 ? -1 : 1; // screen y grows downwards
  const tail = y - (dir * length) / 2,
    tip = y + (dir * length) / 2;
  const head = Math.min(7, length * 0.6);
  return {
    shaft: { x1: x, y1: tail, x2: x, y2: tip - dir * head * 0.6 },
    head: `M${x},${tip}L${x - 5},${tip - dir * head}L${x + 5},${tip - dir * head}Z`,
  };
}

// A small chart of signed values, one bar per neuron (numbered from 1), with an optional
// row of squares shaded by activation under the bars: its size, each bar's place, and
// its text alternative.
export function barsLayout(values, { shades = null, label = "" } = {}) {
  const n = values.length;
  const barWidth = n === 1 ? 30 : 14,
    gap = n === 1 ? 0 : 4;
  const width = Math.max(60, n * (barWidth + gap) + 8),
    half = 34,
    height = 2 * half + (shades ? 36 : 22);
  const largest = Math.max(...values.map(Math.abs)) || 1;
  const bars = values.map((v, k) => {
    const size = (Math.abs(v) / largest) * (half - 2);
    return {
      up: v > 0,
      name: String(k + 1),
      x: 4 + k * (barWidth + gap),
      y: v > 0 ? half - size : half,
      height: Math.max(0.5, size),
    };
  });
  return {
    width,
    height,
    half,
    barWidth,
    bars,
    label: `${label}: ${values.map((v, k) => `${bars[k].name} ${signed(v, 2)}`).join(", ")}`,
  };
}
