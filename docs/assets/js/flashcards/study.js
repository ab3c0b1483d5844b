// The deck page's study panel: choose lessons (which also filters the list below),
// see progress, and study one card at a time (show the answer, then Again / Hard /
// Good / Easy). The schedule is FSRS (schedule.js), saved in this browser only.
import { renderMath } from "../math.js";
import { h } from "../dom.js";
import { button, cloneChildren, liveRegion } from "./pieces.js";
import {
  clearState,
  dueQueue,
  fromFsrs,
  interval,
  loadFsrs,
  readState,
  summary,
  toFsrs,
  writeState,
} from "./schedule.js";

const RATINGS = [
  { name: "Again", key: "1", hint: "I did not know it" },
  { name: "Hard", key: "2", hint: "I knew it, with effort" },
  { name: "Good", key: "3", hint: "I knew it" },
  { name: "Easy", key: "4", hint: "I knew it at once" },
];

let active = null; // the panel on the current page, for the shortcuts and other tabs

export async function mountStudy(panel, root = document) {
  panel.dataset.ready = "true";
  const deck = root.querySelector(".flashcard-deck");
  const lists = [...root.querySelectorAll(".flashcard-deck__lesson[data-lesson]")];
  const cards = new Map(); // id -> {lesson, element}
  const lessons = []; // {key, title, ids}
  for (const section of lists) {
    const set = section.querySelector(".flashcards");
    const title =
      set?.dataset.title ||
      section.querySelector("h2, h3")?.firstChild?.textContent ||
      section.dataset.lesson;
    const lesson = { key: section.dataset.lesson, title: title.trim(), ids: [], section };
    for (const card of section.querySelectorAll(".flashcard[data-card-id]")) {
      cards.set(card.dataset.cardId, { lesson, element: card });
      lesson.ids.push(card.dataset.cardId);
    }
    lessons.push(lesson);
  }

  let fsrsLib;
  try {
    fsrsLib = await loadFsrs();
  } catch (error) {
    panel.replaceChildren(
      h("p", {
        class: "flashcard-study__notice",
        text: "Study mode could not start (its scheduler did not load). Reloading the page may help; every card is below.",
      }),
    );
    console.error(error);
    return;
  }
  const { fsrs, generatorParameters, createEmptyCard, Rating } = fsrsLib;
  // No fuzz: the interval a rating button shows is exactly the one it gives.
  const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

  const loaded = readState();
  let state = loaded.state;
  let session = null; // {id, count} while studying

  // ------------------------------------------------------------------ the panel
  const notice = h("p", { class: "flashcard-study__notice" });
  notice.setAttribute("role", "status");
  notice.hidden = !loaded.notice;
  notice.textContent = loaded.notice || "";

  const filter = h("fieldset", { class: "flashcard-study__lessons" });
  filter.append(h("legend", { text: "Lessons to show and study" }));
  const boxes = new Map();
  const boxList = h("div", { class: "flashcard-study__choices" });
  for (const lesson of lessons) {
    const label = h("label", { class: "flashcard-study__choice" });
    const box = h("input");
    box.type = "checkbox";
    box.name = "lesson";
    box.value = lesson.key;
    label.append(
      box,
      ` ${lesson.title} `,
      h("span", { class: "flashcard-study__count", text: `(${lesson.ids.length})` }),
    );
    boxList.append(label);
    boxes.set(lesson.key, box);
    box.addEventListener("change", () =>
      chooseLessons([...boxes].filter(([, b]) => b.checked).map(([k]) => k)),
    );
  }
  const all = button("All lessons", "md-button flashcards__button flashcard-study__small");
  const none = button("None", "md-button flashcards__button flashcard-study__small");
  all.addEventListener("click", () => chooseLessons(lessons.map((l) => l.key)));
  none.addEventListener("click", () => chooseLessons([]));
  const filterButtons = h("div", { class: "flashcard-study__filter-buttons" });
  filterButtons.append(all, none);
  filter.append(boxList, filterButtons);

  const overview = h("div", { class: "flashcard-study__overview" });
  const progressText = h("p", { class: "flashcard-study__progress" });
  const progress = h("progress", { class: "flashcard-study__bar" });
  progress.setAttribute("aria-label", "Cards studied");
  const nextText = h("p", { class: "flashcard-study__next" });
  const start = button("Study now", "md-button md-button--primary flashcards__button flashcard-study__start");
  const reset = button("Reset progress", "md-button flashcards__button flashcard-study__reset");
  const actions = h("div", { class: "flashcard-study__actions" });
  actions.append(start, reset);
  const confirm = h("div", { class: "flashcard-study__confirm" });
  confirm.hidden = true;
  confirm.setAttribute("role", "group");
  confirm.setAttribute("aria-label", "Reset progress");
  const confirmYes = button("Yes, forget my progress", "md-button md-button--primary flashcards__button");
  const confirmNo = button("Keep it", "md-button flashcards__button");
  confirm.append(
    h("p", { text: "Forget when you studied each card, on this device? Every card becomes new again." }),
    confirmYes,
    confirmNo,
  );
  overview.append(progressText, progress, nextText, actions, confirm);

  const view = h("div", { class: "flashcard-study__session" });
  view.hidden = true;
  const position = h("p", { class: "flashcard-study__position" });
  const card = h("div", { class: "flashcard flashcard-study__card" });
  const lessonName = h("p", { class: "flashcard__number" });
  const question = h("div", { class: "flashcard__question" });
  question.id = "study-question";
  const face = h("div", { class: "flashcard__face" });
  face.append(lessonName, question);
  const answer = h("div", { class: "flashcard__answer" });
  answer.id = "study-answer";
  answer.hidden = true;
  const show = button("Show answer", "md-button md-button--primary flashcards__button flashcard-study__show");
  show.setAttribute("aria-expanded", "false");
  show.setAttribute("aria-controls", answer.id);
  show.setAttribute("aria-describedby", question.id);
  card.append(face, answer);
  const ratings = h("div", { class: "flashcard-study__ratings" });
  ratings.setAttribute("role", "group");
  ratings.setAttribute("aria-label", "How well did you know it?");
  ratings.hidden = true;
  const ratingButtons = RATINGS.map((rating) => {
    const b = button(
      "",
      `md-button flashcards__button flashcard-study__rate flashcard-study__rate--${rating.name.toLowerCase()}`,
    );
    b.dataset.rating = rating.name;
    b.title = `${rating.hint} (key ${rating.key})`;
    const name = h("span", { class: "flashcard-study__rate-name", text: rating.name });
    const when = h("span", { class: "flashcard-study__rate-when" });
    b.append(name, when);
    b.addEventListener("click", () => rate(rating.name));
    ratings.append(b);
    return b;
  });
  const keys = h("p", {
    class: "flashcard-study__keys",
    text: "Keys: Space shows the answer; 1 Again, 2 Hard, 3 Good, 4 Easy.",
  });
  const stop = button("End session", "md-button flashcards__button flashcard-study__stop");
  view.append(position, card, show, ratings, keys, stop);

  const live = liveRegion();
  panel.replaceChildren(notice, filter, overview, view, live);

  // ------------------------------------------------------------------ behaviour
  function chosen() {
    const keys = state.lessons;
    return lessons.filter((l) => !keys || keys.includes(l.key));
  }
  function chosenIds() {
    return chosen().flatMap((l) => l.ids);
  }
  function save() {
    if (!writeState(state) && loaded.saved) {
      notice.hidden = false;
      notice.textContent =
        "Your progress could not be saved in this browser (its storage is full or blocked).";
    }
  }
  function chooseLessons(keys) {
    state.lessons = keys.length === lessons.length ? null : keys;
    save();
    render();
  }

  function render() {
    const picked = new Set(chosen().map((l) => l.key));
    for (const lesson of lessons) {
      boxes.get(lesson.key).checked = picked.has(lesson.key);
      lesson.section.hidden = !picked.has(lesson.key);
    }
    const ids = chosenIds();
    const now = Date.now();
    const s = summary(ids, state, now);
    const queue = dueQueue(ids, state, now);
    progress.max = Math.max(1, s.total);
    progress.value = s.studied;
    if (!ids.length) {
      progressText.textContent = "No lesson chosen: tick at least one lesson above.";
    } else {
      progressText.textContent = `Studied ${s.studied} of ${s.total} cards · ${s.due} due again now · ${s.fresh} new.`;
    }
    const toStudy = s.due + s.fresh;
    start.disabled = !queue.queue.length;
    start.textContent = toStudy
      ? `Study now (${toStudy} ${toStudy === 1 ? "card" : "cards"})`
      : queue.queue.length
        ? "Study now (cards still being learned)"
        : "Study now";
    if (!ids.length) nextText.textContent = "";
    else if (toStudy)
      nextText.textContent = s.studied
        ? "Cards are waiting for you."
        : "Every card is new: start whenever you like.";
    else if (s.next)
      nextText.textContent = `Nothing is due now. The next card is due in ${interval(s.next - now)} (${when(s.next)}).`;
    else nextText.textContent = "Nothing is due now.";
    if (session) nextCard();
  }

  function when(ms) {
    return new Date(ms).toLocaleString(undefined, {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  function startSession() {
    session = { id: null, count: 0, last: null };
    overview.hidden = true;
    filter.hidden = true;
    if (deck) deck.hidden = true; // one card at a time: the list below would give answers away
    view.hidden = false;
    nextCard();
  }

  function endSession(message) {
    session = null;
    view.hidden = true;
    overview.hidden = false;
    filter.hidden = false;
    if (deck) deck.hidden = false;
    render();
    if (message) live.textContent = message;
    start.focus();
  }

  function nextCard() {
    const ids = chosenIds();
    const now = Date.now();
    const { queue, due, fresh } = dueQueue(ids, state, now);
    let id = queue[0];
    if (queue.length > 1 && id === session.last) id = queue[1];
    if (!id) {
      const s = summary(ids, state, now);
      endSession(
        `Done for now: ${session.count} ${session.count === 1 ? "card" : "cards"} studied.` +
          (s.next ? ` The next card is due in ${interval(s.next - now)}.` : ""),
      );
      return;
    }
    session.id = id;
    const entry = cards.get(id);
    const left = due + fresh;
    position.textContent = left
      ? `${left} ${left === 1 ? "card" : "cards"} to study now`
      : "Going over the cards you are still learning";
    lessonName.textContent = entry.lesson.title;
    question.replaceChildren(...cloneChildren(entry.element.querySelector(".flashcard__question")));
    answer.replaceChildren(...cloneChildren(entry.element.querySelector(".flashcard__answer")));
    renderMath(card).catch((error) => console.error(error));
    answer.hidden = true;
    ratings.hidden = true;
    show.hidden = false;
    show.setAttribute("aria-expanded", "false");
    card.classList.remove("flashcard--open");
    card.dataset.cardId = id;
    show.focus();
  }

  function reveal() {
    if (!session || !answer.hidden) return;
    answer.hidden = false;
    card.classList.add("flashcard--open");
    show.setAttribute("aria-expanded", "true");
    show.hidden = true;
    const now = new Date();
    const previews = scheduler.repeat(current(now), now);
    for (const b of ratingButtons) {
      const next = previews[Rating[b.dataset.rating]].card.due;
      b.querySelector(".flashcard__rate-when, .flashcard-study__rate-when").textContent = interval(
        next - now,
      );
      b.setAttribute("aria-label", `${b.dataset.rating}: again in ${interval(next - now)}`);
    }
    ratings.hidden = false;
    ratingButtons[2].focus();
  }

  function current(now) {
    const saved = state.cards[session.id];
    return saved ? toFsrs(saved) : createEmptyCard(now);
  }

  function rate(name) {
    if (!session || answer.hidden) return;
    const now = new Date();
    const { card: next } = scheduler.next(current(now), now, Rating[name]);
    state.cards[session.id] = fromFsrs(next);
    save();
    session.count++;
    session.last = session.id;
    live.textContent = `${name}: this card comes back in ${interval(next.due - now)}.`;
    render();
  }

  start.addEventListener("click", startSession);
  show.addEventListener("click", reveal);
  stop.addEventListener("click", () => endSession(`Session ended: ${session?.count ?? 0} cards studied.`));
  reset.addEventListener("click", () => {
    confirm.hidden = false;
    confirmNo.focus();
  });
  confirmNo.addEventListener("click", () => {
    confirm.hidden = true;
    reset.focus();
  });
  confirmYes.addEventListener("click", () => {
    clearState();
    state = { ...state, cards: {} };
    save();
    confirm.hidden = true;
    notice.hidden = true;
    render();
    live.textContent = "Progress reset: every card is new again.";
    reset.focus();
  });

  active = {
    panel,
    key(event) {
      if (!session || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
      const rating = RATINGS.find((r) => r.key === event.key);
      if (rating && !ratings.hidden) {
        event.preventDefault();
        rate(rating.name);
        return;
      }
      // Space shows the answer even when the focus has wandered off the button.
      if (event.key === " " && answer.hidden && !event.target.closest?.("button, a, summary")) {
        event.preventDefault();
        reveal();
      }
    },
    reload() {
      if (session) return;
      state = readState().state;
      render();
    },
  };
  render();
}

document.addEventListener("keydown", (event) => {
  if (active?.panel.isConnected) active.key(event);
});
window.addEventListener("storage", (event) => {
  if (event.key === "nn-flashcards" && active?.panel.isConnected) active.reload();
});
