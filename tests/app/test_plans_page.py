"""Saved plans in the app: autosave and the `?plan=` link, stale saves, and the Plans page's actions."""

from __future__ import annotations

from planner.io.store import PlanStore
from planner.plan import example_plan, replace
from tests.app.conftest import open_link, shown


def store() -> PlanStore:
    return PlanStore()


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if shown(m.label) == label)


def told(at, text: str) -> bool:
    return any(text in shown(info.value) for info in at.info)


def button(at, label: str):
    return next(b for b in at.button if shown(b.label) == label)


def test_the_example_is_saved_at_its_first_change_and_its_link_brings_it_back(app):
    at = app("pages/goals.py")
    assert store().list_plans() == [], "an untouched example is not saved"

    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    [saved] = store().list_plans()
    assert at.query_params["plan"] == saved.id
    assert store().get(saved.id).plan.goals.avg_deal_size == 2_000_000

    again = open_link(saved.id, "pages/goals.py")

    assert again.text_input(key="goals_deal_size").value == "2,000,000"
    assert metric(again, "New customers needed") == "5"


def test_every_change_is_a_new_version(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_deal_size").set_value("2,000,000").run()
    at.sidebar.text_input(key="sidebar_name").set_value("Board plan").run()

    plan_id = at.query_params["plan"]
    assert [v.version for v in store().versions(plan_id)] == [2, 1]
    assert store().get(plan_id).plan.name == "Board plan"
    assert "version 2" in at.sidebar.caption[-1].value


def test_a_stale_save_is_refused_and_saving_mine_as_a_copy_loses_nothing():
    saved = store().create(example_plan())
    mine, theirs = open_link(saved.id, "pages/goals.py"), open_link(saved.id, "pages/goals.py")
    theirs.text_input(key="goals_deal_size").set_value("2,000,000").run()

    mine.text_input(key="goals_deal_size").set_value("500,000").run()

    assert "Someone saved this plan (version 2) after you opened version 1" in mine.warning[0].value
    assert metric(mine, "New customers needed") == "20", "my change stays on screen"
    assert store().get(saved.id).plan.goals.avg_deal_size == 2_000_000, "their save is not overwritten"

    button(mine, "Save mine as a copy").click().run()

    assert not mine.warning
    copy_id = mine.query_params["plan"]
    assert copy_id != saved.id
    assert store().get(copy_id).plan.goals.avg_deal_size == 500_000
    assert store().get(copy_id).plan.name.endswith("(scenario 2)")


def test_reload_theirs_after_a_stale_save_shows_their_version():
    saved = store().create(example_plan())
    mine, theirs = open_link(saved.id, "pages/goals.py"), open_link(saved.id, "pages/goals.py")
    theirs.text_input(key="goals_deal_size").set_value("2,000,000").run()
    mine.text_input(key="goals_deal_size").set_value("500,000").run()

    button(mine, "Reload their version").click().run()

    assert not mine.warning
    assert mine.text_input(key="goals_deal_size").value == "2,000,000"
    mine.text_input(key="goals_deal_size").set_value("3,000,000").run()
    assert store().get(saved.id).version == 3, "saving works again once reloaded"


def test_a_link_to_a_missing_plan_says_so_and_shows_the_example():
    at = open_link("doesnotexist")

    assert told(at, "No saved plan has the id 'doesnotexist'")
    assert at.sidebar.text_input(key="sidebar_name").value == example_plan().name


def test_plans_page_duplicates_renames_deletes_and_undoes():
    saved = store().create(example_plan())
    at = open_link(saved.id, "pages/plans.py")

    at.button(key=f"plans_copy_{saved.id}").click().run()

    copy_id = at.query_params["plan"]
    assert told(at, "You are now editing the scenario")
    assert {p.name for p in store().list_plans()} == {
        example_plan().name,
        f"{example_plan().name} (scenario 2)",
    }

    at.text_input(key=f"plans_new_name_{saved.id}").set_value("Baseline")
    at.button(key=f"plans_rename_{saved.id}").click().run()
    assert store().get(saved.id).plan.name == "Baseline"

    at.button(key=f"plans_delete_{copy_id}").click().run()

    assert [p.id for p in store().list_plans()] == [saved.id]
    assert "Deleted “Worked example: inbound plan (scenario 2)”." in shown(at.warning[0].value)
    assert at.sidebar.text_input(key="sidebar_name").value == example_plan().name
    assert "plan" not in at.query_params or not at.query_params["plan"]

    at.button(key=f"plans_undo_{copy_id}").click().run()

    assert len(store().list_plans()) == 2
    assert not at.warning


def test_history_restores_an_old_version():
    saved = store().create(example_plan())
    store().save(saved.id, replace(example_plan(), fiscal_year=2030), based_on=1)
    at = open_link(saved.id, "pages/plans.py")
    assert at.sidebar.number_input(key="sidebar_fiscal_year").value == 2030

    at.button(key="plans_restore_1").click().run()

    assert at.sidebar.number_input(key="sidebar_fiscal_year").value == 2027
    assert store().get(saved.id).version == 3
    assert told(at, "Version 1 is the current plan again")


def test_new_plans_and_the_comparison_highlight_what_differs():
    saved = store().create(example_plan())
    bigger = replace(
        example_plan(), name="Bigger deals", goals=replace(example_plan().goals, avg_deal_size=2_200_000)
    )
    store().create(bigger)
    at = open_link(saved.id, "pages/plans.py")

    table = at.dataframe[0].value

    assert list(table["measure"][table["differs"]])[:3] == [
        "Average first-year deal size",
        "New customers needed",
        "Customers marketing must source",
    ]
    assert "9 of 19 measures differ" in next(c.value for c in at.caption if "measures differ" in shown(c.value))

    at.button(key="plans_new_blank").click().run()

    assert at.sidebar.text_input(key="sidebar_name").value == "New plan"
    assert len(store().list_plans()) == 3


def test_the_sample_company_tells_one_story_a_funnel_partly_off_track(app):
    at = app("pages/plans.py")
    at.button(key="plans_new_sample").click().run()
    at.switch_page("pages/review.py").run()
    assert [shown(s.value).split(":")[0] for s in at.success] == ["Channel table", "CRM export"]

    at.button(key="review_apply").click().run()
    at.switch_page("pages/funnel.py").run()

    assert not at.exception
    off, of = metric(at, "Stages off track").split(" of ")
    assert 1 <= int(off) < int(of), "some stages short of the plan, not all"
    at.switch_page("pages/abm.py").run()
    assert "3 of 3 files loaded" in shown(at.expander[0].label)


def test_the_one_budget_reads_the_same_on_the_funnel_the_review_and_the_roadmap(app):
    from planner.io.store import PlanStore
    from planner.spend import budget_picture
    from tests.app.test_roadmap_page import open_tab

    at = app("pages/plans.py")
    at.button(key="plans_new_sample").click().run()
    said = budget_picture(PlanStore().get(at.query_params["plan"]).plan).statements
    spend, funnel_cost = said[0], said[1]
    assert spend.startswith("Last year's channels spent $1.4M") and "this year's budget is $1.7M" in spend

    at.switch_page("pages/funnel.py").run()
    assert funnel_cost in [shown(c.value) for c in at.caption]
    at.switch_page("pages/review.py").run()
    assert spend in [shown(c.value) for c in at.caption]
    at.switch_page("pages/roadmap.py").run()
    open_tab(at, "Budget")
    assert all(statement in shown(at.info[0].value) for statement in said)


def test_quick_changes_are_one_entry_of_the_history_in_the_users_words(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_deal_size").set_value("2,000,000").run()  # saves the example as a new plan
    for target in (11_000_000, 12_000_000, 13_000_000):
        at.text_input(key="goals_revenue_target").set_value(f"{target:,}").run()
    plan_id = at.query_params["plan"]

    at.switch_page("pages/plans.py").run()

    assert store().get(plan_id).version == 4, "every change is saved as a version"
    assert [(v.version, v.note) for v in store().versions(plan_id)] == [
        (4, "Revenue goal $10.0M → $13.0M"),
        (1, "created"),
    ]
    said = [shown(m.value) for m in at.markdown]
    assert "Revenue goal $10.0M → $13.0M" in said and "Created" in said
    assert any("less than 60 seconds apart are one entry" in shown(c.value) for c in at.caption)
