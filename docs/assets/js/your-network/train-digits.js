// "Include your digits" in the Train demo: off by default; when on, the digits you kept
// (lesson 1's Keep this drawing) join the training images, and the page says that they
// are then no longer a fair test of the network.
import { h } from "../dom.js";
import { base64FromBytes } from "./panel.js";
import { openStore } from "./store.js";

export function includeDigitsChoice(shell) {
  const id = `train-your-digits-${Math.random().toString(36).slice(2, 8)}`;
  const box = h("input", { type: "checkbox", id, class: "train-digits__box" });
  const note = h("p", { class: "demo__note train-digits__note", "aria-live": "polite" });
  shell.controls.append(
    h(
      "div",
      { class: "demo__field train-digits" },
      h("label", { for: id }, box, " Include your digits"),
      note,
    ),
  );
  let digits = [];
  const describe = async () => {
    const store = await openStore();
    const kept = await store.digits();
    digits = kept.map((d) => ({ label: d.label, pixels: base64FromBytes(d.pixels) }));
    if (!box.checked) {
      note.textContent = kept.length
        ? `You have kept ${kept.length} digit${kept.length === 1 ? "" : "s"} (lesson 1); tick to train on them too.`
        : "";
    } else if (!kept.length) {
      note.textContent =
        "You have not kept any digits yet: draw one in lesson 1's Look inside and press Keep this drawing.";
    } else {
      note.textContent =
        `Your ${kept.length} digit${kept.length === 1 ? "" : "s"} join the training images. ` +
        "The network then learns from them, so scoring it on them is no longer a fair test.";
    }
  };
  box.addEventListener("change", describe);
  describe();
  return { value: () => (box.checked ? digits : []) };
}
