// "Train the digit network": seeded random weights, the reader's learning rate,
// mini-batch size and epochs; live cost and held-out accuracy; Stop at any moment;
// then any held-out image with the ten outputs and the network's answer.
import { DemoShell, h } from "./shell.js";
import { LIMITS } from "./limits.js";
import { LineChart } from "../lib/chart.js";
import { drawDigit, OutputBars } from "../lib/digit.js";
import { StoppedError, ReaderError } from "../runtime/client.js";

const percent = (v) => `${(100 * v).toFixed(1)}%`;

export function mount(root) {
  const shell = new DemoShell(root);
  const fields = {
    learning_rate: shell.field({ label: "Learning rate η", name: "learning_rate", value: "3", rule: LIMITS.learning_rate }),
    mini_batch_size: shell.field({ label: "Mini-batch size m", name: "mini_batch_size", value: "10", rule: LIMITS.mini_batch_size }),
    epochs: shell.field({ label: "Epochs", name: "epochs", value: "10", rule: LIMITS.epochs }),
  };
  const trainButton = shell.button("Train", () => train(), { primary: true });
  const stopButton = shell.button("Stop", () => job && job.stop(), { disabled: true });
  const resetButton = shell.button("Reset", () => reset());
  shell.controls.append(h("div", { class: "demo__buttons" }, trainButton, stopButton, resetButton));

  const charts = h("div", { class: "demo__charts" });
  shell.output.append(charts);
  const costChart = new LineChart(charts, {
    title: "Cost C on the training images", xLabel: "Epoch",
    series: [{ name: "cost C", className: "series-cost" }], yFormat: (v) => v.toFixed(2),
  });
  const accuracyChart = new LineChart(charts, {
    title: "Accuracy", xLabel: "Epoch", yRange: [0, 1], yFormat: (v) => `${Math.round(100 * v)}%`,
    series: [{ name: "held-out images", className: "series-test" }, { name: "training images", className: "series-train" }],
  });

  // The numbers behind the charts, as a table (for screen readers, and for anyone).
  const tableBody = h("tbody");
  shell.output.append(h("details", { class: "demo__numbers" }, h("summary", { text: "The numbers, epoch by epoch" }),
    h("div", { class: "demo__table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ["Epoch", "Cost C (training)", "Training accuracy", "Held-out accuracy"].map((t) => h("th", { scope: "col", text: t })))),
      tableBody))));

  // The held-out image viewer, shown once the network has finished an epoch.
  const viewer = h("section", { class: "demo__viewer", hidden: true, "aria-label": "Look at a held-out image" });
  const indexField = shell.field({ label: "Held-out image (0–999)", name: "image_index", value: "0", rule: LIMITS.image_index, width: 4 });
  viewer.append(h("h4", { text: "Look at a held-out image" }), indexField.input.parentElement);
  indexField.input.addEventListener("change", () => show());
  indexField.input.addEventListener("keydown", (event) => { if (event.key === "Enter") show(); });
  const step = (delta) => { const r = indexField.read(); const i = r.ok ? r.value : 0; indexField.input.value = String((i + delta + 1000) % 1000); show(); };
  viewer.append(h("div", { class: "demo__buttons" },
    shell.button("Previous", () => step(-1)), shell.button("Next", () => step(1)),
    shell.button("Random", () => { indexField.input.value = String(Math.floor(Math.random() * 1000)); show(); })));
  const canvas = h("canvas", { class: "digit", width: 28, height: 28, role: "img", "aria-label": "The held-out image" });
  const answer = h("p", { class: "demo__answer", "aria-live": "polite" });
  const picture = h("div", { class: "demo__picture" }, canvas);
  const barsBox = h("div", { class: "demo__bars" });
  viewer.append(h("div", { class: "demo__inspect" }, picture, barsBox), answer);
  const bars = new OutputBars(barsBox);
  shell.output.append(viewer);

  let job = null;
  let epochsDone = 0;

  function setRunning(running) {
    trainButton.disabled = running;
    stopButton.disabled = !running;
    resetButton.disabled = running;
    for (const field of Object.values(fields)) field.input.readOnly = running;
  }

  async function train() {
    if (job) return; // one run at a time: the button is disabled while one runs
    const values = shell.readAll(fields);
    if (!values) { shell.setStatus("Fix the highlighted value to train.", "error"); return; }
    costChart.clear(); accuracyChart.clear(); tableBody.replaceChildren();
    costChart.setXMax(values.epochs); accuracyChart.setXMax(values.epochs);
    epochsDone = 0;
    delete root.dataset.firstProgressSeconds;
    delete root.dataset.epoch;
    setRunning(true);
    shell.setStatus(shell.runtime.state === "ready" ? "Training…" : "Waiting for the Python runtime…");
    const started = performance.now();
    job = shell.runtime.run("train", values, (report) => {
      if (!root.dataset.firstProgressSeconds) root.dataset.firstProgressSeconds = ((performance.now() - started) / 1000).toFixed(3);
      if (report.kind === "step") {
        shell.setStatus(`Epoch ${report.epoch} of ${report.epochs}: step ${report.step_in_epoch} of ${report.steps_per_epoch}…`);
        return;
      }
      epochsDone = report.epoch;
      tableBody.append(h("tr", { "data-epoch": report.epoch },
        h("td", { text: String(report.epoch) }),
        h("td", { text: report.cost == null ? "—" : report.cost.toFixed(4) }),
        h("td", { text: percent(report.train_accuracy) }),
        h("td", { text: percent(report.test_accuracy) })));
      costChart.add(0, report.epoch, report.cost);
      accuracyChart.add(0, report.epoch, report.test_accuracy);
      accuracyChart.add(1, report.epoch, report.train_accuracy);
      const cost = report.cost == null ? "too large to measure" : report.cost.toFixed(4);
      shell.setStatus(`Epoch ${report.epoch} of ${report.epochs}: cost ${cost}, held-out accuracy ${percent(report.test_accuracy)} (${report.seconds.toFixed(1)} s of training).`);
      root.dataset.epoch = report.epoch;
    });
    try {
      await job.done;
      shell.setStatus(`${shell.statusLine.textContent} Done.`, "done");
    } catch (error) {
      if (error instanceof StoppedError) shell.setStatus(`Stopped after ${epochsDone} epoch${epochsDone === 1 ? "" : "s"}. ${epochsDone ? "The network keeps what it learned so far." : ""}`, "stopped");
      else if (error instanceof ReaderError) shell.setStatus(error.message, "error");
      else shell.setStatus(`Training failed: ${error.message}`, "error");
    } finally {
      job = null;
      setRunning(false);
      if (epochsDone > 0) { viewer.hidden = false; show(); }
    }
  }

  async function show() {
    const read = indexField.read();
    if (!read.ok) return;
    try {
      const result = await shell.runtime.call("inspect", { index: read.value, network: "trained" });
      drawDigit(canvas, result.pixels);
      canvas.setAttribute("aria-label", `Held-out image ${result.index}, a handwritten ${result.label}`);
      bars.set(result.outputs, { guess: result.guess, label: result.label });
      const right = result.guess === result.label;
      answer.textContent = `The network answers ${result.guess}; the image is a ${result.label}. ${right ? "Right." : "Wrong."}`;
      answer.dataset.correct = String(right);
    } catch (error) {
      answer.textContent = error instanceof StoppedError ? "" : `Could not run the image: ${error.message}`;
    }
  }

  function reset() {
    for (const field of Object.values(fields)) field.reset();
    costChart.clear(); accuracyChart.clear(); tableBody.replaceChildren();
    viewer.hidden = true;
    shell.setStatus("");
  }

  return () => { if (job) job.stop(); shell.destroy(); };
}
