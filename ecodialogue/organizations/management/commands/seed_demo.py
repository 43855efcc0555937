import datetime
import random

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ecodialogue.accounts.models import User
from ecodialogue.organizations import services
from ecodialogue.organizations.bin import make_bin
from ecodialogue.organizations.demo_data import DEMO_PASSWORD, FOREIGN, ORGANISATIONS, USERS
from ecodialogue.organizations.demo_settlements import SETTLEMENTS
from ecodialogue.organizations.kato import KatoRow
from ecodialogue.organizations.models import LegalForm, Membership, Organization, Settlement, Theme


def demo_bin(index: int) -> str:
    """A checksum-valid BIN of a resident head unit registered in 20YY-MM (never a real one on purpose)."""
    rng = random.Random(index)
    while True:
        first = f"{rng.randint(5, 24):02d}{rng.randint(1, 12):02d}40{rng.randint(900000, 999999) % 100000:05d}"
        value = make_bin(first)
        if value is not None:
            return value


class Command(BaseCommand):
    help = "Fill the database with demo organisations, people and settlements (idempotent; never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run in production mode (DJANGO_ENV=production).")
        with transaction.atomic():
            self._settlements()
            self._users()
            created = self._organisations()
            self._memberships()
            # The grants app's demo: the seed call and an open call of the same grant-maker.
            from ecodialogue.grants.demo import seed_calls

            calls = seed_calls(staff=User.objects.get(email="grants@demo.ecodialogue.kz"))
        # The project database's demo: its projects, and the real IATI sample files when ../shared is there.
        # Outside the transaction above: each imported file commits batch by batch, as every import does.
        from ecodialogue.projectdb.demo import seed_projects

        projects = seed_projects()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} organisations, {calls} calls created)."))
        for line in projects.lines():
            self.stdout.write(line)
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for email, _name, staff, superuser, _org_key, role, _lang in USERS:
            what = (
                "administrator"
                if superuser
                else "grant-maker staff"
                if staff
                else role or ("commission member (seed call)" if email.startswith("expert") else "no organisation yet")
            )
            self.stdout.write(f"  {email:32} {what}")

    def _settlements(self):
        rows = [KatoRow(code=c, level=lv, type_code=t, name_ru=ru, name_kk=kk) for c, lv, t, ru, kk in SETTLEMENTS]
        present = set(Settlement.objects.filter(code__in=[r.code for r in rows]).values_list("code", flat=True))
        missing = [row for row in rows if row.code not in present]
        if missing:
            services.settlements_load(rows=missing)

    def _organisations(self) -> int:
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        forms = {f.slug: f for f in LegalForm.objects.all()}
        themes = {t.slug: t for t in Theme.objects.all()}
        created = 0
        for index, (_key, kind, form, kk, ru, en, place, theme_slugs, network, verified) in enumerate(ORGANISATIONS):
            bin_value = demo_bin(index) if kind != Organization.Kind.INITIATIVE_GROUP else None
            if Organization.objects.filter(name_kk=kk).exists():
                continue
            organization = services.organization_register(
                user=admin,
                head=False,
                data={
                    "kind": kind,
                    "legal_form": forms.get(form) if form else None,
                    "name_kk": kk,
                    "name_ru": ru,
                    "name_en": en,
                    "bin": bin_value,
                    "country": "KZ",
                    "settlement": Settlement.objects.get(code=place),
                    "registration_date": datetime.date(2000 + int(bin_value[:2]), int(bin_value[2:4]), 1)
                    if bin_value
                    else None,
                    "description_kk": f"{kk}: «ЭкоДиалог» платформасының демонстрациялық ұйымы.",
                    "description_ru": f"{ru}: демонстрационная организация платформы «ЭкоДиалог».",
                    "description_en": f"{en}: a demo organisation of the EcoDialogue platform.",
                },
                themes=[themes[s] for s in theme_slugs],
            )
            if verified:
                Organization.objects.filter(pk=organization.pk).update(
                    verification_status=Organization.Verification.VERIFIED
                )
            if network:
                Organization.objects.filter(pk=organization.pk).update(
                    network_status=Organization.NetworkStatus.MEMBER,
                    network_member_since=datetime.date(2025, 3, 1),
                    updated_at=timezone.now(),
                )
            created += 1
        for _key, kind, kk, ru, en, country, theme_slugs in FOREIGN:
            if Organization.objects.filter(name_en=en).exists():
                continue
            services.organization_register(
                user=admin,
                head=False,
                data={"kind": kind, "name_kk": kk, "name_ru": ru, "name_en": en, "country": country, "bin": None},
                themes=[themes[s] for s in theme_slugs],
            )
            created += 1
        return created

    def _users(self):
        for email, name, staff, superuser, _org_key, _role, language in USERS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    full_name=name,
                    is_staff=staff,
                    is_superuser=superuser,
                    preferred_language=language,
                )
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})

    def _memberships(self):
        keys = {entry[0]: entry[3] for entry in ORGANISATIONS}
        for email, _name, _staff, _superuser, org_key, role, _language in USERS:
            user = User.objects.get(email=email)
            if org_key:
                organization = Organization.objects.get(name_kk=keys[org_key])
                Membership.objects.get_or_create(organization=organization, user=user, defaults={"role": role})
