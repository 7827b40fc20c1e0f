"""A QR code that opens a person's own schedule, drawn as inline SVG by segno (pure).

The SVG carries no script and no style attribute, so it passes the self-only content
policy; the title names the address for screen readers.
"""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, title: str, scale: int = 4) -> Markup:
    """The QR code of ``url`` as an ``<svg>`` element, safe to put in a page."""
    code = segno.make(url, error="m")
    # segno escapes the title (which may be translated text); the rest is numbers and constants.
    svg = code.svg_inline(scale=scale, title=str(title), svgclass="qr", dark="#000")
    return Markup(svg)
