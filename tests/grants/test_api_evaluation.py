"""A call's evaluation through the API, with personal tokens: the services and rules of the pages, for programs."""

import datetime
import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import schemathesis
from allauth.mfa.models import Authenticator
from django.core import mail
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NOT_SET

from ecodialogue.grants import applications, consortia, evaluation
from ecodialogue.grants.models import Assignment, Call, CommissionMember, Decision
from ecodialogue.organizations.models import Membership

from ..factories import MembershipFactory, OrganizationFactory, UserFactory
from .conftest import LEAD_FORM, fill_pilot, pdf_upload
from .test_api_consortia import bearer

pytestmark = pytest.mark.django_db

API = "/api/v1"


def evaluator(email: str, *, two_factor: bool = True):
    user = UserFactory(email=email, preferred_language="ru")
    if two_factor:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def call_api(client, method: str, url: str, headers: dict, body=None):
    data = "" if body is None else json.dumps(body)
    return client.generic(method.upper(), url, data, content_type="application/json", headers=headers)


def another_application(call, kato):
    """A second consortium of two NGOs with a complete application of 11,000 EUR, submitted."""
    lead_head, partner_head = UserFactory(preferred_language="ru"), UserFactory()
    lead = OrganizationFactory(network=True, verified=True, settlement=kato["117020100"])
    partner = OrganizationFactory(network=True, verified=True, settlement=kato["333233100"])
    MembershipFactory(organization=lead, user=lead_head, role=Membership.Role.HEAD)
    MembershipFactory(organization=partner, user=partner_head, role=Membership.Role.HEAD)
    consortium = consortia.consortium_create(call=call, lead=lead, actor=lead_head)
    invited = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead_head)
    consortia.consortium_respond(member=invited, actor=partner_head, accept=True)
    application = applications.application_start(consortium=consortium, actor=lead_head, language="kk")
    applications.application_save_lead_form(
        application=application, actor=lead_head, data=LEAD_FORM, version=application.version
    )
    for organization, actor, settlement in (
        (lead, lead_head, "113820100"),
        (lead, lead_head, "117020100"),
        (partner, partner_head, "331010000"),
        (partner, partner_head, "333233100"),
    ):
        fill_pilot(applications.pilot_add(application=application, organization=organization, actor=actor), actor,
                   settlement, title=f"Пилот {settlement}")  # fmt: skip
    for requirement in call.required_documents.filter(required=True):
        owners = [lead] if requirement.scope == "consortium" else [lead, partner]
        for organization in owners:
            actor = lead_head if organization == lead else partner_head
            applications.document_upload(
                application=application, requirement=requirement, organization=organization, upload=pdf_upload(),
                actor=actor,
            )  # fmt: skip
    applications.application_submit(application=application, actor=lead_head)
    application.refresh_from_db()
    return application


@pytest.fixture
def submitted(complete_application, lead_head, network_call):
    """The call's one application, submitted; the call is under review."""
    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    complete_application.refresh_from_db()
    return complete_application


@pytest.fixture
def two_submitted(complete_application, lead_head, network_call, kato):
    """Two submitted applications of 11,000 EUR each; the call is under review."""
    applications.application_submit(application=complete_application, actor=lead_head)
    second = another_application(network_call, kato)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    complete_application.refresh_from_db()
    return complete_application, second


@pytest.fixture
def experts(db):
    return [evaluator(f"expert{n}@example.kz") for n in range(1, 4)]


@pytest.fixture
def assigned(submitted, experts, call_staff):
    """The application passed the screening; three experts are assigned to it."""
    evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
    for person in experts:
        evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=person.email)
    evaluation.assignments_auto(call=submitted.call, actor=call_staff)
    return {person: Assignment.objects.get(member__user=person) for person in experts}


def scores_body(call, value: int, comment: str = "Негіздеме") -> dict:
    return {
        "scores": [
            {"criterion_id": c.pk, "score": value, "comment": f"{comment} {c.position}"}
            for c in call.criteria.order_by("position", "id")
        ]
    }


def evaluate(client, assignment, user, value: int) -> dict:
    headers, base = bearer(user), f"{API}/assignments/{assignment.pk}"
    declared = call_api(client, "post", f"{base}/declaration", headers, {"conflict": False, "note": ""})
    assert declared.status_code == 200, declared.json()
    saved = call_api(client, "put", f"{base}/scores", headers, scores_body(assignment.application.call, value))
    assert saved.status_code == 200, saved.json()
    done = client.post(f"{base}/submit", headers=headers)
    assert done.status_code == 200, done.json()
    return done.json()


def test_the_whole_evaluation_through_the_api(
    client, two_submitted, experts, call_staff, lead_head, lead_ngo, committed
):
    first, second = two_submitted
    call = first.call
    staff = bearer(call_staff)
    calls = f"{API}/calls/{call.code}"

    # Staff see the submitted applications, then screen them by hand.
    listed = client.get(f"{calls}/screening", headers=staff)
    assert listed.status_code == 200
    rows = {row["application_id"]: row for row in listed.json()}
    assert set(rows) == {first.pk, second.pk}
    assert rows[first.pk]["screening"] is None and rows[first.pk]["checklist_errors"] == 0
    assert rows[first.pk]["lead"] == lead_ngo.name and rows[first.pk]["total_amount"] == "11000.00"
    unexplained = call_api(client, "put", f"{API}/applications/{second.pk}/screening", staff, {"result": "failed"})
    assert unexplained.status_code == 422 and unexplained.json()["code"] == "screening.reason"
    for application in (first, second):
        passed = call_api(client, "put", f"{API}/applications/{application.pk}/screening", staff, {"result": "passed"})
        assert passed.status_code == 200 and passed.json()["result"] == "passed", passed.json()
    assert {row["screening"]["result"] for row in client.get(f"{calls}/screening", headers=staff).json()} == {"passed"}

    # Three experts are appointed and assigned automatically: three per application, two each.
    for person in experts:
        appointed = call_api(client, "post", f"{calls}/commission", staff, {"email": person.email.upper()})
        assert appointed.status_code == 201, appointed.json()
        assert appointed.json()["has_account"] is True and appointed.json()["email"] == person.email
    again = call_api(client, "post", f"{calls}/commission", staff, {"email": experts[0].email})
    assert again.status_code == 409 and again.json()["code"] == "commission.member_exists"
    auto = client.post(f"{calls}/assignments/auto", headers=staff)
    assert auto.status_code == 200 and auto.json() == {"created": 6}
    assert client.post(f"{calls}/assignments/auto", headers=staff).json() == {"created": 0}
    progress = client.get(f"{calls}/commission", headers=staff).json()
    assert progress["evaluators_per_application"] == 3
    assert [(m["assigned"], m["submitted"]) for m in progress["members"]] == [(2, 0)] * 3
    assert all(len(a["assignments"]) == 3 for a in progress["applications"])

    # Each expert sees their assignments, declares no conflict, opens the application, scores and submits.
    for person, values in zip(experts, ((8, 6), (7, 6), (9, 5)), strict=True):
        mine = client.get(f"{API}/assignments", headers=bearer(person))
        assert mine.status_code == 200 and len(mine.json()) == 2
        by_application = {a["application_id"]: a for a in mine.json()}
        assert by_application[first.pk]["lead"] == lead_ngo.name and by_application[first.pk]["conflict"] is None
        for application, value in zip((first, second), values, strict=True):
            assignment = Assignment.objects.get(member__user=person, application=application)
            closed = client.get(f"{API}/assignments/{assignment.pk}", headers=bearer(person)).json()
            assert closed["content"] is None and closed["others"] is None and len(closed["criteria"]) == 6
            done = evaluate(client, assignment, person, value)
            assert done["status"] == "submitted" and done["content"]["application"]["number"] == application.number
            assert len(done["content"]["pilots"]) == 4 and done["content"]["pilots"][0]["budget_lines"]
            assert done["total"] == f"{value * 10}.00"
    progress = client.get(f"{calls}/commission", headers=staff).json()
    assert [(m["assigned"], m["submitted"]) for m in progress["members"]] == [(2, 2)] * 3

    # The ranking: every number with its parts, the proposal and why, in the request's language.
    ranking = client.get(f"{calls}/ranking?lang=ru", headers=staff)
    assert ranking.status_code == 200, ranking.json()
    body = ranking.json()
    top, runner_up = body["rows"]
    assert (top["application_id"], top["rank"], top["mean"]) == (first.pk, 1, "80.00")
    assert [e["total"] for e in top["evaluations"]] == ["80.00", "70.00", "90.00"]
    assert top["spread"] == "20.00" and top["flagged"] is False and top["complete"] is True
    assert Decimal(top["final"]) == Decimal(top["mean"]) + Decimal(top["bonus"])
    assert top["selected"] and top["reason"] == "selected" and top["award"] == "11000.00"
    assert runner_up["rank"] == 2 and runner_up["mean"] == "56.67" and runner_up["selected"]
    assert body["totals"] == {
        "selected": 2, "winners": 5, "awarded": "22000.00", "total_budget": "60000.00", "remaining": "38000.00",
        "grant_min": "10000.00", "grant_max": "12000.00", "spread": body["totals"]["spread"],
    }  # fmt: skip
    with translation.override("ru"):
        assert body["criteria"][0]["name"] == call.criteria.order_by("position").first().name
    english = client.get(f"{calls}/ranking?lang=en", headers=staff).json()
    assert english["criteria"][0]["name"] != body["criteria"][0]["name"]
    assert "11\u00a0000\u00a0EUR" in top["explanation"]

    # The commission leaves the second out, with a written justification.
    short = {"selected": False, "justification": "Жоқ."}
    refused = call_api(client, "put", f"{API}/applications/{second.pk}/selection-override", staff, short)
    assert refused.status_code == 422 and refused.json()["code"] == "selection.justification"
    reason = {"selected": False, "justification": "Пилоттық жобалар бір-бірін қайталайды."}
    changed = call_api(client, "put", f"{API}/applications/{second.pk}/selection-override", staff, reason)
    assert changed.status_code == 200 and changed.json()["selected"] is False
    row = client.get(f"{calls}/ranking", headers=staff).json()["rows"][1]
    assert row["reason"] == "override_out" and not row["selected"]
    assert row["override"]["justification"] == reason["justification"]

    # The decision, once; the results are public only when published.
    decision = {"decided_on": "2026-06-20", "members_present": "Үш сарапшы", "publish_now": False}
    recorded = call_api(client, "post", f"{calls}/decision", staff, decision)
    assert recorded.status_code == 201, recorded.json()
    assert recorded.json()["total_awarded"] == "11000.00" and recorded.json()["published_at"] is None
    assert [a["application_id"] for a in recorded.json()["awards"]] == [first.pk]
    twice = call_api(client, "post", f"{calls}/decision", staff, decision)
    assert twice.status_code == 409 and twice.json()["code"] == "decision.recorded"
    assert client.get(f"{calls}/results").status_code == 404
    assert client.get(f"{calls}/results", headers=staff).json()["code"] == "not_found"
    closed = Assignment.objects.get(member__user=experts[0], application=first)
    late = call_api(client, "put", f"{API}/assignments/{closed.pk}/scores", bearer(experts[0]), scores_body(call, 1))
    assert late.status_code == 409 and late.json()["code"] == "decision.recorded"

    with committed():  # the e-mails leave after the commit
        published = client.post(f"{calls}/results/publish", headers=staff)
    assert published.status_code == 200 and published.json()["published_at"]
    assert client.post(f"{calls}/results/publish", headers=staff).json()["code"] == "results.published"
    call.refresh_from_db()
    assert call.status == Call.Status.DECIDED
    assert any(lead_head.email in m.to for m in mail.outbox)

    results = client.get(f"{calls}/results")
    assert results.status_code == 200
    public = results.json()
    assert public["total_awarded"] == "11000.00" and public["decided_on"] == "2026-06-20"
    (award,) = public["awards"]
    assert award["number"] == first.number and award["amount"] == "11000.00" and award["lead"] == lead_ngo.name
    assert award["members"][0] == lead_ngo.name and len(award["members"]) == 2
    assert {p["settlement"] for p in award["pilots"]} == {"113820100", "117020100", "331010000", "333233100"}
    assert all(p["title"] and p["settlement_label"] for p in award["pilots"])
    text = results.content.decode()
    for person in (lead_head, call_staff, *experts):
        assert person.email not in text and person.full_name not in text
    assert "Негіздеме" not in text  # no evaluator's comment


def test_the_decision_can_publish_at_once(client, assigned, submitted, call_staff):
    for person, assignment in assigned.items():
        evaluate(client, assignment, person, 8)
    calls = f"{API}/calls/{submitted.call.code}"
    body = {"decided_on": "2026-06-20", "members_present": "Үш сарапшы", "publish_now": True}
    recorded = call_api(client, "post", f"{calls}/decision", bearer(call_staff), body)
    assert recorded.status_code == 201 and recorded.json()["published_at"], recorded.json()
    assert client.get(f"{calls}/results").json()["awards"][0]["amount"] == "11000.00"


def test_results_are_invisible_before_publication(client, assigned, submitted, call_staff, draft_call):
    calls = f"{API}/calls/{submitted.call.code}"
    assert client.get(f"{calls}/results").json()["code"] == "not_found"  # nothing decided
    for person, assignment in assigned.items():
        evaluate(client, assignment, person, 8)
    evaluation.decision_record(call=submitted.call, actor=call_staff, decided_on=datetime.date(2026, 6, 20),
                               members_present="Үш сарапшы")  # fmt: skip
    for headers in ({}, bearer(call_staff), *(bearer(p) for p in assigned)):
        hidden = client.get(f"{calls}/results", headers=headers)
        assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"
    assert client.get(f"{API}/calls/{draft_call.code}/results").status_code == 404
    assert client.get(f"{API}/calls/no-such-call/results").status_code == 404


def test_outsiders_and_applicants_are_refused_every_operation(
    client, assigned, submitted, call_staff, outsider, lead_head, partner_head
):
    assignment = next(iter(assigned.values()))
    member = CommissionMember.objects.filter(call=submitted.call).first()
    calls, applications_ = f"{API}/calls/{submitted.call.code}", f"{API}/applications/{submitted.pk}"
    scores = scores_body(submitted.call, 5)
    staff_operations = [
        ("get", f"{calls}/screening", None),
        ("put", f"{applications_}/screening", {"result": "passed"}),
        ("get", f"{calls}/commission", None),
        ("post", f"{calls}/commission", {"email": "new-expert@example.kz"}),
        ("delete", f"{calls}/commission/{member.pk}", None),
        ("post", f"{calls}/assignments/auto", None),
        ("post", f"{applications_}/assignments", {"member_id": member.pk}),
        ("delete", f"{API}/assignments/{assignment.pk}", None),
        ("post", f"{API}/assignments/{assignment.pk}/remind", None),
        ("get", f"{calls}/ranking", None),
        ("put", f"{applications_}/selection-override", {"selected": False, "justification": "Бір-бірін қайталайды."}),
        ("delete", f"{applications_}/selection-override", None),
        ("post", f"{calls}/decision", {"decided_on": "2026-06-20", "members_present": "Барлығы", "publish_now": True}),
        ("post", f"{calls}/results/publish", None),
    ]
    evaluator_operations = [
        ("get", f"{API}/assignments", None),
        ("get", f"{API}/assignments/{assignment.pk}", None),
        ("post", f"{API}/assignments/{assignment.pk}/declaration", {"conflict": False, "note": ""}),
        ("put", f"{API}/assignments/{assignment.pk}/scores", scores),
        ("post", f"{API}/assignments/{assignment.pk}/submit", None),
    ]
    # The outsider has two-factor authentication on a second try: still nothing of anyone else's.
    outsider_with_2fa = evaluator("careful-outsider@example.kz")
    for person in (outsider, lead_head, partner_head, outsider_with_2fa):
        headers = bearer(person)
        for method, url, body in staff_operations:
            response = call_api(client, method, url, headers, body)
            assert response.status_code in (403, 404), (person, method, url, response.content[:200])
            assert response.json()["code"] in ("permission.denied", "not_found")
        for method, url, body in evaluator_operations:
            response = call_api(client, method, url, headers, body)
            if person == outsider_with_2fa:
                expected = (200, []) if url.endswith("/assignments") else (404, None)
                assert response.status_code == expected[0], (method, url, response.content[:200])
                assert expected[1] is None or response.json() == expected[1]
            else:  # without two-factor authentication, no evaluator's operation at all
                assert response.status_code == 403, (person, method, url, response.content[:200])
                assert response.json()["code"] == "auth.two_factor_required"
    # The applicants (a public call) get 403 on the call's staff operations, 404 on the application's.
    assert call_api(client, "get", f"{calls}/ranking", bearer(lead_head)).status_code == 403
    passing = {"result": "passed"}
    assert call_api(client, "put", f"{applications_}/screening", bearer(outsider), passing).status_code == 404
    assert call_api(client, "put", f"{applications_}/screening", bearer(lead_head), passing).status_code == 403
    for method, url, _body in staff_operations + evaluator_operations:
        assert client.generic(method.upper(), url).status_code == 401  # and nobody without a token
    # Nothing changed.
    assert not Decision.objects.exists() and not CommissionMember.objects.filter(email="new-expert@example.kz").exists()
    assert Assignment.objects.filter(status=Assignment.Status.ASSIGNED).count() == 3


def test_an_evaluator_sees_only_their_own_assignments(client, assigned, submitted, call_staff):
    (first, mine), (second, theirs) = list(assigned.items())[:2]
    headers = bearer(first)
    assert [a["id"] for a in client.get(f"{API}/assignments", headers=headers).json()] == [mine.pk]
    for method, url, body in (
        ("get", f"{API}/assignments/{theirs.pk}", None),
        ("post", f"{API}/assignments/{theirs.pk}/declaration", {"conflict": False, "note": ""}),
        ("put", f"{API}/assignments/{theirs.pk}/scores", scores_body(submitted.call, 5)),
        ("post", f"{API}/assignments/{theirs.pk}/submit", None),
        ("get", f"{API}/assignments/999999", None),
    ):
        response = call_api(client, method, url, headers, body)
        assert response.status_code == 404 and response.json()["code"] == "not_found", (method, url)
    # Their own assignment is not theirs to remove or remind about: that is staff's.
    for method, url in (("delete", f"{API}/assignments/{mine.pk}"), ("post", f"{API}/assignments/{mine.pk}/remind")):
        assert call_api(client, method, url, headers).status_code == 403
    theirs.refresh_from_db()
    assert theirs.conflict is None
    # Taken off the commission, the evaluator's work is no longer theirs either.
    member = mine.member
    gone = client.delete(f"{API}/calls/{submitted.call.code}/commission/{member.pk}", headers=bearer(call_staff))
    assert gone.status_code == 204
    assert client.get(f"{API}/assignments/{mine.pk}", headers=headers).status_code == 404
    assert client.get(f"{API}/assignments", headers=headers).json() == []


def test_others_scores_stay_hidden_until_one_submits(client, assigned, submitted):
    (first, one), (second, two), (third, three) = assigned.items()
    evaluate(client, one, first, 9)
    headers = bearer(second)
    url = f"{API}/assignments/{two.pk}"
    before = client.get(url, headers=headers).json()
    assert before["content"] is None and before["others"] is None  # not even the application before declaring
    declared = call_api(client, "post", f"{url}/declaration", headers, {"conflict": False, "note": ""}).json()
    assert declared["content"] is not None and declared["others"] is None
    draft = call_api(client, "put", f"{url}/scores", headers, scores_body(submitted.call, 4)).json()
    assert draft["status"] == "in_progress" and draft["others"] is None and draft["total"] == "40.00"
    assert "9" not in {str(s["score"]) for s in draft["scores"]}
    after = client.post(f"{url}/submit", headers=headers).json()
    (other,) = after["others"]
    assert other["evaluator"] == 1 and other["total"] == "90.00"
    assert {s["score"] for s in other["scores"]} == {9} and all(s["comment"] for s in other["scores"])
    assert "expert1" not in json.dumps(after)  # anonymous

    # A call that hides them keeps them hidden, even after one submits.
    Call.objects.filter(pk=submitted.call_id).update(evaluators_see_others=False)
    assert client.get(url, headers=headers).json()["others"] is None
    done = evaluate(client, three, third, 5)
    assert done["others"] is None and done["evaluators_see_others"] is False


def test_a_declared_conflict_keeps_the_application_closed(client, assigned, submitted, call_staff):
    person, assignment = next(iter(assigned.items()))
    headers, url = bearer(person), f"{API}/assignments/{assignment.pk}"
    early = call_api(client, "put", f"{url}/scores", headers, scores_body(submitted.call, 5))
    assert early.status_code == 422 and early.json()["code"] == "assignment.declare_first"
    declared = call_api(client, "post", f"{url}/declaration", headers, {"conflict": True, "note": "Бұрын бірге жұмыс"})
    assert declared.status_code == 200 and declared.json()["status"] == "conflict"
    assert declared.json()["content"] is None and declared.json()["conflict_note"] == "Бұрын бірге жұмыс"
    twice = call_api(client, "post", f"{url}/declaration", headers, {"conflict": False, "note": ""})
    assert twice.status_code == 409 and twice.json()["code"] == "assignment.declared"
    assert client.get(f"{API}/applications/{submitted.pk}", headers=headers).status_code == 404
    assert call_api(client, "put", f"{url}/scores", headers, scores_body(submitted.call, 5)).status_code == 422
    # Staff see it and a fourth expert takes the place.
    progress = client.get(f"{API}/calls/{submitted.call.code}/commission", headers=bearer(call_staff)).json()
    assert progress["members"][0]["conflicts"] == 1
    fourth = evaluator("expert4@example.kz")
    evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=fourth.email)
    assert client.post(f"{API}/calls/{submitted.call.code}/assignments/auto", headers=bearer(call_staff)).json() == {
        "created": 1
    }
    assert [a["application_id"] for a in client.get(f"{API}/assignments", headers=bearer(fourth)).json()] == [
        submitted.pk
    ]


def test_evaluators_need_two_factor_authentication(client, submitted, call_staff):
    careless = evaluator("careless@example.kz", two_factor=False)
    evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
    evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=careless.email)
    assignment = evaluation.assignment_add(
        application=submitted, member=CommissionMember.objects.get(user=careless), actor=call_staff
    )
    headers = bearer(careless)
    for method, url, body in (
        ("get", f"{API}/assignments", None),
        ("get", f"{API}/assignments/{assignment.pk}", None),
        ("post", f"{API}/assignments/{assignment.pk}/declaration", {"conflict": False, "note": ""}),
    ):
        refused = call_api(client, method, url, headers, body)
        assert refused.status_code == 403 and refused.json()["code"] == "auth.two_factor_required"
        assert refused.json()["message"]
    assignment.refresh_from_db()
    assert assignment.conflict is None


def test_a_seat_appointed_before_sign_up_is_claimed_on_the_list(client, submitted, call_staff):
    staff = bearer(call_staff)
    calls = f"{API}/calls/{submitted.call.code}"
    invited = call_api(client, "post", f"{calls}/commission", staff, {"email": "newcomer@example.kz"})
    assert invited.status_code == 201 and invited.json()["has_account"] is False and invited.json()["name"] is None
    evaluation.screening_decide(application=submitted, actor=call_staff, result="passed")
    # Not assigned before signing up: whether the person belongs to an applicant is not known yet.
    early = client.post(f"{calls}/assignments/auto", headers=staff)
    assert early.status_code == 422 and early.json()["code"] == "commission.empty"
    newcomer = evaluator("newcomer@example.kz")
    assert client.get(f"{API}/assignments", headers=bearer(newcomer)).json() == []  # the seat is claimed
    assert client.post(f"{calls}/assignments/auto", headers=staff).json() == {"created": 1}
    mine = client.get(f"{API}/assignments", headers=bearer(newcomer))
    assert mine.status_code == 200 and [a["application_id"] for a in mine.json()] == [submitted.pk]
    assert client.get(f"{calls}/commission", headers=staff).json()["members"][0]["has_account"] is True


def test_refusals_are_structured_with_stable_codes(client, assigned, submitted, call_staff, lead_head, lead_ngo):
    staff = bearer(call_staff)
    calls = f"{API}/calls/{submitted.call.code}"
    person, assignment = next(iter(assigned.items()))
    headers, url = bearer(person), f"{API}/assignments/{assignment.pk}"
    call_api(client, "post", f"{url}/declaration", headers, {"conflict": False, "note": ""})
    criterion = submitted.call.criteria.order_by("position").first()

    def refused(method, path, who, body, status, code):
        response = call_api(client, method, path, who, body)
        assert response.status_code == status, (path, response.content[:300])
        assert set(response.json()) == {"code", "message", "details"} and response.json()["message"]
        assert response.json()["code"] == code, response.json()

    too_high = {"scores": [{"criterion_id": criterion.pk, "score": criterion.max_score + 1, "comment": "Көп"}]}
    refused("put", f"{url}/scores", headers, too_high, 422, "score.range")
    unknown = {"scores": [{"criterion_id": 2**31 - 1, "score": 1}]}
    refused("put", f"{url}/scores", headers, unknown, 422, "score.criterion")
    refused("put", f"{url}/scores", headers, {"scores": [{"criterion_id": criterion.pk, "score": -1}]}, 422,
            "validation_error")  # fmt: skip
    refused("put", f"{url}/scores", headers, {"scores": [{"criterion_id": criterion.pk, "comment": "a\x00b"}]}, 422,
            "validation_error")  # fmt: skip
    no_comment = scores_body(submitted.call, 5, comment="")
    no_comment["scores"][0]["comment"] = ""
    call_api(client, "put", f"{url}/scores", headers, no_comment)
    refused("post", f"{url}/submit", headers, None, 422, "score.incomplete")
    refused("post", f"{calls}/commission", staff, {"email": "not an address"}, 422, "validation_error")
    refused("put", f"{API}/applications/{submitted.pk}/screening", staff, {"result": "maybe"}, 422, "validation_error")
    refused("post", f"{calls}/decision", staff, {"decided_on": "2026-06-20", "members_present": "Бәрі"}, 422,
            "decision.unfinished")  # fmt: skip
    refused("post", f"{calls}/decision", staff, {"decided_on": "0001-01-01", "members_present": "Бәрі"}, 422,
            "validation_error")  # fmt: skip
    refused("post", f"{calls}/results/publish", staff, None, 422, "decision.missing")
    refused("post", f"{API}/applications/{submitted.pk}/assignments", staff, {"member_id": assignment.member_id}, 409,
            "assignment.exists")  # fmt: skip
    # A member of the lead NGO is never assigned to its consortium.
    linked = evaluator("linked@example.kz")
    MembershipFactory(organization=lead_ngo, user=linked, role=Membership.Role.MEMBER)
    member = evaluation.commission_appoint(call=submitted.call, actor=call_staff, email=linked.email)
    refused("post", f"{API}/applications/{submitted.pk}/assignments", staff, {"member_id": member.pk}, 422,
            "assignment.linked")  # fmt: skip
    refused("post", f"{API}/applications/{submitted.pk}/assignments", staff, {"member_id": 2**31 - 1}, 404, "not_found")
    # Submitted scores stay.
    done = evaluate(client, assigned[list(assigned)[1]], list(assigned)[1], 7)
    refused("delete", f"{API}/assignments/{done['id']}", staff, None, 409, "assignment.submitted")
    refused("post", f"{API}/assignments/{done['id']}/remind", staff, None, 409, "assignment.submitted")
    reminded = client.post(f"{API}/assignments/{assignment.pk}/remind", headers=staff)
    assert reminded.status_code == 200 and reminded.json()["reminded_at"]
    # Failing an application some evaluator has scored is refused.
    refused("put", f"{API}/applications/{submitted.pk}/screening", staff,
            {"result": "failed", "reason": "Анықтама ескі."}, 409, "screening.scored")  # fmt: skip
    # Selecting more than the budget allows is refused, whatever the commission says.
    Call.objects.filter(pk=submitted.call_id).update(grant_max=Decimal("10500"))
    refused("put", f"{API}/applications/{submitted.pk}/selection-override", staff,
            {"selected": True, "justification": "Комиссия бұл жобаны қолдайды."}, 422,
            "selection.out_of_range")  # fmt: skip


def test_staff_remove_an_assignment_and_assign_by_hand(client, assigned, submitted, call_staff):
    staff = bearer(call_staff)
    person, assignment = next(iter(assigned.items()))
    assert client.delete(f"{API}/assignments/{assignment.pk}", headers=staff).status_code == 204
    assert client.get(f"{API}/assignments", headers=bearer(person)).json() == []
    added = call_api(client, "post", f"{API}/applications/{submitted.pk}/assignments", staff,
                     {"member_id": assignment.member_id})  # fmt: skip
    assert added.status_code == 201 and added.json()["status"] == "assigned"
    assert added.json()["member_id"] == assignment.member_id and added.json()["member"] == person.full_name
    cleared = client.delete(f"{API}/applications/{submitted.pk}/selection-override", headers=staff)
    assert cleared.status_code == 204


def test_the_openapi_schema_documents_every_operation(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    operations = [
        (method, path, operation)
        for path, methods in paths.items()
        for method, operation in methods.items()
        if {"evaluation", "evaluators", "results"} & set(operation.get("tags", []))
    ]
    assert len(operations) == 20
    assert all(operation.get("summary") for _method, _path, operation in operations)
    assert "security" not in paths[f"{API}/calls/{{code}}/results"]["get"]
    assert all("security" in operation for _m, path, operation in operations if not path.endswith("/results"))


def test_no_generated_input_makes_the_evaluation_operations_fail(client, assigned, submitted, call_staff):
    """Generated bodies against a real evaluation, with staff's and an evaluator's tokens: never a server error."""
    person, assignment = next(iter(assigned.items()))
    evaluation.conflict_declare(assignment=assignment, actor=person, conflict=False)
    criteria = list(submitted.call.criteria.values_list("pk", flat=True))
    real = {"code": submitted.call.code, "application_id": submitted.pk, "assignment_id": assignment.pk,
            "member_id": assignment.member_id}  # fmt: skip
    tokens = {"evaluation": bearer(call_staff), "evaluators": bearer(person), "results": {}}
    schema = schemathesis.openapi.from_dict(client.get(f"{API}/openapi.json").json())
    operations = [r.ok() for r in schema.get_all_operations()]
    operations = [op for op in operations if set(op.definition.raw.get("tags", [])) & set(tokens)]
    assert len(operations) == 20
    # The evaluator's operations first, taking the evaluator off the commission last: it removes their work.
    operations.sort(key=lambda op: (op.definition.raw["tags"] != ["evaluators"], "{member_id}" in op.path))

    for operation in operations:

        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            headers = tokens[case.operation.definition.raw["tags"][0]]
            case.path_parameters = {name: real[name] for name in case.path_parameters or {}}
            if isinstance(case.body, dict):  # reach the services: a real member and real criteria
                if case.body.get("member_id") is not None:
                    case.body["member_id"] = real["member_id"]
                if isinstance(case.body.get("scores"), list):
                    for number, item in enumerate(case.body["scores"]):
                        if isinstance(item, dict) and item.get("criterion_id") is not None:
                            item["criterion_id"] = criteria[number % len(criteria)]
            data = "" if case.body is NOT_SET else json.dumps(case.body)
            response = client.generic(
                case.method, case.formatted_path, data, content_type="application/json", headers=headers,
                QUERY_STRING=urlencode(case.query or {}, doseq=True),
            )  # fmt: skip
            assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.content[:300])
            if response.status_code >= 400:
                assert set(response.json()) == {"code", "message", "details"}

        check()
