"""Text from users (plan names, people's names, addresses) shown as itself, never as Markdown."""

from __future__ import annotations

import re

# What Markdown or Streamlit would read anywhere in a line: emphasis, code, links and images,
# autolinks, maths (`$…$`), strike-through, and the colour and icon directives and emoji
# shortcodes (`:red[…]`, `:material/x:`, `:smile:`); a backslash makes each stand for itself.
_ANYWHERE = re.compile(r"[\\`*_\[\]<>$~]|:(?=[\w/-]+[\[:])")
# What Markdown reads only at the start of a line: a heading, a quote, a bullet, a numbered list.
_LINE_START = re.compile(r"^(?:([#>])|([-+])(?=\s)|(\d+)([.)]))")
# Streamlit links bare web addresses (`https://…`, `www.…`) found in the rendered text, after
# Markdown's escapes are gone, so only a character between the parts stops it: an invisible word
# joiner before `://` and after `www`. Addresses like bob@example.com stay mail links: they open
# the reader's own mail program, never a page someone chose.
_WEB_ADDRESS = re.compile(r"(?i)(?<=[a-z])(?=\\?://)|(?<=\bwww)(?=\.)")
WORD_JOINER = "\u2060"


def _line_start(match: re.Match[str]) -> str:
    mark, bullet, number, dot = match.groups()
    return f"\\{mark}" if mark else f"\\{bullet}" if bullet else f"{number}\\{dot}"


def plain(text: str) -> str:
    """`text` escaped for `st.markdown`, `st.caption`, alerts and labels: shown as typed, on one line."""
    line = _ANYWHERE.sub(lambda m: "\\" + m.group(0), " ".join(str(text).split()))
    return _WEB_ADDRESS.sub(WORD_JOINER, _LINE_START.sub(_line_start, line))
