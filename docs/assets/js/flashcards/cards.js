// A set of flashcards (<div class="flashcards">) as the build writes it: each card is a
// <details> whose <summary> is the question, so without JavaScript every question shows
// and every answer opens. Here each card becomes a flip card: the question, a real
// button with aria-expanded that shows or hides the answer (click anywhere on the card,
// or Enter / Space on the button), and the set gets Reveal all, Hide all and the two
// print buttons.
import { h } from "../dom.js";
import { button, liveRegion } from "./pieces.js";
import { printCards } from "./print.js";

export function enhanceSet(set) {
  set.dataset.ready = "true";
  const cards = [...set.querySelectorAll(":scope > details.flashcard")].map((details, index, all) =>
    upgradeCard(details, index + 1, all.length),
  );
  if (!cards.length) return;

  const live = liveRegion();
  const toolbar = h("div", { class: "flashcards__toolbar" });
  toolbar.setAttribute("role", "group");
  toolbar.setAttribute("aria-label", `Flashcards: ${cards.length} cards`);
  const revealAll = button("Reveal all");
  const hideAll = button("Hide all");
  const print = button(
    "Print flashcards",
    "md-button md-button--primary flashcards__button flashcards__print",
  );
  const duplex = button("Print double-sided", "md-button flashcards__button flashcards__print-duplex");
  print.title = "One card per page: question above, answer below a fold line";
  duplex.title = "Question on one page, its answer on the next: print on both sides of the paper";
  revealAll.addEventListener("click", () => {
    for (const card of set.querySelectorAll(".flashcard")) setOpen(card, true);
    live.textContent = `All ${cards.length} answers shown.`;
  });
  hideAll.addEventListener("click", () => {
    for (const card of set.querySelectorAll(".flashcard")) setOpen(card, false);
    live.textContent = `All ${cards.length} answers hidden.`;
  });
  const title = () => set.dataset.title || pageTitle();
  print.addEventListener("click", () => printCards(visibleCards(set), { layout: "folded", title: title() }));
  duplex.addEventListener("click", () => printCards(visibleCards(set), { layout: "duplex", title: title() }));
  toolbar.append(revealAll, hideAll, print, duplex);
  set.prepend(toolbar, live);
}

function visibleCards(set) {
  return [...set.querySelectorAll(".flashcard")].filter((card) => !card.hidden);
}

function pageTitle() {
  const heading = document.querySelector(".md-content h1");
  if (!heading) return document.title;
  const text = [...heading.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent)
    .join("");
  return text.replace(/^\s*Practice:\s*/, "").trim();
}

function upgradeCard(details, number, total) {
  const question = details.querySelector(":scope > .flashcard__question");
  const answer = details.querySelector(":scope > .flashcard__answer");
  const card = h("div", { class: "flashcard" });
  for (const name of ["id", "data-card-id", "data-lesson"]) {
    if (details.hasAttribute(name)) card.setAttribute(name, details.getAttribute(name));
  }
  const base = card.id || `flashcard-${Math.random().toString(36).slice(2)}`;
  const face = h("div", { class: "flashcard__face" });
  const count = h("p", { class: "flashcard__number", text: `${number} / ${total}` });
  count.setAttribute("aria-hidden", "true");
  const text = h("div", { class: "flashcard__question" });
  text.id = `${base}-question`;
  text.append(...question.childNodes);
  face.append(count, text);

  answer.id = `${base}-answer`;
  answer.hidden = true;
  answer.setAttribute("role", "region");
  answer.setAttribute("aria-labelledby", text.id);
  const toggle = button("Show answer", "flashcard__toggle");
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", answer.id);
  toggle.setAttribute("aria-describedby", text.id);
  toggle.addEventListener("click", () => setOpen(card, toggle.getAttribute("aria-expanded") !== "true"));
  // A click anywhere on the card flips it too, unless it was on a link or the reader is
  // selecting text.
  card.addEventListener("click", (event) => {
    if (event.target.closest("a, button, input, select, textarea, label")) return;
    if (String(window.getSelection?.() || "").trim()) return;
    setOpen(card, toggle.getAttribute("aria-expanded") !== "true");
  });
  card.append(face, toggle, answer);
  details.replaceWith(card);
  return card;
}

export function setOpen(card, open) {
  const toggle = card.querySelector(":scope > .flashcard__toggle");
  const answer = card.querySelector(":scope > .flashcard__answer");
  if (!toggle || !answer) return;
  answer.hidden = !open;
  toggle.setAttribute("aria-expanded", String(open));
  toggle.textContent = open ? "Hide answer" : "Show answer";
  card.classList.toggle("flashcard--open", open);
}
