"""Last-year review: what each channel cost and returned, and which to scale, keep, fix or cut."""

import streamlit as st

from planner import format_count, format_money
from planner.charts import cac_chart, funnel_chart, roi_chart, share_chart
from planner.money import format_percent
from planner.plan import apply_last_year, replace
from planner.review import (
    SUMMARY_COLUMNS,
    channel_summary,
    crm_years,
    funnel_lags,
    has_spend,
    last_year_funnel,
    last_year_volumes,
    reported_columns,
    summary_total,
    verdicts,
)
from ui import review_data
from ui.autosave import local_time
from ui.frame import frame, presenting
from ui.state import bound, current_plan, set_plan
from ui.uploads import file_picker, mapping_form
from ui.widgets import forget_funnel_widgets, show_chart, show_table

KINDS = {
    "channels": "Channel table (spend and volumes per channel)",
    "crm": "CRM contacts export (HubSpot-style)",
}
VERDICT_ICONS = {
    "scale": ":material/trending_up:",
    "fix conversion": ":material/build:",
    "keep": ":material/check_circle:",
    "cut": ":material/content_cut:",
    "no spend data": ":material/help:",
}
RULES = ("scale_cac_ratio", "cut_cac_ratio", "cut_max_roi", "min_customers", "fix_cpl_ratio")


def set_rule(field):
    return lambda plan, value: replace(plan, review_rules=replace(plan.review_rules, **{field: value}))


def use_in_funnel(last, lags):
    plan = current_plan()
    funnel, notes = apply_last_year(plan.funnel, last, lags)
    set_plan(replace(plan, funnel=funnel))
    forget_funnel_widgets()
    st.session_state[review_data.APPLIED] = notes


def load_last_year():
    """The file picker, the sample and the column mapping: everything that loads last year."""
    # After a reload the choice starts from what the plan holds, so it matches the review below.
    kept = current_plan().last_year
    kind = st.radio(
        "What are you loading?", list(KINDS), format_func=KINDS.get, horizontal=True, key="review_kind",
        index=list(KINDS).index(kept.kind) if kept else 0,
    )  # fmt: skip
    upload_col, sample_col = st.columns([3, 1], vertical_alignment="bottom")
    file_picker(
        upload_col, "Upload a CSV or Excel export", kind, review_data.upload_key(kind), "review_upload_id",
        review_data.load,
    )  # fmt: skip
    if sample_col.button("Load the sample", key="review_sample", icon=":material/dataset:"):
        review_data.load_sample(kind)

    if error := st.session_state.get(review_data.ERROR):
        kept = current_plan().last_year
        st.error(
            error + (f" The review below is still {kept.source}." if kept else ""), icon=":material/error:"
        )
    if pending := st.session_state.get(review_data.PENDING):
        mapping_form(pending, "review", review_data.load)


def remove_last_year(last_year):
    """Ask first: the file may not be at hand to load again."""
    with st.popover("Remove last year's data", icon=":material/delete:"):
        st.caption(f"This takes {last_year.source} out of the plan; rates already used in the Funnel stay.")
        if st.button("Remove it from the plan", key="review_remove", type="primary"):
            review_data.remove()
            st.rerun()


plan = frame("Last-year review", ":material/history:")
st.title("Last-year review")
st.caption("What last year's channels cost and returned, and which to scale, keep, fix or cut.")

if not presenting():
    load_last_year()
    plan = current_plan()

last_year = plan.last_year
if last_year is None and presenting():
    st.info("This plan holds no last-year data: leave presentation mode to load it.")
    st.stop()
if last_year is None:
    st.info(
        "Upload last year's channel table or CRM export, or load the sample, to review it.",
        icon=":material/upload:",
    )
    st.stop()

with st.container(horizontal=True, vertical_alignment="center"):
    st.success(
        f"Reviewing {last_year.source}: {format_count(len(last_year.channels))} "
        f"channel{'' if len(last_year.channels) == 1 else 's'}. {last_year.described()}, "
        f"loaded {local_time(last_year.loaded_at)}; kept with this plan.",
        icon=":material/check:",
    )
    if not presenting():
        remove_last_year(last_year)
for warning in last_year.warnings:
    st.warning(warning, icon=":material/warning:")
if last_year.kind == "crm" and not presenting():
    contacts = review_data.contacts_for(last_year)
    if contacts is None:
        st.caption(f"Year {last_year.year}. To review another year, load the export again.")
    else:
        years = crm_years(contacts)
        year = st.selectbox("Year", years, index=years.index(last_year.year), key="review_year")
        if year != last_year.year:
            review_data.change_year(last_year, year)
            st.rerun()

summary = channel_summary(last_year.channel_table())
total = summary_total(summary)
money = plan.currency
cols = st.columns(4)
cols[0].metric("Spend", format_money(total["spend"], money))
cols[1].metric("New customers", format_count(total["customers"]))
cols[2].metric("CAC", format_money(total["cac"], money))
cols[3].metric("ROI", format_percent(total["roi"], signed=True))

last = last_year_funnel(summary, last_year.months)
spend_known = has_spend(summary)
left, right = st.columns(2)
with left:
    show_chart(share_chart(summary), "spend-vs-customers")
with right:
    volumes = last_year_volumes(last)
    if volumes is None:
        st.info("Last year's funnel cannot be drawn: " + " ".join(p.sentence for p in last.problems()))
    else:
        show_chart(funnel_chart(volumes, period="last year"), "last-year-funnel")
if spend_known:
    left, right = st.columns(2)
    with left:
        show_chart(cac_chart(summary, money), "cac-per-channel")
    with right:
        show_chart(roi_chart(summary), "roi-per-channel")
else:
    st.info("A CRM export has no spend: load last year's channel table to see CAC, ROI and verdicts.")


def show_verdicts():
    st.subheader("Scale, keep, fix or cut")
    judged = verdicts(summary, plan.review_rules, money)
    for verdict, icon in VERDICT_ICONS.items():
        rows = judged[judged["verdict"] == verdict]
        if not rows.empty:
            st.markdown(f"**{icon} {verdict.capitalize()}**")
            st.markdown("\n".join(f"- **{r.channel}**: {r.reason}" for r in rows.itertuples()))
    if presenting():
        return
    with st.expander("Verdict rules"):
        st.caption(
            "Each channel is compared with the whole portfolio (the Total row). Change a rule to re-judge."
        )
        for field in RULES:
            info = type(plan.review_rules).model_fields[field]
            bound(
                st.number_input, info.title, f"review_rule_{field}", getattr(plan.review_rules, field),
                set_rule(field), help=info.description, step=1 if field == "min_customers" else 0.1,
            )  # fmt: skip


if spend_known:
    show_verdicts()

st.subheader("Channels")
formats = {"count": "localized", "money": "accounting", "percent": "percent", "ratio": "%.2f"}
column_configs = {
    column: st.column_config.NumberColumn(f"{label} ({money})" if kind == "money" else label, format=formats[kind])
    for column, (label, kind) in SUMMARY_COLUMNS.items()
} | {"channel": "Channel"}
show_table(summary, "last-year-channels", {c: column_configs[c] for c in reported_columns(summary)})
stage_times = last_year.stage_time_table()
if stage_times is not None:
    st.markdown("**Time in stage** (median days, contacts who reached the later stage in the year)")
    st.dataframe(
        stage_times,
        hide_index=True,
        column_config={
            "transition": "Stage to stage",
            "median_days": st.column_config.NumberColumn("Median days", format="%.0f"),
            "contacts": st.column_config.NumberColumn("Contacts with both dates", format="localized"),
        },
    )

if presenting():
    st.stop()
st.subheader("Use last year in the plan")
lags = funnel_lags(stage_times) if stage_times is not None else None
st.caption(
    "Sets the Funnel's conversion rates to last year's, and “what we produce today” to last year's monthly "
    f"average ({last_year.months} months)"
    + (", with the CRM's median days between stages as lags." if lags else ".")
)
st.button(
    "Use last year's rates in the Funnel", key="review_apply", icon=":material/arrow_forward:",
    on_click=use_in_funnel, args=(last, lags),
)  # fmt: skip
if (notes := st.session_state.get(review_data.APPLIED)) is not None:
    st.success("The Funnel now starts from last year's rates.", icon=":material/check:")
    for note in notes:
        st.warning(note, icon=":material/warning:")
    st.page_link("pages/funnel.py", label="Open the Funnel", icon=":material/filter_alt:")
