"""The story every test can tell: an NGO with its head and a colleague, an outsider, and staff."""

import datetime
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage

from ecodialogue.grants.demo import _at, _fill
from ecodialogue.grants.models import ApplicationDocument, Call
from ecodialogue.organizations.kato import read_kato_csv
from ecodialogue.organizations.models import Membership, Organization, Settlement, Theme
from ecodialogue.organizations.services import settlements_load

from .factories import MembershipFactory, OrganizationFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_KATO = Path(__file__).resolve().parents[2] / "shared" / "data" / "kato" / "kato.csv"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, monkeypatch):
    """Uploaded files go to a temporary folder, never into the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # The certificate field resolved its storage when the model loaded.
    field = Organization._meta.get_field("certificate")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path / "private"))
    documents = ApplicationDocument._meta.get_field("file")
    monkeypatch.setattr(documents, "storage", FileSystemStorage(location=tmp_path / "documents"))
    from ecodialogue.implementation.models import Agreement, AuthorityDecision, Expenditure, Output
    from ecodialogue.projectdb.models import ImportRun

    for model, name in (
        (Agreement, "signed_file"),
        (AuthorityDecision, "document"),
        (Expenditure, "receipt"),
        (Output, "file"),
        (ImportRun, "file"),
    ):
        monkeypatch.setattr(model._meta.get_field(name), "storage", FileSystemStorage(location=tmp_path / "private"))
    cache.clear()
    # Each test's projects are rolled back after it: the search's in-memory copy must not outlive them.
    from ecodialogue.projectdb.search import facet_snapshot

    facet_snapshot.forget()


@pytest.fixture
def kato(db):
    """The small real extract of KATO in tests/fixtures (Akmola, Almaty, Zhetysu, Abai, ...)."""
    with (FIXTURES / "kato_extract.csv").open(encoding="utf-8") as handle:
        settlements_load(rows=list(read_kato_csv(handle)))
    return {s.code: s for s in Settlement.objects.all()}


@pytest.fixture
def atbasar(kato):
    return kato["113820100"]


@pytest.fixture
def head(db):
    return UserFactory(full_name="Ержан Қасымов", email="head@example.kz")


@pytest.fixture
def colleague(db):
    return UserFactory(full_name="Айгерім Нұрланова", email="colleague@example.kz", preferred_language="ru")


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Бөтен Адам", email="outsider@example.kz")


@pytest.fixture
def staff(db):
    """The platform's staff: may verify organisations and manage the network."""
    from django.contrib.auth.models import Permission

    user = UserFactory(full_name="Динара Ахметова", email="staff@example.kz", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="act_as_platform_staff"))
    # Staff must use two-factor authentication; the tests' staff has enrolled.
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


@pytest.fixture
def ngo(head, colleague, atbasar):
    organization = OrganizationFactory(settlement=atbasar)
    MembershipFactory(organization=organization, user=head, role=Membership.Role.HEAD)
    MembershipFactory(organization=organization, user=colleague, role=Membership.Role.MEMBER)
    return organization


@pytest.fixture
def client_for(client):
    """A test client signed in as the given user (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what services queue for after the commit (e-mails), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Grant calls ------------------------------------------------------------


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
