"""Quarterly roadmap: four 90-day plans with focus areas, initiatives, SMART goals, budget and reviews."""

from datetime import date

import streamlit as st

from planner import format_money, plan_targets
from planner.fiscal import quarter_dates
from planner.plan import replace, roadmap_traffic, set_carry, set_quarter, set_roadmap
from planner.roadmap import (
    budget_flags,
    current_review,
    focus_flags,
    focus_options,
    goal_progress,
    goal_review,
    goal_sentence,
    goals_frame,
    hypothesis_stages,
    hypothesis_table,
    initiatives_frame,
    quarter_budget,
    quarter_of,
    review_dates,
    row_notes,
    suggest_focus,
    unlisted_owners,
)
from planner.roadmap.charts import budget_chart, hypothesis_chart, progress_chart, timeline_chart
from planner.spend import budget_picture
from ui.frame import frame, presenting
from ui.markdown import plain
from ui.roadmap_tables import (
    allocations_table,
    goals_table,
    hypotheses_table,
    initiatives_table,
    owners_table,
    set_budget,
    set_focus,
)
from ui.state import VIEW_PREFIX, bound, set_plan
from ui.widgets import EMPTY_CELL, amount_input, percent_input, show_chart, show_table, table_downloads

QUARTER_KEY = f"{VIEW_PREFIX}roadmap_quarter"


def warn(messages, icon=":material/warning:"):
    for message in messages:
        st.warning(plain(message), icon=icon)


plan = frame("Quarterly roadmap")
roadmap, money, year, start = plan.roadmap, plan.currency, plan.fiscal_year, plan.fiscal_year_start_month
funnel = plan.funnel.funnel()
bounds = {n: quarter_dates(year, n, start) for n in (1, 2, 3, 4)}
today = date.today()
# The quarter shown is remembered for the session (a widget's own value is dropped on a page switch).
remembered = st.session_state.get(QUARTER_KEY) or quarter_of(today, year, start) or 1

st.title("Quarterly roadmap")
st.caption(
    f"FY{year} as four 90-day plans: one or two focus areas at a time, initiatives with budgets and owners, "
    "SMART goals tied to the funnel, and two reviews a quarter."
)
number = st.radio(
    "Quarter",
    [1, 2, 3, 4],
    index=remembered - 1,
    horizontal=True,
    key="roadmap_quarter",
    format_func=lambda n: f"Q{n}",
    on_change=lambda: st.session_state.update({QUARTER_KEY: st.session_state["roadmap_quarter"]}),
)
quarter = roadmap.quarter(number)
first, last = bounds[number]
reviews = review_dates(year, number, start)
budget = quarter_budget(roadmap, number)

cols = st.columns(4)
cols[0].metric(f"Q{number} runs", f"{first:%b} – {last:%b}", help=f"{first:%d %b %Y} to {last:%d %b %Y}.")
cols[1].metric(
    "Mid-quarter check-in", f"{reviews.mid_quarter:%d %b}", help=f"{reviews.mid_quarter:%d %b %Y}."
)
cols[2].metric(
    "Final review",
    f"{reviews.final:%d %b}",
    help=f"{reviews.final:%d %b %Y}, two weeks before the quarter ends.",
)
cols[3].metric(
    "Budget used",
    format_money(budget.spend, money),
    delta=budget.delta(money),
    delta_color="normal",
    help=None
    if budget.allocation is None
    else f"Q{number}'s allocation is {format_money(budget.allocation, money, compact=False)}.",
)
st.caption(plain(current_review(today, year, number, start)))
flags = [f for f in budget_flags(roadmap, money) if f.quarter in (0, number)]
# Initiative and focus flags show at their tables; the quarter's and year's totals show here.
warn([f.message for f in flags if f.scope != "initiative"], ":material/flag:")


def plan_tab():
    st.subheader("Focus areas")
    bound(
        st.multiselect,
        "Focus areas this quarter (pick from the list or type your own)",
        f"roadmap_q{number}_focus",
        quarter.focus_names,
        set_focus(number),
        options=focus_options(quarter),
        accept_new_options=True,
    )
    warn([f.message for f in focus_flags(roadmap) if f.quarter == number])
    with st.expander("Which focus areas would move the plan most?"):
        ideas = suggest_focus(funnel, plan_targets(plan).monthly.bottom, plan.funnel.top_today)
        st.dataframe(
            ideas[["rank", "focus_area", "reason"]],
            hide_index=True,
            placeholder=EMPTY_CELL,
            column_config={"rank": "Rank", "focus_area": "Focus area", "reason": "Why"},
        )
        st.caption(
            "Ranked by the funnel's sensitivity: what +1 percentage point on each rate saves at the top."
        )
    st.subheader("Initiatives")
    st.caption("One or two sentences each. A row without dates runs the whole quarter.")
    initiatives_table(plan, number, first, last)
    table_downloads(initiatives_frame(quarter), f"q{number}-initiatives")
    warn([f.message for f in flags if f.quarter == number and f.scope == "initiative"])
    warn(row_notes(quarter, first, last), ":material/info:")
    st.subheader("Owners")
    owners_table(plan, number)
    missing = unlisted_owners(quarter)
    if missing:
        st.info(
            plain(f"No duties recorded yet for {', '.join(missing)}: add a row for each owner."),
            icon=":material/person:",
        )


def goals_tab():
    st.caption(
        "Rates in percent (1.5 is 1.5%), volumes as counts. pp adds percentage points; % is relative: "
        "never the same thing."
    )
    goals_table(plan, number)
    table_downloads(goals_frame(quarter, funnel), f"q{number}-goals")
    with st.expander("How strict the checks are"):
        percent_input(
            "Flag a goal that plans more than this change in one quarter (%)",
            "roadmap_max_lift",
            roadmap.max_quarterly_lift,
            set_budget("max_quarterly_lift"),
            help="100% flags anything beyond doubling a metric in 90 days. Check it against last year's best quarter.",
        )
    for row, goal in enumerate(quarter.goals, start=1):
        review = goal_review(goal, funnel, first, last, roadmap.max_quarterly_lift)
        line = f"**Row {row}.** " + " ".join(plain(s) for s in review.sentences)
        if review.smart:
            st.success(line, icon=":material/check:")
        else:
            st.warning(line, icon=":material/rule:")


def hypotheses_tab():
    st.caption("Why each initiative should work: the funnel rate it moves, from what to what.")
    hypotheses_table(plan, number)
    traffic = roadmap_traffic(plan)
    table = hypothesis_table(quarter, funnel, traffic.volume, plan.goals.avg_deal_size)
    warn([f"'{h}': {p}" for h, p in zip(table["hypothesis"], table["problem"], strict=True) if p])
    usable = table[table["problem"] == ""]
    if not len(usable):
        # An empty chart would show bare axes running from $-1 to $6.
        st.info(
            "No hypothesis to weigh yet: add a row above with the rate it moves, its rate today and the rate "
            "you expect, and its worth in customers and revenue shows here.",
            icon=":material/lightbulb:",
        )
        return
    show_chart(
        hypothesis_chart(table, money, f"{traffic.basis}; revenue is first-year deal size"),
        f"q{number}-hypotheses",
    )
    show_table(
        usable,
        f"q{number}-hypotheses-table",
        {
            "hypothesis": "Initiative",
            "transition": "Rate",
            "from_rate": "From",
            "to_rate": "To",
            "extra_customers": st.column_config.NumberColumn("Extra customers a month", format="%.3f"),
            "extra_revenue": st.column_config.NumberColumn(
                f"Extra revenue a month ({money})", format="localized"
            ),
        },
        # In percent as the app writes rates (1.5% → 1.8%), still numbers to sort by.
        rates=("from_rate", "to_rate"),
    )
    with st.expander("What each hypothesis changes at every stage, a month"):
        stages = hypothesis_stages(quarter, funnel, traffic.volume, plan.goals.avg_deal_size)
        st.dataframe(
            stages,
            hide_index=True,
            placeholder=EMPTY_CELL,
            column_config={"stage": "Stage"}
            | {c: st.column_config.NumberColumn(format="%+.3f") for c in stages.columns[1:]},
        )
        st.caption("Stages above the rate a hypothesis moves do not change.")


def budget_tab():
    left, right = st.columns(2)
    with left:
        amount_input(
            f"Annual marketing budget ({money})",
            "roadmap_annual_budget",
            roadmap.annual_budget,
            set_budget("annual_budget"),
            money,
            optional=True,
            placeholder="e.g. 100,000 or 100K",
            help="The plan's one marketing budget for the year: the Funnel and the review compare with it too.",
        )
    with right:
        percent_input(
            "Flag any initiative above this share of the annual budget (%)",
            "roadmap_max_share",
            roadmap.max_initiative_share,
            set_budget("max_initiative_share"),
        )
    st.info("\n\n".join(plain(s) for s in budget_picture(plan).statements), icon=":material/account_balance:")
    st.markdown("**Quarterly allocations**" + (" (even split)" if roadmap.allocations is None else ""))
    allocations_table(plan)
    if roadmap.allocations is not None and st.button("Split the annual budget evenly", key="roadmap_even"):
        set_plan(set_roadmap(plan, replace(roadmap, allocations=None)))
        st.session_state["roadmap_allocations_version"] += 1
        st.rerun()
    # This quarter's and the year's flags are at the top of the page; here, the other quarters'.
    warn([f.message for f in budget_flags(roadmap, money) if f.quarter not in (0, number)], ":material/flag:")
    show_chart(budget_chart(roadmap, money), "budget-per-quarter")


def timeline_tab():
    show_chart(timeline_chart(quarter.initiatives, number, first, last, reviews), f"q{number}-timeline")


def reviews_tab():
    st.caption(
        f"Record actuals at the check-in ({reviews.mid_quarter:%d %b}) and the final review "
        f"({reviews.final:%d %b}), in the goal's own unit."
    )
    goals_table(plan, number, review=True)
    progress = goal_progress(quarter, year, number, start)
    show_chart(progress_chart(progress, number), f"q{number}-goal-progress")
    st.caption(
        "On track: at or ahead of a straight line from the baseline on the first day to the target on the "
        "deadline. At risk: at least 80% of the way the line expects. Off track: below that."
    )
    st.markdown("**Decision per initiative**")
    initiatives_table(plan, number, first, last, review=True)
    if number < 4:
        bound(
            st.multiselect,
            f"Carry over into Q{number + 1} (with the goals' latest actuals as baselines)",
            f"roadmap_q{number}_carry",
            [a.name for a in quarter.focus_areas if a.carry_over],
            lambda plan, names: set_carry(plan, number, names),
            options=quarter.focus_names,
        )
    else:
        st.caption("Q4's lessons carry into next year's plan.")
    bound(
        st.text_area,
        "Review notes",
        f"roadmap_q{number}_notes",
        quarter.review_notes,
        lambda plan, text: set_quarter(plan, number, review_notes=text),
        placeholder="What worked, what did not, what changes next quarter.",
    )


def present():
    """The quarter for a shared screen: what, who, when, how much, and how it is going; no inputs."""
    st.markdown("**Focus areas:** " + plain(", ".join(quarter.focus_names) or "none chosen yet"))
    st.dataframe(
        initiatives_frame(quarter).drop(columns=["Decision", "Why"]),
        hide_index=True,
        placeholder=EMPTY_CELL,
        column_config={
            "Budget": money_column,
            "Start": st.column_config.DateColumn(format="D MMM"),
            "Due": st.column_config.DateColumn(format="D MMM"),
        },
    )
    for goal in quarter.goals:
        st.markdown(f"- {plain(goal_sentence(goal, funnel))}")
    # Full width, one under the other: in large type a half-width chart's legend crowds out the plot.
    timeline_tab()
    show_chart(
        progress_chart(goal_progress(quarter, year, number, start), number), f"q{number}-goal-progress"
    )
    show_chart(budget_chart(roadmap, money), "budget-per-quarter")


TABS = {
    "Plan": plan_tab,
    "SMART goals": goals_tab,
    "Hypotheses": hypotheses_tab,
    "Budget": budget_tab,
    "Timeline": timeline_tab,
    "Reviews": reviews_tab,
}
money_column = st.column_config.NumberColumn(f"Budget ({money})", format="localized")
if presenting():
    present()
    st.stop()
# Only the open tab runs, so an edit redraws one tab's tables and charts.
for tab, draw in zip(st.tabs(list(TABS), key="roadmap_tab", on_change="rerun"), TABS.values(), strict=True):
    if tab.open:
        with tab:
            draw()
