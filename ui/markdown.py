"""Text from a file or a user shown in Streamlit's Markdown elements as the text it is."""

from __future__ import annotations

import re

# Characters Markdown (and Streamlit's math and colour syntax) would read as markup.
MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~$!:])")


def plain(text: str) -> str:
    """`text` escaped for `st.markdown`, `st.info`, `st.caption` and labels: a channel named
    "**Best**" or "![x](http://…)" shows as typed, never as bold or a fetched image."""
    return MARKUP.sub(r"\\\1", text)
