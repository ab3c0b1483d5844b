// Renders the maths that pymdownx.arithmatex leaves as \( … \) and \[ … \] in
// <span|div class="arithmatex">, with the site's own copy of KaTeX.
let katex = null;

export async function renderMath(root = document) {
  const nodes = root.querySelectorAll(".arithmatex:not([data-rendered])");
  if (!nodes.length) return;
  if (!katex) katex = (await import("../vendor/katex/katex.mjs")).default;
  for (const node of nodes) {
    const text = node.textContent.trim();
    const display = node.tagName === "DIV";
    const tex = text.replace(/^\\[([]/, "").replace(/\\[)\]]$/, "");
    try {
      katex.render(tex, node, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
    } catch (error) {
      node.textContent = text; // leave the source readable
    }
    node.dataset.rendered = "true";
  }
}

// Typeset one formula into an element (a demo's labels). Whatever text the element
// holds (a plain-text version of the formula) stays until KaTeX has loaded.
export async function renderTex(element, tex, { display = false } = {}) {
  if (!katex) katex = (await import("../vendor/katex/katex.mjs")).default;
  katex.render(tex, element, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
  element.dataset.rendered = "true";
}
