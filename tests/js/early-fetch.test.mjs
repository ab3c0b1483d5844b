// The worker's download pacing (docs/assets/js/runtime/early-fetch.js): the wheels start
// when most of the WebAssembly is in, and its response stays whole for Pyodide.
import assert from "node:assert/strict";
import { test } from "node:test";

import { whenMostIn } from "../../docs/assets/js/runtime/early-fetch.js";

// A response whose body arrives in `parts` chunks of `size` bytes, one per push().
function arriving(parts, size) {
  let controller;
  const body = new ReadableStream({ start: (c) => (controller = c) }, { highWaterMark: 0 });
  let sent = 0;
  return {
    response: new Response(body, { headers: { "Content-Type": "application/wasm" } }),
    push() {
      controller.enqueue(new Uint8Array(size).fill(++sent));
      if (sent === parts) controller.close();
    },
    fail: () => controller.error(new Error("connection lost")),
  };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 5));
const settledYet = async (promise) => {
  let settled = false;
  promise.then(() => (settled = true));
  await turn();
  return settled;
};

test("resolves once the share of the bytes has arrived, not before", async () => {
  const link = arriving(10, 100);
  const most = whenMostIn(link.response, 1000, 0.8);
  for (let i = 0; i < 7; i++) {
    link.push();
    assert.equal(await settledYet(most), false, `resolved after ${i + 1} of 10 parts`);
  }
  link.push();
  assert.equal(await settledYet(most), true, "not resolved after 8 of 10 parts");
  link.push();
  link.push();
  // the response itself is untouched: every byte is still there for its reader
  const bytes = new Uint8Array(await link.response.arrayBuffer());
  assert.equal(bytes.length, 1000);
  assert.equal(bytes[0], 1);
  assert.equal(bytes[999], 10);
});

test("resolves when the body ends short of the share, or fails", async () => {
  const short = arriving(2, 100);
  const ended = whenMostIn(short.response, 1000, 0.8);
  short.push();
  short.push();
  assert.equal(await settledYet(ended), true);

  const broken = arriving(10, 100);
  const failed = whenMostIn(broken.response, 1000, 0.8);
  broken.push();
  broken.fail();
  assert.equal(await settledYet(failed), true);
  await assert.rejects(broken.response.arrayBuffer());
});

test("resolves at once without a size, or for an error status", async () => {
  assert.equal(await settledYet(whenMostIn(arriving(10, 100).response, 0, 0.8)), true);
  assert.equal(await settledYet(whenMostIn(arriving(10, 100).response, Number.NaN, 0.8)), true);
  const missing = new Response("not found", { status: 404 });
  assert.equal(await settledYet(whenMostIn(missing, 1000, 0.8)), true);
  assert.equal(await missing.text(), "not found");
});
