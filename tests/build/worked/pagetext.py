"""A built page's text as a reader reads it, in one plain form the declarations can match.

The maths on the built pages is still TeX (KaTeX typesets it in the browser), so each
``.arithmatex`` element is turned into the characters a reader sees: ``\\times`` into
×, ``1{,}000`` into 1,000, ``\\tfrac12`` into ½, and so on. Every minus sign becomes
the ASCII hyphen-minus, so a declaration may write either. Left out: the demos'
descriptions (``<div class="demo">``, the demos' own text) and scripts; a figure's
drawing is read separately (``figure_text``), its caption is part of the page.
"""

import re
from pathlib import Path

from tests.build.test_structure import parse

# TeX commands a page uses, as the characters KaTeX draws for them. Order matters.
TEX = [
    (r"\\\\", " ; "),  # a matrix's next row
    (r"\\(?:left|right|bigl|bigr|big|Big)(?![A-Za-z])", ""),
    (r"\\times", " × "),
    (r"\\cdot", " · "),
    (r"\\approx", " ≈ "),
    (r"\\leq?(?![A-Za-z])", " ≤ "),
    (r"\\geq?(?![A-Za-z])", " ≥ "),
    (r"\\odot", " ⊙ "),
    (r"\\leftarrow", " ← "),
    (r"\\to(?![A-Za-z])", " → "),
    (r"\\sigma", "σ"),
    (r"\\eta", "η"),
    (r"\\delta", "δ"),
    (r"\\Delta", "Δ"),
    (r"\\partial", "∂"),
    (r"\\nabla", "∇"),
    (r"\\theta", "θ"),
    (r"\\sum", "Σ"),
    (r"\\lVert|\\rVert|\\\|", "‖"),
    (r"\\(?:dots|ldots|cdots|vdots)", "…"),
    (r"\\infty", "∞"),
    (r"\{,\}", ","),
    (r"\\[,;:! ]|\\quad|\\qquad", " "),
    (r"\\(?:text|mathrm|mathbf)\{([^}]*)\}", r"\1"),
    (r"\\mathsf\s*\{?T\}?", "T"),
    (r"\\sqrt", "√"),
    (r"\\begin\{[a-z]*\}(?:\{[^}]*\})?|\\end\{[a-z]*\}", " "),
    (r"&", " "),
    (r"([A-Za-zσδ∇])\^\{?(\d|l|L)\}?", r"\1\2"),  # W^1, a^L: layer indices, not powers
    (r"\\[A-Za-z]+", ""),
    (r"[{}]", ""),
    (r"_", ""),
]


def _group(tex, start):
    """The balanced {…} group (or single character) at start: (its content, the index after it)."""
    while start < len(tex) and tex[start] == " ":
        start += 1
    if start >= len(tex) or tex[start] != "{":
        return tex[start : start + 1], start + 1
    depth = 0
    for i in range(start, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        if depth == 0:
            return tex[start + 1 : i], i + 1
    return tex[start + 1 :], len(tex)


def _fractions(tex):
    """\\frac{a}{b} as (a)/(b), at any depth (\\tfrac12 is ½, done before)."""
    match = re.search(r"\\[td]?frac(?![A-Za-z])", tex)
    while match:
        top, after = _group(tex, match.end())
        bottom, after = _group(tex, after)
        tex = f"{tex[: match.start()]}({_fractions(top)})/({_fractions(bottom)}){tex[after:]}"
        match = re.search(r"\\[td]?frac(?![A-Za-z])", tex)
    return tex


def tex_to_text(tex):
    tex = re.sub(r"^\s*\\[(\[]|\\[)\]]\s*$", "", tex.strip()).strip()
    tex = re.sub(r"\\tfrac\s*\{?1\}?\s*\{?2\}?(?![\d}])", "½", tex)
    tex = re.sub(r"\\tfrac\s*\{?1\}?\s*\{?4\}?(?![\d}])", "¼", tex)
    tex = _fractions(tex)
    for pattern, replacement in TEX:
        tex = re.sub(pattern, replacement, tex)
    return tex


BLOCKS = {
    "p",
    "li",
    "td",
    "th",
    "tr",
    "div",
    "summary",
    "h1",
    "h2",
    "h3",
    "h4",
    "figcaption",
    "br",
    "details",
    "table",
    "dt",
    "dd",
    "blockquote",
    "pre",
}


def _text(node, out):
    for child in node.children:
        if isinstance(child, str):
            out.append(child.replace("\n", " "))  # a line break in the source is a space
            continue
        if child.tag in ("script", "style", "svg") or (child.tag == "div" and "demo" in child.classes):
            continue
        if "arithmatex" in child.classes:
            out.append(tex_to_text(child.text().replace("\n", " ")))
        elif "headerlink" in child.classes:
            continue
        else:
            _text(child, out)
        if child.tag in BLOCKS:
            out.append("\n")


def normalise(text):
    text = text.replace("\u2212", "-").replace("\u2009", " ")
    text = re.sub(r"[ \t\u00a0\u202f]+", " ", text)
    text = re.sub(r" ?\n[\n ]*", "\n", text)
    return re.sub(r"\( ", "(", re.sub(r" \)", ")", text)).strip()


def page_text(site_dir, path):
    """The normalised text of a built page's article (path as in the site: "lessons/02-…/")."""
    dom = parse(Path(site_dir) / path / "index.html")
    node = dom.find("article")
    assert node is not None, f"{path} has no article"
    out = []
    _text(node, out)
    return normalise("".join(out))


def figure_text(svg_file):
    """What a figure says: its words and numbers (its <text> elements, one per line), then its
    title and description (the alt text a screen reader reads)."""
    dom = parse(svg_file)
    drawn = [t.text() for t in dom.find_all("text")]
    return normalise("\n".join(drawn + [dom.find("title").text(), dom.find("desc").text()]))


# A number as a page writes it: 13,002, 0.6225, -0.0887 (a minus glued to the digits), .16
NUMBER = re.compile(r"(?<![\w.,^])-?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?<=\d)(?![\w])")
