"""The evaluation in the browser: an evaluator declares no conflict, scores and submits; staff record the
decision and publish it; the applicant reads the result and the anonymised feedback."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from ecodialogue.grants import applications, consortia, evaluation
from ecodialogue.grants.models import Assignment, Call, Decision

from ..factories import UserFactory
from ..grants.conftest import LEAD_FORM, fill_pilot, pdf_upload
from ..grants.test_consortia import ngo_with_head
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(browser, base, user):
    """A browser signed in as `user` through a session made by Django's test client.

    Staff and evaluators sign in with a TOTP code in real life; what is under test here is the evaluation,
    so the session is made directly (the two-factor pages have tests of their own).
    """
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="kk-KZ")
    host = base.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def with_totp(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def submitted_application(call):
    lead, lead_head = ngo_with_head(name_kk="«Жасыл Атбасар» қоғамдық бірлестігі")
    partner, partner_head = ngo_with_head(name_kk="«Таза Талдықорған» қоғамдық қоры")
    consortium = consortia.consortium_create(call=call, lead=lead, actor=lead_head)
    member = consortia.consortium_invite(consortium=consortium, organization=partner, actor=lead_head)
    consortia.consortium_respond(member=member, actor=partner_head, accept=True)
    application = applications.application_start(consortium=consortium, actor=lead_head, language="kk")
    applications.application_save_lead_form(application=application, actor=lead_head, data=LEAD_FORM, version=1)
    for organization, actor, place in (
        (lead, lead_head, "113820100"), (lead, lead_head, "117020100"),
        (partner, partner_head, "331010000"), (partner, partner_head, "333233100"),
    ):  # fmt: skip
        fill_pilot(
            applications.pilot_add(application=application, organization=organization, actor=actor), actor, place
        )
    for requirement in call.required_documents.filter(required=True):
        owners = (
            [(lead, lead_head)] if requirement.scope == "consortium" else [(lead, lead_head), (partner, partner_head)]
        )
        for organization, actor in owners:
            applications.document_upload(
                application=application, requirement=requirement, organization=organization, upload=pdf_upload(),
                actor=actor,
            )  # fmt: skip
    applications.application_submit(application=application, actor=lead_head)
    application.refresh_from_db()
    return application, lead_head


def test_an_evaluator_scores_staff_decide_and_the_applicant_reads_the_result(
    browser, live_server, open_call, call_staff, kato
):
    base = live_server.url
    application, lead_head = submitted_application(open_call)
    Call.objects.filter(pk=open_call.pk).update(status=Call.Status.UNDER_REVIEW)
    evaluators = [with_totp(UserFactory(email=f"expert{n}@example.kz")) for n in range(1, 4)]
    for person in evaluators:
        evaluation.commission_appoint(call=open_call, actor=call_staff, email=person.email)
    evaluation.screening_decide(application=application, actor=call_staff, result="passed")
    evaluation.assignments_auto(call=open_call, actor=call_staff)
    for person in evaluators[1:]:  # two evaluators have already scored through the services
        assignment = Assignment.objects.get(member__user=person)
        evaluation.conflict_declare(assignment=assignment, actor=person, conflict=False)
        evaluation.scores_save(
            assignment=assignment, actor=person,
            scores={c.pk: (7, "Жоба өзекті, бірақ бюджет тығыз.") for c in open_call.criteria.all()},
        )  # fmt: skip
        evaluation.assignment_submit(assignment=assignment, actor=person)

    # The first evaluator: the application is hidden until the declaration.
    page = signed_in(browser, base, evaluators[0])
    page.goto(f"{base}/kk/evaluation/")
    assert_accessible(page)
    page.click("main a[href*='/evaluation/']")
    page.wait_for_url(re.compile(r"/kk/evaluation/\d+/$"))
    assert page.locator("#scores").count() == 0
    page.check("input[name=conflict][value=no]")
    page.click("form[action$='/declare/'] button[type=submit]")
    page.wait_for_load_state()
    for index, criterion in enumerate(open_call.criteria.order_by("position", "id")):
        page.fill(f"#id_score_{criterion.pk}", str(8 + index % 2))
        page.fill(f"#id_comment_{criterion.pk}", f"Негіздеме {index + 1}: мақсаттар анық, нәтижелер өлшенеді.")
    assert_accessible(page)
    page.click("form[action$='/scores/'] button[formaction$='/submit/']")
    page.wait_for_load_state()
    assert Assignment.objects.get(member__user=evaluators[0]).status == "submitted"
    assert "Негіздеме 1" in page.content()

    # Staff: the ranking proposes the selection; they record the decision and publish at once.
    staff_page = signed_in(browser, base, call_staff)
    staff_page.goto(f"{base}/kk/calls/{open_call.code}/manage/ranking/")
    assert_accessible(staff_page)
    staff_page.fill("#id_decided_on", "2026-06-24")
    staff_page.fill("#id_members_present", "\n".join(e.full_name for e in evaluators))
    staff_page.check("input[name=publish][value=now]")
    staff_page.click("form[action$='/decision/'] button[type=submit]")
    staff_page.wait_for_load_state()
    decision = Decision.objects.get(call=open_call)
    assert decision.is_published and decision.awards.get().application == application

    # The public results, and the applicant's feedback with anonymised comments.
    public = browser.new_context(locale="kk-KZ").new_page()
    public.goto(f"{base}/kk/calls/{open_call.code}/results/")
    assert application.consortium.lead.name_kk in public.content()
    assert_accessible(public)
    applicant = signed_in(browser, base, lead_head)
    applicant.goto(f"{base}{application.get_absolute_url()}")
    body = applicant.content()
    assert "Негіздеме 1" in body and "expert1@example.kz" not in body and evaluators[0].full_name not in body
    assert_accessible(applicant)
