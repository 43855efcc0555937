"""A plan's story: the NGO proposes a change, staff approve or reject it, and the history keeps both versions."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.implementation import plans, reports
from ecodialogue.implementation.models import PlanChange

from .conftest import part_of
from .test_reports import spend

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def plan(signed, partner_ngo):
    return signed.plans.filter(organization=partner_ngo).first()


def proposal(plan, **lines):
    """The plan as it is, with the budget lines' quantities changed by item."""
    data = plans.plan_data(plan)
    for line in data["budget_lines"]:
        if line["item"] in lines:
            line["quantity"] = lines[line["item"]]
    return data


def propose(plan, actor, data, reason="Көбірек контейнер қажет"):
    return plans.plan_change_propose(plan=plan, actor=actor, proposal=data, reason=reason, base_version=plan.version)


class TestProposing:
    def test_moving_money_between_categories_is_proposed_and_named_a_reallocation(
        self, plan, partner_head, call_staff, committed
    ):
        # Events 750 → 225 (-70 %), containers 2,000 → 2,500 (+25 %): both beyond 10 %.
        with committed():
            change = propose(plan, partner_head, proposal(plan, Семинар="0.6", Контейнер="5"))
        assert change.status == PlanChange.Status.PROPOSED
        assert len(change.reallocation) == 2
        assert change.before["budget_lines"][1]["quantity"] == "4.00"
        assert [m.to for m in mail.outbox] == [[call_staff.email]]

    def test_a_small_change_is_no_reallocation(self, plan, partner_head):
        change = propose(plan, partner_head, proposal(plan, Контейнер="3.9"))
        assert change.reallocation == []

    def test_one_open_proposal_per_plan(self, plan, partner_head):
        propose(plan, partner_head, proposal(plan, Контейнер="3.9"))
        with pytest.raises(Conflict) as refused:
            propose(plan, partner_head, proposal(plan, Контейнер="3.8"))
        assert refused.value.code == "plan.open_proposal"

    def test_more_than_the_agreement_gives_is_refused(self, plan, partner_head):
        with pytest.raises(Invalid) as refused:
            propose(plan, partner_head, proposal(plan, Контейнер="5"))  # 3,250 > 2,750
        assert [d["code"] for d in refused.value.details] == ["plan_over_budget"]

    def test_a_line_with_spending_cannot_be_removed(self, plan, interim, partner_ngo, partner_head):
        spend(part_of(interim, partner_ngo), partner_head, line=plan.budget_lines.get(item="Семинар"))
        data = plans.plan_data(plan)
        data["budget_lines"] = [line for line in data["budget_lines"] if line["item"] != "Семинар"]
        with pytest.raises(Invalid) as refused:
            propose(plan, partner_head, data)
        assert "line_with_spending_removed" in [d["code"] for d in refused.value.details]

    def test_an_activity_outside_the_period_is_refused(self, plan, partner_head):
        data = plans.plan_data(plan)
        data["activities"][0]["starts_on"] = "2020-01-01"
        with pytest.raises(Invalid) as refused:
            propose(plan, partner_head, data)
        assert "dates_outside_period" in [d["code"] for d in refused.value.details]

    def test_another_ngo_does_not_propose_for_this_pilot(self, plan, outsider, staff):
        for person in (outsider, staff):
            with pytest.raises(Forbidden):
                propose(plan, person, proposal(plan, Контейнер="3.9"))

    def test_a_proposal_needs_a_reason(self, plan, partner_head):
        with pytest.raises(Invalid):
            propose(plan, partner_head, proposal(plan, Контейнер="3.9"), reason=" ")


class TestDeciding:
    def test_approval_makes_the_plan_what_was_proposed_and_keeps_the_line_ids(
        self, plan, partner_head, call_staff, committed
    ):
        ids = list(plan.budget_lines.values_list("pk", flat=True))
        change = propose(plan, partner_head, proposal(plan, Семинар="1", Контейнер="4.5"))
        with committed():
            plans.plan_change_approve(change=change, actor=call_staff, note="Келісілді")
        plan.refresh_from_db()
        assert plan.version == 2 and plan.budget_total == D("2625.00")
        assert list(plan.budget_lines.values_list("pk", "amount")) == [(ids[0], D("375.00")), (ids[1], D("2250.00"))]
        assert partner_head.email in [m.to[0] for m in mail.outbox]

    def test_a_proposal_made_on_an_older_plan_is_not_applied(self, plan, partner_head, lead_head, call_staff):
        first = propose(plan, partner_head, proposal(plan, Контейнер="3.9"))
        plans.plan_change_approve(change=first, actor=call_staff)
        plan.refresh_from_db()
        with pytest.raises(Conflict):
            plans.plan_change_propose(
                plan=plan, actor=lead_head, proposal=proposal(plan, Контейнер="3.8"), reason="Тағы", base_version=1
            )

    def test_rejection_needs_a_reason_and_leaves_the_plan(self, plan, partner_head, call_staff):
        change = propose(plan, partner_head, proposal(plan, Контейнер="3.9"))
        with pytest.raises(Invalid):
            plans.plan_change_reject(change=change, actor=call_staff, note="")
        plans.plan_change_reject(change=change, actor=call_staff, note="Негіздеме жеткіліксіз")
        plan.refresh_from_db()
        assert plan.version == 1 and plan.budget_total == D("2750.00")
        with pytest.raises(Conflict):
            plans.plan_change_approve(change=change, actor=call_staff)

    def test_the_ngo_does_not_approve_its_own_proposal(self, plan, partner_head, lead_head):
        change = propose(plan, partner_head, proposal(plan, Контейнер="3.9"))
        with pytest.raises(Forbidden):
            plans.plan_change_approve(change=change, actor=lead_head)
        plans.plan_change_withdraw(change=change, actor=partner_head)
        assert PlanChange.objects.get().status == PlanChange.Status.WITHDRAWN


class TestWhatAChangeCannotDo:
    def test_move_the_period_away_from_what_was_already_reported(self, plan, interim, partner_ngo, partner_head):
        reports.activity_progress_add(
            part=part_of(interim, partner_ngo),
            actor=partner_head,
            title="Кездесу",
            done_from=plan.starts_on,
            done_to=plan.starts_on,
        )
        data = plans.plan_data(plan)
        data["starts_on"] = (plan.starts_on + datetime.timedelta(days=10)).isoformat()
        data["activities"] = []
        with pytest.raises(Invalid) as refused:
            propose(plan, partner_head, data)
        assert "reported_outside_period" in [d["code"] for d in refused.value.details]

    def test_hold_more_than_the_columns_do(self, plan, partner_head):
        data = plans.plan_data(plan)
        data["title"] = "Ұ" * 301
        data["indicators"][0]["target"] = "100000000000"
        with pytest.raises(Invalid) as refused:
            propose(plan, partner_head, data)
        assert {"text_too_long", "indicator_incomplete"} <= {d["code"] for d in refused.value.details}
