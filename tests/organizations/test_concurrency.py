"""Invariants that two requests at once could break are held by the database.

These run on PostgreSQL (CI runs the whole suite there): the in-memory SQLite
test database cannot be shared by the threads' separate connections.
"""

import threading

import pytest
from django.db import connection, connections

from ecodialogue.core.errors import ServiceError
from ecodialogue.organizations import services
from ecodialogue.organizations.models import Membership, Organization

from ..factories import MembershipFactory, OrganizationFactory, UserFactory, next_bin

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections and row locks"
    ),
]


def race(*calls):
    """Run the calls at the same moment in separate threads (separate connections); return outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = ("ok", call())
        except ServiceError as error:
            outcomes[index] = ("refused", error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_registrations_of_one_bin_at_once_make_one_organisation():
    first, second = UserFactory(), UserFactory()
    bin_value = next_bin()

    def register(user):
        return lambda: services.organization_register(
            user=user, data={"kind": "ngo", "name_kk": f"Ұйым {user.pk}", "bin": bin_value, "country": "KZ"}
        )

    outcomes = race(register(first), register(second))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert [o[1] for o in outcomes if o[0] == "refused"] == ["bin.duplicate"]
    assert Organization.objects.filter(bin=bin_value).count() == 1
    assert Membership.objects.count() == 1


def test_two_heads_leaving_at_once_leave_one_head():
    organization = OrganizationFactory()
    heads = [MembershipFactory(organization=organization, role="head") for _ in range(2)]

    def leave(membership):
        return lambda: services.membership_remove(membership=membership, actor=membership.user)

    outcomes = race(*(leave(m) for m in heads))
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert [o[1] for o in outcomes if o[0] == "refused"] == ["membership.last_head"]
    assert organization.memberships.filter(role="head").count() == 1
