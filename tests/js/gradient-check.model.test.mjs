// The model of "Check the gradient": the knob's names, the neuron-number rule, the shared
// digits, the verdict and the sweep in words, on checks shaped as pylib's gradient_check gives them.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  START,
  describeSweep,
  diagramLabel,
  fieldNames,
  hText,
  knobName,
  knobWhere,
  neuronOutside,
  sharedStart,
  summary,
  sweepPoints,
  verdict,
  yourPoint,
} from "../../docs/assets/js/demos/gradient-check.model.js";

test("h is written as a reader would type it", () => {
  assert.equal(hText(0), "1");
  assert.equal(hText(-5), "1e-5");
  assert.equal(hText(-5.5), "3.2e-6");
  assert.equal(hText(-0.5), "3.2e-1");
});

test("a knob is named in the lesson's symbols and in words", () => {
  assert.equal(knobName(START), "w²₁₂");
  assert.equal(knobName({ kind: "bias", layer: 1, j: 3 }), "b¹₃");
  assert.equal(knobWhere(START), "the weight from neuron 2 of layer 1 to neuron 1 of layer 2");
  assert.equal(knobWhere({ kind: "bias", layer: 1, j: 3 }), "the bias of neuron 3 in layer 1");
  assert.deepEqual(fieldNames("weight"), ["layer", "j", "k", "h"]);
  assert.deepEqual(fieldNames("bias"), ["layer", "j", "h"]);
  assert.equal(diagramLabel(null), "The 4-3-2 network. Choose a weight or bias with the fields above.");
  assert.match(diagramLabel(START), /^The 4-3-2 network; w²₁₂ is highlighted\./);
});

test("a neuron number must exist in its layer (4-3-2)", () => {
  assert.equal(neuronOutside("j", 0, 2, 2), "");
  assert.equal(neuronOutside("j", 0, 2, 3), "Layer 2 has 2 neurons: j must be between 1 and 2.");
  assert.equal(neuronOutside("k", 1, 2, 3), "");
  assert.equal(neuronOutside("k", 1, 2, 4), "Layer 1 has 3 neurons: k must be between 1 and 3.");
  assert.equal(neuronOutside("k", 1, 1, 4), "");
  assert.equal(neuronOutside("k", 1, 1, 5), "Layer 0 has 4 neurons: k must be between 1 and 4.");
});

test("shared digits count from the first significant one", () => {
  assert.deepEqual(sharedStart("0.0012345", "0.0012399"), { same: 7, digits: 3 });
  assert.deepEqual(sharedStart("1.5", "2.5"), { same: 0, digits: 0 });
  assert.deepEqual(sharedStart("-0.25", "-0.25"), { same: 5, digits: 2 });
});

test("the verdict says how well they agree and why", () => {
  assert.match(verdict({ relative: 0, h: 1e-5 }, 3), /^They agree in every digit shown\. Backpropagation/);
  assert.match(
    verdict({ relative: 3e-11, h: 1e-5 }, 3),
    /^They agree to about 10 significant digits\. Backpropagation's derivative is right/,
  );
  assert.match(verdict({ relative: 0.02, h: 0.1 }, 3), /about 1 significant digit\. h is large/);
  assert.match(
    verdict({ relative: 1e-4, h: 1e-11 }, 9),
    /h is tiny: C\(\+h\) and C\(−h\) share their first 9 digits/,
  );
});

test("the sweep and the reader's h become log-log points, and words", () => {
  const check = {
    kind: "weight",
    layer: 2,
    j: 1,
    k: 2,
    h: 1e-5,
    backprop: 0.1,
    numeric: 0.1,
    relative: 1e-10,
    sweep: [
      [0, 1e-1],
      [-4, 1e-10],
      [-8, 1e-8],
      [-12, 1e-4],
    ],
    extra: "not published",
  };
  assert.deepEqual(summary(check), {
    kind: "weight",
    layer: 2,
    j: 1,
    k: 2,
    h: 1e-5,
    backprop: 0.1,
    numeric: 0.1,
    relative: 1e-10,
  });
  const curve = sweepPoints(check);
  assert.deepEqual(
    curve.map(([e]) => e),
    [0, -4, -8, -12],
  );
  assert.ok(Math.abs(curve[1][1] + 10) < 1e-12);
  const yours = yourPoint({ ...check, relative: 0 });
  assert.ok(Math.abs(yours[0][0] + 5) < 1e-12 && Math.abs(yours[0][1] + 17) < 1e-12); // 0 drawn as 10⁻¹⁷
  assert.equal(describeSweep([], []), "No check yet.");
  const text = describeSweep(curve, yourPoint(check));
  assert.match(
    text,
    /^As h shrinks from 1 to 10⁻¹², the relative difference falls from about 10⁻¹ to its lowest, about 10⁻¹⁰, near h = 10⁻⁴, then rises again to about 10⁻⁴ at h = 10⁻¹²\./,
  );
  assert.match(text, /Your h, .*, gives .*\.$/);
});
