"""Names and addresses from users are shown as typed, never run as Markdown, images, maths or colours."""

import pytest

from ui.markdown import WORD_JOINER, plain


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        pytest.param("![x](http://evil.example/p.png)", f"!\\[x\\](http{WORD_JOINER}://evil.example/p.png)", id="an image"),
        pytest.param(
            "**Q1** _push_ `code` ~~old~~",
            "\\*\\*Q1\\*\\* \\_push\\_ \\`code\\` \\~\\~old\\~\\~",
            id="emphasis",
        ),
        pytest.param("From $5M to $10M", "From \\$5M to \\$10M", id="maths"),
        pytest.param(
            ":red[plan] :material/home: :smile:",
            f":{WORD_JOINER}red\\[plan\\] :{WORD_JOINER}material/home: :{WORD_JOINER}smile:",
            id="directives",
        ),
        pytest.param("<https://evil.example>", f"\\<https{WORD_JOINER}://evil.example\\>", id="an autolink"),
        pytest.param(
            "Log in at HTTPS://evil.example or www.evil.example",
            f"Log in at HTTPS{WORD_JOINER}://evil.example or www{WORD_JOINER}.evil.example",
            id="bare web addresses",
        ),
        pytest.param("# 2027 plan", "\\# 2027 plan", id="a heading"),
        pytest.param("2027. Board plan", "2027\\. Board plan", id="a numbered list"),
        pytest.param("- draft", "\\- draft", id="a bullet"),
        pytest.param(
            "Worked example: FY2027 (v2) for alice@example.com",
            "Worked example: FY2027 (v2) for alice@example.com",
            id="plain text untouched",
        ),
        pytest.param("two\nlines", "two lines", id="one line"),
    ],
)
def test_what_a_user_typed_is_escaped_for_markdown(typed, escaped):
    assert plain(typed) == escaped
