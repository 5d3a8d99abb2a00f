"""Chart images need Chromium: skip with the install hint where it is missing; in CI they must run."""

import io
import os

import pytest
from PIL import Image

from planner.io.images import INSTALL_HINT, images_available


@pytest.fixture
def chromium():
    """Skip (locally) or fail (in CI) a test that draws chart images when no Chromium exists."""
    if images_available():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI has no Chromium for kaleido. {INSTALL_HINT}")
    pytest.skip(f"No Chromium found. {INSTALL_HINT}")


@pytest.fixture
def fake_pictures():
    """A renderer that returns a small PNG of the requested shape and records each figure, no browser."""
    drawn = []

    def render(fig, width, height):
        drawn.append((fig, width, height))
        out = io.BytesIO()
        Image.new("RGB", (max(width // 10, 1), max(height // 10, 1)), "white").save(out, format="PNG")
        return out.getvalue()

    render.drawn = drawn
    return render
