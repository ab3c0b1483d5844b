// "Train the digit network": seeded random weights, the reader's learning rate,
// mini-batch size, epochs, hidden layer sizes, seed and training-set size; live cost
// and accuracy curves; Stop at any moment; then any held-out image with the ten
// outputs and the network's answer, and a gallery of the held-out digits it misreads
// (one tab stop: the arrow keys move between the digits, Enter shows one).
import { DemoShell } from "../demo-kit/shell.js";
import { h, uniqueId } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { ImagePicker } from "../demo-kit/image-picker.js";
import { LineChart } from "../lib/chart.js";
import { OutputBars, digitCanvas, drawDigit } from "../lib/digit.js";
import { rovingFocus } from "../lib/roving.js";
import { StoppedError, ReaderError } from "../runtime/client.js";
import { percent } from "../format.js";
import { yourNetworkPanel } from "../your-network/panel.js";
import { includeDigitsChoice } from "../your-network/train-digits.js";
import {
  aboutRun,
  epochCells,
  epochStatus,
  filterOptions,
  gallerySummary as galleryWords,
  miniBatchTooLarge,
  startStatus,
  stepStatus,
  stoppedStatus,
  thumbLabel,
  verdict,
} from "./train.model.js";

// A thumbnail sent as base64 bytes (0–255) → 784 values from 0 to 1.
function pixelsFrom(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return Array.from(bytes, (b) => b / 255);
}

export function mount(root) {
  const shell = new DemoShell(root);
  const fields = {
    learning_rate: shell.field({
      label: "Learning rate η",
      name: "learning_rate",
      value: "3",
      rule: LIMITS.learning_rate,
    }),
    mini_batch_size: shell.field({
      label: "Mini-batch size m",
      name: "mini_batch_size",
      value: "10",
      rule: LIMITS.mini_batch_size,
    }),
    epochs: shell.field({ label: "Epochs", name: "epochs", value: "10", rule: LIMITS.epochs }),
    hidden_sizes: shell.field({
      label: "Hidden layer sizes",
      name: "hidden_sizes",
      value: "16, 16",
      rule: LIMITS.hidden_size,
      list: LIMITS.hidden_layers,
      width: 10,
    }),
    seed: shell.field({ label: "Seed", name: "seed", value: "0", rule: LIMITS.seed }),
    train_size: shell.field({
      label: "Training images",
      name: "train_size",
      value: "4000",
      rule: LIMITS.train_size,
    }),
  };
  fields.hidden_sizes.input.setAttribute("inputmode", "text");
  shell.controls.append(
    h("p", {
      class: "demo__note train__note",
      text:
        "Hidden layer sizes: up to 3 layers of 1 to 128 neurons, separated by commas (leave empty for none). " +
        "Training images: the first 100 to 4,000 of the training set.",
    }),
  );
  const yourDigits = includeDigitsChoice(shell); // off by default
  const trainButton = shell.button("Train", () => train(), { primary: true });
  const stopButton = shell.button("Stop", () => job && job.stop(), { disabled: true });
  const resetButton = shell.button("Reset", () => reset());
  shell.controls.append(h("div", { class: "demo__buttons" }, trainButton, stopButton, resetButton));

  const charts = h("div", { class: "demo__charts" });
  shell.output.append(charts);
  const costChart = new LineChart(charts, {
    title: "Cost C on the training images",
    xLabel: "Epoch",
    series: [{ name: "cost C", className: "series-cost" }],
    yFormat: (v) => v.toFixed(2),
    valueFormat: (v) => v.toFixed(3),
  });
  const accuracyChart = new LineChart(charts, {
    title: "Accuracy",
    xLabel: "Epoch",
    yRange: [0, 1],
    yFormat: (v) => `${Math.round(100 * v)}%`,
    valueFormat: percent,
    series: [
      { name: "held-out images", className: "series-test" },
      { name: "training images", className: "series-train" },
    ],
  });

  // The numbers behind the charts, as a table (for screen readers, and for anyone).
  const tableBody = h("tbody");
  shell.output.append(
    h(
      "details",
      { class: "demo__numbers" },
      h("summary", { text: "The numbers, epoch by epoch" }),
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
              ["Epoch", "Cost C (training)", "Training accuracy", "Held-out accuracy"].map((t) =>
                h("th", { scope: "col", text: t }),
              ),
            ),
          ),
          tableBody,
        ),
      ),
    ),
  );

  // The held-out image viewer, shown once the network has finished an epoch.
  const viewer = h("section", {
    class: "demo__viewer",
    hidden: true,
    "aria-label": "Look at a held-out image",
  });
  viewer.append(h("h4", { text: "Look at a held-out image" }));
  const picker = new ImagePicker(shell, viewer, () => show());
  const indexField = picker.field;
  const canvas = digitCanvas("The held-out image");
  const answer = h("p", { class: "demo__answer", "aria-live": "polite" });
  const picture = h("div", { class: "demo__picture" }, canvas);
  const barsBox = h("div", { class: "demo__bars" });
  viewer.append(h("div", { class: "demo__inspect" }, picture, barsBox), answer);
  const bars = new OutputBars(barsBox);
  shell.output.append(viewer);

  // The gallery of held-out digits the network misreads; clicking one shows it in the viewer.
  const gallery = h("section", {
    class: "demo__gallery",
    hidden: true,
    "aria-label": "Held-out digits the network misreads",
  });
  const gallerySummary = h("p", { class: "train__gallery-summary", "aria-live": "polite" });
  const filter = h("select", { class: "train__gallery-filter", id: uniqueId("gallery-filter") });
  const thumbsHint = uniqueId("gallery-hint");
  const thumbs = h("ul", {
    class: "train__gallery-thumbs",
    "aria-label": "Misread held-out digits",
    "aria-describedby": thumbsHint,
  });
  const roving = rovingFocus(thumbs, { items: () => [...thumbs.querySelectorAll(".train__gallery-thumb")] });
  const moreButton = shell.button("Show more", () => loadGallery(false));
  gallery.append(
    h("h4", { text: "Held-out digits it misreads" }),
    gallerySummary,
    h(
      "div",
      { class: "demo__field train__gallery-field" },
      h("label", { for: filter.id, text: "Show" }),
      filter,
    ),
    h("p", {
      class: "demo__note train__gallery-hint",
      id: thumbsHint,
      text: "The digits are one stop for the Tab key: the arrow keys move between them, Enter shows one above.",
    }),
    thumbs,
    h("div", { class: "demo__buttons" }, moreButton),
  );
  filter.addEventListener("change", () => loadGallery(true));
  shell.output.append(gallery);
  const yours = yourNetworkPanel(shell, shell.output); // kept after each run: your network
  let galleryToken = 0;
  let galleryShown = 0;

  let job = null;
  let epochsDone = 0;

  function setRunning(running) {
    trainButton.disabled = running;
    stopButton.disabled = !running;
    resetButton.disabled = running;
    for (const field of Object.values(fields)) field.input.readOnly = running;
  }

  // The values, checked each alone and together (a mini-batch can't be larger than the training set).
  function readValues() {
    const values = shell.readAll(fields);
    if (!values) return null;
    const tooLarge = miniBatchTooLarge(values);
    if (tooLarge) {
      const input = fields.mini_batch_size.input;
      input.setAttribute("aria-invalid", "true");
      document.getElementById(input.getAttribute("aria-describedby")).textContent = tooLarge;
      return null;
    }
    return values;
  }

  async function train() {
    if (job) return; // one run at a time: the button is disabled while one runs
    const values = readValues();
    if (!values) {
      shell.setStatus("Fix the highlighted value to train.", "error");
      return;
    }
    values.your_digits = yourDigits.value();
    clearResults();
    const about = aboutRun(values, values.your_digits.length);
    costChart.setXMax(values.epochs);
    accuracyChart.setXMax(values.epochs);
    epochsDone = 0;
    delete root.dataset.firstProgressSeconds;
    delete root.dataset.epoch;
    setRunning(true);
    shell.setStatus(startStatus(about, shell.runtime.state === "ready"));
    const started = performance.now();
    job = shell.runtime.run("train", values, (report) => {
      if (!root.dataset.firstProgressSeconds)
        root.dataset.firstProgressSeconds = ((performance.now() - started) / 1000).toFixed(3);
      if (report.kind === "step") {
        shell.setStatus(stepStatus(report));
        return;
      }
      epochsDone = report.epoch;
      tableBody.append(
        h(
          "tr",
          { "data-epoch": report.epoch },
          epochCells(report).map((text) => h("td", { text })),
        ),
      );
      costChart.add(0, report.epoch, report.cost);
      accuracyChart.add(0, report.epoch, report.test_accuracy);
      accuracyChart.add(1, report.epoch, report.train_accuracy);
      shell.setStatus(epochStatus(report));
      root.dataset.epoch = report.epoch;
    });
    let kept = false; // does the worker still hold the network trained so far?
    try {
      await job.done;
      kept = true;
      shell.setStatus(`${shell.statusLine.textContent} Done.`, "done");
    } catch (error) {
      if (error instanceof StoppedError && error.restarted) {
        shell.setStatus(stoppedStatus(epochsDone, true), "stopped");
      } else if (error instanceof StoppedError) {
        kept = true;
        shell.setStatus(stoppedStatus(epochsDone, false), "stopped");
      } else if (error instanceof ReaderError) shell.setStatus(error.message, "error");
      else shell.setStatus(`Training failed: ${error.message}`, "error");
    } finally {
      job = null;
      setRunning(false);
      if (epochsDone > 0 && kept) {
        viewer.hidden = false;
        show();
        gallery.hidden = false;
        loadGallery(true);
        yours.keepTrained(values, epochsDone);
      }
    }
  }

  // The misread held-out digits, a page at a time (fresh: from the start, for the chosen digit).
  async function loadGallery(fresh) {
    const token = fresh ? ++galleryToken : galleryToken;
    const digit = filter.value === "" ? null : Number(filter.value);
    if (fresh) {
      thumbs.replaceChildren();
      galleryShown = 0;
      roving.set(0);
    }
    moreButton.disabled = true;
    let result;
    try {
      result = await shell.runtime.call("misread", {
        offset: galleryShown,
        ...(digit == null ? {} : { digit }),
      });
    } catch (error) {
      if (token === galleryToken && !(error instanceof StoppedError))
        gallerySummary.textContent = `Could not list the misread digits: ${error.message}`;
      return;
    }
    if (token !== galleryToken) return; // a newer request (or a new run) replaced this one
    if (fresh) {
      const chosen = filter.value;
      filter.replaceChildren(...filterOptions(result).map((option) => h("option", option)));
      filter.value = chosen;
      if (filter.selectedIndex < 0) filter.value = "";
    }
    gallerySummary.textContent = galleryWords(result);
    for (const item of result.items) {
      const canvas = h("canvas", {
        class: "train__gallery-digit",
        width: 28,
        height: 28,
        "aria-hidden": "true",
      });
      drawDigit(canvas, pixelsFrom(item.pixels));
      const button = h(
        "button",
        {
          type: "button",
          class: "train__gallery-thumb",
          "data-index": item.index,
          "aria-label": thumbLabel(item),
        },
        canvas,
        h(
          "span",
          { class: "train__gallery-caption" },
          h("span", { class: "train__gallery-guess", text: `read ${item.guess}` }),
          h("span", { class: "train__gallery-label", text: `is ${item.label}` }),
        ),
      );
      button.addEventListener("click", () => {
        for (const other of thumbs.querySelectorAll("[aria-current]")) other.removeAttribute("aria-current");
        button.setAttribute("aria-current", "true");
        picker.pick(item.index);
        viewer.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
      thumbs.append(h("li", {}, button));
    }
    roving.refresh();
    galleryShown += result.items.length;
    moreButton.hidden = galleryShown >= result.matching;
    moreButton.disabled = false;
    root.dataset.misread = String(result.total);
  }

  async function show() {
    const read = indexField.read();
    if (!read.ok) return;
    try {
      const result = await shell.runtime.call("inspect", { index: read.value, network: "trained" });
      drawDigit(canvas, result.pixels);
      canvas.setAttribute("aria-label", `Held-out image ${result.index}, a handwritten ${result.label}`);
      bars.set(result.outputs, { guess: result.guess, label: result.label });
      const { text, right } = verdict(result);
      answer.textContent = text;
      answer.dataset.correct = String(right);
    } catch (error) {
      answer.textContent = error instanceof StoppedError ? "" : `Could not run the image: ${error.message}`;
    }
  }

  // Charts, table, viewer and gallery emptied for a new run.
  function clearResults() {
    costChart.clear();
    accuracyChart.clear();
    tableBody.replaceChildren();
    viewer.hidden = true;
    gallery.hidden = true;
    galleryToken++;
  }

  function reset() {
    for (const field of Object.values(fields)) field.reset();
    clearResults();
    shell.setStatus("");
  }

  return () => {
    if (job) job.stop();
    shell.destroy();
  };
}
