// Choosing one of the 1,000 held-out images: a number field (checked before use) with
// Previous, Next and Random. onPick(index) runs for every valid choice. showOther(words)
// empties the field while something else is shown (a drawing), naming it in the field.
import { h } from "../dom.js";
import { LIMITS } from "./limits.js";
import { offerInRadios } from "../your-network/choice.js";

export class ImagePicker {
  constructor(shell, container, onPick, { index = 0, label = "Held-out image (0–999)" } = {}) {
    const rule = LIMITS.image_index;
    this.count = rule.max + 1;
    this.index = index;
    this.other = false; // true while something other than a held-out image is shown
    this.field = shell.field({
      label,
      name: "image_index",
      value: String(index),
      rule,
      width: 4,
      blank: () => this.other,
    });
    const pick = (i) => {
      this.index = ((i % this.count) + this.count) % this.count;
      this.other = false;
      this.field.input.placeholder = "";
      this.field.input.value = String(this.index);
      this.field.read();
      onPick(this.index);
    };
    this.pick = pick;
    const typed = () => {
      const result = this.field.read();
      if (result.ok && result.value != null) {
        this.other = false;
        this.field.input.placeholder = "";
        this.index = result.value;
        onPick(this.index);
      }
    };
    this.field.input.addEventListener("change", typed);
    this.field.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        typed();
      }
    });
    this.element = h(
      "div",
      { class: "demo__picker" },
      this.field.input.parentElement,
      h(
        "div",
        { class: "demo__buttons" },
        shell.button("Previous", () => pick(this.index - 1)),
        shell.button("Next", () => pick(this.index + 1)),
        shell.button("Random", () => pick(Math.floor(Math.random() * this.count))),
      ),
    );
    container.append(this.element);
  }

  showOther(words) {
    this.other = true;
    this.field.input.value = "";
    this.field.input.placeholder = words;
    this.field.read();
  }
}

// The trained ("shipped") or the random weights as a pair of radio buttons; onChange(value).
// The words are the same in every demo that offers the choice.
export const WEIGHTS_WORDS = {
  shipped: "Trained weights",
  partly: "Partly trained weights (one epoch)",
  random: "Random weights (untrained)",
};
// yours: "any" or "default" (the demo needs 784-16-16-10) also offers the reader's network.
export function weightsChoice(shell, onChange, { legend = "Weights", yours = null } = {}) {
  const choice = shell.choices({
    legend,
    name: "weights",
    value: "shipped",
    onChange,
    options: ["shipped", "random"].map((value) => [value, WEIGHTS_WORDS[value]]),
  });
  if (yours) {
    const group = choice.element.querySelector("input").name;
    shell.cleanups.push(
      offerInRadios(choice.element, group, onChange, { needsDefault: yours === "default" }),
    );
  }
  return choice;
}
