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
import { count, fixed } from "../format.js";
import { drawDigit, OutputBars } from "../lib/digit.js";
import { keepLegible } from "../lib/legible.js";
import { ReaderError, StoppedError } from "../runtime/client.js";
import { ownOrYours } from "../your-network/choice.js";
import {
  DIALS,
  IMAGE,
  NOT_LOADED,
  PHASES,
  STEP_LEARNING_RATE,
  X,
  changeMark,
  changeRows,
  clampPhase,
  costWords,
  desireArrow,
  dialAngle,
  dialCentre,
  dialTicks,
  gradientBars,
  heldOutRows,
  knobWords,
  landscapeScale,
  landscapeX,
  linkLine,
  neuronY,
  phaseScene,
  phaseWords,
  pictureLabels,
  sideCaption,
} from "./one-step.model.js";

// A table of the details, in its scrolling wrapper: a caption, column heads and rows.
const table = (className, caption, heads, rows) =>
  h(
    "div",
    { class: "demo__table-wrap" },
    h(
      "table",
      { class: className },
      h("caption", { text: caption }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          heads.map((t) => h("th", { scope: "col", text: t })),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );

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
  let parts = null;

  // The network for this step; before the step is taken, an empty outline of it.
  function build(d = data) {
    network.replaceChildren();
    const sizes = d.sizes;
    const links = svg("g", { class: "one-step__links" });
    // pixels → hidden 1: a fan from the image to each neuron
    for (let j = 0; j < sizes[1]; j++)
      links.append(svg("line", { ...linkLine(1, j), "data-layer": 1, "data-j": j }));
    for (let l = 2; l <= 3; l++)
      for (let j = 0; j < sizes[l]; j++)
        for (let k = 0; k < sizes[l - 1]; k++) links.append(svg("line", linkLine(l, j, k, l === 3 ? 11 : 8)));
    const changed = svg("g", { class: "one-step__changed" });
    const canvas = h("canvas", { width: 28, height: 28 });
    drawDigit(canvas, d.pixels);
    const image = svg("image", {
      x: IMAGE.x,
      y: IMAGE.y,
      width: IMAGE.size,
      height: IMAGE.size,
      href: canvas.toDataURL(),
      class: "one-step__image",
      "data-layer": 0,
      "aria-hidden": "true",
    });
    const frame = svg("rect", {
      x: IMAGE.x,
      y: IMAGE.y,
      width: IMAGE.size,
      height: IMAGE.size,
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
        const drawn = show ? desireArrow(l, j, d, largest) : null;
        if (!drawn) {
          arrow.setAttribute("d", "");
          return;
        }
        arrow.setAttribute("d", drawn.d);
        arrow.setAttribute(
          "class",
          `one-step__desire ${drawn.up ? "one-step__desire--up" : "one-step__desire--down"}`,
        );
      });
    });
  }

  function drawChanges(show) {
    parts.changed.replaceChildren();
    if (!show) return;
    for (const c of data.changes) {
      const cls = `one-step__change ${c.change > 0 ? "one-step__change--up" : "one-step__change--down"}`;
      const mark = changeMark(c);
      parts.changed.append(
        mark.circle
          ? svg("circle", { ...mark.circle, class: `${cls} one-step__change--bias` })
          : svg("line", { ...mark.line, class: cls }),
      );
    }
  }

  // ---------------------------------------------------------------- dials above a landscape
  let ball = null,
    dials = [],
    scale = null;

  function buildPicture() {
    picture.replaceChildren();
    dials = data.changes.slice(0, DIALS).map((c, i) => {
      const centre = dialCentre(i);
      const { cx, cy } = centre;
      const group = svg("g", { class: "one-step__dial" });
      group.append(svg("circle", { cx, cy, r: 19, class: "one-step__dial-face" }));
      for (const tick of dialTicks(centre))
        group.append(svg("line", { ...tick, class: "one-step__dial-tick" }));
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

    scale = landscapeScale(data.landscape);
    picture.append(
      svg("path", { d: scale.ground, class: "one-step__ground" }),
      svg("path", { d: scale.curve, class: "one-step__curve" }),
      svg("line", { x1: 40, y1: 222, x2: 285, y2: 222, class: "one-step__axis" }),
      svg("line", { x1: 40, y1: 110, x2: 40, y2: 222, class: "one-step__axis" }),
      svg("text", { x: 34, y: 114, "text-anchor": "end", class: "one-step__tick" }, fixed(scale.top, 2)),
      svg("text", { x: 34, y: 225, "text-anchor": "end", class: "one-step__tick" }, "0"),
      svg("text", { x: landscapeX(0), y: 238, "text-anchor": "middle", class: "one-step__tick" }, "before"),
      svg("text", { x: landscapeX(1), y: 238, "text-anchor": "middle", class: "one-step__tick" }, "after"),
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
    const { cx, cy } = scale.ball(t);
    ball.setAttribute("cx", cx);
    ball.setAttribute("cy", cy);
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
    const labels = pictureLabels(data, phase);
    if (!data) {
      phaseText.textContent = NOT_LOADED;
      network.setAttribute("aria-label", labels.network);
      picture.setAttribute("aria-label", labels.picture);
      return;
    }
    stage.className = `one-step__stage one-step__stage--phase-${phase}`;

    const scene = phaseScene(phase);
    data[scene.activations].activations.forEach((values, index) =>
      values.forEach((v, j) => shade(parts.neurons[index + 1][j], v)),
    );
    sequence(scene.lit, "one-step__layer--lit", animate && scene.litAnimated);
    parts.target.classList.toggle("one-step__target--shown", scene.target);
    drawDesires(scene.desires);
    sequence(scene.desiring, "one-step__layer--desiring", animate);
    drawChanges(scene.changes);

    ball.style.display = scene.ball ? "" : "none";
    if (scene.rolling) rollBall(0, 1, animate);
    else {
      rolling++;
      placeBall(scene.ballAt);
    }
    setDials(scene.dialsAfter);
    picture.classList.toggle("one-step__picture--moving", scene.rolling && animate);

    network.setAttribute("aria-label", labels.network);
    picture.setAttribute("aria-label", labels.picture);

    phaseText.textContent = phaseWords(data, phase);
    phaseDetails[phase]?.();
  }

  const phaseDetails = {
    2: () => {
      const words = costWords(data);
      details.append(
        h("p", { class: "one-step__cost", text: words.cost }),
        h("p", { class: "one-step__small", text: words.parts }),
      );
    },
    3: () => {
      const list = h("ul", {
        class: "one-step__bars",
        "aria-label": "Size of the gradient for the knobs feeding each layer",
      });
      for (const row of gradientBars(data)) {
        const bar = h("span", { class: "one-step__bar-fill" });
        bar.style.width = row.width;
        list.append(
          h(
            "li",
            {},
            h("span", { class: "one-step__bar-name", text: row.name }),
            h("span", { class: "one-step__bar-track" }, bar),
            h("span", { class: "one-step__bar-value", text: row.value }),
          ),
        );
      }
      details.append(
        h("p", { class: "one-step__small", text: "Size of the gradient for the knobs feeding each layer:" }),
        list,
      );
    },
    4: () =>
      details.append(
        table(
          "one-step__changes",
          "The largest changes",
          ["Knob", "Before", "After", "Change"],
          changeRows(data).map((row) =>
            h(
              "tr",
              { class: row.up ? "one-step__row--up" : "one-step__row--down" },
              row.cells.map((text) => h("td", { text })),
            ),
          ),
        ),
      ),
    5: () => {
      details.append(
        table(
          "one-step__changes one-step__held-out",
          "The 1,000 held-out digits",
          ["", "Accuracy", "Now right", "Now wrong"],
          heldOutRows(data).map(([name, ...cells]) =>
            h(
              "tr",
              {},
              h("th", { scope: "row", text: name }),
              cells.map((text) => h("td", { text })),
            ),
          ),
        ),
      );
      const sides = ["before", "after"].map((when) =>
        h("div", {}, h("p", { class: "one-step__small", text: sideCaption(data, when) })),
      );
      details.append(h("div", { class: "one-step__compare" }, ...sides));
      sides.forEach((side, i) => {
        const when = i ? "after" : "before";
        new OutputBars(side, { caption: `Outputs ${when} the step` }).set(data[when].outputs, {
          guess: data[when].guess,
          label: data.label,
        });
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
