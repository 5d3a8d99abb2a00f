"""Charts as PNG and SVG files through kaleido and the system Chromium, one browser per process."""

from __future__ import annotations

import threading
from typing import Literal

import plotly.graph_objects as go

from planner.charts import SLIDE_WIDTH

ImageFormat = Literal["png", "svg"]
INSTALL_HINT = (
    "Chart images need Chromium on the server: install it (sudo apt-get install chromium) and restart the "
    "app; meanwhile the camera in each chart's toolbar saves a PNG."
)
# The charts are laid out for a ~1280 px wide screen; drawing them at that size and scaling by 1.5
# gives a 1920×1080 file whose text reads at slide size instead of shrinking to a corner.
LAYOUT_WIDTH, LAYOUT_HEIGHT = 1280, 720
SCALE = SLIDE_WIDTH / LAYOUT_WIDTH

# kaleido's sync server is a single queue whose replies are not tied to their request, so two
# threads (two browser tabs, a deferred download) must not call it at once.
_lock = threading.Lock()
_started = False


class ChromiumMissingError(RuntimeError):
    """No Chromium to draw chart images with; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def chromium_path() -> str | None:
    """The Chromium kaleido would use (the system one, or one kaleido downloaded), or None."""
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def images_available() -> bool:
    return chromium_path() is not None


def _ensure_server() -> None:
    # Starting Chromium costs ~2-3 s; every later image reuses it.
    global _started
    if _started:
        return
    if not images_available():
        # kaleido's server thread would die on start and leave every later call waiting forever.
        raise ChromiumMissingError()
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    _started = True


def render(
    fig: go.Figure, fmt: ImageFormat = "png", width: int = LAYOUT_WIDTH, height: int = LAYOUT_HEIGHT
) -> bytes:
    """The figure as image bytes: PNG at 1.5× (1920×1080 by default) or SVG at layout size."""
    import kaleido

    with _lock:
        _ensure_server()
        scale = SCALE if fmt == "png" else 1
        return kaleido.calc_fig_sync(
            fig, opts={"format": fmt, "width": width, "height": height, "scale": scale}
        )
