// Reading numbers a reader typed, with a plain-words reason when one can't be used.
// Nothing here touches the page's HTML: messages are returned as text.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const MAX_LENGTH = 24;

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

// A comma-separated list of layer sizes, such as "16, 16".
export function parseSizeList(text, sizeRule, countRule, label = "Layer sizes") {
  const raw = String(text ?? "");
  if (raw.length > 60)
    return { ok: false, message: `${label} is too long: list at most ${countRule.max} sizes.` };
  const parts = raw.split(",").map((part) => part.trim());
  if (parts.length === 1 && parts[0] === "") {
    return countRule.min === 0 ? { ok: true, value: [] } : { ok: false, message: `${label} is empty.` };
  }
  if (parts.length < countRule.min || parts.length > countRule.max) {
    return {
      ok: false,
      message: `${label}: give between ${countRule.min} and ${countRule.max} sizes, separated by commas.`,
    };
  }
  const value = [];
  for (const part of parts) {
    const parsed = parseNumber(part, sizeRule, "Each size");
    if (!parsed.ok) return parsed;
    value.push(parsed.value);
  }
  return { ok: true, value };
}
