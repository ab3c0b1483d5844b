// Measurements the demo gates (test_demo_gates.py) take inside the page, over every demo
// of the page: target sizes, text sizes, colour contrast of states, text alternatives.
// Evaluated once per page; each function returns plain data (problems as strings).
(() => {
  if (window.__demoChecks) return;

  // ------------------------------------------------------------ colours
  function parse(text) {
    let m = text.match(/^rgba?\(([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    }
    m = text.match(/^color\(srgb ([^)]+)\)$/);
    if (m) {
      const p = m[1].split(/[\s/]+/).filter(Boolean).map(Number);
      return { r: 255 * p[0], g: 255 * p[1], b: 255 * p[2], a: p.length > 3 ? p[3] : 1 };
    }
    return null;
  }
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
  });
  function luminance({ r, g, b }) {
    const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }
  function contrast(x, y) {
    const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05);
  }
  // The colour behind an element: its own background and its ancestors', composited.
  function backgroundOf(element) {
    const layers = [];
    for (let e = element; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) colour = over(c, colour);
    return colour;
  }
  const rgb = ({ r, g, b }) => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;

  // ------------------------------------------------------------ what counts
  const visible = (e) => {
    if (!e.isConnected || (e.checkVisibility && !e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))) return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const describe = (e) => {
    const name = e.getAttribute("aria-label") || e.getAttribute("name") || (e.textContent || "").trim();
    const cls = (e.getAttribute("class") || "").split(/\s+/).filter(Boolean).slice(0, 2).join(".");
    return `${e.closest(".demo").dataset.demo}: ${e.tagName.toLowerCase()}${cls ? "." + cls : ""} "${name.slice(0, 40)}"`;
  };
  const CONTROLS = "button, input, select, textarea, summary, a[href], [tabindex], [role=button], [role=radio]";
  const controls = (demo) => [...demo.querySelectorAll(CONTROLS)]
    .filter((e) => visible(e) && !e.disabled && !(e.type === "hidden"));

  // Every target a pointer can press: the controls, and whatever the page makes look
  // pressable (it sets cursor: pointer or crosshair; the cursor is inherited, so only
  // where it is set) that is not part of a control already.
  function targets(demo) {
    const list = controls(demo);
    for (const e of demo.querySelectorAll("*")) {
      if (list.includes(e) || !visible(e)) continue;
      const cursor = getComputedStyle(e).cursor;
      if (cursor !== "pointer" && cursor !== "crosshair") continue;
      if (e.parentElement && getComputedStyle(e.parentElement).cursor === cursor) continue;
      if (e.tagName === "LABEL" || list.some((c) => c.contains(e))) continue;
      list.push(e);
    }
    return list;
  }

  // A control's box, with its label for a radio, checkbox or slider (both are pressable).
  function box(e) {
    let r = e.getBoundingClientRect();
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    if (e.labels && (e.type === "radio" || e.type === "checkbox")) {
      for (const label of e.labels) {
        const l = label.getBoundingClientRect();
        left = Math.min(left, l.left); top = Math.min(top, l.top); right = Math.max(right, l.right); bottom = Math.max(bottom, l.bottom);
      }
    }
    return { left, top, right, bottom, width: right - left, height: bottom - top, cx: (left + right) / 2, cy: (top + bottom) / 2 };
  }

  // ------------------------------------------------------------ the checks
  const MIN = 44;

  // Targets at least 44 × 44, or spaced so that a 44 px circle on each undersized one
  // meets no other target (WCAG 2.5.8's spacing rule, at 44 px); no select or label cut off.
  function targetSizes() {
    const problems = [];
    const smallest = {};
    for (const demo of document.querySelectorAll(".demo[data-demo]")) {
      const all = targets(demo);
      const exempt = all.filter((e) => e.dataset.equivalent);
      for (const e of exempt) if (!e.dataset.equivalent.trim()) problems.push(`${describe(e)}: empty data-equivalent`);
      const list = all.filter((e) => !e.dataset.equivalent).map((e) => ({ e, b: box(e) }));
      const small = list.filter(({ b }) => b.width < MIN - 0.5 || b.height < MIN - 0.5);
      for (const t of small) {
        const clash = list.find((o) => {
          if (o === t) return false;
          if (small.includes(o)) return Math.hypot(o.b.cx - t.b.cx, o.b.cy - t.b.cy) < MIN - 0.5;
          const dx = Math.max(o.b.left - t.b.cx, 0, t.b.cx - o.b.right), dy = Math.max(o.b.top - t.b.cy, 0, t.b.cy - o.b.bottom);
          return Math.hypot(dx, dy) < MIN / 2 - 0.25;
        });
        if (clash) problems.push(`${describe(t.e)}: ${t.b.width.toFixed(0)} × ${t.b.height.toFixed(0)} px and too close to ${describe(clash.e)}`);
      }
      for (const { e, b } of list) {
        const size = Math.min(b.width, b.height), name = demo.dataset.demo;
        if (!smallest[name] || size < smallest[name].size) smallest[name] = { size, what: describe(e), width: b.width, height: b.height };
      }
      // cut off: a select too narrow for its chosen option, a label or legend clipped
      for (const select of demo.querySelectorAll("select")) {
        if (!visible(select)) continue;
        const s = getComputedStyle(select);
        const context = document.createElement("canvas").getContext("2d");
        context.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const text = select.selectedOptions[0] ? select.selectedOptions[0].textContent : "";
        const room = select.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 18;
        if (context.measureText(text).width > room + 0.5) problems.push(`${describe(select)}: "${text}" is cut off (${room.toFixed(0)} px of room)`);
      }
      const demoBox = demo.getBoundingClientRect();
      for (const label of demo.querySelectorAll("label, legend, .md-button, summary")) {
        if (!visible(label)) continue;
        const b = label.getBoundingClientRect();
        if (label.scrollWidth > label.clientWidth + 1 && getComputedStyle(label).overflowX !== "visible") problems.push(`${describe(label)}: its text is cut off`);
        if (b.right > demoBox.right + 1 || b.left < demoBox.left - 1) problems.push(`${describe(label)}: runs outside the demo`);
      }
    }
    return { problems, smallest };
  }

  // No text below 12 CSS px: HTML text by its computed size, SVG text by its size times
  // the picture's scale.
  function textSizes() {
    const problems = [];
    const smallest = {};
    for (const demo of document.querySelectorAll(".demo[data-demo]")) {
      const walker = document.createTreeWalker(demo, NodeFilter.SHOW_TEXT);
      const seen = new Set();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const e = node.parentElement;
        if (!node.textContent.replace(/[\s\u200b]/g, "") || seen.has(e)) continue;
        seen.add(e);
        if (e.closest(".katex-mathml, .demo__sr, title, desc, style, script, option") || !visible(e)) continue;
        let size = parseFloat(getComputedStyle(e).fontSize);
        if (e instanceof SVGElement) {
          const m = e.getScreenCTM();
          if (!m) continue;
          size *= Math.hypot(m.a, m.b);
        }
        const name = demo.dataset.demo;
        if (!smallest[name] || size < smallest[name].size) smallest[name] = { size, text: node.textContent.trim().slice(0, 30) };
        if (size < 12 - 0.05) problems.push(`${describe(e)}: "${node.textContent.trim().slice(0, 30)}" at ${size.toFixed(1)} px`);
      }
    }
    return { problems, smallest };
  }

  // The colour contrast of a control as it is now (focused, hovered or plain): its text
  // against what is behind it, and its focus ring against what is around it.
  function stateContrast(e, { ring = false } = {}) {
    const problems = [];
    const texts = [e, ...e.querySelectorAll("*")].filter((x) =>
      [...x.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && visible(x) && !x.closest(".katex-mathml, .demo__sr"));
    for (const x of texts) {
      if (x instanceof SVGElement) continue; // SVG labels: checked by axe and by eye
      const colour = parse(getComputedStyle(x).color);
      if (!colour) continue;
      const behind = backgroundOf(x);
      const ratio = contrast(over(colour, behind), behind);
      if (ratio < 4.5) problems.push(`text ${rgb(over(colour, behind))} on ${rgb(behind)}: ${ratio.toFixed(2)}:1`);
    }
    if (ring) {
      const s = getComputedStyle(e);
      let colour = null;
      let around = backgroundOf(e.parentElement || e);
      if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) {
        colour = parse(s.outlineColor);
        // what lies under the ring: the nearest ancestor that reaches beyond it
        const reach = Math.max(0, parseFloat(s.outlineOffset)) + parseFloat(s.outlineWidth);
        const b = e.getBoundingClientRect();
        for (let a = e.parentElement; a; a = a.parentElement) {
          const r = a.getBoundingClientRect();
          if (r.left <= b.left - reach && r.top <= b.top - reach && r.right >= b.right + reach && r.bottom >= b.bottom + reach) {
            around = backgroundOf(a);
            break;
          }
        }
      }
      else if (e instanceof SVGElement) {
        const drawn = [e, ...e.querySelectorAll("*")].find((x) => {
          const t = getComputedStyle(x);
          return t.stroke !== "none" && parseFloat(t.strokeWidth) >= 2 && parse(t.stroke) && parse(t.stroke).a > 0;
        });
        if (drawn) { colour = parse(getComputedStyle(drawn).stroke); around = backgroundOf(e.ownerSVGElement); }
      }
      if (!colour) problems.push("no visible focus indicator");
      else {
        const ratio = contrast(over(colour, around), around);
        if (ratio < 3) problems.push(`focus ring ${rgb(colour)} on ${rgb(around)}: ${ratio.toFixed(2)}:1`);
      }
    }
    return problems;
  }

  // An invalid field, not focused: an error look that is not a ring (so it never reads as
  // focus), with a shape beyond colour (a bar inside its left edge or a thicker border),
  // and a visible message of readable contrast.
  function errorState(input) {
    const problems = [];
    const s = getComputedStyle(input);
    if (input.getAttribute("aria-invalid") !== "true") return ["not marked invalid"];
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) problems.push("shows a ring like focus");
    const bar = /inset/.test(s.boxShadow) && s.boxShadow !== "none";
    const thicker = parseFloat(s.borderLeftWidth) >= 2;
    if (!bar && !thicker) problems.push("no shape marks the error (only colour)");
    const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const message = ids.map((id) => document.getElementById(id)).find((m) => m && m.textContent.trim());
    if (!message || !visible(message)) problems.push("no visible message");
    else problems.push(...stateContrast(message).map((p) => `message ${p}`));
    problems.push(...stateContrast(input));
    return problems;
  }

  // Every picture has a text alternative to read aloud: a name, in rounded numbers.
  function textAlternatives() {
    const problems = [];
    for (const demo of document.querySelectorAll(".demo[data-demo]")) {
      for (const e of demo.querySelectorAll("svg, canvas")) {
        if (!visible(e) || e.closest("[aria-hidden=true]")) continue;
        if (e.parentElement.closest("svg")) continue;                       // part of a bigger picture
        const labelled = e.parentElement.closest("button, [role=button], [role=radio], a[href]");
        if (labelled && (labelled.getAttribute("aria-label") || labelled.textContent.trim())) continue;
        const role = e.getAttribute("role");
        const name = e.getAttribute("aria-label") || (e.getAttribute("aria-labelledby") || "").split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent || "").join(" ").trim();
        if (!role || !["img", "group", "application"].includes(role)) problems.push(`${describe(e)}: no role (img)`);
        if (!name || name.trim().length < 12) problems.push(`${describe(e)}: no text alternative`);
        else if (/NaN|undefined|Infinity|\d\.\d{5,}|10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+\.[\d⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(name)) problems.push(`${describe(e)}: unreadable numbers in "${name.slice(0, 80)}"`);
      }
    }
    return problems;
  }

  // Steady states only: no transition caught halfway (a constructed style sheet, which
  // the page's Content-Security-Policy allows, unlike an injected <style>).
  const still = new CSSStyleSheet();
  still.replaceSync("*, *::before, *::after { transition: none !important; animation: none !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, still];

  window.__demoChecks = { controls, targetSizes, textSizes, stateContrast, errorState, textAlternatives, describe, visible, CONTROLS };
})();
