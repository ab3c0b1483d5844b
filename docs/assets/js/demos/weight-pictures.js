// "Weight pictures" (lesson 2): each first-hidden-layer neuron's 784 incoming weights,
// laid out as the 28 × 28 image they read, on a diverging colour scale; the trained
// weights or the random ones training started from. Choose a neuron (click, or the arrow
// keys: the 16 pictures are one group with one tab stop) to see it larger, with its
// number, its bias and a read-out of each weight.
import { DemoShell } from "../demo-kit/shell.js";
import { h } from "../dom.js";
import { weightsChoice } from "../demo-kit/image-picker.js";
import { drawHeatmap, HeatLegend, onSchemeChange, readPalette } from "../lib/heatmap.js";
import { rovingFocus } from "../lib/roving.js";
import { fixed } from "../format.js";

const NEURONS = 16;

export function mount(root) {
  const shell = new DemoShell(root);
  const cache = {}; // "shipped" / "random" → the answer, fetched once each
  let current = null; // the answer on show
  let selected = 0; // the neuron shown large (0-based; the page numbers them from 1)
  let requested = false; // whether anything was asked for yet

  const choice = weightsChoice(shell, (value) => load(value), { yours: "default" });

  // ------------------------------------------------------------ the 16 small pictures
  const tiles = [];
  const gallery = h("div", {
    class: "weight-pictures__gallery",
    role: "radiogroup",
    "aria-label": "The 16 neurons of hidden layer 1 (arrow keys move between them)",
  });
  for (let j = 0; j < NEURONS; j++) {
    const canvas = h("canvas", {
      class: "weight-pictures__canvas",
      width: 28,
      height: 28,
      "aria-hidden": "true",
    });
    const button = h(
      "button",
      {
        type: "button",
        class: "weight-pictures__tile",
        role: "radio",
        "aria-checked": String(j === selected),
        "aria-label": `Neuron ${j + 1}`,
        onclick: () => select(j),
      },
      canvas,
      h("span", { class: "weight-pictures__number", text: String(j + 1) }),
    );
    tiles.push({ button, canvas });
    gallery.append(button);
  }
  const roving = rovingFocus(gallery, {
    items: () => tiles.map((t) => t.button),
    onMove: (_, j) => select(j),
  });

  // ------------------------------------------------------------ the enlarged one
  const big = h("canvas", {
    class: "weight-pictures__big",
    width: 28,
    height: 28,
    role: "img",
    "aria-label": "One neuron's 784 incoming weights, enlarged (pick a neuron)",
  });
  const bigTitle = h("p", { class: "weight-pictures__title", "aria-live": "polite" });
  const bigFacts = h("p", { class: "weight-pictures__facts" });
  const readout = h("p", { class: "weight-pictures__readout", "aria-hidden": "true" });
  const legendBox = h("div", { class: "weight-pictures__legend" });
  const legend = new HeatLegend(legendBox, {
    negative: "negative: ink there turns the neuron down",
    positive: "positive: ink there turns it up",
  });
  const note = h("p", { class: "weight-pictures__note" });
  shell.output.append(
    h(
      "div",
      { class: "weight-pictures" },
      h("div", { class: "weight-pictures__left" }, gallery, legendBox),
      h("figure", { class: "weight-pictures__zoom" }, bigTitle, big, readout, bigFacts),
    ),
    note,
  );

  let palette = readPalette(root);

  function drawAll() {
    if (!current) return;
    palette = readPalette(root);
    current.weights.forEach((row, j) => drawHeatmap(tiles[j].canvas, row, current.scale, palette));
    drawBig();
  }

  function drawBig() {
    const row = current.weights[selected];
    drawHeatmap(big, row, current.scale, palette);
    let hi = 0,
      lo = 0;
    row.forEach((w, i) => {
      if (w > row[hi]) hi = i;
      if (w < row[lo]) lo = i;
    });
    const where = (i) => `row ${Math.floor(i / 28) + 1}, column ${(i % 28) + 1}`;
    const kind = { shipped: "trained", random: "random", yours: "your network's" }[current.network];
    bigTitle.textContent = `Neuron ${selected + 1} of hidden layer 1`;
    bigFacts.textContent = `Its 784 ${kind} incoming weights run from ${fixed(row[lo], 2)} (${where(lo)}) to ${fixed(row[hi], 2)} (${where(hi)}); its bias is ${fixed(current.biases[selected], 2)}.`;
    big.setAttribute(
      "aria-label",
      `Neuron ${selected + 1}'s 784 ${kind} incoming weights as a 28 by 28 picture: orange where negative, blue where positive. ${bigFacts.textContent}`,
    );
    tiles.forEach(({ button }, j) => button.setAttribute("aria-checked", String(j === selected)));
    root.dataset.selected = String(selected + 1);
  }

  function select(j) {
    selected = j;
    roving.set(j);
    if (current) drawBig();
    else if (!requested) load(choice.value);
  }

  function show(answer) {
    current = answer;
    legend.set(answer.scale, answer.scale < 0.1 ? 3 : 2);
    note.textContent =
      answer.network === "yours"
        ? `Your network's weights. Full colour means a weight of ${fixed(answer.scale, 2)} or more either way; the largest is ${fixed(answer.largest, 2)}.`
        : answer.network === "shipped"
          ? `Trained weights. Full colour means a weight of ${fixed(answer.scale, 2)} or more either way (99 in 100 weights are smaller); the largest is ${fixed(answer.largest, 2)}.`
          : `Random weights, as training started (seed 0): no pattern yet. Full colour means ${fixed(answer.scale, 3)} or more either way; they are much smaller than the trained ones.`;
    drawAll();
    root.dataset.network = answer.network;
    if (started && !root.dataset.firstResultSeconds)
      root.dataset.firstResultSeconds = ((performance.now() - started) / 1000).toFixed(3);
    shell.setStatus("");
  }

  let started = 0;
  const ask = shell.asker("weight_pictures", {
    doing: "read the weights",
    busy: "Reading the weights…",
    onResult: (answer, which) => {
      cache[which] = answer;
      if (choice.value === which) show(answer);
    },
  });

  function load(which) {
    if (cache[which] && which !== "yours") {
      // yours may have been replaced since
      show(cache[which]);
      return;
    }
    requested = true;
    if (!started) started = performance.now();
    ask({ weights: which }, which);
  }

  // Hovering over the large picture reads out one weight.
  big.addEventListener("pointermove", (event) => {
    if (!current) return;
    const box = big.getBoundingClientRect();
    const column = Math.min(27, Math.max(0, Math.floor(((event.clientX - box.left) / box.width) * 28)));
    const row = Math.min(27, Math.max(0, Math.floor(((event.clientY - box.top) / box.height) * 28)));
    readout.textContent = `Row ${row + 1}, column ${column + 1}: weight ${fixed(current.weights[selected][row * 28 + column], 3)}`;
  });
  big.addEventListener("pointerleave", () => {
    readout.textContent = "";
  });

  bigTitle.textContent = `Neuron ${selected + 1} of hidden layer 1`;
  shell.cleanups.push(onSchemeChange(drawAll));
  shell.cleanups.push(
    shell.runtime.onStatus((state) => {
      if (state === "ready" && !requested) load(choice.value);
    }),
  );
  return () => shell.destroy();
}
