"""Text from a file or a user shown in Streamlit's Markdown elements as the text it is."""

from __future__ import annotations

import re

# Every ASCII punctuation mark may be backslash-escaped in Markdown, and escaping all of them
# is simpler to trust than a list: links, images, emphasis, lists ("1." or "-" at the start),
# headings, tables, HTML, entities ("&lt;"), math ("$") and Streamlit's ":red[...]" all stop.
PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit also rewrites plain text after parsing, where escapes no longer count: "http://…",
# "www.…" and "a@b.co" become links, ":material/home:", ":streamlit:" and ":smile:" become pictures.
# An invisible word joiner breaks each pattern without changing what the reader sees: after "http"
# or "https" and "www", before "@", and between a colon and a name. It goes only there, so an
# ordinary "Budget: 5" stays the text a reader searches for and copies. (Not a zero-width joiner:
# that one fuses the emoji beside it into another emoji.)
WORD_JOINER = "\u2060"
REWRITTEN = re.compile(r"(?<=http)(?=:)|(?<=https)(?=:)|(?<=www)(?=\.)|(?=@)|(?<=:)(?=[\w+-])", re.IGNORECASE)


def plain(text: object) -> str:
    """`text` escaped for `st.markdown`, `st.info`, `st.caption`, titles and widget labels: a name
    like "**Best**" or "![x](http://…)" shows as typed, never as bold or a fetched image.
    Line breaks become spaces, so a name cannot start a heading or a list on its own line."""
    joined = REWRITTEN.sub(WORD_JOINER, " ".join(str(text).split()))
    return PUNCTUATION.sub(r"\\\1", joined)
