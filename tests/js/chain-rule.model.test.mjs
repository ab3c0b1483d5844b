// The model of "Chain-rule calculator": the inputs and their refusal, the chain's layout,
// and the words for answers built here as pylib's chain_rule gives them
// (z = w·a_prev + b, a = σ(z), Cₓ = ½(a − y)², w nudged by 0.001).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CHAIN,
  INPUTS,
  PRODUCTS,
  RESULTS,
  WORKED,
  chainValues,
  nudgeWords,
  percentOf,
  published,
  saturationNote,
  shown,
} from "../../docs/assets/js/demos/chain-rule.model.js";

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const NUDGE = 0.001;

// What chain_rule answers for four values.
function chainRule({ a_prev, w, b, y }) {
  const z = w * a_prev + b;
  const a = sigmoid(z);
  const cost = 0.5 * (a - y) ** 2;
  const [dz_dw, da_dz, dc_da] = [a_prev, a * (1 - a), a - y];
  const dc_dw = dz_dw * da_dz * dc_da;
  const costAfter = 0.5 * (sigmoid((w + NUDGE) * a_prev + b) - y) ** 2;
  return {
    z,
    a,
    cost,
    dz_dw,
    da_dz,
    dc_da,
    dc_dw,
    dc_db: da_dz * dc_da,
    dc_da_prev: w * da_dz * dc_da,
    nudge: { size: NUDGE, cost_after: costAfter, actual: costAfter - cost, predicted: dc_dw * NUDGE },
  };
}

test("the inputs in the page's order, and the chain laid out edge, node, edge …", () => {
  assert.deepEqual(
    INPUTS.map((i) => i.key),
    ["a_prev", "w", "b", "y"],
  );
  assert.equal(INPUTS[0].plain, "aₚᵣₑᵥ");
  assert.deepEqual(
    CHAIN.map(([kind, , , name]) => `${kind}:${name}`),
    ["edge:dz_dw", "node:z", "edge:da_dz", "node:a", "edge:dc_da", "node:cost"],
  );
  assert.deepEqual(
    PRODUCTS.map(([, plain]) => plain),
    ["∂Cₓ/∂w = aₚᵣₑᵥ · σ′(z) · (a − y)", "∂Cₓ/∂b = 1 · σ′(z) · (a − y)", "∂Cₓ/∂aₚᵣₑᵥ = w · σ′(z) · (a − y)"],
  );
});

test("the values are asked for only when all four read", () => {
  const good = { a_prev: "1", w: "0.5", b: "0", y: "1" };
  const read = (texts) => (key) =>
    Number.isFinite(Number(texts[key])) && texts[key] !== ""
      ? { ok: true, value: Number(texts[key]) }
      : { ok: false, message: "no" };
  assert.deepEqual(chainValues(read(good)), WORKED);
  assert.equal(chainValues(read({ ...good, b: "abc" })), null);
  assert.equal(chainValues(read({ ...good, y: "" })), null);
});

test("the lesson's worked case: each value, and each product's working", () => {
  const r = chainRule(WORKED);
  const text = shown(r, WORKED);
  assert.deepEqual([text.a_prev, text.w, text.b, text.y], ["1.00", "0.50", "0.00", "1.00"]);
  assert.deepEqual(
    RESULTS.map((name) => text[name]),
    ["0.5000", "0.6225", "0.0713", "1.0000", "0.2350", "−0.3775", "−0.0887", "−0.0887", "−0.0444"],
  );
  assert.equal(text.dc_dw_working, "= 1.0000 × 0.2350 × (−0.3775)");
  assert.equal(text.dc_db_working, "= 1 × 0.2350 × (−0.3775)");
  assert.equal(text.dc_da_prev_working, "= 0.5000 × 0.2350 × (−0.3775)");
  const data = JSON.parse(published(r, WORKED));
  assert.equal(data.w, 0.5);
  assert.equal(data.dc_dw, r.dc_dw);
  assert.equal("nudge" in data, false);
});

test("a saturated neuron is named, and an unsaturated one is not", () => {
  assert.equal(saturationNote(chainRule(WORKED)).saturated, false);
  const note = saturationNote(chainRule({ a_prev: 1, w: 8, b: 5, y: 0 })); // z = 13
  assert.equal(note.saturated, true);
  assert.match(
    note.text,
    /^σ′\(z\) is only 2\.26 × 10⁻⁶ at z = 13\.00: the neuron is saturated, so all three/,
  );
  assert.match(note.text, /barely move w, b or $/);
});

test("the nudge: the actual change beside the slope's prediction, and their gap", () => {
  const words = nudgeWords(chainRule(WORKED), WORKED);
  assert.equal(words.w, "w goes from 0.5000 to 0.5010, everything else stays.");
  assert.match(words.cost, /^Cₓ goes from 0\.071\d{3} to 0\.071\d{3}\.$/);
  assert.match(words.actual, /^−8\.8\d\d × 10⁻⁵$/);
  assert.match(words.predicted, /^−8\.87\d × 10⁻⁵$/);
  assert.match(
    words.verdict,
    /^They differ by .+, 0\.\d+% of the change: the slope ∂Cₓ\/∂w predicts how Cₓ responds/,
  );
  const flat = chainRule({ a_prev: 0, w: 1, b: 0, y: 0.5 }); // a = y: no slope, no change
  assert.equal(nudgeWords(flat, { w: 1 }).verdict, "The slope is 0 and Cₓ does not change.");
});

test("a gap as a share of the change", () => {
  assert.equal(percentOf(1, 0), "all");
  assert.equal(percentOf(0.5, -4), "13%");
  assert.equal(percentOf(1e-9, 1), "less than 0.01%");
});
