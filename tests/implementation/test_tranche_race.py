"""Two staff paying one tranche at the same moment: the database lets exactly one payment through."""

import pytest
from django.db import connection
from django.utils import timezone

from ecodialogue.implementation import agreements
from ecodialogue.implementation.models import Payment

from ..organizations.test_concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections and row locks"
    ),
]


def test_two_payments_of_one_tranche_at_once_make_one(signed, call_staff):
    tranche = signed.tranches.get(position=1)
    pay = lambda: agreements.tranche_pay(tranche=tranche, actor=call_staff, paid_on=timezone.localdate())  # noqa: E731
    outcomes = race(pay, pay)
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert [o[1] for o in outcomes if o[0] == "refused"] == ["tranche.already_paid"]
    assert Payment.objects.filter(tranche=tranche).count() == 1


def test_a_payment_and_the_start_of_implementation_at_once_both_land(signed, call_staff):
    first, _second, _third = signed.tranches.all()
    # Both lock the agreement row: they queue, neither is lost and nothing deadlocks.
    outcomes = race(
        lambda: agreements.tranche_pay(tranche=first, actor=call_staff, paid_on=timezone.localdate()),
        lambda: agreements.agreement_transition(agreement=signed, to="active", actor=call_staff),
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "ok"]
    assert Payment.objects.count() == 1
