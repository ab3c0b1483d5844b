// "Your network" as one more choice wherever a demo offers the shipped, partly trained or
// random weights: a radio button (beside the weightsChoice radios) or a <select> option,
// labelled with its held-out accuracy, following the network as it is kept, replaced or
// forgotten. A demo that draws the 784-16-16-10 layout passes needsDefault: a network of
// other sizes is then offered disabled, with the reason and a link to train one.
import { h } from "../dom.js";
import { SITE_ROOT } from "../runtime/client.js";
import { followYourNetwork, isDefaultShape, sizesText, yourLabel } from "./current.js";

export const YOURS = "yours";
const TRAIN_URL = () => new URL("lessons/07-training/", SITE_ROOT).href;

function noteFor(record, needsDefault) {
  if (!record) {
    return [
      h("a", { href: TRAIN_URL(), text: "Train your own network in lesson 7" }),
      " (or load one there) and it is offered here too.",
    ];
  }
  if (needsDefault && !isDefaultShape(record)) {
    return [
      `Your network is ${sizesText(record.sizes)}; this demo draws the course's 784-16-16-10 layout, ` +
        "so it needs one of those sizes: ",
      h("a", { href: TRAIN_URL(), text: "train one in lesson 7" }),
      ".",
    ];
  }
  return null;
}

// Radios: `fieldset` holds radio inputs named `name`; onChange(value) as for the others.
export function offerInRadios(fieldset, name, onChange, { needsDefault = false } = {}) {
  const input = h("input", { type: "radio", name, value: YOURS });
  input.addEventListener("change", () => {
    if (input.checked) onChange(YOURS);
  });
  const text = h("span");
  const label = h("label", { class: "demo__choice your-choice", hidden: true }, input, text);
  const note = h("p", { class: "demo__note your-choice__note" });
  fieldset.append(label, note);
  return followYourNetwork((record) => {
    const usable = Boolean(record) && (!needsDefault || isDefaultShape(record));
    label.hidden = !record;
    input.disabled = !usable;
    if (record) text.textContent = yourLabel(record);
    const words = noteFor(record, needsDefault);
    note.hidden = !words;
    note.replaceChildren(...(words || []));
    if (input.checked && !usable) {
      const first = fieldset.querySelector(`input[name="${name}"]:not([value="${YOURS}"])`);
      first.checked = true;
      onChange(first.value);
    } else if (input.checked) onChange(YOURS); // replaced by another: show the new one
  });
}

// A <select>: the option is added at the end; onChange(value) as the select's own.
export function offerInSelect(select, onChange, { needsDefault = false } = {}) {
  const option = h("option", { value: YOURS, hidden: true, disabled: true });
  select.append(option);
  const note = h("p", { class: "demo__note your-choice__note" });
  select.insertAdjacentElement("afterend", note);
  return followYourNetwork((record) => {
    const usable = Boolean(record) && (!needsDefault || isDefaultShape(record));
    option.hidden = !record;
    option.disabled = !usable;
    if (record)
      option.textContent =
        yourLabel(record) + (usable ? "" : ` (${sizesText(record.sizes)}: not for this demo)`);
    const words = noteFor(record, needsDefault);
    note.hidden = !words;
    note.replaceChildren(...(words || []));
    if (select.value === YOURS) {
      if (!usable) select.selectedIndex = 0;
      onChange(select.value);
    }
  }, select);
}

// A demo's own network beside yours, as radios under `legend`; returns {value}.
let choices = 0;
export function ownOrYours(
  container,
  own,
  ownText,
  onChange,
  { legend = "Network", needsDefault = true } = {},
) {
  const name = `your-choice-${++choices}`;
  const input = h("input", { type: "radio", name, value: own, checked: true });
  input.addEventListener("change", () => {
    if (input.checked) onChange(own);
  });
  const fieldset = h(
    "fieldset",
    { class: "demo__choices" },
    h("legend", { text: legend }),
    h("label", { class: "demo__choice" }, input, ownText),
  );
  container.append(fieldset);
  offerInRadios(fieldset, name, onChange, { needsDefault });
  return {
    element: fieldset,
    get value() {
      return fieldset.querySelector("input:checked").value;
    },
  };
}

// How a demo names the network an answer came from, in a sentence ("trained", "random"…).
export function networkWord(value, words) {
  return value === YOURS ? "your network's" : words[value];
}
