// The model of "Look inside" (lesson 1): the pad's size and the keyboard pen's moves,
// the pad's ink as numbers, and the words for an answer (the pad, the 784 inputs, the
// hidden layers, the verdict). Plain JavaScript, no DOM: the view (look-inside.js)
// draws and asks Python; Node runs the tests (tests/js/look-inside.model.test.mjs). An
// answer is what pylib's look_inside gives ({source, index, label, inputs, fitted,
// hidden, outputs, guess, weights}).
export const PAD = 112; // the pad's pixels: 4 for each of the frame's 28
export const BRUSH = 9; // stroke width in pad pixels (about 2 of the 28)
export const GRID = 8; // screen pixels per input in the input grid's canvas
export const HIDDEN = 16;
export const PEN_STEP = PAD / 28; // one arrow press moves the keyboard pen by one input pixel
const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

// How a hidden neuron's cell is shaded in each colour scheme: the site's blue at opacity
// `opacity` over the page, and whether its number is written in the contrasting colour
// (`bright`: white in the light scheme, black in the dark). Each threshold keeps the
// number at 4.5:1 or more against its cell; in the dark scheme no colour reaches that
// for opacities between 0.5 and 0.62, so an activation there is drawn at one end of it.
export function cellShade(activation) {
  const a = Math.min(1, Math.max(0, activation));
  const dark = a > 0.5 && a < 0.62 ? (a < 0.56 ? 0.5 : 0.62) : a;
  return { light: { opacity: a, bright: a > 0.93 }, dark: { opacity: dark, bright: dark >= 0.62 } };
}

// Where an arrow key moves the keyboard pen (Shift: three pixels at a time), kept inside
// the pad; null for any other key.
export function movePen(penAt, key, shift = false) {
  if (!MOVES[key]) return null;
  const step = PEN_STEP * (shift ? 3 : 1);
  return penAt.map((v, i) => Math.min(PAD - PEN_STEP / 2, Math.max(PEN_STEP / 2, v + MOVES[key][i] * step)));
}

// The pad's ink, one value 0–255 a pixel, row by row: the alpha of each RGBA pixel.
export function inkOf(rgba) {
  const pixels = new Array(rgba.length / 4);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4 + 3];
  return pixels;
}

// The words around the pad and the input grid for an answer: the pad's caption (null:
// keep it), the pad's and the grid's text alternatives, the note under the grid and
// whether it warns.
export function inputWords(result) {
  if (result.source === "held-out")
    return {
      caption: `Held-out image ${result.index}, a handwritten ${result.label}. Draw on the pad to replace it with your own.`,
      pad: `Held-out image ${result.index}, a handwritten ${result.label}. Drawing on this pad replaces it with your own digit.`,
      note: "",
      warning: false,
      grid: `The 784 inputs: held-out image ${result.index}, as the network reads it`,
    };
  const f = result.fitted;
  let note;
  if (f.empty) note = "Nothing drawn yet: the inputs are all 0.";
  else if (f.centred)
    note = `Your drawing, fitted into a ${f.size[1]} × ${f.size[0]} box (dashed) and moved so its centre of mass (+) is at the centre, as MNIST's digits were.`;
  else
    note =
      "Your drawing is heavy on one side: it was fitted into the 20 × 20 box but could not be moved far enough to centre its mass without leaving the frame, so the network may misread it.";
  return {
    caption: null,
    pad: "Drawing pad with your drawing. Draw a digit here with a mouse, a finger or a pen.",
    note,
    warning: !(f.empty || f.centred),
    grid: f.empty
      ? "The 784 inputs: all 0, nothing drawn"
      : "The 784 inputs: your drawing, fitted into a 20 by 20 box and centred by its centre of mass",
  };
}

// A hidden neuron's title (neurons numbered from 1), and a layer's text alternative.
export const cellTitle = (layer, j, a) =>
  `Hidden layer ${layer}, neuron ${j + 1}: activation ${a.toFixed(3)}`;
export const layerLabel = (layer, values) =>
  `Hidden layer ${layer}, 16 activations: ${values.map((a) => a.toFixed(2)).join(", ")}`;

// What the guess means: {text, correct} (correct is null for a drawing, which has no label).
export function verdictWords(result) {
  const weightsNote =
    result.weights === "random" ? " These are random weights, so the guess means nothing." : "";
  if (result.source === "held-out") {
    const right = result.guess === result.label;
    return {
      text: `The image is a ${result.label}: ${right ? "right" : "wrong"}.${weightsNote}`,
      correct: right,
    };
  }
  return {
    text: result.fitted.empty
      ? "With no ink the network still answers something." + weightsNote
      : `Its output for ${result.guess} is the largest, ${result.outputs[result.guess].toFixed(2)}.${weightsNote}`,
    correct: null,
  };
}

// ---------------------------------------------------------------- the pictures' arithmetic
// The cells of a 28 × 28 picture that have ink (a value above 0), each `size` pixels
// square, row by row, in the colour `colour(value)`.
function inkedCells(values, size, colour) {
  const cells = [];
  for (let i = 0; i < 784; i++)
    if (values[i] > 0)
      cells.push({ x: (i % 28) * size, y: Math.floor(i / 28) * size, colour: colour(values[i]) });
  return cells;
}

// The input grid's shaded cells: a grey for each input above 0 (0 white, 1 or more black).
export const gridCells = (inputs) =>
  inkedCells(inputs, GRID, (v) => {
    const shade = Math.round(255 * (1 - Math.min(1, v)));
    return `rgb(${shade}, ${shade}, ${shade})`;
  });

// Where a fitted drawing was put, in grid pixels: the 20 × 20 box (dashed) and the centre
// of mass (+); null for an empty pad, or for a held-out image (`fitted` null).
export function fittedMarks(fitted) {
  if (!fitted || fitted.empty) return null;
  const [top, left] = fitted.offset;
  const [height, width] = fitted.size;
  // Pixel numbers count from 0; pixel i's middle is at (i + ½) grid cells.
  const [cy, cx] = fitted.centre_of_mass.map((v) => (v + 0.5) * GRID);
  return {
    box: [left * GRID + 1, top * GRID + 1, width * GRID - 2, height * GRID - 2],
    cross: { cx, cy },
  };
}

// A held-out image on the pad: a PEN_STEP × PEN_STEP block for each inked pixel.
export const padBlocks = (pixels) => inkedCells(pixels, PEN_STEP, (p) => `rgba(0, 0, 0, ${p})`);

// The input under the pointer, at fractions (fx, fy) across and down the grid, read out
// with inputs, rows and columns numbered from 1.
export function readoutText(inputs, fx, fy) {
  const column = Math.min(27, Math.floor(fx * 28));
  const row = Math.min(27, Math.floor(fy * 28));
  const i = row * 28 + column;
  return `Input ${i + 1} (row ${row + 1}, column ${column + 1}): ${inputs[i].toFixed(2)}`;
}

// The tables of numbers: each hidden neuron (from 1) in both layers, and each output.
export const hiddenRows = (result) =>
  Array.from({ length: HIDDEN }, (_, j) => [
    String(j + 1),
    result.hidden[0][j].toFixed(3),
    result.hidden[1][j].toFixed(3),
  ]);
export const outputRows = (result) =>
  result.outputs.map((a, d) => [String(d), a.toFixed(3) + (d === result.guess ? " (the guess)" : "")]);
