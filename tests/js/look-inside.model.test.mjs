// The model of "Look inside": the keyboard pen, the pad's ink, and the words for an
// answer, on answers shaped as pylib's look_inside gives them.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  GRID,
  PAD,
  PEN_STEP,
  cellShade,
  cellTitle,
  fittedMarks,
  gridCells,
  hiddenRows,
  inkOf,
  inputWords,
  layerLabel,
  movePen,
  outputRows,
  padBlocks,
  readoutText,
  verdictWords,
} from "../../docs/assets/js/demos/look-inside.model.js";

test("the keyboard pen moves an input pixel a press (three with Shift) and stays on the pad", () => {
  const middle = [PAD / 2, PAD / 2];
  assert.equal(PEN_STEP, 4);
  assert.deepEqual(movePen(middle, "ArrowRight"), [60, 56]);
  assert.deepEqual(movePen(middle, "ArrowUp", true), [56, 44]);
  assert.deepEqual(movePen([2, 2], "ArrowLeft"), [2, 2]);
  assert.deepEqual(movePen([PAD - 2, 50], "ArrowRight", true), [PAD - 2, 50]);
  assert.deepEqual(movePen([50, PAD - 3], "ArrowDown"), [50, PAD - 2]);
  assert.equal(movePen(middle, "Enter"), null);
});

test("the pad's ink is each pixel's alpha", () => {
  assert.deepEqual(inkOf([0, 0, 0, 255, 10, 20, 30, 0, 0, 0, 0, 128]), [255, 0, 128]);
});

const drawing = (fitted, extra = {}) => ({
  source: "drawing",
  fitted,
  guess: 3,
  outputs: [0.1, 0.2, 0.05, 0.876, 0, 0, 0, 0, 0, 0],
  weights: "shipped",
  ...extra,
});

test("the words for a held-out image", () => {
  const result = { source: "held-out", index: 7, label: 9, guess: 9, weights: "shipped" };
  const words = inputWords(result);
  assert.equal(
    words.caption,
    "Held-out image 7, a handwritten 9. Draw on the pad to replace it with your own.",
  );
  assert.match(words.pad, /^Held-out image 7, a handwritten 9\. Drawing on this pad replaces it/);
  assert.equal(words.note, "");
  assert.equal(words.grid, "The 784 inputs: held-out image 7, as the network reads it");
  assert.deepEqual(verdictWords(result), { text: "The image is a 9: right.", correct: true });
  assert.deepEqual(verdictWords({ ...result, guess: 4, weights: "random" }), {
    text: "The image is a 9: wrong. These are random weights, so the guess means nothing.",
    correct: false,
  });
});

test("the words for a drawing: empty, centred, or heavy on one side", () => {
  const empty = inputWords(drawing({ empty: true }));
  assert.equal(empty.caption, null);
  assert.equal(empty.note, "Nothing drawn yet: the inputs are all 0.");
  assert.equal(empty.warning, false);
  assert.equal(empty.grid, "The 784 inputs: all 0, nothing drawn");
  const centred = inputWords(drawing({ empty: false, centred: true, size: [20, 12] }));
  assert.match(centred.note, /^Your drawing, fitted into a 12 × 20 box \(dashed\)/);
  assert.equal(centred.warning, false);
  assert.match(centred.grid, /fitted into a 20 by 20 box and centred/);
  const heavy = inputWords(drawing({ empty: false, centred: false, size: [20, 20] }));
  assert.match(heavy.note, /^Your drawing is heavy on one side/);
  assert.equal(heavy.warning, true);
  assert.deepEqual(verdictWords(drawing({ empty: false, centred: true })), {
    text: "Its output for 3 is the largest, 0.88.",
    correct: null,
  });
  assert.equal(
    verdictWords(drawing({ empty: true })).text,
    "With no ink the network still answers something.",
  );
});

test("hidden neurons are numbered from 1", () => {
  assert.equal(cellTitle(2, 0, 0.12345), "Hidden layer 2, neuron 1: activation 0.123");
  assert.equal(cellTitle(1, 15, 1), "Hidden layer 1, neuron 16: activation 1.000");
  assert.equal(layerLabel(1, [0.5, 0.25, 1]), "Hidden layer 1, 16 activations: 0.50, 0.25, 1.00");
});

test("a hidden cell's number keeps 4.5:1 against its shade in both schemes", () => {
  // contrast of the number against the site's blue at that opacity over the page
  const lin = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const ratio = (x, y) => (Math.max(lum(x), lum(y)) + 0.05) / (Math.min(lum(x), lum(y)) + 0.05);
  const over = (blue, page, a) => blue.map((c, i) => a * c + (1 - a) * page[i]);
  const light = { blue: [0x00, 0x72, 0xb2], page: [255, 255, 255], text: [0, 0, 0], bright: [255, 255, 255] };
  const dark = {
    blue: [0x56, 0xb4, 0xe9],
    page: [0x1e, 0x21, 0x2a],
    text: [255, 255, 255],
    bright: [0, 0, 0],
  };
  for (let a = 0; a <= 1.0001; a += 0.01) {
    const shade = cellShade(a);
    for (const [scheme, s] of [
      ["light", light],
      ["dark", dark],
    ]) {
      const { opacity, bright } = shade[scheme];
      const contrast = ratio(over(s.blue, s.page, opacity), bright ? s.bright : s.text);
      assert.ok(contrast >= 4.5, `${scheme}, a = ${a.toFixed(2)}: ${contrast.toFixed(2)}:1`);
    }
  }
});

test("the input grid shades each input above 0 in its cell, darker for larger", () => {
  const inputs = new Array(784).fill(0);
  inputs[0] = 1;
  inputs[29] = 0.5; // row 2, column 2
  inputs[783] = 1.7; // kept within 0–1
  inputs[100] = -0.2; // nothing to draw
  assert.deepEqual(gridCells(inputs), [
    { x: 0, y: 0, colour: "rgb(0, 0, 0)" },
    { x: GRID, y: GRID, colour: "rgb(128, 128, 128)" },
    { x: 27 * GRID, y: 27 * GRID, colour: "rgb(0, 0, 0)" },
  ]);
});

test("a fitted drawing's box and centre of mass, in grid pixels", () => {
  assert.equal(fittedMarks(null), null);
  assert.equal(fittedMarks({ empty: true }), null);
  const marks = fittedMarks({ empty: false, offset: [4, 6], size: [20, 14], centre_of_mass: [13.5, 12] });
  assert.deepEqual(marks.box, [6 * GRID + 1, 4 * GRID + 1, 14 * GRID - 2, 20 * GRID - 2]);
  assert.deepEqual(marks.cross, { cx: 12.5 * GRID, cy: 14 * GRID }); // pixel i's middle is at i + ½
});

test("a held-out image on the pad: a block per inked pixel", () => {
  const pixels = new Array(784).fill(0);
  pixels[28 * 3 + 5] = 0.25;
  assert.deepEqual(padBlocks(pixels), [{ x: 5 * PEN_STEP, y: 3 * PEN_STEP, colour: "rgba(0, 0, 0, 0.25)" }]);
});

test("the readout names the input under the pointer, counting from 1", () => {
  const inputs = Array.from({ length: 784 }, (_, i) => i / 1000);
  assert.equal(readoutText(inputs, 0, 0), "Input 1 (row 1, column 1): 0.00");
  assert.equal(readoutText(inputs, 0.99, 0.5), "Input 420 (row 15, column 28): 0.42");
  assert.equal(readoutText(inputs, 1, 1), "Input 784 (row 28, column 28): 0.78"); // the far edge stays inside
});

test("the tables of numbers: hidden neurons from 1 in both layers, outputs by digit with the guess", () => {
  const result = {
    hidden: [Array.from({ length: 16 }, (_, j) => j / 16), Array.from({ length: 16 }, (_, j) => 1 - j / 16)],
    outputs: [0.01, 0.02, 0.9, 0, 0, 0, 0, 0, 0, 0.1234],
    guess: 2,
  };
  const hidden = hiddenRows(result);
  assert.equal(hidden.length, 16);
  assert.deepEqual(hidden[0], ["1", "0.000", "1.000"]);
  assert.deepEqual(hidden[15], ["16", "0.938", "0.063"]);
  const outputs = outputRows(result);
  assert.deepEqual(outputs[2], ["2", "0.900 (the guess)"]);
  assert.deepEqual(outputs[9], ["9", "0.123"]);
});
