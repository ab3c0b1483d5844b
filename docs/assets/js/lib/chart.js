// A small SVG line chart: one or more series against a shared x axis, redrawn as
// points arrive. Colours come from CSS classes (course.css), so light and dark
// schemes both read well; the chart's text summary is its accessible name: for each
// series, where it starts and ends, which way it went and its extreme between, in
// rounded numbers (or a chart's own words, given as `describe`).
import { svg } from "../dom.js";
import { keepLegible } from "./legible.js";

const WIDTH = 340,
  HEIGHT = 210;
const PAD = { left: 50, right: 12, top: 12, bottom: 38 };

// Round numbers for axis ticks between low and high.
export function niceTicks(low, high, count = 5) {
  if (!(high > low)) {
    high = low + 1;
  }
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  const ticks = [];
  for (let t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step)
    ticks.push(+t.toPrecision(12));
  return ticks;
}

export class LineChart {
  // series: [{name, className}], yFormat: value → text, yRange: [low, high] or null (auto);
  // the x axis runs from xMin (0 unless set) to xMax, its ticks written by xFormat.
  // For the summary: valueFormat (a value, rounded; yFormat unless given), xText (where
  // on the x axis, in words: "epoch 3" unless given), or describe(chart) for other words.
  constructor(
    container,
    {
      title,
      xLabel,
      series,
      yRange = null,
      yFormat = (v) => String(v),
      xMax = 10,
      xMin = 0,
      xFormat = (v) => String(v),
      xTicks = 5,
      valueFormat = null,
      xText = null,
      describe = null,
    },
  ) {
    this.title = title;
    this.xLabel = xLabel;
    this.series = series.map((s) => ({ ...s, points: [] }));
    this.yRange = yRange;
    this.yFormat = yFormat;
    this.xMax = xMax;
    this.xMin = xMin;
    this.xFormat = xFormat;
    this.xTicks = xTicks;
    this.valueFormat = valueFormat ?? yFormat;
    this.xText = xText ?? ((x) => `${xLabel.toLowerCase()} ${xFormat(x)}`);
    this.describe = describe;
    this.figure = document.createElement("figure");
    this.figure.className = "chart";
    this.element = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", class: "chart__svg" });
    const caption = document.createElement("figcaption");
    caption.className = "chart__caption";
    caption.textContent = title;
    this.legend = document.createElement("ul");
    this.legend.className = "chart__legend";
    for (const s of this.series) {
      const item = document.createElement("li");
      item.className = s.className;
      item.textContent = s.name;
      this.legend.append(item);
    }
    this.figure.append(caption, this.element, this.legend);
    container.append(this.figure);
    keepLegible(this.element);
    this.draw();
  }

  setXMax(xMax) {
    this.xMax = xMax;
    this.draw();
  }

  clear() {
    for (const s of this.series) s.points = [];
    this.draw();
  }

  // Replace a series' points at once ([[x, y], ...]; points that are not finite are left out).
  set(seriesIndex, points) {
    this.series[seriesIndex].points = points.filter(([, y]) => y != null && Number.isFinite(y));
    this.draw();
  }

  add(seriesIndex, x, y) {
    if (y == null || !Number.isFinite(y)) return;
    this.series[seriesIndex].points.push([x, y]);
    this.draw();
  }

  draw() {
    const el = this.element;
    el.replaceChildren();
    const all = this.series.flatMap((s) => s.points);
    let [low, high] = this.yRange ?? [0, Math.max(1e-9, ...all.map((p) => p[1]))];
    if (!this.yRange) {
      low = 0;
      high = high * 1.08;
    }
    const xMin = this.xMin;
    const xMax = Math.max(this.xMax, ...all.map((p) => p[0]), xMin + 1);
    const innerW = WIDTH - PAD.left - PAD.right,
      innerH = HEIGHT - PAD.top - PAD.bottom;
    const sx = (x) => PAD.left + ((x - xMin) / (xMax - xMin)) * innerW;
    const sy = (y) => PAD.top + innerH - ((Math.min(Math.max(y, low), high) - low) / (high - low)) * innerH;

    const grid = svg("g", { class: "chart__grid" });
    for (const t of niceTicks(low, high, 4)) {
      grid.append(svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: sy(t), y2: sy(t) }));
      grid.append(svg("text", { x: PAD.left - 6, y: sy(t) + 4, "text-anchor": "end" }, this.yFormat(t)));
    }
    for (const t of niceTicks(xMin, xMax, this.xTicks).filter((t) => Number.isInteger(t))) {
      grid.append(
        svg("text", { x: sx(t), y: HEIGHT - PAD.bottom + 18, "text-anchor": "middle" }, this.xFormat(t)),
      );
    }
    grid.append(
      svg(
        "text",
        { x: PAD.left + innerW / 2, y: HEIGHT - 4, "text-anchor": "middle", class: "chart__axis-label" },
        this.xLabel,
      ),
    );
    grid.append(
      svg("line", { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: PAD.top + innerH, class: "chart__axis" }),
    );
    grid.append(
      svg("line", {
        x1: PAD.left,
        x2: WIDTH - PAD.right,
        y1: PAD.top + innerH,
        y2: PAD.top + innerH,
        class: "chart__axis",
      }),
    );
    el.append(grid);

    for (const s of this.series) {
      if (!s.points.length) continue;
      const d = s.points
        .map(([x, y], i) => `${i ? "L" : "M"}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
        .join("");
      const group = svg("g", { class: `chart__series ${s.className}` });
      group.append(svg("path", { d }));
      const [lx, ly] = s.points[s.points.length - 1];
      group.append(svg("circle", { cx: sx(lx), cy: sy(ly), r: 3 }));
      el.append(group);
    }
    el.setAttribute("aria-label", this.summary());
  }

  summary() {
    if (this.describe) return `${this.title}. ${this.describe(this)}`;
    const value = this.valueFormat,
      at = this.xText;
    const parts = this.series.map((s) => {
      const points = s.points;
      if (!points.length) return `${s.name}: no points yet`;
      const [x1, y1] = points[points.length - 1];
      if (points.length === 1) return `${s.name}: ${value(y1)} (${at(x1)})`;
      const [x0, y0] = points[0];
      const trend = y1 < y0 ? "falls" : y1 > y0 ? "rises" : "stays";
      let text = `${s.name} ${trend} from ${value(y0)} (${at(x0)}) to ${value(y1)} (${at(x1)})`;
      // the lowest point (for a fall) or the highest (for a rise), when it lies between
      const extreme = points.reduce((best, p) =>
        (trend === "rises" ? p[1] > best[1] : p[1] < best[1]) ? p : best,
      );
      if (extreme !== points[0] && extreme !== points[points.length - 1] && value(extreme[1]) !== value(y1)) {
        text += `, ${trend === "rises" ? "highest" : "lowest"} ${value(extreme[1])} (${at(extreme[0])})`;
      }
      return text;
    });
    return `${this.title}. ${parts.join("; ")}.`;
  }
}
