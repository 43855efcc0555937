"""The demo's implementation story as seed_demo builds it: five agreements, half-way through on 1 December 2026."""

import datetime
import os
from collections import Counter
from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command

from ecodialogue.core.models import ActivityEntry
from ecodialogue.grants.models import Call
from ecodialogue.implementation import models as implementation
from ecodialogue.implementation.models import (
    Agreement,
    AuthorityDecision,
    Expenditure,
    Output,
    Payment,
    PlanChange,
    ReminderSent,
    Report,
    ReportComment,
)
from ecodialogue.implementation.rules import latest_end, money

# The story's "today": every fact below is fixed to dates before it, whenever the demo is built.
TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def private_files(tmp_path, monkeypatch):
    """The implementation's uploads go to a temporary folder, as the root conftest does for the other apps."""
    storage = FileSystemStorage(location=tmp_path / "implementation")
    for model, field in (
        (Agreement, "signed_file"),
        (AuthorityDecision, "document"),
        (Expenditure, "receipt"),
        (Output, "file"),
    ):
        monkeypatch.setattr(model._meta.get_field(field), "storage", storage)


def seed_demo() -> None:
    with open(os.devnull, "w") as out:
        call_command("seed_demo", stdout=out)


def counts() -> dict[str, int]:
    rows = {name: getattr(implementation, name).objects.count() for name in implementation.__all__}
    return rows | {"activity log": ActivityEntry.objects.count()}


@pytest.mark.django_db
def test_the_seed_calls_consortia_are_half_way_through_their_pilots(private_files):
    seed_demo()
    call = Call.objects.get(code="ecodialogue-2026")
    assert call.reallocation_threshold_percent == 10
    assert "Еуропалық Одақтың қаржылық қолдауымен" in call.funding_statement_kk
    assert "финансовой поддержке Европейского союза" in call.funding_statement_ru

    # Five agreements, signed in mid-July with the copy uploaded; implementation from 1 August for at most 7 months.
    agreements = list(Agreement.objects.filter(call=call).prefetch_related("plans__settlement"))
    assert len(agreements) == 5
    for agreement in agreements:
        assert agreement.status in (Agreement.Status.SIGNED, Agreement.Status.ACTIVE)
        assert datetime.date(2026, 7, 10) <= agreement.signed_on <= datetime.date(2026, 7, 15)
        assert agreement.signed_file_sha256 and agreement.amount == agreement.award.amount
        assert agreement.starts_on == datetime.date(2026, 8, 1)
        assert agreement.ends_on <= latest_end(agreement.starts_on, call.pilot_max_months)
        for plan in agreement.plans.all():
            assert plan.ends_on <= datetime.date(2027, 2, 28)
            assert plan.settlement.latitude and plan.settlement.longitude  # on the map
    # Approving the first report put three of them into implementation.
    assert Counter(a.status for a in agreements) == {"active": 3, "signed": 2}

    # The first tranche (50 %) paid for all in July or August; the second for two of the three approved.
    payments = Payment.objects.filter(tranche__agreement__call=call).select_related("tranche")
    first = [p for p in payments if p.tranche.position == 1]
    assert len(first) == 5
    assert all(p.amount == money(p.tranche.agreement.amount / 2) for p in first)
    assert all(datetime.date(2026, 7, 1) <= p.paid_on <= datetime.date(2026, 8, 31) for p in first)
    assert sorted(p.tranche.position for p in payments) == [1, 1, 1, 1, 1, 2, 2]

    interim = Report.objects.filter(agreement__call=call, sequence=1)
    assert all(r.kind == "interim" and r.due_on == datetime.date(2026, 11, 10) < TODAY for r in interim)
    assert Counter(interim.values_list("status", flat=True)) == {"approved": 3, "returned": 1, "draft": 1}

    # Approved: frozen with their hash; one of them waits for its tranche.
    approved = interim.filter(status="approved")
    assert all(r.sha256 and r.snapshot["parts"] and r.decided_at.date() < TODAY for r in approved)
    assert approved.filter(tranche__payment__isnull=True).count() == 1

    # Returned with comments per section, in Russian; the lead has fixed a receipt but not re-submitted.
    returned = interim.get(status="returned")
    comments = ReportComment.objects.filter(report=returned)
    assert returned.round == 2 and set(comments.values_list("round", flat=True)) == {1}
    assert {"expenditure", "outputs", "indicators", "summary"} <= set(comments.values_list("section", flat=True))
    assert comments.filter(section="summary", part=None).exists()
    assert comments.filter(text__contains="Приложите чеки по закупке контейнеров").exists()
    assert not returned.parts.filter(ready=True, comments__isnull=False).exists()

    # Overdue: the due date has passed, parts partly filled, nothing complete, reminded weekly.
    overdue = interim.get(status="draft")
    assert overdue.submitted_at is None and overdue.due_on < TODAY
    assert overdue.parts.exclude(narrative="").exists() and overdue.parts.filter(narrative="").exists()
    assert not overdue.parts.filter(ready=True).exists()
    assert ReminderSent.objects.filter(report=overdue, kind="overdue").count() >= 2

    # Materials: the EU statement found in the PDFs and the DOCX, missing from the one booklet; photos for staff.
    outputs = Output.objects.filter(part__report__agreement__call=call)
    materials = outputs.filter(kind="material")
    missing = materials.get(visibility="missing")
    assert "Сортируй во дворе" in missing.title and missing.part.report == returned
    assert materials.filter(visibility="found").count() == materials.count() - 1 >= 8
    assert materials.filter(visibility="found", file_type="docx").exists()
    assert {"kk", "ru"} <= {
        "kk" if "Одақтың" in phrase else "ru"
        for phrase in materials.values_list("visibility_phrase", flat=True)
        if phrase
    }
    assert set(outputs.filter(kind="photo").values_list("visibility", flat=True)) == {"manual", "confirmed"}

    # Spending per line, in euros or in tenge at a plausible autumn-2026 rate, each with its receipt.
    spent = Expenditure.objects.filter(part__report__agreement__call=call)
    assert spent.filter(paid_currency="EUR").exists()
    in_tenge = spent.filter(paid_currency="KZT")
    assert in_tenge.count() > spent.count() / 2
    for row in in_tenge:
        assert Decimal("510") <= row.exchange_rate <= Decimal("530")
        assert row.amount == money(row.paid_amount / row.exchange_rate)
    assert all(row.receipt_sha256 and row.line.plan_id == row.part.plan_id for row in spent)

    # A reallocation between categories, approved by staff before the money was spent.
    change = PlanChange.objects.get(plan__agreement__call=call)
    assert change.status == "approved" and change.reallocation
    assert change.plan.version == 2
    decisions = AuthorityDecision.objects.filter(part__report__agreement__call=call)
    assert set(decisions.values_list("authority", flat=True)) == {"akimat", "maslikhat"}

    # A second run creates nothing new.
    before = counts()
    seed_demo()
    assert counts() == before
