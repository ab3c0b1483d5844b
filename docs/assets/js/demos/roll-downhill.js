// "Roll downhill" (lesson 4): gradient descent on a toy landscape. The reader picks a
// curve of one dial (two valleys, or the bowl x²) or a map of two dials, sets the start
// (typing, or clicking the picture) and the learning rate η, then presses Step
// (position ← position − η × slope, once) or Run (steps animated until it settles,
// bounces, runs away or reaches the cap). Every number comes from pylib.landscapes
// in the page's Python worker; this module only draws and explains.
import { DemoShell } from "../demo-kit/shell.js";
import { h, reducedMotion } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { LandscapePlot, fittedSize, onWidthChange } from "../lib/landscape-plot.js";
import { latestOnly } from "../demo-kit/latest.js";
import { explainError } from "../demo-kit/errors.js";
import { significant } from "../format.js";

const RUN_STEPS = 200; // the most steps one press of Run takes
const TABLE_ROWS = 400; // the step table keeps this many rows
const LANDSCAPES = [
  { name: "two-valleys", label: "Two valleys (one dial)" },
  { name: "bowl", label: "The bowl f(x) = x² (one dial)" },
  { name: "long-valley", label: "A long valley (two dials)" },
];
const PRESETS = [
  { label: "x² from 3, η = 0.1", landscape: "bowl", start: [3], learningRate: "0.1" },
  { label: "x² from 3, η = 1", landscape: "bowl", start: [3], learningRate: "1" },
  { label: "x² from 3, η = 1.1", landscape: "bowl", start: [3], learningRate: "1.1" },
  { label: "Two valleys from 3", landscape: "two-valleys", start: [3], learningRate: "0.1" },
  { label: "Two valleys from −3", landscape: "two-valleys", start: [-3], learningRate: "0.1" },
  { label: "Long valley, η = 0.35", landscape: "long-valley", start: [-3, 2], learningRate: "0.35" },
];
const DEFAULTS = { "two-valleys": [3], bowl: [3], "long-valley": [-3, 2] };

export function mount(root) {
  const shell = new DemoShell(root);
  root.dataset.steps = "0";

  // ---------------------------------------------------------------- controls
  const select = shell.select({
    label: "Landscape",
    name: "landscape",
    options: LANDSCAPES.map((l) => [l.name, l.label]),
  });
  const fields = {
    x: shell.field({
      label: "Start x",
      name: "start_x",
      value: "3",
      rule: LIMITS.start_position,
      hint: "or click the picture",
    }),
    y: shell.field({ label: "Start y", name: "start_y", value: "2", rule: LIMITS.start_position }),
    learningRate: shell.field({
      label: "Learning rate η",
      name: "learning_rate",
      value: "0.1",
      rule: LIMITS.learning_rate,
    }),
  };
  const yWrapper = fields.y.input.parentElement;
  const stepButton = shell.button("Step", () => step(), { primary: true });
  const runButton = shell.button("Run", () => run());
  const stopButton = shell.button("Stop", () => stopRun(), { disabled: true });
  const resetButton = shell.button("Reset", () => restart());
  shell.controls.append(h("div", { class: "demo__buttons" }, stepButton, runButton, stopButton, resetButton));
  const presets = h(
    "div",
    { class: "demo__presets", role: "group", "aria-label": "Try these" },
    h("span", { class: "demo__presets-label", text: "Try:" }),
    PRESETS.map((p) => shell.button(p.label, () => usePreset(p))),
  );
  shell.controls.append(presets);

  // ---------------------------------------------------------------- output
  const formula = h("p", { class: "roll-downhill__formula" });
  const figure = h("div", { class: "roll-downhill__figure" });
  const readout = h("dl", { class: "demo__readout", "aria-live": "off" });
  const readoutItems = {};
  for (const [key, term] of [
    ["steps", "Steps"],
    ["position", "Position"],
    ["slope", "Slope"],
    ["height", "Height"],
  ]) {
    readoutItems[key] = h("dd", { "data-key": key, text: "—" });
    readout.append(h("div", {}, h("dt", { text: term }), readoutItems[key]));
  }
  const tableHead = h("tr");
  const tableBody = h("tbody");
  const details = h(
    "details",
    { class: "demo__numbers" },
    h("summary", { text: "The steps, one by one" }),
    h("div", { class: "demo__table-wrap" }, h("table", {}, h("thead", {}, tableHead), tableBody)),
  );
  shell.output.append(formula, figure, readout, details);

  // ---------------------------------------------------------------- state
  let landscape = null; // what downhill_landscape answered for the chosen name
  let plot = null;
  let path = []; // points {position, height, gradient}, the start first
  let pathStart = null; // the start (as typed) that path began from
  let reversed = []; // per step: did it turn back (jump across the valley)?
  let factors = []; // per step (one dial): new x ÷ old x
  let outcome = "moving";
  let runaway = false; // is the path being drawn one that diverges?
  let minimum = null;
  let animation = null; // {timer, cancelled} while Run animates
  let destroyed = false;
  let started = false; // has the demo placed its start yet?
  const cache = new Map();

  const dims = () => (landscape ? landscape.dims : select.value === "long-valley" ? 2 : 1);

  function showYField() {
    yWrapper.hidden = dims() !== 2;
  }

  function readStart() {
    const parts = dims() === 2 ? { x: fields.x, y: fields.y } : { x: fields.x };
    const values = shell.readAll(parts);
    return values ? (dims() === 2 ? [values.x, values.y] : [values.x]) : null;
  }

  function setBusy(running) {
    stepButton.disabled = running;
    runButton.disabled = running;
    stopButton.disabled = !running;
    select.disabled = running;
    for (const p of presets.querySelectorAll("button")) p.disabled = running;
    fields.x.input.readOnly = running;
    fields.y.input.readOnly = running;
    fields.learningRate.input.readOnly = running;
  }

  const explain = (error) => explainError(shell, error, { again: "press Step or Run again" });

  // ---------------------------------------------------------------- the landscape
  async function loadLandscape() {
    const name = select.value;
    showYField();
    if (!cache.has(name)) cache.set(name, shell.runtime.call("downhill_landscape", { landscape: name }));
    let answer;
    try {
      answer = await cache.get(name);
    } catch (error) {
      cache.delete(name);
      explain(error);
      return false;
    }
    if (destroyed || select.value !== name) return false;
    if (landscape && landscape.name === name) return true;
    landscape = answer;
    drawLandscape();
    return true;
  }

  function drawLandscape() {
    figure.replaceChildren();
    formula.textContent = landscape.formula;
    const two = landscape.dims === 2;
    const view = two ? landscape.view : [landscape.view[0], landscape.height_view];
    // drawn at about the width it is shown, so its labels keep their size on a phone
    const size = two
      ? fittedSize(figure, { low: 300, high: 440, aspect: 1 })
      : fittedSize(figure, { low: 320, high: 600, aspect: 0.567, minHeight: 250 });
    plot = new LandscapePlot(figure, {
      view,
      size,
      xLabel: "dial x",
      yLabel: two ? "dial y" : "height f(x)",
    });
    plot.element.classList.add(two ? "landscape--map" : "landscape--curve");
    plot.element.addEventListener("click", onPictureClick);
    if (two) {
      plot.drawContours(landscape.grid);
      plot.mark(...landscape.minima[0].position, "lowest point", { anchor: "start", dx: 6, dy: 22 });
    } else {
      plot.drawCurve(landscape.curve.x, landscape.curve.height);
      const many = landscape.minima.length > 1;
      for (const m of landscape.minima) {
        plot.mark(
          m.position[0],
          m.height,
          many ? (m.lowest ? "lower valley" : "higher valley") : "lowest point",
          { dy: 20 },
        );
      }
    }
    tableHead.replaceChildren(
      ...[
        "Step",
        ...(two ? ["x", "y", "∂f/∂x", "∂f/∂y"] : ["x", "slope f′(x)"]),
        "height f",
        ...(landscape.name === "bowl" ? ["new x ÷ old x"] : []),
      ].map((t) => h("th", { scope: "col", text: t })),
    );
    drawPath();
  }

  // ---------------------------------------------------------------- start and steps
  const measureStart = latestOnly(async (name, start) => {
    const answer = await shell.runtime.call("downhill_descend", {
      landscape: name,
      start,
      learning_rate: 1,
      steps: 0,
    });
    return answer;
  });

  async function restart({ fromFields = true } = {}) {
    started = true;
    stopRun();
    if (fromFields) for (const f of [fields.x, fields.y]) if (f.input.value.trim() === "") f.reset();
    const start = readStart();
    if (!start) {
      shell.setStatus("Fix the highlighted value to place the start.", "error");
      return;
    }
    if (!(await loadLandscape())) {
      if (!path.length) started = false;
      return;
    }
    const name = landscape.name;
    try {
      const answer = await measureStart(name, start);
      if (destroyed || !landscape || landscape.name !== name) return;
      path = answer.points;
      reversed = [];
      factors = [];
      outcome = answer.outcome;
      minimum = answer.minimum ?? null;
      runaway = false;
      pathStart = start;
      tableBody.replaceChildren();
      appendRows(0);
      drawPath();
      shell.setStatus(
        outcome === "settled"
          ? "The start is already on a valley floor: the slope there is 0, so a step goes nowhere."
          : "Ready: press Step to take one step, or Run to keep stepping.",
      );
    } catch (error) {
      if (!path.length) started = false; // try again when the runtime is ready
      explain(error);
    }
  }

  function onPictureClick(event) {
    if (animation || !plot) return;
    const at = plot.fromEvent(event);
    if (!at) return;
    const round = (v) =>
      Math.round(Math.min(LIMITS.start_position.max, Math.max(LIMITS.start_position.min, v)) * 100) / 100;
    fields.x.input.value = String(round(at[0]));
    if (landscape.dims === 2) fields.y.input.value = String(round(at[1]));
    restart({ fromFields: false });
  }

  async function advance(steps) {
    const start = readStart();
    const chosen = shell.readAll({ learningRate: fields.learningRate });
    if (!start || !chosen) {
      shell.setStatus("Fix the highlighted value to take a step.", "error");
      return null;
    }
    // A new start typed since the path began: begin again from there.
    if (
      !path.length ||
      !pathStart ||
      pathStart.length !== start.length ||
      pathStart.some((v, i) => v !== start[i])
    ) {
      await restart({ fromFields: false });
      if (!path.length) return null;
    }
    if (outcome === "diverged") {
      shell.setStatus(
        "It has run away, and there is no coming back from there. Press Reset, or pick a new start or a smaller η.",
        "error",
      );
      return null;
    }
    if (outcome === "settled") {
      shell.setStatus(
        `It has settled at ${where(path[path.length - 1])}: the slope there is 0, so a step goes nowhere.${valleyWords()} Press Reset or pick a new start.`,
      );
      return null;
    }
    const last = path[path.length - 1];
    const answer = await shell.runtime.call("downhill_descend", {
      landscape: landscape.name,
      continue_from: last.position,
      learning_rate: chosen.learningRate,
      steps,
    });
    return { answer, learningRate: chosen.learningRate };
  }

  async function step() {
    if (animation) return;
    setBusy(true);
    try {
      const result = await advance(1);
      if (!result || destroyed) return;
      const { answer, learningRate } = result;
      addPoints(answer, answer.points.length - 1);
      describeStep(learningRate);
    } catch (error) {
      explain(error);
    } finally {
      if (!animation) setBusy(false);
    }
  }

  async function run() {
    if (animation) return;
    setBusy(true);
    let result;
    try {
      result = await advance(RUN_STEPS);
    } catch (error) {
      explain(error);
      setBusy(false);
      return;
    }
    if (!result || destroyed) {
      setBusy(false);
      return;
    }
    const { answer, learningRate } = result;
    const total = answer.points.length - 1;
    if (total === 0) {
      addPoints(answer, 0);
      describeStep(learningRate);
      setBusy(false);
      return;
    }
    shell.setStatus("Running…");
    const delay = Math.min(140, Math.max(18, 3500 / total));
    const job = { cancelled: false, timer: null, shown: 0 };
    animation = job;
    const finish = () => {
      if (animation === job) animation = null;
      setBusy(false);
      describeRun(learningRate, job.shown, total, answer.outcome);
    };
    if (reducedMotion()) {
      addPoints(answer, total);
      job.shown = total;
      finish();
      return;
    }
    const tick = () => {
      if (job.cancelled || destroyed) return;
      job.shown++;
      addPoints(answer, 1, job.shown);
      if (job.shown >= total) finish();
      else job.timer = setTimeout(tick, delay);
    };
    job.finish = finish;
    job.timer = setTimeout(tick, delay);
  }

  function stopRun() {
    const job = animation;
    if (!job) return;
    job.cancelled = true;
    clearTimeout(job.timer);
    animation = null;
    job.finish?.();
  }

  // Append `count` points of an answer (its point `upTo` last) to the path.
  function addPoints(answer, count, upTo = count) {
    if (answer.outcome === "diverged") runaway = true;
    const first = upTo - count + 1;
    for (let i = first; i <= upTo; i++) {
      path.push(answer.points[i]);
      reversed.push(i === 1 && reversed.length && path.length >= 3 ? turnedBack() : answer.reversed[i - 1]);
      if (answer.factors) factors.push(answer.factors[i - 1]);
      appendRows(path.length - 1);
    }
    const atEnd = upTo === answer.points.length - 1;
    outcome = atEnd ? answer.outcome : "moving";
    if (outcome === "settled" && answer.minimum) minimum = answer.minimum;
    drawPath();
  }

  // Did the latest step reverse the one before? (Across two separate answers.)
  function turnedBack() {
    const n = path.length;
    const a = path[n - 3].position,
      b = path[n - 2].position,
      c = path[n - 1].position;
    let dot = 0;
    for (let i = 0; i < a.length; i++) dot += (b[i] - a[i]) * (c[i] - b[i]);
    return dot < 0;
  }

  function appendRows(index) {
    const p = path[index];
    const cells = [
      String(index),
      ...p.position.map((v) => significant(v, 6)),
      ...p.gradient.map((v) => significant(v, 6)),
      significant(p.height, 6),
    ];
    if (landscape.name === "bowl")
      cells.push(index === 0 || factors[index - 1] == null ? "" : significant(factors[index - 1], 6));
    tableBody.append(
      h(
        "tr",
        { "data-step": index },
        cells.map((t) => h("td", { text: t })),
      ),
    );
    while (tableBody.childElementCount > TABLE_ROWS) tableBody.firstElementChild.remove();
  }

  // ---------------------------------------------------------------- drawing
  function drawPath() {
    if (!plot) return;
    plot.clear("trail");
    plot.clearBall();
    root.dataset.steps = String(Math.max(0, path.length - 1));
    root.dataset.outcome = outcome;
    if (!path.length) {
      updateReadout();
      return;
    }
    const two = landscape.dims === 2;
    const xy = (p) => (two ? [p.position[0], p.position[1]] : [p.position[0], p.height]);
    // A runaway path is drawn up to the first point off the picture: past it, it would
    // only scribble across the picture. The ball's edge marker shows where it went.
    const points = path.map(xy);
    const firstOff = runaway ? points.findIndex(([x, y]) => !plot.contains(x, y)) : -1;
    plot.drawPath(firstOff < 0 ? points : points.slice(0, firstOff + 1), {
      className: "roll-downhill__trail",
    });
    const last = path[path.length - 1];
    const [bx, by] = xy(last);
    const chosen = shell.readAll({ learningRate: fields.learningRate });
    if (outcome !== "diverged" && chosen && plot.contains(bx, by)) {
      if (two) {
        const next = [
          last.position[0] - chosen.learningRate * last.gradient[0],
          last.position[1] - chosen.learningRate * last.gradient[1],
        ];
        if (Math.hypot(last.gradient[0], last.gradient[1]) > 1e-4)
          plot.drawArrow([bx, by], next, { className: "roll-downhill__next" });
      } else {
        plot.drawTangent(bx, by, last.gradient[0], { className: "roll-downhill__tangent" });
      }
    }
    const where = two
      ? `(${significant(last.position[0])}, ${significant(last.position[1])})`
      : `x = ${significant(last.position[0])}`;
    plot.drawBall(bx, by, { className: "roll-downhill__ball", label: `off the picture: ${where}` });
    plot.element.setAttribute(
      "aria-label",
      `${landscape.title}, ${landscape.formula}. ${path.length - 1} step${path.length === 2 ? "" : "s"} taken; now at ${where}, height ${significant(last.height)}.`,
    );
    updateReadout();
  }

  function updateReadout() {
    if (!path.length || !landscape) {
      for (const item of Object.values(readoutItems)) item.textContent = "—";
      return;
    }
    const last = path[path.length - 1];
    const two = landscape.dims === 2;
    readoutItems.steps.textContent = String(path.length - 1);
    readoutItems.position.textContent = two
      ? `x = ${significant(last.position[0])}, y = ${significant(last.position[1])}`
      : `x = ${significant(last.position[0])}`;
    readoutItems.slope.textContent = two
      ? `∂f/∂x = ${significant(last.gradient[0])}, ∂f/∂y = ${significant(last.gradient[1])}`
      : `f′(x) = ${significant(last.gradient[0])}`;
    readoutItems.height.textContent = `f = ${significant(last.height)}`;
  }

  // ---------------------------------------------------------------- words
  function valleyWords() {
    if (!minimum) return "";
    if (minimum.valleys > 1 && !minimum.lowest) {
      const lowest = landscape.minima.find((m) => m.lowest);
      return ` This is the higher valley. The lower one, near x = ${significant(lowest.position[0], 3)}, is out of reach: every step only goes downhill, and the hump in between is uphill.`;
    }
    return minimum.valleys > 1
      ? " This is the lower valley, the lowest point of the curve."
      : " This is the lowest point.";
  }

  function bouncing() {
    const n = path.length;
    if (n < 3) return false;
    const same = (a, b, tolerance) => a.position.every((v, i) => Math.abs(v - b.position[i]) <= tolerance);
    return same(path[n - 1], path[n - 3], 1e-9) && !same(path[n - 1], path[n - 2], 1e-3);
  }

  function growing() {
    const n = path.length;
    if (n < 3) return false;
    const size = (a, b) => Math.hypot(...a.position.map((v, i) => v - b.position[i]));
    return (
      size(path[n - 1], path[n - 2]) > 1.0001 * size(path[n - 2], path[n - 3]) &&
      reversed[reversed.length - 1]
    );
  }

  function where(p) {
    return landscape.dims === 2
      ? `(${significant(p.position[0])}, ${significant(p.position[1])})`
      : `x = ${significant(p.position[0])}`;
  }

  function describeStep(learningRate) {
    const n = path.length - 1;
    const last = path[n];
    if (outcome === "diverged") {
      describeRun(learningRate, 1, 1, outcome);
      return;
    }
    if (n === 0) {
      shell.setStatus("No step taken.");
      return;
    }
    const before = path[n - 1];
    const move =
      landscape.dims === 2
        ? `(${before.gradient.map((g) => significant(-learningRate * g)).join(", ")})`
        : significant(-learningRate * before.gradient[0]);
    let text = `Step ${n}: the slope was ${landscape.dims === 2 ? `(${before.gradient.map((g) => significant(g)).join(", ")})` : significant(before.gradient[0])}, so the position moved by −η × slope = ${move}, to ${where(last)}.`;
    if (landscape.name === "bowl" && factors[n - 1] != null)
      text += ` x was multiplied by ${significant(factors[n - 1])} (that is 1 − 2η).`;
    if (outcome === "settled") text += ` The slope is now 0: it has settled.${valleyWords()}`;
    else if (bouncing())
      text += " It is back where it was two steps ago: it will bounce between these two points forever.";
    else if (growing())
      text +=
        " It jumped across the valley and landed farther out than before: it is diverging. η is too large here.";
    else if (reversed[reversed.length - 1]) text += " It overshot: the step jumped across the valley floor.";
    if (!plot.contains(...(landscape.dims === 2 ? last.position : [last.position[0], last.height])))
      text += " It is now off the picture.";
    shell.setStatus(text, outcome === "diverged" ? "error" : "");
  }

  function describeRun(learningRate, shown, total, finalOutcome) {
    const n = path.length - 1;
    const last = path[n];
    const stoppedEarly = shown < total;
    let text;
    if (stoppedEarly)
      text = `Stopped after ${n} step${n === 1 ? "" : "s"}, at ${where(last)}. Press Run to go on.`;
    else if (finalOutcome === "settled")
      text = `Settled after ${n} step${n === 1 ? "" : "s"} at ${where(last)}: the slope there is 0, so the steps have shrunk to nothing.${valleyWords()}`;
    else if (finalOutcome === "diverged")
      text = `Diverged: every step overshot farther than the one before, and after ${n} steps the position has run off to ${where(last)}. η = ${significant(learningRate)} is too large for this landscape; try a smaller one.`;
    else if (finalOutcome === "bouncing" || bouncing()) {
      const a = path[n - 1],
        b = path[n];
      text = `Bouncing forever between ${where(a)} and ${where(b)}: each step jumps across the valley to the same height on the other side, so it never gets lower.`;
    } else {
      const zigzag = reversed.slice(-5).filter(Boolean).length >= 3;
      text = `Still moving after ${n} steps, at ${where(last)}. ${
        zigzag
          ? "It keeps overshooting, zigzagging across the valley."
          : "The steps are small: it is crawling. A larger η would go faster."
      } Press Run to go on.`;
    }
    shell.setStatus(text, finalOutcome === "diverged" && !stoppedEarly ? "error" : "");
    root.dataset.outcome = stoppedEarly
      ? "stopped"
      : finalOutcome === "moving" && bouncing()
        ? "bouncing"
        : finalOutcome;
  }

  // ---------------------------------------------------------------- presets and choices
  function usePreset(preset) {
    stopRun();
    select.value = preset.landscape;
    fields.x.input.value = String(preset.start[0]);
    if (preset.start.length > 1) fields.y.input.value = String(preset.start[1]);
    fields.learningRate.input.value = preset.learningRate;
    fields.learningRate.read();
    landscapeChanged(false);
  }

  function landscapeChanged(resetStart = true) {
    stopRun();
    if (resetStart) {
      const start = DEFAULTS[select.value];
      fields.x.input.value = String(start[0]);
      if (start.length > 1) fields.y.input.value = String(start[1]);
    }
    landscape = null;
    plot = null;
    path = [];
    pathStart = null;
    figure.replaceChildren();
    formula.textContent = "";
    tableBody.replaceChildren();
    updateReadout();
    showYField();
    restart({ fromFields: false });
  }

  select.addEventListener("change", () => landscapeChanged(true));
  for (const f of [fields.x, fields.y])
    f.input.addEventListener("change", () => restart({ fromFields: false }));
  fields.learningRate.input.addEventListener("change", () => {
    if (fields.learningRate.read().ok) drawPath();
  });

  // Draw the landscape as soon as the runtime is ready (it is prefetched when the demo
  // scrolls into view); until then the description and controls are there to read.
  showYField();
  const placeholder = h("p", {
    class: "demo__waiting",
    text: "The landscape appears here once the Python runtime has loaded.",
  });
  figure.append(placeholder);
  const unsubscribe = shell.runtime.onStatus((state) => {
    if (state === "ready" && !started && !destroyed) {
      started = true;
      restart();
    }
  });
  shell.cleanups.push(unsubscribe);
  shell.cleanups.push(
    onWidthChange(figure, () => {
      if (landscape && plot) drawLandscape();
    }),
  );

  return () => {
    destroyed = true;
    stopRun();
    shell.destroy();
  };
}
