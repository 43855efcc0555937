"""Records to save in the project database, and the real IATI files when ../shared/data/iati is there."""

from pathlib import Path

import pytest
from django.utils import translation

from ecodialogue.projectdb.models import Project
from ecodialogue.projectdb.services import projects_save

SHARED_IATI = Path(__file__).resolve().parents[3] / "shared" / "data" / "iati"
XSD = Path(__file__).resolve().parents[2] / "ecodialogue" / "projectdb" / "schema" / "iati-activities-schema.xsd"
SHARED_XSD = SHARED_IATI / "schema" / "iati-activities-schema.xsd"


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English; pages choose their language from their URL (/kk/, /ru/, /en/)."""
    with translation.override("en"):
        yield


def make_record(identifier="XI-IATI-EC_INTPA-2016-379586", **changes) -> dict:
    """A complete, valid record: WECOOP 2, as the EU funds it; `changes` replace top-level fields."""
    record = {
        "identifier": identifier,
        "default_language": "en",
        "default_currency": "EUR",
        "last_updated": "2020-01-10T09:00:00+00:00",
        "status": "4",
        "title": {
            "en": "WECOOP 2: EU-Central Asia cooperation on environment and water",
            "ru": "WECOOP 2: сотрудничество ЕС и Центральной Азии в области охраны окружающей среды и водных ресурсов",
            "kk": "WECOOP 2: ЕО мен Орталық Азияның қоршаған орта және су ресурстары саласындағы ынтымақтастығы",
        },
        "descriptions": [
            {
                "type": "1",
                "text": {
                    "en": "Support to regional dialogue on waste management, air quality and climate change.",
                    "ru": (
                        "Поддержка регионального диалога по управлению отходами, качеству воздуха и изменению климата."
                    ),
                    "kk": "Қалдықтарды басқару, ауа сапасы және климаттың өзгеруі бойынша өңірлік диалогты қолдау.",
                },
            }
        ],
        "reporting_org": {"ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Commission - INTPA"}},
        "participating_orgs": [
            {"role": "1", "ref": "XI-IATI-EC_INTPA", "type": "15", "name": {"en": "European Union"}},
            {"role": "4", "ref": "", "type": "70", "name": {"en": "Stantec S.A.", "ru": "Стантек"}},
        ],
        "dates": {"1": "2016-08-01", "2": "2016-08-01", "3": "2019-08-31", "4": "2019-08-31"},
        "countries": [
            {"code": "KZ", "percentage": "20"},
            {"code": "KG", "percentage": "20"},
            {"code": "TJ", "percentage": "20"},
            {"code": "TM", "percentage": "20"},
            {"code": "UZ", "percentage": "20"},
        ],
        "regions": [],
        "sectors": [
            {"code": "41010", "vocabulary": "1", "percentage": "60"},
            {"code": "14010", "vocabulary": "1", "percentage": "40"},
        ],
        "policy_markers": [
            {"code": "6", "vocabulary": "1", "significance": "1"},
            {"code": "7", "vocabulary": "1", "significance": "2"},
        ],
        "locations": [],
        "budgets": [
            {
                "type": "1",
                "status": "2",
                "period_start": "2016-08-01",
                "period_end": "2017-07-31",
                "value": "1998000",
                "currency": "EUR",
                "value_date": "2016-08-01",
            }
        ],
        "transactions": [
            {
                "type": "3",
                "date": "2017-01-15",
                "value": "800000",
                "currency": "EUR",
                "value_date": "2017-01-15",
                "description": {},
                "provider": {"ref": "XI-IATI-EC_INTPA", "name": "European Union"},
                "receiver": {"ref": "", "name": "Stantec S.A."},
            }
        ],
        "documents": [
            {
                "url": "https://wecoop.eu/",
                "format": "text/html",
                "title": {"en": "WECOOP website"},
                "categories": ["A12"],
                "languages": ["en", "ru"],
            }
        ],
        "related": [],
    }
    record.update(changes)
    return record


@pytest.fixture
def save(db):
    """Save records as an import would (no permission check); returns the projects."""

    def _save(*records, source=Project.Source.IATI, source_name="test.xml"):
        results = projects_save(records=list(records), source=source, source_name=source_name)
        problems = [(r.identifier, [f.code for f in r.problems]) for r in results if r.problems]
        assert not problems, problems
        return [r.project for r in results]

    return _save


@pytest.fixture
def staff(staff):
    """The platform's staff, reading English: background imports write their reports in the uploader's language."""
    staff.preferred_language = "en"
    staff.save(update_fields=["preferred_language"])
    return staff
