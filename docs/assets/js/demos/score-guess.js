// "Score a guess" (lesson 3): one held-out image's ten outputs beside the one-hot
// target, each difference, its square and the halved sum Cₓ = ½ Σ (aⱼ − yⱼ)²; then
// the average C over all the training images, for random and for trained weights.
import { DemoShell, WAITING } from "../demo-kit/shell.js";
import { h } from "../dom.js";
import { digitCanvas, drawDigit } from "../lib/digit.js";
import { ImagePicker, WEIGHTS_WORDS, weightsChoice } from "../demo-kit/image-picker.js";
import { StoppedError } from "../runtime/client.js";
import { count, fixed, signed } from "../format.js";

// Squares and sums of squares get six decimals, so the small ones still show.
const six = (v) => fixed(v, 6);

export function mount(root) {
  const shell = new DemoShell(root);
  let requested = false;

  const picker = new ImagePicker(shell, shell.controls, () => ask());
  const weights = weightsChoice(shell, () => ask(), { yours: "any" });

  // ------------------------------------------------------------ one image's cost
  const canvas = digitCanvas("The held-out image");
  const caption = h("figcaption", { class: "score-guess__caption" });
  const body = h("tbody");
  const foot = h("tfoot");
  const result = h("p", { class: "score-guess__result", "aria-live": "polite" });
  const table = h(
    "table",
    { class: "score-guess__table" },
    h("caption", { text: "Each output aⱼ beside its target yⱼ" }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Digit j", "Output aⱼ", "Target yⱼ", "aⱼ − yⱼ", "(aⱼ − yⱼ)²"].map((t) =>
          h("th", { scope: "col", text: t }),
        ),
      ),
    ),
    body,
    foot,
  );
  shell.output.append(
    h(
      "div",
      { class: "score-guess" },
      h("figure", { class: "score-guess__image" }, canvas, caption),
      h("div", { class: "score-guess__numbers" }, h("div", { class: "demo__table-wrap" }, table), result),
    ),
  );

  // ------------------------------------------------------------ the average over the training set
  const averageButton = shell.button("Average over the training set", () => average());
  const averageBody = h("tbody");
  const averageTable = h(
    "table",
    { class: "score-guess__average", hidden: true },
    h("caption", { text: "C, the average of Cₓ over every training image" }),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Weights", "Cost C", "Right answers"].map((t) => h("th", { scope: "col", text: t })),
      ),
    ),
    averageBody,
  );
  const averageNote = h("p", { class: "score-guess__note", "aria-live": "polite" });
  shell.output.append(
    h(
      "section",
      { class: "score-guess__training", "aria-label": "Average cost over the training set" },
      h("div", { class: "demo__buttons" }, averageButton),
      averageTable,
      averageNote,
    ),
  );

  function render(answer) {
    drawDigit(canvas, answer.pixels);
    const kind = { shipped: "trained", random: "random", yours: "your network's" }[answer.weights];
    caption.textContent = `Held-out image ${answer.index}, a ${answer.label}`;
    canvas.setAttribute("aria-label", `Held-out image ${answer.index}, a handwritten ${answer.label}`);
    body.replaceChildren(
      ...answer.outputs.map((a, j) => {
        const square = answer.square[j];
        const bar = h("span", { class: "score-guess__bar" });
        bar.style.setProperty("--share", String(Math.min(1, square))); // squares are at most 1
        return h(
          "tr",
          {
            class:
              [
                j === answer.label ? "score-guess__row--label" : "",
                j === answer.guess ? "score-guess__row--guess" : "",
              ]
                .join(" ")
                .trim() || null,
          },
          h(
            "th",
            { scope: "row" },
            String(j),
            j === answer.label ? h("span", { class: "demo__sr", text: " (the right answer)" }) : null,
          ),
          h(
            "td",
            {},
            fixed(a),
            j === answer.guess ? h("span", { class: "demo__sr", text: " (the guess)" }) : null,
          ),
          h("td", { text: String(answer.target[j]) }),
          h("td", { text: signed(answer.difference[j], 4, fixed) }),
          h("td", { class: "score-guess__square" }, h("span", { text: six(square) }), bar),
        );
      }),
    );
    foot.replaceChildren(
      h(
        "tr",
        {},
        h("th", { scope: "row", colspan: 4, text: "Sum of the squares" }),
        h("td", { text: six(answer.sum) }),
      ),
      h(
        "tr",
        { class: "score-guess__cost" },
        h("th", { scope: "row", colspan: 4, text: "Cₓ = ½ × sum" }),
        h("td", { text: six(answer.cost) }),
      ),
    );
    const right = answer.guess === answer.label;
    result.textContent =
      `With ${kind} weights the network guesses ${answer.guess} (its largest output, in bold): ${right ? "right" : "wrong"}. ` +
      `The shaded row is the right answer, ${answer.label}. This image costs Cₓ = ${six(answer.cost)}.`;
    root.dataset.cost = String(answer.cost);
    root.dataset.index = String(answer.index);
    root.dataset.weights = answer.weights;
    if (started && !root.dataset.firstResultSeconds)
      root.dataset.firstResultSeconds = ((performance.now() - started) / 1000).toFixed(3);
    shell.setStatus("");
  }

  let started = 0;
  const score = shell.asker("score_guess", { onResult: render, doing: "score the image" });

  function ask() {
    requested = true;
    if (!started) started = performance.now();
    score({ index: picker.index, weights: weights.value });
  }

  async function average() {
    averageButton.disabled = true;
    averageNote.textContent =
      shell.runtime.state === "ready" ? "Scoring every training image twice…" : WAITING;
    try {
      const answer = await shell.runtime.call("score_guess_average", {});
      const images = count(answer.images);
      const row = (name, r) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", text: name }),
          h("td", { text: r.cost.toFixed(4) }),
          h("td", {
            text: `${count(Math.round(r.accuracy * answer.images))} of ${images} (${Math.round(100 * r.accuracy)}%)`,
          }),
        );
      averageBody.replaceChildren(
        row(WEIGHTS_WORDS.random, answer.random),
        row(WEIGHTS_WORDS.shipped, answer.shipped),
      );
      averageTable.hidden = false;
      averageNote.textContent = `Each C is the average of Cₓ over all ${images} training images. Training lowered it from ${answer.random.cost.toFixed(4)} to ${answer.shipped.cost.toFixed(4)}.`;
      root.dataset.averageRandom = String(answer.random.cost);
      root.dataset.averageShipped = String(answer.shipped.cost);
    } catch (error) {
      averageNote.textContent = error instanceof StoppedError ? "" : `Could not average: ${error.message}`;
    } finally {
      averageButton.disabled = false;
    }
  }

  shell.cleanups.push(
    shell.runtime.onStatus((state) => {
      if (state === "ready" && !requested) ask();
    }),
  );
  return () => shell.destroy();
}
