"""The call's funded pilots as IATI 2.03 activities, checked against the standard's own schema.

The same story as the public pages: the agreement signed, the interim report
approved and two tranches paid. The export must validate against
`../shared/data/iati/schema/iati-activities-schema.xsd` whatever the data (with
and without coordinates, before and after a payment, closed), and its money
must add up: each payment split over the pilots gives back the payment.
"""

# Fixtures are imported to be reused by name (pytest injects them); F811 is that.
# ruff: noqa: F811

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import lxml.etree as etree
import pytest
from django.utils import timezone

from ecodialogue.implementation import agreements, iati
from ecodialogue.implementation.models import Agreement, Payment
from ecodialogue.organizations.models import Settlement, Theme

from .test_public_views import (  # noqa: F401
    ASTANA,
    _private_files,
    another_agreement,
    approved,
    closed,
    reported,
)

pytestmark = pytest.mark.django_db
D = Decimal
SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "data" / "iati" / "schema" / "iati-activities-schema.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def schema():
    if not SCHEMA.exists():
        pytest.skip(f"The IATI 2.03 schema is not at {SCHEMA} (it lives in the shared data folder beside the project).")
    # Loaded by path, so its include (iati-common.xsd) and import (xml.xsd) resolve from the same folder.
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def export(call, schema) -> etree._Element:
    """The call's export, parsed, after checking it against the schema."""
    document = etree.fromstring(iati.call_activities_xml(call))
    if not schema.validate(document):
        pytest.fail("\n".join(f"{e.line}: {e.message}" for e in schema.error_log))
    return document


def values(activity, kind: str) -> list[Decimal]:
    return [
        D(t.findtext("value"))
        for t in activity.findall("transaction")
        if t.find("transaction-type").get("code") == kind
    ]


class TestTheDocument:
    def test_a_signed_agreement_validates(self, signed, schema):
        document = export(signed.call, schema)
        assert document.get("version") == "2.03" and document.get("generated-datetime")
        assert len(document.findall("iati-activity")) == 4

    def test_after_approval_and_payments_it_still_validates(self, approved, signed, schema):
        assert len(export(signed.call, schema).findall("iati-activity")) == 4

    def test_with_coordinates_each_pilot_has_its_point(self, signed, schema):
        Settlement.objects.filter(pk__in=signed.plans.values("settlement_id")).update(**ASTANA)
        document = export(signed.call, schema)
        points = document.findall("iati-activity/location/point")
        assert len(points) == 4
        assert points[0].get("srsName") == "http://www.opengis.net/def/crs/EPSG/0/4326"
        assert points[0].findtext("pos") == "51.169392 71.449074"

    def test_without_coordinates_the_place_by_name_only(self, signed, schema):
        document = export(signed.call, schema)
        assert document.findall("iati-activity/location/point") == []
        names = document.findall("iati-activity/location/name/narrative")
        assert {n.get(XML_LANG) for n in names} == {"kk", "ru"} and all(n.text for n in names)

    def test_a_closed_agreement_validates_as_closed(self, closed, schema):
        document = export(closed.call, schema)
        activity = document.find("iati-activity")
        assert activity.find("activity-status").get("code") == "4"
        assert "4" in [d.get("type") for d in activity.findall("activity-date")]

    def test_two_agreements_in_two_languages(self, approved, signed, call_staff, kato, starts_on, schema):
        another_agreement(signed.call, call_staff, kato, starts_on, language="ru")
        document = export(signed.call, schema)
        assert len(document.findall("iati-activity")) == 8
        assert {a.get(XML_LANG) for a in document.findall("iati-activity")} == {"kk", "ru"}

    def test_a_draft_agreements_pilots_are_not_exported(self, agreement):
        assert etree.fromstring(iati.call_activities_xml(agreement.call)).findall("iati-activity") == []

    def test_nor_a_terminated_ones(self, signed, call_staff):
        agreements.agreement_transition(
            agreement=signed, to=Agreement.Status.TERMINATED, actor=call_staff, note="Бас тартты"
        )
        assert etree.fromstring(iati.call_activities_xml(signed.call)).findall("iati-activity") == []


class TestWhatAnActivitySays:
    def test_identifiers_are_unique_and_built_from_the_grant_makers_bin(self, signed, grant_maker, schema):
        activities = export(signed.call, schema).findall("iati-activity")
        identifiers = [a.findtext("iati-identifier") for a in activities]
        assert len(set(identifiers)) == 4
        assert identifiers[0] == f"KZ-BIN-{grant_maker.bin}-{signed.number}-1"
        assert all(a.find("reporting-org").get("ref") == f"KZ-BIN-{grant_maker.bin}" for a in activities)

    def test_every_text_has_its_narrative_in_the_applications_language(self, signed, schema):
        activity = export(signed.call, schema).find("iati-activity")
        plan = signed.plans.first()
        title = activity.find("title/narrative")
        assert title.text == plan.title and title.get(XML_LANG) == "kk"
        assert activity.find("description/narrative").text == plan.summary
        assert activity.get(XML_LANG) == "kk" and activity.get("default-currency") == "EUR"
        assert all(n.text for n in activity.iter("narrative"))

    def test_the_eu_funds_the_grant_maker_extends_the_ngo_implements(self, signed, lead_ngo, grant_maker, schema):
        activity = export(signed.call, schema).find("iati-activity")
        roles = {p.get("role"): p for p in activity.findall("participating-org")}
        assert roles["1"].get("ref") == "XI-IATI-EC_INTPA" and roles["1"].findtext("narrative") != ""
        assert "European Union" in [n.text for n in roles["1"].findall("narrative")]
        assert roles["3"].get("ref") == f"KZ-BIN-{grant_maker.bin}" and roles["3"].get("type") == "22"
        assert roles["4"].get("ref") == f"KZ-BIN-{lead_ngo.bin}" and roles["4"].get("type") == "22"
        assert lead_ngo.name_kk in [n.text for n in roles["4"].findall("narrative")]

    def test_status_dates_country_sector_and_budget(self, signed, schema):
        activity = export(signed.call, schema).find("iati-activity")
        plan = signed.plans.first()
        assert activity.find("activity-status").get("code") == "2"
        dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
        assert dates == {
            "1": plan.starts_on.isoformat(),
            "2": plan.starts_on.isoformat(),
            "3": plan.ends_on.isoformat(),
        }
        assert activity.find("recipient-country").attrib == {"code": "KZ", "percentage": "100"}
        assert [(s.get("code"), s.get("percentage")) for s in activity.findall("sector")] == [("41010", "100")]
        budget = activity.find("budget")
        assert (budget.get("type"), budget.get("status")) == ("1", "2")
        assert D(budget.findtext("value")) == plan.budget_total == D("2750")

    def test_the_pilots_themes_choose_its_sectors(self, signed, schema):
        plan = signed.plans.first()
        plan.pilot.themes.set(Theme.objects.filter(slug__in=["waste-management", "environmental-education"]))
        activity = export(signed.call, schema).find("iati-activity")
        assert [(s.get("code"), s.get("percentage")) for s in activity.findall("sector")] == [
            ("14050", "50"),
            ("41081", "50"),
        ]


class TestMoney:
    def test_a_commitment_of_each_pilots_share_at_signature(self, signed, schema):
        activities = export(signed.call, schema).findall("iati-activity")
        commitments = [values(a, "2") for a in activities]
        assert all(len(c) == 1 for c in commitments)
        assert sum(c[0] for c in commitments) == signed.amount

    def test_no_disbursement_before_a_payment(self, signed, schema):
        assert all(values(a, "3") == [] for a in export(signed.call, schema).findall("iati-activity"))

    def test_disbursements_add_up_to_the_payments(self, approved, signed, schema):
        activities = export(signed.call, schema).findall("iati-activity")
        by_tranche = defaultdict(Decimal)
        for activity in activities:
            for transaction in activity.findall("transaction"):
                if transaction.find("transaction-type").get("code") == "3":
                    by_tranche[transaction.get("ref").rsplit("-T", 1)[1]] += D(transaction.findtext("value"))
                    assert transaction.find("transaction-date").get("iso-date") == timezone.localdate().isoformat()
        payments = {str(p.tranche.position): p.amount for p in Payment.objects.select_related("tranche")}
        assert by_tranche == payments == {"1": D("5500.00"), "2": D("4400.00")}

    def test_a_split_keeps_every_cent(self):
        assert iati.split(D("100"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
        assert sum(iati.split(D("4400.01"), [D("2750"), D("1000"), D("3"), D("0")])) == D("4400.01")
        assert iati.split(D("10"), [D(0), D(0)]) == [D("5.00"), D("5.00")]


class TestTheDownload:
    def test_anyone_downloads_it(self, client, signed):
        response = client.get(f"/kk/calls/{signed.call.code}/iati.xml")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{signed.call.code}-iati.xml"'
        assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")

    def test_a_terminated_agreements_call_has_none(self, client, signed, call_staff):
        agreements.agreement_transition(
            agreement=signed, to=Agreement.Status.TERMINATED, actor=call_staff, note="Бас тартты"
        )
        assert client.get(f"/kk/calls/{signed.call.code}/iati.xml").status_code == 404


def test_a_control_character_typed_into_a_title_does_not_break_the_file():
    from lxml import etree

    from ecodialogue.implementation.iati import _el

    root = etree.Element("iati-activities")
    _el(root, "narrative", "Қалдықтар\x01 және\x0b климат", ref="KZ\x02-1")
    assert (
        etree.tostring(root, encoding="unicode")
        == '<iati-activities><narrative ref="KZ-1">Қалдықтар және климат</narrative></iati-activities>'
    )
