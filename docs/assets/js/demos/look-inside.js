// "Look inside" (lesson 1): one image through the digit network, layer by layer.
// Pick a held-out image or draw on the pad (with a pointer, or with the keyboard: the
// arrow keys move a pen, Space puts it down or lifts it); see the 784 inputs as the
// network sees them, the 16 + 16 hidden activations, the ten outputs and the guess,
// updating as you draw. The guess is announced once a stroke ends, not at every move.
// The drawing is fitted and centred in Python (pylib.drawing), as MNIST's were.
import { DemoShell } from "../demo-kit/shell.js";
import { h, uniqueId } from "../dom.js";
import { OutputBars } from "../lib/digit.js";
import { ImagePicker, weightsChoice } from "../demo-kit/image-picker.js";
import { keepDrawingControls } from "../your-network/keep-drawing.js";

import {
  cellShade,
  BRUSH,
  GRID,
  HIDDEN,
  PAD,
  PEN_STEP,
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
} from "./look-inside.model.js";

export function mount(root) {
  const shell = new DemoShell(root);
  let source = "held-out"; // or "drawing"
  let interacted = false;

  // ------------------------------------------------------------ controls
  const picker = new ImagePicker(
    shell,
    shell.controls,
    () => {
      source = "held-out";
      show();
    },
    {},
  );
  const weights = weightsChoice(shell, () => update(), { yours: "default" });

  // ------------------------------------------------------------ the stages, left to right
  const stage = h("div", { class: "look-inside__row" }); // what goes in: the pad and the inputs
  const layersRow = h("div", { class: "look-inside__row" }); // what happens: hidden layers, outputs
  shell.output.append(h("div", { class: "look-inside" }, stage, layersRow));

  // The pad: shows the held-out image, or what the reader draws.
  const keysId = uniqueId("look-keys");
  const pad = h("canvas", {
    class: "look-inside__pad",
    width: PAD,
    height: PAD,
    tabindex: 0,
    role: "application",
    "aria-roledescription": "drawing pad",
    "aria-describedby": keysId,
    "aria-label": "Drawing pad. Draw a digit here with a mouse, a finger or a pen.",
  });
  const pen = h("span", { class: "look-inside__pen", hidden: true });
  const padCaption = h("figcaption", { class: "look-inside__caption" });
  const keys = h("p", {
    class: "look-inside__keys",
    id: keysId,
    text: "Keyboard: on the pad, the arrow keys move the pen, Space puts it down or lifts it, Delete clears.",
  });
  const clear = shell.button("Clear", () => clearPad());
  stage.append(
    h(
      "figure",
      { class: "look-inside__stage look-inside__stage--pad" },
      h("div", { class: "look-inside__paper" }, pad, pen),
      padCaption,
      keys,
      h("div", { class: "demo__buttons" }, clear),
    ),
  );
  keepDrawingControls(shell, stage.lastElementChild, () => (source === "drawing" ? lastInputs : null)); // your digits

  // The input grid: the 784 values the network reads.
  const grid = h("canvas", {
    class: "look-inside__grid",
    width: 28 * GRID,
    height: 28 * GRID,
    role: "img",
    "aria-label": "The 784 inputs as the network sees them",
  });
  const gridCaption = h(
    "figcaption",
    { class: "look-inside__caption" },
    h("strong", { text: "784 inputs" }),
    " as the network sees them",
  );
  const gridNote = h("p", { class: "look-inside__note" });
  const readout = h("p", { class: "look-inside__readout", "aria-hidden": "true" });
  stage.append(
    h(
      "figure",
      { class: "look-inside__stage look-inside__stage--grid" },
      grid,
      gridCaption,
      readout,
      gridNote,
    ),
  );

  // The two hidden layers: 16 shaded cells each, the value written inside.
  const layers = [1, 2].map((layer) => {
    const cells = [];
    const box = h("div", {
      class: "look-inside__cells",
      role: "img",
      "aria-label": `Hidden layer ${layer}: 16 activations, shown once the network has run (also in the table of numbers below)`,
    });
    for (let j = 0; j < HIDDEN; j++) {
      const value = h("span", { class: "look-inside__value" });
      const cell = h(
        "span",
        { class: "look-inside__cell" },
        h("span", { class: "look-inside__fill" }),
        value,
      );
      cells.push({ cell, value });
      box.append(cell);
    }
    layersRow.append(
      h(
        "figure",
        { class: "look-inside__stage look-inside__stage--hidden" },
        box,
        h(
          "figcaption",
          { class: "look-inside__caption" },
          h("strong", { text: `Hidden layer ${layer}` }),
          ": 16 activations",
        ),
      ),
    );
    return { layer, cells, box };
  });

  // The outputs and the guess.
  const barsBox = h("div", { class: "look-inside__bars" });
  const guess = h("p", { class: "look-inside__guess" });
  // Said aloud once an answer is final (a stroke ended, an image was picked): not at every move.
  const announce = h("p", { class: "demo__sr", "aria-live": "polite" });
  const verdict = h("p", { class: "look-inside__verdict" });
  layersRow.append(
    h(
      "figure",
      { class: "look-inside__stage look-inside__stage--outputs" },
      barsBox,
      h(
        "figcaption",
        { class: "look-inside__caption" },
        h("strong", { text: "10 outputs" }),
        ", one per digit",
      ),
      guess,
      verdict,
      announce,
    ),
  );
  const bars = new OutputBars(barsBox, { caption: "The ten output activations" });

  // The same numbers as a table, for screen readers and for anyone who wants them.
  const tableBody = h("tbody");
  const outputsBody = h("tbody");
  shell.output.append(
    h(
      "details",
      { class: "demo__numbers" },
      h("summary", { text: "The numbers: every hidden activation and output" }),
      h(
        "div",
        { class: "demo__table-wrap look-inside__tables" },
        h(
          "table",
          { class: "look-inside__table" },
          h("caption", { text: "Hidden activations" }),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Neuron", "Hidden layer 1", "Hidden layer 2"].map((t) => h("th", { scope: "col", text: t })),
            ),
          ),
          tableBody,
        ),
        h(
          "table",
          { class: "look-inside__table" },
          h("caption", { text: "Outputs" }),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Digit", "Output activation"].map((t) => h("th", { scope: "col", text: t })),
            ),
          ),
          outputsBody,
        ),
      ),
    ),
  );

  // ------------------------------------------------------------ asking Python
  const started = { at: 0 };
  const ask = shell.asker("look_inside", {
    doing: "run the network",
    // An answer about a held-out image that arrives after the reader began drawing is stale.
    onResult: (result, final) => {
      if (result.source === source) render(result, final);
    },
  });

  function request() {
    if (!started.at) started.at = performance.now();
    const options = { weights: weights.value };
    if (source === "drawing") options.drawing = { side: PAD, pixels: padPixels() };
    else options.index = picker.index;
    ask(options, !drawing && !penDown);
  }

  function update() {
    interacted = true;
    request();
  }

  function show() {
    interacted = true;
    request();
  }

  // ------------------------------------------------------------ drawing
  const context = pad.getContext("2d", { willReadFrequently: true });
  let drawing = false;
  let last = null;
  let penDown = false; // the keyboard pen
  let penAt = [PAD / 2, PAD / 2];

  function padPoint(event) {
    const box = pad.getBoundingClientRect();
    return [(event.clientX - box.left) * (PAD / box.width), (event.clientY - box.top) * (PAD / box.height)];
  }

  function stroke(from, to) {
    context.strokeStyle = "#000";
    context.fillStyle = "#000";
    context.lineWidth = BRUSH;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.beginPath();
    context.moveTo(...from);
    context.lineTo(...to);
    context.stroke();
  }

  function clearPad() {
    context.clearRect(0, 0, PAD, PAD);
    source = "drawing";
    interacted = true;
    picker.showOther("—");
    padCaption.textContent = "Draw a digit on the pad.";
    root.dataset.source = "drawing";
    delete root.dataset.final;
    clearOutputs("Draw a digit on the pad and the network will answer as you draw.");
  }

  pad.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    if (source !== "drawing") clearPad();
    pad.setPointerCapture(event.pointerId);
    drawing = true;
    last = padPoint(event);
    stroke(last, last);
    padCaption.textContent = "Your drawing";
    update();
  });
  pad.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const point = padPoint(event);
    stroke(last, point);
    last = point;
    update();
  });
  const finish = () => {
    if (drawing) {
      drawing = false;
      update();
    }
  };
  pad.addEventListener("pointerup", finish);
  pad.addEventListener("pointercancel", finish);

  // The keyboard pen: arrows move it (Shift: three pixels at a time), Space puts it down
  // (inking where it stands) or lifts it, Delete or Backspace clears the pad.
  function showPen() {
    pen.hidden = document.activeElement !== pad;
    pen.classList.toggle("look-inside__pen--down", penDown);
    pen.style.left = `${(100 * penAt[0]) / PAD}%`;
    pen.style.top = `${(100 * penAt[1]) / PAD}%`;
  }
  pad.addEventListener("keydown", (event) => {
    const next = movePen(penAt, event.key, event.shiftKey);
    if (next) {
      event.preventDefault();
      if (penDown) {
        stroke(penAt, next);
        update();
      }
      penAt = next;
    } else if (event.key === " ") {
      event.preventDefault();
      penDown = !penDown;
      if (penDown) {
        if (source !== "drawing") clearPad();
        stroke(penAt, penAt);
        padCaption.textContent = "Your drawing";
      }
      update();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      penDown = false;
      clearPad();
    } else return;
    showPen();
  });
  pad.addEventListener("focus", showPen);
  pad.addEventListener("blur", () => {
    if (penDown) {
      penDown = false;
      update();
    }
    showPen();
  });

  // The pad's ink, one value 0–255 a pixel, row by row.
  function padPixels() {
    return inkOf(context.getImageData(0, 0, PAD, PAD).data);
  }

  // A held-out image on the pad, each of its pixels a 4 × 4 block (null: clear it).
  function drawHeldOutOnPad(pixels) {
    context.clearRect(0, 0, PAD, PAD);
    if (!pixels) return;
    for (const { x, y, colour } of padBlocks(pixels)) {
      context.fillStyle = colour;
      context.fillRect(x, y, PEN_STEP, PEN_STEP);
    }
  }

  // ------------------------------------------------------------ showing an answer
  let lastInputs = null;

  function drawGrid(inputs, fitted) {
    grid.width = 28 * GRID;
    grid.height = 28 * GRID;
    const g = grid.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, grid.width, grid.height);
    for (const { x, y, colour } of gridCells(inputs)) {
      g.fillStyle = colour;
      g.fillRect(x, y, GRID, GRID);
    }
    g.strokeStyle = "rgba(0, 0, 0, 0.08)";
    g.lineWidth = 1;
    g.beginPath();
    for (let k = 1; k < 28; k++) {
      g.moveTo(k * GRID + 0.5, 0);
      g.lineTo(k * GRID + 0.5, grid.height);
      g.moveTo(0, k * GRID + 0.5);
      g.lineTo(grid.width, k * GRID + 0.5);
    }
    g.stroke();
    const marks = fittedMarks(fitted);
    if (marks) {
      // The 20 × 20 box the drawing was fitted into, and its centre of mass.
      g.setLineDash([4, 3]);
      g.strokeStyle = "#0072b2";
      g.lineWidth = 2;
      g.strokeRect(...marks.box);
      g.setLineDash([]);
      const { cx, cy } = marks.cross;
      g.strokeStyle = "#d55e00";
      g.beginPath();
      g.moveTo(cx - 7, cy);
      g.lineTo(cx + 7, cy);
      g.moveTo(cx, cy - 7);
      g.lineTo(cx, cy + 7);
      g.stroke();
    }
  }

  function render(result, final = true) {
    root.dataset.calls = String(Number(root.dataset.calls || 0) + 1);
    if (started.at && !root.dataset.firstResultSeconds) {
      root.dataset.firstResultSeconds = ((performance.now() - started.at) / 1000).toFixed(3);
    }
    shell.setStatus("");
    lastInputs = result.inputs;
    drawGrid(result.inputs, result.fitted);
    if (result.source === "held-out") drawHeldOutOnPad(result.inputs);
    const words = inputWords(result);
    if (words.caption != null) padCaption.textContent = words.caption;
    pad.setAttribute("aria-label", words.pad);
    gridNote.textContent = words.note;
    if (result.source !== "held-out") gridNote.dataset.kind = words.warning ? "warning" : "";
    grid.setAttribute("aria-label", words.grid);
    layers.forEach(({ layer, cells, box }, l) => {
      const values = result.hidden[l];
      values.forEach((a, j) => {
        const { cell, value } = cells[j];
        const shade = cellShade(a);
        cell.style.setProperty("--a", shade.light.opacity.toFixed(3));
        cell.style.setProperty("--a-dark", shade.dark.opacity.toFixed(3));
        cell.classList.toggle("look-inside__cell--bright", shade.light.bright);
        cell.classList.toggle("look-inside__cell--bright-dark", shade.dark.bright);
        value.textContent = a.toFixed(2);
        cell.title = cellTitle(layer, j, a);
      });
      box.setAttribute("aria-label", layerLabel(layer, values));
    });
    bars.set(result.outputs, {
      guess: result.guess,
      label: result.source === "held-out" ? result.label : null,
    });
    guess.textContent = `Guess: ${result.guess}`;
    root.dataset.final = String(final);
    guess.dataset.guess = String(result.guess);
    const said = verdictWords(result);
    verdict.textContent = said.text;
    if (said.correct == null) delete verdict.dataset.correct;
    else verdict.dataset.correct = String(said.correct);
    const row = ([name, ...cells]) =>
      h("tr", {}, h("th", { scope: "row", text: name }), ...cells.map((text) => h("td", { text })));
    tableBody.replaceChildren(...hiddenRows(result).map(row));
    outputsBody.replaceChildren(...outputRows(result).map(row));
    if (final) {
      announce.textContent = `${guess.textContent}. ${verdict.textContent}`;
      root.dataset.announced = String(Number(root.dataset.announced || 0) + 1);
    }
    root.dataset.guess = String(result.guess);
    root.dataset.source = result.source;
    root.dataset.weights = result.weights;
  }

  function clearOutputs(message) {
    lastInputs = null;
    drawGrid(new Array(784).fill(0), null);
    gridNote.textContent = "";
    for (const { cells } of layers)
      for (const { cell, value } of cells) {
        cell.style.setProperty("--a", "0");
        cell.style.setProperty("--a-dark", "0");
        cell.classList.remove("look-inside__cell--bright", "look-inside__cell--bright-dark");
        value.textContent = "";
      }
    guess.textContent = "";
    verdict.textContent = message;
  }

  // Hovering over the input grid reads out one input.
  grid.addEventListener("pointermove", (event) => {
    if (!lastInputs) return;
    const box = grid.getBoundingClientRect();
    readout.textContent = readoutText(
      lastInputs,
      (event.clientX - box.left) / box.width,
      (event.clientY - box.top) / box.height,
    );
  });
  grid.addEventListener("pointerleave", () => {
    readout.textContent = "";
  });

  clearOutputs("");
  padCaption.textContent = "Held-out image 0 will appear here. Or draw your own digit.";
  // Show the first image as soon as the runtime is ready (it starts when the demo is in view).
  shell.cleanups.push(
    shell.runtime.onStatus((state) => {
      if (state === "ready" && !interacted) {
        interacted = true;
        request();
      }
    }),
  );

  return () => shell.destroy();
}
