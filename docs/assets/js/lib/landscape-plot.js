// An SVG picture of a toy landscape (lessons 4 and 5): a curve of one dial, or a
// contour map of two, with axes, a clipped drawing area that nothing can leave, and
// conversions between the reader's clicks and the landscape's coordinates.
// Colours come from CSS classes in course.css, so light and dark schemes both read.
import { svg } from "../dom.js";
import { significant } from "../format.js";
import { niceTicks } from "./chart.js";
import { contourSegments } from "./contours.js";
import { keepLegible } from "./legible.js";

let clipCount = 0;

// A picture's size in its own units, close to the width it is shown at (between low and
// high units wide), so its labels keep their size on a phone: [width, height].
export function fittedSize(container, { low, high, aspect, minHeight = 0 }) {
  const shown = Math.round(container.getBoundingClientRect().width) || high;
  const width = Math.min(high, Math.max(low, shown));
  return [width, Math.max(minHeight, Math.round(width * aspect))];
}

// Call redraw() when the container's width changes enough to deserve another size.
export function onWidthChange(container, redraw, step = 24) {
  if (!("ResizeObserver" in window)) return () => {};
  let last = null;
  // redraw() changes the picture's height: it runs in the next frame, not inside the
  // observer's callback, where a change of layout would be reported as a ResizeObserver loop.
  const observer = new ResizeObserver(([entry]) => {
    const width = entry.contentRect.width;
    if (last !== null && Math.abs(width - last) >= step) requestAnimationFrame(redraw);
    if (last === null || Math.abs(width - last) >= step) last = width;
  });
  observer.observe(container);
  return () => observer.disconnect();
}

export class LandscapePlot {
  // view: [[xLow, xHigh], [yLow, yHigh]]; size: [width, height] of the viewBox.
  constructor(container, { view, size = [600, 360], xLabel = "x", yLabel = "", label = "" }) {
    this.view = view;
    [this.width, this.height] = size;
    this.pad = { left: 46, right: 14, top: 14, bottom: 40 };
    this.element = svg("svg", {
      viewBox: `0 0 ${this.width} ${this.height}`,
      class: "landscape",
      role: "img",
      "aria-label": label,
      preserveAspectRatio: "xMidYMid meet",
    });
    const clipId = `landscape-clip-${++clipCount}`;
    const defs = svg("defs");
    const clip = svg("clipPath", { id: clipId });
    clip.append(
      svg("rect", { x: this.pad.left, y: this.pad.top, width: this.innerWidth, height: this.innerHeight }),
    );
    defs.append(clip);
    this.axes = svg("g", { class: "landscape__axes" });
    this.inside = svg("g", { "clip-path": `url(#${clipId})` });
    this.layers = {};
    for (const name of ["background", "shape", "trail", "marks", "ball"]) {
      this.layers[name] = svg("g", { class: `landscape__${name}` });
      this.inside.append(this.layers[name]);
    }
    this.edge = svg("g", { class: "landscape__edge" }); // markers for points off the picture
    this.message = svg("text", {
      class: "landscape__message",
      x: this.pad.left + this.innerWidth / 2,
      y: this.pad.top + this.innerHeight / 2,
      "text-anchor": "middle",
    });
    this.element.append(defs, this.axes, this.inside, this.edge, this.message);
    container.append(this.element);
    keepLegible(this.element);
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.drawAxes();
  }

  get innerWidth() {
    return this.width - this.pad.left - this.pad.right;
  }
  get innerHeight() {
    return this.height - this.pad.top - this.pad.bottom;
  }

  sx(x) {
    const [a, b] = this.view[0];
    return this.pad.left + ((x - a) / (b - a)) * this.innerWidth;
  }
  sy(y) {
    const [a, b] = this.view[1];
    return this.pad.top + this.innerHeight - ((y - a) / (b - a)) * this.innerHeight;
  }

  // Is a point of the landscape inside the picture?
  contains(x, y) {
    const [[xa, xb], [ya, yb]] = this.view;
    return Number.isFinite(x) && Number.isFinite(y) && x >= xa && x <= xb && y >= ya && y <= yb;
  }

  // Screen coordinates for a point, pulled back inside a wide margin so that even a
  // runaway value never makes a path the browser cannot draw.
  screen(x, y) {
    const clampTo = (v, low, high) =>
      Number.isFinite(v) ? Math.min(high, Math.max(low, v)) : v > 0 ? high : low;
    return [
      clampTo(this.sx(x), -5 * this.width, 6 * this.width),
      clampTo(this.sy(y), -5 * this.height, 6 * this.height),
    ];
  }

  // The landscape coordinates under a click (null outside the drawing area).
  fromEvent(event) {
    const point = this.element.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const matrix = this.element.getScreenCTM();
    if (!matrix) return null;
    const local = point.matrixTransform(matrix.inverse());
    if (
      local.x < this.pad.left ||
      local.x > this.pad.left + this.innerWidth ||
      local.y < this.pad.top ||
      local.y > this.pad.top + this.innerHeight
    )
      return null;
    const [[xa, xb], [ya, yb]] = this.view;
    return [
      xa + ((local.x - this.pad.left) / this.innerWidth) * (xb - xa),
      ya + ((this.pad.top + this.innerHeight - local.y) / this.innerHeight) * (yb - ya),
    ];
  }

  drawAxes() {
    const g = this.axes;
    g.replaceChildren();
    const [[xa, xb], [ya, yb]] = this.view;
    const left = this.pad.left,
      bottom = this.pad.top + this.innerHeight,
      right = left + this.innerWidth;
    g.append(
      svg("rect", {
        class: "landscape__frame",
        x: left,
        y: this.pad.top,
        width: this.innerWidth,
        height: this.innerHeight,
      }),
    );
    for (const t of niceTicks(xa, xb, 8)) {
      g.append(
        svg("line", {
          class: "landscape__grid",
          x1: this.sx(t),
          x2: this.sx(t),
          y1: this.pad.top,
          y2: bottom,
        }),
      );
      g.append(svg("text", { x: this.sx(t), y: bottom + 15, "text-anchor": "middle" }, significant(t)));
    }
    for (const t of niceTicks(ya, yb, 6)) {
      g.append(
        svg("line", { class: "landscape__grid", x1: left, x2: right, y1: this.sy(t), y2: this.sy(t) }),
      );
      g.append(svg("text", { x: left - 6, y: this.sy(t) + 4, "text-anchor": "end" }, significant(t)));
    }
    g.append(
      svg(
        "text",
        {
          class: "landscape__axis-label",
          x: left + this.innerWidth / 2,
          y: this.height - 6,
          "text-anchor": "middle",
        },
        this.xLabel,
      ),
    );
    if (this.yLabel) {
      g.append(
        svg(
          "text",
          {
            class: "landscape__axis-label",
            x: 12,
            y: this.pad.top + this.innerHeight / 2,
            "text-anchor": "middle",
            transform: `rotate(-90 12 ${this.pad.top + this.innerHeight / 2})`,
          },
          this.yLabel,
        ),
      );
    }
  }

  setMessage(text) {
    this.message.textContent = text;
  }

  clear(...names) {
    for (const name of names) this.layers[name].replaceChildren();
  }

  // A curve y = f(x) from sampled points.
  drawCurve(xs, ys) {
    this.clear("shape");
    const d = xs
      .map((x, i) => {
        const [px, py] = this.screen(x, ys[i]);
        return `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`;
      })
      .join("");
    this.layers.shape.append(svg("path", { class: "landscape__curve", d }));
  }

  // Contour lines of a grid of heights, the lower levels drawn stronger.
  drawContours(grid) {
    this.clear("shape");
    const levels = grid.levels;
    levels.forEach((level, index) => {
      const segments = contourSegments(grid.x, grid.y, grid.height, level);
      if (!segments.length) return;
      const d = segments
        .map(
          ([ax, ay, bx, by]) =>
            `M${this.sx(ax).toFixed(1)},${this.sy(ay).toFixed(1)}L${this.sx(bx).toFixed(1)},${this.sy(by).toFixed(1)}`,
        )
        .join("");
      const strength = 1 - index / Math.max(1, levels.length);
      this.layers.shape.append(
        svg("path", { class: "landscape__contour", d, "stroke-opacity": (0.3 + 0.6 * strength).toFixed(2) }),
      );
    });
  }

  // A labelled mark (a valley floor, the lowest point).
  mark(x, y, text, { anchor = "middle", dx = 0, dy = 18, className = "" } = {}) {
    const [px, py] = this.screen(x, y);
    const g = svg("g", { class: `landscape__mark ${className}` });
    g.append(
      svg("path", { d: `M${px - 5},${py - 5}L${px + 5},${py + 5}M${px - 5},${py + 5}L${px + 5},${py - 5}` }),
    );
    if (text) g.append(svg("text", { x: px + dx, y: py + dy, "text-anchor": anchor }, text));
    this.layers.marks.append(g);
  }

  // A path of points [[x, y], ...] as a line with a dot at each point.
  drawPath(points, { className = "", dots = true, radius = 3 } = {}) {
    const g = svg("g", { class: `landscape__path ${className}` });
    if (points.length > 1) {
      const d = points
        .map(([x, y], i) => {
          const [px, py] = this.screen(x, y);
          return `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`;
        })
        .join("");
      g.append(svg("path", { d }));
    }
    if (dots) {
      for (const [x, y] of points) {
        if (!this.contains(x, y)) continue;
        g.append(svg("circle", { cx: this.sx(x).toFixed(1), cy: this.sy(y).toFixed(1), r: radius }));
      }
    }
    this.layers.trail.append(g);
    return g;
  }

  // The ball: a circle inside the picture, or, if the point is off it, an arrow on the
  // edge pointing the way it went, with the words "off the picture".
  drawBall(x, y, { className = "", label = "" } = {}) {
    const layer = this.layers.ball;
    if (this.contains(x, y)) {
      layer.append(
        svg("circle", { class: `landscape__ball ${className}`, cx: this.sx(x), cy: this.sy(y), r: 7 }),
      );
      return true;
    }
    const [[xa, xb], [ya, yb]] = this.view;
    const cx = Number.isFinite(x) ? Math.min(xb, Math.max(xa, x)) : x > 0 ? xb : xa;
    const cy = Number.isFinite(y) ? Math.min(yb, Math.max(ya, y)) : y > 0 ? yb : ya;
    const px = this.sx(cx),
      py = this.sy(cy);
    const dx = x > xb ? 1 : x < xa ? -1 : 0;
    const dy = y > yb ? -1 : y < ya ? 1 : 0; // screen y grows downwards
    const length = Math.hypot(dx, dy) || 1;
    const ux = dx / length,
      uy = dy / length;
    const tip = [px, py],
      base = [px - 16 * ux, py - 16 * uy];
    const side = [-uy * 7, ux * 7];
    const g = svg("g", { class: `landscape__offscreen ${className}` });
    g.append(
      svg("path", {
        d: `M${tip[0]},${tip[1]}L${base[0] + side[0]},${base[1] + side[1]}L${base[0] - side[0]},${base[1] - side[1]}Z`,
      }),
    );
    const tx = Math.min(this.pad.left + this.innerWidth - 4, Math.max(this.pad.left + 4, px - 24 * ux));
    const ty = Math.min(this.pad.top + this.innerHeight - 6, Math.max(this.pad.top + 14, py - 24 * uy + 4));
    const anchor = ux > 0.3 ? "end" : ux < -0.3 ? "start" : "middle";
    g.append(svg("text", { x: tx, y: ty, "text-anchor": anchor }, label || "off the picture"));
    this.edge.append(g);
    return false;
  }

  clearBall() {
    this.layers.ball.replaceChildren();
    this.edge.replaceChildren();
  }

  // An arrow between two points of the landscape (the next step), clipped to the picture.
  drawArrow(from, to, { className = "" } = {}) {
    const [ax, ay] = this.screen(...from);
    const [bx, by] = this.screen(...to);
    const length = Math.hypot(bx - ax, by - ay);
    const g = svg("g", { class: `landscape__arrow ${className}` });
    g.append(svg("line", { x1: ax, y1: ay, x2: bx, y2: by }));
    if (length > 8) {
      const ux = (bx - ax) / length,
        uy = (by - ay) / length;
      g.append(
        svg("path", {
          d: `M${bx},${by}L${bx - 9 * ux - 5 * uy},${by - 9 * uy + 5 * ux}L${bx - 9 * ux + 5 * uy},${by - 9 * uy - 5 * ux}Z`,
        }),
      );
    }
    this.layers.ball.append(g);
  }

  // A short segment through a point with a given slope (dy/dx in landscape units).
  drawTangent(x, y, slope, { className = "" } = {}) {
    if (!this.contains(x, y) || !Number.isFinite(slope)) return;
    // direction in screen units
    const [[xa, xb], [ya, yb]] = this.view;
    const ex = this.innerWidth / (xb - xa),
      ey = -this.innerHeight / (yb - ya);
    let vx = ex,
      vy = slope * ey;
    const n = Math.hypot(vx, vy);
    vx = (vx / n) * 40;
    vy = (vy / n) * 40;
    const px = this.sx(x),
      py = this.sy(y);
    this.layers.ball.append(
      svg("line", {
        class: `landscape__tangent ${className}`,
        x1: px - vx,
        y1: py - vy,
        x2: px + vx,
        y2: py + vy,
      }),
    );
  }
}
