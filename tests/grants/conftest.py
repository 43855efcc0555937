import datetime

import pytest
from allauth.mfa.models import Authenticator

from ecodialogue.grants.demo import _at, _fill
from ecodialogue.grants.models import Call
from ecodialogue.organizations.models import Membership, Theme

from ..factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture
def grant_maker(kato):
    return OrganizationFactory(
        kind="grant_maker", name_kk="«Тұрақты дамуға жәрдемдесу» орталығы", settlement=kato["750000000"]
    )


@pytest.fixture
def call_staff(grant_maker):
    """Staff of the grant-maker: members of it with staff rights and two-factor authentication."""
    user = UserFactory(full_name="Динара Ахметова", email="grants@example.kz", is_staff=True, preferred_language="ru")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    MembershipFactory(organization=grant_maker, user=user, role=Membership.Role.HEAD)
    return user


@pytest.fixture
def themes(db):
    return {t.slug: t for t in Theme.objects.all()}


def make_call(grant_maker, **overrides) -> Call:
    values = {
        "grant_maker": grant_maker,
        "code": "ecodialogue-2026",
        "title_kk": "«ЭкоДиалог» байқауы",
        "title_ru": "Конкурс «ЭкоДиалог»",
        "title_en": "EcoDialogue call",
        "application_languages": ["kk", "ru"],
        "opens_at": _at(2026, 4, 1),
        "questions_until": _at(2026, 4, 20, 23, 59),
        "deadline": _at(2026, 6, 1, 23, 59),
        "results_at": _at(2026, 6, 25, 12),
        **overrides,
    }
    call = Call.objects.create(**values)
    _fill(call)
    return call


@pytest.fixture
def draft_call(grant_maker, themes):
    return make_call(grant_maker, status=Call.Status.DRAFT)


@pytest.fixture
def open_call(grant_maker, themes):
    """Open now: questions for ten more days, applications for twenty."""
    from django.utils import timezone

    now = timezone.now()
    return make_call(
        grant_maker,
        code="open-call",
        status=Call.Status.OPEN,
        opens_at=now - datetime.timedelta(days=10),
        questions_until=now + datetime.timedelta(days=10),
        deadline=now + datetime.timedelta(days=20),
        results_at=now + datetime.timedelta(days=40),
    )
