"""A grant's story after the decision: the awarded consortium, its agreement drafted and signed."""

# The application's fixtures are imported to be reused here; pytest injects them by name (F811 is that).
# ruff: noqa: F811

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ecodialogue.grants import applications
from ecodialogue.grants.models import Award, Call, Decision
from ecodialogue.implementation import agreements

from ..grants.conftest import (  # noqa: F401
    application,
    complete_application,
    consortium,
    lead_colleague,
    lead_head,
    lead_ngo,
    network_call,
    partner_head,
    partner_ngo,
    pdf_upload,
)

STATEMENT = {
    "funding_statement_kk": "Еуропалық Одақтың қаржылық қолдауымен",
    "funding_statement_ru": "при финансовой поддержке Европейского союза",
    "funding_statement_en": "with the financial support of the European Union",
}


@pytest.fixture
def awarded(complete_application, lead_head, network_call, call_staff):
    """The application submitted, selected and the results published: an award of 11,000 EUR."""
    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.DECIDED, **STATEMENT)
    decision = Decision.objects.create(
        call=network_call,
        decided_on=timezone.localdate(),
        members_present="Комиссия",
        total_awarded=Decimal("11000"),
        published_at=timezone.now(),
    )
    return Award.objects.create(decision=decision, application=complete_application, amount=Decimal("11000"), rank=1)


@pytest.fixture
def starts_on():
    """Implementation started a month ago."""
    return timezone.localdate() - datetime.timedelta(days=30)


@pytest.fixture
def agreement(awarded, call_staff, starts_on):
    return agreements.agreement_create(award=awarded, actor=call_staff, starts_on=starts_on)


@pytest.fixture
def signed(agreement, call_staff):
    return agreements.agreement_sign(
        agreement=agreement, actor=call_staff, signed_on=timezone.localdate(), upload=pdf_upload("agreement.pdf")
    )


@pytest.fixture
def interim(signed):
    return signed.reports.get(sequence=1)


def part_of(report, organization):
    return report.parts.filter(plan__organization=organization).order_by("plan__position").first()
