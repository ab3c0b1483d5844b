// Small helpers to build elements; text always goes in with textContent.
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function button(label, className = "md-button flashcards__button") {
  const node = el("button", className, label);
  node.type = "button";
  return node;
}

// A live region: what a sighted reader sees change, a screen reader hears.
export function liveRegion(className = "flashcards__live") {
  const node = el("p", `${className} flashcards__sr-only`);
  node.setAttribute("role", "status");
  node.setAttribute("aria-live", "polite");
  return node;
}

// Copies of a node's children without ids (a page must not hold the same id twice).
export function cloneChildren(source) {
  return [...source.childNodes].map((child) => {
    const copy = child.cloneNode(true);
    if (copy.nodeType === Node.ELEMENT_NODE) {
      copy.removeAttribute("id");
      for (const node of copy.querySelectorAll("[id]")) node.removeAttribute("id");
    }
    return copy;
  });
}
