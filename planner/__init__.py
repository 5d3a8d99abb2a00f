"""Domain logic of the marketing planner: goals, funnel, money; no Streamlit here."""
