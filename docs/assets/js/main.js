// Entry point of the site's scripts. mkdocs-material's document$ emits on the first
// load and after every instant navigation, so everything starts from here.
import { mountDemos } from "./demo-kit/registry.js";
import { mountFlashcards } from "./flashcards/index.js";
import { renderMath } from "./math.js";
import { mountOffline } from "./offline/index.js";

function onPage() {
  renderMath(document).catch((error) => console.error(error));
  mountDemos(document).catch((error) => console.error(error));
  mountFlashcards(document).catch((error) => console.error(error));
  mountOffline(document);
}

if (window.document$) window.document$.subscribe(onPage);
else document.addEventListener("DOMContentLoaded", onPage);
