// Contour lines of a grid of heights, by marching squares: for each level, the line
// segments where the landscape crosses that height. Used to draw two-dial landscapes
// as a map (lessons 4 and 5). Pure arithmetic on numbers Python sent; no drawing here.
//
//   contourSegments(xs, ys, heights, level) → [[x1, y1, x2, y2], ...]
//   heights[row][column] is the height at (xs[column], ys[row]).

// Which cell edges a level crosses, for each of the 16 corner patterns. Corners are
// numbered 0 = (x0, y0), 1 = (x1, y0), 2 = (x1, y1), 3 = (x0, y1); edges 0 = bottom
// (corners 0–1), 1 = right (1–2), 2 = top (2–3), 3 = left (3–0). A pattern's bit i is
// set when corner i is above the level.
const EDGES = [
  [],
  [[3, 0]],
  [[0, 1]],
  [[3, 1]],
  [[1, 2]],
  null,
  [[0, 2]],
  [[3, 2]],
  [[2, 3]],
  [[0, 2]],
  null,
  [[1, 2]],
  [[3, 1]],
  [[0, 1]],
  [[3, 0]],
  [],
];

export function contourSegments(xs, ys, heights, level) {
  const segments = [];
  for (let row = 0; row + 1 < ys.length; row++) {
    for (let col = 0; col + 1 < xs.length; col++) {
      const v = [heights[row][col], heights[row][col + 1], heights[row + 1][col + 1], heights[row + 1][col]];
      if (v.some((h) => h == null || !Number.isFinite(h))) continue;
      let pattern = 0;
      for (let i = 0; i < 4; i++) if (v[i] > level) pattern |= 1 << i;
      let pairs = EDGES[pattern];
      if (pairs === null) {
        // A saddle: the centre's height decides which corners join.
        const centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 > level;
        if (pattern === 5)
          pairs = centreAbove
            ? [
                [3, 2],
                [0, 1],
              ]
            : [
                [3, 0],
                [1, 2],
              ];
        else
          pairs = centreAbove
            ? [
                [3, 0],
                [1, 2],
              ]
            : [
                [3, 2],
                [0, 1],
              ];
      }
      if (!pairs.length) continue;
      const x0 = xs[col],
        x1 = xs[col + 1],
        y0 = ys[row],
        y1 = ys[row + 1];
      const corner = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
      const cross = (edge) => {
        const a = edge,
          b = (edge + 1) % 4;
        const t = (level - v[a]) / (v[b] - v[a]);
        return [
          corner[a][0] + t * (corner[b][0] - corner[a][0]),
          corner[a][1] + t * (corner[b][1] - corner[a][1]),
        ];
      };
      for (const [e1, e2] of pairs) {
        const [ax, ay] = cross(e1);
        const [bx, by] = cross(e2);
        segments.push([ax, ay, bx, by]);
      }
    }
  }
  return segments;
}
