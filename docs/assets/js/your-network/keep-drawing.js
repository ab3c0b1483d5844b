// "Keep this drawing" in Look inside: the drawing, as the 784 inputs the network read
// (fitted and centred), kept in this browser with the label the reader gives it. The
// Your work page lists them and scores them.
import { h } from "../dom.js";
import { LIMITS } from "../demo-kit/limits.js";
import { SITE_ROOT } from "../runtime/client.js";
import { openStore } from "./store.js";

export const YOUR_WORK_URL = () => new URL("your-work/", SITE_ROOT).href;

// inputs(): the 784 inputs (0–1) of the drawing on show, or null when no drawing is shown.
export function keepDrawingControls(shell, container, inputs) {
  const box = h("div", { class: "keep-drawing" });
  container.append(box);
  // A choice, not a typed number: nothing to mistype, and no label until the reader picks one.
  const id = `keep-drawing-label-${Math.random().toString(36).slice(2, 8)}`;
  const label = h(
    "select",
    { id, name: "your_digit_label" },
    h("option", { value: "", text: "choose…" }),
    Array.from({ length: LIMITS.digit.max + 1 }, (_, d) =>
      h("option", { value: String(d), text: String(d) }),
    ),
  );
  box.append(
    h(
      "div",
      { class: "demo__field" },
      h("label", { for: id, text: "Its label (the digit you meant)" }),
      label,
    ),
  );
  const message = h("p", { class: "your-panel__message keep-drawing__message", role: "status" });
  const say = (text, kind = "") => {
    message.textContent = text;
    message.dataset.kind = kind;
  };
  const button = shell.button("Keep this drawing", async () => {
    const values = inputs();
    if (!values || !values.some((v) => v > 0)) {
      say("Draw a digit on the pad first, then keep it.", "error");
      return;
    }
    if (label.value === "") {
      say("Choose its label first: the digit you meant, 0 to 9.", "error");
      label.focus();
      return;
    }
    const read = { value: Number(label.value) };
    button.disabled = true;
    try {
      const store = await openStore();
      await store.addDigit(
        values.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255)),
        read.value,
      );
      const total = (await store.digits()).length;
      message.replaceChildren(
        `Kept as a ${read.value}${store.problem ? " (until you leave the page: this browser keeps nothing)" : ""}. ` +
          `You have kept ${total} digit${total === 1 ? "" : "s"}: `,
        h("a", { href: YOUR_WORK_URL(), text: "see and score them on Your work" }),
        ".",
      );
      message.dataset.kind = "";
    } catch (error) {
      say(error.message, "error");
    } finally {
      button.disabled = false;
    }
  });
  box.append(h("div", { class: "demo__buttons" }, button), message);
  return box;
}
