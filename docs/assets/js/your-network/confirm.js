// The one "ask before replacing" box: a question with two buttons, shown inline (no
// window.confirm), used before your network or your work is replaced or forgotten.
import { h } from "../dom.js";

// Show `question` in `box` with a yes and a no button (yes focused); resolves true for yes
// and empties `box` again.
export function confirmInline(box, question, yes, no) {
  return new Promise((resolve) => {
    const answer = (value) => {
      box.replaceChildren();
      resolve(value);
    };
    const yesButton = h("button", {
      type: "button",
      class: "md-button md-button--primary",
      text: yes,
      onclick: () => answer(true),
    });
    box.replaceChildren(
      h("p", { class: "your-panel__question", text: question }),
      h(
        "div",
        { class: "demo__buttons" },
        yesButton,
        h("button", { type: "button", class: "md-button", text: no, onclick: () => answer(false) }),
      ),
    );
    yesButton.focus({ preventScroll: true });
  });
}
