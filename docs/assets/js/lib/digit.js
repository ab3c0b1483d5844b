// Drawing a 28×28 digit and the network's ten outputs.
import { h } from "../dom.js";

// A canvas for one 28×28 digit, read aloud as `label`; CSS scales it up.
export function digitCanvas(label, className = "digit") {
  return h("canvas", { class: className, width: 28, height: 28, role: "img", "aria-label": label });
}

// Paint pixels (784 values, 0 = paper, 1 = ink) on a 28×28 canvas; CSS scales it up.
export function drawDigit(canvas, pixels) {
  canvas.width = 28;
  canvas.height = 28;
  const context = canvas.getContext("2d");
  const image = context.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const shade = Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[i]))));
    image.data.set([shade, shade, shade, 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}

// Ten bars, one per digit, the guess marked. Returns the element; update with set().
export class OutputBars {
  constructor(container, { caption = "Output activations" } = {}) {
    this.list = h("ol", { class: "bars", start: 0, "aria-label": caption });
    this.items = [];
    for (let digit = 0; digit < 10; digit++) {
      const fill = h("span", { class: "bars__fill" });
      const value = h("span", { class: "bars__value" });
      const item = h(
        "li",
        { class: "bars__item" },
        h("span", { class: "bars__track" }, fill),
        h("span", { class: "bars__digit", text: String(digit) }),
        value,
      );
      this.items.push({ item, fill, value });
      this.list.append(item);
    }
    container.append(this.list);
  }

  set(outputs, { guess = null, label = null } = {}) {
    outputs.forEach((a, digit) => {
      const { item, fill, value } = this.items[digit];
      fill.style.height = `${(100 * Math.min(1, Math.max(0, a))).toFixed(1)}%`;
      value.textContent = a.toFixed(2);
      item.classList.toggle("bars__item--guess", digit === guess);
      item.classList.toggle("bars__item--label", digit === label);
      item.setAttribute(
        "aria-label",
        `${digit}: ${a.toFixed(2)}${digit === guess ? ", the guess" : ""}${digit === label ? ", the right answer" : ""}`,
      );
    });
  }
}
