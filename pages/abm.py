"""ABM KPIs: which named accounts are moving, their health and journey, and the KPIs we don't chase."""

import streamlit as st

from planner.abm import HEALTH_PARTS, STAGE_RULES, HealthWeights, selection_label
from planner.abm.charts import account_funnel_chart, cta_chart, engagement_heatmap, nps_chart
from planner.columns import JOURNEY_STAGES
from planner.fiscal import period_label
from planner.plan import replace
from ui import abm_data
from ui.frame import frame, presenting
from ui.markdown import plain
from ui.state import bound, current_plan
from ui.uploads import file_picker, mapping_form
from ui.widgets import show_chart, show_table

PERIODS = {1: "1 month", 3: "3 months", 6: "6 months", 12: "12 months"}


def set_abm(field, convert=lambda v: v):
    return lambda plan, value: replace(plan, abm=replace(plan.abm, **{field: convert(value)}))


def set_weight(part):
    return lambda plan, value: replace(
        plan, abm=replace(plan.abm, weights=replace(plan.abm.weights, **{part: float(value)}))
    )


def columns():
    """Two charts side by side at a desk; one under the other on a shared screen, where type is larger."""
    return (st.container(), st.container()) if presenting() else st.columns(2)


plan = frame("ABM KPIs")
st.title("ABM KPIs")
st.caption(
    "For teams selling to named accounts: engagement, pipeline, health and retention per account, "
    "and which accounts are moving."
)


def load_files():
    """The three upload boxes, the sample button and the column-mapping step."""
    data = abm_data.loaded()
    loaded_names = [data.file_name(kind) for kind in abm_data.KINDS if data.file_name(kind)]
    with st.expander(
        f"Account data: {len(loaded_names)} of 3 files loaded",
        expanded=data.accounts is None,
        icon=":material/upload:",
    ):
        upload_cols = st.columns(3)
        for column, (kind, label) in zip(upload_cols, abm_data.KINDS.items(), strict=True):
            file_picker(
                column, label, kind, abm_data.upload_key(kind), f"abm_upload_id_{kind}", abm_data.load,
                forget=abm_data.forget,
            )  # fmt: skip
            if name := abm_data.loaded().file_name(kind):
                column.caption(f":material/check: {plain(name)}")
        st.caption(
            "Accounts: account, tier, owner, month, emails delivered / unique opens / unique clicks, content views, "
            "engaged minutes, form fills, new contacts, calls and demos scheduled, opportunities opened, deals won, "
            "won revenue, customer at start / end (yes or no). CTA events: account, month, CTA name, journey stage, "
            "impressions, clicks, conversions, promotion (yes or no). NPS: account, date, score 0–10."
        )
        with st.container(horizontal=True):
            st.button(
                "Load the sample", key="abm_sample", icon=":material/dataset:", on_click=abm_data.load_sample
            )
            if data.files is not None:
                # Ask first: the files may not be at hand to load again.
                with st.popover("Remove the ABM files", icon=":material/delete:"):
                    st.caption("This takes the ABM files out of the plan; the tiers, owners and weights stay.")
                    st.button("Remove them from the plan", key="abm_remove", type="primary", on_click=abm_data.remove)

    for kind, message in abm_data.errors().items():
        st.error(plain(f"{abm_data.KINDS[kind]}: {message}"), icon=":material/error:")
    if pending := st.session_state.get(abm_data.PENDING):
        mapping_form(pending, "abm", abm_data.load)


if not presenting():
    load_files()
plan = current_plan()
data = abm_data.loaded()
if data.accounts is None and presenting():
    st.info("This plan holds no account data: leave presentation mode to load it.")
    st.stop()
if data.accounts is None:
    st.info(
        "Upload the account activity file (and, if you have them, CTA events and NPS answers), "
        "or load the sample, to see which accounts are moving.",
        icon=":material/upload:",
    )
    st.stop()
for warning in data.warnings():
    st.warning(plain(warning), icon=":material/warning:")

accounts = data.accounts
tiers, owners = sorted(accounts["tier"].unique()), sorted(accounts["owner"].unique())
months = sorted(accounts["month"].unique())
settings = plan.abm


def choose_accounts():
    """Tiers, owners and period, kept in the plan."""
    tier_col, owner_col, period_col, end_col = st.columns([2, 2, 1, 1])
    with tier_col:
        bound(
            st.multiselect, "Tiers", "abm_tiers", [t for t in settings.tiers if t in tiers], set_abm("tiers", tuple),
            options=tiers, placeholder="All tiers",
        )  # fmt: skip
    with owner_col:
        bound(
            st.multiselect, "Owners", "abm_owners", [o for o in settings.owners if o in owners],
            set_abm("owners", tuple), options=owners, placeholder="All owners",
        )  # fmt: skip
    with period_col:
        bound(
            st.selectbox, "Period", "abm_period_months", settings.period_months, set_abm("period_months"),
            options=list(PERIODS), format_func=PERIODS.get,
        )  # fmt: skip
    with end_col:
        bound(
            st.selectbox, "Ending", "abm_period_end",
            settings.period_end if settings.period_end in months else months[-1], set_abm("period_end"),
            options=months, format_func=period_label,
        )  # fmt: skip


if not presenting():
    choose_accounts()
plan = current_plan()
report = abm_data.report(data, plan.abm)
if report is None:
    st.warning(
        "No account matches these tiers and owners; choose other ones.", icon=":material/filter_alt_off:"
    )
    st.stop()

st.subheader(f"{report.accounts} accounts, {report.current.label()}")
selection = plain(selection_label(plan.abm))
st.caption(
    f"{selection}. Changes against {report.previous.label()}."
    if report.has_previous
    else f"{selection}. The data has no months before {report.current.label()}, so there is no change to show."
)
for row in (report.kpis[:6], report.kpis[6:]):
    for column, kpi in zip(st.columns(6), row, strict=True):
        column.metric(plain(kpi.name), kpi.shown(plan.currency), kpi.change(plan.currency), help=plain(kpi.help))

show_chart(engagement_heatmap(report.engagement, report.current, report.directions), "abm-engagement")

# Half columns at a desk (their titles wrapped for them), the whole width on a shared screen.
left, right = columns()
with left:
    show_chart(account_funnel_chart(report.funnel, report.current), "abm-account-funnel", narrow=not presenting())
    with st.expander("How each account's stage is set"):
        st.markdown("\n".join(f"- **{stage}**: {STAGE_RULES[stage]}" for stage in JOURNEY_STAGES))
with right:
    if report.cta is None:
        st.info(
            "Upload the CTA events to see where accounts drop along the journey.", icon=":material/upload:"
        )
    elif report.cta.empty:
        st.info(f"No CTA events in {report.current.label()}.", icon=":material/info:")
    else:
        show_chart(cta_chart(report.cta), "abm-cta-conversion", narrow=not presenting())

left, right = columns()
with left:
    if report.nps_breakdown is None:
        st.info(
            "Upload the NPS survey answers to see detractors, passives and promoters.",
            icon=":material/upload:",
        )
    else:
        show_chart(nps_chart(report.nps_breakdown, report.nps), "abm-nps", narrow=not presenting())
with right, st.container(border=True):
    st.markdown("**:material/block: KPIs we don't chase**")
    st.caption("Shown for completeness, never as a goal: they mislead for named accounts.")
    for row in report.ignored.itertuples():
        st.markdown(
            f"**{row.kpi}**: {row.value}  \n{row.why}  \n:material/arrow_forward: *Count instead:* {row.instead}"
        )

st.subheader("Accounts ranked by health")
shares = plan.abm.weights.shares()
st.caption(
    "Health (0–100) = "
    + " + ".join(f"{shares[p]:.0%} {label.lower()}" for p, label in HEALTH_PARTS.items())
    + ". The reason names what moved the score most since the period before, with the points it moved."
)
show_table(
    report.health,
    "abm-accounts-by-health",
    {
        "rank": st.column_config.NumberColumn("#", width="small"),
        "account": "Account",
        "tier": "Tier",
        "owner": "Owner",
        "stage": "Journey stage",
        "health": st.column_config.ProgressColumn("Health", min_value=0, max_value=100, format="%.0f"),
        "change": st.column_config.NumberColumn("Change", format="%+.0f"),
        "nps_label": st.column_config.TextColumn("NPS (answers)", help="Over the last 12 months."),
        "reason": st.column_config.TextColumn("Why it moved", width="large"),
    },
    download=report.health.round({"health": 1, "change": 1}),
    room_rows=10,
    height=min(len(report.health), 15) * 35 + 38,
)
if presenting():
    st.stop()
with st.expander("Health score weights", icon=":material/tune:"):
    st.caption("Relative weights: each part's share is its weight over the sum.")
    for column, part in zip(st.columns(4), HEALTH_PARTS, strict=True):
        info = HealthWeights.model_fields[part]
        with column:
            bound(
                st.number_input, info.title, f"abm_weight_{part}", getattr(plan.abm.weights, part),
                set_weight(part), min_value=0.0, max_value=100.0, step=5.0, help=info.description,
            )  # fmt: skip
