// Reading numbers a reader typed, with a plain-words reason when one can't be used.
// Nothing here touches the page's HTML: messages are returned as text.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const MAX_LENGTH = 24;
const MAX_LIST_LENGTH = 80;

function describeRange(rule) {
  const low = rule.exclusiveMin ? `more than ${rule.min}` : `at least ${rule.min}`;
  return `${low} and at most ${rule.max.toLocaleString("en")}`;
}

// Returns {ok: true, value} or {ok: false, message}.
export function parseNumber(text, rule, label = "This value") {
  const raw = String(text ?? "");
  if (raw.length > MAX_LENGTH)
    return { ok: false, message: `${label} is too long to be a number we can use.` };
  const trimmed = raw.trim();
  const kind = rule.integer ? "a whole number" : "a number";
  if (trimmed === "")
    return { ok: false, message: `${label} is empty: enter ${kind}, ${describeRange(rule)}.` };
  if (!DECIMAL.test(trimmed))
    return {
      ok: false,
      message: `${label} must be ${kind} written in digits, such as ${rule.integer ? "10" : "3 or 0.5"}.`,
    };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: `${label} must be a finite number.` };
  if (rule.integer && !Number.isInteger(value))
    return { ok: false, message: `${label} must be a whole number.` };
  const lowOk = rule.exclusiveMin ? value > rule.min : value >= rule.min;
  if (!lowOk || value > rule.max) return { ok: false, message: `${label} must be ${describeRange(rule)}.` };
  return { ok: true, value };
}

// Layer sizes as a reader types them, the one syntax for every size field: numbers
// separated by commas ("784, 30, 10") or spaces ("784 30 10"), or written with dashes as
// the lessons write a network ("784-30-10"). `countRule` ({min, max}) bounds how many;
// an empty text is the empty list where countRule.min is 0. Options: `label` (the
// field's), `noun` ("layer sizes"), `example` (shown in messages), `order` (a clause such
// as "input layer first, "), `partName(i, n)` (how a message names the i-th of n sizes).
// Returns {ok: true, value: [sizes]} or {ok: false, message}.
export function parseSizeList(text, sizeRule, countRule, options = {}) {
  const {
    label = "Layer sizes",
    noun = "sizes",
    example = "16, 16",
    order = "",
    partName = () => "Each size",
  } = options;
  const between = `between ${countRule.min} and ${countRule.max} ${noun}`;
  const raw = String(text ?? "");
  if (raw.length > MAX_LIST_LENGTH)
    return { ok: false, message: `${label} is too long: give ${between}, such as ${example}.` };
  let trimmed = raw.trim();
  if (trimmed === "") {
    if (countRule.min === 0) return { ok: true, value: [] };
    return { ok: false, message: `Type ${between}, ${order}such as ${example}.` };
  }
  if (/^\d+(\s*[-–—]\s*\d+)+$/.test(trimmed)) trimmed = trimmed.replace(/\s*[-–—]\s*/g, ",");
  const parts = trimmed.includes(",") ? trimmed.split(",").map((p) => p.trim()) : trimmed.split(/\s+/);
  if (parts.length < countRule.min || parts.length > countRule.max) {
    return {
      ok: false,
      message: `Give ${between} (you gave ${parts.length}), separated by commas, such as ${example}.`,
    };
  }
  const value = [];
  for (const [i, part] of parts.entries()) {
    const name = partName(i, parts.length);
    if (part === "")
      return { ok: false, message: `${name} is missing: put a number between each pair of commas.` };
    const parsed = parseNumber(part, sizeRule, name);
    if (!parsed.ok) return parsed;
    value.push(parsed.value);
  }
  return { ok: true, value };
}
