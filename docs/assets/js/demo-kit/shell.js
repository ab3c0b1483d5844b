// The frame every demo shares: its description (written in the Markdown, readable
// before anything loads), the runtime's loading state with progress, an error with
// Retry, labelled controls whose values are checked before use (text fields and
// choices), one way to ask Python (latest answer only, the waiting text, errors
// explained), and an output area. A demo then reads as: fields → ask → render.
import { h, uniqueId } from "../dom.js";
import { getRuntime } from "../runtime/client.js";
import { withPreviews } from "../runtime/previews.js";
import { explainError } from "./errors.js";
import { Latest, latestOnly } from "./latest.js";
import { parseNumber, parseSizeList } from "./validate.js";

// What a demo's status says while its question waits for the runtime to load.
export const WAITING = "Waiting for the Python runtime…";

const STAGES = { runtime: 1, packages: 2, data: 3 };
// How long a demo must stay in view before the runtime is fetched for it: long enough
// that scrolling past a demo costs nothing.
const PREFETCH_DWELL_MS = 800;

export class DemoShell {
  constructor(root, { usesRuntime = true } = {}) {
    this.root = root;
    this.runtime = getRuntime();
    this.cleanups = [];
    root.classList.add("demo--live");
    const about = h("div", { class: "demo__about" });
    about.append(...root.childNodes);
    root.append(about);
    this.controls = h("form", {
      class: "demo__controls",
      novalidate: true,
      onsubmit: (e) => e.preventDefault(),
    });
    this.statusLine = h("p", { class: "demo__status", role: "status", "aria-live": "polite" });
    this.output = h("div", { class: "demo__output" });
    root.append(this.controls, this.statusLine, this.output);
    if (usesRuntime) this.watchRuntime();
    // The build's first picture, until Python is ready (after watchRuntime, which watches the real runtime).
    if (usesRuntime) this.runtime = withPreviews(this.runtime, root, this.cleanups);
  }

  watchRuntime() {
    const box = h("div", { class: "demo__runtime", hidden: true });
    const text = h("span", { class: "demo__runtime-text" });
    const bar = h("progress", { max: 3, value: 0, "aria-label": "Loading the Python runtime" });
    const retry = h("button", {
      type: "button",
      class: "md-button demo__retry",
      hidden: true,
      text: "Retry",
      onclick: () => this.runtime.retry().catch(() => {}),
    });
    box.append(bar, text, retry);
    this.root.insertBefore(box, this.statusLine);
    this.cleanups.push(
      this.runtime.onStatus((state, detail, stage) => {
        box.hidden = state === "idle" || state === "ready";
        box.classList.toggle("demo__runtime--failed", state === "failed");
        bar.hidden = state !== "loading";
        retry.hidden = state !== "failed";
        text.textContent =
          state === "failed"
            ? `${detail} Check your connection, then press Retry. The lesson's text does not need it.`
            : detail;
        bar.value = (STAGES[stage] ?? 0.5) - 0.5;
      }),
    );
    // Prefetch: start the runtime when the reader shows interest in the demo (pointer
    // or keyboard focus inside it), or once it has stayed mostly in view for a moment;
    // never on a connection where the reader asked to save data.
    // A runtime that failed waits for the reader's Retry rather than failing again.
    const prefetch = () => {
      if (this.runtime.state !== "failed") this.runtime.start().catch(() => {});
    };
    const saveData = navigator.connection && navigator.connection.saveData;
    this.root.addEventListener("pointerenter", prefetch, { once: true });
    this.root.addEventListener("focusin", prefetch, { once: true });
    if ("IntersectionObserver" in window && !saveData) {
      let timer = null;
      const observer = new IntersectionObserver(
        (entries) => {
          const visible = entries.some(
            (entry) =>
              entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= 0.5 * window.innerHeight,
          );
          clearTimeout(timer);
          if (visible)
            timer = setTimeout(() => {
              observer.disconnect();
              prefetch();
            }, PREFETCH_DWELL_MS);
        },
        { threshold: [0, 0.25, 0.5, 0.75, 1] },
      );
      observer.observe(this.root);
      this.cleanups.push(() => {
        clearTimeout(timer);
        observer.disconnect();
      });
    }
  }

  setStatus(text, kind = "") {
    this.statusLine.textContent = text;
    this.statusLine.dataset.kind = kind;
  }

  // A labelled text field read as a number (or a list of sizes) within a rule. `check`
  // (optional) adds a rule that depends on other values: value → a message, or "" if fine.
  // The label may be text or an element (for symbols with subscripts).
  // `blank` (optional): while it returns true, an empty field is fine and reads as null
  // (the field then stands for nothing chosen, e.g. a drawing shown instead of an image).
  field({ label, name, value, rule, hint = "", list = null, width = 6, check = null, blank = null }) {
    const id = uniqueId("demo-field");
    // data-* attributes publish the rule, so tests can probe every bound of every field.
    const input = h("input", {
      id,
      name,
      type: "text",
      inputmode: rule.integer ? "numeric" : "decimal",
      value: String(value),
      size: width,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": `${id}-msg`,
      "data-min": rule.min,
      "data-max": rule.max,
      "data-integer": String(Boolean(rule.integer)),
      "data-exclusive-min": String(Boolean(rule.exclusiveMin)),
      "data-list": list ? `${list.min}-${list.max}` : null,
    });
    const message = h("span", { class: "demo__message", id: `${id}-msg`, "aria-live": "polite" });
    const wrapper = h(
      "div",
      { class: "demo__field" },
      h("label", { for: id }, label, hint ? h("span", { class: "demo__hint", text: hint }) : null),
      input,
      message,
    );
    this.controls.append(wrapper);
    const named = typeof label === "string" ? label : label.textContent;
    const read = () => {
      if (blank && blank() && input.value.trim() === "") {
        input.setAttribute("aria-invalid", "false");
        message.textContent = "";
        return { ok: true, value: null };
      }
      let result = list
        ? parseSizeList(input.value, rule, list, { label: named })
        : parseNumber(input.value, rule, named);
      const problem = result.ok && check ? check(result.value) : "";
      if (problem) result = { ok: false, message: problem };
      input.setAttribute("aria-invalid", String(!result.ok));
      message.textContent = result.ok ? "" : result.message;
      return result;
    };
    // Checked when the reader presses Enter or leaves the field, and re-checked while they
    // correct it. Leaving is checked a moment later: a message appearing at once would
    // move the buttons under a pointer that is on its way to click one.
    let pending = null;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        read();
      }
    });
    input.addEventListener("focusout", () => {
      clearTimeout(pending);
      pending = setTimeout(read, 250);
    });
    input.addEventListener("focusin", () => clearTimeout(pending));
    input.addEventListener("input", () => {
      if (input.getAttribute("aria-invalid") === "true") read();
    });
    return {
      input,
      read,
      reset: () => {
        input.value = String(value);
        read();
      },
    };
  }

  // Read several fields; returns the values, or null (with every message shown).
  readAll(fields) {
    const values = {};
    let ok = true;
    for (const [key, field] of Object.entries(fields)) {
      const result = field.read();
      if (result.ok) values[key] = result.value;
      else ok = false;
    }
    return ok ? values : null;
  }

  // A labelled group of radio buttons, built the same way in every demo: options are
  // [value, words] pairs; onChange(value) runs when the reader picks one. Returns the
  // fieldset (`element`) and the chosen `value`.
  choices({ legend, name, options, value, onChange, container = this.controls }) {
    const group = uniqueId(`demo-${name}`);
    const option = ([optionValue, words]) => {
      const input = h("input", {
        type: "radio",
        name: group,
        value: optionValue,
        checked: optionValue === value,
      });
      input.addEventListener("change", () => {
        if (input.checked) onChange(optionValue);
      });
      return h("label", { class: "demo__choice" }, input, words);
    };
    const element = h(
      "fieldset",
      { class: "demo__choices" },
      h("legend", { text: legend }),
      options.map(option),
    );
    container.append(element);
    return {
      element,
      get value() {
        return element.querySelector("input:checked").value;
      },
    };
  }

  // A labelled drop-down list: options are [value, words] pairs. Returns the <select>.
  // `first` puts it before the controls already there.
  select({ label, name, options, first = false }) {
    const id = uniqueId(`demo-${name}`);
    const element = h(
      "select",
      { id, name },
      options.map(([value, words]) => h("option", { value, text: words })),
    );
    const wrapper = h("div", { class: "demo__field" }, h("label", { for: id, text: label }), element);
    if (first) this.controls.prepend(wrapper);
    else this.controls.append(wrapper);
    return element;
  }

  // Says the demo waits for the runtime, if it is not ready yet; otherwise shows `busy`
  // (if given) while the answer is worked out.
  waitForRuntime(busy = null) {
    if (this.runtime.state !== "ready") this.setStatus(WAITING);
    else if (busy != null) this.setStatus(busy);
  }

  // Asking Python's `functionName` as values change: only the latest question waits while
  // one runs (values in between are dropped), the status says when the runtime is still
  // loading, and a failure is explained in the status line. Returns ask(options, context):
  // onResult(result, context) gets each answer. `doing` names the work for an unexpected
  // error ("Could not <doing>: …"); `busy` is the status while the answer is worked out.
  asker(functionName, { onResult, doing, busy = null, onError = null }) {
    const latest = new Latest(({ options }) => this.runtime.call(functionName, options), {
      onResult: (result, { context }) => onResult(result, context),
      onError: onError ?? ((error) => explainError(this, error, { doing })),
    });
    this.cleanups.push(() => latest.close());
    return (options, context = undefined) => {
      this.waitForRuntime(busy);
      latest.request({ options, context });
    };
  }

  // The promise form, for a demo that awaits its answer (a Run button): ask(options)
  // settles with the answer to the latest options; explain a failure with explainError.
  askLatest(functionName) {
    return latestOnly((options) => this.runtime.call(functionName, options));
  }

  button(label, onclick, { primary = false, disabled = false } = {}) {
    const button = h("button", {
      type: "button",
      class: `md-button${primary ? " md-button--primary" : ""}`,
      onclick,
      disabled,
      text: label,
    });
    return button;
  }

  destroy() {
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
  }
}
