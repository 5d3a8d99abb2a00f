"""Last-year review: what each channel cost and returned, and which to scale, keep, fix or cut."""

import streamlit as st

from planner import format_count, format_money
from planner.charts import cac_chart, funnel_chart, roi_chart, share_chart
from planner.money import format_percent
from planner.plan import apply_last_year, replace
from planner.review import (
    KINDS,
    SUMMARY_COLUMNS,
    channel_summary,
    crm_years,
    has_spend,
    last_year_funnel,
    last_year_volumes,
    reported_columns,
    summary_total,
    verdicts,
)
from planner.review.facts import RATE_COLUMNS, SOURCE_GIVES, funnel_for_plan, review_source, review_table
from planner.spend import budget_picture
from ui import review_data
from ui.autosave import local_time
from ui.frame import frame, on_shared_screen, presenting
from ui.markdown import plain
from ui.state import bound, current_plan, set_plan
from ui.uploads import file_picker, mapping_form
from ui.widgets import EMPTY_CELL, forget_funnel_widgets, show_chart, show_table

LOAD_KINDS = {
    "channels": "Channel table (spend and volumes per channel)",
    "crm": "CRM contacts export (HubSpot-style)",
}
CRM_VIEWS = {
    "cohort": "Cohort: the year's new leads, followed through their stages",
    "activity": "Activity: stages reached within the year",
}
VERDICT_ICONS = {
    "scale": ":material/trending_up:",
    "fix conversion": ":material/build:",
    "keep": ":material/check_circle:",
    "cut": ":material/content_cut:",
    "no spend data": ":material/help:",
}
RULES = ("scale_cac_ratio", "cut_cac_ratio", "cut_max_roi", "min_customers", "fix_cpl_ratio")
FORMATS = {"count": "localized", "money": "accounting", "ratio": "%.2f"}
# A year's spend and revenue read in whole units (90,692); a cost per lead keeps its cents (22.14).
WHOLE_AMOUNTS = ("spend", "revenue")


def set_rule(field):
    return lambda plan, value: replace(plan, review_rules=replace(plan.review_rules, **{field: value}))


def use_in_funnel():
    plan = current_plan()
    taken = funnel_for_plan(plan.last_year)
    funnel, notes = apply_last_year(plan.funnel, taken.funnel, taken.lags_days)
    set_plan(replace(plan, funnel=funnel))
    forget_funnel_widgets()
    st.session_state[review_data.APPLIED] = notes


def load_last_year():
    """The file picker, the sample and the column mapping: everything that loads last year."""
    # The choice starts on the source the plan still lacks, the next thing worth loading.
    missing = current_plan().last_year.missing
    kind = st.radio(
        "What are you loading?", list(LOAD_KINDS), format_func=LOAD_KINDS.get, horizontal=True, key="review_kind",
        index=list(LOAD_KINDS).index(missing[0]) if missing else 0,
    )  # fmt: skip
    upload_col, sample_col = st.columns([3, 1], vertical_alignment="bottom")
    file_picker(
        upload_col, "Upload a CSV or Excel export", kind, review_data.upload_key(kind), "review_upload_id",
        review_data.load, forget=review_data.forget,
    )  # fmt: skip
    if sample_col.button("Load the sample", key="review_sample", icon=":material/dataset:"):
        review_data.load_sample(kind)
    if error := st.session_state.get(review_data.ERROR):
        held = getattr(current_plan().last_year, kind)
        st.error(plain(error + (f" The plan still holds {held.source}." if held else "")), icon=":material/error:")
    if pending := st.session_state.get(review_data.PENDING):
        mapping_form(pending, "review", review_data.load)


def source_lines(plan):
    """Each source the plan holds, what it brings, and a remove that asks first; what a missing one would add."""
    for kind, label in KINDS.items():
        source = getattr(plan.last_year, kind)
        if source is None:
            if not presenting():
                st.caption(f"No {label.lower()} loaded: it would bring {SOURCE_GIVES[kind]}.")
            continue
        # A room reads the sources in the caption under the totals; only their warnings stay.
        if not on_shared_screen():
            source_banner(kind, label, source)
        for warning in source.warnings:
            st.warning(plain(f"{source.source}: {warning}"), icon=":material/warning:")


def source_banner(kind, label, source):
    """What a loaded source is and brings, with a remove that asks first (not for a reader)."""
    line, action = (st.container(), None) if presenting() else st.columns([7, 1], vertical_alignment="center")
    with line:
        count = len(source.channels)
        st.success(
            plain(
                f"{label}: {source.source}, {format_count(count)} channel{'' if count == 1 else 's'}. "
                f"{source.described()}, loaded {local_time(source.loaded_at)}; kept with this plan. "
                f"It brings {SOURCE_GIVES[kind]}."
            ),
            icon=":material/check:",
        )
    if action is not None:
        with action, st.popover("Remove", icon=":material/delete:"):
            st.caption(plain(f"This takes {source.source} out of the plan; rates already used in the Funnel stay."))
            if st.button("Remove it from the plan", key=f"review_remove_{kind}", type="primary"):
                review_data.remove(kind)
                st.rerun()


def crm_year(crm):
    contacts = review_data.contacts_for(crm)
    if contacts is None:
        st.caption(f"The CRM export is reviewed for {crm.year}. To review another year, load the export again.")
        return
    years = crm_years(contacts)
    year = st.selectbox("CRM year", years, index=years.index(crm.year), key="review_year")
    if year != crm.year:
        review_data.change_year(crm, year)
        st.rerun()


def channels_table(summary, name, rates=True):
    money = plan.currency
    labels = {column: f"{label} ({money})" if kind == "money" else label for column, (label, kind) in SUMMARY_COLUMNS.items()}
    # A column of a table rule (rates, percents, whole amounts) is given by its label alone.
    configs = {
        column: labels[column] if kind == "percent" or column in WHOLE_AMOUNTS
        else st.column_config.NumberColumn(labels[column], format=FORMATS[kind])
        for column, (_, kind) in SUMMARY_COLUMNS.items()
    } | {"channel": "Channel"}  # fmt: skip
    shown = [c for c in reported_columns(summary) if rates or c not in RATE_COLUMNS]
    percent = [c for c in shown if SUMMARY_COLUMNS.get(c, ("", ""))[1] == "percent"]
    # ROI reads as a whole percentage, as on the page's cards; rates and shares to a tenth of a point.
    show_table(
        summary, name, {c: configs[c] for c in shown},
        rates=[c for c in percent if c != "roi"], percents=[c for c in percent if c == "roi"],
        amounts=[c for c in WHOLE_AMOUNTS if c in shown],
    )  # fmt: skip


def show_verdicts(summary):
    st.subheader("Scale, keep, fix or cut")
    judged = verdicts(summary, plan.review_rules, plan.currency)
    for verdict, icon in VERDICT_ICONS.items():
        rows = judged[judged["verdict"] == verdict]
        if not rows.empty:
            st.markdown(f"**{icon} {verdict.capitalize()}**")
            st.markdown("\n".join(f"- **{plain(r.channel)}**: {plain(r.reason)}" for r in rows.itertuples()))
    if presenting():
        return
    with st.expander("Verdict rules"):
        st.caption("Each channel is compared with the paid channels (the Total row). Change a rule to re-judge.")
        for field in RULES:
            info = type(plan.review_rules).model_fields[field]
            bound(
                st.number_input, info.title, f"review_rule_{field}", getattr(plan.review_rules, field),
                set_rule(field), help=info.description, step=1 if field == "min_customers" else 0.1,
            )  # fmt: skip


plan = frame("Last-year review")
st.title("Last-year review")
st.caption("What last year's channels cost and returned, and which to scale, keep, fix or cut.")

if not presenting():
    load_last_year()
    plan = current_plan()

source = review_source(plan.last_year)
if source is None:
    st.info(
        "This plan holds no last-year data: leave presentation mode to load it."
        if presenting()
        else "Upload last year's channel table or CRM export, or load the sample, to review it. "
        "Load both to see CAC and verdicts with cohort rates and lags.",
        icon=":material/upload:",
    )
    st.stop()

source_lines(plan)
crm = plan.last_year.crm
view = "cohort"
if crm is not None and source.kind == "crm" and not presenting():
    view = st.radio(
        "Count the CRM's contacts by", list(CRM_VIEWS), format_func=CRM_VIEWS.get, horizontal=True,
        key="review_crm_view",
    )  # fmt: skip
summary = channel_summary(review_table(source, cohort=view == "cohort"))
total = summary_total(summary)
money = plan.currency
spend_known = has_spend(summary)
cols = st.columns(4)
cols[0].metric("Spend", format_money(total["spend"], money) if spend_known else "not in a CRM export")
cols[1].metric("New customers", format_count(total["customers"]))
cols[2].metric("CAC", format_money(total["cac"], money) if spend_known else "—")
cols[3].metric("ROI", format_percent(total["roi"], signed=True) if spend_known else "—")
st.caption(
    plain(
        f"From {source.source}"
        + (f" ({CRM_VIEWS[view].split(':')[0].lower()} view)" if source.kind == "crm" else "")
        + (f"; {crm.source} adds the cohort rates and time in stage below." if crm is not None and source is not crm else ".")
    )
)

last = last_year_funnel(summary, source.months)
left, right = st.columns(2)
with left:
    show_chart(share_chart(summary), "spend-vs-customers", narrow=True)
with right:
    volumes = last_year_volumes(last)
    if volumes is None:
        st.info(plain("Last year's funnel cannot be drawn: " + " ".join(p.sentence for p in last.problems())))
    else:
        show_chart(funnel_chart(volumes, period="last year"), "last-year-funnel", narrow=True)
if spend_known:
    said = budget_picture(plan).statements
    st.caption(plain(next((s for s in said if s.startswith("Last year's channels spent")), said[0])))
    left, right = st.columns(2)
    with left:
        show_chart(cac_chart(summary, money), "cac-per-channel", narrow=True)
    with right:
        show_chart(roi_chart(summary), "roi-per-channel", narrow=True)
    show_verdicts(summary)
else:
    st.info("A CRM export has no spend: load last year's channel table to see CAC, ROI and verdicts.")

# On a shared screen the charts and verdicts above speak for the channels: their tables stay at the desk.
if not on_shared_screen():
    st.subheader("Channels")
    channels_table(summary, "last-year-channels", rates=view == "cohort")
if view == "activity":
    st.caption(
        "No conversion rates in this view: a stage reached in the year may come from a lead of the year before, "
        "so in-year counts can exceed the stage above. The cohort view gives the rates."
    )

if crm is not None:
    st.subheader(plain(f"From the CRM export ({crm.source})"))
    if not presenting():
        crm_year(crm)
    if source is not crm and crm.cohort is not None and not on_shared_screen():
        st.markdown(f"**Cohort rates**: contacts who became leads in {crm.year}, followed through their stages")
        channels_table(channel_summary(crm.cohort_table()), "last-year-cohort")
    stage_times = crm.stage_time_table()
    if stage_times is not None:
        st.markdown(f"**Time in stage** (median days, contacts who reached the later stage in {crm.year})")
        st.dataframe(
            stage_times,
            hide_index=True,
            placeholder=EMPTY_CELL,
            column_config={
                "transition": "Stage to stage",
                "median_days": st.column_config.NumberColumn("Median days", format="%.0f"),
                "contacts": st.column_config.NumberColumn("Contacts with both dates", format="localized"),
            },
        )

if presenting():
    st.stop()
st.subheader("Use last year in the plan")
taken = funnel_for_plan(plan.last_year)
st.caption(
    plain(
        "Sets the Funnel's conversion rates to last year's, and “what we produce today” to last year's monthly "
        f"average ({source.months} months, from {source.source})"
        + (", with the CRM's median days between stages as lags." if taken.lags_days else ".")
    )
)
st.markdown("\n".join(f"- {plain(line)}" for line in taken.rate_lines()))
st.button(
    "Use last year's rates in the Funnel", key="review_apply", icon=":material/arrow_forward:", on_click=use_in_funnel
)
if (notes := st.session_state.get(review_data.APPLIED)) is not None:
    st.success("The Funnel now starts from last year's rates.", icon=":material/check:")
    for note in notes:
        st.warning(plain(note), icon=":material/warning:")
    st.page_link("pages/funnel.py", label="Open the Funnel", icon=":material/filter_alt:")
