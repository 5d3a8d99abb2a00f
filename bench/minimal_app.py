"""The yardstick for slider latency: one rate slider and one funnel chart, nothing else."""

import streamlit as st

from planner import DEFAULT_RATES, back_solve
from planner.charts import funnel_chart

rate = st.slider(
    "Website visits → Leads", min_value=0.1, max_value=100.0, value=1.5, step=0.1, format="%.1f%%"
)
st.plotly_chart(funnel_chart(back_solve(10 / 12, [rate / 100, *DEFAULT_RATES[1:]])), theme=None)
