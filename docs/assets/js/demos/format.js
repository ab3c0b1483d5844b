// Numbers as a reader should see them: a real minus sign, a fixed number of decimals,
// and powers of ten written 10⁻⁵ rather than e-5.
const SUPERSCRIPT = { "-": "⁻", "+": "", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

export const minus = (text) => text.replace(/^-/, "−").replace(/([(\s])-/g, "$1−");

// 0.6225, −0.0887 (toFixed with a real minus; −0.0000 becomes 0.0000)
export function fixed(value, decimals = 4) {
  if (value == null || !Number.isFinite(value)) return "—";
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : minus(text);
}

// A number in parentheses when negative, for products written out: 0.2350 × (−0.3775)
export const factor = (value, decimals = 4) => (value < 0 ? `(${fixed(value, decimals)})` : fixed(value, decimals));

// 10⁻⁵ for an integer exponent
export const powerOfTen = (exponent) => `10${String(exponent).split("").map((c) => SUPERSCRIPT[c] ?? c).join("")}`;

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
