"""User and file text shown in Streamlit's Markdown elements reads as typed, never as markup."""

import pytest

from ui.markdown import plain


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("**Best** channel", r"\*\*Best\*\* channel", id="bold"),
        pytest.param("![x](http://evil.test/a.png)", r"\!\[x\](http\://evil.test/a.png)", id="image"),
        pytest.param("Cost $5 <b>", r"Cost \$5 \<b\>", id="math-and-html"),
        pytest.param(":red[alert]", r"\:red\[alert\]", id="colour"),
        pytest.param("Paid search", "Paid search", id="ordinary-text"),
    ],
)
def test_markup_characters_are_escaped_and_ordinary_text_is_kept(text, shown):
    assert plain(text) == shown
