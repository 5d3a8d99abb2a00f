"""The frame leaves the loaded libraries out of garbage collection once per process."""

import gc

from ui.frame import freeze_loaded_libraries


def test_the_loaded_libraries_are_frozen_once_and_a_full_collection_then_skips_them():
    gc.unfreeze()
    freeze_loaded_libraries()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000, "Streamlit, Plotly and pandas are loaded: far more objects than this"

    freeze_loaded_libraries()
    assert gc.get_freeze_count() == frozen, "a second page run freezes nothing more"
