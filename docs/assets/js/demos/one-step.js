// "One step, slowed down" (lesson 8): a training 7 that a partly trained network reads
// as a 1 (found by the build, sitebuild/one_step.py), and one step of gradient descent
// on it, phase by phase: forward pass (layers light up left to right), cost (one
// number: the reader's height on the landscape), backward pass (desires flow right to
// left), update (the knobs move, the ball rolls down), and the outputs before and after,
// with what the step did to the 1,000 held-out digits beside what an ordinary training
// step (a mini-batch of ten, this 7 among them) does. The step's size is, by default,
// this image's share of such an ordinary step: η/m.
// Next, Back and Restart, the phase buttons, or the arrow keys on the picture walk
// through the phases. The numbers come from pylib (pylib/demos/one_step.py); the words
// and the arithmetic of the pictures are the model's (one-step.model.js), with no DOM.
import { DemoShell } from "../demo-kit/shell.js";
import { h, svg, reducedMotion } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { parseNumber } from "../demo-kit/validate.js";
import { count, fixed, percent } from "../format.js";
import { drawDigit, OutputBars } from "../lib/digit.js";
import { keepLegible } from "../lib/legible.js";
import { ReaderError, StoppedError } from "../runtime/client.js";
import { ownOrYours } from "../your-network/choice.js";
import {
  DIALS,
  LAYER_NAMES,
  PHASES,
  STEP_LEARNING_RATE,
  biggestCostParts,
  clampPhase,
  dialAngle,
  heightAt,
  knobWords,
  phaseWords,
} from "./one-step.model.js";

export function mount(root) {
  const shell = new DemoShell(root);
  const which = ownOrYours(shell.controls, "partly", "The partly trained network that misreads it", () => {
    data = null;
    go(0);
    load();
  });
  const learningRateField = shell.field({
    label: "Learning rate η for this step",
    name: "learning_rate",
    value: STEP_LEARNING_RATE,
    rule: LIMITS.learning_rate,
    width: 6,
    hint: "0.3: this image's share of a training step (η = 3 over m = 10)",
  });
  const backButton = shell.button("Back", () => go(phase - 1));
  const nextButton = shell.button("Next", () => next(), { primary: true });
  const restartButton = shell.button("Restart", () => go(0));
  shell.controls.append(h("div", { class: "demo__buttons" }, backButton, nextButton, restartButton));
  learningRateField.input.addEventListener("change", () => {
    if (!learningRateField.read().ok) {
      shell.setStatus("Fix the learning rate to take the step.", "error");
      return;
    }
    data = null; // a new step size: take the step again from the start
    shell.setStatus("");
    go(0);
    load();
  });

  // ---------------------------------------------------------------- the phases
  // The phases, numbered; each a button that goes straight to it.
  const steps = h(
    "ol",
    { class: "one-step__phases", "aria-label": "The phases of the step" },
    PHASES.map((name, i) =>
      h(
        "li",
        {},
        h("button", {
          type: "button",
          class: "one-step__phase",
          "data-phase": i,
          text: `${i + 1}. ${name}`,
          onclick: () => jump(i),
        }),
      ),
    ),
  );
  const stage = h("div", {
    class: "one-step__stage",
    tabindex: 0,
    role: "group",
    "aria-label": "One step, phase by phase (Left and Right arrow keys move between phases)",
  });
  const network = keepLegible(
    svg("svg", { viewBox: "0 0 480 312", class: "one-step__network", role: "img" }),
  );
  const phaseText = h("p", { class: "one-step__text", "aria-live": "polite" });
  const details = h("div", { class: "one-step__details" });
  const picture = keepLegible(
    svg("svg", { viewBox: "0 0 300 258", class: "one-step__picture", role: "img" }),
  );
  const figure = h("figure", { class: "one-step__figure" });
  stage.append(h("div", { class: "one-step__main" }, network), phaseText, figure);
  figure.append(
    picture,
    h("figcaption", {
      text:
        "The dials are the four knobs this step moves most, named as the lessons write them: " +
        "wˡⱼ,ₖ is the weight into neuron j of layer l from neuron k of the layer before, bˡⱼ a bias (outputs are " +
        "numbered by their digit). The ball's height is the cost Cₓ for this image, along the direction of the step.",
    }),
  );
  shell.output.append(steps, stage);
  stage.append(details);
  stage.addEventListener("keydown", (event) => {
    const moves = { ArrowRight: () => next(), ArrowLeft: () => go(phase - 1), Home: () => go(0) };
    if (moves[event.key] && event.target === stage) {
      event.preventDefault();
      moves[event.key]();
    }
  });

  let data = null;
  let phase = 0;
  let loading = null;
  let timers = [];

  // ---------------------------------------------------------------- loading the step
  function load() {
    if (loading) return loading;
    const learningRate = parseNumber(learningRateField.input.value, LIMITS.learning_rate);
    if (!learningRate.ok) {
      learningRateField.read();
      return Promise.resolve(null);
    }
    shell.waitForRuntime();
    const started = performance.now();
    loading = shell.runtime
      .call("one_step", { learning_rate: learningRate.value, weights: which.value })
      .then((result) => {
        data = result;
        root.dataset.firstResultSeconds = ((performance.now() - started) / 1000).toFixed(3);
        shell.setStatus("");
        build();
        render(false);
        return result;
      })
      .catch((error) => {
        if (!(error instanceof StoppedError)) {
          shell.setStatus(
            error instanceof ReaderError ? error.message : `Could not take the step: ${error.message}`,
            "error",
          );
        }
        return null;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  async function next() {
    if (!data) {
      if (!learningRateField.read().ok) {
        shell.setStatus("Fix the learning rate to take the step.", "error");
        return;
      }
      nextButton.disabled = true;
      const result = await load();
      nextButton.disabled = false;
      if (!result) return;
    }
    go(phase + 1);
  }

  async function jump(to) {
    if (!data && to > 0) {
      if (!learningRateField.read().ok) {
        shell.setStatus("Fix the learning rate to take the step.", "error");
        return;
      }
      if (!(await load())) return;
    }
    go(to);
  }

  function go(to) {
    const target = clampPhase(to);
    const forward = target === phase + 1;
    phase = target;
    render(forward);
  }

  // ---------------------------------------------------------------- the network picture
  const X = [52, 190, 315, 440];
  const neuronY = (layer, i) => (layer === 3 ? 28 + i * 27.5 : 22 + i * 17);
  let parts = null;

  // The network for this step; before the step is taken, an empty outline of it.
  function build(d = data) {
    network.replaceChildren();
    const sizes = d.sizes;
    const links = svg("g", { class: "one-step__links" });
    // pixels → hidden 1: a fan from the image to each neuron
    for (let j = 0; j < sizes[1]; j++)
      links.append(
        svg("line", { x1: 94, y1: 150, x2: X[1] - 8, y2: neuronY(1, j), "data-layer": 1, "data-j": j }),
      );
    for (let l = 2; l <= 3; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        for (let k = 0; k < sizes[l - 1]; k++) {
          links.append(
            svg("line", {
              x1: X[l - 1] + 8,
              y1: neuronY(l - 1, k),
              x2: X[l] - (l === 3 ? 11 : 8),
              y2: neuronY(l, j),
            }),
          );
        }
      }
    }
    const changed = svg("g", { class: "one-step__changed" });
    const canvas = h("canvas", { width: 28, height: 28 });
    drawDigit(canvas, d.pixels);
    const image = svg("image", {
      x: 10,
      y: 108,
      width: 84,
      height: 84,
      href: canvas.toDataURL(),
      class: "one-step__image",
      "data-layer": 0,
      "aria-hidden": "true",
    });
    const frame = svg("rect", {
      x: 10,
      y: 108,
      width: 84,
      height: 84,
      class: "one-step__frame one-step__layer",
      "data-layer": 0,
    });
    const neurons = [[], [], [], []];
    const desires = [[], [], [], []];
    const layers = [frame];
    for (let l = 1; l <= 3; l++) {
      const group = svg("g", { class: "one-step__layer", "data-layer": l });
      for (let j = 0; j < sizes[l]; j++) {
        const r = l === 3 ? 11 : 7.5;
        const circle = svg("circle", { cx: X[l], cy: neuronY(l, j), r, class: "one-step__neuron" });
        const arrow = svg("path", { class: "one-step__desire", d: "" });
        group.append(circle, arrow);
        neurons[l].push(circle);
        desires[l].push(arrow);
        if (l === 3)
          group.append(
            svg("text", { x: X[l] + 18, y: neuronY(l, j) + 4.5, class: "one-step__digit" }, String(j)),
          );
      }
      layers.push(group);
    }
    const target = svg("circle", { cx: X[3], cy: neuronY(3, d.label), r: 15, class: "one-step__target" });
    const labels = svg("g", { class: "one-step__labels" });
    ["pixels", "hidden 1", "hidden 2", "outputs"].forEach((name, l) =>
      labels.append(svg("text", { x: X[l], y: 306, "text-anchor": "middle" }, name)),
    );
    network.append(links, changed, image, ...layers, target, labels);
    parts = { neurons, desires, layers, target, changed };
    figure.hidden = !data;
    if (data) buildPicture();
  }

  function shade(circle, a) {
    circle.style.setProperty("--a", Math.min(1, Math.max(0, a)).toFixed(3));
  }

  // Light the layers one after another (left to right), or the desires (right to left).
  function sequence(order, className, animate) {
    for (const layer of parts.layers) layer.classList.remove(className);
    const delay = animate && !reducedMotion() ? 380 : 0;
    order.forEach((l, i) => {
      const light = () => parts.layers[l].classList.add(className);
      if (delay) timers.push(setTimeout(light, i * delay));
      else light();
    });
  }

  function drawDesires(show) {
    data.deltas.forEach((delta, index) => {
      const l = index + 1;
      const largest = Math.max(...delta.map(Math.abs)) || 1;
      delta.forEach((d, j) => {
        const arrow = parts.desires[l][j];
        if (!show || Math.abs(d) < largest * 0.04) {
          arrow.setAttribute("d", "");
          return;
        }
        // A desire is −δ: the way this neuron's weighted input should move to lower the cost.
        const up = d < 0;
        const size = 4 + (9 * Math.abs(d)) / largest;
        const x = X[l] + (l === 3 ? 30 : 11),
          y = neuronY(l, j);
        arrow.setAttribute(
          "d",
          up
            ? `M${x - 4},${y + size / 2}L${x + 4},${y + size / 2}L${x},${y - size / 2}Z`
            : `M${x - 4},${y - size / 2}L${x + 4},${y - size / 2}L${x},${y + size / 2}Z`,
        );
        arrow.setAttribute(
          "class",
          `one-step__desire ${up ? "one-step__desire--up" : "one-step__desire--down"}`,
        );
      });
    });
  }

  function drawChanges(show) {
    parts.changed.replaceChildren();
    if (!show) return;
    for (const c of data.changes) {
      const cls = `one-step__change ${c.change > 0 ? "one-step__change--up" : "one-step__change--down"}`;
      if (c.kind === "bias") {
        parts.changed.append(
          svg("circle", {
            cx: X[c.layer],
            cy: neuronY(c.layer, c.j),
            r: c.layer === 3 ? 16 : 11,
            class: `${cls} one-step__change--bias`,
          }),
        );
      } else if (c.layer === 1) {
        parts.changed.append(svg("line", { x1: 94, y1: 150, x2: X[1] - 8, y2: neuronY(1, c.j), class: cls }));
      } else {
        parts.changed.append(
          svg("line", {
            x1: X[c.layer - 1] + 8,
            y1: neuronY(c.layer - 1, c.k),
            x2: X[c.layer] - 8,
            y2: neuronY(c.layer, c.j),
            class: cls,
          }),
        );
      }
    }
  }

  // ---------------------------------------------------------------- dials above a landscape
  let ball = null,
    dials = [];
  const LX = (t) => 40 + ((t + 0.5) / 2.5) * 245;
  let LY = () => 0;

  function buildPicture() {
    picture.replaceChildren();
    dials = data.changes.slice(0, DIALS).map((c, i) => {
      const cx = 38 + i * 75,
        cy = 38;
      const group = svg("g", { class: "one-step__dial" });
      group.append(svg("circle", { cx, cy, r: 19, class: "one-step__dial-face" }));
      for (let tick = -3; tick <= 3; tick++) {
        const angle = (tick * 45 * Math.PI) / 180;
        group.append(
          svg("line", {
            x1: cx + 15 * Math.sin(angle),
            y1: cy - 15 * Math.cos(angle),
            x2: cx + 19 * Math.sin(angle),
            y2: cy - 19 * Math.cos(angle),
            class: "one-step__dial-tick",
          }),
        );
      }
      const needle = svg("line", { x1: cx, y1: cy, x2: cx, y2: cy - 16, class: "one-step__dial-needle" });
      needle.style.transformOrigin = `${cx}px ${cy}px`;
      group.append(
        needle,
        svg("circle", { cx, cy, r: 2.5, class: "one-step__dial-hub" }),
        svg(
          "text",
          { x: cx, y: cy + 33, "text-anchor": "middle", class: "one-step__dial-label" },
          knobWords(c).short,
        ),
      );
      picture.append(group);
      return { needle, c };
    });
    picture.append(
      svg(
        "text",
        { x: 150, y: 92, "text-anchor": "middle", class: "one-step__more" },
        `… and ${count(data.knobs - dials.length)} more dials`,
      ),
    );

    const costs = data.landscape.map(([, cost]) => cost);
    const top = Math.max(...costs) * 1.1;
    LY = (cost) => 222 - (Math.min(cost, top) / top) * 112;
    const d = data.landscape
      .map(([t, cost], i) => `${i ? "L" : "M"}${LX(t).toFixed(1)},${LY(cost).toFixed(1)}`)
      .join("");
    picture.append(
      svg("path", { d: `${d}L${LX(2)},222L${LX(-0.5)},222Z`, class: "one-step__ground" }),
      svg("path", { d, class: "one-step__curve" }),
      svg("line", { x1: 40, y1: 222, x2: 285, y2: 222, class: "one-step__axis" }),
      svg("line", { x1: 40, y1: 110, x2: 40, y2: 222, class: "one-step__axis" }),
      svg("text", { x: 34, y: 114, "text-anchor": "end", class: "one-step__tick" }, fixed(top, 2)),
      svg("text", { x: 34, y: 225, "text-anchor": "end", class: "one-step__tick" }, "0"),
      svg("text", { x: LX(0), y: 238, "text-anchor": "middle", class: "one-step__tick" }, "before"),
      svg("text", { x: LX(1), y: 238, "text-anchor": "middle", class: "one-step__tick" }, "after"),
      svg("text", { x: 162, y: 252, "text-anchor": "middle", class: "one-step__tick" }, "along the step →"),
      svg(
        "text",
        { x: 12, y: 168, "text-anchor": "middle", class: "one-step__tick", transform: "rotate(-90 12 168)" },
        "height = Cₓ",
      ),
    );
    ball = svg("circle", { r: 7, class: "one-step__ball" });
    picture.append(ball);
  }

  function placeBall(t) {
    const cost = heightAt(data.landscape, t);
    ball.setAttribute("cx", LX(t).toFixed(1));
    ball.setAttribute("cy", (LY(cost) - 7).toFixed(1));
  }

  let rolling = 0; // the current roll; an older one stops at its next frame
  function rollBall(from, to, animate) {
    const roll = ++rolling;
    if (!animate || reducedMotion()) {
      placeBall(to);
      return;
    }
    const started = performance.now();
    const frame = (now) => {
      if (roll !== rolling || !ball.isConnected) return;
      const progress = Math.min(1, (now - started) / 1100);
      placeBall(from + (to - from) * (1 - (1 - progress) ** 2));
      if (progress < 1) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  function setDials(after) {
    for (const { needle, c } of dials) {
      const value = after ? c.after : c.before;
      needle.style.transform = `rotate(${dialAngle(value).toFixed(1)}deg)`;
    }
  }

  // ---------------------------------------------------------------- each phase
  function render(animate) {
    for (const timer of timers) clearTimeout(timer);
    timers = [];
    rolling++;
    for (const button of steps.querySelectorAll("button")) {
      const i = Number(button.dataset.phase);
      if (i === phase) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
      button.classList.toggle("one-step__phase--done", i < phase);
    }
    backButton.disabled = phase === 0;
    nextButton.disabled = phase === PHASES.length - 1;
    if (nextButton.disabled && document.activeElement === nextButton) restartButton.focus();
    if (backButton.disabled && document.activeElement === backButton) nextButton.focus();
    root.dataset.phase = String(phase);
    details.replaceChildren();
    if (!data) {
      phaseText.textContent =
        "A training 7 that a partly trained network reads as a 1. Press Next to watch one step of " +
        "gradient descent on it, phase by phase.";
      network.setAttribute("aria-label", "The network, not loaded yet.");
      picture.setAttribute("aria-label", "Dials above a landscape, not loaded yet.");
      return;
    }
    const b = data.before,
      a = data.after,
      label = data.label;
    stage.className = `one-step__stage one-step__stage--phase-${phase}`;

    // forward pass: activations as shades; lit left to right when the forward phase is entered
    data.before.activations.forEach((values, index) =>
      values.forEach((v, j) => shade(parts.neurons[index + 1][j], v)),
    );
    if (phase === 1) sequence([0, 1, 2, 3], "one-step__layer--lit", animate);
    else sequence(phase >= 1 ? [0, 1, 2, 3] : [], "one-step__layer--lit", false);
    parts.target.classList.toggle("one-step__target--shown", phase >= 2);
    drawDesires(phase === 3);
    if (phase === 3) sequence([3, 2, 1], "one-step__layer--desiring", animate);
    else sequence([], "one-step__layer--desiring", false);
    drawChanges(phase === 4);
    // after the step, every layer's activations for this image are the new network's
    if (phase >= 5)
      data.after.activations.forEach((values, index) =>
        values.forEach((v, j) => shade(parts.neurons[index + 1][j], v)),
      );

    ball.style.display = phase >= 2 ? "" : "none";
    if (phase === 4) rollBall(0, 1, animate);
    else {
      rolling++;
      placeBall(phase >= 5 ? 1 : 0);
    }
    setDials(phase >= 4);
    picture.classList.toggle("one-step__picture--moving", phase === 4 && animate);

    const outputs = phase >= 5 ? a.outputs : b.outputs;
    network.setAttribute(
      "aria-label",
      `The network reading training image ${data.index}, a handwritten ${label}: ` +
        `${phase >= 1 ? `its most lit output is ${phase >= 5 ? a.guess : b.guess} (${fixed(Math.max(...outputs), 2)})` : "press Next for the forward pass"}.`,
    );
    picture.setAttribute(
      "aria-label",
      phase < 2
        ? "Dials above a landscape; the height is not measured yet."
        : `Dials above a landscape: the ball's height is the cost, ${fixed(phase >= 4 ? a.cost : b.cost, 3)}.`,
    );

    phaseText.textContent = phaseWords(data, phase);
    phaseDetails[phase]?.();
  }

  const phaseDetails = {
    2: () => {
      const rows = biggestCostParts(data, 3);
      details.append(
        h("p", { class: "one-step__cost", text: `Cₓ = ½ Σ (aⱼ − yⱼ)² = ${fixed(data.before.cost, 3)}` }),
        h("p", {
          class: "one-step__small",
          text:
            "Its biggest parts: " +
            rows
              .map((r) => `output ${r.j} (${fixed(r.v, 2)}, wanted ${r.y}): ${fixed(r.part, 3)}`)
              .join("; ") +
            ".",
        }),
      );
    },
    3: () => {
      const largest = Math.max(...data.layers.map((l) => l.gradient_size));
      const list = h("ul", {
        class: "one-step__bars",
        "aria-label": "Size of the gradient for the knobs feeding each layer",
      });
      for (const layer of [...data.layers].reverse()) {
        const bar = h("span", { class: "one-step__bar-fill" });
        bar.style.width = `${((100 * layer.gradient_size) / largest).toFixed(1)}%`;
        list.append(
          h(
            "li",
            {},
            h("span", {
              class: "one-step__bar-name",
              text: `${LAYER_NAMES[layer.layer]} (${count(layer.weights + layer.biases)} knobs)`,
            }),
            h("span", { class: "one-step__bar-track" }, bar),
            h("span", { class: "one-step__bar-value", text: fixed(layer.gradient_size, 3) }),
          ),
        );
      }
      details.append(
        h("p", { class: "one-step__small", text: "Size of the gradient for the knobs feeding each layer:" }),
        list,
      );
    },
    4: () => {
      const table = h(
        "table",
        { class: "one-step__changes" },
        h("caption", { text: "The largest changes" }),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Knob", "Before", "After", "Change"].map((t) => h("th", { scope: "col", text: t })),
          ),
        ),
        h(
          "tbody",
          {},
          data.changes.map((c) =>
            h(
              "tr",
              { class: c.change > 0 ? "one-step__row--up" : "one-step__row--down" },
              h("td", { text: knobWords(c).long }),
              h("td", { text: fixed(c.before, 2) }),
              h("td", { text: fixed(c.after, 2) }),
              h("td", { text: `${c.change > 0 ? "+" : ""}${fixed(c.change, 2)}` }),
            ),
          ),
        ),
      );
      details.append(h("div", { class: "demo__table-wrap" }, table));
    },
    5: () => {
      const batch = data.mini_batch,
        held = data.held_out;
      const row = (name, accuracy, right, wrong) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", text: name }),
          h("td", { text: percent(accuracy) }),
          h("td", { text: right == null ? "" : count(right) }),
          h("td", { text: wrong == null ? "" : count(wrong) }),
        );
      details.append(
        h(
          "div",
          { class: "demo__table-wrap" },
          h(
            "table",
            { class: "one-step__changes one-step__held-out" },
            h("caption", { text: "The 1,000 held-out digits" }),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["", "Accuracy", "Now right", "Now wrong"].map((t) => h("th", { scope: "col", text: t })),
              ),
            ),
            h(
              "tbody",
              {},
              row("Before", data.before.test_accuracy, null, null),
              row(
                `After this step (1 image, η = ${data.learning_rate})`,
                data.after.test_accuracy,
                held.now_right,
                held.now_wrong,
              ),
              row(
                `After an ordinary step (${batch.size} images, η = ${batch.learning_rate})`,
                batch.test_accuracy_after,
                batch.now_right,
                batch.now_wrong,
              ),
            ),
          ),
        ),
      );
      const box = h("div", { class: "one-step__compare" });
      const before = h(
        "div",
        {},
        h("p", { class: "one-step__small", text: `Before the step (Cₓ = ${fixed(data.before.cost, 3)})` }),
      );
      const after = h(
        "div",
        {},
        h("p", { class: "one-step__small", text: `After the step (Cₓ = ${fixed(data.after.cost, 3)})` }),
      );
      box.append(before, after);
      details.append(box);
      new OutputBars(before, { caption: "Outputs before the step" }).set(data.before.outputs, {
        guess: data.before.guess,
        label: data.label,
      });
      new OutputBars(after, { caption: "Outputs after the step" }).set(data.after.outputs, {
        guess: data.after.guess,
        label: data.label,
      });
    },
  };

  build({ sizes: [784, 16, 16, 10], pixels: new Array(784).fill(0), label: 7 }); // the outline, until the step is taken
  render(false);
  // Take the step as soon as the runtime is ready (prefetched when the demo comes into view).
  const unwatch = shell.runtime.onStatus((state) => {
    if (state === "ready" && !data && !loading) load();
  });
  return () => {
    unwatch();
    for (const timer of timers) clearTimeout(timer);
    rolling++;
    shell.destroy();
  };
}
