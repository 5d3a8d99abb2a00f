"""The names marketers' exports use: canonical columns, the headers that mean them, stages and journey stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["count", "money", "text", "month", "date", "flag", "score"]


@dataclass(frozen=True)
class Column:
    """A canonical column: what we call it, the headers that mean it, and whether a file must have it."""

    name: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    kind: ColumnKind = "count"
    blank: str = ""  # what an empty required text cell lacks ("channel name"); the label by default


def columns_by_name(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


CHANNEL_COLUMNS = columns_by_name(
    Column("channel", "Channel", ("channel", "channels", "channel name", "source", "original source",
           "traffic source", "medium", "source medium", "default channel group",
           "session default channel group", "marketing channel"), True, "text", blank="channel name"),
    Column("month", "Month", ("month", "period", "date", "year month", "month of year"), kind="month"),
    Column("spend", "Spend", ("spend", "cost", "costs", "amount spent", "ad spend", "marketing spend",
           "investment", "budget spent", "media spend"), True, "money"),
    Column("sessions", "Sessions", ("sessions", "visits", "website visits", "site visits", "web sessions",
           "traffic")),
    Column("leads", "Leads", ("leads", "new leads", "contacts", "new contacts", "lead count"), True),
    Column("mqls", "MQLs", ("mqls", "mql", "marketing qualified leads", "marketing qualified lead")),
    Column("sqls", "SQLs", ("sqls", "sql", "sales qualified leads", "sales qualified lead")),
    Column("opportunities", "Opportunities", ("opportunities", "opportunity", "opps", "deals created",
           "new deals", "pipeline deals")),
    Column("customers", "Customers", ("customers", "new customers", "deals won", "won deals", "closed won",
           "closed won deals", "wins"), True),
    Column("revenue", "Revenue", ("revenue", "closed won revenue", "won revenue", "new revenue",
           "revenue won", "attributed revenue", "first year revenue"), True, "money"),
    Column("demo_requests", "Demo requests", ("demo requests", "demo request", "demos requested")),
    Column("quote_requests", "Quote requests", ("quote requests", "quote request", "rfqs", "rfq",
           "rfps", "rfp")),
    Column("consultations", "Consultation requests", ("consultations", "consultation requests",
           "free consultations")),
    Column("assessments", "Assessment requests", ("assessments", "assessment requests",
           "free assessments")),
    Column("meeting_requests", "Meeting requests", ("meeting requests", "meetings requested",
           "meetings booked")),
)  # fmt: skip
STAGE_COLUMNS = ("sessions", "leads", "mqls", "sqls", "opportunities", "customers")
BOFU_COLUMNS = ("demo_requests", "quote_requests", "consultations", "assessments", "meeting_requests")

CRM_COLUMNS = columns_by_name(
    Column("source", "Original Source", ("original source", "original source type", "source",
           "lead source", "original traffic source", "channel"), True, "text"),
    Column("lifecycle_stage", "Lifecycle Stage", ("lifecycle stage", "lifecyclestage", "stage"),
           kind="text"),
    Column("create_date", "Create Date", ("create date", "created date", "created at", "createdate"),
           kind="date"),
    Column("lead_date", "Became a Lead Date", ("became a lead date", "lead date", "became lead date"),
           True, "date"),
    Column("mql_date", "Became a Marketing Qualified Lead Date", (
        "became a marketing qualified lead date", "mql date", "became an mql date"), kind="date"),
    Column("sql_date", "Became a Sales Qualified Lead Date", (
        "became a sales qualified lead date", "sql date", "became an sql date"), kind="date"),
    Column("opportunity_date", "Became an Opportunity Date", (
        "became an opportunity date", "opportunity date", "became a opportunity date"), kind="date"),
    Column("customer_date", "Became a Customer Date", ("became a customer date", "customer date",
           "closed won date", "close date"), True, "date"),
    Column("amount", "Deal amount", ("amount", "deal amount", "total revenue", "recent deal amount",
           "first deal amount", "revenue"), kind="money"),
)  # fmt: skip
COLUMN_LABELS = {c.name: c.label for c in (*CHANNEL_COLUMNS.values(), *CRM_COLUMNS.values())}



ACCOUNT_COLUMNS = columns_by_name(
    Column("account", "Account", ("account", "account name", "company", "company name", "organisation",
           "organization", "account id"), True, "text", blank="account name"),
    Column("tier", "Tier", ("tier", "account tier", "abm tier", "priority", "segment"), kind="text"),
    Column("owner", "Owner", ("owner", "account owner", "sales owner", "rep", "sales rep", "am",
           "account manager", "owner name"), kind="text"),
    Column("month", "Month", ("month", "period", "date", "year month"), True, "month"),
    Column("emails_delivered", "Emails delivered", ("emails delivered", "delivered", "emails sent",
           "delivered emails", "email delivered")),
    Column("emails_opened", "Unique opens", ("unique opens", "emails opened", "opened", "opens",
           "unique email opens", "email opens")),
    Column("emails_clicked", "Unique clicks", ("unique clicks", "emails clicked", "clicked", "clicks",
           "unique email clicks", "email clicks")),
    Column("content_views", "Content views", ("content views", "views", "page views", "asset views",
           "content downloads", "downloads")),
    Column("engaged_minutes", "Engaged minutes", ("engaged minutes", "minutes", "time engaged",
           "engagement minutes", "time on content", "minutes engaged")),
    Column("form_fills", "Form fills", ("form fills", "form submissions", "forms", "form fill",
           "submissions")),
    Column("leads", "New contacts", ("new contacts", "leads", "new leads", "contacts created",
           "lead count")),
    Column("calls_scheduled", "Calls scheduled", ("calls scheduled", "calls", "meetings scheduled",
           "meetings booked", "discovery calls")),
    Column("demos_scheduled", "Demos scheduled", ("demos scheduled", "demos", "demo requests",
           "demos booked")),
    Column("opportunities", "Opportunities opened", ("opportunities opened", "opportunities",
           "new opportunities", "opps", "deals created")),
    Column("deals_won", "Deals won", ("deals won", "won deals", "closed won", "wins", "deals closed")),
    Column("won_revenue", "Won revenue", ("won revenue", "revenue", "closed won revenue",
           "revenue won", "new revenue"), kind="money"),
    Column("customer_at_start", "Customer at start", ("customer at start", "customer at period start",
           "customer start", "was customer", "customer at month start"), kind="flag"),
    Column("customer_at_end", "Customer at end", ("customer at end", "customer at period end",
           "customer end", "is customer", "customer at month end"), kind="flag"),
)  # fmt: skip
ACCOUNT_NUMBERS = tuple(c for c, col in ACCOUNT_COLUMNS.items() if col.kind in ("count", "money"))

CTA_COLUMNS = columns_by_name(
    Column("account", "Account", ACCOUNT_COLUMNS["account"].synonyms, True, "text", blank="account name"),
    Column("month", "Month", ("month", "period", "date", "year month"), kind="month"),
    Column("cta", "CTA name", ("cta", "cta name", "call to action", "call to action name", "offer",
           "cta title"), True, "text", blank="CTA name"),
    Column("stage", "Journey stage", ("journey stage", "stage", "funnel stage", "buyer stage",
           "lifecycle stage"), True, "text", blank="journey stage"),
    Column("impressions", "Impressions", ("impressions", "views", "cta views", "seen"), True),
    Column("clicks", "Clicks", ("clicks", "cta clicks", "clicked"), True),
    Column("conversions", "Conversions", ("conversions", "converted", "submissions", "form fills",
           "cta conversions"), True),
    Column("promotion", "Promotion", ("promotion", "promo", "is promotion", "special offer", "offer type"),
           kind="flag"),
)  # fmt: skip

NPS_COLUMNS = columns_by_name(
    Column("account", "Account", ACCOUNT_COLUMNS["account"].synonyms, True, "text", blank="account name"),
    Column("date", "Date", ("date", "response date", "submitted", "submitted at", "survey date",
           "answered", "created at"), True, "date"),
    Column("score", "Score", ("score", "nps score", "nps", "rating", "how likely are you to recommend us",
           "likelihood to recommend", "answer"), True, "score"),
)  # fmt: skip

# The account journey, in order; CTA files may name a stage by any of these words.
JOURNEY_STAGES = ("Aware", "Engaged", "Qualified", "Opportunity", "Customer")
STAGE_WORDS = {
    "Aware": ("aware", "awareness", "attract", "top of funnel", "tofu", "unaware"),
    "Engaged": ("engaged", "engagement", "engage", "consideration", "interest", "nurture", "mofu"),
    "Qualified": ("qualified", "qualification", "mql", "sql", "intent", "evaluation"),
    "Opportunity": ("opportunity", "opportunities", "decision", "proposal", "bofu", "purchase"),
    "Customer": ("customer", "customers", "retention", "expansion", "delight", "advocacy", "renewal"),
}
STAGE_BY_WORD = {word: stage for stage, words in STAGE_WORDS.items() for word in words}
