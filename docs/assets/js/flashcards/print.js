// Print flashcards: a print-only copy of the cards, one card per page, and a class on
// <html> that hides everything else while printing (flashcards.css, @media print).
//
// "folded"  each page: the question in the top half, the answer in the bottom half, a
//           dashed fold line between (fold along it, question in front).
// "duplex"  the question alone on one page, its answer alone on the next: print on
//           both sides (flip on the long edge) and each answer lands behind its question.
//
// The copy and the class are removed after printing (afterprint), so the page is as
// before; the browser's own Print, without the button, prints the page with every
// answer open instead.
import { h } from "../dom.js";
import { cloneChildren } from "./pieces.js";

export const PRINTING = "flashcards-printing";
let cleanup = null;

export function printCards(cards, { layout = "folded", title = "" } = {}) {
  if (cleanup) cleanup();
  const root = h("div", { class: "flashcards-print" });
  root.dataset.layout = layout;
  root.setAttribute("aria-hidden", "true");
  cards.forEach((card, index) => {
    const label = `${title ? `${title} · ` : ""}card ${index + 1} of ${cards.length}`;
    const question = side("question", card.querySelector(".flashcard__question"), label);
    const answer = side("answer", card.querySelector(".flashcard__answer"), label);
    const long = question.textContent.length + answer.textContent.length > 520;
    if (layout === "duplex") {
      root.append(page("front", [question], long), page("back", [answer], long));
    } else {
      const fold = h("div", { class: "flashcards-print__fold" });
      fold.append(h("span", { text: "fold here" }));
      root.append(page("folded", [question, fold, answer], long));
    }
  });
  document.body.append(root);
  document.documentElement.classList.add(PRINTING);
  cleanup = () => {
    root.remove();
    document.documentElement.classList.remove(PRINTING);
    window.removeEventListener("afterprint", cleanup);
    cleanup = null;
  };
  window.addEventListener("afterprint", cleanup);
  window.print();
}

function page(kind, children, long) {
  const node = h("div", { class: `flashcards-print__page flashcards-print__page--${kind}` });
  if (long) node.classList.add("flashcards-print__page--long");
  node.append(...children);
  return node;
}

function side(kind, source, label) {
  const node = h("section", { class: `flashcards-print__side flashcards-print__${kind}` });
  node.append(
    h("p", {
      class: "flashcards-print__label",
      text: `${kind === "question" ? "Question" : "Answer"} · ${label}`,
    }),
  );
  const text = h("div", { class: "flashcards-print__text" });
  if (source) text.append(...cloneChildren(source));
  node.append(text);
  return node;
}
