// "What does this image want?" (lesson 5). One held-out image through the network:
// an arrow on each output for its desire (up for the right digit, down for the
// others; its size is |(y − a)·σ′(z)|, the δ of lesson 6 with its sign flipped).
// Clicking an output (or Enter/Space on it) shows its three levers: its bias, its
// incoming weights (∝ the activation each carries) and the previous layer's
// activations (∝ their weights). "Propagate" passes the desires one layer back, then
// another. All numbers come from pylib (image_wants) in the page's Python worker.
// The outline of the network is there from the start; held-out image 0 and its desires
// fill it as soon as the runtime is ready, with no button to press. On a narrow screen
// the diagram is drawn taller, so every neuron a finger can pick is 44 px high.
// Hidden neurons are numbered from 1 (a₁ … a₁₆, as the lessons write them), outputs by
// their digit. The words and numbers for an answer are the model's
// (what-image-wants.model.js, no DOM); this view asks, draws and wires.
import { DemoShell } from "../demo-kit/shell.js";
import { h, svg } from "../dom.js";
import { digitCanvas, drawDigit } from "../lib/digit.js";
import { keepLegible } from "../lib/legible.js";
import { onWidthChange } from "../lib/landscape-plot.js";
import { ImagePicker, WEIGHTS_WORDS } from "../demo-kit/image-picker.js";
import { offerInSelect } from "../your-network/choice.js";
import { explainError } from "../demo-kit/errors.js";
import {
  LAST_STAGE,
  NARROW,
  WIDE,
  aboutText,
  arrowColumns,
  arrowShape,
  arrowWords,
  barsLayout,
  chosenLinks,
  clickable as canPick,
  describeDiagram,
  hitRect,
  keptSelection,
  keyMove,
  layerSize,
  layoutFor,
  leverWords,
  linksPath,
  neuronAt,
  neuronLabel,
  outputRows,
  radiusOf,
  stageWords,
  toggleSelection,
} from "./what-image-wants.model.js";

export function mount(root) {
  const shell = new DemoShell(root);

  // ---------------------------------------------------------------- controls
  const picker = new ImagePicker(shell, shell.controls, () => load());
  const index = picker.field;
  const network = shell.select({
    label: "Weights",
    name: "network",
    first: true,
    options: ["partly", "shipped"].map((value) => [value, WEIGHTS_WORDS[value]]),
  });
  shell.controls.append(
    h(
      "div",
      { class: "demo__buttons" },
      shell.button("Show", () => load(), { primary: true }),
    ),
  );

  // ---------------------------------------------------------------- output
  const canvas = digitCanvas("Held-out image 0, not loaded yet", "digit what-image-wants__digit");
  const about = h("p", {
    class: "what-image-wants__about",
    "aria-live": "polite",
    text: "Held-out image 0 and what it wants appear here once the Python runtime has loaded.",
  });
  const picture = h("div", { class: "what-image-wants__picture" }, canvas, about);
  const diagram = keepLegible(
    svg("svg", {
      viewBox: `0 0 ${WIDE.width} ${WIDE.height}`,
      class: "what-image-wants__diagram",
      role: "group",
      "aria-label": "The network: hidden layer 1, hidden layer 2 and the ten outputs, not loaded yet",
    }),
  );
  const layers = {
    links: svg("g", { class: "what-image-wants__links" }),
    neurons: svg("g"),
    arrows: svg("g", { class: "what-image-wants__arrows" }),
  };
  diagram.append(layers.links, layers.neurons, layers.arrows);
  const propagateButton = shell.button("Propagate", () => propagate(), { disabled: true });
  const clearButton = shell.button("Outputs only", () => setStage(0, { keepSelection: true }), {
    disabled: true,
  });
  const stageNote = h("p", { class: "what-image-wants__stage", "aria-live": "polite" });
  const levers = h("section", { class: "what-image-wants__levers", "aria-live": "polite", hidden: true });
  const outputsBody = h("tbody");
  const numbers = h(
    "details",
    { class: "demo__numbers" },
    h("summary", { text: "The numbers" }),
    h(
      "div",
      { class: "demo__table-wrap" },
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Output", "Activation a", "Target y", "y − a", "σ′(z)", "Desire (y − a)·σ′(z)"].map((t) =>
              h("th", { scope: "col", text: t }),
            ),
          ),
        ),
        outputsBody,
      ),
    ),
  );
  const figure = h(
    "div",
    { class: "what-image-wants__figure" },
    picture,
    h(
      "div",
      { class: "what-image-wants__network" },
      h(
        "p",
        { class: "what-image-wants__legend" },
        h("span", { class: "what-image-wants__key what-image-wants__key--up", text: "▲ wants up" }),
        " ",
        h("span", { class: "what-image-wants__key what-image-wants__key--down", text: "▼ wants down" }),
        " ",
        h("span", {
          class: "what-image-wants__key-note",
          text: "Arrow lengths compare desires within one layer. The more a circle is filled in, the more active its neuron.",
        }),
      ),
      diagram,
    ),
  );
  const live = h(
    "div",
    { class: "what-image-wants__live" },
    figure,
    h("div", { class: "demo__buttons what-image-wants__propagate" }, propagateButton, clearButton),
    stageNote,
    levers,
    numbers,
  );
  shell.output.append(live);

  // ---------------------------------------------------------------- state
  let answer = null;
  let stage = 0; // 0: outputs' desires; 1: and hidden layer 2; 2: and hidden layer 1
  let selected = null; // {layer, j} whose levers are shown
  let destroyed = false;
  let started = false;
  const focusables = { 3: [], 2: [] };

  const request = shell.askLatest("image_wants");

  async function load() {
    started = true;
    const read = index.read();
    if (!read.ok) {
      shell.setStatus("Fix the highlighted value to show an image.", "error");
      return;
    }
    shell.waitForRuntime("Running the image through the network…");
    try {
      const result = await request({ index: read.value, network: network.value });
      if (destroyed) return;
      answer = result;
      show();
    } catch (error) {
      if (!answer) started = false; // try again when the runtime is ready
      explainError(shell, error, { again: "press Show again" });
    }
  }

  network.addEventListener("change", () => load());
  shell.cleanups.push(offerInSelect(network, () => load(), { needsDefault: true }));

  function show() {
    drawDigit(canvas, answer.pixels);
    canvas.setAttribute("aria-label", `Held-out image ${answer.index}, a handwritten ${answer.label}`);
    about.textContent = aboutText(answer);
    outputsBody.replaceChildren(
      ...outputRows(answer).map((cells, j) =>
        h(
          "tr",
          { "data-output": j },
          cells.map((t) => h("td", { text: t })),
        ),
      ),
    );
    shell.setStatus(stageWords(answer, 0).status, "done");
    numbers.hidden = false;
    root.dataset.index = String(answer.index);
    root.dataset.loaded = String(Number(root.dataset.loaded || 0) + 1);
    propagateButton.disabled = false;
    setStage(0, { keepSelection: selected && selected.layer === 3 });
  }

  function setStage(next, { keepSelection = false } = {}) {
    stage = next;
    selected = keptSelection(selected, stage, keepSelection);
    propagateButton.disabled = !answer || stage >= LAST_STAGE;
    clearButton.disabled = !answer || stage === 0;
    const words = stageWords(answer ?? {}, stage);
    propagateButton.textContent = words.button;
    root.dataset.stage = String(stage);
    if (answer) shell.setStatus(words.status, "done");
    stageNote.textContent = words.note;
    draw();
    showLevers();
  }
  function propagate() {
    if (!answer || stage >= LAST_STAGE) return;
    setStage(stage + 1, { keepSelection: true });
  }

  // ---------------------------------------------------------------- the diagram
  let geo = WIDE;

  function chooseLayout() {
    geo = layoutFor(
      diagram.getBoundingClientRect().width || diagram.parentElement.getBoundingClientRect().width,
    );
    diagram.setAttribute("viewBox", `0 0 ${geo.width} ${geo.height}`);
    root.dataset.layout = geo === NARROW ? "narrow" : "wide";
  }

  function draw() {
    for (const g of Object.values(layers)) g.replaceChildren();
    focusables[3] = [];
    focusables[2] = [];
    chooseLayout();
    const COLUMN = geo.column;
    const activations = answer
      ? { 1: answer.layers[0].activations, 2: answer.layers[1].activations, 3: answer.outputs }
      : null;

    // faint links between the layers; strong ones for the selected neuron's weights
    const faint = svg("g", { class: "what-image-wants__faint" });
    faint.append(svg("path", { d: linksPath(geo) }));
    layers.links.append(faint);
    if (answer && selected)
      for (const { up, width, ...ends } of chosenLinks(answer, selected, geo))
        layers.links.append(
          svg("line", {
            class: `what-image-wants__link ${up ? "what-image-wants__link--up" : "what-image-wants__link--down"}`,
            ...ends,
            "stroke-width": width,
          }),
        );

    // the neurons, shaded by activation (filled in as far as they are active)
    for (const layer of [1, 2, 3]) {
      const count = layerSize(layer);
      const r = radiusOf(geo, layer);
      layers.neurons.append(
        svg(
          "text",
          {
            class: "what-image-wants__layer-label",
            x: COLUMN[layer],
            y: geo.top - 10,
            "text-anchor": "middle",
          },
          layer === 3 ? "outputs" : `layer ${layer}`,
        ),
      );
      for (let j = 0; j < count; j++) {
        const { y } = neuronAt(geo, layer, j);
        const a = activations ? activations[layer][j] : 0;
        const clickable = canPick(answer, stage, layer);
        const group = svg("g", {
          class: `what-image-wants__neuron${clickable ? " what-image-wants__neuron--button" : ""}${selected && selected.layer === layer && selected.j === j ? " what-image-wants__neuron--selected" : ""}`,
        });
        if (clickable) {
          group.setAttribute("role", "button");
          group.setAttribute("tabindex", "0");
          group.setAttribute(
            "aria-pressed",
            String(Boolean(selected && selected.layer === layer && selected.j === j)),
          );
          group.setAttribute("aria-label", neuronLabel(answer, layer, j, a));
          group.dataset.layer = String(layer);
          group.dataset.neuron = String(j);
          group.addEventListener("click", () => select(layer, j));
          group.addEventListener("keydown", (event) => onKey(event, layer, j));
          focusables[layer][j] = group;
          // a generous target to click: the neuron's whole slot in its column
          group.append(svg("rect", { class: "what-image-wants__hit", ...hitRect(geo, layer, j), rx: 6 }));
        }
        group.append(svg("circle", { class: "what-image-wants__circle", cx: COLUMN[layer], cy: y, r }));
        group.append(
          svg("circle", {
            class: "what-image-wants__fill",
            cx: COLUMN[layer],
            cy: y,
            r,
            "fill-opacity": Math.min(1, Math.max(0, a)).toFixed(3),
          }),
        );
        layers.neurons.append(group);
        // An output's digit and value are drawn beside its button, not in it: the button's
        // name already says both (neuronLabel), so they are hidden from assistive technology
        // and let clicks through to the button beneath.
        if (layer === 3) {
          layers.neurons.append(
            svg(
              "text",
              {
                class: `what-image-wants__digit-label${answer && j === answer.label ? " what-image-wants__digit-label--target" : ""}`,
                x: COLUMN[3] + r + 8,
                y: y + 5,
                "aria-hidden": "true",
                "pointer-events": "none",
              },
              String(j),
            ),
          );
          if (activations && geo.words)
            layers.neurons.append(
              svg(
                "text",
                {
                  class: "what-image-wants__value",
                  x: COLUMN[3] + r + 26,
                  y: y + 5,
                  "aria-hidden": "true",
                  "pointer-events": "none",
                },
                a.toFixed(2),
              ),
            );
        }
      }
    }
    if (!answer) return;

    // the arrows: outputs always, hidden layers as the desires are passed back
    for (const column of arrowColumns(geo, stage)) drawArrows(...column);
    diagram.setAttribute("aria-label", describeDiagram(answer, stage));
  }

  function drawArrows(layer, x, half, words) {
    const desires = answer.layers[layer - 1].desires;
    const largest = Math.max(...desires.map(Math.abs)) || 1;
    desires.forEach((desire, j) => {
      const { y } = neuronAt(geo, layer, j);
      const g = svg("g", {
        class: `what-image-wants__arrow ${desire > 0 ? "what-image-wants__arrow--up" : "what-image-wants__arrow--down"}`,
        "data-layer": layer,
        "data-neuron": j,
      });
      const shape = arrowShape(desire, largest, x, y, half);
      if (shape.dot) g.append(svg("circle", shape.dot));
      else g.append(svg("line", shape.shaft), svg("path", { d: shape.head }));
      if (words) g.append(svg("text", { x: x + 11, y: y + 5 }, arrowWords(desire)));
      layers.arrows.append(g);
    });
  }

  function onKey(event, layer, j) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select(layer, j);
      return;
    }
    const next = keyMove(event.key, j, layerSize(layer));
    if (next === null) return;
    event.preventDefault();
    focusables[layer][next]?.focus();
  }

  function select(layer, j) {
    selected = toggleSelection(selected, layer, j);
    draw();
    showLevers();
    if (selected) focusables[layer][j]?.focus();
  }

  // ---------------------------------------------------------------- the three levers
  function showLevers() {
    levers.replaceChildren();
    root.dataset.selected = selected ? `${selected.layer}:${selected.j}` : "";
    if (!answer || !selected) {
      levers.hidden = true;
      return;
    }
    levers.hidden = false;
    const words = leverWords(answer, selected);
    const prevName = words.prevName;

    levers.append(
      h("h4", { text: words.title }),
      h("p", { class: "what-image-wants__why", text: words.why }),
      h(
        "div",
        { class: "what-image-wants__lever-grid" },
        h(
          "div",
          { class: "what-image-wants__lever what-image-wants__lever--bias", "data-lever": "bias" },
          h("h5", { text: "1. Its bias" }),
          h("p", { text: words.bias }),
        ),
        h(
          "div",
          { class: "what-image-wants__lever", "data-lever": "weights" },
          h("h5", { text: `2. Its 16 incoming weights` }),
          h("p", { text: words.weights }),
          signedBars(words.weightsLever, {
            shades: words.shades,
            label: `The weight levers from ${prevName}, by neuron`,
          }),
          h("p", {
            class: "what-image-wants__caption",
            text: `Bars: the change each weight wants, by neuron of ${prevName}. Squares: that neuron's activation, shaded like its circle in the network above.`,
          }),
        ),
        h(
          "div",
          { class: "what-image-wants__lever", "data-lever": "activations" },
          h("h5", { text: `3. The activations of ${prevName}` }),
          h("p", { text: words.activations }),
          signedBars(words.activationLever, {
            label: `The desired changes of ${prevName}'s activations, by neuron`,
          }),
          h("p", {
            class: "what-image-wants__caption",
            text: `Bars: the change each activation of ${prevName} would need, by neuron.`,
          }),
        ),
      ),
    );
  }

  // A small bar chart of signed values (up in blue, down in orange), one per neuron,
  // with an optional row of squares shaded by activation under the bars.
  function signedBars(values, { shades = null, label = "" } = {}) {
    const chart = barsLayout(values, { shades, label });
    const { width, height, half, barWidth } = chart;
    const picture = keepLegible(
      svg("svg", {
        viewBox: `0 0 ${width} ${height}`,
        class: "what-image-wants__bars",
        role: "img",
        "aria-label": chart.label,
      }),
    );
    picture.append(svg("line", { class: "what-image-wants__axis", x1: 0, x2: width, y1: half, y2: half }));
    chart.bars.forEach((bar, k) => {
      const { x } = bar;
      picture.append(
        svg("rect", {
          class: bar.up ? "what-image-wants__bar--up" : "what-image-wants__bar--down",
          x,
          width: barWidth,
          y: bar.y,
          height: bar.height,
        }),
      );
      if (shades)
        picture.append(
          svg("rect", {
            class: "what-image-wants__shade",
            x,
            y: 2 * half + 4,
            width: barWidth,
            height: barWidth,
            "fill-opacity": Math.min(1, Math.max(0, shades[k])).toFixed(3),
          }),
        );
      picture.append(svg("text", { x: x + barWidth / 2, y: height - 3, "text-anchor": "middle" }, bar.name));
    });
    return picture;
  }

  // The outline at once; the first image as soon as the runtime is ready (prefetched when
  // the demo scrolls into view). Redrawn when the width calls for the other layout.
  numbers.hidden = true;
  draw();
  const unsubscribe = shell.runtime.onStatus((state) => {
    if (state === "ready" && !started && !destroyed) load();
  });
  shell.cleanups.push(unsubscribe);
  shell.cleanups.push(
    onWidthChange(figure, () => {
      const focused =
        document.activeElement && document.activeElement.closest(".what-image-wants__neuron--button");
      draw();
      if (focused) focusables[Number(focused.dataset.layer)]?.[Number(focused.dataset.neuron)]?.focus();
    }),
  );

  return () => {
    destroyed = true;
    shell.destroy();
  };
}
