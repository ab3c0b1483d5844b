// "Check the gradient" (lesson 6): pick one weight or bias of a tiny seeded network
// (4 inputs, 3 hidden neurons, 2 outputs, three examples) and a step h; see
// backpropagation's ∂C/∂w beside the central difference (C(w + h) − C(w − h)) / 2h,
// their relative difference, and how that agreement changes with h from 10⁻¹² to 1.
// A neuron number the chosen layer doesn't have is refused beside its field at once, and
// the chart's text alternative describes the whole curve in rounded powers of ten.
// The numbers come from pylib (pylib/pylib/demos/gradient_check.py).
import { DemoShell } from "../demo-kit/shell.js";
import { h, uniqueId, svg } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { parseNumber } from "../demo-kit/validate.js";
import { fixed, powerOfTen, scientific } from "../format.js";
import { LineChart } from "../lib/chart.js";
import { keepLegible } from "../lib/legible.js";
import {
  SIZES,
  START,
  SUB,
  SUP,
  X,
  Y,
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
} from "./gradient-check.model.js";

const RULES = {
  layer: LIMITS.check_layer,
  j: LIMITS.check_neuron,
  k: LIMITS.check_neuron,
  h: LIMITS.check_h,
};

// A number's text with the leading part it shares with another number's text marked.
function markedDigits(text, other) {
  const { same, digits } = sharedStart(text, other);
  return {
    element: h(
      "span",
      { class: "gradient-check__digits" },
      h("mark", { class: "gradient-check__same", text: text.slice(0, same) }),
      text.slice(same),
    ),
    digits,
  };
}

export function mount(root) {
  const shell = new DemoShell(root);

  // ---------------------------------------------------------------- which knob, which h
  const kindName = uniqueId("gc-kind");
  const radios = {};
  const kindBox = h(
    "fieldset",
    { class: "demo__choice" },
    h("legend", { text: "Check the derivative for" }),
    ["weight", "bias"].map((kind) => {
      radios[kind] = h("input", { type: "radio", name: kindName, value: kind, checked: kind === START.kind });
      radios[kind].addEventListener("change", () => {
        showK();
        run();
      });
      return h("label", {}, radios[kind], kind === "weight" ? " a weight" : " a bias");
    }),
  );
  shell.controls.append(kindBox);
  // j and k must exist in their layers: a rule that depends on the layer typed beside them.
  const layerNow = () => parseNumber(fields.layer.input.value, LIMITS.check_layer);
  const within = (name, offset) => (value) => {
    const layer = layerNow();
    if (!layer.ok) return "";
    return neuronOutside(name, offset, layer.value, value);
  };
  const fields = {};
  Object.assign(fields, {
    layer: shell.field({
      label: "Layer l",
      name: "check_layer",
      value: START.layer,
      rule: LIMITS.check_layer,
      hint: "1 or 2",
      width: 3,
    }),
    j: shell.field({
      label: "j, neuron in layer l",
      name: "check_j",
      value: START.j,
      rule: LIMITS.check_neuron,
      hint: "from 1 (top)",
      width: 3,
      check: within("j", 0),
    }),
    k: shell.field({
      label: "k, neuron in layer l − 1",
      name: "check_k",
      value: START.k,
      rule: LIMITS.check_neuron,
      hint: "from 1 (top)",
      width: 3,
      check: within("k", 1),
    }),
    h: shell.field({
      label: "Step h",
      name: "check_h",
      value: "1e-5",
      rule: LIMITS.check_h,
      hint: "10⁻¹² to 1, e.g. 1e-5",
      width: 8,
    }),
  });
  // A new layer can make j or k wrong (or right again): check them again, where shown.
  fields.layer.input.addEventListener("input", () => {
    for (const name of ["j", "k"]) {
      const input = fields[name].input;
      if (input.value.trim() !== "" && !input.closest("[hidden]")) fields[name].read();
    }
  });
  const hSlider = h("input", {
    type: "range",
    class: "demo__slider",
    min: -12,
    max: 0,
    step: 0.5,
    value: -5,
    "aria-label": "h, slider in powers of ten",
    "aria-valuetext": "h = 10 to the power −5",
  });
  fields.h.input.after(hSlider);
  fields.h.input.parentElement.classList.add("demo__field--slider");
  hSlider.addEventListener("input", () => {
    const exponent = hSlider.valueAsNumber;
    fields.h.input.value = hText(exponent);
    hSlider.setAttribute("aria-valuetext", `h = 10 to the power ${exponent}`);
    fields.h.read();
    run();
  });
  fields.h.input.addEventListener("input", () => {
    const parsed = parseNumber(fields.h.input.value, LIMITS.check_h);
    if (parsed.ok) hSlider.value = Math.log10(parsed.value);
  });
  for (const field of Object.values(fields)) {
    field.input.addEventListener("change", () => {
      if (read({ show: true })) run();
      else
        shell.setStatus(
          "Fix the highlighted value: the numbers below are for the last choice that worked.",
          "error",
        );
    });
  }
  const checkButton = shell.button(
    "Check",
    () => {
      if (read({ show: true })) run();
      else shell.setStatus("Fix the highlighted value to check.", "error");
    },
    { primary: true },
  );
  shell.controls.append(h("div", { class: "demo__buttons" }, checkButton));

  const showK = () => {
    const weight = radios.weight.checked;
    fields.k.input.parentElement.hidden = !weight;
  };

  // ---------------------------------------------------------------- the network
  const diagram = keepLegible(
    svg("svg", { viewBox: "0 0 360 190", class: "gradient-check__network", role: "img" }),
  );
  const diagramBox = h(
    "figure",
    { class: "gradient-check__figure" },
    diagram,
    h("figcaption", {
      text: "The network (click a link for its weight, a neuron for its bias). Blue links are positive weights, orange negative; thicker is larger.",
    }),
  );

  // ---------------------------------------------------------------- the results
  const result = {
    knob: h("p", { class: "gradient-check__knob" }),
    backprop: h("dd", {}),
    numeric: h("dd", {}),
    plus: h("dd", {}),
    minus: h("dd", {}),
    relative: h("dd", {}),
    verdict: h("p", { class: "gradient-check__verdict", "aria-live": "polite" }),
  };
  const table = h(
    "dl",
    { class: "gradient-check__results" },
    h("dt", { text: "Backpropagation's ∂C/∂(knob)" }),
    result.backprop,
    h("dt", { text: "Central difference (C(+h) − C(−h)) / 2h" }),
    result.numeric,
    h("dt", { text: "C with the knob raised by h" }),
    result.plus,
    h("dt", { text: "C with the knob lowered by h" }),
    result.minus,
    h("dt", { text: "Relative difference" }),
    result.relative,
  );
  shell.output.append(
    h(
      "div",
      { class: "gradient-check__top" },
      diagramBox,
      h("div", { class: "gradient-check__about" }, result.knob, result.verdict),
      h("div", { class: "gradient-check__numbers" }, table),
    ),
  );

  const chartBox = h("div", { class: "demo__charts" });
  const sweep = new LineChart(chartBox, {
    title: "How well they agree, for every h",
    xLabel: "Step h",
    xMin: -12,
    xMax: 0,
    xTicks: 6,
    xFormat: (t) => powerOfTen(t),
    yRange: [-16, 0],
    yFormat: (t) => powerOfTen(t),
    series: [
      { name: "relative difference", className: "series-test" },
      { name: "your h", className: "series-cost" },
    ],
    describe: (chart) => describeSweep(chart.series[0].points, chart.series[1].points),
  });
  shell.output.append(
    h(
      "div",
      { class: "gradient-check__lower" },
      chartBox,
      h("p", {
        class: "gradient-check__why",
        text:
          "Too large an h measures the slope over a stretch where it changes, so the estimate is off by about h². " +
          "Too small an h makes C(+h) and C(−h) agree in almost all of the 16 digits a computer keeps, and their difference " +
          "keeps only the few that remain: rounding error grows like 10⁻¹⁶ / h. In between, the two agree best.",
      }),
    ),
  );

  // ---------------------------------------------------------------- reading and running
  const checks = { j: within("j", 0), k: within("k", 1) };

  // The reader's choice, or null. With show, every problem gets its message beside its field.
  function read({ show = false } = {}) {
    const kind = radios.weight.checked ? "weight" : "bias";
    const names = fieldNames(kind);
    const values = { kind };
    let ok = true;
    for (const name of names) {
      const field = fields[name];
      let parsed = show ? field.read() : parseNumber(field.input.value, RULES[name]);
      if (!show && parsed.ok && checks[name] && checks[name](parsed.value)) parsed = { ok: false };
      if (parsed.ok) values[name] = parsed.value;
      else ok = false;
    }
    return ok ? values : null;
  }

  const ask = shell.asker("gradient_check", {
    doing: "check the gradient",
    onResult: (r) => {
      shell.setStatus("");
      show(r);
    },
  });

  function run() {
    const values = read();
    if (!values) return;
    ask(values);
  }

  function select({ kind, layer, j, k }) {
    radios[kind].checked = true;
    fields.layer.input.value = String(layer);
    fields.j.input.value = String(j);
    if (k != null) fields.k.input.value = String(k);
    for (const field of Object.values(fields)) field.read();
    showK();
    run();
  }

  let current = null;

  function show(r) {
    current = r;
    const name = knobName(r);
    const where = knobWhere(r);
    result.knob.replaceChildren(
      h("strong", { text: name }),
      `: ${where}, now ${fixed(r.value)}. In the code: `,
      h("code", { text: `network.${r.code}` }),
      `. C averages the cost over ${r.examples} examples; h = ${scientific(r.h, 2)}.`,
    );
    const a = r.backprop.toPrecision(12),
      b = r.numeric.toPrecision(12);
    const backprop = markedDigits(a, b),
      numeric = markedDigits(b, a);
    result.backprop.replaceChildren(backprop.element);
    result.numeric.replaceChildren(numeric.element);
    const plus = r.cost_plus.toPrecision(16),
      minus = r.cost_minus.toPrecision(16);
    result.plus.replaceChildren(markedDigits(plus, minus).element);
    const shared = markedDigits(minus, plus);
    result.minus.replaceChildren(shared.element);
    result.relative.textContent = scientific(r.relative, 2);
    result.relative.dataset.value = String(r.relative);
    result.backprop.dataset.value = String(r.backprop);
    result.numeric.dataset.value = String(r.numeric);

    result.verdict.textContent = verdict(r, shared.digits);
    root.dataset.check = JSON.stringify(summary(r));

    sweep.set(0, sweepPoints(r));
    sweep.set(1, yourPoint(r));
    drawNetwork(r);
  }

  // ---------------------------------------------------------------- the network diagram
  function drawNetwork(r) {
    diagram.replaceChildren();
    const chosen = r ? { kind: r.kind, layer: r.layer, j: r.j, k: r.k } : null;
    const largest = r ? Math.max(...r.weights.flat(2).map(Math.abs)) : 1;
    for (let l = 1; l < SIZES.length; l++) {
      for (let j = 1; j <= SIZES[l]; j++) {
        for (let k = 1; k <= SIZES[l - 1]; k++) {
          const weight = r ? r.weights[l - 1][j - 1][k - 1] : 0;
          const picked =
            chosen && chosen.kind === "weight" && chosen.layer === l && chosen.j === j && chosen.k === k;
          const line = { x1: X[l - 1] + 13, y1: Y(l - 1, k - 1), x2: X[l] - 13, y2: Y(l, j - 1) };
          diagram.append(
            svg("line", {
              ...line,
              class: `gradient-check__link ${weight >= 0 ? "gradient-check__link--positive" : "gradient-check__link--negative"}${picked ? " gradient-check__link--picked" : ""}`,
              "stroke-width": picked ? 5 : (0.8 + (3 * Math.abs(weight)) / largest).toFixed(2),
            }),
          );
          const hit = svg("line", {
            ...line,
            class: "gradient-check__hit",
            "data-layer": l,
            "data-j": j,
            "data-k": k,
            "data-equivalent": "the Layer, j and k fields",
          });
          hit.append(svg("title", {}, `w${SUP[l]}${SUB[j]}${SUB[k]}${r ? ` = ${fixed(weight, 3)}` : ""}`));
          hit.addEventListener("click", () => select({ kind: "weight", layer: l, j, k }));
          diagram.append(hit);
        }
      }
    }
    for (let l = 0; l < SIZES.length; l++) {
      diagram.append(
        svg(
          "text",
          { x: X[l], y: 185, "text-anchor": "middle", class: "gradient-check__layer" },
          l === 0 ? "layer 0" : `layer ${l}`,
        ),
      );
      for (let j = 1; j <= SIZES[l]; j++) {
        const picked = chosen && chosen.kind === "bias" && chosen.layer === l && chosen.j === j;
        const circle = svg("circle", {
          cx: X[l],
          cy: Y(l, j - 1),
          r: 13,
          class: `gradient-check__neuron${l ? " gradient-check__neuron--live" : ""}${picked ? " gradient-check__neuron--picked" : ""}`,
          ...(l ? { "data-equivalent": "the bias choice and the Layer and j fields" } : {}),
        });
        diagram.append(
          circle,
          svg(
            "text",
            { x: X[l], y: Y(l, j - 1) + 5, "text-anchor": "middle", class: "gradient-check__neuron-label" },
            String(j),
          ),
        );
        if (l > 0) {
          circle.append(
            svg("title", {}, `b${SUP[l]}${SUB[j]}${r ? ` = ${fixed(r.biases[l - 1][j - 1], 3)}` : ""}`),
          );
          circle.addEventListener("click", () => select({ kind: "bias", layer: l, j }));
        }
      }
    }
    diagram.setAttribute("aria-label", diagramLabel(chosen));
  }

  drawNetwork(null);
  showK();
  const unwatch = shell.runtime.onStatus((state) => {
    if (state === "ready" && !current) run();
  });
  return () => {
    unwatch();
    shell.destroy();
  };
}
