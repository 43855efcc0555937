"""An NGO accepting two consortia of one call at the same moment ends up in exactly one."""

import pytest
from django.db import connection

from ecodialogue.grants import consortia
from ecodialogue.grants.models import Call, ConsortiumMember

from ..organizations.test_concurrency import race
from .test_consortia import ngo_with_head

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections and row locks"
    ),
]


def test_two_acceptances_at_once_make_one_membership(open_call):
    Call.objects.filter(pk=open_call.pk).update(network_members_only=False)
    partner, partner_head = ngo_with_head()
    invitations = []
    for _ in range(2):
        lead, lead_head = ngo_with_head()
        consortium = consortia.consortium_create(call=open_call, lead=lead, actor=lead_head)
        invitations.append(consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead_head))

    outcomes = race(
        *(lambda m=m: consortia.consortium_respond(member=m, actor=partner_head, accept=True) for m in invitations)
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert [o[1] for o in outcomes if o[0] == "refused"] == ["consortium.one_per_call"]
    assert ConsortiumMember.objects.filter(call=open_call, organization=partner, status="accepted").count() == 1
