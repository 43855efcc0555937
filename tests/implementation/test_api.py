"""A grant's implementation through the API, with personal tokens: the pages' services and rules, for programs."""

import datetime
import io
import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from PIL import Image
from schemathesis.core import NOT_SET

from ecodialogue.implementation import plans, reports
from ecodialogue.implementation.models import (
    Agreement,
    AuthorityDecision,
    Expenditure,
    Output,
    Payment,
    PlanChange,
    Report,
    ReportComment,
)

from ..grants.test_api_consortia import bearer
from .conftest import part_of, pdf_upload

pytestmark = pytest.mark.django_db

API = "/api/v1"
today = timezone.localdate


@pytest.fixture(autouse=True)
def _private_files(tmp_path, monkeypatch):
    """Signed agreements, receipts, documents and outputs go to a temporary folder, never into var/."""
    storage = FileSystemStorage(location=tmp_path / "implementation")
    for model, name in (
        (Agreement, "signed_file"),
        (AuthorityDecision, "document"),
        (Expenditure, "receipt"),
        (Output, "file"),
    ):
        monkeypatch.setattr(model._meta.get_field(name), "storage", storage)


def call_api(client, method: str, url: str, headers: dict, body=None):
    data = "" if body is None else json.dumps(body)
    return client.generic(method.upper(), url, data, content_type="application/json", headers=headers)


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def part_body(**overrides) -> dict:
    values = {
        "narrative": "Ауылда екі кездесу өтті, контейнер алаңы дайындалды.",
        "participants": 40,
        "women": 25,
        "youth": 10,
        "events_held": 2,
        "materials_produced": 1,
        "infrastructure_installed": 2,
        "infrastructure_note": "Екі контейнер, мектеп жанында.",
        "ready": False,
    }
    return values | overrides


def expenditure_body(line_id: int, **overrides) -> dict:
    values = {
        "line_id": line_id,
        "spent_on": today().isoformat(),
        "description": "Семинар залын жалға алу",
        "paid_currency": "KZT",
        "paid_amount": "52000.00",
        "exchange_rate": "520.0000",
        "receipt": pdf_upload("receipt.pdf"),
    }
    return values | overrides


def refused(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:400]
    body = response.json()
    assert set(body) == {"code", "message", "details"} and body["message"], body
    assert body["code"] == code, body
    return body


@pytest.fixture
def written(interim, partner_ngo, partner_head):
    """The partner's first part of the interim report has a row of every kind; its plan has a proposal open."""
    part = part_of(interim, partner_ngo)
    plan = part.plan
    reports.part_save(part=part, actor=partner_head, data=reports.PartData(narrative="Кездесу өтті.", participants=12))
    reports.activity_progress_add(
        part=part, actor=partner_head, title="Кездесу", done_from=plan.starts_on, done_to=plan.starts_on
    )
    reports.expenditure_add(
        part=part, actor=partner_head, line_id=plan.budget_lines.first().pk, spent_on=today(),
        description="Шай", paid_currency="EUR", paid_amount=Decimal("30"), exchange_rate=None,
        upload=pdf_upload("receipt.pdf"),
    )  # fmt: skip
    reports.output_add(part=part, actor=partner_head, kind="material", title="Буклет", upload=pdf_upload("leaflet.pdf"))
    reports.decision_add(
        part=part, actor=partner_head, authority="akimat", title="Алаң бөлу туралы", adopted_on=today()
    )
    proposal = plans.plan_data(plan) | {"summary": "Жаңа сипаттама."}
    plans.plan_change_propose(plan=plan, actor=partner_head, proposal=proposal, reason="Нақтылау", base_version=1)
    return part


# --- The whole story ------------------------------------------------------------------


def test_an_agreement_is_drafted_set_signed_and_listed(
    client, awarded, network_call, call_staff, partner_head, lead_head, outsider, staff, starts_on
):
    headers = bearer(call_staff)
    url = f"{API}/calls/{network_call.code}/awards/{awarded.pk}/agreement"
    created = call_api(client, "post", url, headers, {"starts_on": starts_on.isoformat()})
    assert created.status_code == 201, created.json()
    agreement = created.json()
    assert agreement["status"] == "draft" and agreement["amount"] == "11000.00" and agreement["currency"] == "EUR"
    assert len(agreement["plans"]) == 4 and {p["budget_total"] for p in agreement["plans"]} == {"2750.00"}
    assert [(t["percent"], t["amount"]) for t in agreement["tranches"]] == [
        ("50.00", "5500.00"),
        ("40.00", "4400.00"),
        ("10.00", "1100.00"),
    ]
    assert [r["kind"] for r in agreement["reports"]] == ["interim", "final"]
    assert agreement["can_manage"] is True and agreement["next_states"] == ["signed"]
    refused(call_api(client, "post", url, headers, {"starts_on": starts_on.isoformat()}), 409, "agreement.exists")

    base = f"{API}/agreements/{agreement['id']}"
    ends_on = datetime.date.fromisoformat(agreement["ends_on"])
    terms = {
        "amount": "11000.00",
        "tranche_percents": ["60", "30"],
        "reports": [
            {"kind": "final", "period_start": starts_on.isoformat(), "period_end": ends_on.isoformat(),
             "due_on": (ends_on + datetime.timedelta(days=15)).isoformat()},
        ],
        "pilot_periods": [],
        "notes": "Екі транш.",
    }  # fmt: skip
    bad = refused(call_api(client, "put", f"{base}/terms", headers, terms), 422, "agreement.terms")
    assert "tranches_not_100" in bad["details"]
    plan_id = agreement["plans"][0]["id"]
    too_long = terms | {
        "tranche_percents": ["60", "40"],
        "pilot_periods": [{"plan_id": plan_id, "starts_on": starts_on.isoformat(),
                           "ends_on": (starts_on + datetime.timedelta(days=250)).isoformat()}],
    }  # fmt: skip
    assert "period_too_long" in refused(call_api(client, "put", f"{base}/terms", headers, too_long), 422,
                                        "agreement.terms")["details"]  # fmt: skip
    foreign = too_long | {"pilot_periods": [{**too_long["pilot_periods"][0], "plan_id": 2**31 - 1}]}
    refused(call_api(client, "put", f"{base}/terms", headers, foreign), 422, "agreement.plan_unknown")
    saved = call_api(client, "put", f"{base}/terms", headers, terms | {"tranche_percents": ["60", "40"]})
    assert saved.status_code == 200, saved.json()
    assert [t["amount"] for t in saved.json()["tranches"]] == ["6600.00", "4400.00"]
    assert saved.json()["notes"] == "Екі транш." and [r["kind"] for r in saved.json()["reports"]] == ["final"]

    # The signed scan: a PDF by its content.
    fake = SimpleUploadedFile("signed.pdf", b"not a pdf", content_type="application/pdf")
    not_pdf = client.post(f"{base}/sign", {"signed_on": today().isoformat(), "file": fake}, headers=headers)
    assert not_pdf.status_code == 422 and not_pdf.json()["code"].startswith("agreement.")
    signed = client.post(f"{base}/sign", {"signed_on": today().isoformat(), "file": pdf_upload()}, headers=headers)
    assert signed.status_code == 200, signed.json()
    assert signed.json()["status"] == "signed" and signed.json()["signed_on"] == today().isoformat()
    assert len(signed.json()["signed_file"]["sha256"]) == 64
    assert signed.json()["next_states"] == ["active", "terminated"]
    refused(call_api(client, "put", f"{base}/terms", headers, terms), 409, "agreement.frozen")
    unexplained = call_api(client, "post", f"{base}/transition", headers, {"to": "terminated"})
    refused(unexplained, 422, "agreement.reason")
    refused(call_api(client, "post", f"{base}/transition", headers, {"to": "signed"}), 422, "agreement.sign_with_file")
    refused(call_api(client, "post", f"{base}/transition", headers, {"to": "closed"}), 409, "agreement.reports_open")
    started = call_api(client, "post", f"{base}/transition", headers, {"to": "active", "note": "Басталды."})
    assert started.status_code == 200 and started.json()["status"] == "active"
    assert started.json()["transitions"][-1]["to_status"] == "active" and started.json()["transitions"][-1]["note"]

    # Each sees the agreements they may: the consortium and the call's staff, nobody else.
    for person, expected in ((call_staff, [agreement["id"]]), (partner_head, [agreement["id"]]),
                             (lead_head, [agreement["id"]]), (outsider, []), (staff, [])):  # fmt: skip
        listed = client.get(f"{API}/agreements", headers=bearer(person))
        assert listed.status_code == 200 and [a["id"] for a in listed.json()] == expected, person
    assert client.get(f"{API}/agreements?status=draft", headers=headers).json() == []
    assert len(client.get(f"{API}/agreements?call={network_call.code}", headers=headers).json()) == 1
    member_view = client.get(base, headers=bearer(partner_head)).json()
    assert member_view["can_manage"] is False and member_view["number"] == agreement["number"]


def test_a_report_is_written_submitted_returned_approved_and_its_tranche_paid(
    client, interim, signed, lead_ngo, partner_ngo, lead_head, lead_colleague, partner_head, call_staff
):
    partner, lead, colleague, staff = (bearer(p) for p in (partner_head, lead_head, lead_colleague, call_staff))
    base = f"{API}/reports/{interim.pk}"
    report = client.get(base, headers=partner)
    assert report.status_code == 200, report.json()
    body = report.json()
    assert body["status"] == "draft" and body["writable"] and len(body["parts"]) == 4
    assert body["can_submit"] is False and body["can_write_summary"] is False
    assert body["checklist"]["ready"] is False
    assert "summary_missing" in {f["code"] for f in body["checklist"]["findings"]}
    own = part_of(interim, partner_ngo)
    editable = {p["id"]: p["editable"] for p in body["parts"]}
    assert editable[own.pk] is True and editable[part_of(interim, lead_ngo).pk] is False

    # The partner saves its part: more women than people is refused, in the language asked for.
    part_url = f"{base}/parts/{own.pk}"
    for lang in ("kk", "ru", "en"):
        too_many = call_api(client, "put", f"{part_url}?lang={lang}", partner, part_body(women=41))
        error = refused(too_many, 422, "part.invalid")
        with translation.override(lang):
            expected = gettext("Women cannot be more than the people involved in total.")
        assert error["message"] == expected and error["details"] == [
            {"code": "women_exceed_total", "message": expected}
        ]
    own.refresh_from_db()
    assert own.participants is None
    indicator = own.plan.indicators.get()
    saved = call_api(client, "put", part_url, partner, part_body(actuals={str(indicator.pk): "2.5"}))
    assert saved.status_code == 200, saved.json()
    assert saved.json()["participants"] == 40 and saved.json()["women"] == 25
    assert saved.json()["indicators"] == [
        {
            "indicator_id": indicator.pk,
            "name": indicator.name,
            "unit": indicator.unit,
            "target": "5.00",
            "value": "2.50",
        }
    ]
    refused(call_api(client, "put", part_url, partner, part_body(actuals={"2147483647": "1"})), 422, "part.indicator")
    lead_part = f"{base}/parts/{part_of(interim, lead_ngo).pk}"
    refused(call_api(client, "put", lead_part, partner, part_body()), 403, "permission.denied")

    # Activities, spending with its receipt (tenge at the rate used), a material and a photo, a decision.
    plan = own.plan
    done = {"title": "Тұрғындармен кездесу", "done_from": plan.starts_on.isoformat(),
            "done_to": (plan.starts_on + datetime.timedelta(days=1)).isoformat()}  # fmt: skip
    activity = call_api(client, "post", f"{part_url}/activities", partner, done)
    assert activity.status_code == 201, activity.json()
    early = done | {"done_from": (plan.starts_on - datetime.timedelta(days=3)).isoformat()}
    assert refused(call_api(client, "post", f"{part_url}/activities", partner, early), 422,
                   "activity.dates")["details"][0]["code"] == "dates_outside_period"  # fmt: skip
    line = plan.budget_lines.get(item="Семинар")
    spent = client.post(f"{part_url}/expenditures", expenditure_body(line.pk), headers=partner)
    assert spent.status_code == 201, spent.json()
    assert spent.json()["amount"] == "100.00" and spent.json()["exchange_rate"] == "520.0000"
    assert spent.json()["paid_currency"] == "KZT" and spent.json()["category"] == "events"
    assert len(spent.json()["receipt_sha256"]) == 64
    no_rate = client.post(f"{part_url}/expenditures", expenditure_body(line.pk, exchange_rate=""), headers=partner)
    assert refused(no_rate, 422, "expenditure.invalid")["details"][0]["code"] == "rate_missing"
    other_line = part_of(interim, lead_ngo).plan.budget_lines.first()
    foreign = client.post(f"{part_url}/expenditures", expenditure_body(other_line.pk), headers=partner)
    assert "line_not_approved" in {d["code"] for d in refused(foreign, 422, "expenditure.invalid")["details"]}
    receipt = {k: v for k, v in expenditure_body(line.pk).items() if k != "receipt"}
    refused(client.post(f"{part_url}/expenditures", receipt, headers=partner), 422, "validation_error")
    material = client.post(
        f"{part_url}/outputs",
        {"kind": "material", "title": "Буклет", "file": pdf_upload("leaflet.pdf")},
        headers=partner,
    )
    assert material.status_code == 201 and material.json()["visibility"] == "pending", material.json()
    photo = client.post(
        f"{part_url}/outputs", {"kind": "photo", "title": "Алаң", "file": png_upload()}, headers=partner
    )
    assert photo.status_code == 201 and photo.json()["visibility"] == "manual", photo.json()
    adopted = {"authority": "maslikhat", "title": "Қалдықтарды бөлек жинау ережесі", "number": "12/3",
               "adopted_on": today().isoformat()}  # fmt: skip
    decision = client.post(f"{part_url}/decisions", adopted | {"document": pdf_upload("decision.pdf")}, headers=partner)
    assert decision.status_code == 201 and len(decision.json()["document_sha256"]) == 64, decision.json()
    bare = client.post(f"{part_url}/decisions", adopted | {"authority": "akimat"}, headers=partner)
    assert bare.status_code == 201 and bare.json()["document_sha256"] == "", bare.json()
    assert client.delete(f"{part_url}/decisions/{bare.json()['id']}", headers=partner).status_code == 204
    part = client.get(base, headers=partner).json()["parts"]
    mine = next(p for p in part if p["id"] == own.pk)
    assert [len(mine[k]) for k in ("activities", "expenditures", "outputs", "decisions")] == [1, 1, 2, 1]
    assert {(ln["item"], ln["spent"]) for ln in mine["budget_lines"]} == {("Семинар", "100.00"), ("Контейнер", "0.00")}

    # Staff confirm the photo shows the statement; members may not.
    confirm = f"{API}/outputs/{photo.json()['id']}/visibility"
    refused(call_api(client, "post", confirm, partner, {"shows_statement": True}), 403, "permission.denied")
    confirmed = call_api(client, "post", confirm, staff, {"shows_statement": True})
    assert confirmed.status_code == 200 and confirmed.json()["visibility"] == "confirmed"

    # The lead's colleague writes the summary; only the lead's head submits, and only a complete report.
    refused(call_api(client, "put", f"{base}/summary", partner, {"summary": "Бәрі жақсы."}), 403, "permission.denied")
    summary = call_api(client, "put", f"{base}/summary", colleague, {"summary": "Төрт пилот басталды."})
    assert summary.status_code == 200 and summary.json()["summary"] == "Төрт пилот басталды."
    refused(client.post(f"{base}/submit", headers=colleague), 403, "permission.denied")
    incomplete = refused(client.post(f"{base}/submit", headers=lead), 422, "report.incomplete")
    codes = {d["code"] for d in incomplete["details"]}
    assert "part_not_ready" in codes and "summary_missing" not in codes
    for other in interim.parts.exclude(pk=own.pk):
        ready = call_api(client, "put", f"{base}/parts/{other.pk}", colleague, part_body(ready=True))
        assert ready.status_code == 200, ready.json()
    assert call_api(client, "put", part_url, partner, part_body(ready=True)).json()["ready"] is True
    assert client.get(base, headers=lead).json()["checklist"]["ready"] is True
    submitted = client.post(f"{base}/submit", headers=lead)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted", submitted.json()
    assert submitted.json()["writable"] is False
    refused(call_api(client, "put", part_url, partner, part_body()), 409, "report.submitted")

    # Staff return it with a comment on the partner's spending; it is fixed and approved.
    refused(call_api(client, "post", f"{base}/return", lead, {"comments": []}), 403, "permission.denied")
    refused(call_api(client, "post", f"{base}/return", staff, {"comments": []}), 422, "report.comments")
    comment = {"part_id": own.pk, "section": "expenditure", "text": "Чектің түпнұсқасын қосыңыз."}
    returned = call_api(client, "post", f"{base}/return", staff, {"comments": [comment]})
    assert returned.status_code == 200 and returned.json()["status"] == "returned", returned.json()
    assert returned.json()["round"] == 2
    assert [(c["part_id"], c["section"], c["round"]) for c in returned.json()["comments"]] == [
        (own.pk, "expenditure", 1)
    ]
    assert ReportComment.objects.get().text == comment["text"]
    assert next(p for p in returned.json()["parts"] if p["id"] == own.pk)["ready"] is False
    again = call_api(client, "put", part_url, partner, part_body(ready=True))
    assert again.status_code == 200
    assert client.post(f"{base}/submit", headers=lead).json()["status"] == "submitted"
    refused(call_api(client, "post", f"{base}/approve", lead, {"note": ""}), 403, "permission.denied")
    approved = call_api(client, "post", f"{base}/approve", staff, {"note": "Қабылданды."})
    assert approved.status_code == 200 and approved.json()["status"] == "approved", approved.json()
    assert len(approved.json()["sha256"]) == 64
    refused(call_api(client, "post", f"{base}/approve", staff, {"note": ""}), 409, "report.not_submitted")
    refused(call_api(client, "put", part_url, partner, part_body()), 409, "report.frozen")

    # The tranche the approval releases is paid once; the final report's tranche waits.
    agreement = f"{API}/agreements/{signed.pk}"
    assert client.get(agreement, headers=staff).json()["status"] == "active"
    payment = {"paid_on": today().isoformat(), "reference": "ПП-204"}
    refused(call_api(client, "post", f"{agreement}/tranches/2/payment", lead, payment), 403, "permission.denied")
    paid = call_api(client, "post", f"{agreement}/tranches/2/payment", staff, payment)
    assert paid.status_code == 201, paid.json()
    assert paid.json()["payment"]["amount"] == "4400.00" and paid.json()["payment"]["reference"] == "ПП-204"
    refused(call_api(client, "post", f"{agreement}/tranches/2/payment", staff, payment), 409, "tranche.already_paid")
    waiting = call_api(client, "post", f"{agreement}/tranches/3/payment", staff, payment)
    refused(waiting, 409, "tranche.report_not_approved")
    first = call_api(client, "post", f"{agreement}/tranches/1/payment", staff, payment | {"amount": "5500.01"})
    refused(first, 422, "tranche.amount")
    refused(call_api(client, "post", f"{agreement}/tranches/9/payment", staff, payment), 404, "not_found")
    assert Payment.objects.count() == 1
    tranches = client.get(agreement, headers=partner).json()["tranches"]
    assert [t["payment"] is not None for t in tranches] == [False, True, False]
    assert tranches[1]["report_status"] == "approved"


def test_rows_are_removed_by_the_part_they_belong_to(client, written, interim, lead_ngo, partner_head, lead_head):
    partner = bearer(partner_head)
    base = f"{API}/reports/{interim.pk}/parts/{written.pk}"
    rows = {
        "activities": written.activities.get().pk,
        "expenditures": written.expenditures.get().pk,
        "outputs": written.outputs.get().pk,
        "decisions": written.decisions.get().pk,
    }
    other_part = f"{API}/reports/{interim.pk}/parts/{part_of(interim, lead_ngo).pk}"
    for kind, row in rows.items():
        # Through another part the row is not found (the lead may write that part, but the row is not in it).
        refused(client.delete(f"{other_part}/{kind}/{row}", headers=bearer(lead_head)), 404, "not_found")
        assert client.delete(f"{base}/{kind}/{row}", headers=partner).status_code == 204
        refused(client.delete(f"{base}/{kind}/{row}", headers=partner), 404, "not_found")
    written.refresh_from_db()
    assert not (written.activities.exists() or written.expenditures.exists() or written.outputs.exists())
    assert not written.decisions.exists()


def test_a_plan_change_is_proposed_and_decided(client, signed, partner_ngo, partner_head, lead_colleague, call_staff):
    partner, staff = bearer(partner_head), bearer(call_staff)
    plan = signed.plans.filter(organization=partner_ngo).first()
    url = f"{API}/plans/{plan.pk}"
    shown = client.get(url, headers=partner)
    assert shown.status_code == 200, shown.json()
    data = shown.json()
    assert data["version"] == 1 and data["can_propose"] is True and data["can_decide"] is False
    assert [(ln["item"], ln["amount"], ln["spent"]) for ln in data["budget_lines"]] == [
        ("Семинар", "750.00", "0.00"),
        ("Контейнер", "2000.00", "0.00"),
    ]
    assert [(c["category"], c["approved"]) for c in data["categories"]] == [
        ("events", "750.00"),
        ("infrastructure", "2000.00"),
    ]
    # Move 100 EUR from events to infrastructure: 13 % of events, more than the call's 10 %.
    proposal = data | {
        "budget_lines": [
            data["budget_lines"][0] | {"unit_cost": "325.00"},
            data["budget_lines"][1] | {"unit_cost": "525"},
        ]
    }
    staff_try = call_api(
        client, "post", f"{url}/changes", staff, {"proposal": proposal, "reason": "Баға", "base_version": 1}
    )
    refused(staff_try, 403, "permission.denied")
    stale = call_api(
        client, "post", f"{url}/changes", partner, {"proposal": proposal, "reason": "Баға", "base_version": 0}
    )
    refused(stale, 409, "plan.stale")
    over = proposal | {"budget_lines": [data["budget_lines"][0] | {"unit_cost": "5000"}]}
    invalid = call_api(
        client, "post", f"{url}/changes", partner, {"proposal": over, "reason": "Баға", "base_version": 1}
    )
    assert "plan_over_budget" in {d["code"] for d in refused(invalid, 422, "plan.invalid")["details"]}
    proposed = call_api(
        client, "post", f"{url}/changes", partner, {"proposal": proposal, "reason": "Баға", "base_version": 1}
    )
    assert proposed.status_code == 201, proposed.json()
    change = proposed.json()
    assert change["status"] == "proposed" and change["reallocation"] == [
        plan.budget_lines.get(item="Семинар").category_id
    ]
    assert change["before"]["budget_lines"][0]["unit_cost"] == "375.00"
    assert client.get(url, headers=partner).json()["open_change_id"] == change["id"]
    decide = f"{url}/changes/{change['id']}"
    refused(call_api(client, "post", f"{decide}/approve", partner, {"note": ""}), 403, "permission.denied")
    refused(call_api(client, "post", f"{decide}/reject", staff, {"note": ""}), 422, "plan.note")
    approved = call_api(client, "post", f"{decide}/approve", staff, {"note": "Келісемін."})
    assert approved.status_code == 200 and approved.json()["status"] == "approved", approved.json()
    assert approved.json()["decision_note"] == "Келісемін."
    after = client.get(url, headers=partner).json()
    assert after["version"] == 2 and [ln["amount"] for ln in after["budget_lines"]] == ["650.00", "2100.00"]
    refused(client.post(f"{decide}/withdraw", headers=partner), 409, "plan.change_decided")

    # The lead NGO proposes for the partner's pilot too, and withdraws it.
    colleague = bearer(lead_colleague)
    summary = {"proposal": after | {"summary": "Нақтыланды."}, "reason": "Сипаттама", "base_version": 2}
    second = call_api(client, "post", f"{url}/changes", colleague, summary)
    assert second.status_code == 201, second.json()
    withdrawn = client.post(f"{url}/changes/{second.json()['id']}/withdraw", headers=colleague)
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    history = client.get(f"{url}/changes", headers=staff).json()
    assert [c["status"] for c in history] == ["withdrawn", "approved"]


# --- Who may --------------------------------------------------------------------------


def operations(agreement, report, part, plan, change) -> list[tuple[str, str, str, object]]:
    """Every operation that needs a sign-in, with a valid body, and who may do it.

    `view`: whoever sees the agreement; `staff`: the call's staff; `part`: the pilot's NGO and the lead;
    `lead`: the lead NGO's people; `lead_head`: the lead's heads; `award`: the call's staff, on a public call.
    """
    a, r = f"{API}/agreements/{agreement.pk}", f"{API}/reports/{report.pk}"
    p, pl = f"{r}/parts/{part.pk}", f"{API}/plans/{plan.pk}"
    row = {kind: getattr(part, kind).first().pk for kind in ("activities", "expenditures", "outputs", "decisions")}
    output = part.outputs.first().pk
    day = today().isoformat()
    terms = {"amount": "1", "tranche_percents": ["100"], "reports": [], "notes": ""}
    return [
        ("get", a, "view", None),
        ("post", f"{API}/calls/{agreement.call.code}/awards/{agreement.award_id}/agreement", "award",
         {"starts_on": day}),
        ("put", f"{a}/terms", "staff", terms),
        ("post", f"{a}/sign", "staff", {"signed_on": day, "file": pdf_upload()}),
        ("post", f"{a}/transition", "staff", {"to": "active", "note": ""}),
        ("post", f"{a}/tranches/1/payment", "staff", {"paid_on": day, "reference": ""}),
        ("get", pl, "view", None),
        ("get", f"{pl}/changes", "view", None),
        ("post", f"{pl}/changes", "part", {"proposal": {"title": "Жоба"}, "reason": "Себеп", "base_version": 1}),
        ("post", f"{pl}/changes/{change.pk}/approve", "staff", {"note": ""}),
        ("post", f"{pl}/changes/{change.pk}/reject", "staff", {"note": "Жоқ"}),
        ("post", f"{pl}/changes/{change.pk}/withdraw", "part", None),
        ("get", r, "view", None),
        ("put", p, "part", part_body()),
        ("post", f"{p}/activities", "part", {"title": "Кездесу", "done_from": day, "done_to": day}),
        ("delete", f"{p}/activities/{row['activities']}", "part", None),
        ("post", f"{p}/expenditures", "part", expenditure_body(plan.budget_lines.first().pk)),
        ("delete", f"{p}/expenditures/{row['expenditures']}", "part", None),
        ("post", f"{p}/outputs", "part", {"kind": "photo", "title": "Фото", "file": png_upload()}),
        ("delete", f"{p}/outputs/{row['outputs']}", "part", None),
        ("post", f"{p}/decisions", "part", {"authority": "akimat", "title": "Шешім", "adopted_on": day}),
        ("delete", f"{p}/decisions/{row['decisions']}", "part", None),
        ("put", f"{r}/summary", "lead", {"summary": "Қорытынды"}),
        ("post", f"{r}/submit", "lead_head", None),
        ("post", f"{r}/return", "staff", {"comments": [{"section": "summary", "text": "Толықтырыңыз"}]}),
        ("post", f"{r}/approve", "staff", {"note": ""}),
        ("post", f"{API}/outputs/{output}/visibility", "staff", {"shows_statement": True}),
    ]  # fmt: skip


MULTIPART = ("/sign", "/expenditures", "/outputs", "/decisions")


def send(client, method: str, url: str, body, headers: dict):
    if method == "post" and url.endswith(MULTIPART):
        for value in body.values():
            if isinstance(value, SimpleUploadedFile):
                value.seek(0)
        return client.post(url, body, headers=headers)
    return call_api(client, method, url, headers, body)


def test_everyone_gets_what_their_role_allows_and_no_more(
    client, written, interim, signed, outsider, staff, call_staff, lead_head, lead_colleague, partner_head
):
    """Refusals only (what is allowed is the stories above): 404 for who may not know, 403 for who may see."""
    change = PlanChange.objects.get()
    ops = operations(signed, interim, written, written.plan, change)
    assert len(ops) == 27  # with GET /agreements (below) every operation that needs a sign-in
    allowed = {
        "outsider": set(),
        "other staff": set(),
        "call staff": {"view", "staff", "award"},
        "partner head": {"view", "part"},
        "lead colleague": {"view", "part", "lead"},
        "lead head": {"view", "part", "lead", "lead_head"},
    }
    people = {
        "outsider": outsider,
        "other staff": staff,
        "call staff": call_staff,
        "partner head": partner_head,
        "lead colleague": lead_colleague,
        "lead head": lead_head,
    }
    for role, person in people.items():
        headers = bearer(person)
        for method, url, who, body in ops:
            if who in allowed[role]:
                continue
            response = send(client, method, url, body, headers)
            # The call is public, so its award is no secret: the operation is refused, not hidden.
            sees = who == "award" or bool(allowed[role])
            expected, code = (403, "permission.denied") if sees else (404, "not_found")
            assert response.status_code == expected, (role, method, url, response.content[:300])
            assert response.json()["code"] == code
    # Nobody without a token, not even for the list.
    for method, url, _who, body in [*ops, ("get", f"{API}/agreements", "view", None)]:
        assert send(client, method, url, body, {}).status_code == 401, (method, url)
    # Nothing changed.
    written.refresh_from_db()
    assert written.activities.count() == 1 and written.outputs.count() == 1 and written.participants == 12
    assert Report.objects.get(pk=interim.pk).status == "draft" and change.plan.changes.get().status == "proposed"
    assert Agreement.objects.get().status == "signed" and not Payment.objects.exists()


def test_the_lead_fills_a_partners_part_but_a_partner_not_the_leads(
    client, interim, lead_ngo, partner_ngo, lead_colleague, partner_head
):
    partner_part = f"{API}/reports/{interim.pk}/parts/{part_of(interim, partner_ngo).pk}"
    lead_part = f"{API}/reports/{interim.pk}/parts/{part_of(interim, lead_ngo).pk}"
    assert call_api(client, "put", partner_part, bearer(lead_colleague), part_body()).status_code == 200
    refused(call_api(client, "put", lead_part, bearer(partner_head), part_body()), 403, "permission.denied")
    refused(call_api(client, "put", f"{API}/reports/{interim.pk}/parts/2147483647", bearer(partner_head),
                     part_body()), 404, "not_found")  # fmt: skip


def test_garbage_is_refused_with_structured_errors(client, interim, partner_ngo, partner_head):
    url = f"{API}/reports/{interim.pk}/parts/{part_of(interim, partner_ngo).pk}"
    partner = bearer(partner_head)
    for bad in (
        {"participants": -1},
        {"participants": "many"},
        {"narrative": "нөл\x00таңба"},
        {"actuals": {"abc": "1"}},
        {"actuals": {"1": "NaN"}},
        {"actuals": {"1": "1.234"}},
    ):
        refused(call_api(client, "put", url, partner, part_body(**bad)), 422, "validation_error")
    activity = {"title": "Кездесу", "done_from": "0001-01-01", "done_to": "0001-01-02"}
    refused(call_api(client, "post", f"{url}/activities", partner, activity), 422, "validation_error")


# --- Public results ---------------------------------------------------------------------


@pytest.fixture
def approved(written, interim, partner_head, lead_colleague, lead_head, call_staff):
    """The interim report, every part complete, submitted and approved; the final report has draft figures."""
    data = reports.PartData(narrative="Кездесу өтті.", participants=40, women=25, youth=10, events_held=2, ready=True)
    reports.part_save(part=written, actor=partner_head, data=data)
    for part in interim.parts.exclude(pk=written.pk):
        other = reports.PartData(narrative="Жұмыс басталды.", participants=10, women=5, youth=5, ready=True)
        reports.part_save(part=part, actor=lead_colleague, data=other)
    reports.report_summary_save(report=interim, actor=lead_colleague, summary="Төрт пилот басталды.")
    reports.report_submit(report=interim, actor=lead_head)
    reports.report_approve(report=interim, actor=call_staff)
    final = interim.agreement.reports.get(sequence=2)
    unapproved = reports.PartData(narrative="Әлі жазылуда.", participants=1000, women=900)
    reports.part_save(part=part_of(final, written.plan.organization), actor=partner_head, data=unapproved)
    return interim


def test_the_public_sees_approved_figures_and_no_person(
    client, approved, written, signed, network_call, call_staff, lead_head, lead_colleague, partner_head, staff
):
    url = f"{API}/public/pilots/{written.plan_id}"
    pilot = client.get(url)
    assert pilot.status_code == 200, pilot.json()
    body = pilot.json()
    assert body["title"] == written.plan.title and body["organization"]["name"] == written.plan.organization.name
    assert body["settlement"]["code"] == "331010000" and body["status"] == "active"
    standard = body["standard"]
    # The approved interim report's figures; the final report's draft (1,000 people) is not public.
    assert (standard["reports"], standard["participants"], standard["women"], standard["women_percent"]) == (
        1, 40, 25, 63,
    )  # fmt: skip
    assert [(d["authority"], d["title"]) for d in body["decisions"]] == [("akimat", "Алаң бөлу туралы")]
    assert {(c["approved"], c["spent"]) for c in body["budget"]} == {("750.00", "30.00"), ("2000.00", "0.00")}
    assert body["outputs"] == []  # the leaflet is not confirmed to carry the EU statement yet
    output = written.outputs.get()
    call_api(client, "post", f"{API}/outputs/{output.pk}/visibility", bearer(call_staff), {"shows_statement": True})
    (shown,) = client.get(url).json()["outputs"]
    assert shown["title"] == "Буклет" and shown["url"].endswith(f"/pilots/{written.plan_id}/outputs/{output.pk}/file")

    impact = client.get(f"{API}/public/calls/{network_call.code}/impact")
    assert impact.status_code == 200, impact.json()
    figures = impact.json()
    assert figures["agreements"] == 1 and figures["awarded"] == "11000.00" and len(figures["pilots"]) == 4
    assert figures["totals"]["participants"] == 40 + 3 * 10 and figures["spent"] == "30.00"
    assert [d["plan_title"] for d in figures["decisions"]] == [written.plan.title]

    text = pilot.content.decode() + client.get(url).content.decode() + impact.content.decode()
    for person in (call_staff, lead_head, lead_colleague, partner_head):
        assert person.email not in text and person.full_name not in text
    assert "receipt.pdf" not in text and "leaflet.pdf" not in text and "Шай" not in text  # receipts stay private
    # Signed in or not, the same: public data only.
    assert client.get(url, headers=bearer(staff)).json()["standard"] == client.get(url).json()["standard"]


def test_a_draft_agreements_pilot_is_not_public(client, agreement, network_call, draft_call):
    plan = agreement.plans.first()
    refused(client.get(f"{API}/public/pilots/{plan.pk}"), 404, "not_found")
    refused(client.get(f"{API}/public/pilots/2147483647"), 404, "not_found")
    refused(client.get(f"{API}/public/calls/{network_call.code}/impact"), 404, "not_found")
    refused(client.get(f"{API}/public/calls/{draft_call.code}/impact"), 404, "not_found")
    refused(client.get(f"{API}/public/calls/no-such-call/impact"), 404, "not_found")


# --- The schema and generated input ---------------------------------------------------

IMPLEMENTATION_OPERATIONS = 30


def implementation_operations(paths: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, methods in paths.items()
        for method, operation in methods.items()
        if operation.get("tags") == ["implementation"]
    ]


def test_the_openapi_schema_documents_every_operation(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    found = {(method, path) for method, path, _operation in implementation_operations(paths)}
    assert len(found) == IMPLEMENTATION_OPERATIONS
    for method, path in (
        ("get", "/agreements"),
        ("get", "/agreements/{agreement_id}"),
        ("post", "/calls/{code}/awards/{award_id}/agreement"),
        ("put", "/agreements/{agreement_id}/terms"),
        ("post", "/agreements/{agreement_id}/sign"),
        ("post", "/agreements/{agreement_id}/transition"),
        ("post", "/agreements/{agreement_id}/tranches/{position}/payment"),
        ("get", "/plans/{plan_id}"),
        ("get", "/plans/{plan_id}/changes"),
        ("post", "/plans/{plan_id}/changes"),
        ("post", "/plans/{plan_id}/changes/{change_id}/approve"),
        ("post", "/plans/{plan_id}/changes/{change_id}/reject"),
        ("post", "/plans/{plan_id}/changes/{change_id}/withdraw"),
        ("get", "/reports/{report_id}"),
        ("put", "/reports/{report_id}/parts/{part_id}"),
        ("post", "/reports/{report_id}/parts/{part_id}/activities"),
        ("delete", "/reports/{report_id}/parts/{part_id}/activities/{row_id}"),
        ("post", "/reports/{report_id}/parts/{part_id}/expenditures"),
        ("delete", "/reports/{report_id}/parts/{part_id}/expenditures/{row_id}"),
        ("post", "/reports/{report_id}/parts/{part_id}/outputs"),
        ("delete", "/reports/{report_id}/parts/{part_id}/outputs/{row_id}"),
        ("post", "/reports/{report_id}/parts/{part_id}/decisions"),
        ("delete", "/reports/{report_id}/parts/{part_id}/decisions/{row_id}"),
        ("put", "/reports/{report_id}/summary"),
        ("post", "/reports/{report_id}/submit"),
        ("post", "/reports/{report_id}/return"),
        ("post", "/reports/{report_id}/approve"),
        ("post", "/outputs/{output_id}/visibility"),
        ("get", "/public/pilots/{plan_id}"),
        ("get", "/public/calls/{code}/impact"),
    ):
        assert (method, f"{API}{path}") in found, (method, path)
    operations_ = implementation_operations(paths)
    assert all(operation.get("summary") and operation.get("operationId") for _m, _p, operation in operations_)
    assert all(("security" in operation) == ("/public/" not in path) for _m, path, operation in operations_)
    # The other apps' schemas keep their names: none of ours took one of theirs.
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]
    assert "score" not in json.dumps(schemas["AuthorityDecisionOut"]) and "awards" in json.dumps(schemas["DecisionOut"])


def fuzz(client, operations_, real: dict, headers_for, max_examples: int = 20):
    for operation in operations_:

        @settings(max_examples=max_examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            case.path_parameters = {name: real(name, case.path) for name in case.path_parameters or {}}
            headers = headers_for(case)
            path = case.formatted_path
            if case.media_type == "multipart/form-data":
                body = dict(case.body) if isinstance(case.body, dict) else {}
                for name in ("file", "receipt", "document"):
                    if isinstance(body.get(name), bytes | str):
                        content = body[name].encode() if isinstance(body[name], str) else body[name]
                        body[name] = SimpleUploadedFile("generated.pdf", content)
                response = client.post(path, {k: v for k, v in body.items() if v is not None}, headers=headers)
            else:
                data = "" if case.body is NOT_SET else json.dumps(case.body)
                response = client.generic(
                    case.method, path, data, content_type="application/json", headers=headers,
                    QUERY_STRING=urlencode(case.query or {}, doseq=True),
                )  # fmt: skip
            assert response.status_code < 500, (case.method, path, case.body, response.content[:300])
            if response.status_code >= 400:
                assert set(response.json()) == {"code", "message", "details"}

        check()


def test_no_generated_input_makes_the_implementation_operations_fail(
    client, written, interim, signed, lead_head, call_staff
):
    """Generated queries and bodies against a real report, as the lead's head and as staff: never a server error."""
    change = PlanChange.objects.get()
    values = {
        "agreement_id": signed.pk, "code": signed.call.code, "award_id": signed.award_id, "position": 2,
        "plan_id": written.plan_id, "change_id": change.pk, "report_id": interim.pk, "part_id": written.pk,
        "output_id": written.outputs.get().pk,
    }  # fmt: skip
    rows = {kind: getattr(written, kind).get().pk for kind in ("activities", "expenditures", "outputs", "decisions")}

    def real(name: str, path: str):
        # A row of the kind the path names: .../parts/{part_id}/<kind>/{row_id}.
        return rows[path.split("/")[-2]] if name == "row_id" else values[name]

    schema = schemathesis.openapi.from_dict(client.get(f"{API}/openapi.json").json())
    found = [r.ok() for r in schema.get_all_operations()]
    found = [op for op in found if op.definition.raw.get("tags") == ["implementation"]]
    assert len(found) == IMPLEMENTATION_OPERATIONS
    lead, staff = bearer(lead_head), bearer(call_staff)
    staff_paths = ("/terms", "/sign", "/transition", "/payment", "/approve", "/reject", "/return", "/visibility",
                   "/awards/")  # fmt: skip

    def headers_for(case):
        return staff if any(p in case.path for p in staff_paths) else lead

    # Reads first, then writes; the removals last, since they take the rows the others use.
    found.sort(key=lambda op: ({"GET": 0, "DELETE": 2}.get(op.method.upper(), 1), op.path))
    fuzz(client, found, real, headers_for)


def test_reads_take_a_constant_number_of_queries(
    client, approved, written, signed, partner_head, network_call, django_assert_max_num_queries
):
    """Whatever the number of parts and rows: everything is prefetched (the report's checklist reads its own)."""
    member = bearer(partner_head)
    for url, headers, most in (
        (f"{API}/agreements", member, 5),
        (f"{API}/agreements/{signed.pk}", member, 15),
        (f"{API}/plans/{written.plan_id}", member, 10),
        (f"{API}/reports/{approved.pk}", member, 30),
        (f"{API}/public/pilots/{written.plan_id}", {}, 10),
        (f"{API}/public/calls/{network_call.code}/impact", {}, 10),
    ):
        with django_assert_max_num_queries(most):
            assert client.get(url, headers=headers).status_code == 200, url
