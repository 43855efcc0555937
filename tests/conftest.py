"""The story every test can tell: an NGO with its head and a colleague, an outsider, and staff."""

from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage

from ecodialogue.organizations.kato import read_kato_csv
from ecodialogue.organizations.models import Membership, Organization, Settlement
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
    cache.clear()


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
    user = UserFactory(full_name="Динара Ахметова", email="staff@example.kz", is_staff=True)
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
