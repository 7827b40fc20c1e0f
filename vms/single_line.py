"""Text meant for one line: names, titles, places, and the email headers they end up in.

A line break in a name is never meant (a browser's single-line input cannot even send one),
and in an email header it is refused outright, or, worse, read as a new header. So every
run of whitespace or control characters becomes one space.
"""

from __future__ import annotations

import re

# Unicode whitespace (which includes the line and paragraph separators) and the C0/C1
# control characters. Format characters such as zero-width joiners are left alone: names
# and emoji need them.
_BREAKS_AND_CONTROLS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def single_line(text: str) -> str:
    """``text`` on one line: each run of whitespace or control characters is one space."""
    return _BREAKS_AND_CONTROLS.sub(" ", text).strip()
