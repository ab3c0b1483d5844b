// Building the page: the one HTML element builder (h), its SVG twin (svg), ids unique on
// the page, and the reader's reduced-motion wish. Text always goes in as text, never HTML.
const SVG = "http://www.w3.org/2000/svg";

// An HTML element with attributes and children. `class` sets the class names, `text` the
// text, `on<event>` adds a listener; true makes an empty attribute, false or null none.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = value;
    else if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// An SVG element with attributes (null ones left out) and, optionally, its text.
export function svg(tag, attributes = {}, text = null) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value != null) element.setAttribute(key, value);
  }
  if (text != null) element.textContent = text;
  return element;
}

// An id no other element of the page uses: `${prefix}-1`, `${prefix}-2`, …
const counters = new Map();
export function uniqueId(prefix) {
  const next = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, next);
  return `${prefix}-${next}`;
}

// True when the reader asked for less motion: animations then jump to their end.
export const reducedMotion = () =>
  Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
