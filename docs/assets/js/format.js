// Numbers as a reader should see them: a real minus sign, a fixed number of decimals or
// of significant figures, powers of ten written 10⁻⁵ rather than e-5, counts with commas.
// The one place the site formats a number; no DOM, so Node can import it too.
const SUPERSCRIPT = {
  "-": "⁻",
  "+": "",
  0: "⁰",
  1: "¹",
  2: "²",
  3: "³",
  4: "⁴",
  5: "⁵",
  6: "⁶",
  7: "⁷",
  8: "⁸",
  9: "⁹",
};

export const minus = (text) => text.replace(/^-/, "−").replace(/([(\s])-/g, "$1−");

// 0.6225, −0.0887 (toFixed with a real minus; −0.0000 becomes 0.0000)
export function fixed(value, decimals = 4) {
  if (value == null || !Number.isFinite(value)) return "—";
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : minus(text);
}

// A number in parentheses when negative, for products written out: 0.2350 × (−0.3775)
export const factor = (value, decimals = 4) =>
  value < 0 ? `(${fixed(value, decimals)})` : fixed(value, decimals);

// A whole number as a subscript or a superscript, for the lessons' symbols: 16 → ₁₆, 2 → ²
const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";
export const subscript = (n) => [...String(n)].map((c) => SUBSCRIPT[c]).join("");
export const superscript = (n) => [...String(n)].map((c) => SUPERSCRIPT[c]).join("");

// 10⁻⁵ for an integer exponent
export const powerOfTen = (exponent) =>
  `10${String(exponent)
    .split("")
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join("")}`;

// −8.868 × 10⁻⁵ (or plain decimals between 0.001 and 10,000)
export function scientific(value, digits = 4) {
  if (value == null || !Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const size = Math.abs(value);
  if (size >= 1e-3 && size < 1e4) return minus(value.toPrecision(digits));
  const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
  return `${minus(mantissa)} × ${powerOfTen(Number(exponent))}`;
}

// The number of a reader's value as typed back into a text field: no trailing zeros.
export const plain = (value) => String(Number(value.toPrecision(12)));

// Up to `digits` significant figures, no trailing zeros, no "−0", powers of ten for the
// very large and very small: 0.123, −4.5, 1.2 × 10⁻⁶.
export function significant(value, digits = 4) {
  if (value == null || !Number.isFinite(value)) return "too large to show";
  if (value === 0) return "0";
  const size = Math.abs(value);
  let text;
  if (size >= 1e6 || size < 1e-5) {
    const [mantissa, exponent] = value.toExponential(digits - 2).split("e");
    text = `${mantissa} × ${powerOfTen(Number(exponent))}`;
  } else {
    text = String(Number(value.toPrecision(digits)));
  }
  return text.replace(/^-/, "−");
}

// A value with its sign always shown: +0.12, −0.3, 0 (written by `write`, with `digits`).
export const signed = (value, digits = 3, write = significant) =>
  (value > 0 ? "+" : "") + write(value, digits);

// A whole number with thousands separated: 13,002
export const count = (n) => n.toLocaleString("en");

// A fraction as a percentage with one decimal: 0.9731 → 97.3%
export const percent = (fraction) => `${(100 * fraction).toFixed(1)}%`;
