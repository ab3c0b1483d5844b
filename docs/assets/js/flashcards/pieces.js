// The flashcards' own small pieces (a button, a live region, copies without ids), built with dom.js's h.
import { h } from "../dom.js";

export function button(label, className = "md-button flashcards__button") {
  return h("button", { class: className, type: "button", text: label });
}

// A live region: what a sighted reader sees change, a screen reader hears.
export function liveRegion(className = "flashcards__live") {
  return h("p", { class: `${className} flashcards__sr-only`, role: "status", "aria-live": "polite" });
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
