// The one layer-size parser (demo-kit/validate.js), as count-knobs' "Layer sizes" and
// train's "Hidden layer sizes" use it: commas, spaces or dashes; clear messages.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseSizeList } from "../../docs/assets/js/demo-kit/validate.js";

const LAYER = { min: 1, max: 100000, integer: true };
const COUNT = { min: 2, max: 6 };
const HIDDEN = { min: 1, max: 128, integer: true };
const HIDDEN_COUNT = { min: 0, max: 3 };
const knobs = (text) =>
  parseSizeList(text, LAYER, COUNT, {
    label: "That",
    noun: "layer sizes",
    example: "784, 16, 16, 10",
    order: "input layer first, ",
    partName: (i, n) =>
      i === 0 ? "The input layer's size" : i === n - 1 ? "The output layer's size" : `Layer ${i}'s size`,
  });
const hidden = (text) => parseSizeList(text, HIDDEN, HIDDEN_COUNT, { label: "Hidden layer sizes" });
const refused = (result, words) => {
  assert.equal(result.ok, false);
  assert.ok(result.message.includes(words), result.message);
};

test("commas, spaces and dashes all read the same", () => {
  for (const text of [
    "784, 30, 10",
    "784,30,10",
    "784 30 10",
    " 784  30 10 ",
    "784-30-10",
    "784 – 30 – 10",
    "784—30—10",
  ])
    assert.deepEqual(knobs(text), { ok: true, value: [784, 30, 10] }, text);
  for (const text of ["16, 16", "16 16", "16-16", " 16 ,16 "])
    assert.deepEqual(hidden(text), { ok: true, value: [16, 16] }, text);
  assert.deepEqual(hidden(" 8 "), { ok: true, value: [8] });
});

test("an empty list is no hidden layer where none may be, and refused where sizes are needed", () => {
  assert.deepEqual(hidden(""), { ok: true, value: [] });
  assert.deepEqual(hidden("   "), { ok: true, value: [] });
  assert.equal(
    knobs("").message,
    "Type between 2 and 6 layer sizes, input layer first, such as 784, 16, 16, 10.",
  );
});

test("count-knobs' messages", () => {
  refused(knobs("-3"), "Give between 2 and 6");
  refused(knobs("abc"), "Give between 2 and 6");
  refused(knobs(Array(7).fill("16").join(",")), "you gave 7");
  refused(knobs(Array(50).fill("16").join(",")), "too long");
  assert.equal(
    knobs("784,,10").message,
    "Layer 1's size is missing: put a number between each pair of commas.",
  );
  refused(knobs("784,-3,10"), "Layer 1's size must be at least 1");
  refused(knobs("784,1e9,10"), "at most 100,000");
  refused(knobs("784,abc"), "The output layer's size must be a whole number written in digits");
  refused(knobs("784,16.5,10"), "whole number");
  refused(knobs("784,0"), "at least 1");
  refused(knobs("<img src=x onerror=alert(1)>"), "written in digits");
});

test("train's messages", () => {
  refused(hidden("abc"), "Each size must be a whole number written in digits");
  refused(hidden("16, abc"), "written in digits");
  refused(hidden("16,,16"), "Each size is missing");
  refused(hidden(","), "Each size is missing");
  refused(hidden("0"), "at least 1");
  refused(hidden("-16"), "at least 1");
  refused(hidden("200"), "at most 128");
  refused(hidden("16, 16, 16, 16"), "between 0 and 3 sizes");
  refused(hidden("16.5"), "whole number");
  refused(hidden("NaN"), "written in digits");
  refused(hidden("9".repeat(70)), "too long");
  refused(hidden("9".repeat(500)), "too long");
  refused(hidden("<img src=x onerror=alert(1)>"), "written in digits");
  refused(hidden("1;2"), "written in digits");
  refused(hidden(Array(20).fill("8").join(", ")), "you gave 20");
});
