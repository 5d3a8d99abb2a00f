"""Text from a file or a user shown in Streamlit's Markdown elements as the text it is."""

from __future__ import annotations

import re

# The marks that start Markdown anywhere in a line: emphasis and strikethrough, code, links and
# images ("[" — "!" and "(" mean nothing without it), HTML and autolinks ("<"), entities ("&"),
# math ("$"), tables ("|"), Streamlit's ":red[…]" (its "[") and the escape itself. Other marks
# ("-", "/", ".", "'", "(") stay bare: Streamlit also gives an input's raw label to screen readers
# as its name, where "Closed\-won" would be read out with its backslash.
INLINE = re.compile(r"([\\`*_~\[\]<>&$|])")
# Marks that mean something only at the start of a line: a heading, a quote, a list item ("-",
# "+", "1." or "1)"). A name may open a Markdown source, so its start is escaped too.
LINE_START = re.compile(r"^([#>+\-=]|\d+(?=[.)]))")
# Streamlit also rewrites plain text after parsing, where escapes no longer count: "http://…",
# "www.…" and "a@b.co" become links, ":material/home:", ":streamlit:" and ":smile:" become pictures,
# ":help" a help icon. An invisible word joiner breaks each pattern without changing what the
# reader sees: after "http" or "https" and "www", and between a colon and a name. It goes only
# there, so an ordinary "Budget: 5" stays the text a reader searches for and copies. Addresses
# like bob@example.com stay as typed and become mail links: they open the reader's own mail
# program, never a page someone chose, and on a team server people search the page for them.
# (Not a zero-width joiner: that one fuses the emoji beside it into another emoji.)
WORD_JOINER = "\u2060"
REWRITTEN = re.compile(r"(?<=http)(?=:)|(?<=https)(?=:)|(?<=www)(?=\.)|(?<=:)(?=[\w+-])", re.IGNORECASE)


def plain(text: object) -> str:
    """`text` escaped for `st.markdown`, `st.info`, `st.caption`, titles and widget labels: a name
    like "**Best**" or "![x](http://…)" shows as typed, never as bold or a fetched image.
    Line breaks become spaces, so a name cannot start a heading or a list on its own line.

    In an input's label escape only the user's part: Streamlit also gives the raw label to screen
    readers as the input's name, where a backslash before "(USD)" would be read out."""
    joined = REWRITTEN.sub(WORD_JOINER, " ".join(str(text).split()))
    escaped = INLINE.sub(r"\\\1", joined)
    return LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1).isdigit() else "\\" + m.group(1), escaped)
