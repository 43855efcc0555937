"""The ranking, the decision and the results, for everyone who may or may not see them.

The story: the open call is under review with the lead NGO's real application and a few more built
straight in the database (they only need scores); three evaluators have scored them all. Staff read
the ranking, change it with a justification, decide and publish; nobody else sees anything before.
"""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from ecodialogue.core import tables
from ecodialogue.grants import applications, evaluation, exports
from ecodialogue.grants.models import (
    Application,
    Assignment,
    Call,
    CommissionMember,
    Consortium,
    ConsortiumMember,
    Decision,
    Pilot,
    Score,
    Screening,
    SelectionOverride,
)

from ..conftest import make_call
from ..factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ANON, OUTSIDER, APPLICANT, EVALUATOR, CALL_STAFF, OTHER_STAFF = (
    "anonymous", "outsider", "applicant", "evaluator", "call staff", "other staff",
)  # fmt: skip
KAZAKH_LETTERS = "әғқңөұүһі"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def evaluator_user(email: str):
    user = UserFactory(email=email, full_name=f"Сарапшы {email[:7]}", preferred_language="ru")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def seat(call: Call, users) -> list[CommissionMember]:
    # Straight in the database: appointing through the service e-mails a page of the evaluation issue.
    return [CommissionMember.objects.create(call=call, user=u, email=u.email) for u in users]


def score(application: Application, members, values, comment: str = "Пікір") -> None:
    """Each member submits the same score on every criterion (one value a member)."""
    criteria = list(application.call.criteria.all())
    for member, value in zip(members, values, strict=True):
        assignment = Assignment.objects.create(
            application=application, member=member, status=Assignment.Status.SUBMITTED, conflict=False,
            declared_at=timezone.now(), submitted_at=timezone.now(),
        )  # fmt: skip
        Score.objects.bulk_create(
            Score(assignment=assignment, criterion=c, score=value, comment=f"{comment} {c.position + 1}")
            for c in criteria
        )


def quick_application(call: Call, n: int, settlement, *, amount="11000", passed=True) -> Application:
    """A submitted application of one NGO and one pilot: all the ranking needs."""
    lead = OrganizationFactory(verified=True, network=True, settlement=settlement)
    consortium = Consortium.objects.create(call=call, lead=lead)
    ConsortiumMember.objects.create(
        consortium=consortium, call=call, organization=lead, is_lead=True, status=ConsortiumMember.Status.ACCEPTED
    )
    application = Application.objects.create(
        consortium=consortium, call=call, language="kk", status=Application.Status.SUBMITTED,
        number=f"{call.code.upper()}-Q{n:02d}", submitted_at=timezone.now() - datetime.timedelta(hours=n),
        total_amount=Decimal(amount),
    )  # fmt: skip
    Pilot.objects.create(
        application=application, organization=lead, title=f"Ауыл тазалығы {n}", settlement=settlement,
        budget_total=Decimal(amount),
    )  # fmt: skip
    Screening.objects.create(
        application=application,
        result=Screening.Result.PASSED if passed else Screening.Result.FAILED,
        reason="" if passed else "Тіркеу куәлігі ескірген",
    )
    return application


def scored_call(grant_maker, kato, size: int, code: str) -> Call:
    """A call under review with `size` scored applications (for counting queries and bytes)."""
    call = make_call(grant_maker, code=code, status=Call.Status.UNDER_REVIEW)
    members = seat(call, [evaluator_user(f"{code}-{n}@example.kz") for n in range(3)])
    for n in range(1, size + 1):
        application = quick_application(call, n, kato["113820100"], amount=str(10000 + 50 * n))
        score(application, members, (n % 10, (n + 3) % 11, (2 * n) % 11))
    return call


@pytest.fixture
def evaluators(db):
    return [evaluator_user(f"expert{n}@example.kz") for n in range(1, 4)]


@pytest.fixture
def evaluated(complete_application, lead_head, network_call, call_staff, evaluators, kato):
    """The call under review: the real application (11,000 EUR) and six more, all scored.

    Scores (the same on every criterion): real 8,7,9 → 80; Q-1 9 → 90; Q-2 6 → 60; Q-3 7,7,7 → 70;
    Q-4 9,9,3 → 70 flagged; Q-5 5 → 50; Q-6 fails the screening. Five winners within 60,000.
    """
    applications.application_submit(application=complete_application, actor=lead_head)
    Call.objects.filter(pk=network_call.pk).update(status=Call.Status.UNDER_REVIEW)
    network_call.refresh_from_db()
    members = seat(network_call, evaluators)
    evaluation.screening_decide(application=complete_application, actor=call_staff, result="passed")
    for member, user, value in zip(members, evaluators, (8, 7, 9), strict=True):
        assignment = evaluation.assignment_add(application=complete_application, member=member, actor=call_staff)
        evaluation.conflict_declare(assignment=assignment, actor=user, conflict=False)
        evaluation.scores_save(
            assignment=assignment, actor=user,
            scores={c.pk: (value, f"Негіздеме {c.position + 1}") for c in network_call.criteria.all()},
        )  # fmt: skip
        evaluation.assignment_submit(assignment=assignment, actor=user)
    others = {}
    for n, values in enumerate(((9, 9, 9), (6, 6, 6), (7, 7, 7), (9, 9, 3), (5, 5, 5)), start=1):
        others[n] = quick_application(network_call, n, kato["117020100"], amount="12000")
        score(others[n], members, values)
    others[6] = quick_application(network_call, 6, kato["117020100"], passed=False)
    complete_application.refresh_from_db()
    return {"call": network_call, "application": complete_application, "others": others}


@pytest.fixture
def people(outsider, lead_head, evaluators, call_staff, staff):
    return {
        ANON: None, OUTSIDER: outsider, APPLICANT: lead_head, EVALUATOR: evaluators[0], CALL_STAFF: call_staff,
        OTHER_STAFF: staff,
    }  # fmt: skip


def decide(call, call_staff, **kwargs):
    return evaluation.decision_record(
        call=call, actor=call_staff, decided_on=datetime.date(2026, 6, 20),
        members_present="Айгүл Серікова\nБолат Жақсыбеков\nОльга Ким", **kwargs,
    )  # fmt: skip


def publish(call, call_staff):
    decide(call, call_staff)
    return evaluation.results_publish(call=call, actor=call_staff)


# --- Who sees and does what ---------------------------------------------------

STAFF_ONLY = {ANON: 302, OUTSIDER: 403, APPLICANT: 403, EVALUATOR: 403, CALL_STAFF: 200, OTHER_STAFF: 403}


@pytest.mark.parametrize("page", ["manage/ranking/", "manage/ranking.csv", "manage/ranking.xlsx", "override"])
@pytest.mark.parametrize("who", list(STAFF_ONLY))
def test_only_the_calls_staff_read_the_ranking(client_for, people, evaluated, page, who):
    call, application = evaluated["call"], evaluated["application"]
    suffix = f"manage/ranking/{application.pk}/" if page == "override" else page
    response = client_for(people[who]).get(f"/kk/calls/{call.code}/{suffix}")
    assert response.status_code == STAFF_ONLY[who]
    if STAFF_ONLY[who] == 302:
        assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("who", list(STAFF_ONLY))
def test_only_the_calls_staff_read_the_protocol(client_for, people, evaluated, call_staff, who):
    decide(evaluated["call"], call_staff)
    response = client_for(people[who]).get(f"/kk/calls/{evaluated['call'].code}/manage/protocol.pdf")
    assert response.status_code == STAFF_ONLY[who]


@pytest.mark.parametrize(
    ("who", "status"),
    [(ANON, 302), (OUTSIDER, 403), (APPLICANT, 403), (EVALUATOR, 403), (OTHER_STAFF, 403), (CALL_STAFF, 302)],
)
class TestOnlyTheCallsStaffAct:
    def test_change_the_proposal(self, client_for, people, evaluated, who, status):
        target = evaluated["others"][5]
        response = client_for(people[who]).post(
            f"/kk/calls/{evaluated['call'].code}/manage/ranking/{target.pk}/",
            {"selected": "exclude", "justification": "Пилоттық жоба басқа бағдарламамен қаржыланады."},
        )
        assert response.status_code == status
        assert SelectionOverride.objects.filter(application=target).exists() is (who == CALL_STAFF)

    def test_withdraw_a_change(self, client_for, people, evaluated, call_staff, who, status):
        target = evaluated["others"][5]
        evaluation.selection_override_set(
            application=target, actor=call_staff, selected=False, justification="Комиссияның шешімі бойынша."
        )
        response = client_for(people[who]).post(f"/kk/calls/{evaluated['call'].code}/manage/ranking/{target.pk}/clear/")
        assert response.status_code == status
        assert SelectionOverride.objects.filter(application=target).exists() is (who != CALL_STAFF)

    def test_record_the_decision(self, client_for, people, evaluated, who, status):
        response = client_for(people[who]).post(
            f"/kk/calls/{evaluated['call'].code}/manage/decision/",
            {"decided_on": "2026-06-20", "members_present": "Үш сарапшы", "publish": "date"},
        )
        assert response.status_code == status
        assert Decision.objects.exists() is (who == CALL_STAFF)

    def test_publish(self, client_for, people, evaluated, call_staff, who, status):
        decide(evaluated["call"], call_staff)
        response = client_for(people[who]).post(f"/kk/calls/{evaluated['call'].code}/manage/decision/publish/")
        assert response.status_code == status
        assert Decision.objects.get().is_published is (who == CALL_STAFF)


PUBLIC = ["results/", "results.csv", "results.xlsx", "results.json"]


@pytest.mark.parametrize("page", PUBLIC)
@pytest.mark.parametrize("who", list(STAFF_ONLY))
def test_results_are_invisible_before_publication(client_for, people, evaluated, call_staff, page, who):
    url = f"/kk/calls/{evaluated['call'].code}/{page}"
    assert client_for(people[who]).get(url).status_code == 404  # before the decision
    decide(evaluated["call"], call_staff)
    assert client_for(people[who]).get(url).status_code == 404  # decided, not published
    evaluation.results_publish(call=evaluated["call"], actor=call_staff)
    assert client_for(people[who]).get(url).status_code == 200


def test_a_draft_calls_results_do_not_exist(client, draft_call):
    assert client.get(f"/kk/calls/{draft_call.code}/results/").status_code == 404


def test_the_applicant_sees_no_feedback_before_publication(client_for, lead_head, evaluated, call_staff):
    url = f"/kk/applications/{evaluated['application'].pk}/"
    assert 'id="results"' not in client_for(lead_head).get(url).content.decode()
    decide(evaluated["call"], call_staff)
    body = client_for(lead_head).get(url).content.decode()
    assert 'id="results"' not in body and "Негіздеме" not in body


# --- The ranking page -----------------------------------------------------------


class TestRankingPage:
    def test_every_number_and_why(self, client_for, call_staff, evaluated):
        body = client_for(call_staff).get(f"/kk/calls/{evaluated['call'].code}/manage/ranking/").content.decode()
        application = evaluated["application"]
        assert application.number in body and application.consortium.lead.name_kk in body
        # The real application's evaluator 1 gave 8 on six criteria of weight 1 and maximum 10.
        assert "100×(8/10+8/10+8/10+8/10+8/10+8/10)/6=80.00" in body
        assert "(80.00+70.00+90.00)/3=80.00" in body
        assert "90.00−30.00 &gt; 20.00" in body  # Q-4 is flagged
        assert body.count("<details>") >= 5 * 6
        assert "11\u00a0000\u00a0EUR" in body  # money, grouped as in Kazakh
        assert f'<a href="{application.pk}/">' in body  # the change form, relative to the page

    def test_the_totals_and_the_proposal(self, client_for, call_staff, evaluated):
        response = client_for(call_staff).get(f"/kk/calls/{evaluated['call'].code}/manage/ranking/")
        table = response.context["table"]
        assert [r.number for r in table.rows if r.selected] == [
            evaluated["others"][1].number,
            evaluated["application"].number,
            evaluated["others"][4].number,  # tie (73, and 7 on the first criterion):
            evaluated["others"][3].number,  # Q-4 was submitted earlier
            evaluated["others"][2].number,
        ]
        assert table.winners == 5 and table.awarded == Decimal("59000.00") and table.budget_left == Decimal("1000.00")
        assert [r.reason for r in table.rows][-2:] == ["winners", "not_eligible"]
        assert 'action="/kk/calls/open-call/manage/decision/"' in response.content.decode()

    def test_a_change_needs_a_justification(self, client_for, call_staff, evaluated):
        target = evaluated["others"][2]
        url = f"/kk/calls/{evaluated['call'].code}/manage/ranking/{target.pk}/"
        with translation.override("en"):
            response = client_for(call_staff).post(url.replace("/kk/", "/en/"), {"selected": "exclude"})
        assert response.status_code == 422
        assert "Write the commission&#x27;s justification for the change." in response.content.decode()
        assert not SelectionOverride.objects.exists()

    def test_a_justified_change_moves_the_selection(self, client_for, call_staff, evaluated):
        excluded, included = evaluated["others"][2], evaluated["others"][5]
        client = client_for(call_staff)
        base = f"/kk/calls/{evaluated['call'].code}/manage/ranking/"
        reason = "Пилоттық жоба басқа бағдарламамен қаржыланады."
        response = client.post(f"{base}{excluded.pk}/", {"selected": "exclude", "justification": reason})
        assert response.status_code == 302 and response["Location"].endswith(f"#a{excluded.pk}")
        client.post(f"{base}{included.pk}/", {"selected": "include", "justification": "Өңірге аса қажет жоба."})
        table = client.get(base).context["table"]
        rows = {r.application_id: r for r in table.rows}
        assert not rows[excluded.pk].selected and rows[excluded.pk].justification == reason
        assert rows[included.pk].selected and rows[included.pk].reason == "override_in"

    def test_an_inclusion_outside_the_rules_is_refused_with_the_reason(self, client_for, call_staff, evaluated):
        target = evaluated["others"][5]
        Application.objects.filter(pk=target.pk).update(total_amount=Decimal("15000"))
        response = client_for(call_staff).post(
            f"/en/calls/{evaluated['call'].code}/manage/ranking/{target.pk}/",
            {"selected": "include", "justification": "The commission wants it anyway."},
        )
        assert response.status_code == 422
        assert "outside the grant range: it cannot be selected" in response.content.decode()
        assert not SelectionOverride.objects.exists()

    def test_after_the_decision_it_shows_the_frozen_ranking(self, client_for, call_staff, evaluated):
        decide(evaluated["call"], call_staff)
        # The rows change after the decision (they should not, but the page must not care).
        Score.objects.update(score=0)
        response = client_for(call_staff).get(f"/kk/calls/{evaluated['call'].code}/manage/ranking/")
        body = response.content.decode()
        assert "(80.00+70.00+90.00)/3=80.00" in body
        assert "manage/decision/publish/" in body and "manage/protocol.pdf" in body
        assert 'action="/kk/calls/open-call/manage/decision/"' not in body
        assert f'href="{evaluated["others"][1].pk}/"' not in body  # no more changes

    def test_the_frozen_explanations_read_as_the_live_ones(self, evaluated, call_staff):
        with translation.override("kk"):
            evaluation.selection_override_set(
                application=evaluated["others"][2], actor=call_staff, selected=False,
                justification="Комиссияның шешімі бойынша.",
            )  # fmt: skip
            live = [r.explanation for r in exports.ranking_table(evaluated["call"]).rows]
            decide(evaluated["call"], call_staff)
            frozen = [r.explanation for r in exports.ranking_table(evaluated["call"]).rows]
        with translation.override("en"):
            frozen_en = [r.explanation for r in exports.ranking_table(evaluated["call"]).rows]
        stored = [row["explanation_en"] for row in Decision.objects.get().ranking]
        assert frozen == live and frozen_en == stored and frozen != stored  # the record is English


class TestDecision:
    def test_it_cannot_be_recorded_twice(self, client_for, call_staff, evaluated):
        client = client_for(call_staff)
        url = f"/en/calls/{evaluated['call'].code}/manage/decision/"
        data = {"decided_on": "2026-06-20", "members_present": "Three evaluators", "publish": "date"}
        assert client.post(url, data).status_code == 302
        response = client.post(url, data, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("already recorded" in m for m in messages)
        assert Decision.objects.count() == 1

    def test_published_at_once(self, client_for, call_staff, evaluated):
        response = client_for(call_staff).post(
            f"/kk/calls/{evaluated['call'].code}/manage/decision/",
            {"decided_on": "2026-06-20", "members_present": "Үш сарапшы", "publish": "now"},
        )
        assert response.status_code == 302
        decision = Decision.objects.get()
        assert decision.is_published and decision.publish_at <= decision.published_at
        assert client_for(None).get(f"/kk/calls/{evaluated['call'].code}/results/").status_code == 200

    def test_unfinished_evaluations_are_refused_with_a_message(self, client_for, call_staff, evaluated, evaluators):
        Assignment.objects.filter(application=evaluated["others"][1]).update(status=Assignment.Status.IN_PROGRESS)
        response = client_for(call_staff).post(
            f"/en/calls/{evaluated['call'].code}/manage/decision/",
            {"decided_on": "2026-06-20", "members_present": "Three", "publish": "date"},
            follow=True,
        )
        assert any("not submitted" in str(m) for m in response.context["messages"])
        assert not Decision.objects.exists()


# --- The protocol and the exports ---------------------------------------------


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", " ")


class TestProtocol:
    def test_it_is_in_kazakh_with_every_application(self, client_for, call_staff, evaluated):
        evaluation.selection_override_set(
            application=evaluated["others"][2], actor=call_staff, selected=False,
            justification="Пилоттық жоба басқа бағдарламамен қаржыланады.",
        )  # fmt: skip
        decide(evaluated["call"], call_staff)
        response = client_for(call_staff).get(f"/kk/calls/{evaluated['call'].code}/manage/protocol.pdf")
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert set(KAZAKH_LETTERS) & set(text) == set("әғқңөұүі") & set(text)  # the letters survive
        assert "пилоттық жобаның өзектілігі" in text  # a criterion, in Kazakh
        assert "Болат Жақсыбеков" in text and "басқа бағдарламамен" in text
        for application in (evaluated["application"], *evaluated["others"].values()):
            assert application.number in text
        assert "59 000 EUR" in text.replace("\u00a0", " ")

    def test_an_english_page_gives_the_calls_first_language(self, client_for, call_staff, evaluated):
        Call.objects.filter(pk=evaluated["call"].pk).update(application_languages=["ru", "kk"])
        decide(evaluated["call"], call_staff)
        text = pdf_text(client_for(call_staff).get(f"/en/calls/{evaluated['call'].code}/manage/protocol.pdf").content)
        assert "актуальность и обоснованность пилотного проекта" in text

    def test_none_before_the_decision(self, client_for, call_staff, evaluated):
        assert client_for(call_staff).get(f"/kk/calls/{evaluated['call'].code}/manage/protocol.pdf").status_code == 404


class TestExports:
    def test_the_staffs_csv_has_every_score(self, client_for, call_staff, evaluated):
        response = client_for(call_staff).get(f"/en/calls/{evaluated['call'].code}/manage/ranking.csv")
        assert response["Content-Disposition"] == 'attachment; filename="open-call-ranking.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][:5] == [
            "Rank",
            "Application number",
            "Lead NGO",
            "Requested amount",
            "Evaluator 1, total of 100",
        ]
        first = dict(zip(rows[0], rows[1], strict=True))
        assert first["Application number"] == evaluated["others"][1].number
        assert first["Final score"] == "93.00" and first["Bonus"] == "3.00"  # Akmola region: +3

    def test_the_staffs_xlsx_keeps_numbers_as_numbers(self, client_for, call_staff, evaluated):
        response = client_for(call_staff).get(f"/en/calls/{evaluated['call'].code}/manage/ranking.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [c.value for c in sheet[1]]
        row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
        assert row["Rank"] == 1 and float(row["Final score"]) == 93.0

    def test_a_spreadsheet_never_runs_a_name_as_a_formula(self):
        content = tables.write_xlsx(["Name"], [['=HYPERLINK("http://x")']], title="t")
        cell = load_workbook(io.BytesIO(content)).active["A2"]
        assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
        assert tables.write_csv(["Name"], [["=1+1"]]).decode().splitlines()[1] == "'=1+1"

    @pytest.fixture
    def published(self, evaluated, call_staff):
        publish(evaluated["call"], call_staff)
        return evaluated

    def test_360giving_csv(self, client, published):
        response = client.get(f"/en/calls/{published['call'].code}/results.csv")
        text = response.content.decode()
        rows = list(csv.DictReader(io.StringIO(text)))
        required = [
            "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
            "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
            "Beneficiary Location:Name", "Beneficiary Location:Geographic Code", "Grant Programme:Title",
        ]  # fmt: skip
        assert set(required) <= set(rows[0])
        assert len(rows) == 5 and sum(Decimal(r["Amount Awarded"]) for r in rows) == Decimal("59000")
        real = next(r for r in rows if r["Identifier"].endswith(published["application"].number))
        lead = published["application"].consortium.lead
        assert real["Recipient Org:Identifier"] == f"KZ-BIN-{lead.bin}" and real["Currency"] == "EUR"
        assert real["Funding Org:Identifier"].startswith("KZ-BIN-") and real["Award Date"] == "2026-06-20"
        # Four pilots in four places: the first, then numbered as the standard flattens repeated objects.
        assert real["Beneficiary Location:Geographic Code"] == "113820100"
        assert real["Beneficiary Location:3:Geographic Code"] == "333233100"
        assert not EMAIL.search(text)

    def test_360giving_json(self, client, published):
        data = json.loads(client.get(f"/kk/calls/{published['call'].code}/results.json").content)
        assert set(data) == {"grants"} and len(data["grants"]) == 5
        grant = data["grants"][0]
        for key in ("id", "title", "description", "currency", "amountAwarded", "awardDate"):
            assert grant[key] not in (None, "")
        assert grant["amountAwarded"] == 12000 and grant["awardDate"] == "2026-06-20"
        assert grant["recipientOrganization"][0]["id"].startswith("KZ-BIN-")
        assert grant["fundingOrganization"][0]["name"] == published["call"].grant_maker.name_kk
        assert grant["beneficiaryLocation"][0] == {"name": grant["beneficiaryLocation"][0]["name"],
                                                   "geoCode": "117020100", "countryCode": "KZ"}  # fmt: skip
        assert grant["grantProgramme"][0]["code"] == "open-call"
        assert not EMAIL.search(json.dumps(data, ensure_ascii=False))

    def test_360giving_xlsx(self, client, published):
        response = client.get(f"/kk/calls/{published['call'].code}/results.xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in sheet[1]][:6] == [
            "Identifier", "Title", "Description", "Currency", "Amount Applied For", "Amount Awarded"
        ]  # fmt: skip
        assert sheet.max_row == 6


class TestPublicResults:
    def test_the_selected_consortia_with_members_pilots_and_places(self, client, evaluated, call_staff, partner_ngo):
        publish(evaluated["call"], call_staff)
        body = client.get(f"/kk/calls/{evaluated['call'].code}/results/").content.decode()
        application = evaluated["application"]
        assert application.consortium.lead.name_kk in body and partner_ngo.name_kk in body
        assert "Ауылдағы қалдықтарды бөлек жинау" in body  # a pilot's title
        assert "59\u00a0000\u00a0EUR" in body
        assert evaluated["others"][5].number not in body  # not selected
        assert not EMAIL.search(body.split("<main", 1)[1].split("</main>", 1)[0])

    def test_the_applicant_reads_its_scores_and_anonymous_comments(
        self, client_for, lead_head, partner_head, evaluated, call_staff, evaluators
    ):
        publish(evaluated["call"], call_staff)
        for person in (lead_head, partner_head):
            body = client_for(person).get(f"/kk/applications/{evaluated['application'].pk}/").content.decode()
            assert 'id="results"' in body and "Негіздеме 1" in body
            assert "8.00 / 10" in body  # (8 + 7 + 9) / 3 on each criterion
        assert all(e.email not in body and e.full_name not in body for e in evaluators)

    def test_a_failed_screening_is_explained(self, client_for, evaluated, call_staff):
        failed = evaluated["others"][6]
        publish(evaluated["call"], call_staff)
        head = UserFactory()
        failed.consortium.lead.memberships.create(user=head, role="head")
        body = client_for(head).get(f"/kk/applications/{failed.pk}/").content.decode()
        assert "Тіркеу куәлігі ескірген" in body


# --- Size and queries ---------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_ranking_page_needs_the_same_queries_for_any_number(client_for, call_staff, grant_maker, kato):
    small, large = scored_call(grant_maker, kato, 5, "q-small"), scored_call(grant_maker, kato, 30, "q-large")
    client = client_for(call_staff)
    counts = [count_queries(client, f"/kk/calls/{call.code}/manage/ranking/") for call in (small, large)]
    assert counts[0] == counts[1] <= 15
    for call in (small, large):
        decide(call, call_staff)
    counts = [count_queries(client, f"/kk/calls/{call.code}/manage/ranking/") for call in (small, large)]
    assert counts[0] == counts[1] <= 15  # decided: the frozen ranking only


def test_the_results_page_needs_the_same_queries_for_any_number(client, call_staff, grant_maker, kato):
    small, large = scored_call(grant_maker, kato, 2, "r-small"), scored_call(grant_maker, kato, 8, "r-large")
    for call in (small, large):
        Call.objects.filter(pk=call.pk).update(winners=10, total_budget=Decimal("200000"))
        publish(call, call_staff)
    counts = [count_queries(client, f"/kk/calls/{call.code}/results/") for call in (small, large)]
    assert counts[0] == counts[1]


def test_the_ranking_page_of_fifty_applications_is_small(client_for, call_staff, grant_maker, kato):
    call = scored_call(grant_maker, kato, 50, "fifty")
    size = len(client_for(call_staff).get(f"/kk/calls/{call.code}/manage/ranking/").content)
    assert size < 60_000, size


def test_the_ranking_comes_fifty_a_page_with_the_totals_of_all(client_for, call_staff, grant_maker, kato):
    call = scored_call(grant_maker, kato, 55, "q-paged")
    client = client_for(call_staff)
    first = client.get(f"/kk/calls/{call.code}/manage/ranking/")
    second = client.get(f"/kk/calls/{call.code}/manage/ranking/", {"page": 2})
    assert len(first.context["page"].object_list) == 50 and len(second.context["page"].object_list) == 5
    assert first.context["table"] is not None and len(first.context["table"].rows) == 55
    assert len(first.content) < 60 * 1024
