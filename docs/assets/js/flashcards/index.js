// Flashcards on every page: the sets of the practice pages (flip, reveal all, print) and
// the deck page's study mode. Called from main.js on every page change (document$).
import { enhanceSet } from "./cards.js";

export async function mountFlashcards(root = document) {
  for (const set of root.querySelectorAll(".flashcards:not([data-ready])")) enhanceSet(set);
  const study = root.querySelector("[data-flashcard-study]:not([data-ready])");
  if (study) {
    const { mountStudy } = await import("./study.js");
    await mountStudy(study, root);
  }
}
