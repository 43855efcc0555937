"""Forms of the report pages: a member's part, the rows it lists, the lead's summary and staff's review.

They check the shape of what is posted and parse numbers leniently ("1 200,50"
is 1200.50). The rules (counts that add up, dates inside the implementation
period, spending only against an approved line, the receipt's kind) belong to
`implementation.reports`, which refuses with words the page shows at the form.
A number that does not parse is reported beside its field and never saved:
the part keeps its saved value, the page keeps what was typed.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from ecodialogue.grants.application_forms import parse_decimal

from .models import AuthorityDecision, Output, PilotReport, ReportComment
from .reports import PartData

# The standard indicators of the call, counted over the period.
COUNT_FIELDS = ("participants", "women", "youth", "events_held", "materials_produced", "infrastructure_installed")
# ISO first (what a date input posts), then the way dates are written by hand in Kazakhstan.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
# The sections of a member's part staff comment on, in the order the page shows them.
PART_SECTIONS = (
    ReportComment.Section.NARRATIVE,
    ReportComment.Section.ACTIVITIES,
    ReportComment.Section.INDICATORS,
    ReportComment.Section.EXPENDITURE,
    ReportComment.Section.OUTPUTS,
    ReportComment.Section.DECISIONS,
)
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_count(text: str) -> int | None:
    """ "1 200" → 1200; "" → None; raises ValueError on anything that is not a whole number of zero or more."""
    cleaned = _SPACES.sub("", text or "")
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 9:
        raise ValueError(text)
    return int(cleaned)


def parse_rate(text: str) -> Decimal | None:
    """An exchange rate with up to four decimals: "512,35" → Decimal("512.3500")."""
    cleaned = _SPACES.sub("", text or "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or abs(value) >= Decimal("1e8"):
        raise ValueError(text)
    return value.quantize(Decimal("0.0001"))


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _number_input(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", **attrs})


class PartForm(forms.Form):
    """A member's part: the narrative, the standard indicators, the plan's own indicators, "complete"."""

    narrative = forms.CharField(required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    infrastructure_note = forms.CharField(required=False, max_length=500)
    ready = forms.BooleanField(required=False)

    def __init__(self, *args, part: PilotReport, **kwargs):
        super().__init__(*args, **kwargs)
        self.part = part
        for name in COUNT_FIELDS:
            # Text, not a number input: what was typed comes back as typed, even "12 человек".
            self.fields[name] = forms.CharField(
                required=False, max_length=40, widget=_number_input(inputmode="numeric", size=8)
            )
        for name in ("narrative", *COUNT_FIELDS, "infrastructure_note", "ready"):
            self.fields[name].label = PilotReport._meta.get_field(name).verbose_name.capitalize()
        self.fields["narrative"].help_text = _("What was done, with whom, and what came of it.")
        self.fields["youth"].help_text = _("Women and young people are counted among all the people involved.")
        self.fields["ready"].help_text = _("The lead NGO submits the report once every part is complete.")
        # The plan's own indicators, each with its target beside it.
        self.indicators = list(part.plan.indicators.all())
        for indicator in self.indicators:
            self.fields[self.indicator_field(indicator)] = forms.CharField(
                label=indicator.name, required=False, max_length=40, widget=_number_input(size=10)
            )

    @staticmethod
    def indicator_field(indicator) -> str:
        return f"indicator-{indicator.pk}"

    def indicator_rows(self) -> list[dict]:
        return [{"indicator": i, "field": self[self.indicator_field(i)]} for i in self.indicators]

    def part_data(self) -> tuple[PartData, bool]:
        """What the service saves, and whether a number did not parse (marked at its field, not saved)."""
        cleaned, part = self.cleaned_data, self.part
        unparsed = False
        counts = {}
        for name in COUNT_FIELDS:
            try:
                counts[name] = parse_count(cleaned.get(name, ""))
            except ValueError:
                self.add_error(name, _("“%(value)s” is not a whole number.") % {"value": cleaned.get(name)})
                counts[name], unparsed = getattr(part, name), True
        actuals = {}
        for indicator in self.indicators:
            name = self.indicator_field(indicator)
            try:
                actuals[indicator.pk] = parse_decimal(cleaned.get(name, ""))
            except ValueError:
                self.add_error(name, _("“%(value)s” is not a number.") % {"value": cleaned.get(name)})
                unparsed = True  # left out: the saved value stays
        data = PartData(
            narrative=cleaned.get("narrative", ""),
            infrastructure_note=cleaned.get("infrastructure_note", ""),
            actuals=actuals,
            # A part with a wrong number is not complete, whatever the box says.
            ready=bool(cleaned.get("ready")) and not unparsed,
            **counts,
        )
        return data, unparsed


def part_initial(part: PilotReport) -> dict:
    values = {name: "" if getattr(part, name) is None else str(getattr(part, name)) for name in COUNT_FIELDS}
    actuals = {a.indicator_id: a.value for a in part.indicator_actuals.all()}
    return {
        "narrative": part.narrative,
        "infrastructure_note": part.infrastructure_note,
        "ready": part.ready,
        **values,
        **{f"indicator-{pk}": str(value) for pk, value in actuals.items()},
    }


class ActivityForm(forms.Form):
    """An activity carried out: one of the plan's, or something the plan did not foresee."""

    activity = forms.TypedChoiceField(label=_("Planned activity"), required=False, coerce=int, empty_value=None)
    title = forms.CharField(
        label=_("What was done"),
        required=False,
        max_length=300,
        help_text=_("Needed for something not in the plan; for a planned activity its title is used if left empty."),
    )
    done_from = _date_field(_("From"))
    done_to = _date_field(_("Until"))
    note = forms.CharField(
        label=_("Results"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, plan, **kwargs):
        kwargs.setdefault("prefix", "act")
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("— not in the plan —"))] + [
            (a.pk, f"{a.title} ({a.starts_on:%d.%m.%Y}–{a.ends_on:%d.%m.%Y})") for a in plan.activities.all()
        ]


class ExpenditureForm(forms.Form):
    """A payment against a line of the pilot's approved budget, with its receipt."""

    KZT = "KZT"

    # A number, not a choice: a line of another budget reaches the service, which says why it is refused.
    line = forms.IntegerField(label=_("Budget line"), required=False, widget=forms.Select)
    spent_on = _date_field(_("Paid on"))
    description = forms.CharField(label=_("What was paid for"), required=False, max_length=300)
    paid_currency = forms.ChoiceField(label=_("Paid in"))
    paid_amount = forms.CharField(label=_("Amount paid"), required=False, max_length=40, widget=_number_input(size=12))
    exchange_rate = forms.CharField(
        label=_("Exchange rate"), required=False, max_length=40, widget=_number_input(size=10)
    )
    receipt = forms.FileField(
        label=_("Receipt or invoice"),
        required=False,
        help_text=_("PDF, PNG or JPEG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, plan, currency: str, **kwargs):
        kwargs.setdefault("prefix", "exp")
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["line"].widget.choices = [("", "—")] + [
            (line.pk, f"{line.category.name}: {line.item}") for line in plan.budget_lines.all()
        ]
        currencies = [(currency, currency)]
        if currency != self.KZT:
            currencies.append((self.KZT, _("KZT (tenge)")))
        self.fields["paid_currency"].choices = currencies
        self.fields["paid_currency"].initial = currency
        self.fields["exchange_rate"].help_text = _(
            "For a payment in tenge: tenge for one %(currency)s, as used for the conversion."
        ) % {"currency": currency}

    def service_values(self) -> dict | None:
        """The service's arguments; None when a number did not parse (marked at its field)."""
        cleaned = self.cleaned_data
        values = {}
        for name, parse in (("paid_amount", parse_decimal), ("exchange_rate", parse_rate)):
            try:
                values[name] = parse(cleaned.get(name, ""))
            except ValueError:
                self.add_error(name, _("“%(value)s” is not a number.") % {"value": cleaned.get(name)})
        if self.errors:
            return None
        return {
            "line_id": cleaned.get("line"),
            "spent_on": cleaned.get("spent_on"),
            "description": cleaned.get("description", ""),
            "paid_currency": cleaned.get("paid_currency") or self.currency,
            "upload": cleaned.get("receipt"),
            **values,
        }


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Output.Kind.choices)
    title = forms.CharField(label=_("Title"), required=False, max_length=300)
    file = forms.FileField(
        label=_("File"),
        help_text=_("Materials: PDF, DOCX, PNG or JPEG; photos: PNG or JPEG; up to 50 MB."),
        error_messages={"required": _("Choose the file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "out")
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    authority = forms.ChoiceField(label=_("Adopted by"), choices=AuthorityDecision.Authority.choices)
    title = forms.CharField(label=_("Decision"), required=False, max_length=500)
    number = forms.CharField(label=_("Number"), required=False, max_length=64)
    adopted_on = _date_field(_("Adopted on"))
    document = forms.FileField(
        label=_("The document"),
        required=False,
        help_text=_("PDF, PNG or JPEG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "dec")
        super().__init__(*args, **kwargs)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the consortium"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the pilot projects achieved together in the period, and what comes next."),
    )


class ReviewForm(forms.Form):
    """Staff's review: a comment box per section, then return with the comments or approve."""

    RETURN, APPROVE = "return", "approve"

    decision = forms.ChoiceField(choices=[(RETURN, RETURN), (APPROVE, APPROVE)])
    note = forms.CharField(
        label=_("Note on the approval (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = list(parts)
        self.fields["c-summary"] = self._comment_field(ReportComment.Section.SUMMARY.label)
        for part in self.parts:
            for section in PART_SECTIONS:
                self.fields[self.field_name(part, section)] = self._comment_field(section.label)

    @staticmethod
    def _comment_field(label) -> forms.CharField:
        return forms.CharField(
            label=str(label).capitalize(), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
        )

    @staticmethod
    def field_name(part, section) -> str:
        return f"c-{part.pk}-{section}"

    def summary_box(self):
        return self["c-summary"]

    def part_boxes(self) -> list[dict]:
        return [
            {"part": part, "fields": [self[self.field_name(part, section)] for section in PART_SECTIONS]}
            for part in self.parts
        ]

    def comments(self) -> list[tuple[int | None, str, str]]:
        """(part id or None for the summary, section, text) for every box written in."""
        cleaned = self.cleaned_data
        found = [(None, ReportComment.Section.SUMMARY.value, cleaned.get("c-summary", ""))]
        for part in self.parts:
            found += [(part.pk, s.value, cleaned.get(self.field_name(part, s), "")) for s in PART_SECTIONS]
        return [(part_id, section, text) for part_id, section, text in found if text.strip()]


class OutputConfirmForm(forms.Form):
    shows_statement = forms.TypedChoiceField(choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes")
