"""Shared Streamlit helpers: the page frame, the plan in session state, chart display."""
