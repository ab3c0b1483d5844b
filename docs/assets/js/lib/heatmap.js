// Signed values (weights) as colours on a diverging, colour-blind-safe scale:
// orange for negative, a neutral middle for zero, blue for positive. The three colours
// are CSS variables (course.css), so light and dark schemes each get a legible map.
import { h } from "../dom.js";

const FALLBACK = { negative: [213, 94, 0], zero: [255, 255, 255], positive: [0, 114, 178] };

function parseColour(text, fallback) {
  const hex = text.trim().match(/^#([0-9a-f]{6})$/i);
  if (!hex) return fallback;
  const n = parseInt(hex[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// The scale's three colours as they apply to this element now.
export function readPalette(element) {
  const style = getComputedStyle(element);
  const read = (name) => parseColour(style.getPropertyValue(`--nn-heat-${name}`), FALLBACK[name]);
  return { negative: read("negative"), zero: read("zero"), positive: read("positive") };
}

// The colour of value v on a scale saturating at ±scale.
export function heatColour(v, scale, palette) {
  const t = Math.max(-1, Math.min(1, v / scale));
  const end = t < 0 ? palette.negative : palette.positive;
  const k = Math.abs(t);
  return palette.zero.map((c, i) => Math.round(c + (end[i] - c) * k));
}

// Paint a side × side picture of the values (row by row) onto the canvas; CSS scales it.
export function drawHeatmap(canvas, values, scale, palette, side = 28) {
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext("2d");
  const image = context.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    image.data.set([...heatColour(values[i], scale, palette), 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}

// Call redraw() whenever the page switches between light and dark.
export function onSchemeChange(redraw) {
  const observer = new MutationObserver(() => redraw());
  observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  return () => observer.disconnect();
}

// The legend: a colour bar from −scale to +scale with its meaning in words.
export class HeatLegend {
  constructor(container, { negative = "negative", positive = "positive" } = {}) {
    this.low = h("span", { class: "heat-legend__end" });
    this.high = h("span", { class: "heat-legend__end" });
    this.element = h(
      "div",
      { class: "heat-legend" },
      h("div", { class: "heat-legend__bar", role: "img", "aria-label": "Colour scale" }),
      h("div", { class: "heat-legend__ticks" }, this.low, h("span", { text: "0" }), this.high),
      h(
        "div",
        { class: "heat-legend__words" },
        h("span", { class: "heat-legend__negative", text: negative }),
        h("span", { class: "heat-legend__positive", text: positive }),
      ),
    );
    container.append(this.element);
  }

  set(scale, digits = 2) {
    const text = scale.toFixed(digits);
    this.low.textContent = `−${text} or less`;
    this.high.textContent = `+${text} or more`;
    this.element.firstChild.setAttribute(
      "aria-label",
      `Colour scale: orange for negative values down to −${text} or less, the background colour for 0, blue for positive values up to +${text} or more`,
    );
  }
}
