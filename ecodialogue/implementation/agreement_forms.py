"""Forms of the agreement and plan pages: drafting, terms, signature, state, payments, plan changes.

Tables grow without JavaScript: each shows its rows and two empty ones
(grants' `with_spare`), posted as <prefix>-<n>-<field>; rows left empty are
dropped. The forms check the shape of what is posted; the rules (tranches
adding up to 100 %, periods within the call's maximum, budgets within the
grant) belong to the services, which refuse with words the pages show.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from ecodialogue.grants.application_forms import parse_decimal

from .agreements import TRANSITIONS, ReportTerm
from .models import Agreement, PilotPlan, Report

MAX_ROWS = 60  # per table: an agreement has a handful of tranches and reports, a plan a dozen lines


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def first_of_next_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def parse_date(text: str) -> datetime.date | None:
    """ "2026-07-01" (a date input) or "01.07.2026" (typed) → a date; raises ValueError on anything else."""
    text = (text or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text)


def iso_or_typed(text: str) -> str:
    """A typed date as ISO when it parses (what the services read), else as typed."""
    try:
        day = parse_date(text)
    except ValueError:
        return text
    return day.isoformat() if day else ""


def plain_number(value) -> str:
    """Decimal("50.00") → "50", Decimal("12.50") → "12.5": a number as a person would type it."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def read_rows(data, prefix: str, fields: tuple[str, ...], *, significant: tuple[str, ...]) -> list[dict]:
    """The typed rows of one table, in the order of their numbers; rows with nothing in `significant` are dropped."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d{{1,4}})-")
    numbers = sorted({int(m.group(1)) for key in data for m in [pattern.match(key)] if m})[:MAX_ROWS]
    rows = []
    for number in numbers:
        row = {name: (data.get(f"{prefix}-{number}-{name}") or "").strip() for name in fields}
        if any(row[name] for name in significant):
            rows.append(row)
    return rows


# --- Drafting, signing, state, payment -------------------------------------------


class AgreementCreateForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Implementation starts on"),
        widget=date_input(),
        help_text=_("Each pilot's plan starts on this day; the terms can be changed before signing."),
    )


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=date_input())
    file = forms.FileField(
        label=_("The signed agreement (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New state"), widget=forms.RadioSelect)
    # Not required here: the service asks for the reason of a termination in its own words.
    note = forms.CharField(
        label=_("Note for the history (the reason, for a termination)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = allowed_transitions(agreement)


def allowed_transitions(agreement: Agreement) -> list[tuple[str, str]]:
    """The states staff may move the agreement to here; signing has its own form (it needs the signed copy)."""
    return [(to, Agreement.Status(to).label) for to in TRANSITIONS[agreement.status] if to != Agreement.Status.SIGNED]


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=date_input())
    amount = forms.CharField(
        label=_("Amount paid"), max_length=32, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    reference = forms.CharField(label=_("Payment reference"), max_length=120, required=False)

    def clean_amount(self) -> Decimal:
        try:
            amount = parse_decimal(self.cleaned_data["amount"])
        except ValueError as error:
            raise forms.ValidationError(_("Give the amount as a number, for example 5500 or 5 500,00.")) from error
        if amount is None:
            raise forms.ValidationError(_("Give the amount paid."))
        return amount


class PlanDecisionForm(forms.Form):
    APPROVE, REJECT, WITHDRAW = "approve", "reject", "withdraw"

    action = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REJECT, _("Do not approve")), (WITHDRAW, _("Withdraw"))]
    )
    # Required for a rejection; the service says so in its words.
    note = forms.CharField(label=_("Comment for the NGO"), required=False, max_length=4000)


# --- The terms of a draft ---------------------------------------------------------

TRANCHE_FIELDS = ("percent",)
REPORT_FIELDS = ("kind", "period_start", "period_end", "due_on")


@dataclass
class Terms:
    """The terms as typed (to show again) and as values (for the service), with what did not parse."""

    typed: dict
    amount: Decimal | None = None
    notes: str = ""
    percents: list[Decimal] = field(default_factory=list)
    reports: list[ReportTerm] = field(default_factory=list)
    periods: dict[int, tuple[datetime.date | None, datetime.date | None]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def terms_initial(agreement: Agreement) -> dict:
    """The saved terms in the shape of the form (strings)."""
    return {
        "amount": plain_number(agreement.amount),
        "notes": agreement.notes,
        "tranches": [{"percent": plain_number(t.percent)} for t in agreement.tranches.all()],
        "reports": [
            {
                "kind": r.kind,
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
                "due_on": r.due_on.isoformat(),
            }
            for r in agreement.reports.all()
        ],
        "plans": {
            p.pk: {
                "starts_on": p.starts_on.isoformat() if p.starts_on else "",
                "ends_on": p.ends_on.isoformat() if p.ends_on else "",
            }
            for p in agreement.plans.all()
        },
    }


def read_terms(data, plans: list[PilotPlan]) -> Terms:
    """Parse the posted terms; every value that does not parse is a problem in words."""
    typed = {
        "amount": (data.get("amount") or "").strip(),
        "notes": (data.get("notes") or "").strip(),
        "tranches": read_rows(data, "tr", TRANCHE_FIELDS, significant=TRANCHE_FIELDS),
        "reports": read_rows(data, "rep", REPORT_FIELDS, significant=REPORT_FIELDS[1:]),
        "plans": {
            plan.pk: {name: (data.get(f"plan-{plan.pk}-{name}") or "").strip() for name in ("starts_on", "ends_on")}
            for plan in plans
        },
    }
    terms = Terms(typed=typed, notes=typed["notes"][:4000])
    try:
        terms.amount = parse_decimal(typed["amount"])
        if terms.amount is None:
            terms.problems.append(_("Give the grant amount."))
    except ValueError:
        terms.problems.append(_("The grant amount “%(value)s” is not a number.") % {"value": typed["amount"]})
    for number, row in enumerate(typed["tranches"], start=1):
        try:
            terms.percents.append(parse_decimal(row["percent"]))
        except ValueError:
            terms.problems.append(
                _("Tranche %(number)d: “%(value)s” is not a number.") % {"number": number, "value": row["percent"]}
            )
    for number, row in enumerate(typed["reports"], start=1):
        if row["kind"] not in Report.Kind.values:
            terms.problems.append(_("Report %(number)d: choose interim or final.") % {"number": number})
            continue
        try:
            dates = [parse_date(row[name]) for name in REPORT_FIELDS[1:]]
        except ValueError:
            dates = [None]
        if None in dates:
            terms.problems.append(
                _("Report %(number)d: give the period's first and last day and the due date.") % {"number": number}
            )
            continue
        terms.reports.append(ReportTerm(row["kind"], *dates))
    for plan in plans:
        row = typed["plans"][plan.pk]
        try:
            # An empty date goes to the service, whose rule names what is missing.
            terms.periods[plan.pk] = (parse_date(row["starts_on"]), parse_date(row["ends_on"]))
        except ValueError:
            terms.problems.append(_("«%(pilot)s»: a date is not a date.") % {"pilot": plan.title})
    return terms


# --- A proposed change of a plan -------------------------------------------------

PROPOSAL_TABLES = {
    # prefix → (the key in plans.plan_data, fields, the fields that make a row count)
    "act": ("activities", ("id", "title", "starts_on", "ends_on"), ("title", "starts_on", "ends_on")),
    "ind": ("indicators", ("id", "name", "unit", "target"), ("name", "unit", "target")),
    "line": (
        "budget_lines",
        ("id", "category_id", "item", "unit", "quantity", "unit_cost"),
        ("item", "unit", "quantity", "unit_cost"),
    ),
}
PROPOSAL_DATES = {"act": ("starts_on", "ends_on")}


def proposal_initial(data: dict) -> dict:
    """plans.plan_data in the shape of the form: every value a string."""
    typed = {name: data.get(name) or "" for name in ("title", "summary", "starts_on", "ends_on")}
    for prefix, (key, fields, _significant) in PROPOSAL_TABLES.items():
        typed[prefix] = [
            {name: "" if row.get(name) is None else str(row[name]) for name in fields} for row in data[key]
        ]
    for row in typed["ind"]:
        row["target"] = plain_number(row["target"]) if row["target"] else ""
    for row in typed["line"]:
        row["quantity"] = plain_number(row["quantity"]) if row["quantity"] else ""
        row["unit_cost"] = plain_number(row["unit_cost"]) if row["unit_cost"] else ""
    return typed


def read_proposal(data) -> tuple[dict, dict]:
    """The posted plan as typed (to show again) and as the service reads it (plans.normalise_proposal's input).

    A row whose texts and numbers are all cleared is removed from the plan;
    values that do not parse reach the service as they are, and its rules
    name them (a date that is not one is a missing date).
    """
    typed = {name: (data.get(name) or "").strip() for name in ("title", "summary", "starts_on", "ends_on")}
    proposal = {
        "title": typed["title"],
        "summary": typed["summary"],
        "starts_on": iso_or_typed(typed["starts_on"]),
        "ends_on": iso_or_typed(typed["ends_on"]),
    }
    for prefix, (key, fields, significant) in PROPOSAL_TABLES.items():
        rows = read_rows(data, prefix, fields, significant=significant)
        typed[prefix] = rows
        proposal[key] = [
            {
                name: iso_or_typed(value) if name in PROPOSAL_DATES.get(prefix, ()) else value
                for name, value in row.items()
            }
            for row in rows
        ]
    return typed, proposal
