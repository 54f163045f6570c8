"""Charts as static SVG, drawn at build time with matplotlib: the site runs no chart script
and loads nothing from another host.

The bytes depend only on the data: no date in the metadata, a fixed salt for the ids
matplotlib makes, and text drawn as paths, so no font has to be installed or downloaded
(matplotlib ships DejaVu Sans). Each SVG opens with a <title> and is labelled by it; the
page shows the same numbers as a table beside it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("svg")  # no GUI backend, whatever the machine has

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

# Colours that stay apart for the common colour-vision deficiencies (Okabe and Ito), and dark
# enough against white for the 3:1 that WCAG asks of graphics.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
# Any: matplotlib types rcParams keys as literals, which a dict of settings does not keep.
_STYLE: Any = {
    "svg.hashsalt": "lardom",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _svg(figure: Figure, title: str) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(_STYLE):
        FigureCanvasSVG(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    # No DTD and no RDF block: their addresses are only names, but a page that links nowhere
    # else is easier to check when its files name no other host either.
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    # The accessible name travels with the file: an SVG opened on its own still says what it shows.
    svg = re.sub(r"<svg ", '<svg role="img" aria-labelledby="title" ', svg, count=1)
    return re.sub(r"(<svg [^>]*>)", rf'\1\n <title id="title">{escape(title)}</title>', svg, count=1)


def stacked_bars(
    title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], ylabel: str
) -> str:
    """Vertical bars per category, each split into the series (a legend names them)."""
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(7, 3.2))
        axes = figure.add_subplot()
        bottoms = [0.0] * len(categories)
        for n, (label, values) in enumerate(series):
            axes.bar(
                list(categories), list(values), bottom=bottoms, label=label, color=COLOURS[n % len(COLOURS)]
            )
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        axes.set_ylabel(ylabel)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # no half lessons on the axis
        axes.legend(frameon=False, loc="upper left", ncols=max(1, len(series)))
        axes.tick_params(axis="x", labelrotation=45 if len(categories) > 12 else 0)
        figure.tight_layout()
    return _svg(figure, title)


def horizontal_bars(title: str, labels: Sequence[str], values: Sequence[float], xlabel: str) -> str:
    """One bar per label, largest first as given, label to the left."""
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(7, 0.4 * len(labels) + 1.2))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, list(values), color=COLOURS[0])
        axes.set_yticks(positions, list(labels))
        axes.set_xlabel(xlabel)
        figure.tight_layout()
    return _svg(figure, title)
