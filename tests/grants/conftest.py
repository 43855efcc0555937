"""An application's story: a lead NGO and a partner in an open call, their four pilots and documents."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ecodialogue.grants import applications, consortia
from ecodialogue.grants.applications import PilotData
from ecodialogue.grants.models import Call
from ecodialogue.organizations.models import Membership

from ..factories import MembershipFactory, OrganizationFactory, UserFactory
from ..organizations.pdfs import minimal_pdf


def pdf_upload(name: str = "document.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(), content_type="application/pdf")


@pytest.fixture
def network_call(open_call):
    Call.objects.filter(pk=open_call.pk).update(network_members_only=True)
    open_call.refresh_from_db()
    return open_call


@pytest.fixture
def lead_head(db):
    return UserFactory(full_name="Гүлнар Сейітова", email="lead@example.kz", preferred_language="kk")


@pytest.fixture
def lead_colleague(db):
    return UserFactory(full_name="Асқар Бекұлы", email="lead-colleague@example.kz", preferred_language="kk")


@pytest.fixture
def partner_head(db):
    return UserFactory(full_name="Ольга Ким", email="partner@example.kz", preferred_language="ru")


@pytest.fixture
def lead_ngo(lead_head, lead_colleague, atbasar):
    organization = OrganizationFactory(network=True, verified=True, settlement=atbasar)
    MembershipFactory(organization=organization, user=lead_head, role=Membership.Role.HEAD)
    MembershipFactory(organization=organization, user=lead_colleague, role=Membership.Role.MEMBER)
    return organization


@pytest.fixture
def partner_ngo(partner_head, kato):
    organization = OrganizationFactory(network=True, verified=True, settlement=kato["331010000"])
    MembershipFactory(organization=organization, user=partner_head, role=Membership.Role.HEAD)
    return organization


@pytest.fixture
def consortium(network_call, lead_ngo, lead_head, partner_ngo, partner_head):
    formed = consortia.consortium_create(call=network_call, lead=lead_ngo, actor=lead_head)
    member = consortia.consortium_invite(consortium=formed, organization=partner_ngo, actor=lead_head)
    consortia.consortium_respond(member=member, actor=partner_head, accept=True)
    return formed


@pytest.fixture
def application(consortium, lead_head):
    return applications.application_start(consortium=consortium, actor=lead_head, language="kk")


def pilot_data(settlement: str, **overrides) -> PilotData:
    """A complete pilot project of 6 months and 2,750 EUR."""
    values = {
        "title": "Ауылдағы қалдықтарды бөлек жинау",
        "settlement": settlement,
        "problem": "Ауылда қалдықтар бөлінбей, заңсыз полигонға төгіледі.",
        "goals": "Пластик пен қағазды бөлек жинауды енгізу.",
        "expected_results": "Қалдықтардың 30 пайызы қайта өңдеуге жіберіледі.",
        "target_groups": "Ауыл тұрғындары, мектеп оқушылары.",
        "participants": 200,
        "women": 120,
        "youth": 60,
        "cooperation": "Ауылдық округ әкімі контейнер алаңын бөледі.",
        "team": "Жоба үйлестірушісі, екі волонтер.",
        "risks": "Тұрғындардың қызығушылығы төмен болуы: ақпараттық кездесулер.",
        "sustainability": "Контейнерлерді әкімдік күтіп ұстайды.",
        "eu_declaration": True,
        "indicators": [{"name": "Бөлек жиналған қалдықтар", "unit": "тонна", "target": Decimal("5")}],
        "activities": [
            {"title": "Тұрғындармен кездесу", "start_month": 1, "end_month": 1},
            {"title": "Контейнерлер орнату", "start_month": 2, "end_month": 6},
        ],
        "budget_lines": [
            {"category": "events", "item": "Семинар", "unit": "іс-шара", "quantity": Decimal("2"),
             "unit_cost": Decimal("375")},
            {"category": "infrastructure", "item": "Контейнер", "unit": "дана", "quantity": Decimal("4"),
             "unit_cost": Decimal("500")},
        ],
    }  # fmt: skip
    values.update(overrides)
    return PilotData(**values)


def fill_pilot(pilot, actor, settlement: str, **overrides):
    return applications.pilot_save(
        pilot=pilot, actor=actor, data=pilot_data(settlement, **overrides), version=pilot.version
    )


LEAD_FORM = {
    "summary": "Екі ҮЕҰ Атбасар мен Талдықорғанда қалдықтарды басқаруды жақсартады.",
    "coherence": "Төрт пилоттық жоба бір әдістемені екі өңірде сынайды.",
    "coordination": "Жетекші ҮЕҰ ай сайын есептерді жинайды.",
    "team_experience": "Командада 10 жылдық тәжірибесі бар мамандар.",
    "sustainability": "Әкімдіктер нәтижелерді жергілікті бағдарламаларға енгізеді.",
}


@pytest.fixture
def complete_application(application, lead_head, partner_head, lead_ngo, partner_ngo, kato, network_call):
    """Every rule of the call holds: two members, four pilots of 11,000 EUR in all, every document."""
    applications.application_save_lead_form(
        application=application, actor=lead_head, data=LEAD_FORM, version=application.version
    )
    for organization, actor, settlement in (
        (lead_ngo, lead_head, "113820100"),
        (lead_ngo, lead_head, "117020100"),
        (partner_ngo, partner_head, "331010000"),
        (partner_ngo, partner_head, "333233100"),
    ):
        pilot = applications.pilot_add(application=application, organization=organization, actor=actor)
        fill_pilot(pilot, actor, settlement)
    for requirement in network_call.required_documents.filter(required=True):
        if requirement.scope == "consortium":
            applications.document_upload(
                application=application, requirement=requirement, organization=lead_ngo, upload=pdf_upload(),
                actor=lead_head,
            )  # fmt: skip
            continue
        for organization, actor in ((lead_ngo, lead_head), (partner_ngo, partner_head)):
            applications.document_upload(
                application=application, requirement=requirement, organization=organization,
                upload=pdf_upload(f"{requirement.code}.pdf"), actor=actor,
            )  # fmt: skip
    application.refresh_from_db()
    return application
