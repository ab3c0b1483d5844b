// The reader's study progress: one FSRS card state per flashcard id, kept in
// localStorage. FSRS (the Free Spaced Repetition Scheduler, the one Anki offers) comes
// from the npm package ts-fsrs, which the build serves from the site itself.
//
// Saved as {"version": 1, "cards": {id: state}, "lessons": [keys] | null}. Anything
// else (damaged JSON, another version, a field of the wrong type) is discarded as a
// whole and the reader told so: a fresh start, never a crash.
export const STORAGE_KEY = "nn-flashcards";
export const VERSION = 1;
const STATES = [0, 1, 2, 3]; // New, Learning, Review, Relearning
// Like Anki: when nothing else is due, a card in its first steps may come back up to
// 20 minutes early rather than make the reader wait.
export const LEARN_AHEAD_MS = 20 * 60 * 1000;

let fsrsModule = null;
export async function loadFsrs() {
  if (!fsrsModule) fsrsModule = await import("../../vendor/ts-fsrs/ts-fsrs.mjs");
  return fsrsModule;
}

export function emptyState() {
  return { version: VERSION, cards: {}, lessons: null };
}

function isDate(value) {
  return typeof value === "string" && value.length < 40 && Number.isFinite(Date.parse(value));
}
function isCount(value) {
  return Number.isInteger(value) && value >= 0 && value < 1e7;
}
function isNumber(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value < 1e7;
}

export function validCard(entry) {
  return (
    Boolean(entry) &&
    typeof entry === "object" &&
    !Array.isArray(entry) &&
    isDate(entry.due) &&
    isNumber(entry.stability) &&
    isNumber(entry.difficulty) &&
    isNumber(entry.elapsed_days) &&
    isNumber(entry.scheduled_days) &&
    isCount(entry.learning_steps) &&
    isCount(entry.reps) &&
    isCount(entry.lapses) &&
    STATES.includes(entry.state) &&
    (entry.last_review === null || entry.last_review === undefined || isDate(entry.last_review))
  );
}

// Returns {state, notice, saved}: saved is false when this browser keeps nothing.
export function readState(storage = safeStorage()) {
  if (!storage) {
    return {
      state: emptyState(),
      saved: false,
      notice:
        "This browser does not let the site keep your progress, so it will be forgotten when you leave the page.",
    };
  }
  let raw;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return {
      state: emptyState(),
      saved: false,
      notice:
        "This browser does not let the site keep your progress, so it will be forgotten when you leave the page.",
    };
  }
  if (raw === null) return { state: emptyState(), saved: true, notice: null };
  let data = null;
  try {
    data = JSON.parse(raw);
  } catch {
    data = null;
  }
  const discard = (why) => {
    try {
      storage.removeItem(STORAGE_KEY);
    } catch {
      /* nothing more to do */
    }
    return {
      state: emptyState(),
      saved: true,
      notice: `${why} It has been cleared and you start afresh: every card is new again.`,
    };
  };
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return discard("Your saved study progress could not be read (it was damaged).");
  }
  if (data.version !== VERSION) {
    return discard("Your saved study progress came from another version of this site and cannot be used.");
  }
  const cards = data.cards;
  if (!cards || typeof cards !== "object" || Array.isArray(cards) || !Object.values(cards).every(validCard)) {
    return discard("Your saved study progress could not be read (it was damaged).");
  }
  const lessons =
    Array.isArray(data.lessons) && data.lessons.every((k) => typeof k === "string" && /^[\w-]{1,40}$/.test(k))
      ? data.lessons
      : null;
  return { state: { version: VERSION, cards, lessons }, saved: true, notice: null };
}

export function writeState(state, storage = safeStorage()) {
  if (!storage) return false;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}

export function clearState(storage = safeStorage()) {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    /* nothing kept anyway */
  }
}

function safeStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// FSRS's card object <-> what we save (dates as ISO strings).
export function toFsrs(entry) {
  return {
    ...entry,
    due: new Date(entry.due),
    last_review: entry.last_review ? new Date(entry.last_review) : undefined,
  };
}
export function fromFsrs(card) {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? new Date(card.last_review).toISOString() : null,
  };
}

// The cards to study now, in order: cards due again (soonest first), then new cards in
// the order of the course. With nothing due, a learning card due within LEARN_AHEAD_MS.
export function dueQueue(ids, state, now = Date.now()) {
  const due = [],
    fresh = [],
    soon = [];
  for (const id of ids) {
    const entry = state.cards[id];
    if (!entry) {
      fresh.push(id);
      continue;
    }
    const at = Date.parse(entry.due);
    if (at <= now) due.push([at, id]);
    else if ((entry.state === 1 || entry.state === 3) && at - now <= LEARN_AHEAD_MS) soon.push([at, id]);
  }
  due.sort((a, b) => a[0] - b[0]);
  soon.sort((a, b) => a[0] - b[0]);
  const queue = [...due.map((d) => d[1]), ...fresh];
  return { queue: queue.length ? queue : soon.map((d) => d[1]), due: due.length, fresh: fresh.length };
}

export function summary(ids, state, now = Date.now()) {
  let studied = 0,
    due = 0,
    fresh = 0,
    next = Infinity;
  for (const id of ids) {
    const entry = state.cards[id];
    if (!entry) {
      fresh++;
      continue;
    }
    studied++;
    const at = Date.parse(entry.due);
    if (at <= now) due++;
    else next = Math.min(next, at);
  }
  return { total: ids.length, studied, due, fresh, next: Number.isFinite(next) ? next : null };
}

// "in 10 minutes", "in 3 days": how long until a time.
export function interval(ms) {
  const minutes = Math.max(1, Math.round(ms / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 31) return days === 1 ? "1 day" : `${days} days`;
  const months = Math.round(days / 30.4);
  if (months < 12) return months === 1 ? "1 month" : `${months} months`;
  const years = Math.round((days / 365) * 10) / 10;
  return years === 1 ? "1 year" : `${years} years`;
}
