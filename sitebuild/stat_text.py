"""Build statistics in prose: ``{{ stats.path.to.value|format }}`` in a page's Markdown.

A page never types a measured number: it names a value of ``build-stats.json`` and a
format, and the build writes the number in. An unknown name or format fails the build.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any

from .common import BuildError

STAT = re.compile(r"\{\{\s*stats\.([\w.]+)\s*(?:\|\s*(\w+)\s*)?\}\}")
FORMATS: dict[str | None, Callable[[Any], str]] = {
    "pct0": lambda v: f"{100 * v:.0f}%",  # a whole percentage, as the lessons quote accuracy
    "pct1": lambda v: f"{100 * v:.1f}%",
    "int": lambda v: f"{int(v):,}",
    "f1": lambda v: f"{v:.1f}",
    "f2": lambda v: f"{v:.2f}",
    "f3": lambda v: f"{v:.3f}",
    "f4": lambda v: f"{v:.4f}",
    "kb": lambda v: f"{v / 1000:,.0f} kB",
    "mb": lambda v: f"{v / 1e6:.1f} MB",
    None: str,
}


def stat_value(stats: Mapping[str, Any], path: str) -> Any:
    """The value at ``path`` (dotted keys) in the build stats, or KeyError."""
    value: Any = stats
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def fill_stats(markdown: str, stats: Mapping[str, Any], where: str) -> str:
    """``markdown`` with every stats placeholder replaced by its formatted value."""

    def replace(match: re.Match[str]) -> str:
        path, format_name = match.group(1), match.group(2)
        try:
            value = stat_value(stats, path)
        except KeyError:
            raise BuildError(f"{where}: no build stat {path!r}") from None
        if format_name not in FORMATS:
            raise BuildError(f"{where}: unknown stat format {format_name!r}")
        return FORMATS[format_name](value)

    return STAT.sub(replace, markdown)
