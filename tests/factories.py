import itertools

import factory
from allauth.account.models import EmailAddress

from ecodialogue.accounts.models import User
from ecodialogue.organizations.bin import make_bin
from ecodialogue.organizations.models import Membership, Organization
from ecodialogue.organizations.services import organization_search_text, organization_sort_keys

_serials = itertools.count(10001)


def next_bin() -> str:
    while True:
        value = make_bin(f"240140{next(_serials):05d}")
        if value:
            return value


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Faker("name", locale="ru_RU")
    preferred_language = "kk"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = Organization.Kind.NGO
    name_kk = factory.Sequence(lambda n: f"«Жасыл дала {n}» қоғамдық бірлестігі")
    name_ru = factory.Sequence(lambda n: f"Общественное объединение «Зелёная степь {n}»")
    name_en = factory.Sequence(lambda n: f"Public association Green Steppe {n}")
    bin = factory.LazyFunction(next_bin)
    country = "KZ"

    class Params:
        verified = factory.Trait(verification_status=Organization.Verification.VERIFIED)
        network = factory.Trait(network_status=Organization.NetworkStatus.MEMBER)

    @factory.post_generation
    def index(self, create, extracted, **kwargs):
        if self.settlement_id:
            self.region_id = self.settlement.region_id
        self.search_text = organization_search_text(self)
        for field, key in organization_sort_keys(self).items():
            setattr(self, field, key)
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.MEMBER
