// "One neuron" (lesson 2): three inputs, three weights and a bias on sliders (or typed);
// pylib computes z = w₁a₁ + w₂a₂ + w₃a₃ + b and a = σ(z) in the worker, and the page
// shows the sum term by term and the point (z, a) on the sigmoid.
import { DemoShell } from "../demo-kit/shell.js";
import { h, uniqueId, svg } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { parseNumber } from "../demo-kit/validate.js";
import { keepLegible } from "../lib/legible.js";
import { minus } from "../format.js";
import {
  CHART,
  GRID_A,
  GRID_Z,
  INNER,
  KNOB_ROWS,
  Neuron,
  chartLabel,
  curvePath,
  offChartText,
  pointAt,
  sumRows,
  summaryText,
  sx,
  sy,
} from "./one-neuron.model.js";

export function mount(root) {
  const shell = new DemoShell(root);
  const neuron = new Neuron();
  let interacted = false;

  // ------------------------------------------------------------ the seven knobs
  const knobs = [];
  function knob({ key, label, limit, step, value, digits }) {
    const rule = LIMITS[limit];
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
    const k = { key, digits, slider, box, message };
    slider.addEventListener("input", () => {
      neuron.set(key, Number(slider.value));
      box.value = neuron.values[key].toFixed(digits);
      setValid(k, true);
      changed();
    });
    const typed = () => {
      const result = parseNumber(box.value, rule, label);
      setValid(k, result.ok, result.message);
      if (!result.ok) return;
      neuron.set(key, result.value);
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

  const rows = KNOB_ROWS.map((row) => h("div", { class: "one-neuron__row" }, ...row.map(knob)));
  const reset = shell.button("Reset", () => {
    neuron.reset();
    for (const k of knobs) {
      const value = neuron.values[k.key];
      k.slider.value = String(value);
      k.box.value = value.toFixed(k.digits);
      setValid(k, true);
    }
    changed();
  });
  shell.controls.classList.add("one-neuron__controls");
  shell.controls.append(
    h("div", { class: "one-neuron__knobs" }, ...rows),
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

  function drawChart(result) {
    chart.replaceChildren();
    const grid = svg("g", { class: "one-neuron__grid" });
    for (const a of GRID_A) {
      grid.append(svg("line", { x1: CHART.left, x2: CHART.width - CHART.right, y1: sy(a), y2: sy(a) }));
      grid.append(svg("text", { x: CHART.left - 6, y: sy(a) + 4, "text-anchor": "end" }, String(a)));
    }
    for (const z of GRID_Z) {
      grid.append(
        svg("line", {
          x1: sx(z),
          x2: sx(z),
          y1: CHART.top,
          y2: CHART.top + INNER.height,
          class: z === 0 ? "one-neuron__axis" : "",
        }),
      );
      grid.append(
        svg(
          "text",
          { x: sx(z), y: CHART.top + INNER.height + 16, "text-anchor": "middle" },
          minus(String(z)),
        ),
      );
    }
    grid.append(
      svg(
        "text",
        {
          x: CHART.left + INNER.width / 2,
          y: CHART.height - 2,
          "text-anchor": "middle",
          class: "one-neuron__label",
        },
        "z",
      ),
    );
    grid.append(svg("text", { x: 4, y: CHART.top - 2, class: "one-neuron__label" }, "a"));
    chart.append(grid);
    if (neuron.curve) chart.append(svg("path", { d: curvePath(neuron.curve), class: "one-neuron__curve" }));
    if (!result) return;
    const { weighted_input: z, activation: a } = result;
    const { x, y, inside, dir } = pointAt(z, a);
    const point = svg("g", { class: "one-neuron__point" });
    point.append(svg("line", { x1: x, x2: x, y1: sy(0), y2: y, class: "one-neuron__guide" }));
    point.append(svg("line", { x1: CHART.left, x2: x, y1: y, y2: y, class: "one-neuron__guide" }));
    point.append(svg("circle", { cx: x, cy: y, r: 6 }));
    if (!inside) {
      // Off the drawn stretch: an arrow at the edge says which way, and how far.
      point.append(
        svg("path", {
          d: `M${x + dir * 9},${y - 5} l${dir * 8},5 l${-dir * 8},5 z`,
          class: "one-neuron__arrow",
        }),
      );
      point.append(
        svg(
          "text",
          {
            x: x - dir * 8,
            y: y + (a > 0.5 ? 22 : -12),
            "text-anchor": dir > 0 ? "end" : "start",
            class: "one-neuron__offchart",
          },
          offChartText(z),
        ),
      );
    }
    chart.append(point);
    chart.setAttribute("aria-label", chartLabel(z, a, inside));
  }

  function render(result, request) {
    neuron.answer(result);
    sumBody.replaceChildren(
      ...sumRows(result, request).map((row) =>
        h(
          "tr",
          row.total ? { class: "one-neuron__total" } : {},
          h("th", { scope: "row", text: row.symbol }),
          h("td", { text: row.working }),
          h("td", { class: "one-neuron__num", text: row.value }),
        ),
      ),
    );
    summary.textContent = summaryText(result);
    drawChart(result);
    root.dataset.z = String(result.weighted_input);
    root.dataset.a = String(result.activation);
    if (started && !root.dataset.firstResultSeconds)
      root.dataset.firstResultSeconds = ((performance.now() - started) / 1000).toFixed(3);
    shell.setStatus("");
  }

  let started = 0;
  const ask = shell.asker("one_neuron", { onResult: render, doing: "compute" });

  function changed() {
    interacted = true;
    if (!started) started = performance.now();
    const options = neuron.request();
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
