"""The lessons' figures, written as small SVG files in docs/assets/figures/.

Not a build step: run ``make figures`` (``python -m tools.figures``) after changing a
figure here, and commit the SVG files it writes (tests/unit/test_figures.py checks they
match, and tests/build/test_worked_numbers.py checks every number they show).

The pages include each file inline (``--8<-- "name.svg"`` with pymdownx.snippets), so
the drawings can use the theme's colours: ink is ``currentColor`` (the text colour,
dark on the light scheme and light on the dark one), faint lines and muted text use
mkdocs-material's ``--md-default-fg-color--*`` variables, and the accents are the
course's colour-blind-safe ``--nn-*`` colours (with fallbacks). Each figure carries a
``<title>`` (its alt text) and a ``<desc>``; the page adds a visible caption.
"""

import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "figures"

STYLE = (
    "<style>"
    "svg.nnf{max-width:100%;height:auto;font-size:16px;overflow:visible}"
    "svg.nnf text{fill:currentColor}"
    "svg.nnf .mu{fill:var(--md-default-fg-color--light)}"
    "svg.nnf .ln{stroke:currentColor;fill:none;stroke-width:1.6}"
    "svg.nnf .fa{stroke:var(--md-default-fg-color--lighter);fill:none;stroke-width:1}"
    "svg.nnf .fl{stroke:var(--md-default-fg-color--lightest);fill:none}"
    "svg.nnf .nd{fill:var(--md-default-bg-color);stroke:currentColor;stroke-width:1.4}"
    "svg.nnf .ink{fill:currentColor}"
    "svg.nnf .bl{stroke:var(--nn-blue,#0072b2);fill:none;stroke-width:2.4}"
    "svg.nnf .or{stroke:var(--nn-orange,#d55e00);fill:none;stroke-width:2.4}"
    "svg.nnf .gr{stroke:var(--nn-green,#009e73);fill:none;stroke-width:2.4}"
    "svg.nnf text.bl,svg.nnf .fbl{fill:var(--nn-blue,#0072b2);stroke:none}"
    "svg.nnf text.or,svg.nnf .for{fill:var(--nn-orange,#d55e00);stroke:none}"
    "svg.nnf text.gr,svg.nnf .fgr{fill:var(--nn-green,#009e73);stroke:none}"
    "svg.nnf .sm{font-size:13.5px}"
    "svg.nnf .lg{font-size:19px}"
    "svg.nnf .b{font-weight:700}"
    "svg.nnf .it{font-style:italic}"
    "svg.nnf .halo{stroke:var(--md-default-bg-color);stroke-width:5px;paint-order:stroke;stroke-linejoin:round}"
    "</style>"
)


def fmt(v):
    """A coordinate with at most one decimal, no trailing zeros."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def svg(name, width, height, title, desc, body):
    return (
        f'<svg class="nnf" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{name}-t" '
        f'aria-describedby="{name}-d"><title id="{name}-t">{title}</title>'
        f'<desc id="{name}-d">{desc}</desc>{STYLE}{body}</svg>\n'
    )


def text(x, y, s, cls="", anchor="middle", extra=""):
    c = f' class="{cls}"' if cls else ""
    a = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text x="{fmt(x)}" y="{fmt(y)}"{a}{c}{extra}>{s}</text>'


def line(x1, y1, x2, y2, cls="ln", extra=""):
    return f'<path class="{cls}" d="M{fmt(x1)} {fmt(y1)}L{fmt(x2)} {fmt(y2)}"{extra}/>'


def path(points, cls="ln", extra=""):
    d = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in points)
    return f'<path class="{cls}" d="{d}"{extra}/>'


def arrow(x1, y1, x2, y2, cls="ln", head=9, width=5):
    """A line from (x1, y1) to (x2, y2) with a filled head at the end, same colour."""
    dx, dy = x2 - x1, y2 - y1
    n = math.hypot(dx, dy) or 1
    ux, uy = dx / n, dy / n
    bx, by = x2 - ux * head, y2 - uy * head
    fill = {"ln": "ink", "bl": "fbl", "or": "for", "gr": "fgr"}.get(cls, "ink")
    tip = [(x2, y2), (bx - uy * width, by + ux * width), (bx + uy * width, by - ux * width)]
    return (
        line(x1, y1, bx, by, cls)
        + f'<path class="{fill}" d="M{"L".join(f"{fmt(x)} {fmt(y)}" for x, y in tip)}Z"/>'
    )


def circle(x, y, r, cls="nd", extra=""):
    return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" class="{cls}"{extra}/>'


def rect(x, y, w, h, cls="ln", extra=""):
    return f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}" class="{cls}"{extra}/>'


def sig(z):
    return 1 / (1 + math.exp(-z))


# ------------------------------------------------------------------ lesson 1

# A held-out 7 from the site's data (MNIST, CC BY-SA 3.0; test image 15 of our split):
# brightness 0–255 as two hex digits a pixel, rows 7–26 of 28 (the others are blank).
SEVEN_ROWS = (
    "0000000000000000000000000000000000109ae04900000000000000",
    "0000000000000000000008426fd1d06f9bdffefe7400000000000000",
    "00000000000000000022cbfefecbfefefefefeea0f00000000000000",
    "000000000000000042eef8b36108258687ddffa60000000000000000",
    "000000000000000036b35100000000004bfed0180000000000000000",
    "0000000000000000000000000000001febfe76000000000000000000",
    "000000000000000000000000000002a4feaa08000000000000000000",
    "000000000000000000000000000015fefc4800000000000000000000",
    "00000000000000000000000000008efe7e0000000000000000000000",
    "0000000000000000000000000046fef3200000000000000000000000",
    "00000000000000000000000028e9fc4b000000000000000000000000",
    "00000000000000000000000078fee200000000000000000000000000",
    "000000000000000000000019dee82b00000000000000000000000000",
    "00000000000000000000008cfe890000000000000000000000000000",
    "0000000000000000000034ecd00e0000000000000000000000000000",
    "0000000000000000000acffe59000000000000000000000000000000",
    "00000000000000000062fea405000000000000000000000000000000",
    "000000000000000039f8e02300000000000000000000000000000000",
    "000000000000000cd9f93d0000000000000000000000000000000000",
    "0000000000000064fe6b000000000000000000000000000000000000",
)


def seven_pixels():
    """The 7 as 28 rows of 28 brightness values 0–255."""
    blank = [0] * 28
    rows = [[int(r[i : i + 2], 16) for i in range(0, 56, 2)] for r in SEVEN_ROWS]
    return [blank] * 7 + rows + [blank] * (28 - 7 - len(rows))


def digit_grid(pixels):
    cell = 7
    x0, y0 = 6, 62
    parts = [text(x0 + 14 * cell, 22, "the image:", "b"), text(x0 + 14 * cell, 42, "28 × 28 pixels", "b")]
    parts.append(rect(x0, y0, 28 * cell, 28 * cell, "fa"))
    for r in range(28):
        for c in range(28):
            v = pixels[r][c]
            if v:
                parts.append(
                    f'<rect x="{x0 + c * cell}" y="{y0 + r * cell}" width="{cell}" height="{cell}" '
                    f'class="ink" fill-opacity="{v / 255:.2f}"/>'
                )
    # the crop: 5 × 5 pixels where the top bar of the 7 turns down
    cr, cc, n = 9, 15, 5
    parts.append(rect(x0 + cc * cell, y0 + cr * cell, n * cell, n * cell, "bl"))
    tx, ty, tw, th = 240, 62, 51, 38
    parts.append(text(tx + n * tw / 2, 22, "what the network reads", "b"))
    parts.append(text(tx + n * tw / 2, 42, "(brightness ÷ 255)", "mu"))
    for r in range(n):
        for c in range(n):
            v = pixels[cr + r][cc + c] / 255
            label = "0" if v == 0 else ("1" if v == 1 else f"{v:.2f}")  # 254/255 shows as 1.00
            parts.append(rect(tx + c * tw, ty + r * th, tw, th, "fa"))
            parts.append(text(tx + c * tw + tw / 2, ty + r * th + 25, label))
    parts.append(rect(tx, ty, n * tw, n * th, "bl"))
    parts.append(line(x0 + (cc + n) * cell, y0 + cr * cell, tx, ty, "fa"))
    parts.append(line(x0 + (cc + n) * cell, y0 + (cr + n) * cell, tx, ty + n * th, "fa"))
    parts.append(text(tx + n * tw / 2, ty + n * th + 30, "5 × 5 of the 784 numbers,", "mu"))
    parts.append(text(tx + n * tw / 2, ty + n * th + 50, "from 0 (no ink) to 1 (full ink)", "mu"))
    return svg(
        "fig-digit-grid",
        500,
        312,
        "A handwritten 7 as a grid of numbers",
        "Left, a handwritten 7 drawn as 28 by 28 shaded squares, with a small square region "
        "outlined. Right, that 5 by 5 region written out as numbers between 0 and 1: 0 where "
        "there is no ink, values near 1 where the stroke is.",
        "".join(parts),
    )


def layers():
    xs = [40, 160, 280, 400]
    top, bottom = 90, 390

    def ys(n, gap):
        mid = (top + bottom) / 2
        return [round(mid + (i - (n - 1) / 2) * gap) for i in range(n)]

    inputs = ys(10, 30)
    inputs = inputs[:5] + inputs[6:]  # a gap for "⋮" in the middle
    hidden = ys(16, 19)
    outputs = ys(10, 30)
    parts = []
    segs = []
    for a, b, xa, xb in (
        (inputs, hidden, xs[0], xs[1]),
        (hidden, hidden, xs[1], xs[2]),
        (hidden, outputs, xs[2], xs[3]),
    ):
        for ya in a:
            for yb in b:
                segs.append(f"M{xa} {ya}L{xb} {yb}")
    parts.append(f'<path class="fa" stroke-opacity="0.5" d="{"".join(segs)}"/>')
    # how lit each neuron is: a fixed, made-up pattern for the drawing
    lit_in = [0, 0.2, 0.9, 1, 0.1, 0.6, 1, 0.3, 0]
    lit_h1 = [0.1, 0.8, 0.3, 0.0, 0.9, 0.5, 0.1, 0.7, 0.2, 1.0, 0.4, 0.0, 0.6, 0.2, 0.9, 0.3]
    lit_h2 = [0.6, 0.1, 0.9, 0.3, 0.0, 0.7, 0.2, 0.5, 1.0, 0.1, 0.4, 0.8, 0.0, 0.3, 0.6, 0.2]
    lit_out = [0.02, 0.1, 0.05, 0.08, 0.03, 0.01, 0.04, 0.92, 0.06, 0.2]
    for x, col, lit, r in (
        (xs[0], inputs, lit_in, 9),
        (xs[1], hidden, lit_h1, 7.5),
        (xs[2], hidden, lit_h2, 7.5),
        (xs[3], outputs, lit_out, 10),
    ):
        for y, v in zip(col, lit):
            parts.append(circle(x, y, r))
            if v:
                parts.append(circle(x, y, r - 1, "ink", f' fill-opacity="{v:.2f}"'))
    parts.append(text(xs[0], (inputs[4] + inputs[5]) / 2 + 6, "⋮", "lg"))
    for d, y in enumerate(outputs):
        parts.append(text(xs[3] + 18, y + 5, str(d), "b" if d == 7 else "", "start"))
    parts.append(text(xs[3] + 32, outputs[7] + 5, "← guess", "bl b", "start"))
    heads = [("input", "784"), ("hidden 1", "16"), ("hidden 2", "16"), ("output", "10")]
    for x, (a, b) in zip(xs, heads):
        parts.append(text(x, 22, a, "b"))
        parts.append(text(x, 42, b, "mu"))
    parts.append(text(xs[0], 62, "layer 0", "mu sm"))
    parts.append(text(xs[3], 62, "layer 3", "mu sm"))
    parts.append(arrow(110, 422, 330, 422))
    parts.append(text(220, 444, "each layer's activations feed the next", "mu sm"))
    return svg(
        "fig-layers",
        490,
        450,
        "The digit network's four layers",
        "Four columns of circles joined by many faint lines: 784 input neurons (a few drawn), "
        "two hidden layers of 16 neurons and 10 output neurons labelled 0 to 9. Shading shows "
        "how lit each neuron is (a made-up pattern); output 7 is the most strongly shaded, the "
        "most lit, so it is the guess. An arrow "
        "shows that activations flow from left to right.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 2


def neuron():
    parts = []
    ins = [(26, 40, "a₁"), (26, 120, "a₂"), (26, 200, "a₃")]
    cx, cy = 210, 120
    for (x, y, lab), w in zip(ins, ("w₁", "w₂", "w₃")):
        parts.append(arrow(x + 22, y, cx - 50, cy + (y - cy) * 0.25))
        parts.append(circle(x, y, 22))
        parts.append(text(x, y + 5, lab))
        mx, my = (x + 22 + cx - 50) / 2, (y + cy + (y - cy) * 0.25) / 2
        parts.append(text(mx, my - 9, w, "bl b"))
    parts.append(circle(cx, cy, 50))
    parts.append(text(cx, cy - 6, "Σ w·a", ""))
    parts.append(text(cx, cy + 16, "+ b", "or b"))
    parts.append(text(cx, cy + 74, "weighted sum", "mu sm"))
    parts.append(text(cx, cy + 90, "plus bias", "mu sm"))
    # the squish, as a little box with a sigmoid in it
    bx, by = 300, 90
    parts.append(arrow(cx + 50, cy, bx, cy))
    parts.append(text((cx + 50 + bx) / 2, cy - 10, "z", "it"))
    parts.append(rect(bx, by, 64, 60, "nd", ' rx="6"'))
    pts = [(bx + 6 + i * 52 / 40, by + 52 - 44 * sig((i - 20) / 3.5)) for i in range(41)]
    parts.append(path(pts, "bl"))
    parts.append(text(bx + 32, by + 84, "squish σ", "mu sm"))
    parts.append(arrow(bx + 64, cy, 450, cy))
    parts.append(text(420, cy - 12, "a = σ(z)", "", "middle"))
    parts.append(text(240, 264, "z = w₁a₁ + w₂a₂ + w₃a₃ + b", "b"))
    return svg(
        "fig-neuron",
        470,
        276,
        "One neuron: weighted sum, bias, squish",
        "Three input activations a1, a2, a3 feed a neuron through weights w1, w2, w3. The "
        "neuron adds up each activation times its weight, adds the bias b to get z, and "
        "passes z through the sigmoid squish to get its own activation a.",
        "".join(parts),
    )


def sigmoid_plot():
    x0, x1, y0, y1 = 56, 480, 230, 30  # plot box: z from -8 to 8, sigma from 0 to 1
    X = lambda z: x0 + (z + 8) / 16 * (x1 - x0)
    Y = lambda s: y0 + s * (y1 - y0)
    parts = []
    for s in (0, 0.5, 1):
        parts.append(line(x0, Y(s), x1, Y(s), "fa", ' stroke-dasharray="3 4"' if s == 0.5 else ""))
        parts.append(text(x0 - 8, Y(s) + 5, {0: "0", 0.5: "0.5", 1: "1"}[s], "mu", "end"))
    for z in (-8, -4, 0, 4, 8):
        parts.append(line(X(z), y0, X(z), y0 + 6, "fa"))
        parts.append(text(X(z), y0 + 24, str(z).replace("-", "−"), "mu"))
    parts.append(line(X(0), y0, X(0), y1 - 6, "fa"))
    parts.append(path([(X(-8 + i * 0.2), Y(sig(-8 + i * 0.2))) for i in range(81)], "bl"))
    parts.append(circle(X(0), Y(0.5), 5, "fbl"))
    parts.append(text(X(0) + 12, Y(0.5) + 22, "σ(0) = 0.5", "", "start"))
    parts.append(text(X(8), Y(1) - 10, "→ 1 for large z", "mu sm", "end"))
    parts.append(text(X(-8) + 4, Y(0) - 24, "→ 0 for very negative z", "mu sm", "start"))
    parts.append(text((x0 + x1) / 2, y0 + 46, "weighted input z", "it"))
    parts.append(
        text(18, (y0 + y1) / 2, "σ(z)", "it", "middle", f' transform="rotate(-90 18 {fmt((y0 + y1) / 2)})"')
    )
    return svg(
        "fig-sigmoid",
        500,
        286,
        "The sigmoid curve",
        "The sigmoid σ(z) plotted for z from −8 to 8: an S-shaped curve that stays near 0 for "
        "very negative z, passes through 0.5 at z = 0 and flattens towards 1 for large z.",
        "".join(parts),
    )


def matrix_shapes():
    parts = []
    y = 44
    parts.append(text(4, 122, "a¹", "lg b", "start"))
    parts.append(text(32, 122, "= σ(", "lg", "start"))
    wx, ww, wh = 82, 190, 80
    parts.append(rect(wx, y + 38, ww, wh, "nd"))
    parts.append(rect(wx, y + 38 + 3 * wh / 16, ww, wh / 16, "ink", ' fill-opacity="0.25"'))
    parts.append(text(wx + ww / 2, y + 38 + wh / 2 + 20, "W¹", "lg b"))
    parts.append(text(wx + ww / 2, y + 26, "16 × 784", "b"))
    ax = wx + ww + 12
    parts.append(rect(ax, y, 16, 156, "nd"))
    parts.append(text(ax + 8, y - 10, "a⁰", "lg b"))
    parts.append(text(ax + 8, y + 176, "784 × 1", "mu sm"))
    parts.append(text(ax + 38, 122, "+", "lg"))
    bx = ax + 54
    parts.append(rect(bx, y + 38, 16, wh, "nd"))
    parts.append(text(bx + 8, y + 26, "b¹", "lg b"))
    parts.append(text(bx + 8, y + 38 + wh + 18, "16 × 1", "mu sm"))
    parts.append(text(bx + 24, 122, ")", "lg", "start"))
    parts.append(arrow(wx + 34, y + 38 + wh + 26, wx + 34, y + 38 + 3.5 * wh / 16 + 2, "ln", 7, 4))
    parts.append(text(wx - 20, y + 38 + wh + 42, "row j: neuron j's incoming weights", "sm", "start"))
    parts.append(text(4, 258, "a¹ is 16 × 1: one activation per neuron of layer 1.", "sm", "start"))
    parts.append(text(4, 284, "W¹ is 16 × 784,  W² is 16 × 16,  W³ is 10 × 16", "b", "start"))
    return svg(
        "fig-matrix-shapes",
        440,
        296,
        "A whole layer at once: a¹ = σ(W¹a⁰ + b¹), with shapes",
        "The first layer in matrix form. W1 is a wide box, 16 rows by 784 columns; one row is "
        "shaded and labelled as one neuron's 784 incoming weights. It multiplies the tall "
        "784 by 1 column a0 of inputs; the 16 by 1 column b1 is added, and the squish gives "
        "a1, 16 by 1. "
        "Below: W1 is 16 by 784, W2 is 16 by 16, W3 is 10 by 16.",
        "".join(parts),
    )


# A layer of two neurons with three inputs, worked in lesson 2: neuron 1 is the lesson's
# first worked neuron, neuron 2 a second row of weights.
LAYER_W = ((2, -1, 0.5), (0.5, 1, -2))
LAYER_A = (0.8, 0.2, 1)
LAYER_B = (-1, 1)


def num(v, digits=None):
    """A number as the lessons write it: a real minus sign, no needless zeros."""
    s = f"{v:.{digits}f}" if digits is not None else f"{v:g}"
    return s.replace("-", "−")


def bracket(x, top, bottom, side, cls="ln"):
    """A matrix bracket from top to bottom, opening right (side=+1) or left (side=−1)."""
    return path([(x + 6 * side, top), (x, top), (x, bottom), (x + 6 * side, bottom)], cls)


def matrix_example():
    z = [sum(w * a for w, a in zip(row, LAYER_A)) + b for row, b in zip(LAYER_W, LAYER_B)]
    act = [sig(v) for v in z]
    rows_cls = ("bl", "or")
    parts = []
    top, gap = 70, 34  # baseline of the first row of W, and between rows
    ys = [top, top + gap]  # the two rows
    ay = [top - 17, top + 17, top + 51]  # the three entries of the column a
    # W: 2 × 3
    wx = [34, 82, 130]
    parts.append(bracket(12, top - 24, top + gap + 12, 1))
    parts.append(bracket(154, top - 24, top + gap + 12, -1))
    for r, row in enumerate(LAYER_W):
        for c, w in enumerate(row):
            parts.append(text(wx[c], ys[r], num(w), f"{rows_cls[r]} b"))
    # a: 3 × 1
    parts.append(bracket(168, top - 38, top + 62, 1))
    parts.append(bracket(212, top - 38, top + 62, -1))
    for v, y in zip(LAYER_A, ay):
        parts.append(text(190, y, num(v), "b"))
    parts.append(text(230, top + 17, "+", "lg"))
    # b: 2 × 1
    parts.append(bracket(246, top - 24, top + gap + 12, 1))
    parts.append(bracket(284, top - 24, top + gap + 12, -1))
    for r, (b, y) in enumerate(zip(LAYER_B, ys)):
        parts.append(text(265, y, num(b), f"{rows_cls[r]} b"))
    parts.append(text(302, top + 17, "=", "lg"))
    # z
    parts.append(bracket(318, top - 24, top + gap + 12, 1))
    parts.append(bracket(364, top - 24, top + gap + 12, -1))
    for r, (v, y) in enumerate(zip(z, ys)):
        parts.append(text(341, y, num(v, 1), f"{rows_cls[r]} b"))
    parts.append(arrow(372, top + 12, 414, top + 12))
    parts.append(text(393, top + 2, "σ", "it"))
    # a = σ(z)
    parts.append(bracket(422, top - 24, top + gap + 12, 1))
    parts.append(bracket(470, top - 24, top + gap + 12, -1))
    for r, (v, y) in enumerate(zip(act, ys)):
        parts.append(text(446, y, num(v, 2), f"{rows_cls[r]} b"))
    # what each part is
    for x, label in ((83, "W"), (190, "a"), (265, "b"), (341, "z"), (446, "σ(z)")):
        parts.append(text(x, 20, label, "it b"))
    parts.append(text(83, top + gap + 38, "2 × 3", "mu sm"))
    parts.append(text(190, top + gap + 52, "3 × 1", "mu sm"))
    parts.append(text(265, top + gap + 38, "2 × 1", "mu sm"))
    # the two rows written out
    for r, row in enumerate(LAYER_W):
        terms = " + ".join(
            f"{num(w) if w >= 0 else '(' + num(w) + ')'} × {num(a)}" for w, a in zip(row, LAYER_A)
        )
        b = LAYER_B[r]
        line_text = f"row {r + 1}: {terms} {'+' if b >= 0 else '−'} {num(abs(b))} = {num(z[r], 1)}"
        parts.append(text(4, 186 + 24 * r, line_text, f"{rows_cls[r]} sm", "start"))
    return svg(
        "fig-matrix-example",
        490,
        232,
        "A layer of two neurons worked in matrix form",
        "The weight matrix W, two rows by three columns (row 1: 2, −1, 0.5; row 2: 0.5, 1, −2), "
        "times the column of inputs 0.8, 0.2, 1, plus the biases −1 and 1, gives the weighted "
        "inputs 0.9 and −0.4; the squish turns them into the activations 0.71 and 0.40. Below, "
        "each row's products and bias are written out.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 3

# The worked example of lesson 3: an image of a 3 and these ten outputs.
EXAMPLE_OUTPUTS = [0.1, 0.0, 0.2, 0.6, 0.0, 0.3, 0.0, 0.1, 0.4, 0.0]


def outputs_targets():
    a = EXAMPLE_OUTPUTS
    y = [1.0 if d == 3 else 0.0 for d in range(10)]
    parts = []
    x0, base, h, step = 84, 150, 110, 40
    parts.append(rect(4, 18, 12, 12, "fbl"))
    parts.append(text(22, 30, "output a", "b", "start"))
    parts.append(rect(118, 18, 12, 12, "ln"))
    parts.append(text(136, 30, "target y", "b", "start"))
    parts.append(line(x0 - 6, base, x0 + 10 * step - 4, base, "fa"))
    for d in range(10):
        x = x0 + d * step
        if y[d]:
            parts.append(rect(x, base - h * y[d], 15, h * y[d], "ln"))
        if a[d]:
            parts.append(rect(x + 17, base - h * a[d], 15, h * a[d], "fbl"))
        parts.append(text(x + 16, base + 20, str(d), "b"))
        diff = a[d] - y[d]
        parts.append(text(x + 16, base + 46, "0" if diff == 0 else f"{diff:+.1f}".replace("-", "−"), "sm"))
        sq = diff * diff
        parts.append(text(x + 16, base + 70, "0" if sq == 0 else f"{sq:.2f}".lstrip("0"), "sm"))
    parts.append(text(4, base + 20, "digit", "mu", "start"))
    parts.append(text(4, base + 46, "a − y", "mu", "start"))
    parts.append(text(4, base + 70, "(a − y)²", "mu", "start"))
    total = sum((ad - yd) ** 2 for ad, yd in zip(a, y))
    parts.append(
        text(4, base + 104, f"Cₓ = ½ × (sum of squares) = ½ × {total:.2f} = {total / 2:.3f}", "b", "start")
    )
    return svg(
        "fig-outputs-targets",
        490,
        266,
        "Ten outputs beside their targets for an image of a 3",
        "For an image of a 3, ten pairs of bars, one pair per digit: an outline bar for the "
        "target (1 for digit 3, 0 elsewhere) and a filled bar for the network's output "
        "(0.1, 0, 0.2, 0.6, 0, 0.3, 0, 0.1, 0.4, 0). Under each pair, the difference and its "
        "square. The squares add up to 0.47; half of that, 0.235, is this example's cost.",
        "".join(parts),
    )


def cost_function():
    parts = []
    bx, by, bw, bh = 150, 50, 160, 110
    labels = ["w₁", "w₂", "w₃", "⋮", "w₁₂₉₆₀", "b₁", "⋮", "b₄₂"]
    for i, lab in enumerate(labels):
        y = by + 6 + i * (bh - 12) / (len(labels) - 1)
        if lab == "⋮":
            parts.append(text(62, y + 6, lab))
            continue
        parts.append(text(52, y + 5, lab, "sm", "end"))
        parts.append(arrow(58, y, bx - 2, by + bh / 2 + (y - by - bh / 2) * 0.4, "bl", 7, 4))
    parts.append(rect(bx, by, bw, bh, "nd", ' rx="8"'))
    parts.append(text(bx + bw / 2, by + 46, "the cost C", "lg b"))
    parts.append(text(bx + bw / 2, by + 70, "the 4,000 training", "sm mu"))
    parts.append(text(bx + bw / 2, by + 86, "images, held fixed", "sm mu"))
    parts.append(arrow(bx + bw, by + bh / 2, bx + bw + 56, by + bh / 2, "or"))
    parts.append(text(bx + bw + 62, by + bh / 2 - 4, "one", "", "start"))
    parts.append(text(bx + bw + 62, by + bh / 2 + 14, "number", "", "start"))
    parts.append(text(70, 26, "13,002 knobs in", "b"))
    parts.append(text(420, 26, "wrongness out", "b", "end"))
    return svg(
        "fig-cost-function",
        440,
        176,
        "The cost as a function: 13,002 numbers in, one number out",
        "A box labelled 'the cost C' with the 4,000 training images held fixed inside. "
        "Arrows from the 12,960 weights and 42 biases go in on the left; one arrow comes out "
        "on the right: a single number for how wrong the network is.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 4


def two_valleys(x):
    """A curve with a shallow valley on the left and a deeper one on the right."""
    return 0.05 * x**4 - 0.5 * x**2 - 0.25 * x + 1.6


def landscape_ball():
    X = lambda x: 50 + (x + 3.3) / 6.6 * 430
    Y = lambda h: 240 - h * 42
    parts = []
    xs = [-3.3 + i * 0.05 for i in range(133)]
    parts.append(path([(X(x), Y(two_valleys(x))) for x in xs], "ln"))
    # the ball on the left slope, its step downhill
    bxv = -2.9
    slope = 0.2 * bxv**3 - bxv - 0.25
    parts.append(circle(X(bxv), Y(two_valleys(bxv)) - 11, 11, "fbl"))
    nxt = bxv - 0.25 * slope
    parts.append(arrow(X(bxv) + 14, Y(two_valleys(bxv)) - 22, X(nxt) + 2, Y(two_valleys(nxt)) - 16, "or"))
    parts.append(text(X(bxv) + 40, Y(two_valleys(bxv)) - 30, "one step downhill", "or", "start"))
    lo1, lo2 = -2.1, 2.35
    parts.append(text(X(lo1), Y(two_valleys(lo1)) + 22, "a valley", "mu"))
    parts.append(text(X(lo2), Y(two_valleys(lo2)) + 22, "a lower valley", "mu"))
    parts.append(line(50, 282, 480, 282, "fa"))
    parts.append(text(265, 306, "the knob's value", "it"))
    parts.append(arrow(34, 282, 34, 40, "ln", 8, 4))
    parts.append(text(20, 160, "height = cost C", "it", "middle", ' transform="rotate(-90 20 160)"'))
    return svg(
        "fig-landscape-ball",
        500,
        316,
        "A ball on a landscape with two valleys",
        "A curve with a shallow valley on the left and a deeper valley on the right. The "
        "horizontal position is one knob's value and the height is the cost. A ball on "
        "the left slope and an arrow showing one step downhill, towards the nearer valley.",
        "".join(parts),
    )


def contours():
    cx, cy = 230, 170
    parts = []
    for k in (1, 2, 3, 4, 5):
        parts.append(
            f'<ellipse cx="{cx}" cy="{cy}" rx="{36 * k}" ry="{24 * k}" class="fa" '
            f'transform="rotate(-20 {cx} {cy})"/>'
        )
    parts.append(circle(cx, cy, 4, "ink"))
    parts.append(text(cx + 10, cy + 18, "lowest", "mu sm", "start"))
    # a point on the 4th ring; the gradient is perpendicular to the ring, pointing outwards
    t = math.radians(-125)
    rot = math.radians(-20)
    ex, ey = 36 * 4 * math.cos(t), 24 * 4 * math.sin(t)
    px = cx + ex * math.cos(rot) - ey * math.sin(rot)
    py = cy + ex * math.sin(rot) + ey * math.cos(rot)
    gx, gy = 2 * ex / 36**2, 2 * ey / 24**2  # gradient of (x/36)^2 + (y/24)^2 before rotation
    gx, gy = gx * math.cos(rot) - gy * math.sin(rot), gx * math.sin(rot) + gy * math.cos(rot)
    n = math.hypot(gx, gy)
    gx, gy = gx / n * 60, gy / n * 60
    parts.append(arrow(px, py, px + gx, py + gy, "or"))
    parts.append(text(px + gx - 6, py + gy - 10, "∇C: steepest uphill", "or", "start"))
    parts.append(arrow(px, py, px - 0.6 * gx, py - 0.6 * gy, "bl"))
    parts.append(text(px - 0.6 * gx - 4, py - 0.6 * gy + 24, "−η∇C: the step", "bl halo", "end"))
    parts.append(circle(px, py, 5, "ink"))
    parts.append(text(cx, 338, "knob 1", "it"))
    parts.append(text(14, cy, "knob 2", "it", "middle", f' transform="rotate(-90 14 {cy})"'))
    return svg(
        "fig-contours",
        460,
        350,
        "Contour lines of the cost with the gradient at one point",
        "Seen from above, the cost over two knobs is a set of nested oval contour lines around "
        "the lowest point. At one point an orange arrow, the gradient, points straight uphill, "
        "across the contour lines; a blue arrow of the same line points the other way: the "
        "step, minus the learning rate times the gradient.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 5


def output_desires(outputs, label):
    """Each output's exact desire (y − a)·a(1 − a): the distance to the target times the
    squish's slope σ′(z) = a(1 − a) there (lesson 5; lesson 6 derives it)."""
    return [((1.0 if d == label else 0.0) - a) * a * (1 - a) for d, a in enumerate(outputs)]


# Seven neurons of the last hidden layer for the desires figure: made-up activations and
# made-up weights to the ten outputs (a fixed draw), so that each neuron's arrow is a real
# sum: its pull Σ weight × desire, times its own steepness a(1 − a).
HIDDEN_SHOWN = 7


def hidden_desires(desires):
    import random

    rng = random.Random(5)
    out = []
    for _ in range(HIDDEN_SHOWN):
        a = rng.uniform(0.2, 0.8)
        weights = [rng.uniform(-2, 2) for _ in desires]
        pull = sum(w * d for w, d in zip(weights, desires))
        out.append(pull * a * (1 - a))
    return out


def desires():
    parts = []
    xh, xo = 110, 350
    hidden = [70 + i * 44 for i in range(HIDDEN_SHOWN)]
    outs = [40 + i * 32 for i in range(10)]
    outputs = EXAMPLE_OUTPUTS
    want = output_desires(outputs, 3)
    back = hidden_desires(want)
    scale = 450  # pixels of arrow per unit of desire, the same on both layers
    for yh in hidden:
        for yo in outs:
            parts.append(line(xh, yh, xo, yo, "fa", ' stroke-opacity="0.6"'))
    for yh in hidden:
        parts.append(circle(xh, yh, 12))
    # the outputs for the image of a 3 (lesson 3's example) and their exact desires
    for d, yo in enumerate(outs):
        parts.append(circle(xo, yo, 12))
        if outputs[d]:
            parts.append(circle(xo, yo, 11, "ink", f' fill-opacity="{outputs[d]:.2f}"'))
        parts.append(text(xo - 22, yo + 5, str(d), "b" if d == 3 else "", "end"))
        if want[d]:
            length = max(scale * abs(want[d]), 8)
            cls = "bl" if want[d] > 0 else "or"
            y1 = yo + (length / 2 if want[d] > 0 else -length / 2)
            y2 = yo - (length / 2 if want[d] > 0 else -length / 2)
            parts.append(arrow(xo + 36, y1, xo + 36, y2, cls, 7, 4))
            parts.append(
                text(
                    xo + 50,
                    yo + 5,
                    num(want[d], 3) if want[d] < 0 else f"+{want[d]:.3f}",
                    f"sm {cls}",
                    "start",
                )
            )
    for yh, v in zip(hidden, back):
        cls = "bl" if v > 0 else "or"
        length = max(scale * abs(v), 8)
        y1, y2 = (yh + length / 2, yh - length / 2) if v > 0 else (yh - length / 2, yh + length / 2)
        parts.append(arrow(xh - 34, y1, xh - 34, y2, cls, 7, 4))
    parts.append(text(xo, 370, "outputs for an image of a 3", "b"))
    parts.append(text(xh, 392, "desires, passed back", "b"))
    parts.append(text(xh, 410, "(one hidden layer)", "mu sm"))
    parts.append(arrow(300, 388, 208, 388, "ln", 8, 4))
    parts.append(text(450, 20, "desire (y − a)·a(1 − a)", "mu sm", "end"))
    return svg(
        "fig-desires",
        450,
        418,
        "Desires on the outputs, passed back one layer",
        "On the right, the ten outputs of the network for an image of a 3, each with an arrow "
        f"as long as its desire: up for the 3 ({want[3]:.3f}), down for the others that are lit "
        f"(the 8 by {-want[8]:.3f}, the 5 by {-want[5]:.3f}, the 2 by {-want[2]:.3f}, the 0 and "
        f"the 7 by {-want[0]:.3f}), none for the outputs at 0. On the left, seven neurons of the "
        "last hidden layer, each with an arrow for its desire: the sum of the outputs' desires "
        "times the weights joining them, times its own steepness.",
        "".join(parts),
    )


def two_paths():
    import random

    cx, cy = 260, 140
    parts = []
    for k in (1, 2, 3, 4, 5, 6):
        parts.append(f'<ellipse cx="{cx}" cy="{cy}" rx="{38 * k}" ry="{20 * k}" class="fa"/>')
    parts.append(circle(cx, cy, 4, "ink"))
    start = (cx - 200, cy - 80)
    a, b = 1 / 38**2, 1 / 20**2  # cost (x/38)^2 + (y/20)^2, in pixels from the centre
    ETA = 0.04 / a  # the same step size for both paths: each step shrinks x by 0.92, y by 0.71

    def grad(x, y):
        return 2 * a * (x - cx), 2 * b * (y - cy)

    # full batch: four careful steps
    full = [start]
    x, y = start
    for _ in range(4):
        gx, gy = grad(x, y)
        x, y = x - ETA * gx, y - ETA * gy
        full.append((x, y))
    # mini-batches: 40 small noisy steps, same number of examples seen
    rng = random.Random(4)
    mini = [start]
    x, y = start
    for _ in range(40):
        gx, gy = grad(x, y)
        x = x - ETA * gx + rng.gauss(0, 6)
        y = y - ETA * gy + rng.gauss(0, 6)
        mini.append((x, y))
    parts.append(path(mini, "or", ' stroke-width="1.6"'))
    parts.append(path(full, "bl", ' stroke-width="3"'))
    for p in full:
        parts.append(circle(*p, 4.5, "fbl"))
    parts.append(circle(*start, 6, "ink"))
    parts.append(text(start[0] - 8, start[1] - 12, "start", "", "start"))
    parts.append(text(8, 290, "full batch: 4 steps, each averaging", "bl", "start"))
    parts.append(text(8, 310, "all the examples", "bl", "start"))
    parts.append(text(8, 336, "mini-batches: 40 noisy steps,", "or", "start"))
    parts.append(text(8, 356, "the same examples seen in all", "or", "start"))
    return svg(
        "fig-two-paths",
        500,
        366,
        "Full batch versus mini-batch paths downhill",
        "Oval contour lines around a lowest point. From the same start, a blue path takes four "
        "long, straight steps, each averaging every training example; an orange path takes "
        "forty short, wobbly steps, each from a small mini-batch, for the same number of "
        "examples seen. The orange path staggers but gets closer to the bottom.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 6


def chain():
    parts = []
    nodes = {
        "w": (30, 50, "w"),
        "aprev": (30, 130, "a" + '<tspan dy="5" class="sm">prev</tspan>'),
        "b": (30, 210, "b"),
        "z": (180, 130, "z"),
        "a": (310, 130, "a"),
        "y": (310, 226, "y"),
        "C": (440, 130, "Cₓ"),
    }
    edges = [("w", "z"), ("aprev", "z"), ("b", "z"), ("z", "a"), ("a", "C"), ("y", "C")]
    for s, t in edges:
        x1, y1, _ = nodes[s]
        x2, y2, _ = nodes[t]
        dx, dy = x2 - x1, y2 - y1
        n = math.hypot(dx, dy)
        parts.append(arrow(x1 + dx / n * 24, y1 + dy / n * 24, x2 - dx / n * 25, y2 - dy / n * 25))
    for x, y, lab in nodes.values():
        parts.append(circle(x, y, 23, "nd"))
        parts.append(text(x, y + 6, lab, "lg it"))
    parts.append(text(112, 62, "∂z/∂w = a" + '<tspan dy="4" class="sm">prev</tspan>', "bl sm", "middle"))
    parts.append(text(245, 100, "∂a/∂z", "bl sm"))
    parts.append(text(245, 116, "= σ′(z)", "bl sm"))
    parts.append(text(375, 100, "∂Cₓ/∂a", "bl sm"))
    parts.append(text(375, 116, "= a − y", "bl sm"))
    parts.append(
        text(
            180,
            178,
            "z = w·a" + '<tspan dy="4" class="sm">prev</tspan>' + '<tspan dy="-4"> + b</tspan>',
            "mu sm",
        )
    )
    parts.append(text(310, 178, "a = σ(z)", "mu sm"))
    parts.append(text(440, 178, "Cₓ = ½(a − y)²", "mu sm"))
    return svg(
        "fig-chain",
        480,
        260,
        "The chain for one neuron: w, a_prev and b make z, z makes a, a and y make the cost Cₓ",
        "A computation graph. Circles for w, a_prev and b have arrows into z; z has an arrow "
        "into a; a and the target y have arrows into one example's cost Cₓ. The arrows are "
        "labelled with the local slopes: dz/dw = a_prev, da/dz = σ′(z), dCₓ/da = a − y.",
        "".join(parts),
    )


def indexed_layers():
    parts = []
    xl, xr = 110, 370
    left = [70, 150, 230]
    right = [110, 190]
    for yl in left:
        for yr in right:
            parts.append(line(xl, yl, xr, yr, "fa"))
    parts.append(line(xl + 26, left[2] - 4, xr - 26, right[0] + 6, "bl"))
    for k, yl in enumerate(left):
        parts.append(circle(xl, yl, 24))
        parts.append(text(xl - 34, yl + 6, f"k = {k + 1}", "mu sm", "end"))
    for j, yr in enumerate(right):
        parts.append(circle(xr, yr, 24))
        parts.append(text(xr + 34, yr + 6, f"j = {j + 1}", "mu sm", "start"))
    parts.append(
        text(
            190,
            198,
            "w" + '<tspan dy="-8" class="sm">l</tspan><tspan dy="13" dx="-3" class="sm">jk</tspan>',
            "bl lg it halo",
        )
    )
    parts.append(text(xl, 28, "layer l − 1", "b"))
    parts.append(text(xr, 28, "layer l", "b"))
    parts.append(text(240, 286, "row j of Wˡ: into neuron j", "sm"))
    parts.append(text(240, 304, "column k: out of neuron k", "sm"))
    return svg(
        "fig-indexed-layers",
        480,
        312,
        "Weight indices: w^l_jk joins neuron k of layer l − 1 to neuron j of layer l",
        "Two columns of neurons: three in layer l − 1, numbered k = 1, 2, 3, and two in layer "
        "l, numbered j = 1, 2. Every pair is joined by a faint line; the line from neuron 3 on "
        "the left to neuron 1 on the right is highlighted and labelled w superscript l, "
        "subscript jk. The target neuron's index comes first.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 7


def learning_curve():
    parts = []
    # left panel: the training cost; right panel: accuracies. Schematic shapes, no numbers.
    pw = 180
    for ox, title in ((24, "training cost"), (250, "accuracy")):
        parts.append(line(ox, 210, ox + pw, 210, "fa"))
        parts.append(line(ox, 210, ox, 40, "fa"))
        parts.append(text(ox + pw / 2, 24, title, "b"))
        parts.append(text(ox + pw / 2, 236, "epochs →", "mu sm"))
    sx = pw / 100
    cost = [(24 + t * sx, 210 - 150 * (0.12 + 0.88 * math.exp(-t / 12))) for t in range(101)]
    parts.append(path(cost, "or"))
    parts.append(text(80, 110, "falls fast,", "mu sm", "start"))
    parts.append(text(80, 126, "then slowly", "mu sm", "start"))
    train = [(250 + t * sx, 210 - 160 * (0.985 - 0.885 * math.exp(-t / 10))) for t in range(101)]
    test = [
        (250 + t * sx, 210 - 160 * (0.86 - 0.76 * math.exp(-t / 9) - 0.0006 * max(0, t - 40)))
        for t in range(101)
    ]
    parts.append(path(train, "gr", ' stroke-dasharray="6 4"'))
    parts.append(path(test, "bl"))
    ex = 250 + pw + 8
    ytr, yte = train[100][1], test[100][1]
    parts.append(line(ex, ytr + 3, ex, yte - 3, "ln"))
    parts.append(line(ex - 5, ytr + 3, ex + 5, ytr + 3, "ln"))
    parts.append(line(ex - 5, yte - 3, ex + 5, yte - 3, "ln"))
    parts.append(text(ex + 8, (ytr + yte) / 2 + 5, "gap", "b", "start"))
    parts.append(line(300, 162, 322, 162, "gr", ' stroke-dasharray="6 4"'))
    parts.append(text(328, 166, "training", "gr sm", "start"))
    parts.append(line(300, 182, 322, 182, "bl"))
    parts.append(text(328, 186, "held-out", "bl sm", "start"))
    return svg(
        "fig-learning-curve",
        480,
        246,
        "Learning curves: the cost falls; training accuracy ends above held-out accuracy",
        "Two schematic charts against epochs. Left: the cost on the training images falls "
        "steeply, then ever more slowly. Right: two accuracy curves rise quickly and level "
        "off; the dashed one for the training images ends higher than the solid one for "
        "held-out images, and the distance between them is marked as the gap.",
        "".join(parts),
    )


# ------------------------------------------------------------------ lesson 8


def one_picture():
    parts = []
    # the dials: circles with pointers at different angles
    angles = [-40, 25, 80, -70, 10, 130]
    for i, ang in enumerate(angles):
        x, y = 30 + i * 52, 56
        parts.append(circle(x, y, 19))
        r = math.radians(ang - 90)
        parts.append(line(x, y, x + 14 * math.cos(r), y + 14 * math.sin(r), "ln", ' stroke-width="2.4"'))
        parts.append(circle(x, y, 2.5, "ink"))
    parts.append(text(30 + 6 * 52 - 12, 62, "… 13,002 dials", "", "start"))
    parts.append(text(240, 18, "the dials: every weight and bias", "b"))
    parts.append(text(240, 102, "where they sit = one point on the landscape", "mu sm"))
    # the landscape, the ball at the dials' setting, and its next step
    X = lambda x: 30 + (x + 3.3) / 6.6 * 430
    Y = lambda h: 330 - h * 50
    xs = [-3.3 + i * 0.05 for i in range(133)]
    parts.append(path([(X(x), Y(two_valleys(x))) for x in xs], "ln"))
    ball, nxt = 1.0, 1.6
    bx, by = X(ball), Y(two_valleys(ball)) - 11
    parts.append(line(bx, 114, bx, by - 14, "fa", ' stroke-dasharray="4 4"'))
    parts.append(circle(bx, by, 11, "fbl"))
    parts.append(arrow(bx + 14, by - 6, X(nxt) + 4, Y(two_valleys(nxt)) - 16, "or"))
    parts.append(text(bx - 12, 206, "your height here", "", "end"))
    parts.append(text(bx - 12, 224, "= the cost", "", "end"))
    parts.append(text(486, 232, "feel the slope (backprop),", "or sm", "end"))
    parts.append(text(486, 250, "step downhill (descent)", "or sm", "end"))
    return svg(
        "fig-one-picture",
        490,
        350,
        "The one picture: a row of dials above a landscape with a ball",
        "A row of dials stands for all 13,002 weights and biases. Their current setting is one "
        "point on a landscape below, drawn as a curve with valleys; a ball sits there, and its "
        "height is the cost. An arrow shows the ball's next step downhill: backpropagation "
        "feels the slope, gradient descent takes the step.",
        "".join(parts),
    )


def all_figures():
    return {
        "digit-grid.svg": digit_grid(seven_pixels()),
        "layers.svg": layers(),
        "neuron.svg": neuron(),
        "sigmoid.svg": sigmoid_plot(),
        "matrix-shapes.svg": matrix_shapes(),
        "matrix-example.svg": matrix_example(),
        "outputs-targets.svg": outputs_targets(),
        "cost-function.svg": cost_function(),
        "landscape-ball.svg": landscape_ball(),
        "contours.svg": contours(),
        "desires.svg": desires(),
        "two-paths.svg": two_paths(),
        "chain.svg": chain(),
        "indexed-layers.svg": indexed_layers(),
        "learning-curve.svg": learning_curve(),
        "one-picture.svg": one_picture(),
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, content in all_figures().items():
        (OUT / name).write_text(content)
        print(f"{name:24} {len(content.encode()):6,} bytes")


if __name__ == "__main__":
    main()
