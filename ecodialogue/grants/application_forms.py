"""Forms of the application: the lead form (Annex 2), a pilot project (Annex 3), document uploads.

A draft accepts what is half-typed: a number that does not parse is reported
beside its field and saved as empty, while the page (and the browser's copy
of the form) keeps what was typed. The checklist says what is still missing.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ecodialogue.organizations.forms import SettlementField
from ecodialogue.organizations.models import Theme

from .application_rules import LEAD_FIELDS, PILOT_TEXT_FIELDS
from .applications import PilotData
from .models import Application, Pilot

MAX_ROWS = 60  # per table; a pilot project of the seed call has a dozen lines at most

# The rows of a pilot's tables: prefix → (fields, numeric fields as "int" or "decimal").
TABLES = {
    "ind": (("name", "unit", "target"), {"target": "decimal"}),
    "act": (("title", "start_month", "end_month"), {"start_month": "int", "end_month": "int"}),
    "line": (("category", "item", "unit", "quantity", "unit_cost"), {"quantity": "decimal", "unit_cost": "decimal"}),
}


def parse_decimal(text: str) -> Decimal | None:
    """ "1 200,50" or "1200.50" → Decimal("1200.50"); raises ValueError on anything else."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


def parse_int(text: str) -> int | None:
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not cleaned:
        return None
    if not cleaned.isdigit() or len(cleaned) > 4:
        raise ValueError(text)
    return int(cleaned)


def read_rows(data, prefix: str) -> tuple[list[dict], list[dict], list[str]]:
    """The rows of one table as typed (raw strings) and as values; and the problems found, in words.

    Rows are numbered by the form (prefix-<n>-field); fully empty rows are
    dropped, the rest keep the order of their numbers.
    """
    fields, numeric = TABLES[prefix]
    pattern = re.compile(rf"^{prefix}-(\d+)-")
    indexes = sorted({int(m.group(1)) for key in data for m in [pattern.match(key)] if m})[:MAX_ROWS]
    raw_rows, rows, problems = [], [], []
    for index in indexes:
        raw = {name: (data.get(f"{prefix}-{index}-{name}") or "").strip() for name in fields}
        if not any(raw.values()):
            continue
        row = dict(raw)
        for name, kind in numeric.items():
            try:
                row[name] = parse_decimal(raw[name]) if kind == "decimal" else parse_int(raw[name])
            except ValueError:
                row[name] = None
                problems.append(
                    _("Row %(row)d: “%(value)s” is not a number.") % {"row": len(rows) + 1, "value": raw[name]}
                )
        raw_rows.append(raw)
        rows.append(row)
    return raw_rows, rows, problems


class StartApplicationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the application"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names[code]) for code in call.application_languages or ()]


class LeadForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": "form-version"}))
    language = forms.ChoiceField(label=_("Language of the application"))

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(c, names[c]) for c in application.call.application_languages or ()]
        helps = {
            "summary": _("Who the members are, what they do together and why."),
            "coherence": _("How the pilot projects complement each other and serve the call's purpose."),
            "coordination": _("How the lead NGO coordinates the pilot projects and consolidates the reports."),
            "team_experience": _("The key people and the consortium's experience with similar work."),
            "sustainability": _("What remains after the grant: how the results continue."),
        }
        for name in LEAD_FIELDS:
            self.fields[name] = forms.CharField(
                label=Application._meta.get_field(name).verbose_name.capitalize(),
                help_text=helps[name],
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in (*LEAD_FIELDS, "language")}


class PilotForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": "form-version"}))
    title = forms.CharField(label=_("Title of the pilot project"), required=False, max_length=300)
    settlement = SettlementField(label=_("Settlement"), required=False)
    problem = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    goals = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expected_results = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    target_groups = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    participants = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    women = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    youth = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    cooperation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    team = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    risks = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    sustainability = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    eu_declaration = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in ("version", "settlement", "themes", "title"):
                continue
            field.label = Pilot._meta.get_field(name).verbose_name.capitalize()
        self.fields["problem"].help_text = _("What is wrong, for whom, and why it matters to the settlement.")
        self.fields["cooperation"].help_text = _(
            "What the akimat or maslikhat does with you: meetings, decisions, support."
        )
        self.fields["youth"].help_text = _("Women and young people are counted among all the people involved.")

    def pilot_data(self, data) -> tuple[PilotData, dict, list[str]]:
        """What the service saves, the tables as typed (to show again), and the problems in the tables."""
        cleaned = self.cleaned_data
        tables, problems, values = {}, [], {}
        for prefix in TABLES:
            raw, rows, found = read_rows(data, prefix)
            tables[prefix] = raw
            values[prefix] = rows
            problems += found
        settlement = cleaned.get("settlement")
        pilot = PilotData(
            **{name: cleaned.get(name) or "" for name in PILOT_TEXT_FIELDS},
            settlement=settlement.code if settlement else None,
            participants=cleaned.get("participants"),
            women=cleaned.get("women"),
            youth=cleaned.get("youth"),
            eu_declaration=bool(cleaned.get("eu_declaration")),
            themes=[t.pk for t in cleaned.get("themes") or []],
            indicators=values["ind"],
            activities=values["act"],
            budget_lines=values["line"],
        )
        return pilot, tables, problems


def pilot_initial(pilot: Pilot) -> dict:
    return {
        "version": pilot.version,
        **{
            name: getattr(pilot, name)
            for name in (*PILOT_TEXT_FIELDS, "participants", "women", "youth", "eu_declaration")
        },
        "settlement": pilot.settlement_id or "",
        "themes": [t.pk for t in pilot.themes.all()],
    }


def _plain(value) -> str:
    return "" if value is None else str(value)


def pilot_tables(pilot: Pilot) -> dict:
    """The saved rows as the form shows them (strings)."""
    return {
        "ind": [{"name": i.name, "unit": i.unit, "target": _plain(i.target)} for i in pilot.indicators.all()],
        "act": [
            {"title": a.title, "start_month": _plain(a.start_month), "end_month": _plain(a.end_month)}
            for a in pilot.activities.all()
        ],
        "line": [
            {
                "category": line.category.code if line.category_id else "",
                "item": line.item,
                "unit": line.unit,
                "quantity": _plain(line.quantity),
                "unit_cost": _plain(line.unit_cost),
                "total": _plain(line.total) if line.quantity is not None and line.unit_cost is not None else "",
            }
            for line in pilot.budget_lines.all()
        ],
    }


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
