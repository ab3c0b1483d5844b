// Text inside an SVG scales with the picture: a picture 480 units wide shown 330 px wide
// draws 12-unit text at 8 px. keepLegible(svg) keeps the CSS variable --u on the SVG
// equal to its user units per CSS pixel, so a style can ask for text that is never
// smaller than 12 CSS px, whatever the width:
//
//   .some-picture text { font-size: max(13px, calc(12.5px * var(--u, 1))); }
//
// One ResizeObserver serves every picture; a picture that leaves the page is dropped.
let observer = null;

function update(svg, width, height) {
  const box = svg.viewBox && svg.viewBox.baseVal;
  if (!box || !box.width || !width || !height) return;
  // preserveAspectRatio "meet": the picture is scaled by the smaller of the two ratios
  const unitsPerPixel = Math.max(box.width / width, box.height / height).toFixed(3);
  if (svg.style.getPropertyValue("--u") !== unitsPerPixel) svg.style.setProperty("--u", unitsPerPixel);
}

export function keepLegible(svg) {
  if (!("ResizeObserver" in window)) return svg;
  if (!observer) {
    // The new text size is applied in the next frame, not inside the observer's own
    // callback: a change of layout there would be reported as a ResizeObserver loop.
    observer = new ResizeObserver((entries) => {
      const sizes = entries.map((entry) => [entry.target, entry.contentRect.width, entry.contentRect.height]);
      requestAnimationFrame(() => {
        for (const [svg, width, height] of sizes) {
          if (!svg.isConnected) {
            observer.unobserve(svg);
            continue;
          }
          update(svg, width, height);
        }
      });
    });
  }
  observer.observe(svg);
  return svg;
}
