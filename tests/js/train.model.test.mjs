// The model of "Train the digit network": the network the values describe, and the words
// for a run, an epoch, a stop, the misread gallery and one image, on reports shaped as
// pylib's train, misread and inspect give them.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  aboutRun,
  epochCells,
  epochStatus,
  filterOptions,
  gallerySummary,
  miniBatchTooLarge,
  networkSizes,
  parameters,
  startStatus,
  stepStatus,
  stoppedStatus,
  thumbLabel,
  verdict,
} from "../../docs/assets/js/demos/train.model.js";

test("the network the reader describes, and its weights and biases", () => {
  assert.deepEqual(networkSizes([16, 16]), [784, 16, 16, 10]);
  assert.deepEqual(networkSizes([]), [784, 10]);
  assert.equal(parameters(networkSizes([16, 16])), 13002); // the course's network
  assert.equal(parameters(networkSizes([30])), 23860);
  assert.equal(parameters(networkSizes([])), 7850);
});

test("a mini-batch can't be larger than the training set", () => {
  assert.equal(miniBatchTooLarge({ mini_batch_size: 10, train_size: 4000 }), "");
  assert.equal(miniBatchTooLarge({ mini_batch_size: 100, train_size: 100 }), "");
  assert.equal(
    miniBatchTooLarge({ mini_batch_size: 500, train_size: 200 }),
    "Mini-batch size m must be at most the number of training images (200).",
  );
});

test("the run in words, before and while it runs", () => {
  const values = { hidden_sizes: [16, 16], train_size: 4000 };
  assert.equal(aboutRun(values), "a 784-16-16-10 network (13,002 weights and biases) on 4,000 images");
  assert.equal(
    aboutRun({ hidden_sizes: [], train_size: 100 }, 12),
    "a 784-10 network (7,850 weights and biases) on 100 images and 12 of your digits",
  );
  assert.equal(startStatus("a network", true), "Training a network…");
  assert.equal(startStatus("a network", false), "Waiting for the Python runtime, then training a network…");
  assert.equal(
    stepStatus({ epoch: 2, epochs: 10, step_in_epoch: 40, steps_per_epoch: 400 }),
    "Epoch 2 of 10: step 40 of 400…",
  );
});

test("an epoch's row and status; a cost too large to measure", () => {
  const report = {
    epoch: 3,
    epochs: 10,
    cost: 0.123456,
    train_accuracy: 0.9,
    test_accuracy: 0.875,
    seconds: 2.25,
  };
  assert.deepEqual(epochCells(report), ["3", "0.1235", "90.0%", "87.5%"]);
  assert.equal(
    epochStatus(report),
    "Epoch 3 of 10: cost 0.1235, held-out accuracy 87.5% (2.3 s of training).",
  );
  const runaway = { ...report, cost: null };
  assert.equal(epochCells(runaway)[1], "—");
  assert.match(epochStatus(runaway), /cost too large to measure,/);
});

test("a stop says whether the network is kept", () => {
  assert.equal(stoppedStatus(1, false), "Stopped after 1 epoch. The network keeps what it learned so far.");
  assert.equal(stoppedStatus(0, false), "Stopped after 0 epochs. ");
  assert.match(
    stoppedStatus(3, true),
    /^Stopped after 3 epochs\. To stop at once the runtime was restarted, so the network trained so far is gone/,
  );
});

test("the misread gallery: its filter and its words", () => {
  const result = {
    total: 120,
    test_images: 1000,
    by_digit: [3, 0, 20, 15, 10, 12, 9, 14, 21, 16],
    matching: 120,
    offset: 0,
    items: Array.from({ length: 40 }, (_, i) => ({ index: i, label: 7, guess: 1 })),
    digit: null,
  };
  const options = filterOptions(result);
  assert.equal(options.length, 11);
  assert.deepEqual(options[0], { value: "", text: "every digit (120)", disabled: false });
  assert.deepEqual(options[2], { value: "1", text: "1s (0)", disabled: true });
  assert.equal(
    gallerySummary(result),
    "It misreads 120 of the 1,000 held-out digits (it reads 880 correctly). Showing 40 of the 120 it gets wrong; click one to look at it above.",
  );
  assert.match(
    gallerySummary({ ...result, matching: 21, offset: 0, items: result.items.slice(0, 21), digit: 8 }),
    /Showing 21 of the 21 8s it gets wrong/,
  );
  assert.equal(gallerySummary({ ...result, total: 0 }), "It reads all 1,000 held-out digits correctly.");
  assert.equal(thumbLabel({ index: 42, label: 7, guess: 1 }), "Held-out image 42: a 7, read as 1");
});

test("the answer for one held-out image", () => {
  assert.deepEqual(verdict({ guess: 3, label: 3 }), {
    text: "The network answers 3; the image is a 3. Right.",
    right: true,
  });
  assert.deepEqual(verdict({ guess: 5, label: 3 }), {
    text: "The network answers 5; the image is a 3. Wrong.",
    right: false,
  });
});
