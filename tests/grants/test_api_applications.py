"""The application journey through the API, with personal tokens: the pages' services and rules, for programs."""

import dataclasses
import datetime
import hashlib
import json
import zoneinfo
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NOT_SET

from ecodialogue.grants import applications
from ecodialogue.grants.models import Application, Call, Pilot, Submission

from .conftest import LEAD_FORM, pdf_upload, pilot_data
from .test_api_consortia import bearer

pytestmark = pytest.mark.django_db

PILOT_SETTLEMENTS = ("113820100", "117020100", "331010000", "333233100")


def pilot_body(settlement: str, version: int, **overrides) -> dict:
    """The conftest's complete pilot project as JSON: decimals as strings, themes as ids."""
    return json.loads(
        json.dumps({**dataclasses.asdict(pilot_data(settlement, **overrides)), "version": version}, default=str)
    )


def put(client, url, body, headers):
    return client.put(url, body, content_type="application/json", headers=headers)


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def upload(client, application_id, requirement, organization_id, headers, file=None):
    return client.post(
        f"/api/v1/applications/{application_id}/documents",
        {"requirement": requirement, "organization_id": organization_id, "file": file or pdf_upload()},
        headers=headers,
    )


def test_the_whole_journey_through_the_api(
    client, consortium, lead_head, partner_head, lead_ngo, partner_ngo, network_call
):
    lead, partner = bearer(lead_head), bearer(partner_head)

    # The lead NGO starts the application in Kazakh and fills its form.
    started = post(client, f"/api/v1/consortia/{consortium.pk}/application", {"language": "kk"}, lead)
    assert started.status_code == 201, started.json()
    application = started.json()
    assert application["status"] == "draft" and application["editable"] and application["version"] == 1
    assert {m["organization_id"] for m in application["members"]} == {lead_ngo.pk, partner_ngo.pk}
    base = f"/api/v1/applications/{application['id']}"
    saved = put(client, f"{base}/lead-form", {"version": 1, **LEAD_FORM}, lead)
    assert saved.status_code == 200 and saved.json()["version"] == 2
    assert saved.json()["summary"] == LEAD_FORM["summary"]

    # Each member adds and fills its two pilot projects.
    for organization, headers, settlement in zip(
        (lead_ngo, lead_ngo, partner_ngo, partner_ngo), (lead, lead, partner, partner), PILOT_SETTLEMENTS, strict=True
    ):
        added = post(client, f"{base}/pilots", {"organization_id": organization.pk}, headers)
        assert added.status_code == 201, added.json()
        pilot = added.json()
        filled = put(client, f"{base}/pilots/{pilot['id']}", pilot_body(settlement, pilot["version"]), headers)
        assert filled.status_code == 200, filled.json()
        assert filled.json()["budget_total"] == "2750.00" and filled.json()["months"] == 6
        assert [line["category"] for line in filled.json()["budget_lines"]] == ["events", "infrastructure"]
    detail = client.get(base, headers=partner).json()
    assert len(detail["pilots"]) == 4 and detail["total_amount"] == "11000.00"

    # Without the documents the checklist says what is missing, and where.
    checklist = client.get(f"{base}/checklist", headers=lead).json()
    assert checklist["ready"] is False
    missing = {item["code"]: item for item in checklist["items"]}["documents.required"]
    assert not missing["ok"] and {f["subject"] for f in missing["findings"]} == {"documents"}

    for requirement in network_call.required_documents.filter(required=True):
        owners = [(lead_ngo, lead)] if requirement.scope == "consortium" else [(lead_ngo, lead), (partner_ngo, partner)]
        for organization, headers in owners:
            uploaded = upload(client, application["id"], requirement.code, organization.pk, headers)
            assert uploaded.status_code == 201, uploaded.json()
            assert uploaded.json()["file_type"] == "pdf"
    checklist = client.get(f"{base}/checklist", headers=lead).json()
    assert checklist["ready"] is True, [f for item in checklist["items"] for f in item["findings"]]
    assert all(f["severity"] == "info" for f in checklist["priorities"])

    # The head of the lead NGO submits; the receipt carries every document's hash and the whole one.
    submitted = client.post(f"{base}/submit", headers=lead)
    assert submitted.status_code == 201, submitted.json()
    receipt = submitted.json()
    assert receipt["number"] == "OPEN-CALL-001" and receipt["sequence"] == 1
    assert {d["sha256"] for d in receipt["documents"]} == {hashlib.sha256(pdf_upload().read()).hexdigest()}
    assert receipt["verify_url"].endswith(f"?number=OPEN-CALL-001&sha256={receipt['sha256']}")
    assert client.get(f"{base}/receipts/1", headers=partner).json() == receipt
    snapshot = client.get(f"{base}/receipts/1/snapshot", headers=partner)
    assert snapshot["Content-Type"].startswith("application/json")
    assert hashlib.sha256(snapshot.content).hexdigest() == receipt["sha256"]
    assert json.loads(snapshot.content)["total_amount"] == "11000.00"

    frozen = client.get(base, headers=lead).json()
    assert frozen["status"] == "submitted" and frozen["editable"] is False and frozen["number"] == "OPEN-CALL-001"
    assert frozen["submissions"] == [{k: receipt[k] for k in ("sequence", "number", "submitted_at", "sha256")}]
    document = frozen["documents"][0]
    downloaded = client.get(f"{base}/documents/{document['id']}", headers=partner)
    assert downloaded.status_code == 200 and downloaded["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(downloaded.streaming_content)).hexdigest() == document["sha256"]
    again = put(client, f"{base}/lead-form", {"version": frozen["version"], **LEAD_FORM}, lead)
    assert again.status_code == 409 and again.json()["code"] == "application.frozen"

    # Anyone holding the receipt checks it, and learns no person's name or e-mail.
    verify = "/api/v1/receipts/verify"
    valid = client.get(verify, {"number": "open-call-001", "sha256": receipt["sha256"], "document": document["sha256"]})
    assert valid.status_code == 200
    assert valid.json() == {
        "state": "valid",
        "number": "OPEN-CALL-001",
        "call": "open-call",
        "call_title": network_call.title,
        "lead": lead_ngo.name,
        "submitted_at": receipt["submitted_at"],
        "document_found": True,
    }
    for person in (lead_head, partner_head):
        assert person.full_name not in valid.content.decode() and person.email not in valid.content.decode()
    other = client.get(verify, {"number": "OPEN-CALL-001", "sha256": receipt["sha256"], "document": "0" * 64}).json()
    assert other["state"] == "valid" and other["document_found"] is False
    unasked = client.get(verify, {"number": "OPEN-CALL-001", "sha256": receipt["sha256"], "document": ""}).json()
    assert unasked["state"] == "valid" and unasked["document_found"] is None
    garbled = client.get(verify, {"number": "OPEN-CALL-001", "sha256": "not-a-hash"})
    assert garbled.status_code == 422 and garbled.json()["code"] == "validation_error"
    unknown = client.get(verify, {"number": "OPEN-CALL-001", "sha256": "a" * 64}).json()
    assert unknown["state"] == "unknown" and unknown["lead"] is None and unknown["document_found"] is None

    # Someone changes the stored snapshot behind the platform's back (the model refuses to).
    submission = Submission.objects.get()
    tampered = {**submission.snapshot, "total_amount": "12000.00"}
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Submission._meta.db_table} SET snapshot = %s WHERE id = %s",  # noqa: S608
            [json.dumps(tampered), submission.pk],
        )
    altered = client.get(verify, {"number": "OPEN-CALL-001", "sha256": receipt["sha256"]}).json()
    assert altered["state"] == "altered" and altered["number"] == "OPEN-CALL-001"


def test_a_save_from_an_older_version_is_refused_with_both_versions(
    client, application, lead_head, lead_colleague, partner_head, partner_ngo
):
    base = f"/api/v1/applications/{application.pk}"
    colleague = put(client, f"{base}/lead-form", {"version": 1, **LEAD_FORM, "summary": "Әріптестің нұсқасы."},
                    bearer(lead_colleague))  # fmt: skip
    assert colleague.status_code == 200
    stale = put(client, f"{base}/lead-form", {"version": 1, **LEAD_FORM}, bearer(lead_head))
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "application.version" and body["details"]["form"] == "lead"
    assert body["details"]["current"]["summary"] == "Әріптестің нұсқасы."
    assert body["details"]["saved_by"] == lead_colleague.full_name
    application.refresh_from_db()
    assert application.summary == "Әріптестің нұсқасы." and application.version == 2

    partner = bearer(partner_head)
    pilot = post(client, f"{base}/pilots", {"organization_id": partner_ngo.pk}, partner).json()
    first = put(client, f"{base}/pilots/{pilot['id']}", pilot_body("331010000", 1), partner)
    assert first.status_code == 200 and first.json()["version"] == 2
    second = put(client, f"{base}/pilots/{pilot['id']}", pilot_body("331010000", 1, title="Басқа атау"), partner)
    assert second.status_code == 409 and second.json()["code"] == "application.version"
    current = second.json()["details"]["current"]
    assert current["title"] == "Ауылдағы қалдықтарды бөлек жинау" and current["budget_lines"][0]["category"] == "events"


def test_numbers_are_typed_and_garbage_is_refused(client, application, partner_head, partner_ngo):
    base = f"/api/v1/applications/{application.pk}"
    partner = bearer(partner_head)
    pilot = post(client, f"{base}/pilots", {"organization_id": partner_ngo.pk}, partner).json()
    url = f"{base}/pilots/{pilot['id']}"
    for bad in (
        {"participants": "many"},
        {"participants": -1},
        {"activities": [{"title": "Кездесу", "start_month": "first", "end_month": 2}]},
        {"budget_lines": [{"category": "events", "item": "Семинар", "quantity": "1.234", "unit_cost": "10"}]},
        {"budget_lines": [{"category": "events", "item": "Семинар", "quantity": "1e30", "unit_cost": "10"}]},
        {"indicators": [{"name": "Қалдық", "target": "NaN"}]},
        {"themes": [2**40]},
        {"problem": "нөл\x00таңба"},
    ):
        response = put(client, url, {**pilot_body("331010000", 1), **bad}, partner)
        assert response.status_code == 422, (bad, response.json())
        assert response.json()["code"] == "validation_error" and response.json()["details"][0]["loc"]
    surrogate = put(client, url, json.dumps({"version": 1, "title": "\ud800"}), partner)  # valid JSON, not storable
    assert surrogate.status_code == 422 and surrogate.json()["code"] == "validation_error"
    unknown = put(client, url, {**pilot_body("331010000", 1), "settlement": "999999999"}, partner)
    assert unknown.status_code == 422 and unknown.json()["code"] == "settlement.unknown"
    line = {"category": "yachts", "item": "Яхта", "quantity": "1", "unit_cost": "10"}
    foreign = put(client, url, {**pilot_body("331010000", 1), "budget_lines": [line]}, partner)
    assert foreign.status_code == 422 and foreign.json()["code"] == "budget.lines"
    # A half-filled draft saves; the checklist says what is missing.
    draft = put(client, url, {"version": 1, "title": "Жоба", "participants": 10}, partner)
    assert draft.status_code == 200 and draft.json()["women"] is None and draft.json()["budget_lines"] == []


def test_a_file_that_is_not_what_its_name_says_is_refused(client, application, lead_head, lead_ngo):
    lead = bearer(lead_head)
    fake = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    refused = upload(client, application.pk, "registration-certificate", lead_ngo.pk, lead, file=fake)
    assert refused.status_code == 422 and refused.json()["code"] == "documents.file_type"
    assert refused.json()["message"]
    empty = SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")
    assert (
        upload(client, application.pk, "memorandum", lead_ngo.pk, lead, file=empty).json()["code"]
        == "documents.file_empty"
    )
    assert upload(client, application.pk, "passport", lead_ngo.pk, lead).json()["code"] == "documents.slot"
    no_file = client.post(
        f"/api/v1/applications/{application.pk}/documents",
        {"requirement": "memorandum", "organization_id": lead_ngo.pk},
        headers=lead,
    )
    assert no_file.status_code == 422 and no_file.json()["code"] == "validation_error"
    assert not application.documents.exists()


def test_a_submission_that_breaks_the_rules_is_refused_with_the_findings(client, application, lead_head):
    refused = client.post(f"/api/v1/applications/{application.pk}/submit", headers=bearer(lead_head))
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "application.incomplete"
    codes = {finding["code"] for finding in body["details"]}
    assert {"lead.complete", "pilot.count", "documents.required"} <= codes
    assert all(finding["message"] for finding in body["details"])
    assert not Submission.objects.exists()


def test_the_receipt_is_refused_after_the_deadline(client, complete_application, lead_head):
    Call.objects.filter(pk=complete_application.call_id).update(deadline=timezone.now() - datetime.timedelta(minutes=1))
    late = client.post(f"/api/v1/applications/{complete_application.pk}/submit", headers=bearer(lead_head))
    assert late.status_code == 422 and "submission.deadline" in {f["code"] for f in late.json()["details"]}


def test_outsiders_get_404_on_every_operation(client, complete_application, lead_head, outsider, lead_ngo):
    submission = applications.application_submit(application=complete_application, actor=lead_head)
    pilot = complete_application.pilots.first()
    document = complete_application.documents.first()
    base = f"/api/v1/applications/{complete_application.pk}"
    headers = bearer(outsider)
    operations = [
        ("post", f"/api/v1/consortia/{complete_application.consortium_id}/application", {"language": "kk"}),
        ("get", base, None),
        ("put", f"{base}/lead-form", {"version": 1, **LEAD_FORM}),
        ("get", f"{base}/checklist", None),
        ("post", f"{base}/pilots", {"organization_id": lead_ngo.pk}),
        ("get", f"{base}/pilots/{pilot.pk}", None),
        ("put", f"{base}/pilots/{pilot.pk}", pilot_body("113820100", pilot.version)),
        ("delete", f"{base}/pilots/{pilot.pk}", None),
        ("get", f"{base}/documents/{document.pk}", None),
        ("post", f"{base}/submit", None),
        ("get", f"{base}/receipts/{submission.sequence}", None),
        ("get", f"{base}/receipts/{submission.sequence}/snapshot", None),
        ("post", f"{base}/reopen", {"reason": "Құжат қате жүктелген."}),
    ]
    for method, url, body in operations:
        response = client.generic(
            method.upper(), url, json.dumps(body) if body else "", content_type="application/json", headers=headers
        )
        assert response.status_code == 404, (method, url, response.content[:200])
        assert response.json()["code"] == "not_found"
    uploaded = upload(client, complete_application.pk, "memorandum", lead_ngo.pk, headers)
    assert uploaded.status_code == 404 and uploaded.json()["code"] == "not_found"
    for method, url, _body in operations:
        assert client.generic(method.upper(), url).status_code == 401  # and nobody without a token


def test_a_partner_fills_its_pilots_but_not_the_lead_form_and_does_not_submit(
    client, complete_application, partner_head, lead_colleague, lead_head
):
    base = f"/api/v1/applications/{complete_application.pk}"
    partner = bearer(partner_head)
    seen = client.get(base, headers=partner)
    assert seen.status_code == 200 and seen.json()["can_submit"] is False
    lead_form = put(client, f"{base}/lead-form", {"version": complete_application.version, **LEAD_FORM}, partner)
    assert lead_form.status_code == 403 and lead_form.json()["code"] == "permission.denied"
    submit = client.post(f"{base}/submit", headers=partner)
    assert submit.status_code == 403 and submit.json()["code"] == "permission.denied"
    # The lead NGO's colleague fills forms, but only a head of the lead NGO submits.
    assert client.post(f"{base}/submit", headers=bearer(lead_colleague)).status_code == 403
    lead_pilot = complete_application.pilots.filter(organization=complete_application.consortium.lead).first()
    refused = put(client, f"{base}/pilots/{lead_pilot.pk}", pilot_body("113820100", lead_pilot.version), partner)
    assert refused.status_code == 403
    assert client.delete(f"{base}/pilots/{lead_pilot.pk}", headers=partner).status_code == 403
    assert not Submission.objects.exists()
    assert client.get(base, headers=bearer(lead_head)).json()["can_submit"] is True


def test_staff_reopen_and_the_consortium_submits_again(
    client, complete_application, lead_head, partner_head, call_staff
):
    base = f"/api/v1/applications/{complete_application.pk}"
    lead, staff = bearer(lead_head), bearer(call_staff)
    first = client.post(f"{base}/submit", headers=lead).json()
    assert client.get(base, headers=staff).json()["can_reopen"] is True

    assert post(client, f"{base}/reopen", {"reason": "Құжат қате."}, bearer(partner_head)).status_code == 403
    short = post(client, f"{base}/reopen", {"reason": "?"}, staff)
    assert short.status_code == 422 and short.json()["code"] == "application.reason"
    # Without an offset, the moment is read in the call's time zone.
    zone = zoneinfo.ZoneInfo(complete_application.call.time_zone)
    until = (timezone.now() + datetime.timedelta(days=30)).astimezone(zone).replace(microsecond=0, tzinfo=None)
    reopened = post(client, f"{base}/reopen", {"reason": "Тіркеу анықтамасы ескі.", "until": until.isoformat()}, staff)
    assert reopened.status_code == 200, reopened.json()
    assert reopened.json()["status"] == "draft" and reopened.json()["editable"] is True
    complete_application.refresh_from_db()
    assert complete_application.reopened_until == until.replace(tzinfo=zone)
    assert reopened.json()["number"] == first["number"]

    again = client.post(f"{base}/submit", headers=lead)
    assert again.status_code == 201 and again.json()["sequence"] == 2 and again.json()["number"] == first["number"]
    assert [s["sequence"] for s in client.get(base, headers=lead).json()["submissions"]] == [1, 2]
    nonsense = post(client, f"{base}/reopen", {"reason": "Тағы бір рет.", "until": "0001-01-01T00:00"}, staff)
    assert nonsense.status_code == 422 and nonsense.json()["code"] == "validation_error"


def test_the_openapi_schema_documents_every_operation(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operations = [
        (method, path, operation)
        for path, methods in paths.items()
        for method, operation in methods.items()
        if operation.get("tags") == ["applications"]
    ]
    assert len(operations) == 15
    assert all(operation.get("summary") for _method, _path, operation in operations)
    assert "security" not in paths["/api/v1/receipts/verify"]["get"]


def test_no_generated_input_makes_the_application_operations_fail(
    client, application, lead_head, lead_ngo, partner_ngo, partner_head
):
    """Generated bodies and queries against a real draft, with the lead's token: never a server error."""
    pilot = applications.pilot_add(application=application, organization=partner_ngo, actor=partner_head)
    document = applications.document_upload(
        application=application, requirement=application.call.required_documents.get(code="memorandum"),
        organization=lead_ngo, upload=pdf_upload(), actor=lead_head,
    )  # fmt: skip
    real = {"application_id": application.pk, "consortium_id": application.consortium_id, "pilot_id": pilot.pk,
            "document_id": document.pk, "sequence": 1}  # fmt: skip
    headers = bearer(lead_head)
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").json())
    operations = [r.ok() for r in schema.get_all_operations()]
    operations = [op for op in operations if op.definition.raw.get("tags") == ["applications"]]
    assert len(operations) == 15

    for operation in operations:

        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            case.path_parameters = {name: real[name] for name in case.path_parameters or {}}
            path = case.formatted_path
            if isinstance(case.body, dict):  # reach the services: the current version, a real member and slot
                saved = Pilot.objects.filter(pk=pilot.pk) if "/pilots/" in path else Application.objects.all()
                version = saved.values_list("version", flat=True).first()
                pinned = {"version": version, "organization_id": lead_ngo.pk, "requirement": "memorandum"}
                case.body = {k: v if pinned.get(k) is None else pinned[k] for k, v in case.body.items()}
            if case.media_type == "multipart/form-data":
                body = dict(case.body) if isinstance(case.body, dict) else {}
                if isinstance(body.get("file"), bytes | str):
                    content = body["file"].encode() if isinstance(body["file"], str) else body["file"]
                    body["file"] = SimpleUploadedFile("generated.pdf", content)
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
