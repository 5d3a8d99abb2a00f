"""User text escaped for Markdown renders back to exactly what the user typed."""

import pytest
from markdown_it import MarkdownIt

from ui.markdown import WORD_JOINER, plain

HOSTILE = {
    "image": "![x](http://127.0.0.1:9/p.png)",
    "link": "[click](http://evil.example)",
    "emphasis": "**Bold** _it_ ~~gone~~",
    "html": "<b>x</b> <img src=x onerror=alert(1)>",
    "entity": "&lt;b&gt; &amp;",
    "math": "$x^2$",
    "colour": ":red[x] :blue-badge[open]",
    "shortcode": ":smile: :material/home: :streamlit:",
    "list": "1. first",
    "list with a bracket": "12) twelfth",
    "bullet": "- item",
    "plus bullet": "+ item",
    "quote": "> said",
    "heading": "# Title",
    "help directive": ":help and :material/home:",
    "table": "| a | b |",
    "code": "`code` ```",
    "backslash": r"C:\path\*",
    "bare link": "http://host/p.png www.host.example a@b.example",
}


def rendered(markdown: str) -> str:
    """The HTML CommonMark makes of `markdown` (Streamlit's renderer follows CommonMark)."""
    return MarkdownIt("commonmark").render(markdown)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_renders_as_one_paragraph_of_the_text_itself(text):
    html = rendered(plain(text)).replace(WORD_JOINER, "")

    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert html == f"<p>{escaped}</p>\n"


def test_line_breaks_cannot_start_a_heading_or_a_list():
    assert rendered(plain("Plan\n# Heading\n- item")) == "<p>Plan # Heading - item</p>\n"


def test_web_links_and_icons_streamlit_finds_in_plain_text_are_broken_by_an_invisible_joiner():
    escaped = plain("http://host www.host.example a@b.example :material/home:")

    assert "http" + WORD_JOINER + ":" in escaped.replace("\\", "")
    assert "www" + WORD_JOINER in escaped
    assert "a@b.example" in escaped, "a mail address stays searchable as typed"
    assert ":" + WORD_JOINER + "material" in escaped.replace("\\", "")


def test_ordinary_punctuation_stays_bare_so_a_screen_reader_reads_the_name_as_typed():
    assert plain("Budget: must be 0 or more") == "Budget: must be 0 or more"
    assert plain("Opportunities → Closed-won (Blog / SEO), 5.5%") == "Opportunities → Closed-won (Blog / SEO), 5.5%"


def test_ordinary_names_are_left_as_they_are():
    assert plain("FY2026 marketing plan") == "FY2026 marketing plan"
