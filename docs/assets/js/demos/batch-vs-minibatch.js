// "Full batch vs mini-batch" (lesson 5). Two walkers fit a line y ≈ w·x + b to 100
// noisy points, on the same contour map of the full cost C(w, b). The full-batch
// walker looks at all N points before each step; the mini-batch walker steps after
// every m of them. Both get the same budget of examples (N × the number of passes),
// so one takes a few careful steps and the other many noisy ones. The map and the start
// appear once the runtime is ready; the walkers wait for the reader's Run both. The
// paths come from pylib.landscapes.LineFit through the page's Python worker.
import { DemoShell } from "../demo-kit/shell.js";
import { h, reducedMotion } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { LineChart } from "../lib/chart.js";
import { LandscapePlot, fittedSize, onWidthChange } from "../lib/landscape-plot.js";
import { explainError } from "../demo-kit/errors.js";
import { significant } from "../format.js";
import {
  ANIMATION_MS,
  chartPoints,
  costRange,
  mapLabel,
  nextSeed,
  outcome,
  pathsRequest,
  resultRows,
  shownPath,
  startFromMap,
  walkersAt,
} from "./batch-vs-minibatch.model.js";

export function mount(root) {
  const shell = new DemoShell(root);

  // ---------------------------------------------------------------- controls
  const fields = {
    mini_batch_size: shell.field({
      label: "Mini-batch size m",
      name: "toy_mini_batch_size",
      value: "10",
      rule: LIMITS.toy_mini_batch_size,
      hint: "1 to 100 points",
    }),
    epochs: shell.field({
      label: "Budget: passes over the points",
      name: "toy_epochs",
      value: "10",
      rule: LIMITS.toy_epochs,
      hint: "each pass = 100 examples",
    }),
    learning_rate: shell.field({
      label: "Learning rate η",
      name: "learning_rate",
      value: "0.3",
      rule: LIMITS.learning_rate,
      hint: "the same for both",
    }),
    w: shell.field({
      label: "Start w",
      name: "start_w",
      value: "-2",
      rule: LIMITS.start_position,
      hint: "or click the map",
    }),
    b: shell.field({ label: "Start b", name: "start_b", value: "3", rule: LIMITS.start_position }),
    seed: shell.field({
      label: "Shuffle seed",
      name: "seed",
      value: "0",
      rule: LIMITS.seed,
      hint: "which points go in which mini-batch",
    }),
  };
  const more = h(
    "details",
    { class: "batch-vs-minibatch__more" },
    h("summary", { text: "Start and shuffle" }),
    h(
      "div",
      { class: "batch-vs-minibatch__more-fields" },
      fields.w.input.parentElement,
      fields.b.input.parentElement,
      fields.seed.input.parentElement,
    ),
  );
  const runButton = shell.button("Run both", () => runBoth(), { primary: true });
  const skipButton = shell.button("Skip to the end", () => finishAnimation(), { disabled: true });
  const shuffleButton = shell.button("New shuffle", () => {
    const r = fields.seed.read();
    fields.seed.input.value = String(nextSeed(r, LIMITS.seed.max));
    runBoth();
  });
  const resetButton = shell.button("Reset", () => reset());
  shell.controls.append(
    more,
    h("div", { class: "demo__buttons" }, runButton, skipButton, shuffleButton, resetButton),
  );

  // ---------------------------------------------------------------- output
  const mapBox = h("div", { class: "batch-vs-minibatch__map" });
  const dataBox = h("div", { class: "batch-vs-minibatch__data" });
  const legend = h(
    "ul",
    { class: "batch-vs-minibatch__legend" },
    h("li", {
      class: "batch-vs-minibatch__key batch-vs-minibatch__key--full",
      text: "Full batch: one step per pass over all the points",
    }),
    h("li", {
      class: "batch-vs-minibatch__key batch-vs-minibatch__key--mini",
      text: "Mini-batch: one step per m points",
    }),
    h("li", {
      class: "batch-vs-minibatch__key batch-vs-minibatch__key--best",
      text: "The lowest point (the best line)",
    }),
  );
  const resultsBody = h("tbody");
  const results = h(
    "table",
    { class: "batch-vs-minibatch__results" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["", "Steps", "Examples looked at", "Cost C reached"].map((t) => h("th", { scope: "col", text: t })),
      ),
    ),
    resultsBody,
  );
  const charts = h("div", { class: "batch-vs-minibatch__chart" });
  const waiting = h("p", {
    class: "demo__waiting",
    text: "The map of the cost and the points appear here once the Python runtime has loaded.",
  });
  const resultsBox = h("div", { class: "demo__table-wrap", hidden: true }, results);
  const live = h(
    "div",
    { class: "batch-vs-minibatch__live", hidden: true },
    legend,
    h("div", { class: "batch-vs-minibatch__figures" }, mapBox, dataBox),
    resultsBox,
    charts,
  );
  shell.output.append(waiting, live);
  const chart = new LineChart(charts, {
    title: "Cost C over all the points, against examples looked at",
    xLabel: "Passes over the points",
    series: [
      { name: "full batch", className: "series-test" },
      { name: "mini-batch", className: "series-cost" },
    ],
    yFormat: (v) => significant(v, 2),
  });

  // ---------------------------------------------------------------- state
  let toy = null; // minibatch_landscape's answer
  let map = null,
    scatter = null;
  let answer = null; // minibatch_paths's answer
  let animation = null;
  let destroyed = false;
  let started = false;
  let loading = null;

  function explain(error) {
    if (!answer) started = false; // try again when the runtime is ready
    explainError(shell, error, { again: "press Run both again" });
  }

  async function loadToy() {
    if (toy) return true;
    if (!loading) loading = shell.runtime.call("minibatch_landscape", {});
    try {
      const result = await loading;
      if (destroyed) return false;
      if (!toy) {
        toy = result;
        drawToy();
      }
      return true;
    } catch (error) {
      loading = null;
      explain(error);
      return false;
    }
  }

  function drawToy() {
    waiting.hidden = true;
    live.hidden = false;
    mapBox.replaceChildren();
    // both pictures drawn at about the width they are shown, so labels keep their size
    map = new LandscapePlot(mapBox, {
      view: toy.view,
      size: fittedSize(mapBox, { low: 280, high: 360, aspect: 1 }),
      xLabel: "slope w",
      yLabel: "intercept b",
      label: "Contour map of the cost C(w, b)",
    });
    map.drawContours(toy.grid);
    map.element.addEventListener("click", onMapClick);
    dataBox.replaceChildren();
    scatter = new LandscapePlot(dataBox, {
      view: [
        [0, 2],
        [-3, 5],
      ],
      size: fittedSize(dataBox, { low: 280, high: 360, aspect: 0.72 }),
      xLabel: "x",
      yLabel: "y",
      label: `The ${toy.examples} points to fit a line to, with the best line through them`,
    });
    scatter.element.classList.add("batch-vs-minibatch__scatter");
    const points = scatter.layers.marks;
    toy.points.x.forEach((x, i) => {
      const circle = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      circle.setAttribute("cx", scatter.sx(x).toFixed(1));
      circle.setAttribute("cy", scatter.sy(toy.points.y[i]).toFixed(1));
      circle.setAttribute("r", "2.6");
      circle.setAttribute("class", "batch-vs-minibatch__point");
      points.append(circle);
    });
    drawState();
    root.dataset.drawn = "true";
  }

  function onMapClick(event) {
    if (animation) return;
    const at = map.fromEvent(event);
    if (!at) return;
    fields.w.input.value = String(startFromMap(at[0]));
    fields.b.input.value = String(startFromMap(at[1]));
    fields.w.read();
    fields.b.read();
    answer = null;
    drawState();
    runBoth();
  }

  const request = shell.askLatest("minibatch_paths");

  async function runBoth() {
    started = true;
    finishAnimation(false);
    const values = shell.readAll(fields);
    if (!values) {
      if (
        fields.w.input.getAttribute("aria-invalid") === "true" ||
        fields.b.input.getAttribute("aria-invalid") === "true" ||
        fields.seed.input.getAttribute("aria-invalid") === "true"
      )
        more.open = true;
      shell.setStatus("Fix the highlighted value to run the walkers.", "error");
      return;
    }
    shell.waitForRuntime("Walking…");
    if (!(await loadToy())) return;
    let result;
    try {
      result = await request(pathsRequest(values));
    } catch (error) {
      explain(error);
      return;
    }
    if (destroyed) return;
    answer = result;
    animate();
  }

  // ---------------------------------------------------------------- showing the walk
  function animate() {
    const job = { shown: 0, timer: null };
    animation = job;
    skipButton.disabled = false;
    if (reducedMotion()) {
      finishAnimation();
      return;
    }
    const begun = performance.now();
    const tick = () => {
      if (animation !== job || destroyed) return;
      const t = Math.min(1, (performance.now() - begun) / ANIMATION_MS);
      drawState(answer.budget * t);
      if (t >= 1) finishAnimation();
      else job.timer = setTimeout(tick, 40);
    };
    tick();
  }

  function finishAnimation(show = true) {
    const job = animation;
    animation = null;
    skipButton.disabled = true;
    if (job) clearTimeout(job.timer);
    if (show && answer) {
      drawState(Infinity);
      describe();
    }
  }

  function drawState(seen = Infinity) {
    if (!map) return;
    map.clear("marks", "trail");
    map.clearBall();
    scatter.clear("trail");
    map.mark(...toy.best.position, "lowest point", { dy: 22, className: "batch-vs-minibatch__best" });
    const start = shell.readAll({ w: fields.w, b: fields.b });
    if (!answer) {
      if (start) map.drawBall(start.w, start.b, { className: "batch-vs-minibatch__start" });
      drawLine(toy.best.position, "batch-vs-minibatch__line--best");
      showResults(null);
      map.element.setAttribute("aria-label", mapLabel(toy.best, start, null));
      return;
    }
    const parts = walkersAt(answer, seen);
    for (const { key, path: points } of parts) {
      const className = `batch-vs-minibatch__walker--${key}`;
      const shown = shownPath(points, answer[key].diverged, (w, b) => map.contains(w, b));
      map.drawPath(shown, {
        className,
        radius: key === "full" ? 4 : 2,
        dots: key === "full" || shown.length <= 400,
      });
      const [w, b] = points[points.length - 1];
      map.drawBall(w, b, {
        className,
        label: key === "full" ? "full batch: off the map" : "mini-batch: off the map",
      });
      drawLine([w, b], `batch-vs-minibatch__line--${key}`);
    }
    drawLine(toy.best.position, "batch-vs-minibatch__line--best");
    chart.setXMax(answer.epochs);
    chart.yRange = costRange(answer);
    chart.series.forEach((series, i) => {
      series.points = chartPoints(answer, i === 0 ? "full" : "mini", seen);
    });
    chart.draw();
    showResults(parts);
    map.element.setAttribute("aria-label", mapLabel(toy.best, null, parts));
  }

  function drawLine([w, b], className) {
    if (!scatter || !Number.isFinite(w) || !Number.isFinite(b)) return;
    const line = document.createElementNS("http://www.w3.org/2000/svg", "path");
    const [x0, y0] = scatter.screen(0, b),
      [x1, y1] = scatter.screen(2, 2 * w + b);
    line.setAttribute("d", `M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`);
    line.setAttribute("class", `batch-vs-minibatch__line ${className}`);
    scatter.layers.trail.append(line);
  }

  function showResults(parts) {
    resultsBody.replaceChildren();
    // the table and the chart appear with the walkers: before Run both they would be empty
    resultsBox.hidden = !parts;
    charts.hidden = !parts;
    if (!parts) return;
    for (const row of resultRows(answer, parts)) {
      resultsBody.append(
        h(
          "tr",
          { "data-walker": row.walker },
          h("th", { scope: "row", text: row.name }),
          row.cells.map((text) => h("td", { text })),
        ),
      );
    }
  }

  function describe() {
    const { full, mini } = answer;
    root.dataset.fullCost = String(full.cost);
    root.dataset.miniCost = String(mini.cost);
    root.dataset.runs = String(Number(root.dataset.runs || 0) + 1);
    const { text, kind } = outcome(answer);
    shell.setStatus(text, kind);
  }

  function reset() {
    finishAnimation(false);
    for (const field of Object.values(fields)) field.reset();
    answer = null;
    chart.clear();
    drawState();
    shell.setStatus("");
  }

  // Draw the map and the start once the runtime is ready (prefetched on scroll); the
  // walkers wait for Run both.
  const unsubscribe = shell.runtime.onStatus((state) => {
    if (state !== "ready" || toy || loading || destroyed) return;
    loadToy().then((ok) => {
      if (ok && !answer && !started)
        shell.setStatus("Both walkers wait at the start, the grey dot on the map: press Run both.");
    });
  });
  shell.cleanups.push(unsubscribe);
  shell.cleanups.push(
    onWidthChange(mapBox, () => {
      if (toy) drawToy();
    }),
  );

  return () => {
    destroyed = true;
    finishAnimation(false);
    shell.destroy();
  };
}
