"""The evaluation of a call: staff screen, the commission scores, the selection is decided and published."""

import datetime
from decimal import Decimal

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.db import connection

from ecodialogue.core.errors import Conflict, Forbidden, Invalid
from ecodialogue.grants import applications, evaluation
from ecodialogue.grants.evaluation_selectors import call_ranking
from ecodialogue.grants.models import Assignment, Award, Call, Decision

from ..factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def evaluator(email):
    user = UserFactory(email=email, preferred_language="ru")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


@pytest.fixture
def submitted(complete_application, lead_head, network_call):
    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    complete_application.refresh_from_db()
    return complete_application


@pytest.fixture
def commission(submitted, call_staff):
    people = [evaluator(f"expert{n}@example.kz") for n in range(1, 4)]
    for person in people:
        evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=person.email)
    return people


def score_all(assignment, user, value=8):
    criteria = assignment.application.call.criteria.all()
    evaluation.conflict_declare(assignment=assignment, actor=user, conflict=False)
    evaluation.scores_save(
        assignment=assignment, actor=user, scores={c.pk: (value, f"Негіздеме {c.pk}") for c in criteria}
    )
    return evaluation.assignment_submit(assignment=assignment, actor=user)


class TestJourney:
    def test_screen_assign_score_decide_publish(self, submitted, commission, call_staff, lead_head, committed):
        evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
        assert evaluation.assignments_auto(call=submitted.call, actor=call_staff) == 3
        for user, value in zip(commission, (8, 7, 9), strict=True):
            score_all(Assignment.objects.get(member__user=user), user, value)
        outcomes, config = call_ranking(submitted.call)
        assert outcomes[0].selected and outcomes[0].award == Decimal("11000.00")
        assert outcomes[0].aggregate.mean == Decimal("80.00")
        decision = evaluation.decision_record(
            call=submitted.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="Үш сарапшы",
            publish_at=None,
        )  # fmt: skip
        assert Award.objects.get().amount == Decimal("11000.00") and decision.total_awarded == Decimal("11000.00")
        with committed():
            evaluation.results_publish(call=submitted.call, actor=call_staff)
        submitted.call.refresh_from_db()
        assert submitted.call.status == "decided"
        assert any(lead_head.email in m.to and "11" in m.body for m in mail.outbox)


@pytest.fixture
def passed(submitted, call_staff):
    evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
    return submitted


class TestScreening:
    def test_a_failure_needs_a_reason_the_applicant_reads(self, submitted, call_staff):
        with pytest.raises(Invalid) as refused:
            evaluation.screening_decide(application=submitted, actor=call_staff, result="failed", reason="")
        assert refused.value.code == "screening.reason"
        screening = evaluation.screening_decide(
            application=submitted, actor=call_staff, result="failed", reason="Анықтама ескірген"
        )
        assert screening.reason == "Анықтама ескірген"

    def test_only_the_calls_staff_screen(self, submitted, lead_head, staff):
        for person in (lead_head, staff):
            with pytest.raises(Forbidden):
                evaluation.screening_decide(application=submitted, actor=person, result="passed")

    def test_not_before_the_deadline(self, complete_application, lead_head, call_staff):
        applications.application_submit(application=complete_application, actor=lead_head)
        with pytest.raises(Invalid) as refused:  # the call is still open
            evaluation.screening_decide(application=complete_application, actor=call_staff, result="passed")
        assert refused.value.code == "call.state"


class TestCommission:
    def test_an_unknown_address_is_invited_and_claims_its_seat_later(self, submitted, call_staff, committed):
        with committed():
            member = evaluation.commission_appoint(call=submitted.call, actor=call_staff, email="New@Example.kz")
        assert member.user is None and member.email == "new@example.kz"
        assert mail.outbox[-1].to == ["new@example.kz"]
        person = UserFactory(email="new@example.kz")
        assert evaluation.commission_seats_claim(user=person) == 1
        member.refresh_from_db()
        assert member.user == person

    def test_appointed_once(self, submitted, call_staff, commission):
        with pytest.raises(Conflict):
            evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=commission[0].email)

    def test_a_member_linked_to_the_consortium_is_never_assigned(self, passed, call_staff, commission, lead_ngo):
        MembershipFactory(organization=lead_ngo, user=commission[0])
        assert evaluation.assignments_auto(call=passed.call, actor=call_staff) == 2
        assert not Assignment.objects.filter(member__user=commission[0]).exists()
        with pytest.raises(Invalid) as refused:
            evaluation.assignment_add(
                application=passed, member=passed.call.commission.get(user=commission[0]), actor=call_staff
            )
        assert refused.value.code == "assignment.linked"

    def test_load_is_balanced_and_assigning_again_adds_nothing(self, passed, call_staff, commission):
        evaluator(email="expert4@example.kz")
        evaluation.commission_appoint(call=passed.call, actor=call_staff, email="expert4@example.kz")
        assert evaluation.assignments_auto(call=passed.call, actor=call_staff) == 3
        assert evaluation.assignments_auto(call=passed.call, actor=call_staff) == 0

    def test_only_passed_applications_are_assigned(self, submitted, call_staff, commission):
        assert evaluation.assignments_auto(call=submitted.call, actor=call_staff) == 0


class TestScoring:
    @pytest.fixture
    def assigned(self, passed, call_staff, commission):
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        return {user.pk: Assignment.objects.get(member__user=user) for user in commission}

    def test_the_application_opens_only_after_declaring_no_conflict(self, assigned, commission):
        first = assigned[commission[0].pk]
        with pytest.raises(Invalid) as refused:
            evaluation.scores_save(assignment=first, actor=commission[0], scores={})
        assert refused.value.code == "assignment.declare_first"

    def test_a_declared_conflict_frees_the_place_for_another_evaluator(self, assigned, commission, call_staff, passed):
        evaluation.conflict_declare(
            assignment=assigned[commission[0].pk], actor=commission[0], conflict=True, note="Кеңес бердім"
        )
        fourth = evaluator("expert4@example.kz")
        evaluation.commission_appoint(call=passed.call, actor=call_staff, email=fourth.email)
        assert evaluation.assignments_auto(call=passed.call, actor=call_staff) == 1
        assert Assignment.objects.filter(member__user=fourth).exists()
        with pytest.raises(Invalid):
            evaluation.scores_save(assignment=assigned[commission[0].pk], actor=commission[0], scores={})

    def test_scores_stay_within_the_criterions_maximum(self, assigned, commission, passed):
        criterion = passed.call.criteria.first()
        first = assigned[commission[0].pk]
        evaluation.conflict_declare(assignment=first, actor=commission[0], conflict=False)
        with pytest.raises(Invalid) as refused:
            evaluation.scores_save(assignment=first, actor=commission[0], scores={criterion.pk: (11, "Тым жоғары")})
        assert refused.value.code == "score.range"

    def test_submission_needs_every_score_and_comment_then_it_is_final(self, assigned, commission, passed):
        first = assigned[commission[0].pk]
        evaluation.conflict_declare(assignment=first, actor=commission[0], conflict=False)
        criteria = list(passed.call.criteria.all())
        evaluation.scores_save(
            assignment=first,
            actor=commission[0],
            scores={c.pk: (7, "" if c == criteria[0] else "Жақсы") for c in criteria},
        )
        with pytest.raises(Invalid) as refused:
            evaluation.assignment_submit(assignment=first, actor=commission[0])
        assert refused.value.code == "score.incomplete"
        evaluation.scores_save(assignment=first, actor=commission[0], scores={criteria[0].pk: (7, "Өзекті")})
        evaluation.assignment_submit(assignment=first, actor=commission[0])
        with pytest.raises(Conflict):
            evaluation.scores_save(assignment=first, actor=commission[0], scores={criteria[0].pk: (9, "Өзгертемін")})

    def test_nobody_scores_anothers_assignment(self, assigned, commission):
        with pytest.raises(Forbidden):
            evaluation.conflict_declare(assignment=assigned[commission[0].pk], actor=commission[1], conflict=False)


class TestDecision:
    @pytest.fixture
    def scored(self, passed, call_staff, commission):
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        for user, value in zip(commission, (8, 7, 9), strict=True):
            score_all(Assignment.objects.get(member__user=user), user, value)
        return passed

    def test_not_while_evaluators_are_still_at_work(self, passed, call_staff, commission):
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        with pytest.raises(Invalid) as refused:
            evaluation.decision_record(
                call=passed.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А, Б"
            )
        assert refused.value.code == "decision.unfinished"

    def test_recorded_once_and_scores_frozen_after(self, scored, call_staff, commission):
        evaluation.decision_record(
            call=scored.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А, Б, В"
        )
        with pytest.raises(Conflict) as refused:
            evaluation.decision_record(
                call=scored.call, actor=call_staff, decided_on=datetime.date(2026, 6, 21), members_present="А"
            )
        assert refused.value.code == "decision.recorded"
        with pytest.raises(Conflict):
            evaluation.screening_decide(application=scored, actor=call_staff, result="failed", reason="Кеш қалды")
        assert Decision.objects.count() == 1

    def test_a_change_of_the_proposal_needs_a_justification_and_is_frozen_in_the_decision(self, scored, call_staff):
        with pytest.raises(Invalid) as refused:
            evaluation.selection_override_set(application=scored, actor=call_staff, selected=False, justification="")
        assert refused.value.code == "selection.justification"
        evaluation.selection_override_set(
            application=scored, actor=call_staff, selected=False, justification="Пилоттық жобалар қайталанады"
        )
        decision = evaluation.decision_record(
            call=scored.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А"
        )
        assert decision.ranking[0]["reason"] == "override_out"
        assert decision.ranking[0]["justification"] == "Пилоттық жобалар қайталанады"
        assert not Award.objects.exists()

    def test_published_on_the_results_date_by_the_task(self, scored, call_staff, network_call):
        from ecodialogue.grants.tasks import publish_results_when_due

        later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
        evaluation.decision_record(
            call=scored.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А",
            publish_at=later,
        )  # fmt: skip
        assert publish_results_when_due.call(call_id=scored.call_id) is False  # not due yet
        Decision.objects.filter(call=scored.call).update(publish_at=datetime.datetime.now(datetime.UTC))
        assert publish_results_when_due.call(call_id=scored.call_id) is True
        assert Decision.objects.get().is_published

    def test_the_bonus_of_the_priorities_counts(self, scored):
        outcomes, _config = call_ranking(scored.call)
        entry = outcomes[0]
        # Atbasar and Shchuchinsk (Akmola), Taldykorgan and Aksu (Zhetysu), women 60 % of the people: 3 + 3 + 2.
        assert entry.aggregate.bonus == Decimal("8")
        assert entry.aggregate.final == entry.aggregate.mean + Decimal("8")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections and row locks")
def test_two_decisions_at_once_make_one(complete_application, lead_head, call_staff, network_call):
    from ..organizations.test_concurrency import race

    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    evaluation.screening_decide(application=complete_application, actor=call_staff, result="passed")
    experts = [evaluator(f"racer{n}@example.kz") for n in range(3)]
    for expert in experts:
        evaluation.commission_appoint(call=network_call, actor=call_staff, email=expert.email)
    evaluation.assignments_auto(call=network_call, actor=call_staff)
    for expert in experts:
        score_all(Assignment.objects.get(member__user=expert), expert)
    decide = lambda: evaluation.decision_record(  # noqa: E731
        call=network_call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А"
    )
    outcomes = race(decide, decide)
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"]
    assert Decision.objects.count() == 1


class TestReviewedGuards:
    """Found in review: each was possible once."""

    def test_no_decision_with_an_application_unscreened_or_short_of_evaluations(
        self, submitted, call_staff, commission
    ):
        with pytest.raises(Invalid) as refused:
            evaluation.decision_record(
                call=submitted.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А"
            )
        assert refused.value.code == "decision.unscreened"
        evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
        with pytest.raises(Invalid) as refused:
            evaluation.decision_record(
                call=submitted.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20), members_present="А"
            )
        assert refused.value.code == "decision.evaluations_missing"

    def test_one_person_one_seat(self, submitted, call_staff, commission):
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=commission[0], email="second@example.kz", verified=True)
        with pytest.raises(Conflict):
            evaluation.commission_appoint(call=submitted.call, actor=call_staff, email="second@example.kz")

    def test_an_invited_seat_is_assigned_only_once_signed_up(self, passed, call_staff, commission):
        evaluation.commission_appoint(call=passed.call, actor=call_staff, email="later@example.kz")
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        assert not Assignment.objects.filter(member__email="later@example.kz").exists()

    def test_a_person_of_the_consortium_cannot_declare_no_conflict(self, passed, call_staff, commission, lead_ngo):
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        MembershipFactory(organization=lead_ngo, user=commission[0])  # joined the NGO after being assigned
        with pytest.raises(Invalid) as refused:
            evaluation.conflict_declare(
                assignment=Assignment.objects.get(member__user=commission[0]), actor=commission[0], conflict=False
            )
        assert refused.value.code == "assignment.linked"

    def test_failing_the_screening_keeps_a_declared_conflict(self, passed, call_staff, commission):
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        declared = Assignment.objects.get(member__user=commission[0])
        evaluation.conflict_declare(assignment=declared, actor=commission[0], conflict=True, note="Кеңесші болдым")
        evaluation.screening_decide(application=passed, actor=call_staff, result="failed", reason="Құжат ескірген")
        evaluation.screening_decide(application=passed, actor=call_staff, result="passed")
        evaluation.assignments_auto(call=passed.call, actor=call_staff)
        assert Assignment.objects.get(member__user=commission[0]).status == "conflict"

    def test_a_screened_application_is_no_longer_reopened(self, passed, call_staff):
        with pytest.raises(Conflict) as refused:
            applications.application_reopen(application=passed, actor=call_staff, reason="Түзету керек")
        assert refused.value.code == "application.in_evaluation"

    def test_decided_only_by_publishing(self, submitted, call_staff):
        from ecodialogue.grants.services import call_transition

        with pytest.raises(Invalid) as refused:
            call_transition(call=submitted.call, actor=call_staff, to=Call.Status.DECIDED)
        assert refused.value.code == "call.results_not_published"

    def test_the_rules_are_read_only_in_the_admin_from_the_review_on(self, submitted, call_staff, client_for):
        page = client_for(call_staff).post(f"/kk/admin/grants/call/{submitted.call_id}/change/", {"winners": 50})
        assert page.status_code == 403
        submitted.call.refresh_from_db()
        assert submitted.call.winners == 5


def test_spreadsheets_drop_control_characters():
    from openpyxl import load_workbook

    from ecodialogue.core.tables import write_xlsx

    content = write_xlsx(["Name"], [["«Таза\x0bөзен»\x1b"]], title="t")
    import io

    assert load_workbook(io.BytesIO(content)).active["A2"].value == "«Тазаөзен»"
