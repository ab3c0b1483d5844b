// The model of "Train the digit network" (lesson 7): the network a reader's values
// describe, and the words and numbers the demo shows for a run, an epoch, a stop, the
// gallery of misread digits and one held-out image. Plain JavaScript, no DOM: the view
// (train.js) runs pylib's train, misread and inspect in the page's worker and draws;
// Node runs the tests (tests/js/train.model.test.mjs).
import { count, percent } from "../format.js";

// The layer sizes of the network the reader describes: 784 pixels, the hidden layers, 10 outputs.
export const networkSizes = (hiddenSizes) => [784, ...hiddenSizes, 10];

// Weights and biases of a 784-…-10 network: one weight per link, one bias per non-input neuron.
export function parameters(sizes) {
  let total = 0;
  for (let l = 1; l < sizes.length; l++) total += sizes[l - 1] * sizes[l] + sizes[l];
  return total;
}

// The values checked together (each was checked alone by its field): the message for the
// mini-batch size field, or "" if they fit.
export const miniBatchTooLarge = (values) =>
  values.mini_batch_size > values.train_size
    ? `Mini-batch size m must be at most the number of training images (${count(values.train_size)}).`
    : "";

// The run in words: "a 784-16-16-10 network (13,002 weights and biases) on 4,000 images".
export function aboutRun(values, yourDigits = 0) {
  const sizes = networkSizes(values.hidden_sizes);
  return `a ${sizes.join("-")} network (${count(parameters(sizes))} weights and biases) on ${count(values.train_size)} images${yourDigits ? ` and ${count(yourDigits)} of your digits` : ""}`;
}

export const startStatus = (about, ready) =>
  ready ? `Training ${about}…` : `Waiting for the Python runtime, then training ${about}…`;

// A step's report: where the run is within its epoch.
export const stepStatus = (report) =>
  `Epoch ${report.epoch} of ${report.epochs}: step ${report.step_in_epoch} of ${report.steps_per_epoch}…`;

// An epoch's report: its row of the table, and the status line.
export const epochCells = (report) => [
  String(report.epoch),
  report.cost == null ? "—" : report.cost.toFixed(4),
  percent(report.train_accuracy),
  percent(report.test_accuracy),
];
export function epochStatus(report) {
  const cost = report.cost == null ? "too large to measure" : report.cost.toFixed(4);
  return `Epoch ${report.epoch} of ${report.epochs}: cost ${cost}, held-out accuracy ${percent(report.test_accuracy)} (${report.seconds.toFixed(1)} s of training).`;
}

// A stopped run: whether the network trained so far is kept, in words.
export function stoppedStatus(epochsDone, restarted) {
  const epochs = `${epochsDone} epoch${epochsDone === 1 ? "" : "s"}`;
  if (restarted)
    return (
      `Stopped after ${epochs}. To stop at once the runtime was restarted, ` +
      "so the network trained so far is gone: press Train to start again."
    );
  return `Stopped after ${epochs}. ${epochsDone ? "The network keeps what it learned so far." : ""}`;
}

// The gallery's digit filter: every digit, then each digit with how many it misreads.
export const filterOptions = (result) => [
  { value: "", text: `every digit (${result.total})`, disabled: false },
  ...result.by_digit.map((n, d) => ({ value: String(d), text: `${d}s (${n})`, disabled: n === 0 })),
];

// The gallery in words, for an answer of pylib's misread.
export function gallerySummary(result) {
  if (result.total === 0) return `It reads all ${count(result.test_images)} held-out digits correctly.`;
  const right = result.test_images - result.total;
  return (
    `It misreads ${count(result.total)} of the ${count(result.test_images)} held-out digits (it reads ${count(right)} correctly). ` +
    `Showing ${count(Math.min(result.matching, result.offset + result.items.length))} of the ${count(result.matching)}` +
    `${result.digit == null ? "" : ` ${result.digit}s`} it gets wrong; click one to look at it above.`
  );
}

export const thumbLabel = (item) => `Held-out image ${item.index}: a ${item.label}, read as ${item.guess}`;

// The network's answer for one held-out image (an answer of pylib's inspect).
export function verdict(result) {
  const right = result.guess === result.label;
  return {
    text: `The network answers ${result.guess}; the image is a ${result.label}. ${right ? "Right." : "Wrong."}`,
    right,
  };
}
