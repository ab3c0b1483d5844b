// "Roll downhill" (lesson 4): gradient descent on a toy landscape. The reader picks a
// curve of one dial (two valleys, or the bowl x²) or a map of two dials, sets the start
// (typing, or clicking the picture) and the learning rate η, then presses Step
// (position ← position − η × slope, once) or Run (steps animated until it settles,
// bounces, runs away or reaches the cap). Every number comes from pylib.landscapes
// in the page's Python worker; the path and its words are kept by the model
// (roll-downhill.model.js); this view asks, draws and wires the controls.
import { DemoShell } from "../demo-kit/shell.js";
import { h, reducedMotion } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { LandscapePlot, fittedSize, onWidthChange } from "../lib/landscape-plot.js";
import { latestOnly } from "../demo-kit/latest.js";
import { explainError } from "../demo-kit/errors.js";
import { Walk } from "./roll-downhill.model.js";

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
  const walk = new Walk(); // the path taken so far, and its words
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
    walk.landscape = answer;
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
    tableHead.replaceChildren(...walk.tableHeadings().map((t) => h("th", { scope: "col", text: t })));
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
      if (!walk.path.length) started = false;
      return;
    }
    const name = landscape.name;
    try {
      const answer = await measureStart(name, start);
      if (destroyed || !landscape || landscape.name !== name) return;
      walk.begin(answer, start);
      tableBody.replaceChildren();
      appendRow(0);
      drawPath();
      shell.setStatus(
        walk.outcome === "settled"
          ? "The start is already on a valley floor: the slope there is 0, so a step goes nowhere."
          : "Ready: press Step to take one step, or Run to keep stepping.",
      );
    } catch (error) {
      if (!walk.path.length) started = false; // try again when the runtime is ready
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
    if (walk.startsElsewhere(start)) {
      await restart({ fromFields: false });
      if (!walk.path.length) return null;
    }
    const blocked = walk.blocked();
    if (blocked) {
      shell.setStatus(blocked.text, blocked.kind);
      return null;
    }
    const answer = await shell.runtime.call("downhill_descend", {
      landscape: landscape.name,
      continue_from: walk.last.position,
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

  // Append `count` points of an answer (its point `upTo` last): to the path, the table, the picture.
  function addPoints(answer, count, upTo = count) {
    for (const index of walk.addPoints(answer, count, upTo)) appendRow(index);
    drawPath();
  }

  function appendRow(index) {
    tableBody.append(
      h(
        "tr",
        { "data-step": index },
        walk.tableRow(index).map((t) => h("td", { text: t })),
      ),
    );
    while (tableBody.childElementCount > TABLE_ROWS) tableBody.firstElementChild.remove();
  }

  // ---------------------------------------------------------------- drawing
  function drawPath() {
    if (!plot) return;
    plot.clear("trail");
    plot.clearBall();
    root.dataset.steps = String(walk.steps);
    root.dataset.outcome = walk.outcome;
    if (!walk.path.length) {
      updateReadout();
      return;
    }
    const two = walk.two;
    const xy = (p) => walk.xy(p);
    // A runaway path is drawn up to the first point off the picture: past it, it would
    // only scribble across the picture. The ball's edge marker shows where it went.
    const points = walk.path.map(xy);
    const firstOff = walk.runaway ? points.findIndex(([x, y]) => !plot.contains(x, y)) : -1;
    plot.drawPath(firstOff < 0 ? points : points.slice(0, firstOff + 1), {
      className: "roll-downhill__trail",
    });
    const last = walk.last;
    const [bx, by] = xy(last);
    const chosen = shell.readAll({ learningRate: fields.learningRate });
    if (walk.outcome !== "diverged" && chosen && plot.contains(bx, by)) {
      if (two) {
        const next = walk.nextPosition(chosen.learningRate);
        if (Math.hypot(last.gradient[0], last.gradient[1]) > 1e-4)
          plot.drawArrow([bx, by], next, { className: "roll-downhill__next" });
      } else {
        plot.drawTangent(bx, by, last.gradient[0], { className: "roll-downhill__tangent" });
      }
    }
    plot.drawBall(bx, by, {
      className: "roll-downhill__ball",
      label: `off the picture: ${walk.where(last)}`,
    });
    plot.element.setAttribute("aria-label", walk.summary());
    updateReadout();
  }

  function updateReadout() {
    const words = walk.path.length && landscape ? walk.readout() : {};
    for (const [key, item] of Object.entries(readoutItems)) item.textContent = words[key] ?? "—";
  }

  // ---------------------------------------------------------------- words
  function describeStep(learningRate) {
    const said = walk.describeStep(learningRate, plot.contains(...walk.xy(walk.last)));
    shell.setStatus(said.text, said.kind);
    if (said.outcome) root.dataset.outcome = said.outcome;
  }

  function describeRun(learningRate, shown, total, finalOutcome) {
    const said = walk.describeRun(learningRate, shown, total, finalOutcome);
    shell.setStatus(said.text, said.kind);
    root.dataset.outcome = said.outcome;
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
    walk.reset();
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
