// "One neuron" (lesson 2): three inputs, three weights and a bias on sliders (or typed);
// pylib computes z = w₁a₁ + w₂a₂ + w₃a₃ + b and a = σ(z) in the worker, and the page
// shows the sum term by term and the point (z, a) on the sigmoid.
import { DemoShell } from "../demo-kit/shell.js";
import { h, uniqueId, svg } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { parseNumber } from "../demo-kit/validate.js";
import { keepLegible } from "../lib/legible.js";
import { fixed, minus } from "../format.js";

const SUB = ["₁", "₂", "₃"];
const DEFAULTS = { a: [1, 0.5, 0.2], w: [2, -1, 0.5], b: -1 };
const Z_RANGE = [-10, 10];
const CHART = { width: 340, height: 200, left: 40, right: 14, top: 14, bottom: 34 };

// An activation: three decimals, or enough to show how near 0 or 1 it is.
export function activationText(a) {
  if (a >= 0.001 && a <= 0.999) return a.toFixed(3);
  const gap = a < 0.5 ? a : 1 - a;
  if (gap < 1e-8) return a < 0.5 ? "≈ 0.00000000" : "≈ 1.00000000";
  return a.toFixed(1 - Math.floor(Math.log10(gap)));
}

export function mount(root) {
  const shell = new DemoShell(root);
  let interacted = false;

  // ------------------------------------------------------------ the seven knobs
  const knobs = [];
  function knob({ key, label, rule, step, value, digits }) {
    const id = uniqueId(`neuron-${key}`);
    const slider = h("input", {
      type: "range",
      id,
      min: rule.min,
      max: rule.max,
      step,
      value: String(value),
      class: "one-neuron__slider",
    });
    const box = h("input", {
      type: "text",
      inputmode: "decimal",
      size: 5,
      value: value.toFixed(digits),
      autocomplete: "off",
      spellcheck: "false",
      "aria-label": `${label}, typed`,
      "aria-describedby": `${id}-msg`,
      class: "one-neuron__box",
      // the rule, published for the hostile-input gate (as DemoShell's fields do)
      "data-min": rule.min,
      "data-max": rule.max,
      "data-integer": String(Boolean(rule.integer)),
      "data-exclusive-min": String(Boolean(rule.exclusiveMin)),
    });
    const message = h("span", { class: "demo__message", id: `${id}-msg`, "aria-live": "polite" });
    const k = { key, label, rule, digits, value, slider, box, message, initial: value };
    slider.addEventListener("input", () => {
      k.value = Number(slider.value);
      box.value = k.value.toFixed(digits);
      setValid(k, true);
      changed();
    });
    const typed = () => {
      const result = parseNumber(box.value, rule, label);
      setValid(k, result.ok, result.message);
      if (!result.ok) return;
      k.value = result.value;
      slider.value = String(result.value);
      changed();
    };
    box.addEventListener("change", typed);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        typed();
      }
    });
    knobs.push(k);
    return h(
      "div",
      { class: "one-neuron__knob" },
      h("label", { for: id, text: label }),
      slider,
      box,
      message,
    );
  }

  function setValid(k, ok, text = "") {
    k.box.setAttribute("aria-invalid", String(!ok));
    k.message.textContent = ok ? "" : text;
  }

  const rows = [0, 1, 2].map((i) =>
    h(
      "div",
      { class: "one-neuron__row" },
      knob({
        key: `a${i}`,
        label: `Input a${SUB[i]}`,
        rule: LIMITS.neuron_input,
        step: 0.01,
        value: DEFAULTS.a[i],
        digits: 2,
      }),
      knob({
        key: `w${i}`,
        label: `Weight w${SUB[i]}`,
        rule: LIMITS.neuron_weight,
        step: 0.1,
        value: DEFAULTS.w[i],
        digits: 1,
      }),
    ),
  );
  const biasRow = h(
    "div",
    { class: "one-neuron__row" },
    knob({ key: "b", label: "Bias b", rule: LIMITS.neuron_bias, step: 0.1, value: DEFAULTS.b, digits: 1 }),
  );
  const reset = shell.button("Reset", () => {
    for (const k of knobs) {
      k.value = k.initial;
      k.slider.value = String(k.initial);
      k.box.value = k.initial.toFixed(k.digits);
      setValid(k, true);
    }
    changed();
  });
  shell.controls.classList.add("one-neuron__controls");
  shell.controls.append(
    h("div", { class: "one-neuron__knobs" }, ...rows, biasRow),
    h("div", { class: "demo__buttons" }, reset),
  );

  // ------------------------------------------------------------ the sum and the curve
  const sumBody = h("tbody");
  const summary = h("p", { class: "one-neuron__summary", "aria-live": "polite" });
  const sumTable = h(
    "table",
    { class: "one-neuron__sum" },
    h("caption", { text: "The weighted input, term by term" }),
    sumBody,
  );
  const chart = keepLegible(
    svg("svg", {
      viewBox: `0 0 ${CHART.width} ${CHART.height}`,
      class: "one-neuron__chart",
      role: "img",
      "aria-label": "The sigmoid curve a = σ(z), with this neuron's point on it",
    }),
  );
  shell.output.append(
    h(
      "div",
      { class: "one-neuron__result" },
      h("div", { class: "one-neuron__numbers" }, sumTable, summary),
      h(
        "figure",
        { class: "one-neuron__figure" },
        chart,
        h("figcaption", {
          class: "one-neuron__caption",
          text: "The squish: a = σ(z) = 1 / (1 + e^(−z)), for z from −10 to 10",
        }),
      ),
    ),
  );

  const innerW = CHART.width - CHART.left - CHART.right;
  const innerH = CHART.height - CHART.top - CHART.bottom;
  const sx = (z) => CHART.left + ((z - Z_RANGE[0]) / (Z_RANGE[1] - Z_RANGE[0])) * innerW;
  const sy = (a) => CHART.top + (1 - a) * innerH;
  let curve = null;

  function drawChart(result) {
    chart.replaceChildren();
    const grid = svg("g", { class: "one-neuron__grid" });
    for (const a of [0, 0.5, 1]) {
      grid.append(svg("line", { x1: CHART.left, x2: CHART.width - CHART.right, y1: sy(a), y2: sy(a) }));
      grid.append(svg("text", { x: CHART.left - 6, y: sy(a) + 4, "text-anchor": "end" }, String(a)));
    }
    for (const z of [-10, -5, 0, 5, 10]) {
      grid.append(
        svg("line", {
          x1: sx(z),
          x2: sx(z),
          y1: CHART.top,
          y2: CHART.top + innerH,
          class: z === 0 ? "one-neuron__axis" : "",
        }),
      );
      grid.append(
        svg("text", { x: sx(z), y: CHART.top + innerH + 16, "text-anchor": "middle" }, minus(String(z))),
      );
    }
    grid.append(
      svg(
        "text",
        {
          x: CHART.left + innerW / 2,
          y: CHART.height - 2,
          "text-anchor": "middle",
          class: "one-neuron__label",
        },
        "z",
      ),
    );
    grid.append(svg("text", { x: 4, y: CHART.top - 2, class: "one-neuron__label" }, "a"));
    chart.append(grid);
    if (curve) {
      const d = curve.z
        .map((z, i) => `${i ? "L" : "M"}${sx(z).toFixed(1)},${sy(curve.activation[i]).toFixed(1)}`)
        .join("");
      chart.append(svg("path", { d, class: "one-neuron__curve" }));
    }
    if (!result) return;
    const { weighted_input: z, activation: a } = result;
    const inside = z >= Z_RANGE[0] && z <= Z_RANGE[1];
    const x = sx(Math.max(Z_RANGE[0], Math.min(Z_RANGE[1], z)));
    const point = svg("g", { class: "one-neuron__point" });
    point.append(svg("line", { x1: x, x2: x, y1: sy(0), y2: sy(a), class: "one-neuron__guide" }));
    point.append(svg("line", { x1: CHART.left, x2: x, y1: sy(a), y2: sy(a), class: "one-neuron__guide" }));
    point.append(svg("circle", { cx: x, cy: sy(a), r: 6 }));
    if (!inside) {
      // Off the drawn stretch: an arrow at the edge says which way, and how far.
      const dir = z > 0 ? 1 : -1;
      point.append(
        svg("path", {
          d: `M${x + dir * 9},${sy(a) - 5} l${dir * 8},5 l${-dir * 8},5 z`,
          class: "one-neuron__arrow",
        }),
      );
      point.append(
        svg(
          "text",
          {
            x: x - dir * 8,
            y: sy(a) + (a > 0.5 ? 22 : -12),
            "text-anchor": dir > 0 ? "end" : "start",
            class: "one-neuron__offchart",
          },
          `z = ${fixed(z, 2)} is off the chart`,
        ),
      );
    }
    chart.append(point);
    chart.setAttribute(
      "aria-label",
      `The sigmoid curve a = σ(z), with this neuron's point at z = ${fixed(z, 2)}, a = ${activationText(a)}${inside ? "" : " (beyond the drawn stretch of z)"}`,
    );
  }

  function render(result, args) {
    if (result.curve) curve = result.curve;
    const values = { a: args.activations, w: args.weights, b: args.bias };
    const rowsOut = values.a.map((a, i) =>
      h(
        "tr",
        {},
        h("th", { scope: "row", text: `w${SUB[i]}a${SUB[i]}` }),
        h("td", { text: `${fixed(values.w[i], 1)} × ${a.toFixed(2)}` }),
        h("td", { class: "one-neuron__num", text: `= ${fixed(result.terms[i], 2)}` }),
      ),
    );
    sumBody.replaceChildren(
      ...rowsOut,
      h(
        "tr",
        {},
        h("th", { scope: "row", text: "b" }),
        h("td", { text: "" }),
        h("td", { class: "one-neuron__num", text: fixed(values.b, 1) }),
      ),
      h(
        "tr",
        { class: "one-neuron__total" },
        h("th", { scope: "row", text: "z" }),
        h("td", { text: "sum of the above" }),
        h("td", { class: "one-neuron__num", text: `= ${fixed(result.weighted_input, 2)}` }),
      ),
      h(
        "tr",
        { class: "one-neuron__total" },
        h("th", { scope: "row", text: "a" }),
        h("td", { text: `σ(${fixed(result.weighted_input, 2)})` }),
        h("td", { class: "one-neuron__num", text: `= ${activationText(result.activation)}` }),
      ),
    );
    summary.textContent =
      `z = ${fixed(result.weighted_input, 2)}, so the neuron's activation is a = σ(z) = ${activationText(result.activation)}` +
      (result.activation > 0.99 ? ": almost fully on." : result.activation < 0.01 ? ": almost off." : ".");
    drawChart(result);
    root.dataset.z = String(result.weighted_input);
    root.dataset.a = String(result.activation);
    if (started && !root.dataset.firstResultSeconds)
      root.dataset.firstResultSeconds = ((performance.now() - started) / 1000).toFixed(3);
    shell.setStatus("");
  }

  const valuesNow = () => ({
    a: knobs.filter((k) => k.key[0] === "a").map((k) => k.value),
    w: knobs.filter((k) => k.key[0] === "w").map((k) => k.value),
    b: knobs.find((k) => k.key === "b").value,
  });

  let started = 0;
  const ask = shell.asker("one_neuron", { onResult: render, doing: "compute" });

  function changed() {
    interacted = true;
    if (!started) started = performance.now();
    const v = valuesNow();
    const options = { activations: v.a, weights: v.w, bias: v.b, curve: !curve };
    ask(options, options);
  }

  drawChart(null);
  shell.cleanups.push(
    shell.runtime.onStatus((state) => {
      if (state === "ready" && !interacted) changed();
    }),
  );
  return () => shell.destroy();
}
